//! Renderers: outputs of the same [`Context`]. The Typst source renderer fills the Tera
//! template of the document's kind; the PDF stage ([`pdf::compile`], then [`pdf::export`])
//! typesets that source in-process, in two steps so that `vanban check` can lay a document
//! out without exporting it.

pub mod docx;
pub mod escape;
pub mod merge;
pub mod pdf;
pub mod typst_source;

use crate::context::Context;
use crate::diag::Report;

/// One file a renderer produces, named by its extension.
pub struct Artifact {
    pub extension: &'static str,
    pub bytes: Vec<u8>,
}

/// A renderer of the one serialisable context (as in mdBook).
pub trait Renderer {
    /// Produce the output, or the errors that prevent it (warnings go to `report` too).
    fn render(&self, ctx: &Context, report: &mut Report) -> Option<Artifact>;
}
