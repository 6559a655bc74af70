//! The NISO STS / ISO STS reader: quick-xml events rendered to a [`TextView`](super::TextView).

use super::{ReadError, TextView};

/// Reads an STS XML document. (Being built: until then XML is reported as a format to convert.)
pub fn read(_bytes: &[u8]) -> Result<TextView, ReadError> {
    Err(ReadError::Unsupported { extension: "xml" })
}
