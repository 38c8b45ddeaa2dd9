//! The pipeline over files: load → validate and compute → render → write, one document at a
//! time; one document's failure never stops the others.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::context::{self, Prepared};
use crate::diag::{Diagnostic, Report};
use crate::load;
use crate::render::docx::DocxRenderer;
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
    /// A member of a family (họ văn bản): its name and a hash of its row, which decide
    /// whether it is rebuilt.
    pub member: Option<(String, String)>,
}

impl Job {
    fn plain(input: PathBuf, output: PathBuf) -> Job {
        Job {
            input,
            output,
            member: None,
        }
    }

    /// The key of the job in the manifest: the input, and the member's name for a family.
    pub fn key(&self) -> String {
        match &self.member {
            Some((name, _)) => format!("{}#{name}", self.input.to_string_lossy()),
            None => self.input.to_string_lossy().to_string(),
        }
    }
}

/// The jobs of one document file: itself, or one per member of a family whose table reads
/// (when it does not, the family is one job that reports why). Outputs go to `stem`'s folder.
fn jobs_of(input: PathBuf, stem: PathBuf) -> Vec<Job> {
    let is_family = crate::load::read(&input)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .map(|t| crate::family::is_family(&t))
        .unwrap_or(false);
    if !is_family {
        return vec![Job::plain(input, stem)];
    }
    match crate::family::expand(&input) {
        Ok((members, bad_rows, merged)) => {
            let dir = stem.parent().map(Path::to_path_buf).unwrap_or_default();
            // The merged PDF depends on every copy: its "row" is all of them.
            let all = format!(
                "{:032x}",
                typst::utils::hash128(&members.iter().map(|m| &m.hash).collect::<Vec<_>>())
            );
            let mut jobs: Vec<Job> = members
                .into_iter()
                .map(|m| Job {
                    input: input.clone(),
                    output: dir.join(&m.name),
                    member: Some((m.name, m.hash)),
                })
                .collect();
            // The bad rows are reported once, by a job of their own that writes nothing.
            if bad_rows {
                jobs.push(Job {
                    input: input.clone(),
                    output: stem.clone(),
                    member: Some((crate::family::BAD_ROWS.to_string(), String::new())),
                });
            }
            if merged && !jobs.is_empty() {
                jobs.push(Job {
                    input: input.clone(),
                    output: stem,
                    member: Some((crate::family::MERGED.to_string(), all)),
                });
            }
            jobs
        }
        Err(_) => vec![Job::plain(input, stem)],
    }
}

/// Finds the documents under the given paths. A folder is walked for `.yaml`/`.yml` files and
/// its structure is mirrored under `out` (`data/lang-son/x.yaml` → `out/lang-son/x`).
pub fn collect(paths: &[PathBuf], out: &Path) -> Result<Vec<Job>, Box<Diagnostic>> {
    let mut jobs = Vec::new();
    for p in paths {
        if p.is_file() {
            let stem = p.file_stem().unwrap_or_default();
            jobs.extend(jobs_of(p.clone(), out.join(stem)));
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
                jobs.extend(jobs_of(f, out.join(rel)));
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
    /// Outputs that could not be replaced because another program holds them open.
    pub locked: Vec<PathBuf>,
    /// Seconds spent in load + compute, Typst source, layout, PDF export and .docx.
    pub phases: [f64; 5],
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.report.has_errors()
    }
}

/// An output format of `vanban build --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// PDF through Typst.
    Pdf,
    /// Word, from the same context; Typst is not run for it.
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// Parses `pdf`, `docx` or a comma-separated list of them (`pdf,docx`).
    pub fn parse_list(s: &str) -> Result<Vec<Format>, String> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let f = match part.to_ascii_lowercase().as_str() {
                "pdf" => Format::Pdf,
                "docx" => Format::Docx,
                _ => {
                    return Err(t!(
                        "định dạng `{f}` không có; chọn pdf, docx hoặc pdf,docx",
                        f = part
                    ))
                }
            };
            if !out.contains(&f) {
                out.push(f);
            }
        }
        if out.is_empty() {
            return Err(t!("chưa chọn định dạng; chọn pdf, docx hoặc pdf,docx"));
        }
        out.sort();
        Ok(out)
    }
}

/// What to produce.
#[derive(Debug, Clone)]
pub struct Options {
    /// Write files (false for `vanban check`).
    pub write: bool,
    /// Also write the generated Typst source beside the PDF.
    pub emit_typ: bool,
    /// The outputs to write (`check` typesets for PDF whatever this says).
    pub formats: Vec<Format>,
    /// The PDF standard of documents that do not name one (`--pdf-standard`).
    pub pdf_standard: String,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            write: false,
            emit_typ: false,
            formats: vec![Format::Pdf],
            pdf_standard: pdf::DEFAULT_STANDARD.to_string(),
        }
    }
}

impl Options {
    /// The file extensions a build with these options writes for each document.
    pub fn extensions(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self.formats.iter().map(|f| f.extension()).collect();
        if self.emit_typ && self.formats.contains(&Format::Pdf) {
            out.push("typ");
        }
        out
    }

    /// The PDF standard of one document: its own `trinh_bay.chuan_pdf`, else the run's.
    pub fn standard_for<'a>(&'a self, ctx: &'a crate::context::Context) -> &'a str {
        ctx.layout
            .chuan_pdf
            .as_deref()
            .unwrap_or(&self.pdf_standard)
    }

    /// Whether Typst runs: for a PDF, and always for `check`, which finds layout errors.
    fn typesets(&self) -> bool {
        !self.write || self.formats.contains(&Format::Pdf)
    }
}

/// Load, validate and compute one document: the context every renderer works from.
pub fn prepare(path: &Path, shared: &Shared, report: &mut Report) -> Option<Prepared> {
    prepare_member(path, None, shared, report)
}

/// [`prepare`] for one member of a family (by name), or for a plain document.
pub fn prepare_member(
    path: &Path,
    member: Option<&str>,
    shared: &Shared,
    report: &mut Report,
) -> Option<Prepared> {
    prepare_with_source(path, member, shared, report).map(|(p, _)| p)
}

/// [`prepare_member`], with the YAML's text as it was read (the .docx carries it).
pub fn prepare_with_source(
    path: &Path,
    member: Option<&str>,
    shared: &Shared,
    report: &mut Report,
) -> Option<(Prepared, String)> {
    let mut loaded = match load::load(path) {
        Ok(l) => l,
        Err(diags) => {
            report.items.extend(diags);
            return None;
        }
    };
    // Tables kept in spreadsheets are read as if typed in the YAML; a family member takes
    // its row. The sheets are inputs: editing one rebuilds the document.
    let tables = crate::family::feed(path, &mut loaded, report)?;
    if loaded.doc.ho.is_some() {
        crate::family::select(path, &mut loaded, member, &shared.families, report)?;
    }
    let mut prepared = context::build(&loaded, &shared.fonts, report);
    if report.has_errors() {
        return None;
    }
    prepared.deps.extend(tables);
    Some((prepared, loaded.source))
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
    if job
        .member
        .as_ref()
        .is_some_and(|(name, _)| name == crate::family::MERGED)
    {
        return merged(job, shared, source, opts);
    }
    let mut report = Report::default();
    let mut written = Vec::new();
    let mut locked = Vec::new();
    let mut reads = Reads::default();
    let mut phases = [0.0; 5];
    let mut clock = std::time::Instant::now();
    let mut lap = |i: usize| {
        phases[i] += clock.elapsed().as_secs_f64();
        clock = std::time::Instant::now();
    };
    let result = (|| {
        let member = job.member.as_ref().map(|(name, _)| name.as_str());
        let prepared = prepare_with_source(&job.input, member, shared, &mut report);
        lap(0);
        let (prepared, yaml) = prepared?;
        let record = source_record(&job.input, &yaml, &prepared.deps, member);
        reads.files = prepared.deps;
        let ctx = prepared.ctx;
        // Every output is made in memory first: a document that fails in any of them
        // writes none.
        let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
        if opts.write && opts.formats.contains(&Format::Docx) {
            let docx = DocxRenderer.render(&ctx, &mut report);
            lap(4);
            files.push((
                "docx",
                with_source(docx?.bytes, &record, &job.input, &mut report)?,
            ));
            let own = source.overrides_of(&ctx);
            if !own.is_empty() {
                report.push(Diagnostic::warning(
                    &job.input,
                    None,
                    t!(
                        "tệp Word theo bố cục có sẵn của vanban, không theo mẫu của bạn ({files}): chỉ bản PDF đổi theo mẫu",
                        files = own.join(", ")
                    ),
                ).with_hint(t!("cỡ chữ, khoảng cách của tệp Word đổi bằng kiểu (style) trong Word, hoặc dựng không kèm `--templates`")));
            }
        }
        if opts.typesets() {
            reads.templates = source.templates_of(&source.template_for(&ctx));
            let typ = source.render(&ctx, &mut report);
            lap(1);
            let typ = typ?;
            let date = pdf::document_date(&ctx);
            if opts.write && opts.emit_typ {
                files.push(("typ", typ.bytes.clone()));
            }
            // `check` typesets too, so layout errors are found without writing anything.
            let text = String::from_utf8(typ.bytes).expect("generated source is UTF-8");
            let doc = pdf::compile(shared, text, date, &mut report, &mut reads.templates);
            lap(2);
            let doc = doc?;
            if opts.write {
                let bytes = pdf::export(&doc, date, opts.standard_for(&ctx), &mut report);
                lap(3);
                files.push(("pdf", bytes?));
            }
        }
        for (ext, bytes) in &files {
            written.push(write_output(
                &job.output,
                ext,
                bytes,
                &mut report,
                &mut locked,
            )?);
        }
        Some(())
    })();
    if result.is_none() && opts.write {
        // Never leave an old output that looks current beside a failed build.
        for ext in opts.extensions() {
            let stale = job.output.with_extension(ext);
            if stale.exists() && std::fs::remove_file(&stale).is_ok() {
                report.push(Diagnostic::warning(
                    &job.input,
                    None,
                    t!(
                        "đã xoá bản cũ {file} vì lần dựng này lỗi",
                        file = stale.display()
                    ),
                ));
            }
        }
        written.clear();
    }
    (
        Outcome {
            job: job.clone(),
            report,
            written,
            locked,
            phases,
        },
        reads,
    )
}

/// What a .docx of the document at `path` carries as its source.
pub fn source_record(
    path: &Path,
    yaml: &str,
    deps: &[PathBuf],
    member: Option<&str>,
) -> crate::render::docx::source::Record {
    let mut record = crate::render::docx::source::Record::new(path, yaml, deps);
    record.member = member.map(str::to_string);
    record
}

/// The .docx with its source part added (`vanban nhap` brings a leader's edits back by it).
pub fn with_source(
    docx: Vec<u8>,
    record: &crate::render::docx::source::Record,
    input: &Path,
    report: &mut Report,
) -> Option<Vec<u8>> {
    match crate::render::docx::source::embed(&docx, record) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            report.push(Diagnostic::error(
                input,
                None,
                t!("không tạo được tệp Word: {e}", e = e),
            ));
            None
        }
    }
}

/// Copies of a family typeset and exported together as one part of the merged PDF: their
/// fonts are subset once per part. A family of at most this many copies is merged by Typst
/// itself; a larger one part by part ([`crate::render::merge`]), so that memory stays that
/// of one part however many rows the table has.
pub const MERGE_PART: usize = 100;

/// A family's merged PDF (`ho.gop`): every copy typeset again (with warm caches) and their
/// pages put one after another, each copy with its own page numbers. Written only with PDF
/// output; a copy that fails is reported by its own job, and the merged file is then not
/// written.
fn merged(job: &Job, shared: &Shared, source: &TypstSource, opts: &Options) -> (Outcome, Reads) {
    let mut report = Report::default();
    let mut reads = Reads::default();
    let mut written = Vec::new();
    let mut locked = Vec::new();
    let result = (|| {
        if !opts.write || !opts.formats.contains(&Format::Pdf) {
            return Some(());
        }
        let loaded = load::load(&job.input).ok()?;
        let fam = loaded.doc.ho.clone()?;
        let family = shared
            .families
            .expanded(&job.input, &loaded.source, &fam)
            .ok()?;
        let members = &family.members;
        // One part: its pages, the first copy's document (its metadata heads the part) and
        // date, and the standard (every copy comes from the same YAML).
        let mut part = |chunk: &[crate::family::Member], report: &mut Report| {
            let mut pages = Vec::new();
            let mut first = None;
            let mut standard = opts.pdf_standard.clone();
            for m in chunk {
                let mut own = Report::default();
                let doc = (|| {
                    let prepared = prepare_member(&job.input, Some(&m.name), shared, &mut own)?;
                    reads.files.extend(prepared.deps.iter().cloned());
                    let ctx = prepared.ctx;
                    standard = opts.standard_for(&ctx).to_string();
                    let template = source.template_for(&ctx);
                    reads.templates.extend(source.templates_of(&template));
                    let typ = source.render(&ctx, &mut own)?;
                    let text = String::from_utf8(typ.bytes).expect("generated source is UTF-8");
                    let date = pdf::document_date(&ctx);
                    let doc = pdf::compile(shared, text, date, &mut own, &mut reads.templates);
                    // What the other copies reuse stays; the rest does not pile up.
                    crate::world::evict(2);
                    Some((doc?, date))
                })();
                let Some((doc, date)) = doc else {
                    report.push(Diagnostic::error(
                        &job.input,
                        None,
                        t!(
                            "không tạo bản gộp vì bản `{name}` lỗi (xem lỗi của bản đó)",
                            name = m.name
                        ),
                    ));
                    return None;
                };
                pages.extend(doc.pages().iter().cloned());
                first.get_or_insert((doc, date));
            }
            let (first, date) = first?;
            use typst::model::Document as _;
            let all = typst_layout::PagedDocument::new(pages.into(), first.info().clone());
            pdf::export(&all, date, &standard, report)
        };
        if members.len() <= MERGE_PART {
            let bytes = part(members, &mut report)?;
            written.push(write_output(
                &job.output,
                "pdf",
                &bytes,
                &mut report,
                &mut locked,
            )?);
            return Some(());
        }
        // Part by part, straight into the file. Each part is kept beside it, named by
        // everything it is made from, so that a row edited makes its part again and reuses
        // the others.
        let path = job.output.with_extension("pdf");
        let parts_dir = job.output.with_file_name(format!(
            ".{}.gop",
            job.output.file_name().unwrap_or_default().to_string_lossy()
        ));
        let deps = family_deps(job, &members[0].name, shared);
        let made_of = parts_key(&loaded.source, &deps, shared, opts);
        let mut kept = Vec::new();
        let mut typeset_any = false;
        let mut failed = None;
        let res = write_atomic_with(&path, |file| {
            let mut merger = crate::render::merge::Merger::new(std::io::BufWriter::new(file));
            for (i, chunk) in members.chunks(MERGE_PART).enumerate() {
                let rows: Vec<(&str, &str)> = chunk
                    .iter()
                    .map(|m| (m.name.as_str(), m.hash.as_str()))
                    .collect();
                let name = format!(
                    "{i:05}-{:032x}.pdf",
                    typst::utils::hash128(&(made_of, rows))
                );
                let cached = parts_dir.join(&name);
                kept.push(name);
                let reused = std::fs::read(&cached).ok().filter(|bytes| {
                    crate::render::merge::Merger::new(std::io::sink())
                        .add(bytes)
                        .is_ok()
                });
                let bytes = match reused {
                    Some(bytes) => bytes,
                    None => {
                        typeset_any = true;
                        let Some(bytes) = part(chunk, &mut report) else {
                            failed = Some(None);
                            return Err(std::io::Error::other("a copy failed"));
                        };
                        // Only time is lost if the part cannot be kept.
                        let _ = write_atomic(&cached, &bytes);
                        bytes
                    }
                };
                if let Err(e) = merger.add(&bytes) {
                    failed = Some(Some(e));
                    return Err(std::io::Error::other("merge"));
                }
            }
            let out = merger.finish().map_err(std::io::Error::other)?;
            out.into_inner().map(|_| ()).map_err(|e| e.into_error())
        });
        // Parts of older states of the family are not kept.
        if let Ok(dir) = std::fs::read_dir(&parts_dir) {
            for entry in dir.flatten() {
                if !kept
                    .iter()
                    .any(|k| *k == entry.file_name().to_string_lossy())
                {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        // What the manifest records is read by typesetting: one copy, if every part was kept.
        if !typeset_any && res.is_ok() {
            part(&members[..1], &mut report)?;
        }
        match (res, failed) {
            (Ok(()), _) => written.push(path),
            (Err(_), Some(None)) => return None,
            (Err(_), Some(Some(e))) => {
                report.push(Diagnostic::error(
                    &job.input,
                    None,
                    t!("không ghép được các phần của bản gộp: {e}", e = e),
                ));
                return None;
            }
            (Err(e), None) => {
                write_failed(&path, e, &mut report, &mut locked);
                return None;
            }
        }
        Some(())
    })();
    if result.is_none() && !report.has_errors() {
        report.push(Diagnostic::error(
            &job.input,
            None,
            t!("không tạo được bản gộp của họ văn bản"),
        ));
    }
    reads.files.sort();
    reads.files.dedup();
    reads.templates.sort();
    reads.templates.dedup();
    (
        Outcome {
            job: job.clone(),
            report,
            written,
            locked,
            phases: [0.0; 5],
        },
        reads,
    )
}

/// The shared files a family's copies read (the first copy's: every copy has the same).
fn family_deps(job: &Job, first: &str, shared: &Shared) -> Vec<PathBuf> {
    prepare_member(&job.input, Some(first), shared, &mut Report::default())
        .map(|p| p.deps)
        .unwrap_or_default()
}

/// What every part of a merged PDF is made from besides its rows: the version, the YAML,
/// the shared files it reads, the templates and the run's PDF standard.
fn parts_key(yaml: &str, deps: &[PathBuf], shared: &Shared, opts: &Options) -> u128 {
    let files: Vec<(String, Option<Vec<u8>>)> = deps
        .iter()
        .map(|d| (d.display().to_string(), std::fs::read(d).ok()))
        .collect();
    let templates: std::collections::BTreeMap<&String, &String> = shared
        .templates
        .files
        .iter()
        .map(|(name, f)| (name, &f.text))
        .collect();
    typst::utils::hash128(&(
        env!("CARGO_PKG_VERSION"),
        yaml,
        files,
        templates,
        &opts.pdf_standard,
    ))
}

/// Writes a document's output through [`write_atomic`], creating its folder; a failure is
/// the document's error. An output held open by another program is named as such, with what
/// to do, and recorded in `locked` so that `watch` can try again once it is closed.
fn write_output(
    stem: &Path,
    ext: &str,
    bytes: &[u8],
    report: &mut Report,
    locked: &mut Vec<PathBuf>,
) -> Option<PathBuf> {
    let path = stem.with_extension(ext);
    let res = match path.parent() {
        Some(dir) => std::fs::create_dir_all(dir),
        None => Ok(()),
    }
    .and_then(|()| write_atomic(&path, bytes));
    match res {
        Ok(()) => Some(path),
        Err(e) => {
            write_failed(&path, e, report, locked);
            None
        }
    }
}

/// The error of an output that could not be written: one held open by another program is
/// named as such, with what to do, and recorded in `locked`.
fn write_failed(path: &Path, e: std::io::Error, report: &mut Report, locked: &mut Vec<PathBuf>) {
    if is_locked(&e) {
        report.push(
            Diagnostic::error(
                path,
                None,
                t!("không ghi đè được: tệp đang mở trong một chương trình khác (trình xem PDF, Word) hoặc chỉ cho đọc"),
            )
            .with_hint(t!(
                "đóng tệp trong chương trình đang mở nó rồi dựng lại; tệp cũ được giữ nguyên"
            )),
        );
        locked.push(path.to_path_buf());
    } else {
        report.push(Diagnostic::error(
            path,
            None,
            t!("không ghi được tệp: {e}", e = crate::diag::io_reason(&e)),
        ));
    }
}

/// Whether a write failed because another program holds the file (a PDF open in Foxit or
/// Acrobat, a .docx open in Word) or it is read-only: the clerk can fix that by closing it.
pub fn is_locked(e: &std::io::Error) -> bool {
    // ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
    const WINDOWS: [i32; 3] = [5, 32, 33];
    e.kind() == std::io::ErrorKind::PermissionDenied
        || (cfg!(windows) && e.raw_os_error().is_some_and(|c| WINDOWS.contains(&c)))
}

/// Writes through a temporary file in the same folder and a rename, so a reader never sees
/// half a file; the file keeps its permissions, and no temporary file is left on failure.
/// The temporary file is created new (never through a link planted at its name) and flushed
/// to disk before the rename. On Windows, a rename refused for a moment (an indexer or a virus
/// scanner reading the old file) is tried again for up to a second.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes into the file (a merged PDF, written as it is
/// made); nothing replaces `path` if it fails.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let (tmp, mut file) = temporary_beside(path)?;
    let written = write(&mut file)
        .and_then(|()| file.sync_all())
        .and_then(|()| match std::fs::metadata(path) {
            Ok(meta) => file.set_permissions(writable(meta.permissions())),
            Err(_) => Ok(()),
        });
    drop(file);
    let renamed = written.and_then(|()| {
        let mut tries = 0;
        loop {
            match std::fs::rename(&tmp, path) {
                Err(e) if cfg!(windows) && is_locked(&e) && tries < 10 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                other => return other,
            }
        }
    });
    let renamed = renamed.inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    });
    // The rename itself survives a power cut only once the folder is written too.
    #[cfg(unix)]
    if renamed.is_ok() {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    renamed
}

/// The permissions of the file being replaced, except that the temporary copy must stay
/// writable (and so renamable) on Windows; a read-only output is refused by the rename itself.
fn writable(p: std::fs::Permissions) -> std::fs::Permissions {
    #[cfg(windows)]
    {
        let mut p = p;
        #[allow(clippy::permissions_set_readonly_false)]
        p.set_readonly(false);
        p
    }
    #[cfg(not(windows))]
    p
}

/// A new file beside `path` whose name no one can plant beforehand.
fn temporary_beside(path: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut last = None;
    for _ in 0..16 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let salt = typst::utils::hash128(&(nanos, n, std::process::id()));
        let tmp = path.with_file_name(format!(".{name}.{:016x}.vanban-tmp", salt as u64));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary name")))
}

/// Watches `paths` (folders recursively) and calls `on_change` with the paths of each change.
/// Reading a file is not a change: inotify reports the reads a build makes, which would wake
/// the next build, forever.
pub fn watch(
    paths: &[PathBuf],
    mut on_change: impl FnMut(Vec<PathBuf>) + Send + 'static,
) -> Result<notify::RecommendedWatcher, String> {
    use notify::{RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(e) = res {
            if !matches!(e.kind, notify::EventKind::Access(_)) {
                on_change(e.paths);
            }
        }
    })
    .map_err(|e| t!("lỗi: không theo dõi được thư mục: {e}", e = e))?;
    for p in paths {
        watcher.watch(p, RecursiveMode::Recursive).map_err(|e| {
            t!(
                "lỗi: không theo dõi được {file}: {e}",
                file = p.display(),
                e = e
            )
        })?;
    }
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link planted at the temporary name an earlier version used (`.NAME.vanban-tmpPID`)
    /// is not written through, and no temporary file is left beside the output.
    #[cfg(unix)]
    #[test]
    fn atomic_write_never_follows_a_planted_link() {
        let dir = std::env::temp_dir().join(format!("vanban-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "untouched").unwrap();
        let out = dir.join("a.pdf");
        let planted = dir.join(format!(".a.pdf.vanban-tmp{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomic(&out, b"%PDF-new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-new");
        write_atomic(&out, b"%PDF-newer").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-newer");
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let planted_name = planted.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            left,
            vec![planted_name, "a.pdf".to_string(), "victim.txt".to_string()]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// An output that is a link (planted by someone who can write in the folder) is replaced
    /// by the new file: what the link pointed to is not written.
    #[cfg(unix)]
    #[test]
    fn atomic_write_replaces_a_link_at_the_output_and_never_writes_through_it() {
        let dir = std::env::temp_dir().join(format!("vanban-atomic-out-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "untouched").unwrap();
        let out = dir.join("b.pdf");
        std::os::unix::fs::symlink(&victim, &out).unwrap();
        write_atomic(&out, b"%PDF-new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
        assert!(std::fs::symlink_metadata(&out).unwrap().is_file());
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-new");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_held_file_is_named_as_held() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(is_locked(&denied));
        assert!(!is_locked(&std::io::Error::from(
            std::io::ErrorKind::NotFound
        )));
        #[cfg(windows)]
        assert!(is_locked(&std::io::Error::from_raw_os_error(32)));
    }
}
