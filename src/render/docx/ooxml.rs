//! A small WordprocessingML writer: paragraphs, runs, tables and sections, written in the
//! schema's element order, and the package (the zip of parts) with fixed timestamps, so the
//! same document always gives the same bytes.
//!
//! Why not docx-rs: measured in `../shared/reference/docx.md`, version 0.4.22 drops a
//! section's first-page header and footers, cannot mark a repeated table header row, writes
//! elements out of schema order (370 validator errors on six pages), fixes Japanese legacy
//! compatibility flags in settings.xml and numbers paragraphs from a thread-wide counter (the
//! bytes would depend on what the worker built before). Each needs a pass over its XML; the
//! handful of elements vanban uses are shorter to write directly. Everything of the format
//! stays behind this module.

use std::fmt::Write as _;
use std::io::Write as _;

/// Twips (1/20 pt) per millimetre.
pub const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

pub fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

pub fn pt(v: f64) -> i32 {
    (v * 20.0).round() as i32
}

fn half_points(size: f64) -> i32 {
    (size * 2.0).round() as i32
}

/// Text as XML character data: NFC (Điều 8: TCVN 6909 Unicode, and Word's search needs the
/// composed forms), markup characters escaped, control characters removed (a U+000B pasted
/// from Word makes the whole part unreadable).
pub fn escape(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            // Not allowed in XML 1.0 even though not "control" for Rust.
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Justified: `both` (docx-rs's `justified` is not a value of the schema).
    Both,
}

impl Align {
    fn val(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
        }
    }
}

/// A run of text with its character formatting.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    /// Size in points.
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    /// RGB hex, e.g. `E3000F`.
    pub color: Option<&'static str>,
    /// A PAGE field instead of text; `text` is its cached value.
    pub page_field: bool,
    /// A reference to the footnote of this number (footnotes.xml) instead of text.
    pub footnote: Option<usize>,
}

impl Run {
    pub fn new(text: impl Into<String>, size: f64) -> Run {
        Run {
            text: text.into(),
            size,
            bold: false,
            italic: false,
            color: None,
            page_field: false,
            footnote: None,
        }
    }
    /// The superscript number of footnote `n`.
    pub fn footnote(n: usize, size: f64) -> Run {
        Run {
            footnote: Some(n),
            ..Run::new("", size)
        }
    }
    pub fn bold(mut self, on: bool) -> Run {
        self.bold = on;
        self
    }
    pub fn italic(mut self, on: bool) -> Run {
        self.italic = on;
        self
    }

    /// The run's properties where they differ from its paragraph style's: a run in the
    /// style's own look carries none, so restyling the style restyles the run.
    fn rpr(&self, base: &RunProps, out: &mut String) {
        let mut props = String::new();
        if self.bold != base.bold {
            props.push_str(if self.bold {
                "<w:b/><w:bCs/>"
            } else {
                r#"<w:b w:val="0"/><w:bCs w:val="0"/>"#
            });
        }
        if self.italic != base.italic {
            props.push_str(if self.italic {
                "<w:i/><w:iCs/>"
            } else {
                r#"<w:i w:val="0"/><w:iCs w:val="0"/>"#
            });
        }
        if let Some(c) = self.color {
            let _ = write!(props, r#"<w:color w:val="{c}"/>"#);
        }
        if self.size != base.size {
            let hp = half_points(self.size);
            let _ = write!(props, r#"<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>"#);
        }
        if !props.is_empty() {
            let _ = write!(out, "<w:rPr>{props}</w:rPr>");
        }
    }

    fn write(&self, base: &RunProps, out: &mut String) {
        if let Some(n) = self.footnote {
            let mut size = String::new();
            if self.size != base.size {
                let hp = half_points(self.size);
                let _ = write!(size, r#"<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>"#);
            }
            let _ = write!(
                out,
                r#"<w:r><w:rPr>{size}<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>"#
            );
            return;
        }
        if self.page_field {
            for part in ["begin", "instr", "separate", "value", "end"] {
                out.push_str("<w:r>");
                self.rpr(base, out);
                match part {
                    "instr" => {
                        out.push_str(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#)
                    }
                    "value" => {
                        let _ = write!(out, "<w:t>{}</w:t>", escape(&self.text));
                    }
                    kind => {
                        let _ = write!(out, r#"<w:fldChar w:fldCharType="{kind}"/>"#);
                    }
                }
                out.push_str("</w:r>");
            }
            return;
        }
        out.push_str("<w:r>");
        self.rpr(base, out);
        // A line break inside one run is a <w:br/>, never a newline in <w:t> (Word shows a
        // repair dialog); tabs are <w:tab/>.
        for (i, line) in self.text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                write_text(piece, out);
            }
        }
        out.push_str("</w:r>");
    }
}

/// Text as `w:t`, a số/ký hiệu kept on one line: its hyphens are Word's non-breaking
/// hyphen and a word joiner follows its slashes (LibreOffice breaks after a slash).
fn write_text(piece: &str, out: &mut String) {
    let t = |s: &str, out: &mut String| {
        if !s.is_empty() {
            let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(s));
        }
    };
    let mut at = 0;
    for code in crate::context::spec::codes(piece) {
        t(&piece[at..code.start], out);
        for (k, part) in piece[code.clone()].split('-').enumerate() {
            if k > 0 {
                out.push_str("<w:noBreakHyphen/>");
            }
            t(&part.replace('/', "/\u{2060}"), out);
        }
        at = code.end;
    }
    t(&piece[at..], out);
}

/// A paragraph border: single line, `width` in points.
#[derive(Debug, Clone, Copy)]
pub struct Border {
    pub width: f64,
    pub color: &'static str,
    /// Space between the text and the border, in points.
    pub space: u32,
}

impl Border {
    pub fn thin() -> Border {
        Border {
            width: 0.5,
            color: "000000",
            space: 0,
        }
    }
    fn write(&self, side: &str, out: &mut String) {
        // Border widths are in eighths of a point.
        let sz = (self.width * 8.0).round() as i32;
        let _ = write!(
            out,
            r#"<w:{side} w:val="single" w:sz="{sz}" w:space="{}" w:color="{}"/>"#,
            self.space, self.color
        );
    }
}

/// A paragraph with its formatting. Lengths in twips; `line` in 240ths of a line.
#[derive(Debug, Clone)]
pub struct Para {
    /// The paragraph style (`w:pStyle`); what the style already says is not written again.
    pub style: Option<&'static str>,
    pub align: Align,
    pub left: i32,
    pub right: i32,
    /// Positive: first-line indent; negative: hanging indent.
    pub first_line: i32,
    pub before: i32,
    pub after: i32,
    pub line: i32,
    pub keep_next: bool,
    pub keep_lines: bool,
    pub page_break_before: bool,
    pub top: Option<Border>,
    pub bottom: Option<Border>,
    /// A frame on all four sides (the urgency mark).
    pub boxed: Option<Border>,
    /// Size of the paragraph mark in points (what an empty paragraph's height comes from).
    pub mark_size: Option<f64>,
    pub runs: Vec<Run>,
}

impl Para {
    pub fn new(align: Align) -> Para {
        Para {
            style: None,
            align,
            left: 0,
            right: 0,
            first_line: 0,
            before: 0,
            after: 0,
            line: 240,
            keep_next: false,
            keep_lines: false,
            page_break_before: false,
            top: None,
            bottom: None,
            boxed: None,
            mark_size: None,
            runs: Vec::new(),
        }
    }
    /// An empty paragraph of 1 pt: the space between two tables, the end of a cell or of
    /// the body after a table, a blank footer.
    pub fn spacer() -> Para {
        Para {
            style: Some(SPACER),
            mark_size: Some(1.0),
            ..Para::new(Align::Left)
        }
    }
    pub fn run(mut self, r: Run) -> Para {
        self.runs.push(r);
        self
    }
    pub fn spacing(mut self, before: i32, after: i32) -> Para {
        self.before = before;
        self.after = after;
        self
    }
    pub fn indent(mut self, left: i32, right: i32) -> Para {
        self.left = left;
        self.right = right;
        self
    }
    pub fn keep_next(mut self) -> Para {
        self.keep_next = true;
        self
    }
    pub fn align(mut self, align: Align) -> Para {
        self.align = align;
        self
    }

    /// The paragraph properties that differ from `base` (the style's, or docDefaults' for
    /// a style itself), in the schema's order.
    fn ppr(&self, base: &Para, outline: Option<u8>, out: &mut String) {
        let flag = |out: &mut String, name: &str, on: bool, was: bool| {
            if on != was {
                let _ = write!(out, "<w:{name}{}/>", if on { "" } else { r#" w:val="0""# });
            }
        };
        flag(out, "keepNext", self.keep_next, base.keep_next);
        flag(out, "keepLines", self.keep_lines, base.keep_lines);
        flag(
            out,
            "pageBreakBefore",
            self.page_break_before,
            base.page_break_before,
        );
        if self.top.is_some() || self.bottom.is_some() || self.boxed.is_some() {
            out.push_str("<w:pBdr>");
            if let Some(b) = self.boxed {
                for side in ["top", "left", "bottom", "right"] {
                    b.write(side, out);
                }
            } else {
                if let Some(b) = self.top {
                    b.write("top", out);
                }
                if let Some(b) = self.bottom {
                    b.write("bottom", out);
                }
            }
            out.push_str("</w:pBdr>");
        }
        let mut attrs = String::new();
        for (name, v, was) in [
            ("before", self.before, base.before),
            ("after", self.after, base.after),
            ("line", self.line, base.line),
        ] {
            if v != was {
                let _ = write!(attrs, r#" w:{name}="{v}""#);
            }
        }
        if self.line != base.line {
            attrs.push_str(r#" w:lineRule="auto""#);
        }
        if !attrs.is_empty() {
            let _ = write!(out, "<w:spacing{attrs}/>");
        }
        let mut attrs = String::new();
        for (name, v, was) in [
            ("left", self.left, base.left),
            ("right", self.right, base.right),
        ] {
            if v != was {
                let _ = write!(attrs, r#" w:{name}="{v}""#);
            }
        }
        if self.first_line != base.first_line {
            match self.first_line {
                n if n >= 0 => {
                    let _ = write!(attrs, r#" w:firstLine="{n}""#);
                }
                n => {
                    let _ = write!(attrs, r#" w:hanging="{}""#, -n);
                }
            }
        }
        if !attrs.is_empty() {
            let _ = write!(out, "<w:ind{attrs}/>");
        }
        if self.align != base.align {
            let _ = write!(out, r#"<w:jc w:val="{}"/>"#, self.align.val());
        }
        if let Some(level) = outline {
            let _ = write!(out, r#"<w:outlineLvl w:val="{level}"/>"#);
        }
    }

    fn write(&self, sheet: &Sheet, out: &mut String, sect: Option<&str>) {
        let style = sheet.get(self.style);
        let mut ppr = String::new();
        if let Some(id) = self.style {
            let _ = write!(ppr, r#"<w:pStyle w:val="{id}"/>"#);
        }
        self.ppr(&style.para, None, &mut ppr);
        if let Some(size) = self.mark_size.filter(|s| *s != style.run.size) {
            let hp = half_points(size);
            let _ = write!(
                ppr,
                r#"<w:rPr><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/></w:rPr>"#
            );
        }
        if let Some(s) = sect {
            ppr.push_str(s);
        }
        out.push_str("<w:p>");
        if !ppr.is_empty() {
            let _ = write!(out, "<w:pPr>{ppr}</w:pPr>");
        }
        for r in &self.runs {
            r.write(&style.run, out);
        }
        out.push_str("</w:p>");
    }
}

/// The style of [`Para::spacer`]: an empty paragraph of 1 pt.
pub const SPACER: &str = "VBKhoangCach";

/// A style's character look: what its runs are unless they say otherwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunProps {
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
}

/// A named paragraph style: its whole look as a paragraph and a run, of which styles.xml
/// holds only what differs from the style it is based on.
#[derive(Debug, Clone)]
pub struct Style {
    /// The id paragraphs name (ASCII, stable across versions).
    pub id: &'static str,
    /// The name Word shows (Vietnamese).
    pub name: &'static str,
    pub based_on: Option<&'static str>,
    /// The style Enter gives after a paragraph of this one.
    pub next: Option<&'static str>,
    /// Outline level from 0: the Navigation Pane and a table of contents.
    pub outline: Option<u8>,
    pub para: Para,
    pub run: RunProps,
}

/// The document's styles; the first is Normal, which a paragraph without a style has.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub styles: Vec<Style>,
}

impl Sheet {
    pub fn get(&self, id: Option<&str>) -> &Style {
        id.and_then(|id| self.styles.iter().find(|s| s.id == id))
            .unwrap_or(&self.styles[0])
    }

    /// What docDefaults say: the base of Normal.
    fn defaults(size: f64) -> Style {
        Style {
            id: "",
            name: "",
            based_on: None,
            next: None,
            outline: None,
            para: Para::new(Align::Left),
            run: RunProps {
                size,
                bold: false,
                italic: false,
            },
        }
    }

    fn xml(&self) -> String {
        let normal = &self.styles[0];
        let defaults = Self::defaults(normal.run.size);
        let hp = half_points(normal.run.size);
        let mut out = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr></w:pPrDefault></w:docDefaults>"#
        );
        for s in &self.styles {
            let base = match s.based_on {
                Some(id) => self.get(Some(id)),
                None => &defaults,
            };
            let default = if s.id == "Normal" {
                r#" w:default="1""#
            } else {
                ""
            };
            let _ = write!(
                out,
                r#"<w:style w:type="paragraph"{default} w:styleId="{}"><w:name w:val="{}"/>"#,
                s.id,
                escape(s.name)
            );
            if let Some(b) = s.based_on {
                let _ = write!(out, r#"<w:basedOn w:val="{b}"/>"#);
            }
            if let Some(n) = s.next {
                let _ = write!(out, r#"<w:next w:val="{n}"/>"#);
            }
            out.push_str("<w:qFormat/>");
            let mut ppr = String::new();
            if s.id == "Normal" {
                // Word and LibreOffice default differently; Typst avoids widows and orphans.
                ppr.push_str("<w:widowControl/>");
            }
            s.para.ppr(&base.para, s.outline, &mut ppr);
            if !ppr.is_empty() {
                let _ = write!(out, "<w:pPr>{ppr}</w:pPr>");
            }
            let mut rpr = String::new();
            Run::new("", s.run.size)
                .bold(s.run.bold)
                .italic(s.run.italic)
                .rpr(&base.run, &mut rpr);
            out.push_str(&rpr);
            out.push_str("</w:style>");
        }
        out.push_str(r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#);
        out
    }
}

/// Vertical alignment of a table cell's content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum VAlign {
    Top,
    Center,
    Bottom,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub span: usize,
    pub valign: VAlign,
    /// Left and right margins of this cell in twips, instead of the table's.
    pub margin: Option<i32>,
    pub content: Vec<Item>,
}

impl Cell {
    pub fn new(content: Vec<Item>) -> Cell {
        Cell {
            span: 1,
            valign: VAlign::Top,
            margin: None,
            content,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Repeated at the top of every page (only the leading rows of a table can be).
    pub header: bool,
    pub cant_split: bool,
}

/// A fixed-layout table: column widths in twips. Without `borders` every border is off.
#[derive(Debug, Clone)]
pub struct Table {
    pub widths: Vec<i32>,
    pub centered: bool,
    pub borders: bool,
    /// Left and right cell margins in twips (top and bottom are given too when bordered).
    pub cell_margin: i32,
    pub rows: Vec<Row>,
}

impl Table {
    fn write(&self, sheet: &Sheet, out: &mut String) {
        let total: i32 = self.widths.iter().sum();
        out.push_str("<w:tbl><w:tblPr>");
        let _ = write!(out, r#"<w:tblW w:w="{total}" w:type="dxa"/>"#);
        if self.centered {
            out.push_str(r#"<w:jc w:val="center"/>"#);
        }
        out.push_str(r#"<w:tblInd w:w="0" w:type="dxa"/>"#);
        out.push_str("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            if self.borders {
                let _ = write!(
                    out,
                    r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
                );
            } else {
                let _ = write!(out, r#"<w:{side} w:val="nil"/>"#);
            }
        }
        out.push_str("</w:tblBorders>");
        out.push_str(r#"<w:tblLayout w:type="fixed"/>"#);
        let (v, h) = if self.borders {
            (pt(3.0), self.cell_margin)
        } else {
            (0, self.cell_margin)
        };
        let _ = write!(
            out,
            r#"<w:tblCellMar><w:top w:w="{v}" w:type="dxa"/><w:left w:w="{h}" w:type="dxa"/><w:bottom w:w="{v}" w:type="dxa"/><w:right w:w="{h}" w:type="dxa"/></w:tblCellMar>"#
        );
        out.push_str(r#"<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>"#);
        out.push_str("</w:tblPr><w:tblGrid>");
        for w in &self.widths {
            let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
        }
        out.push_str("</w:tblGrid>");
        for row in &self.rows {
            out.push_str("<w:tr>");
            if row.cant_split || row.header {
                out.push_str("<w:trPr>");
                if row.cant_split {
                    out.push_str("<w:cantSplit/>");
                }
                if row.header {
                    out.push_str("<w:tblHeader/>");
                }
                out.push_str("</w:trPr>");
            }
            let mut col = 0;
            for cell in &row.cells {
                let w: i32 = self.widths[col..(col + cell.span).min(self.widths.len())]
                    .iter()
                    .sum();
                col += cell.span;
                let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>"#);
                if cell.span > 1 {
                    let _ = write!(out, r#"<w:gridSpan w:val="{}"/>"#, cell.span);
                }
                if let Some(m) = cell.margin {
                    let _ = write!(
                        out,
                        r#"<w:tcMar><w:left w:w="{m}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tcMar>"#
                    );
                }
                let va = match cell.valign {
                    VAlign::Top => "top",
                    VAlign::Center => "center",
                    VAlign::Bottom => "bottom",
                };
                let _ = write!(out, r#"<w:vAlign w:val="{va}"/></w:tcPr>"#);
                // A cell must end with a paragraph.
                let needs_para = !matches!(cell.content.last(), Some(Item::Para(_)));
                for item in &cell.content {
                    item.write(sheet, out, None);
                }
                if needs_para {
                    Para::spacer().write(sheet, out, None);
                }
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
    }
}

/// Page setup of one section. Lengths in twips.
#[derive(Debug, Clone)]
pub struct Section {
    pub landscape: bool,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
    /// Distance of the header (page number) from the top edge.
    pub header: i32,
    /// Distance of the footer from the bottom edge.
    pub footer: i32,
    /// Page numbers start again at 1.
    pub restart: bool,
    /// References `(type, relationship id)` to header and footer parts.
    pub headers: Vec<(&'static str, String)>,
    pub footers: Vec<(&'static str, String)>,
}

/// A4 in twips.
const A4: (i32, i32) = (11906, 16838);

impl Section {
    fn xml(&self) -> String {
        let mut out = String::from("<w:sectPr>");
        for (kind, id) in &self.headers {
            let _ = write!(out, r#"<w:headerReference w:type="{kind}" r:id="{id}"/>"#);
        }
        for (kind, id) in &self.footers {
            let _ = write!(out, r#"<w:footerReference w:type="{kind}" r:id="{id}"/>"#);
        }
        out.push_str(r#"<w:type w:val="nextPage"/>"#);
        if self.landscape {
            let _ = write!(
                out,
                r#"<w:pgSz w:w="{}" w:h="{}" w:orient="landscape"/>"#,
                A4.1, A4.0
            );
        } else {
            let _ = write!(out, r#"<w:pgSz w:w="{}" w:h="{}"/>"#, A4.0, A4.1);
        }
        let _ = write!(
            out,
            r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0"/>"#,
            self.top, self.right, self.bottom, self.left, self.header, self.footer
        );
        if self.restart {
            out.push_str(r#"<w:pgNumType w:start="1"/>"#);
        }
        out.push_str(r#"<w:cols w:space="720"/>"#);
        // A different first page: no page number on a section's first page (Phụ lục I).
        out.push_str("<w:titlePg/>");
        out.push_str("</w:sectPr>");
        out
    }

    /// Width of the text area in twips.
    pub fn text_width(&self) -> i32 {
        let page = if self.landscape { A4.1 } else { A4.0 };
        page - self.left - self.right
    }
}

/// One element of a story (the body, a cell, a header).
#[derive(Debug, Clone)]
pub enum Item {
    Para(Para),
    Table(Table),
    /// Ends the section begun after the previous break (or at the start).
    SectionEnd(Section),
}

impl Item {
    fn write(&self, sheet: &Sheet, out: &mut String, sect: Option<&str>) {
        match self {
            Item::Para(p) => p.write(sheet, out, sect),
            Item::Table(t) => t.write(sheet, out),
            Item::SectionEnd(_) => {}
        }
    }
}

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// Writes a story; each section's properties go into the last paragraph before its end (an
/// empty one is added after a table), the last section's at the end of the body.
fn story(items: &[Item], sheet: &Sheet, out: &mut String) {
    let last_end = items.iter().rposition(|i| matches!(i, Item::SectionEnd(_)));
    for (n, item) in items.iter().enumerate() {
        match item {
            Item::SectionEnd(s) if Some(n) == last_end => out.push_str(&s.xml()),
            Item::SectionEnd(_) => {}
            Item::Para(p) => {
                let sect = match items.get(n + 1) {
                    Some(Item::SectionEnd(s)) if Some(n + 1) != last_end => Some(s.xml()),
                    _ => None,
                };
                p.write(sheet, out, sect.as_deref());
            }
            Item::Table(t) => {
                t.write(sheet, out);
                let p = Para::spacer();
                match items.get(n + 1) {
                    Some(Item::SectionEnd(s)) if Some(n + 1) != last_end => {
                        p.write(sheet, out, Some(&s.xml()))
                    }
                    // Two tables with nothing between them are one table to Word and
                    // LibreOffice, which then share out one set of column widths. And Word
                    // cannot end a body with a table: it adds a paragraph of the Normal
                    // style, whose full line can push a blank last page; this one is 1 pt.
                    Some(Item::Table(_)) | Some(Item::SectionEnd(_)) => p.write(sheet, out, None),
                    _ => {}
                }
            }
        }
    }
}

/// Document properties (docProps/core.xml and custom.xml).
#[derive(Debug, Clone)]
pub struct Properties {
    pub title: String,
    pub subject: String,
    pub creator: String,
    /// `YYYY-MM-DD`: the document's date, so the bytes do not depend on the clock.
    pub date: String,
    /// Custom properties, name → text.
    pub custom: Vec<(String, String)>,
}

/// A whole .docx: the body and the header and footer parts it references as
/// `rIdHeaderN` / `rIdFooterN` (N from 1, in order).
pub struct Package {
    pub body: Vec<Item>,
    /// The footnotes' texts; footnote `n` is the `n`th (from 1).
    pub footnotes: Vec<String>,
    pub headers: Vec<Vec<Item>>,
    pub footers: Vec<Vec<Item>>,
    pub props: Properties,
    /// The paragraph styles; paragraphs name them and carry only what differs.
    pub sheet: Sheet,
}

const FONT: &str = "Times New Roman";

/// The theme: Word expects one (validators report its absence). Its fonts are Times New
/// Roman too, so even text set in a theme font stays in the decree's typeface.
const THEME: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="vanban"><a:themeElements><a:clrScheme name="vanban"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="000000"/></a:dk2><a:lt2><a:srgbClr val="FFFFFF"/></a:lt2><a:accent1><a:srgbClr val="1F3864"/></a:accent1><a:accent2><a:srgbClr val="C00000"/></a:accent2><a:accent3><a:srgbClr val="7F7F7F"/></a:accent3><a:accent4><a:srgbClr val="BF9000"/></a:accent4><a:accent5><a:srgbClr val="2E75B6"/></a:accent5><a:accent6><a:srgbClr val="538135"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="vanban"><a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="vanban"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#
);

impl Package {
    pub fn header_id(n: usize) -> String {
        format!("rIdHeader{n}")
    }
    pub fn footer_id(n: usize) -> String {
        format!("rIdFooter{n}")
    }

    fn document_xml(&self) -> String {
        let mut out = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{}<w:document {W_NS}><w:body>"#,
            "\n"
        );
        story(&self.body, &self.sheet, &mut out);
        out.push_str("</w:body></w:document>");
        out
    }

    fn part_xml(&self, tag: &str, items: &[Item]) -> String {
        let mut out = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{}<w:{tag} {W_NS}>"#,
            "\n"
        );
        story(items, &self.sheet, &mut out);
        if !items.iter().any(|i| matches!(i, Item::Para(_))) {
            Para::new(Align::Left).write(&self.sheet, &mut out, None);
        }
        let _ = write!(out, "</w:{tag}>");
        out
    }

    /// The footnotes: Word's two separators, then each note, its number in superscript.
    fn footnotes_xml(&self) -> String {
        let mut out = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{}<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#,
            "\n"
        );
        for (i, text) in self.footnotes.iter().enumerate() {
            let _ = write!(
                out,
                r#"<w:footnote w:id="{}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve"> {}</w:t></w:r></w:p></w:footnote>"#,
                i + 1,
                escape(text)
            );
        }
        out.push_str("</w:footnotes>");
        out
    }

    fn settings_xml() -> &'static str {
        // compatibilityMode 15: Word opens it as a current document, not in Compatibility
        // Mode. No East-Asian legacy flags (docx-rs writes six).
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/><w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/><w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/><w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/></w:compat><w:themeFontLang w:val="vi-VN"/></w:settings>"#
        )
    }

    fn font_table_xml() -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#
        )
    }

    fn content_types(&self) -> String {
        let mut out = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>"#,
        );
        for n in 1..=self.headers.len() {
            let _ = write!(
                out,
                r#"<Override PartName="/word/header{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#
            );
        }
        for n in 1..=self.footers.len() {
            let _ = write!(
                out,
                r#"<Override PartName="/word/footer{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#
            );
        }
        if !self.footnotes.is_empty() {
            out.push_str(r#"<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>"#);
        }
        out.push_str(r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>"#);
        out
    }

    fn document_rels(&self) -> String {
        let mut out = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFontTable" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdTheme" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>"#,
        );
        for n in 1..=self.headers.len() {
            let _ = write!(
                out,
                r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header{n}.xml"/>"#,
                Self::header_id(n)
            );
        }
        for n in 1..=self.footers.len() {
            let _ = write!(
                out,
                r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer{n}.xml"/>"#,
                Self::footer_id(n)
            );
        }
        if !self.footnotes.is_empty() {
            out.push_str(r#"<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>"#);
        }
        out.push_str("</Relationships>");
        out
    }

    fn core_xml(&self) -> String {
        let p = &self.props;
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:modified></cp:coreProperties>"#,
            escape(&p.title),
            escape(&p.subject),
            escape(&p.creator),
            date = p.date
        )
    }

    fn custom_xml(&self) -> String {
        let mut out = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
        );
        for (i, (name, value)) in self.props.custom.iter().enumerate() {
            let _ = write!(
                out,
                r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{}" name="{}"><vt:lpwstr>{}</vt:lpwstr></property>"#,
                i + 2,
                escape(name),
                escape(value)
            );
        }
        out.push_str("</Properties>");
        out
    }

    /// The package as zip bytes. Parts in a fixed order with a fixed timestamp.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut parts: Vec<(String, String)> = vec![
            ("[Content_Types].xml".into(), self.content_types()),
            (
                "_rels/.rels".into(),
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>"#.into(),
            ),
            ("docProps/core.xml".into(), self.core_xml()),
            (
                "docProps/app.xml".into(),
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>vanban</Application></Properties>"#.into(),
            ),
            ("docProps/custom.xml".into(), self.custom_xml()),
            ("word/document.xml".into(), self.document_xml()),
            ("word/_rels/document.xml.rels".into(), self.document_rels()),
            ("word/styles.xml".into(), self.sheet.xml()),
            ("word/settings.xml".into(), Self::settings_xml().into()),
            ("word/fontTable.xml".into(), Self::font_table_xml()),
            ("word/theme/theme1.xml".into(), THEME.into()),
        ];
        if !self.footnotes.is_empty() {
            parts.push(("word/footnotes.xml".into(), self.footnotes_xml()));
        }
        for (n, h) in self.headers.iter().enumerate() {
            parts.push((format!("word/header{}.xml", n + 1), self.part_xml("hdr", h)));
        }
        for (n, f) in self.footers.iter().enumerate() {
            parts.push((format!("word/footer{}.xml", n + 1), self.part_xml("ftr", f)));
        }
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        // DOS epoch: no clock in the bytes. The system that "made" the entries is named, not
        // taken from the host, so that vanban.exe writes the Linux build's bytes.
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .system(zip::System::Unix)
            .unix_permissions(0o644);
        for (name, text) in &parts {
            zip.start_file(name.as_str(), options)?;
            zip.write_all(text.as_bytes())?;
        }
        Ok(zip.finish()?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_makes_character_data() {
        assert_eq!(escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        // Controls (a vertical tab pasted from Word) go; decomposed Vietnamese is composed.
        assert_eq!(escape("x\u{b}y\u{7}"), "xy");
        assert_eq!(escape("Ho\u{300}a"), "Hòa");
    }
}
