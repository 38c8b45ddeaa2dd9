//! The documents `vanban serve` shows and the compile side: the list of documents (by id,
//! never by a path from a URL), one compile of a document to laid-out pages, figures and
//! messages, and its pages as SVG, cached by the hash of each page so that an edit renders
//! only the pages it changed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::diag::{Diagnostic, Report};
use crate::figures::Table;
use crate::pipeline::{self, Job};
use crate::render::docx::DocxRenderer;
use crate::render::pdf;
use crate::render::typst_source::TypstSource;
use crate::render::Renderer;
use crate::t;
use crate::templates::TemplateSet;
use crate::world::Shared;

/// One document of the list.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Stable for the life of the file: a hash of its path (and family member).
    pub id: String,
    pub job: Job,
    /// The path shown, relative to the served folder.
    pub rel: String,
    /// The folder it is listed under (`.` for the served folder itself).
    pub folder: String,
}

/// The id of a job: the same file always has the same id, so a page reloaded after a restart
/// still finds its document.
pub fn id_of(job: &Job) -> String {
    format!("{:016x}", typst::utils::hash128(&job.key()) as u64)
}

/// Whether `path` is a regular file (not a link) inside one of `roots` (canonical paths;
/// a root that is a file allows that file only).
pub fn inside(roots: &[PathBuf], path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.file_type().is_file() {
        return false;
    }
    let Ok(real) = std::fs::canonicalize(path) else {
        return false;
    };
    roots.iter().any(|r| {
        if r.is_dir() {
            real.starts_with(r)
        } else {
            &real == r
        }
    })
}

/// The documents under the roots, as `vanban build` finds them (links are not followed,
/// names starting with `_` are shared files), less anything that resolves outside the roots.
pub fn list(roots: &[PathBuf]) -> Vec<Doc> {
    let Ok(jobs) = pipeline::collect(roots, Path::new("")) else {
        return Vec::new();
    };
    let mut docs = Vec::new();
    for job in jobs {
        if job.member.as_ref().is_some_and(|(name, _)| {
            name == crate::family::MERGED || name == crate::family::BAD_ROWS
        }) {
            continue;
        }
        if !inside(roots, &job.input) {
            continue;
        }
        let root = roots
            .iter()
            .find(|r| r.is_dir() && job.input.starts_with(r));
        let rel_path = match root {
            Some(r) => job
                .input
                .strip_prefix(r)
                .unwrap_or(&job.input)
                .to_path_buf(),
            None => PathBuf::from(job.input.file_name().unwrap_or_default()),
        };
        let folder = rel_path
            .parent()
            .map(|p| p.display().to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".to_string());
        let mut rel = rel_path.display().to_string();
        if let Some((name, _)) = &job.member {
            rel = format!("{rel} — {name}");
        }
        docs.push(Doc {
            id: id_of(&job),
            job,
            rel,
            folder,
        });
    }
    docs
}

/// One page as the browser sees it: its number (from 1), the hash its SVG is fetched by,
/// and its size in points.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageInfo {
    pub n: usize,
    pub hash: String,
    pub w: f64,
    pub h: f64,
}

/// A diagnostic for the browser.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// The file, relative to the served folder when it is inside it.
    pub file: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    pub snippet: Option<String>,
    /// The diagnostic is in the document's own YAML (so the editing pane can show it).
    pub own: bool,
}

/// A computed figure for the figures panel.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    pub name: String,
    pub value: String,
    pub how: String,
}

/// What the browser shows of a document: the last good pages, and the messages and figures
/// of the newest compile.
#[derive(Debug, Clone, Serialize, Default)]
pub struct DocState {
    pub id: String,
    /// Grows with every compile of any document: the browser shows only the newest.
    pub rev: u64,
    /// Compiled at least once (else the pages are still to come).
    pub compiled: bool,
    pub kind: String,
    pub title: String,
    pub pages: Vec<PageInfo>,
    pub errors: Vec<Message>,
    pub warnings: Vec<Message>,
    pub figures: Vec<FigureRow>,
}

/// The outcome of one compile, before its pages are rendered.
pub struct Compiled {
    pub report: Report,
    pub pages: Option<Vec<typst_layout::Page>>,
    pub figures: Option<Vec<FigureRow>>,
    pub kind: Option<String>,
    pub title: Option<String>,
    /// Files the document was computed from besides itself (canonical when they exist).
    pub deps: Vec<PathBuf>,
}

/// The engine of the compile thread: the standard library, fonts and templates, loaded once
/// and reloaded when a template changes. Typst's caches stay warm between compiles.
pub struct Compiler {
    templates_dir: PathBuf,
    shared: Shared,
    source: TypstSource,
    /// Why the templates could not be reloaded: every document shows it until they can.
    template_errors: Vec<Diagnostic>,
}

impl Compiler {
    pub fn new(templates_dir: &Path) -> Result<Compiler, Vec<Diagnostic>> {
        let (shared, source) = engine(templates_dir)?;
        Ok(Compiler {
            templates_dir: templates_dir.to_path_buf(),
            shared,
            source,
            template_errors: Vec::new(),
        })
    }

    /// Reads the templates again; when they do not load, the old ones stay and their errors
    /// are shown.
    pub fn reload(&mut self) {
        match engine(&self.templates_dir) {
            Ok((shared, source)) => {
                self.shared = shared;
                self.source = source;
                self.template_errors.clear();
            }
            Err(e) => self.template_errors = e,
        }
    }

    /// Compiles one document to laid-out pages.
    pub fn compile(&self, job: &Job) -> Compiled {
        let mut report = Report::default();
        report.items.extend(self.template_errors.iter().cloned());
        let mut out = Compiled {
            report: Report::default(),
            pages: None,
            figures: None,
            kind: None,
            title: None,
            deps: Vec::new(),
        };
        if self.template_errors.is_empty() {
            let member = job.member.as_ref().map(|(n, _)| n.as_str());
            if let Some(prepared) =
                pipeline::prepare_member(&job.input, member, &self.shared, &mut report)
            {
                out.deps = prepared
                    .deps
                    .iter()
                    .map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.clone()))
                    .collect();
                out.figures = Some(figure_rows(&prepared.table));
                let ctx = prepared.ctx;
                out.kind = Some(kind_name(ctx.loai));
                out.title = Some(ctx.trich_yeu.join(" "));
                if let Some(typ) = self.source.render(&ctx, &mut report) {
                    let text = String::from_utf8(typ.bytes).expect("generated source is UTF-8");
                    let date = pdf::document_date(&ctx);
                    let doc = pdf::compile(&self.shared, text, date, &mut report, &mut Vec::new());
                    out.pages = doc.map(|d| d.pages().to_vec());
                }
            }
        }
        // A long session must not grow the caches for ever; a few generations keep the
        // documents being edited warm.
        typst::comemo::evict(8);
        out.report = report;
        out
    }

    /// The document as a file to download: PDF (its standard as `vanban build` would choose)
    /// or Word.
    pub fn export(&self, job: &Job, docx: bool) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let mut report = Report::default();
        let member = job.member.as_ref().map(|(n, _)| n.as_str());
        let bytes = (|| {
            let (prepared, yaml) =
                pipeline::prepare_with_source(&job.input, member, &self.shared, &mut report)?;
            if docx {
                // The download carries its source, as `vanban build`'s .docx does.
                let record = pipeline::source_record(&job.input, &yaml, &prepared.deps, member);
                let bytes = DocxRenderer.render(&prepared.ctx, &mut report)?.bytes;
                return pipeline::with_source(bytes, &record, &job.input, &mut report);
            }
            let ctx = prepared.ctx;
            let typ = self.source.render(&ctx, &mut report)?;
            let text = String::from_utf8(typ.bytes).expect("generated source is UTF-8");
            let date = pdf::document_date(&ctx);
            let doc = pdf::compile(&self.shared, text, date, &mut report, &mut Vec::new())?;
            let standard = pipeline::Options::default();
            pdf::export(&doc, date, standard.standard_for(&ctx), &mut report)
        })();
        match bytes {
            Some(b) if !report.has_errors() => Ok(b),
            _ => Err(report.errors().cloned().collect()),
        }
    }
}

fn engine(templates: &Path) -> Result<(Shared, TypstSource), Vec<Diagnostic>> {
    let set = TemplateSet::load(Some(templates)).map_err(|e| {
        vec![Diagnostic::error(
            templates,
            None,
            t!(
                "lỗi: không đọc được thư mục mẫu {dir}: {e}",
                dir = templates.display(),
                e = e
            ),
        )]
    })?;
    let source = TypstSource::new(&set)?;
    Ok((Shared::new(set), source))
}

/// The kind's name as a clerk says it (`Kế hoạch`).
fn kind_name(code: &str) -> String {
    crate::model::KINDS
        .iter()
        .find(|k| k.1 == code)
        .map(|k| k.2.to_string())
        .unwrap_or_else(|| code.to_string())
}

/// The kind named on a `loai:` line of a YAML text, for a document that does not load.
pub fn kind_in_text(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("loai:"))
        .map(|v| kind_name(v.trim().trim_matches(['"', '\''])))
}

/// The figures of a document with how each was obtained, as [`crate::figures`] recorded it.
pub fn figure_rows(table: &Table) -> Vec<FigureRow> {
    table
        .figures
        .iter()
        .map(|(name, f)| FigureRow {
            name: name.clone(),
            value: f.display(),
            how: f.how.clone(),
        })
        .collect()
}

/// A diagnostic as the browser shows it: paths relative to the served folders. A file
/// outside them (a template, or a file a document named but was not allowed to read) is shown
/// by its name only, and without its text.
pub fn message(d: &Diagnostic, folders: &[PathBuf], own: &Path) -> Message {
    let real = std::fs::canonicalize(&d.file).unwrap_or_else(|_| d.file.clone());
    let inside = folders
        .iter()
        .find_map(|r| real.strip_prefix(r).ok())
        .map(Path::to_path_buf);
    let (shown, snippet) = match inside {
        Some(rel) => (rel, d.snippet.clone()),
        None => (PathBuf::from(d.file.file_name().unwrap_or_default()), None),
    };
    Message {
        file: shown.display().to_string(),
        line: d.pos.map(|p| p.line),
        col: d.pos.map(|p| p.column),
        message: d.message.clone(),
        hint: d.hint.clone(),
        snippet,
        own: real == own,
    }
}

/// The SVG of each page, reusing the SVG of any page whose hash is in `cache`: an edit
/// renders only the pages it changed.
pub fn render_pages(
    pages: &[typst_layout::Page],
    cache: &HashMap<String, Arc<str>>,
) -> (Vec<PageInfo>, HashMap<String, Arc<str>>) {
    let mut infos = Vec::with_capacity(pages.len());
    let mut svgs = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        let hash = format!("{:032x}", typst::utils::hash128(page));
        let svg = match cache.get(&hash) {
            Some(s) => s.clone(),
            None => Arc::from(typst_svg::svg(page, &typst_svg::SvgOptions::default())),
        };
        let size = page.frame.size();
        infos.push(PageInfo {
            n: i + 1,
            hash: hash.clone(),
            w: size.x.to_pt(),
            h: size.y.to_pt(),
        });
        svgs.insert(hash, svg);
    }
    (infos, svgs)
}

/// Counts for the list: (errors, warnings).
pub fn counts(state: &DocState) -> (usize, usize) {
    (state.errors.len(), state.warnings.len())
}

/// The starters of `vanban new`, for "new document": kind code, kind name, text.
pub type Starters = Vec<(String, String, String)>;

/// The entries of the list as JSON values, grouped by folder in list order.
pub fn list_json(docs: &[Doc], states: &HashMap<String, DocState>) -> serde_json::Value {
    let mut folders: BTreeMap<&str, Vec<serde_json::Value>> = BTreeMap::new();
    for d in docs {
        let st = states.get(&d.id);
        let (errors, warnings) = st.map(counts).unwrap_or((0, 0));
        folders
            .entry(&d.folder)
            .or_default()
            .push(serde_json::json!({
                "id": d.id,
                "file": d.rel,
                "kind": st.map(|s| s.kind.as_str()).unwrap_or(""),
                "title": st.map(|s| s.title.as_str()).unwrap_or(""),
                "compiled": st.is_some_and(|s| s.compiled),
                "errors": errors,
                "warnings": warnings,
            }));
    }
    serde_json::Value::Array(
        folders
            .into_iter()
            .map(|(folder, docs)| serde_json::json!({"folder": folder, "docs": docs}))
            .collect(),
    )
}
