//! vanban: YAML data → Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP) → PDF.
//!
//! The pipeline: [`load`] (YAML with located errors) → [`context`] (validate, number,
//! punctuate, cite [`figures`]) → [`render`] (Typst source through Tera, then PDF through the
//! embedded Typst compiler in our [`world`]) → [`pipeline`] (files in, files out).

/// mimalloc instead of the system allocator: typst allocates and frees small objects at a high
/// rate (malloc/free were ~12 % of a batch's samples with glibc). Built with `no_thp`: with
/// transparent huge pages its resident memory grew from ~95 to ~145 MiB on two workers.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod batch;
pub mod context;
pub mod diag;
pub mod family;
pub mod figures;
pub mod fonts;
pub mod i18n;
pub mod import;
pub mod load;
pub mod messages;
pub mod model;
pub mod numfmt;
pub mod pipeline;
pub mod platform;
pub mod render;
pub mod samples;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
pub mod templates;
pub mod world;
