//! Shared helpers: build a sample through the library, walk the typeset frames, read a PDF's
//! text back with pdftotext.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::FontWeight;
use typst_layout::PagedDocument;

use vanban::context::Context;
use vanban::diag::Report;
use vanban::pipeline;
use vanban::render::pdf;
use vanban::render::typst_source::TypstSource;
use vanban::render::Renderer;
use vanban::templates::TemplateSet;
use vanban::world::Shared;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Everything a test may look at for one document.
pub struct Built {
    pub ctx: Context,
    pub typ: String,
    pub doc: PagedDocument,
    pub pdf: Vec<u8>,
    pub report: Report,
}

/// Builds a document with the built-in templates; panics with the diagnostics on failure.
pub fn build(path: &Path) -> Built {
    try_build(path).unwrap_or_else(|e| panic!("{} did not build:\n{e}", path.display()))
}

/// Builds a document with the built-in templates, or returns its diagnostics as text.
pub fn try_build(path: &Path) -> Result<Built, String> {
    let set = TemplateSet::load(None).unwrap();
    let source = TypstSource::new(&set).unwrap();
    let shared = Shared::new(set);
    let mut report = Report::default();
    let built = (|| {
        let ctx = pipeline::prepare(path, &shared, &mut report)?.ctx;
        typeset(ctx, &source, &shared, &mut report)
    })();
    match built {
        Some((ctx, typ, doc, pdf)) => Ok(Built {
            ctx,
            typ,
            doc,
            pdf,
            report,
        }),
        None => Err(report.items.iter().map(|d| d.to_string()).collect()),
    }
}

/// Typesets a context as it is (a test may have changed it) with the built-in templates.
pub fn build_context(ctx: Context) -> Built {
    let set = TemplateSet::load(None).unwrap();
    let source = TypstSource::new(&set).unwrap();
    let shared = Shared::new(set);
    let mut report = Report::default();
    let (ctx, typ, doc, pdf) = typeset(ctx, &source, &shared, &mut report)
        .unwrap_or_else(|| panic!("did not typeset: {:?}", report.items));
    Built {
        ctx,
        typ,
        doc,
        pdf,
        report,
    }
}

fn typeset(
    ctx: Context,
    source: &TypstSource,
    shared: &Shared,
    report: &mut Report,
) -> Option<(Context, String, PagedDocument, Vec<u8>)> {
    {
        let typ = source.render(&ctx, report)?;
        let typ = String::from_utf8(typ.bytes).unwrap();
        let date = pdf::document_date(&ctx);
        let doc = pdf::compile(shared, typ.clone(), date, report, &mut Vec::new())?;
        let standard = ctx
            .layout
            .chuan_pdf
            .clone()
            .unwrap_or_else(|| pdf::DEFAULT_STANDARD.to_string());
        let bytes = pdf::export(&doc, date, &standard, report)?;
        Some((ctx, typ, doc, bytes))
    }
}

/// The .docx of a document, from the same context as its PDF; panics with the diagnostics
/// on failure.
pub fn build_docx(path: &Path) -> Vec<u8> {
    let set = TemplateSet::load(None).unwrap();
    let shared = Shared::new(set);
    let mut report = Report::default();
    let built = pipeline::prepare(path, &shared, &mut report)
        .and_then(|p| vanban::render::docx::DocxRenderer.render(&p.ctx, &mut report));
    match built {
        Some(a) => a.bytes,
        None => panic!(
            "{} did not build as .docx:\n{}",
            path.display(),
            report
                .items
                .iter()
                .map(|d| d.to_string())
                .collect::<String>()
        ),
    }
}

/// Every sample document in `data/` (not the shared files under `_` names), sorted.
pub fn samples() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root().join("data"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| {
            !p.strip_prefix(root().join("data"))
                .unwrap()
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('_'))
        })
        .collect();
    out.sort();
    out
}

/// A run of text as typeset: page (1-based), position of its baseline start in mm from the
/// top-left corner, size in pt, weight and style.
#[derive(Debug, Clone)]
pub struct Run {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    pub text: String,
}

/// A horizontal rule: page, x of its start, y, length, all in mm.
#[derive(Debug, Clone)]
pub struct Rule {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub length: f64,
}

fn walk(frame: &Frame, ts: Transform, page: usize, runs: &mut Vec<Run>, rules: &mut Vec<Rule>) {
    for (pos, item) in frame.items() {
        let p = Point::new(ts.tx + pos.x, ts.ty + pos.y);
        match item {
            FrameItem::Group(g) => {
                let t = Transform::translate(p.x, p.y).pre_concat(g.transform);
                walk(&g.frame, t, page, runs, rules);
            }
            FrameItem::Text(t) => {
                let info = t.font.font().info();
                runs.push(Run {
                    page,
                    x: p.x.to_mm(),
                    y: p.y.to_mm(),
                    // Trailing spaces hang in the margin of a justified line: not ink.
                    width: t
                        .glyphs
                        .iter()
                        .rev()
                        .skip_while(|g| t.text[g.range()].trim().is_empty())
                        .map(|g| g.x_advance.at(t.size))
                        .sum::<typst::layout::Abs>()
                        .to_mm(),
                    size: t.size.to_pt(),
                    bold: info.variant.weight >= FontWeight::BOLD,
                    italic: info.variant.style != typst::text::FontStyle::Normal,
                    text: t.text.to_string(),
                });
            }
            FrameItem::Shape(shape, _) => {
                if let typst::visualize::Geometry::Line(to) = shape.geometry {
                    if to.y.to_pt().abs() < 0.01 && to.x.to_pt() > 0.0 {
                        rules.push(Rule {
                            page,
                            x: p.x.to_mm(),
                            y: p.y.to_mm(),
                            length: to.x.to_mm(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

/// All text runs and horizontal rules of a document, page by page.
pub fn layout(doc: &PagedDocument) -> (Vec<Run>, Vec<Rule>) {
    let mut runs = Vec::new();
    let mut rules = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        walk(
            &page.frame,
            Transform::identity(),
            i + 1,
            &mut runs,
            &mut rules,
        );
    }
    (runs, rules)
}

/// A framed box (rectangle): page, top-left corner, width, height, all in mm.
#[derive(Debug, Clone)]
pub struct Boxed {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Every stroked rectangle of a document (the urgency mark's frame, table cells are lines).
pub fn boxes(doc: &PagedDocument) -> Vec<Boxed> {
    fn go(frame: &Frame, ts: Transform, page: usize, out: &mut Vec<Boxed>) {
        for (pos, item) in frame.items() {
            let p = Point::new(ts.tx + pos.x, ts.ty + pos.y);
            match item {
                FrameItem::Group(g) => {
                    let t = Transform::translate(p.x, p.y).pre_concat(g.transform);
                    go(&g.frame, t, page, out);
                }
                FrameItem::Shape(shape, _) => {
                    if let typst::visualize::Geometry::Rect(size) = shape.geometry {
                        if shape.stroke.is_some() {
                            out.push(Boxed {
                                page,
                                x: p.x.to_mm(),
                                y: p.y.to_mm(),
                                width: size.x.to_mm(),
                                height: size.y.to_mm(),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        go(&page.frame, Transform::identity(), i + 1, &mut out);
    }
    out
}

/// Runs on one line of one page joined, for finding a phrase that was shaped in pieces.
pub fn line_text(runs: &[Run], page: usize, y: f64) -> String {
    let mut on: Vec<&Run> = runs
        .iter()
        .filter(|r| r.page == page && (r.y - y).abs() < 0.3)
        .collect();
    on.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap());
    on.iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first run whose text starts with `prefix`.
pub fn find<'a>(runs: &'a [Run], prefix: &str) -> &'a Run {
    runs.iter()
        .find(|r| r.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("no text run starts with {prefix:?}"))
}

/// The first run starting with `prefix`, joined with the runs that continue it on its
/// baseline with no gap (a số/ký hiệu is a box of its own, so "Số: 134/KH-UBND" is two runs).
pub fn find_line(runs: &[Run], prefix: &str) -> Run {
    let mut line = find(runs, prefix).clone();
    loop {
        let end = line.x + line.width;
        // A run's width leaves out its trailing spaces (the blank of an unnumbered số).
        let room = if line.text.ends_with(char::is_whitespace) {
            10.0
        } else {
            0.2
        };
        let next = runs.iter().find(|r| {
            r.page == line.page && (r.y - line.y).abs() < 0.1 && r.x > end - 0.2 && r.x - end < room
        });
        match next {
            Some(r) => {
                line.width = r.x + r.width - line.x;
                line.text.push_str(&r.text);
            }
            None => return line,
        }
    }
}

/// The số/ký hiệu a document prints (in any of its texts) that do not stand whole on one
/// line of `text` (pdftotext's lines of its PDF, or of LibreOffice's PDF of its .docx).
pub fn broken_codes(ctx: &Context, text: &str) -> Vec<String> {
    let mut all = serde_json::to_value(ctx).unwrap();
    // The spec holds the pattern itself.
    all.as_object_mut().unwrap().remove("spec");
    let all = all.to_string().replace("\\u00a0", " ");
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            l.replace(['\u{2060}', '\u{ad}'], "")
                .replace('\u{2011}', "-")
        })
        .collect();
    let mut broken: Vec<String> = vanban::context::spec::codes(&all)
        .map(|r| all[r].to_string())
        .filter(|code| !lines.iter().any(|l| l.contains(code.as_str())))
        .collect();
    broken.sort();
    broken.dedup();
    broken
}

/// Text of a PDF as pdftotext reads it (reading order), with whitespace collapsed.
pub fn pdf_text(pdf: &[u8]) -> String {
    pdftotext_lines(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text of a PDF as pdftotext reads it, line by line.
pub fn pdftotext_lines(pdf: &[u8]) -> String {
    let dir = tempdir();
    let file = dir.join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) must be installed: .ci/run installs it");
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8(out.stdout).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    text
}

/// A fresh temporary directory under the target folder.
pub fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "vanban-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Asserts that the phrases occur in `text` in this order; returns where the last one ends.
pub fn assert_in_order(text: &str, phrases: &[&str]) -> usize {
    let mut from = 0;
    for p in phrases {
        let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        match text[from..].find(&p) {
            Some(i) => from += i + p.len(),
            None => {
                let around = if text.contains(&p) {
                    " (it occurs, but earlier than expected)"
                } else {
                    ""
                };
                let shown: String = text[from..].chars().take(1500).collect();
                panic!("expected {p:?} after byte {from}{around}\n--- text ---\n{shown}");
            }
        }
    }
    from
}

/// Runs the vanban binary.
/// Runs the `vanban` binary. The tests read its Vietnamese messages, so the machine's locale
/// (an English one would switch them to English) is taken out of its environment.
pub fn vanban(args: &[&str], cwd: &Path) -> std::process::Output {
    vanban_command(cwd).args(args).output().unwrap()
}

/// The `vanban` binary to run in `cwd`, with no locale in its environment.
pub fn vanban_command(cwd: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vanban"));
    c.current_dir(cwd)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    c
}

/// Every file under `dir`, by its path relative to it (with `/`).
pub fn files(dir: &Path) -> BTreeMap<String, PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            (rel.join("/"), e.path().to_path_buf())
        })
        .collect()
}

/// A copy of `data/` as a Windows editor saves it: CRLF and a BOM in every YAML and CSV file,
/// and the references with `\`.
pub fn windows_copy(to: &Path) {
    for (rel, path) in files(&root().join("data")) {
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        if rel.ends_with(".yaml") || rel.ends_with(".csv") {
            let text = String::from_utf8(bytes).unwrap();
            let text = text
                .replace("_chung/", "_chung\\")
                .replace("\r\n", "\n")
                .replace('\n', "\r\n");
            std::fs::write(&dest, format!("\u{feff}{text}")).unwrap();
        } else {
            std::fs::write(&dest, bytes).unwrap();
        }
    }
}

/// The PDFs and Word files under `out`.
pub fn outputs(out: &Path) -> BTreeMap<String, Vec<u8>> {
    files(out)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".pdf") || rel.ends_with(".docx"))
        .map(|(rel, p)| (rel, std::fs::read(p).unwrap()))
        .collect()
}

/// A .docx's parts, unpacked, without its source (`customXml/`): that part holds the YAML as
/// it was read — CRLF, byte-order mark, `\` in paths — so the same document built from a copy
/// saved on Windows differs there, and only there.
pub fn docx_without_source(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).unwrap();
            if f.name().starts_with("customXml/") {
                return None;
            }
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            Some((f.name().to_string(), b))
        })
        .collect()
}

/// The same outputs: PDFs byte for byte, .docx files byte for byte but for their source part
/// when `same_source` is false (the data was saved differently); the names of those that differ.
pub fn differing(
    a: &BTreeMap<String, Vec<u8>>,
    b: &BTreeMap<String, Vec<u8>>,
    same_source: bool,
) -> Vec<String> {
    a.iter()
        .filter(|(rel, bytes)| {
            let other = &b[*rel];
            if rel.ends_with(".docx") && !same_source {
                docx_without_source(bytes) != docx_without_source(other)
            } else {
                *bytes != other
            }
        })
        .map(|(rel, _)| rel.clone())
        .collect()
}

/// The messages of `vanban check` on the invalid fixtures, with the fixture's path as `FILE`.
pub fn check_messages(cases: &Path, run: impl Fn(&str) -> std::process::Output) -> Vec<String> {
    let mut all = Vec::new();
    for (rel, _) in files(cases) {
        if !rel.ends_with(".yaml") || rel.contains('/') {
            continue;
        }
        let out = run(&rel);
        let text = String::from_utf8_lossy(&out.stderr)
            .replace("\r\n", "\n")
            .replace('\\', "/")
            .replace(&rel, "FILE");
        all.push(format!("== {rel} (exit {:?})\n{text}", out.status.code()));
    }
    all
}

/// Words for comparing: lower case, punctuation trimmed from their ends, Markdown marks gone.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Similarity of two word sequences: 2·LCS / (|a| + |b|), as Python's difflib ratio.
pub fn ratio(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    2.0 * prev[b.len()] as f64 / (a.len() + b.len()) as f64
}

/// Whether LibreOffice can be used, or the test is skipped on request.
pub fn soffice_or_skip() -> bool {
    let has = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("soffice").is_file()));
    if !has && std::env::var("VANBAN_SKIP_OFFICE").as_deref() == Ok("1") {
        eprintln!("skipped: soffice is not on PATH and VANBAN_SKIP_OFFICE=1");
        return false;
    }
    assert!(has, "soffice is not on PATH: install libreoffice-writer-nogui (.ci/run does), or set VANBAN_SKIP_OFFICE=1");
    true
}
