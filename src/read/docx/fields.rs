//! Complex fields (`w:fldChar` begin … separate … end): only the cached result shows.
//!
//! Fields nest (a PAGEREF inside a TOC) and may span paragraphs (the 目次 result, a long
//! FORMTEXT). Text is visible when every open field is in its result part. A field whose code
//! has not ended by the end of its paragraph is dropped there, so that a broken field cannot
//! hide the rest of the document.

/// Fields nested deeper than this are counted but not tracked.
const MAX_FIELDS: usize = 64;

#[derive(Debug, Default)]
pub(crate) struct Fields {
    /// For each open field: whether its result part has started.
    open: Vec<bool>,
    overflow: usize,
}

impl Fields {
    pub fn begin(&mut self) {
        if self.open.len() < MAX_FIELDS {
            self.open.push(false);
        } else {
            self.overflow += 1;
        }
    }

    pub fn separate(&mut self) {
        if self.overflow == 0 {
            if let Some(top) = self.open.last_mut() {
                *top = true;
            }
        }
    }

    pub fn end(&mut self) {
        if self.overflow > 0 {
            self.overflow -= 1;
        } else {
            self.open.pop();
        }
    }

    pub fn visible(&self) -> bool {
        self.overflow == 0 && self.open.iter().all(|&result| result)
    }

    pub fn end_paragraph(&mut self) {
        self.overflow = 0;
        self.open.retain(|&result| result);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_results_show_and_broken_codes_end_with_the_paragraph() {
        let mut f = Fields::default();
        assert!(f.visible());
        f.begin();
        assert!(!f.visible());
        f.separate();
        assert!(f.visible());
        f.begin();
        assert!(!f.visible());
        f.separate();
        f.end();
        assert!(f.visible());
        f.end();
        f.begin();
        assert!(!f.visible());
        f.end_paragraph();
        assert!(f.visible());
    }
}
