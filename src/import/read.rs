//! Reading a document back: a `.docx` (WordprocessingML) or a text extraction (what
//! `pdftotext` gives, or Markdown) becomes one list of [`Item`]s — paragraphs with their bold
//! and italic runs, and data tables — each remembering the line or paragraph it came from.

use std::io::Read;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::styles::{Props, Styles};

/// A run of text with its emphasis.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// A footnote at this place: `text` is the note's text (while reading a .docx, its id).
    pub note: bool,
}

impl Run {
    /// Text with no emphasis.
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
            note: false,
        }
    }
}

/// Emphasis is unknown in a plain-text extraction: the recogniser then keeps the defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Source {
    Word,
    Text,
    Markdown,
}

/// One paragraph (or one line of a header cell).
#[derive(Debug, Clone)]
pub struct Line {
    pub runs: Vec<Run>,
    /// 1-based line of a text file, or paragraph number of a .docx.
    pub at: usize,
    pub centered: bool,
    /// From a layout table (header, signature): never joined with its neighbours.
    pub cell: bool,
    /// Level given by Word's automatic numbering (`numPr`): `muc`, `khoan`, `diem`, `gach`, `cong`.
    pub auto: Option<crate::model::Level>,
}

impl Line {
    /// Another line's runs joined to this one's after a space: one paragraph.
    pub fn append(&mut self, runs: Vec<Run>) {
        self.runs.push(Run::plain(" "));
        self.runs.extend(runs);
    }

    /// The text without its footnotes.
    pub fn plain(&self) -> String {
        self.runs
            .iter()
            .filter(|r| !r.note)
            .map(|r| r.text.as_str())
            .collect()
    }

    /// Every letter is bold (`None` when no run has a letter).
    pub fn all_bold(&self) -> Option<bool> {
        let mut any = false;
        for r in &self.runs {
            if r.text.chars().any(char::is_alphanumeric) {
                any = true;
                if !r.bold {
                    return Some(false);
                }
            }
        }
        any.then_some(true)
    }

    pub fn all_italic(&self) -> bool {
        let lettered: Vec<&Run> = self
            .runs
            .iter()
            .filter(|r| r.text.chars().any(char::is_alphanumeric))
            .collect();
        !lettered.is_empty() && lettered.iter().all(|r| r.italic)
    }

    /// The text from the `skip`th character on, trimmed, with `**bold**` and `*italic*` marks
    /// where the runs change; literal `*` and `{{` are escaped for vanban's text syntax.
    /// `plain_emphasis` drops a mark that covers the whole text (it becomes `dam`).
    pub fn markup(&self, skip: usize, drop_whole_bold: bool, drop_whole_italic: bool) -> String {
        let mut runs: Vec<Run> = Vec::new();
        let mut left = skip;
        for r in &self.runs {
            let n = r.text.chars().count();
            if left >= n {
                left -= n;
                continue;
            }
            let text: String = r.text.chars().skip(left).collect();
            left = 0;
            match runs.last_mut() {
                Some(last)
                    if last.bold == r.bold && last.italic == r.italic && !last.note && !r.note =>
                {
                    last.text.push_str(&text)
                }
                _ => runs.push(Run { text, ..r.clone() }),
            }
        }
        let lettered = |r: &&Run| r.text.chars().any(char::is_alphanumeric);
        let whole_bold = drop_whole_bold && runs.iter().filter(lettered).all(|r| r.bold);
        let whole_italic = drop_whole_italic && runs.iter().filter(lettered).all(|r| r.italic);
        let mut out = String::new();
        for r in &runs {
            if r.note {
                // A footnote, written `^[…]` where its number goes.
                out.push_str(&format!("^[{}]", escape(r.text.trim())));
                continue;
            }
            let text = escape(&r.text);
            let bold = r.bold && !whole_bold && r.text.chars().any(char::is_alphanumeric);
            let italic =
                r.italic && !bold && !whole_italic && r.text.chars().any(char::is_alphanumeric);
            let mark = if bold {
                "**"
            } else if italic {
                "*"
            } else {
                ""
            };
            if mark.is_empty() {
                out.push_str(&text);
                continue;
            }
            // Spaces stay outside the marks so that they always close.
            let core = text.trim();
            let lead = &text[..text.len() - text.trim_start().len()];
            let tail = &text[text.trim_end().len()..];
            out.push_str(lead);
            out.push_str(mark);
            out.push_str(core);
            out.push_str(mark);
            out.push_str(tail);
        }
        out.trim().replace("****", "")
    }
}

/// Characters that vanban's prose syntax reads (the body and the căn cứ), escaped: the
/// context's own rule ([`crate::context::escape_prose`]).
pub fn escape(s: &str) -> String {
    crate::context::escape_prose(s)
}

/// Characters that every text field reads (`{{`), escaped ([`crate::context::escape_text`]).
pub fn escape_plain(s: &str) -> String {
    crate::context::escape_text(s)
}

/// A table of data (not a layout table of the header or signature block).
#[derive(Debug, Clone)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
    pub at: usize,
}

/// A table of signatures: each cell one party's lines (quyền hạn, chức vụ), its name last.
#[derive(Debug, Clone)]
pub struct Signers {
    pub parties: Vec<Vec<String>>,
    pub at: usize,
}

#[derive(Debug, Clone)]
pub enum Item {
    Line(Line),
    Table(Table),
    /// The signatures of several parties side by side (a biên bản's), from a table.
    Signers(Signers),
    /// An empty paragraph or blank line: a paragraph boundary in Word and in Markdown.
    Blank,
}

/// Why a file could not be read; the caller words it for the clerk.
#[derive(Debug)]
pub enum ReadError {
    Empty,
    NotZip,
    NoDocument,
    Xml(String),
    Binary,
    /// A part of the zip unpacks to more than [`MAX_PART`] bytes.
    TooLarge(String),
    /// A Word 97–2003 file that could not be converted (no LibreOffice, or it failed).
    OldWord(Option<String>),
}

/// Reads the bytes of a file named `path`: `.docx`, `.md`, anything else as text.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<(Source, Vec<Item>), ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if super::doc::is_ole(bytes) || super::doc::is_word_text(&ext, bytes) {
        let docx = super::doc::convert(bytes).map_err(ReadError::OldWord)?;
        return Ok((Source::Word, read_docx(&docx)?));
    }
    match ext.as_str() {
        "docx" | "docm" => Ok((Source::Word, read_docx(bytes)?)),
        _ if bytes.starts_with(b"PK\x03\x04") => Ok((Source::Word, read_docx(bytes)?)),
        "md" | "markdown" => Ok((Source::Markdown, read_markdown(&text_of(bytes)?))),
        _ => Ok((Source::Text, read_text(&text_of(bytes)?))),
    }
}

fn text_of(bytes: &[u8]) -> Result<String, ReadError> {
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) || bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        // A text saved by Excel or Notepad on a Vietnamese Windows.
        Err(_) => encoding_rs::WINDOWS_1258.decode(bytes).0.into_owned(),
    };
    Ok(clean(text.trim_start_matches('\u{feff}')))
}

/// NFC (Vietnamese typed with combining marks), no-break and odd spaces as spaces.
fn clean(s: &str) -> String {
    s.nfc()
        .map(|c| match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\t' => ' ',
            c => c,
        })
        // Joiners keep a số/ký hiệu on one line (vanban's own .docx writes one after each
        // slash); they are not text.
        .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{2060}'))
        .collect()
}

fn plain_line(text: &str, at: usize) -> Line {
    Line {
        runs: vec![Run::plain(text)],
        at,
        centered: false,
        cell: false,
        auto: None,
    }
}

/// A text extraction: one item per line, blank lines kept (the recogniser joins the lines
/// broken by the extraction).
fn read_text(text: &str) -> Vec<Item> {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            // pdftotext starts each page with a form feed; a page number there is layout.
            let page_number = l
                .strip_prefix('\u{c}')
                .is_some_and(|r| r.trim().chars().all(|c| c.is_ascii_digit()));
            let l = l.trim_start_matches('\u{c}');
            if l.trim().is_empty() || page_number || is_rule(l) {
                Item::Blank
            } else {
                Item::Line(plain_line(l.trim_end(), i + 1))
            }
        })
        .collect()
}

/// Markdown: `#` headings lose their marks; `**`/`*` are already vanban's emphasis; a line
/// ending in two spaces or `\` is a hard break, other lines of a paragraph are joined.
fn read_markdown(text: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut current: Option<Line> = None;
    for (i, raw) in text.lines().enumerate() {
        let hard = raw.ends_with("  ") || raw.ends_with('\\');
        let l = raw
            .trim_start_matches('\u{c}')
            .trim()
            .trim_end_matches('\\')
            .trim();
        if l.is_empty() {
            if let Some(c) = current.take() {
                out.push(Item::Line(c));
            }
            out.push(Item::Blank);
            continue;
        }
        let l = l.trim_start_matches('#').trim();
        // A line starting a list item or a table is always its own paragraph.
        let starts_item = l.starts_with("- ") || l.starts_with("+ ") || l.starts_with('|');
        let runs = markdown_runs(l);
        match current.as_mut() {
            Some(c) if !starts_item => c.append(runs),
            _ => {
                if let Some(c) = current.take() {
                    out.push(Item::Line(c));
                }
                current = Some(Line {
                    runs,
                    ..plain_line("", i + 1)
                });
            }
        }
        if hard {
            if let Some(c) = current.take() {
                out.push(Item::Line(c));
            }
        }
    }
    if let Some(c) = current.take() {
        out.push(Item::Line(c));
    }
    out
}

/// `**bold**` and `*italic*` of a Markdown line as runs (an escaped `\*` is a star).
fn markdown_runs(l: &str) -> Vec<Run> {
    crate::context::parse_rich(l)
        .into_iter()
        .map(|s| Run {
            text: s.t,
            bold: s.b,
            italic: s.i,
            note: s.n,
        })
        .collect()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn read_docx(bytes: &[u8]) -> Result<Vec<Item>, ReadError> {
    read_docx_with(bytes, false).map(|(items, _)| items)
}

/// A change not yet accepted, or a comment, in a paragraph of a .docx (numbered as the
/// reader numbers its lines).
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Text inserted with track changes on and not accepted.
    Inserted { at: usize, text: String },
    /// Text deleted with track changes on and not accepted.
    Deleted { at: usize, text: String },
    /// A comment (`w:comment`) on the paragraph: its author and text.
    Comment {
        at: usize,
        author: String,
        text: String,
    },
}

/// A .docx read for the edit round trip: changes not yet accepted are read as rejected (the
/// text as it was before them) and listed, with the comments, by paragraph.
pub fn read_docx_edits(bytes: &[u8]) -> Result<(Vec<Item>, Vec<Mark>), ReadError> {
    read_docx_with(bytes, true)
}

fn read_docx_with(bytes: &[u8], reject: bool) -> Result<(Vec<Item>, Vec<Mark>), ReadError> {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| ReadError::NotZip)?;
    let document = part(&mut zip, "word/document.xml").ok_or(ReadError::NoDocument)??;
    let numbering = match part(&mut zip, "word/numbering.xml") {
        Some(Ok(s)) => Numbering::parse(&s),
        Some(Err(e @ ReadError::TooLarge(_))) => return Err(e),
        _ => Numbering::default(),
    };
    let doc = roxmltree::Document::parse_with_options(
        &document,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: 5_000_000,
            ..Default::default()
        },
    )
    .map_err(|e| ReadError::Xml(e.to_string()))?;
    let body = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name((W, "body")))
        .ok_or(ReadError::NoDocument)?;
    let styles = match part(&mut zip, "word/styles.xml") {
        Some(Ok(s)) => Styles::parse(&s),
        Some(Err(e @ ReadError::TooLarge(_))) => return Err(e),
        _ => Styles::default(),
    };
    let cx = RunCx {
        styles: &styles,
        para: Props::default(),
        reject,
    };
    let footnotes = match part(&mut zip, "word/footnotes.xml") {
        Some(Ok(s)) => footnotes(&s, cx),
        Some(Err(e @ ReadError::TooLarge(_))) => return Err(e),
        _ => Default::default(),
    };
    let comments = match part(&mut zip, "word/comments.xml") {
        Some(Ok(s)) => comments(&s, cx),
        Some(Err(e @ ReadError::TooLarge(_))) => return Err(e),
        _ => Default::default(),
    };
    let mut reader = DocxReader {
        out: Vec::new(),
        para: 0,
        numbering,
        footnotes,
        styles: &styles,
        reject,
        comments,
        marks: Vec::new(),
    };
    reader.block_children(body);
    // Footers hold ô 13 (address, telephone, email) of the first page.
    let mut names: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with("word/footer") && n.ends_with(".xml"))
        .map(str::to_string)
        .collect();
    names.sort();
    for name in names {
        let Some(Ok(xml)) = part(&mut zip, &name) else {
            continue;
        };
        let Ok(footer) = roxmltree::Document::parse(&xml) else {
            continue;
        };
        for p in footer.descendants().filter(|n| n.has_tag_name((W, "p"))) {
            let mut runs = Vec::new();
            collect_runs(p, &mut runs, reader.cx(styles.paragraph(child(p, "pPr"))));
            let text: String = runs
                .iter()
                .filter(|r| !r.note)
                .map(|r| r.text.as_str())
                .collect();
            let (address, _) = crate::context::CONTACT_LABELS[0];
            if text.trim_start().starts_with(&format!("{address}:")) {
                reader.para += 1;
                reader.out.push(Item::Line(Line {
                    runs,
                    at: reader.para,
                    centered: false,
                    cell: true,
                    auto: None,
                }));
            }
        }
    }
    Ok((reader.out, reader.marks))
}

/// The largest part of a .docx read: real documents are a few MiB at most, and a zip bomb
/// must not fill the memory.
pub const MAX_PART: u64 = 64 << 20;

/// A part of the zip as text, with the byte-order mark some exporters write before `<?xml`
/// taken off; `None` when the part is not there.
fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Option<Result<String, ReadError>> {
    let f = zip.by_name(name).ok()?;
    let mut bytes = Vec::new();
    let read = f.take(MAX_PART + 1).read_to_end(&mut bytes);
    Some(match read {
        Err(e) => Err(ReadError::Xml(e.to_string())),
        Ok(_) if bytes.len() as u64 > MAX_PART => Err(ReadError::TooLarge(name.to_string())),
        Ok(_) => match String::from_utf8(bytes) {
            Ok(s) => Ok(s.trim_start_matches('\u{feff}').to_string()),
            Err(e) => Err(ReadError::Xml(e.to_string())),
        },
    })
}

struct DocxReader<'s> {
    out: Vec<Item>,
    para: usize,
    numbering: Numbering,
    /// The text of each footnote of word/footnotes.xml, by id.
    footnotes: std::collections::HashMap<String, String>,
    styles: &'s Styles,
    /// Changes not yet accepted read as rejected.
    reject: bool,
    /// The comments of word/comments.xml by id: author and text.
    comments: std::collections::HashMap<String, (String, String)>,
    marks: Vec<Mark>,
}

/// The comments of word/comments.xml by id: author and text on one line.
fn comments(xml: &str, cx: RunCx) -> std::collections::HashMap<String, (String, String)> {
    let mut out = std::collections::HashMap::new();
    let Ok(doc) = roxmltree::Document::parse(xml) else {
        return out;
    };
    for n in doc.descendants().filter(|n| n.has_tag_name((W, "comment"))) {
        let text: Vec<String> = n
            .descendants()
            .filter(|p| p.has_tag_name((W, "p")))
            .map(|p| cell_paragraph_text(p, cx))
            .collect();
        let text = text
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(id) = attr(n, "id") {
            let author = attr(n, "author").unwrap_or("").to_string();
            out.insert(id.to_string(), (author, text));
        }
    }
    out
}

/// The footnotes of word/footnotes.xml by id (not Word's separators), each as one line.
fn footnotes(xml: &str, cx: RunCx) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    let Ok(doc) = roxmltree::Document::parse(xml) else {
        return out;
    };
    for n in doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "footnote")))
    {
        if attr(n, "type").is_some_and(|t| t != "normal") {
            continue;
        }
        let text: Vec<String> = n
            .descendants()
            .filter(|p| p.has_tag_name((W, "p")))
            .map(|p| {
                let mut runs = Vec::new();
                collect_runs(p, &mut runs, cx);
                let t: String = runs
                    .iter()
                    .filter(|r| !r.note)
                    .map(|r| r.text.as_str())
                    .collect();
                clean(&t)
            })
            .collect();
        let text = text
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let (Some(id), false) = (attr(n, "id"), text.is_empty()) {
            out.insert(id.to_string(), text);
        }
    }
    out
}

/// Words that show a table is the layout of the header or signature block, not data.
const LAYOUT_CUES: [&str; 8] = [
    "CỘNG HÒA XÃ HỘI",
    "CỘNG HOÀ XÃ HỘI",
    "Số:",
    "Nơi nhận",
    "Kính gửi",
    "TM. ",
    "KT. ",
    "Độc lập",
];

impl DocxReader<'_> {
    fn cx(&self, para: Props) -> RunCx<'_> {
        RunCx {
            styles: self.styles,
            para,
            reject: self.reject,
        }
    }

    /// The changes not yet accepted and the comments inside `node`, listed at paragraph `at`.
    fn marks(&mut self, node: roxmltree::Node, at: usize) {
        let text = |n: roxmltree::Node, tag: &str| -> String {
            let t: String = n
                .descendants()
                .filter(|t| t.has_tag_name((W, tag)))
                .filter_map(|t| t.text())
                .collect();
            clean(&t).split_whitespace().collect::<Vec<_>>().join(" ")
        };
        for n in node.descendants().filter(|n| n.is_element()) {
            let mark = match n.tag_name().name() {
                "ins" | "moveTo" if n.tag_name().namespace() == Some(W) => Mark::Inserted {
                    at,
                    text: text(n, "t"),
                },
                "del" if n.tag_name().namespace() == Some(W) => Mark::Deleted {
                    at,
                    text: text(n, "delText"),
                },
                // Text moved away keeps its `w:t`: the move's source is a pending deletion.
                "moveFrom" if n.tag_name().namespace() == Some(W) => Mark::Deleted {
                    at,
                    text: text(n, "t"),
                },
                "commentReference" => {
                    let id = attr(n, "id").unwrap_or("");
                    let (author, text) = self.comments.get(id).cloned().unwrap_or_default();
                    Mark::Comment { at, author, text }
                }
                _ => continue,
            };
            let empty = match &mark {
                Mark::Inserted { text, .. } | Mark::Deleted { text, .. } => text.trim().is_empty(),
                Mark::Comment { .. } => false,
            };
            if !empty && !self.marks.contains(&mark) {
                self.marks.push(mark);
            }
        }
    }

    fn block_children(&mut self, parent: roxmltree::Node) {
        for n in parent.children().filter(|n| n.is_element()) {
            match n.tag_name().name() {
                "p" => self.paragraph(n, false),
                "tbl" => self.table(n),
                "sdt" | "sdtContent" | "customXml" => self.block_children(n),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: roxmltree::Node, cell: bool) {
        self.para += 1;
        self.marks(p, self.para);
        let style = self.styles.paragraph(child(p, "pPr"));
        let mut runs: Vec<Run> = Vec::new();
        collect_runs(p, &mut runs, self.cx(style));
        // A footnote's id becomes its text; one the file does not hold is left out.
        runs.retain_mut(|r| {
            if r.note {
                match self.footnotes.get(&r.text) {
                    Some(t) => r.text = t.clone(),
                    None => return false,
                }
            }
            true
        });
        let ppr = child(p, "pPr");
        let centered = Props::of_ppr(ppr).over(style).center.unwrap_or(false);
        let auto = ppr
            .and_then(|ppr| child(ppr, "numPr"))
            .and_then(|np| self.numbering.level_of(np));
        // A line break inside a paragraph splits lines in a layout cell, and is a space
        // in running text.
        let text: String = runs
            .iter()
            .filter(|r| !r.note)
            .map(|r| r.text.as_str())
            .collect();
        if text.trim().is_empty() {
            self.out.push(Item::Blank);
            return;
        }
        let mut first = true;
        for runs in split_runs(runs, '\n') {
            let text: String = runs
                .iter()
                .filter(|r| !r.note)
                .map(|r| r.text.as_str())
                .collect();
            // A rule typed as dashes or underscores is layout, not text.
            if text.trim().is_empty() || is_rule(&text) {
                continue;
            }
            let line = Line {
                runs,
                at: self.para,
                centered,
                cell,
                auto: if first { auto } else { None },
            };
            if !cell && !first {
                if let Some(Item::Line(prev)) = self.out.last_mut() {
                    if !separate_lines(&prev.plain(), &text, centered) {
                        prev.append(line.runs);
                        continue;
                    }
                }
            }
            first = false;
            self.out.push(Item::Line(line));
        }
    }

    fn table(&mut self, tbl: roxmltree::Node) {
        let rows: Vec<roxmltree::Node> = tbl
            .children()
            .filter(|n| n.has_tag_name((W, "tr")))
            .collect();
        let all_text: String = tbl
            .descendants()
            .filter(|n| n.has_tag_name((W, "t")) && !in_shape(*n))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join(" ");
        let columns = rows
            .iter()
            .map(|r| r.children().filter(|c| c.has_tag_name((W, "tc"))).count())
            .max()
            .unwrap_or(0);
        if let Some(parties) = signer_table(&rows, self.cx(Props::default())) {
            self.para += 1;
            let at = self.para;
            self.marks(tbl, at);
            self.out.push(Item::Signers(Signers { parties, at }));
            return;
        }
        let layout = columns < 2
            || rows.len() < 2
            || LAYOUT_CUES.iter().any(|c| all_text.contains(c))
            || (rows.len() <= 2 && columns <= 2);
        if layout {
            for row in rows {
                for tc in row.children().filter(|c| c.has_tag_name((W, "tc"))) {
                    self.out.push(Item::Blank);
                    for n in tc.children().filter(|n| n.is_element()) {
                        match n.tag_name().name() {
                            "p" => self.paragraph(n, true),
                            "tbl" => self.table(n),
                            _ => {}
                        }
                    }
                }
            }
            self.out.push(Item::Blank);
            return;
        }
        self.para += 1;
        let at = self.para;
        let mut out_rows = Vec::new();
        for row in rows {
            let mut cells = Vec::new();
            for tc in row.children().filter(|c| c.has_tag_name((W, "tc"))) {
                let mut paras = Vec::new();
                let paragraphs = tc.descendants().filter(|n| n.has_tag_name((W, "p")));
                for p in paragraphs.filter(|p| !in_shape(*p)) {
                    let t = cell_paragraph_text(p, self.cx(self.styles.paragraph(child(p, "pPr"))));
                    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !t.is_empty() {
                        paras.push(t);
                    }
                }
                // A horizontally merged cell counts for the columns it spans.
                let span = child(tc, "tcPr")
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(|g| attr(g, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1);
                cells.push(paras.join(" "));
                for _ in 1..span {
                    cells.push(String::new());
                }
            }
            out_rows.push(cells);
        }
        self.marks(tbl, at);
        self.out.push(Item::Table(Table { rows: out_rows, at }));
    }
}

/// The text of a paragraph in a table cell, footnote marks left out.
fn cell_paragraph_text(p: roxmltree::Node, cx: RunCx) -> String {
    let mut runs = Vec::new();
    collect_runs(p, &mut runs, cx);
    runs.iter()
        .filter(|r| !r.note)
        .map(|r| r.text.as_str())
        .collect()
}

/// The lines of each cell of a table, in reading order (line breaks split lines; rules,
/// shapes and `(ký, ghi rõ họ tên)` notes left out).
fn cell_lines(rows: &[roxmltree::Node], cx: RunCx) -> Vec<Vec<String>> {
    let mut cells = Vec::new();
    for row in rows {
        for tc in row.children().filter(|c| c.has_tag_name((W, "tc"))) {
            let mut lines = Vec::new();
            let paragraphs = tc.descendants().filter(|n| n.has_tag_name((W, "p")));
            for p in paragraphs.filter(|p| !in_shape(*p)) {
                for l in cell_paragraph_text(p, cx).split('\n') {
                    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !l.is_empty() && !is_rule(&l) && !l.starts_with(['(', '[']) {
                        lines.push(l);
                    }
                }
            }
            cells.push(lines);
        }
    }
    cells
}

/// A table of three or more signatures (a biên bản's parties): every cell that has text is
/// one party — lines in capitals (quyền hạn, chức vụ), then a name. Two side by side stay
/// the layout they always were (thư ký and chủ tọa, or Nơi nhận and the signer).
fn signer_table(rows: &[roxmltree::Node], cx: RunCx) -> Option<Vec<Vec<String>>> {
    let parties: Vec<Vec<String>> = cell_lines(rows, cx)
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect();
    let party = |lines: &Vec<String>| {
        let (name, titles) = lines.split_last().unwrap();
        !titles.is_empty()
            && titles.len() <= 5
            && titles.iter().all(|t| super::parse::is_upper(t))
            && super::parse::is_name(name)
    };
    (parties.len() >= 3 && parties.iter().all(party)).then_some(parties)
}

/// A line that only draws a rule: `-------`, `___`, `=====` (portal exports type the rules
/// under the agency's name and the Tiêu ngữ).
pub fn is_rule(s: &str) -> bool {
    let t = s.trim();
    t.chars().filter(|c| "-_=─━—–~".contains(*c)).count() >= 3
        && t.chars().all(|c| "-_=─━—–~* ".contains(c))
}

/// Whether a line break inside a paragraph of running text starts a line of its own (a
/// header or signature typed with breaks, a list) rather than wrapping a sentence.
fn separate_lines(before: &str, after: &str, centered: bool) -> bool {
    let after = after.trim();
    centered
        || super::parse::is_upper(before)
        || super::parse::is_upper(after)
        || ["- ", "– ", "+ "].iter().any(|m| after.starts_with(m))
}

/// Text of a drawing, a text box or an anchored shape: its words and offsets are not the
/// paragraph's text.
fn in_shape(n: roxmltree::Node) -> bool {
    n.ancestors().any(|a| SHAPES.contains(&a.tag_name().name()))
}

const SHAPES: [&str; 7] = [
    "drawing",
    "pict",
    "AlternateContent",
    "object",
    "txbxContent",
    "shape",
    "textbox",
];

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

fn attr<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// How runs are read: the styles that give their emphasis, the paragraph's own style, and
/// whether changes not yet accepted are read as if rejected.
#[derive(Clone, Copy)]
struct RunCx<'a> {
    styles: &'a Styles,
    para: Props,
    reject: bool,
}

/// The runs of a paragraph in order, through hyperlinks, insertions, fields and smart tags;
/// deleted text is left out. With `cx.reject`, a pending insertion is left out and a pending
/// deletion read, as if the changes were rejected.
fn collect_runs(n: roxmltree::Node, out: &mut Vec<Run>, cx: RunCx) {
    for c in n.children().filter(|c| c.is_element()) {
        match c.tag_name().name() {
            "r" => {
                let props = cx.styles.run(child(c, "rPr"), cx.para);
                let bold = props.bold.unwrap_or(false);
                let italic = props.italic.unwrap_or(false);
                for t in c.children().filter(|t| t.is_element()) {
                    if t.tag_name().name() == "footnoteReference" {
                        // Its id; the reader puts the note's text in its place.
                        let id = attr(t, "id").unwrap_or("").to_string();
                        out.push(Run {
                            text: id,
                            bold,
                            italic,
                            note: true,
                        });
                        continue;
                    }
                    let text = match t.tag_name().name() {
                        "t" | "delText" => clean(t.text().unwrap_or("")),
                        "tab" => " ".into(),
                        "br" | "cr" => "\n".into(),
                        "noBreakHyphen" => "-".into(),
                        _ => continue,
                    };
                    match out.last_mut() {
                        Some(last) if last.bold == bold && last.italic == italic && !last.note => {
                            last.text.push_str(&text)
                        }
                        _ => out.push(Run {
                            text,
                            bold,
                            italic,
                            note: false,
                        }),
                    }
                }
            }
            "del" | "moveFrom" if cx.reject => collect_runs(c, out, cx),
            "ins" | "moveTo" if cx.reject => {}
            "del" | "pPr" | "rPr" | "moveFrom" => {}
            name if SHAPES.contains(&name) => {}
            _ => collect_runs(c, out, cx),
        }
    }
}

/// Splits runs at a character, keeping emphasis.
fn split_runs(runs: Vec<Run>, at: char) -> Vec<Vec<Run>> {
    let mut out = vec![Vec::new()];
    for r in runs {
        let mut parts = r.text.split(at).peekable();
        while let Some(p) = parts.next() {
            if !p.is_empty() {
                out.last_mut().unwrap().push(Run {
                    text: p.to_string(),
                    ..r.clone()
                });
            }
            if parts.peek().is_some() {
                out.push(Vec::new());
            }
        }
    }
    out
}

/// Word's automatic numbering: which level of the decree a numbered paragraph is, from the
/// number format of its list level.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId
    nums: std::collections::HashMap<String, String>,
    /// (abstractNumId, ilvl) → (numFmt, lvlText)
    levels: std::collections::HashMap<(String, String), (String, String)>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let Ok(doc) = roxmltree::Document::parse(xml) else {
            return n;
        };
        for el in doc.root_element().children().filter(|c| c.is_element()) {
            match el.tag_name().name() {
                "abstractNum" => {
                    let id = attr(el, "abstractNumId").unwrap_or("").to_string();
                    for lvl in el.children().filter(|c| c.has_tag_name((W, "lvl"))) {
                        let ilvl = attr(lvl, "ilvl").unwrap_or("0").to_string();
                        let fmt = child(lvl, "numFmt")
                            .and_then(|f| attr(f, "val"))
                            .unwrap_or("")
                            .to_string();
                        let text = child(lvl, "lvlText")
                            .and_then(|f| attr(f, "val"))
                            .unwrap_or("")
                            .to_string();
                        n.levels.insert((id.clone(), ilvl), (fmt, text));
                    }
                }
                "num" => {
                    let id = attr(el, "numId").unwrap_or("").to_string();
                    if let Some(a) = child(el, "abstractNumId").and_then(|a| attr(a, "val")) {
                        n.nums.insert(id, a.to_string());
                    }
                }
                _ => {}
            }
        }
        n
    }

    fn level_of(&self, num_pr: roxmltree::Node) -> Option<crate::model::Level> {
        use crate::model::Level;
        let id = child(num_pr, "numId").and_then(|n| attr(n, "val"))?;
        let ilvl = child(num_pr, "ilvl")
            .and_then(|n| attr(n, "val"))
            .unwrap_or("0");
        let abs = self.nums.get(id)?;
        let (fmt, text) = self.levels.get(&(abs.clone(), ilvl.to_string()))?;
        match fmt.as_str() {
            "upperRoman" => Some(Level::Muc),
            "decimal" | "decimalZero" if !text.contains('.') || text.matches('%').count() == 1 => {
                Some(Level::Khoan)
            }
            "lowerLetter" => Some(Level::Diem),
            "bullet" if text.contains('+') => Some(Level::Cong),
            "bullet" => Some(Level::Gach),
            _ => None,
        }
    }
}
