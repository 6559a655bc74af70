//! Metanorma GB semantic XML (`gb-standard`): clauses, terms and annexes rendered to the same view.

use super::render::Renderer;
use super::walker::Element;

impl<'a> Renderer<'a> {
    pub(super) fn metanorma(&mut self, root: &'a Element) {
        self.children(root, &[]);
    }

    pub(super) fn metanorma_element(&mut self, element: &'a Element) {
        self.children(element, &[]);
    }
}
