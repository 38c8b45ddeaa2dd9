//! Geometry of a PDF *file*, read with Debian's poppler-utils. The Typst tests walk Typst's
//! frames; a PDF made by another program (LibreOffice converting the .docx) has no frames, so
//! this module asks poppler instead:
//!
//! - `pdfinfo -f 1 -l N`: page count and each page's size;
//! - `pdftotext -bbox-layout`: every word with its box, in poppler's reading order;
//! - `pdftohtml -xml`: the font (name, size, bold, italic) of every run of text, which is matched
//!   to the words by position (pdftotext gives exact word boxes but no fonts, pdftohtml gives
//!   fonts but only whole runs);
//! - `pdffonts`: the fonts the file uses;
//! - `pdftocairo -svg`: the vector paths, from which horizontal rules are taken (LibreOffice
//!   strokes a paragraph's bottom border as a line; Typst strokes its rules as lines too; thin
//!   filled rectangles are accepted as well).
//!
//! All lengths are in mm from the page's top-left corner, font sizes in pt.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const MM_PER_PT: f64 = 25.4 / 72.0;

/// pdftohtml writes font sizes as whole numbers of zoomed points; 3 is its largest zoom, so sizes
/// come out to a third of a point (positions are exact with -noroundcoord).
const HTML_ZOOM: f64 = 3.0;

#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub width: f64,
    pub height: f64,
}

impl Page {
    pub fn landscape(&self) -> bool {
        self.width > self.height
    }

    /// A4 in either orientation, within `tol` mm.
    pub fn is_a4(&self, tol: f64) -> bool {
        let (short, long) = (self.width.min(self.height), self.width.max(self.height));
        (short - 210.0).abs() <= tol && (long - 297.0).abs() <= tol
    }
}

/// One word as poppler reads it.
#[derive(Debug, Clone)]
pub struct Word {
    /// 1-based.
    pub page: usize,
    /// Index of poppler's text line the word belongs to, counted through the document; words of
    /// one line share it.
    pub line: usize,
    pub x: f64,
    pub width: f64,
    /// Top and bottom of poppler's box: the font's ascent and descent around the baseline.
    pub top: f64,
    pub bottom: f64,
    /// Estimated, see `baseline_of`.
    pub baseline: f64,
    /// 0 when no pdftohtml run covers the word (then font is empty too).
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    /// PostScript name without the subset tag, e.g. `LiberationSerif-Bold`.
    pub font: String,
    pub text: String,
}

impl Word {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
    pub fn center(&self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// A horizontal line: page, x of its left end, y of its centre line, length, stroke thickness.
#[derive(Debug, Clone)]
pub struct Rule {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub length: f64,
    pub thickness: f64,
}

#[derive(Debug, Clone)]
pub struct PdfFile {
    pub path: PathBuf,
    pub pages: Vec<Page>,
    /// In poppler's reading order.
    pub words: Vec<Word>,
    pub rules: Vec<Rule>,
    /// Font names as pdffonts lists them, subset tag removed.
    pub fonts: Vec<String>,
}

/// Reads everything this module knows about a PDF file. An error (a tool failed, the file is not
/// a PDF, the output does not parse) comes back as text, so a caller checking many files can
/// report it and go on.
pub fn read(path: &Path) -> Result<PdfFile, String> {
    let pages = pages(path)?;
    if pages.is_empty() {
        return Err(format!("{}: no pages", path.display()));
    }
    Ok(PdfFile {
        path: path.to_path_buf(),
        words: words(path)?,
        rules: rules(path)?,
        fonts: fonts(path)?,
        pages,
    })
}

/// Runs a poppler tool on a file and returns its standard output.
fn tool(name: &str, args: &[&str], path: &Path) -> Result<String, String> {
    tool_then(name, args, path, &[])
}

/// Like `tool`, with arguments after the file name too.
fn tool_then(name: &str, args: &[&str], path: &Path, after: &[&str]) -> Result<String, String> {
    let out = Command::new(name)
        .args(args)
        .arg(path)
        .args(after)
        .output()
        .map_err(|e| {
            format!("cannot run {name} ({e}): install Debian's poppler-utils (.ci/run does)")
        })?;
    if !out.status.success() {
        return Err(format!(
            "{name} {} {} failed: {}",
            args.join(" "),
            path.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{name}: output is not UTF-8: {e}"))
}

/// Page sizes. pdfinfo prints one page's size unless given a page range, and needs the count
/// for that range, hence two calls.
pub fn pages(path: &Path) -> Result<Vec<Page>, String> {
    let info = tool("pdfinfo", &[], path)?;
    let count: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| format!("pdfinfo {}: no page count", path.display()))?;
    let last = count.to_string();
    let info = tool("pdfinfo", &["-f", "1", "-l", &last], path)?;
    // "Page    1 size:  595.304 x 841.89 pts (A4)"
    let mut pages = Vec::new();
    for line in info.lines() {
        let Some(rest) = line.strip_prefix("Page") else {
            continue;
        };
        let Some((_, size)) = rest.split_once("size:") else {
            continue;
        };
        let nums: Vec<f64> = size
            .split_whitespace()
            .filter_map(|t| t.parse().ok())
            .collect();
        if nums.len() >= 2 {
            pages.push(Page {
                width: nums[0] * MM_PER_PT,
                height: nums[1] * MM_PER_PT,
            });
        }
    }
    if pages.len() != count {
        return Err(format!(
            "pdfinfo {}: {count} pages but {} sizes",
            path.display(),
            pages.len()
        ));
    }
    Ok(pages)
}

/// Font names the file uses, as pdffonts lists them, without the `ABCDEF+` subset tag.
pub fn fonts(path: &Path) -> Result<Vec<String>, String> {
    let out = tool("pdffonts", &[], path)?;
    // Two header lines ("name type …" and dashes), then one font a line, name first.
    Ok(out
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .map(|n| strip_subset(n).to_string())
        .collect())
}

fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, String> {
    // Both tools write a DOCTYPE line; roxmltree refuses DTDs unless asked.
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, opts).map_err(|e| e.to_string())
}

fn num(node: roxmltree::Node, attr: &str) -> f64 {
    node.attribute(attr)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// A run of text as pdftohtml reports it, split into whitespace-separated tokens with their
/// weight and style (a run may switch to bold inside, marked with `<b>`).
struct Run {
    page: usize,
    x: f64,
    top: f64,
    width: f64,
    height: f64,
    size: f64,
    font: String,
    tokens: Vec<(String, bool, bool)>,
}

fn html_runs(path: &Path) -> Result<Vec<Run>, String> {
    let zoom = HTML_ZOOM.to_string();
    let xml = tool(
        "pdftohtml",
        &[
            "-xml",
            "-i",
            "-stdout",
            "-hidden",
            "-q",
            "-noroundcoord",
            "-fontfullname",
            "-zoom",
            &zoom,
        ],
        path,
    )?;
    let doc = parse_xml(&xml).map_err(|e| format!("pdftohtml {}: {e}", path.display()))?;
    // Font ids run through the document; a page lists the fonts it introduces.
    let mut fontspecs: HashMap<String, (f64, String)> = HashMap::new();
    let mut runs = Vec::new();
    for page in doc.descendants().filter(|n| n.has_tag_name("page")) {
        let number = page
            .attribute("number")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        for node in page.children().filter(|n| n.is_element()) {
            match node.tag_name().name() {
                "fontspec" => {
                    let id = node.attribute("id").unwrap_or_default().to_string();
                    let size = num(node, "size") / HTML_ZOOM;
                    let family = strip_subset(node.attribute("family").unwrap_or_default());
                    fontspecs.insert(id, (size, family.to_string()));
                }
                "text" => {
                    let (size, font) = node
                        .attribute("font")
                        .and_then(|id| fontspecs.get(id))
                        .cloned()
                        .unwrap_or((0.0, String::new()));
                    let mut tokens = Vec::new();
                    let mut open = false; // the last token may continue in the next node
                    for t in node.descendants().filter(|n| n.is_text()) {
                        let within = |tag| t.ancestors().any(|a| a.has_tag_name(tag));
                        let (b, i) = (within("b"), within("i"));
                        let s = t.text().unwrap_or_default();
                        let starts_glued = !s.starts_with(char::is_whitespace);
                        for (k, piece) in s.split_whitespace().enumerate() {
                            if k == 0 && open && starts_glued {
                                let last: &mut (String, bool, bool) = tokens.last_mut().unwrap();
                                last.0.push_str(piece);
                                last.1 |= b;
                                last.2 |= i;
                            } else {
                                tokens.push((piece.to_string(), b, i));
                            }
                        }
                        open = !s.is_empty() && !s.ends_with(char::is_whitespace);
                    }
                    runs.push(Run {
                        page: number,
                        x: num(node, "left") / HTML_ZOOM,
                        top: num(node, "top") / HTML_ZOOM,
                        width: num(node, "width") / HTML_ZOOM,
                        height: num(node, "height") / HTML_ZOOM,
                        size,
                        font,
                        tokens,
                    });
                }
                _ => {}
            }
        }
    }
    Ok(runs)
}

/// poppler's box runs from the baseline minus the font's ascent to the baseline minus its
/// descent, both from the PDF's font descriptor, or 0.95 and −0.35 of the size when the producer
/// writes zeros there (LibreOffice 7.4 does). Typst writes a descent of 0.216 and ascents of
/// 0.68–0.69 (its subset's), so the descent is 0.24 of the box for Typst and 0.27 for
/// LibreOffice. A quarter of the box puts the baseline within 0.03 of the size of the truth for
/// both: 0.1 mm at 14 pt, and a 13 pt and a 14 pt word on one baseline differ by under 0.01 mm.
fn baseline_of(top: f64, bottom: f64) -> f64 {
    bottom - 0.25 * (bottom - top)
}

/// Every word with its box, in poppler's reading order, with the font of the pdftohtml run it
/// lies in.
pub fn words(path: &Path) -> Result<Vec<Word>, String> {
    // Without an output name pdftotext writes a file next to the PDF; "-" is stdout.
    let xhtml = tool_then(
        "pdftotext",
        &["-bbox-layout", "-enc", "UTF-8", "-q"],
        path,
        &["-"],
    )?;
    let doc = parse_xml(&xhtml).map_err(|e| format!("pdftotext {}: {e}", path.display()))?;
    let mut words = Vec::new();
    let mut line_no = 0;
    for (p, page) in doc
        .descendants()
        .filter(|n| n.has_tag_name("page"))
        .enumerate()
    {
        for line in page.descendants().filter(|n| n.has_tag_name("line")) {
            line_no += 1;
            for w in line.children().filter(|n| n.has_tag_name("word")) {
                let (x0, y0, x1, y1) = (
                    num(w, "xMin") * MM_PER_PT,
                    num(w, "yMin") * MM_PER_PT,
                    num(w, "xMax") * MM_PER_PT,
                    num(w, "yMax") * MM_PER_PT,
                );
                words.push(Word {
                    page: p + 1,
                    line: line_no,
                    x: x0,
                    width: x1 - x0,
                    top: y0,
                    bottom: y1,
                    baseline: baseline_of(y0, y1),
                    size: 0.0,
                    bold: false,
                    italic: false,
                    font: String::new(),
                    text: w.text().unwrap_or_default().to_string(),
                });
            }
        }
    }
    attach_fonts(&mut words, &html_runs(path)?);
    Ok(words)
}

/// Gives each word the font of the pdftohtml run around it. A run's box is taller than the line
/// pitch, so boxes of adjacent lines overlap: of the runs whose horizontal extent holds the
/// word's centre, the one whose vertical centre is nearest wins. Bold and italic are taken per
/// token when the run has as many tokens as words were matched to it (a run can switch weight
/// inside), else from the font name.
fn attach_fonts(words: &mut [Word], runs: &[Run]) {
    let mut by_run: HashMap<usize, Vec<usize>> = HashMap::new();
    for (wi, w) in words.iter().enumerate() {
        let (cx, cy) = (w.center(), (w.top + w.bottom) / 2.0);
        let best = runs
            .iter()
            .enumerate()
            .filter(|(_, r)| r.page == w.page)
            .filter(|(_, r)| {
                let (x0, x1) = (r.x * MM_PER_PT, (r.x + r.width) * MM_PER_PT);
                let (y0, y1) = (r.top * MM_PER_PT, (r.top + r.height) * MM_PER_PT);
                cx >= x0 - 0.2 && cx <= x1 + 0.2 && cy >= y0 && cy <= y1
            })
            .min_by(|(_, a), (_, b)| {
                let da = ((a.top + a.height / 2.0) * MM_PER_PT - cy).abs();
                let db = ((b.top + b.height / 2.0) * MM_PER_PT - cy).abs();
                da.partial_cmp(&db).unwrap()
            });
        if let Some((ri, _)) = best {
            by_run.entry(ri).or_default().push(wi);
        }
    }
    for (ri, mut members) in by_run {
        let run = &runs[ri];
        members.sort_by(|&a, &b| words[a].x.partial_cmp(&words[b].x).unwrap());
        let per_token = members.len() == run.tokens.len();
        let name_bold = run.font.contains("Bold") || run.font.contains("Black");
        let name_italic = run.font.contains("Italic") || run.font.contains("Oblique");
        for (k, &wi) in members.iter().enumerate() {
            let w = &mut words[wi];
            w.size = run.size;
            w.font = run.font.clone();
            let (b, i) = if per_token {
                (run.tokens[k].1, run.tokens[k].2)
            } else {
                (false, false)
            };
            w.bold = b || name_bold;
            w.italic = i || name_italic;
        }
    }
}

/// Horizontal rules: straight horizontal segments of stroked paths and thin filled rectangles,
/// from pdftocairo's SVG (one `<page>` per PDF page), duplicates merged (LibreOffice draws each
/// paragraph border twice).
pub fn rules(path: &Path) -> Result<Vec<Rule>, String> {
    // "-" writes the SVG to stdout; for several pages cairo wraps them in <pageSet><page>.
    let svg = tool_then("pdftocairo", &["-svg"], path, &["-"])?;
    let doc = parse_xml(&svg).map_err(|e| format!("pdftocairo SVG {}: {e}", path.display()))?;
    let root = doc.root_element();
    let page_nodes: Vec<roxmltree::Node> = match root.children().find(|n| n.has_tag_name("pageSet"))
    {
        Some(set) => set.children().filter(|n| n.has_tag_name("page")).collect(),
        None => vec![root],
    };
    let mut found = Vec::new();
    for (i, node) in page_nodes.iter().enumerate() {
        collect_rules(*node, IDENTITY, i + 1, &mut found);
    }
    let mut rules: Vec<Rule> = Vec::new();
    for r in found {
        let dup = rules.iter().any(|q| {
            q.page == r.page
                && (q.x - r.x).abs() < 0.05
                && (q.y - r.y).abs() < 0.05
                && (q.length - r.length).abs() < 0.05
        });
        if !dup {
            rules.push(r);
        }
    }
    Ok(rules)
}

/// An affine transform [a b c d e f] as in SVG: x' = a·x + c·y + e, y' = b·x + d·y + f.
type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn concat(outer: Matrix, inner: Matrix) -> Matrix {
    let [a, b, c, d, e, f] = outer;
    let [a2, b2, c2, d2, e2, f2] = inner;
    [
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    ]
}

fn apply(m: Matrix, (x, y): (f64, f64)) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// cairo writes `matrix(a,b,c,d,e,f)`; `translate` and `scale` are read too.
fn parse_transform(t: &str) -> Matrix {
    let mut m = IDENTITY;
    for part in t.split(')') {
        let Some((name, args)) = part.split_once('(') else {
            continue;
        };
        let v: Vec<f64> = args
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter_map(|s| s.parse().ok())
            .collect();
        let next = match (name.trim(), v.as_slice()) {
            ("matrix", [a, b, c, d, e, f]) => [*a, *b, *c, *d, *e, *f],
            ("translate", [x]) => [1.0, 0.0, 0.0, 1.0, *x, 0.0],
            ("translate", [x, y]) => [1.0, 0.0, 0.0, 1.0, *x, *y],
            ("scale", [s]) => [*s, 0.0, 0.0, *s, 0.0, 0.0],
            ("scale", [sx, sy]) => [*sx, 0.0, 0.0, *sy, 0.0, 0.0],
            _ => IDENTITY,
        };
        m = concat(m, next);
    }
    m
}

/// The value of one property in a `style` attribute, or the attribute of that name.
fn style<'a>(node: roxmltree::Node<'a, '_>, key: &str) -> Option<&'a str> {
    node.attribute("style")
        .and_then(|s| {
            s.split(';').find_map(|decl| {
                let (k, v) = decl.split_once(':')?;
                (k.trim() == key).then(|| v.trim())
            })
        })
        .or_else(|| node.attribute(key))
}

fn collect_rules(node: roxmltree::Node, ctm: Matrix, page: usize, out: &mut Vec<Rule>) {
    for child in node.children().filter(|n| n.is_element()) {
        let name = child.tag_name().name();
        // Glyph outlines, clip paths and masks are not drawn where they are defined.
        if matches!(name, "defs" | "clipPath" | "mask" | "symbol" | "pattern") {
            continue;
        }
        let m = match child.attribute("transform") {
            Some(t) => concat(ctm, parse_transform(t)),
            None => ctm,
        };
        match name {
            "path" => path_rules(child, m, page, out),
            "rect" => {
                let r = (
                    num(child, "x"),
                    num(child, "y"),
                    num(child, "width"),
                    num(child, "height"),
                );
                let (x, y, w, h) = (
                    if r.0.is_nan() { 0.0 } else { r.0 },
                    if r.1.is_nan() { 0.0 } else { r.1 },
                    r.2,
                    r.3,
                );
                if filled(child) {
                    let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                    thin_rect(&pts.map(|p| apply(m, p)), page, out);
                }
            }
            _ => collect_rules(child, m, page, out),
        }
    }
}

fn filled(node: roxmltree::Node) -> bool {
    // SVG fills black unless told otherwise; white fills are backgrounds, not ink.
    match style(node, "fill") {
        Some(f) => f != "none" && !f.contains("100%,100%,100%") && f != "#ffffff",
        None => true,
    }
}

fn stroke_width(node: roxmltree::Node) -> Option<f64> {
    let stroke = style(node, "stroke")?;
    if stroke == "none" {
        return None;
    }
    Some(
        style(node, "stroke-width")
            .and_then(|w| w.trim_end_matches("px").parse().ok())
            .unwrap_or(1.0),
    )
}

/// Splits a path's `d` into subpaths of points, each point tagged with whether the segment that
/// reaches it is straight. cairo writes absolute M, L, C and Z only; H and V are read too.
fn subpaths(d: &str) -> Vec<Vec<((f64, f64), bool)>> {
    // Tokens: command letters and numbers ("e" belongs to a number's exponent).
    let mut tokens: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in d.chars() {
        let command = c.is_ascii_alphabetic() && c != 'e' && c != 'E';
        if command || c == ',' || c.is_whitespace() {
            if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
            if command {
                tokens.push(c.to_string());
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
    let mut out: Vec<Vec<((f64, f64), bool)>> = Vec::new();
    let mut last = (0.0, 0.0);
    let mut i = 0;
    let mut cmd = 'M';
    while i < tokens.len() {
        if let Some(c) = tokens[i].chars().next().filter(|c| c.is_ascii_alphabetic()) {
            cmd = c;
            i += 1;
            if cmd == 'Z' || cmd == 'z' {
                if let Some(sp) = out.last_mut() {
                    let first = sp[0].0;
                    sp.push((first, true));
                    last = first;
                }
            }
            continue;
        }
        let arity = match cmd {
            'M' | 'L' => 2,
            'C' => 6,
            'H' | 'V' => 1,
            // Anything else (relative or arc commands, which cairo does not write): skip.
            _ => {
                i += 1;
                continue;
            }
        };
        let args: Vec<f64> = tokens[i..(i + arity).min(tokens.len())]
            .iter()
            .filter_map(|t| t.parse().ok())
            .collect();
        i += arity;
        if args.len() < arity {
            break;
        }
        let (p, straight) = match cmd {
            'M' | 'L' => ((args[0], args[1]), true),
            'C' => ((args[4], args[5]), false),
            'H' => ((args[0], last.1), true),
            _ => ((last.0, args[0]), true),
        };
        if cmd == 'M' {
            out.push(vec![(p, true)]);
            // Coordinates after an M's first pair are line-tos.
            cmd = 'L';
        } else if let Some(sp) = out.last_mut() {
            sp.push((p, straight));
        }
        last = p;
    }
    out
}

fn path_rules(node: roxmltree::Node, m: Matrix, page: usize, out: &mut Vec<Rule>) {
    let Some(d) = node.attribute("d") else {
        return;
    };
    let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
    let paths = subpaths(d);
    if let Some(w) = stroke_width(node) {
        for sp in &paths {
            for pair in sp.windows(2) {
                let (a, b) = (apply(m, pair[0].0), apply(m, pair[1].0));
                if pair[1].1 && (a.1 - b.1).abs() < 0.1 && (a.0 - b.0).abs() > 0.5 {
                    out.push(Rule {
                        page,
                        x: a.0.min(b.0) * MM_PER_PT,
                        y: (a.1 + b.1) / 2.0 * MM_PER_PT,
                        length: (a.0 - b.0).abs() * MM_PER_PT,
                        thickness: w * scale * MM_PER_PT,
                    });
                }
            }
        }
    }
    if filled(node) {
        for sp in &paths {
            if sp.iter().all(|p| p.1) && (4..=5).contains(&sp.len()) {
                let pts: Vec<(f64, f64)> = sp.iter().map(|p| apply(m, p.0)).collect();
                thin_rect(&pts, page, out);
            }
        }
    }
}

/// A filled axis-aligned rectangle at most 1.5 pt high and at least 2 mm long is a rule.
fn thin_rect(pts: &[(f64, f64)], page: usize, out: &mut Vec<Rule>) {
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    let (x0, x1) = (
        xs.clone().fold(f64::MAX, f64::min),
        xs.fold(f64::MIN, f64::max),
    );
    let (y0, y1) = (
        ys.clone().fold(f64::MAX, f64::min),
        ys.fold(f64::MIN, f64::max),
    );
    let axis_aligned = pts.iter().all(|p| {
        ((p.0 - x0).abs() < 0.01 || (p.0 - x1).abs() < 0.01)
            && ((p.1 - y0).abs() < 0.01 || (p.1 - y1).abs() < 0.01)
    });
    if axis_aligned && y1 - y0 <= 1.5 && (x1 - x0) * MM_PER_PT >= 2.0 {
        out.push(Rule {
            page,
            x: x0 * MM_PER_PT,
            y: (y0 + y1) / 2.0 * MM_PER_PT,
            length: (x1 - x0) * MM_PER_PT,
            thickness: (y1 - y0) * MM_PER_PT,
        });
    }
}

/// The words' texts split at any whitespace left inside a word (pdftotext keeps a no-break
/// space inside a word), each with the index of its word.
pub fn tokens(words: &[Word]) -> Vec<(&str, usize)> {
    words
        .iter()
        .enumerate()
        .flat_map(|(i, w)| w.text.split_whitespace().map(move |t| (t, i)))
        .collect()
}

/// Where the phrase (compared token by token) first occurs in `tokens` at or after `from`:
/// the range of token indices.
pub fn find_tokens(
    tokens: &[(&str, usize)],
    phrase: &str,
    from: usize,
) -> Option<std::ops::Range<usize>> {
    let want: Vec<&str> = phrase.split_whitespace().collect();
    if want.is_empty() || tokens.len() < want.len() {
        return None;
    }
    (from..=tokens.len() - want.len())
        .find(|&s| want.iter().enumerate().all(|(k, w)| tokens[s + k].0 == *w))
        .map(|s| s..s + want.len())
}

/// The words of the first occurrence of a phrase, on any page.
pub fn find_phrase<'a>(words: &'a [Word], phrase: &str) -> Option<Vec<&'a Word>> {
    let toks = tokens(words);
    let r = find_tokens(&toks, phrase, 0)?;
    let mut idx: Vec<usize> = toks[r].iter().map(|t| t.1).collect();
    idx.dedup();
    Some(idx.into_iter().map(|i| &words[i]).collect())
}
