//! The Word (.docx) reader: zip + quick-xml, rendered to a [`TextView`](super::TextView).

use super::{ReadError, TextView};

/// Reads a .docx package. (Being built: until then a .docx is reported as a format to convert.)
pub fn read(_bytes: &[u8]) -> Result<TextView, ReadError> {
    Err(ReadError::Unsupported { extension: "docx" })
}
