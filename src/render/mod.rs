//! Renderers: separate outputs of the same [`Context`]. The Typst source renderer fills the
//! Tera template of the document's kind; the PDF renderer compiles that source in-process.

pub mod escape;
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
    /// Short name, as given to `--emit`.
    fn name(&self) -> &'static str;
    /// Produce the output, or the errors that prevent it (warnings go to `report` too).
    fn render(&self, ctx: &Context, report: &mut Report) -> Option<Artifact>;
}
