//! The pipeline over files: load → validate and compute → render → write, one document at a
//! time; one document's failure never stops the others.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::context::{self, Prepared};
use crate::diag::{Diagnostic, Report};
use crate::load;
use crate::render::pdf;
use crate::render::typst_source::TypstSource;
use crate::render::Renderer;
use crate::t;
use crate::world::Shared;

/// One document to process and where its outputs go (without extension).
#[derive(Debug, Clone)]
pub struct Job {
    pub input: PathBuf,
    pub output: PathBuf,
}

/// Finds the documents under the given paths. A folder is walked for `.yaml`/`.yml` files and
/// its structure is mirrored under `out` (`data/lang-son/x.yaml` → `out/lang-son/x`).
pub fn collect(paths: &[PathBuf], out: &Path) -> Result<Vec<Job>, Box<Diagnostic>> {
    let mut jobs = Vec::new();
    for p in paths {
        if p.is_file() {
            let stem = p.file_stem().unwrap_or_default();
            jobs.push(Job {
                input: p.clone(),
                output: out.join(stem),
            });
        } else if p.is_dir() {
            let mut found: Vec<PathBuf> = WalkDir::new(p)
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                // Names starting with "_" are shared files and partials, not documents.
                .filter(|e| {
                    let rel = e.path().strip_prefix(p).unwrap_or(e.path());
                    !rel.components()
                        .any(|c| c.as_os_str().to_string_lossy().starts_with('_'))
                })
                .map(|e| e.into_path())
                .filter(|f| matches!(f.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .collect();
            found.sort();
            for f in found {
                let rel = f.strip_prefix(p).unwrap_or(&f).with_extension("");
                jobs.push(Job {
                    input: f,
                    output: out.join(rel),
                });
            }
        } else {
            return Err(Box::new(
                Diagnostic::error(p, None, t!("không tìm thấy tệp hoặc thư mục này")).with_hint(
                    t!("kiểm tra lại đường dẫn; mặc định vanban đọc thư mục data/"),
                ),
            ));
        }
    }
    Ok(jobs)
}

/// What happened to one document.
pub struct Outcome {
    pub job: Job,
    pub report: Report,
    pub written: Vec<PathBuf>,
    /// Seconds spent in load + compute, Typst source, layout and PDF export.
    pub phases: [f64; 4],
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.report.has_errors()
    }
}

/// What to produce.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Write files (false for `vanban check`).
    pub write: bool,
    /// Also write the generated Typst source beside the PDF.
    pub emit_typ: bool,
}

/// Load, validate and compute one document: the context every renderer works from.
pub fn prepare(path: &Path, shared: &Shared, report: &mut Report) -> Option<Prepared> {
    let loaded = match load::load(path) {
        Ok(l) => l,
        Err(diags) => {
            report.items.extend(diags);
            return None;
        }
    };
    let prepared = context::build(&loaded, &shared.fonts, report);
    if report.has_errors() {
        return None;
    }
    Some(prepared)
}

/// What a document read besides its own file, for the batch manifest.
#[derive(Debug, Default)]
pub struct Reads {
    /// Shared and inherited files.
    pub files: Vec<PathBuf>,
    /// Templates: its kind's Tera template, the Tera files every kind shares, and the Typst
    /// files the compilation read.
    pub templates: Vec<String>,
}

/// Runs one document through the whole pipeline; also returns what it read.
pub fn process(
    job: &Job,
    shared: &Shared,
    source: &TypstSource,
    opts: &Options,
) -> (Outcome, Reads) {
    let mut report = Report::default();
    let mut written = Vec::new();
    let mut reads = Reads::default();
    let mut phases = [0.0; 4];
    let mut clock = std::time::Instant::now();
    let mut lap = |i: usize| {
        phases[i] += clock.elapsed().as_secs_f64();
        clock = std::time::Instant::now();
    };
    let result = (|| {
        let prepared = prepare(&job.input, shared, &mut report);
        lap(0);
        let prepared = prepared?;
        reads.files = prepared.deps;
        let ctx = prepared.ctx;
        reads.templates = source.templates_of(&source.template_for(&ctx));
        let typ = source.render(&ctx, &mut report);
        lap(1);
        let typ = typ?;
        let date = pdf::document_date(&ctx);
        if opts.write && opts.emit_typ {
            written.push(write_atomic(&job.output, "typ", &typ.bytes, &mut report)?);
        }
        // `check` typesets too, so layout errors are found without writing anything.
        let text = String::from_utf8(typ.bytes).expect("generated source is UTF-8");
        let doc = pdf::compile(shared, text, date, &mut report, &mut reads.templates);
        lap(2);
        let doc = doc?;
        if opts.write {
            let bytes = pdf::export(&doc, date, &mut report);
            lap(3);
            written.push(write_atomic(&job.output, "pdf", &bytes?, &mut report)?);
        }
        Some(())
    })();
    if result.is_none() && opts.write {
        // Never leave an old PDF that looks current beside a failed build.
        let stale = job.output.with_extension("pdf");
        if stale.exists() && std::fs::remove_file(&stale).is_ok() {
            report.push(Diagnostic::warning(
                &job.input,
                None,
                t!(
                    "đã xoá bản PDF cũ {file} vì lần dựng này lỗi",
                    file = stale.display()
                ),
            ));
        }
        written.clear();
    }
    (
        Outcome {
            job: job.clone(),
            report,
            written,
            phases,
        },
        reads,
    )
}

/// Writes through a temporary file and a rename, so a reader never sees half a file.
fn write_atomic(stem: &Path, ext: &str, bytes: &[u8], report: &mut Report) -> Option<PathBuf> {
    let path = stem.with_extension(ext);
    let res = (|| {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let tmp = path.with_file_name(format!(".{name}.vanban-tmp{}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path)
    })();
    match res {
        Ok(()) => Some(path),
        Err(e) => {
            report.push(Diagnostic::error(
                &path,
                None,
                t!("không ghi được tệp: {e}", e = e),
            ));
            None
        }
    }
}
