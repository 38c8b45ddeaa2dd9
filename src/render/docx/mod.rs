//! Word output: the same [`Context`] as the PDF, laid out as an editable .docx that follows
//! Nghị định 30 as closely as the PDF does. Only real paragraphs and borderless fixed-width
//! tables: no text boxes, frames or absolute positions, so the text reflows when a leader
//! edits it. Rules are paragraph borders whose length is measured with the same font metrics
//! as the PDF's (Times New Roman is named; Liberation Serif, embedded in vanban, has its
//! metrics). The decree's rules are not decided here: they are in the context already.

mod ooxml;
pub mod source;

pub use ooxml::TWIPS_PER_MM;
use ooxml::{
    mm, pt, Align, Border, Cell, Item, Package, Para, Properties, Row, Run, Section, Table, VAlign,
};

use super::{Artifact, Renderer};
use crate::context::{AnnexCtx, AttachedCtx, Block, Context, SignerCtx, Span};
use crate::diag::{Diagnostic, Report};
use crate::fonts::text_width;

/// The .docx renderer.
#[derive(Debug, Default, Clone, Copy)]
pub struct DocxRenderer;

impl Renderer for DocxRenderer {
    fn render(&self, ctx: &Context, report: &mut Report) -> Option<Artifact> {
        match document(ctx).to_bytes() {
            Ok(bytes) => Some(Artifact {
                extension: "docx",
                bytes,
            }),
            Err(e) => {
                report.push(Diagnostic::error(
                    std::path::Path::new("docx"),
                    None,
                    crate::t!("không tạo được tệp Word: {e}", e = e),
                ));
                None
            }
        }
    }
}

/// The size set of `vanban.typ` (13/14/14 or 12/13/13), in points.
struct Sizes {
    body: f64,
}

impl Sizes {
    fn quoc_hieu(&self) -> f64 {
        self.body - 1.0
    }
    fn co_quan(&self) -> f64 {
        self.body - 1.0
    }
    fn vv(&self) -> f64 {
        self.body - 1.0
    }
    fn table(&self) -> f64 {
        self.body - 2.0
    }
}
const SO: f64 = 13.0;
const KINH_GUI: f64 = 14.0;
const NOI_NHAN_LABEL: f64 = 12.0;
const NOI_NHAN: f64 = 11.0;
const PAGE_NUMBER: f64 = 13.0;
const PHU_LUC: f64 = 14.0;
const DIA_CHI: f64 = 11.0;
/// Liberation Serif's (and Times New Roman's) ascender, in em.
const ASCENT: f64 = 0.891;

/// The body's line spacing in 240ths of Word's single line: single is 1.15 em baseline to
/// baseline for Times New Roman, the PDF's body has 1.3 em (see `vanban.typ`).
const BODY_LINE: i32 = 271;

const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
const STAMP_RED: &str = "E3000F";

/// Width in twips of one line of text.
fn width(text: &str, bold: bool, italic: bool, size: f64) -> i32 {
    pt(text_width(text, bold, italic, size))
}

/// The page setup shared by every section, from `trinh_bay`.
fn section(ctx: &Context, landscape: bool) -> Section {
    let l = &ctx.layout;
    Section {
        landscape,
        top: mm(l.le_tren),
        bottom: mm(l.le_duoi),
        left: mm(l.le_trai),
        right: mm(l.le_phai),
        // The page number sits in the middle of the top margin.
        header: mm(l.le_tren / 2.0) - pt(PAGE_NUMBER / 2.0),
        // A footer (ô 13 only) ends where the bottom margin begins, so the address is at
        // the foot of the text area and never inside the margin printers cannot reach.
        footer: mm(l.le_duoi),
        restart: true,
        headers: Vec::new(),
        footers: Vec::new(),
    }
}

/// A horizontal rule of `rule` twips centred in `room` twips: an empty paragraph with a
/// bottom border, the mark at 1 pt so the paragraph adds no line of its own.
fn rule(rule: i32, room: i32) -> Para {
    let side = ((room - rule) / 2).max(0);
    // 3 pt above: the PDF's rule is 0.24 em under the text, clear of its descenders.
    let mut p = Para::new(Align::Center)
        .indent(side, side)
        .spacing(pt(3.0), 0);
    p.bottom = Some(Border::thin());
    p.mark_size = Some(1.0);
    p
}

fn line(text: &str, size: f64, bold: bool, italic: bool, align: Align) -> Para {
    Para::new(align).run(Run::new(text, size).bold(bold).italic(italic))
}

/// Builds the document.
struct Writer<'a> {
    ctx: &'a Context,
    s: Sizes,
    items: Vec<Item>,
    /// Width of the current section's text area, in twips.
    room: i32,
    /// The footnotes' texts, numbered from 1 in the order they come.
    notes: Vec<String>,
}

fn document(ctx: &Context) -> Package {
    let s = Sizes {
        body: ctx.layout.co_chu,
    };
    let first = section(ctx, false);
    let mut w = Writer {
        ctx,
        s,
        items: Vec::new(),
        notes: Vec::new(),
        room: first.text_width(),
    };
    w.main();
    let mut sections = vec![first];
    if let Some(k) = &ctx.kem_theo {
        w.items
            .push(Item::SectionEnd(sections.last().unwrap().clone()));
        sections.push(section(ctx, false));
        w.attached(k);
    }
    for a in &ctx.phu_luc {
        w.items
            .push(Item::SectionEnd(sections.last().unwrap().clone()));
        let sec = section(ctx, a.ngang);
        w.room = sec.text_width();
        sections.push(sec);
        w.annex(a);
    }
    w.items
        .push(Item::SectionEnd(sections.last().unwrap().clone()));

    // Header 1: the page number, centred (from page 2 of each part: titlePg). Header 2:
    // empty, the first page's. Footer 1 (ô 13): page 1 only; footer 2: empty, for the first
    // page of the later sections, which would otherwise inherit ô 13.
    let headers = vec![
        vec![Item::Para({
            let mut r = Run::new("2", PAGE_NUMBER);
            r.page_field = true;
            Para::new(Align::Center).run(r)
        })],
        vec![Item::Para(Para::new(Align::Center))],
    ];
    let mut footers = Vec::new();
    if !ctx.dia_chi.is_empty() {
        let mut lines: Vec<Item> = Vec::new();
        for (i, l) in ctx.dia_chi.iter().enumerate() {
            let mut p = line(l, DIA_CHI, false, false, Align::Left);
            if i == 0 {
                p.top = Some(Border {
                    space: 2,
                    ..Border::thin()
                });
            }
            lines.push(Item::Para(p));
        }
        footers.push(lines);
        footers.push(vec![Item::Para(Para::new(Align::Left))]);
    }
    let mut n = 0;
    for item in w.items.iter_mut() {
        if let Item::SectionEnd(sec) = item {
            sec.headers = vec![
                ("default", Package::header_id(1)),
                ("first", Package::header_id(2)),
            ];
            if !footers.is_empty() {
                sec.footers = vec![("first", Package::footer_id(if n == 0 { 1 } else { 2 }))];
            }
            n += 1;
        }
    }

    let normal_para = w.body_para();
    Package {
        body: w.items,
        footnotes: w.notes,
        headers,
        footers,
        props: Properties {
            title: ctx.meta.title.clone(),
            subject: ctx.meta.subject.clone(),
            creator: ctx.meta.author.clone(),
            date: format!(
                "{:04}-{:02}-{:02}",
                ctx.meta.year, ctx.meta.month, ctx.meta.day
            ),
            custom: vec![(
                "vanban".into(),
                format!("vanban {}", env!("CARGO_PKG_VERSION")),
            )],
        },
        normal_size: ctx.layout.co_chu,
        normal_para,
    }
}

impl Writer<'_> {
    /// Runs of text with their emphasis; a footnote is a numbered reference whose text goes
    /// to footnotes.xml.
    fn spans(&mut self, out: Para, spans: &[Span], size: f64, bold: bool, italic: bool) -> Para {
        spans.iter().fold(out, |p, s| {
            if s.n {
                self.notes.push(s.t.clone());
                return p.run(Run::footnote(self.notes.len(), size));
            }
            p.run(
                Run::new(s.t.clone(), size)
                    .bold(bold || s.b)
                    .italic(italic || s.i),
            )
        })
    }

    fn push(&mut self, p: Para) {
        self.items.push(Item::Para(p));
    }

    /// A body paragraph: justified, first-line indent, 6 pt after.
    fn body_para(&self) -> Para {
        let mut p = Para::new(Align::Both).spacing(0, pt(6.0));
        p.line = BODY_LINE;
        p.first_line = (self.ctx.layout.thut_dau_dong * 567.0).round() as i32;
        p
    }

    /// The document proper: Mẫu 1.4 (with its optional parts 1.1–1.3, 1.6–1.10) or 1.5.
    fn main(&mut self) {
        let ctx = self.ctx;
        let cong_van = ctx.mau == "1.5";
        self.header(true, if cong_van { &ctx.trich_yeu } else { &[] });
        if !cong_van {
            self.title(ctx.ten_loai.as_deref().unwrap_or(""), &ctx.trich_yeu, None);
        }
        if ctx.mau == "1.6" {
            self.dien();
        } else {
            if !ctx.tham_quyen.is_empty() {
                self.tham_quyen();
            }
            if !ctx.kinh_gui.is_empty() {
                self.kinh_gui();
            }
        }
        for c in &ctx.can_cu {
            let p = self.spans(self.body_para(), c, self.s.body, false, true);
            self.push(p);
        }
        if let Some(l) = ctx.lenh {
            let p = line(l, self.s.body, true, false, Align::Center)
                .spacing(pt(12.0), pt(12.0))
                .keep_next();
            self.push(p);
        }
        for blocks in [&ctx.dong_dau, &ctx.body, &ctx.dong_cuoi] {
            self.blocks(blocks);
        }
        if ctx.dong_ky.is_some() || ctx.xac_nhan.is_some() {
            self.signature_pair();
        } else {
            self.signature();
        }
    }

    /// Ô 1–4 (and 5b, 10b, 11): a borderless table of two columns, the right one as wide as
    /// the Quốc hiệu so that it never wraps (a 50/50 split makes it wrap at 13 pt).
    fn header(&mut self, with_number: bool, vv: &[String]) {
        let ctx = self.ctx;
        let s = &self.s;
        let qh = width(QUOC_HIEU, true, false, s.quoc_hieu());
        let tn = width(TIEU_NGU, true, false, s.body);
        let date = width(&ctx.dia_danh_ngay, false, true, s.body);
        let natural = if with_number {
            qh.max(tn).max(date)
        } else {
            qh.max(tn)
        };
        let right = (natural + mm(2.0)).min(self.room * 7 / 10);
        let left = self.room - right;

        let mut agency: Vec<Item> = Vec::new();
        for l in &ctx.chu_quan {
            agency.push(Item::Para(line(
                l,
                s.co_quan(),
                false,
                false,
                Align::Center,
            )));
        }
        let mut widest = 0;
        for l in &ctx.ban_hanh {
            widest = widest.max(width(l, true, false, s.co_quan()));
            agency.push(Item::Para(line(l, s.co_quan(), true, false, Align::Center)));
        }
        // Phụ lục I: a rule of 1/3 to 1/2 of the name, as the PDF draws it (0.4).
        agency.push(Item::Para(rule(widest * 2 / 5, left)));
        let nation = vec![
            Item::Para(line(QUOC_HIEU, s.quoc_hieu(), true, false, Align::Center)),
            Item::Para(line(TIEU_NGU, s.body, true, false, Align::Center)),
            Item::Para(rule(tn, right)),
        ];
        let mut rows = vec![Row {
            cells: vec![Cell::new(agency), Cell::new(nation)],
            header: false,
            cant_split: true,
        }];
        if with_number {
            // Số and the place-date on one baseline: both cells aligned to the bottom.
            let so = line(&ctx.so_ky_hieu, SO, false, false, Align::Center).spacing(pt(10.0), 0);
            let when =
                line(&ctx.dia_danh_ngay, s.body, false, true, Align::Center).spacing(pt(10.0), 0);
            rows.push(Row {
                cells: vec![
                    Cell {
                        valign: VAlign::Bottom,
                        ..Cell::new(vec![Item::Para(so)])
                    },
                    Cell {
                        valign: VAlign::Bottom,
                        ..Cell::new(vec![Item::Para(when)])
                    },
                ],
                header: false,
                cant_split: true,
            });
        }
        if !vv.is_empty() {
            let p = line(
                &format!("V/v {}", vv.join(" ")),
                s.vv(),
                false,
                false,
                Align::Center,
            )
            .spacing(pt(16.0), 0);
            rows.push(Row {
                cells: vec![Cell::new(vec![Item::Para(p)]), Cell::new(Vec::new())],
                header: false,
                cant_split: true,
            });
        }
        if ctx.do_khan.is_some() || ctx.luu_hanh.is_some() {
            let mut marks: Vec<Item> = Vec::new();
            if let Some(label) = ctx.do_khan {
                // Ô 10b: a frame of 20, 30 or 40 × 8 mm, the smallest that holds the mark.
                let w = text_width(label, true, false, s.body) * 25.4 / 72.0 + 4.0;
                let frame = if w <= 20.0 {
                    20.0
                } else if w <= 30.0 {
                    30.0
                } else {
                    40.0
                };
                let space = 3;
                let side = ((left - mm(frame)) / 2 + pt(f64::from(space))).max(0);
                let mut r = Run::new(label, s.body).bold(true);
                r.color = Some(STAMP_RED);
                let mut p = Para::new(Align::Center)
                    .indent(side, side)
                    .spacing(pt(10.0), 0);
                p.boxed = Some(Border {
                    width: 0.8,
                    color: STAMP_RED,
                    space,
                });
                marks.push(Item::Para(p.run(r)));
            }
            if let Some(l) = &ctx.luu_hanh {
                let before = if ctx.do_khan.is_some() { 4.0 } else { 10.0 };
                marks.push(Item::Para(
                    line(l, s.body, true, false, Align::Center).spacing(pt(before), 0),
                ));
            }
            rows.push(Row {
                cells: vec![Cell::new(marks), Cell::new(Vec::new())],
                header: false,
                cant_split: true,
            });
        }
        self.items.push(Item::Table(Table {
            widths: vec![left, right],
            centered: false,
            borders: false,
            cell_margin: 0,
            rows,
        }));
    }

    /// Ô 5a: tên loại and trích yếu, centred and bold, with a rule of 0.4 × the trích yếu
    /// (the PDF's). A long trích yếu is set in a narrower measure so its lines balance.
    fn title(&mut self, ten_loai: &str, trich_yeu: &[String], sub: Option<&str>) {
        let size = self.s.body;
        let room = self.room;
        let first = line(ten_loai, size, true, false, Align::Center)
            .spacing(pt(20.0), 0)
            .keep_next();
        let title_w = width(ten_loai, true, false, size);
        self.push(first);
        if trich_yeu.is_empty() {
            self.push(rule(title_w * 2 / 5, room).spacing(pt(3.0), pt(14.0)));
            return;
        }
        let widest = trich_yeu
            .iter()
            .map(|l| width(l, true, false, size))
            .max()
            .unwrap_or(0);
        let n = (widest as f64 / room as f64).ceil() as i32;
        let measure = if n <= 1 {
            widest
        } else {
            (widest / n + pt(3.0 * size)).min(room)
        };
        let side = if n <= 1 { 0 } else { (room - measure) / 2 };
        for l in trich_yeu {
            self.push(
                line(l, size, true, false, Align::Center)
                    .indent(side, side)
                    .keep_next(),
            );
        }
        if let Some(sub) = sub {
            self.push(line(sub, size, false, true, Align::Center).keep_next());
        }
        // The PDF leaves 8 pt and a paragraph's spacing under the title.
        self.push(rule(widest.min(measure) * 2 / 5, room).spacing(pt(3.0), pt(14.0)));
    }

    fn tham_quyen(&mut self) {
        let n = self.ctx.tham_quyen.len();
        for (i, l) in self.ctx.tham_quyen.iter().enumerate() {
            let after = if i + 1 == n { pt(6.0) } else { 0 };
            let p = line(l, self.s.body, true, false, Align::Center)
                .spacing(0, after)
                .keep_next();
            self.push(p);
        }
    }

    /// Công điện (Mẫu 1.6): `<SENDER> điện:` and the recipients on `- …;` lines, as a
    /// left-aligned list centred on the page.
    fn dien(&mut self) {
        let ctx = self.ctx;
        let n = ctx.tham_quyen.len();
        for (i, l) in ctx.tham_quyen.iter().enumerate() {
            let text = if i + 1 == n {
                format!("{l} điện:")
            } else {
                l.clone()
            };
            let after = if i + 1 == n { pt(6.0) } else { 0 };
            let p = line(&text, self.s.body, true, false, Align::Center)
                .spacing(0, after)
                .keep_next();
            self.push(p);
        }
        let items: Vec<String> = ctx.kinh_gui.iter().map(|k| format!("- {k}")).collect();
        let widest = items
            .iter()
            .map(|i| width(i, false, false, self.s.body))
            .max()
            .unwrap_or(0);
        let side = ((self.room - widest) / 2).max(0);
        let hang = pt(0.7 * self.s.body);
        let count = items.len();
        for (i, item) in items.iter().enumerate() {
            let mut p = line(item, self.s.body, false, false, Align::Left);
            p.left = side + hang;
            p.first_line = -hang;
            p.after = if i + 1 == count {
                pt(10.0)
            } else {
                pt(0.35 * self.s.body)
            };
            p.line = BODY_LINE;
            self.push(p);
        }
    }

    /// Ô 9a: Kính gửi. One recipient on the same line; several on `- …;` lines beside it.
    fn kinh_gui(&mut self) {
        let items = &self.ctx.kinh_gui;
        if let [one] = items.as_slice() {
            let p = line(
                &format!("Kính gửi: {one}"),
                KINH_GUI,
                false,
                false,
                Align::Center,
            )
            .spacing(pt(10.0), pt(10.0));
            self.push(p);
            return;
        }
        let label = width("Kính gửi:", false, false, KINH_GUI) + pt(0.4 * KINH_GUI);
        let lines: Vec<String> = items.iter().map(|i| format!("- {i}")).collect();
        let widest = lines
            .iter()
            .map(|l| width(l, false, false, KINH_GUI))
            .max()
            .unwrap_or(0);
        // A little slack: Word and LibreOffice must not wrap a line the metrics say fits.
        let list = (widest + pt(2.0)).min(self.room - label);
        let hang = pt(0.7 * KINH_GUI);
        let n = lines.len();
        let rows = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let before = if i == 0 { pt(10.0) } else { 0 };
                let after = if i + 1 == n {
                    pt(10.0)
                } else {
                    pt(0.35 * KINH_GUI)
                };
                let mut p = line(l, KINH_GUI, false, false, Align::Left).spacing(before, after);
                p.left = hang;
                p.first_line = -hang;
                p.line = BODY_LINE;
                let first = if i == 0 {
                    vec![Item::Para(
                        line("Kính gửi:", KINH_GUI, false, false, Align::Left).spacing(before, 0),
                    )]
                } else {
                    Vec::new()
                };
                Row {
                    cells: vec![Cell::new(first), Cell::new(vec![Item::Para(p)])],
                    header: false,
                    cant_split: true,
                }
            })
            .collect();
        self.items.push(Item::Table(Table {
            widths: vec![label, list],
            centered: true,
            borders: false,
            cell_margin: 0,
            rows,
        }));
    }

    /// The body's numbered elements, numbering written as text (`I.`, `1.`, `a)`, `-`, `+`,
    /// `Điều 1.`), so it survives any editing.
    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b.level {
                "chuong" | "muc_chuong" => {
                    let (size, before, after) = if b.level == "chuong" {
                        (self.s.body, 18.0, 12.0)
                    } else {
                        (self.s.body - 1.0, 14.0, 10.0)
                    };
                    self.push(
                        line(&b.marker, size, true, false, Align::Center)
                            .spacing(pt(before), 0)
                            .keep_next(),
                    );
                    let p = self
                        .spans(Para::new(Align::Center), &b.spans, size, true, false)
                        .spacing(0, pt(after))
                        .keep_next();
                    self.push(p);
                }
                "bang" => self.results(b),
                "danh_sach" => self.list(b),
                _ => {
                    let mut p = self.body_para();
                    if !b.marker.is_empty() {
                        let marker_bold = b.bold || b.level == "dieu";
                        p = p
                            .run(Run::new(format!("{} ", b.marker), self.s.body).bold(marker_bold));
                    }
                    p = self.spans(p, &b.spans, self.s.body, b.bold, false);
                    // A heading stays with what it introduces; the last paragraph with the
                    // signature.
                    if b.bold || b.keep {
                        p = p.keep_next();
                    }
                    self.push(p);
                }
            }
            self.blocks(&b.children);
        }
    }

    fn cell_para(&self, text: &str, bold: bool, align: Align) -> Item {
        Item::Para(line(text, self.s.table(), bold, false, align))
    }

    /// A row of a bordered table: one cell per text and alignment, never split.
    fn data_row(&self, cells: &[(&str, Align)], valign: VAlign) -> Row {
        Row {
            cells: cells
                .iter()
                .map(|&(t, a)| Cell {
                    valign,
                    ..Cell::new(vec![self.cell_para(t, false, a)])
                })
                .collect(),
            header: false,
            cant_split: true,
        }
    }

    /// A borderless table of two equal columns (the signature blocks), rows never split.
    fn halves(&self, rows: Vec<[Vec<Item>; 2]>) -> Item {
        let half = self.room / 2;
        Item::Table(Table {
            widths: vec![half, self.room - half],
            centered: false,
            borders: false,
            cell_margin: 0,
            rows: rows
                .into_iter()
                .map(|[l, r]| Row {
                    cells: vec![Cell::new(l), Cell::new(r)],
                    header: false,
                    cant_split: true,
                })
                .collect(),
        })
    }

    /// A bordered table with a header row repeated on every page and rows that never split.
    fn grid_table(&self, fixed: &[(f64, bool)], head: &[&str], body: Vec<Row>) -> Table {
        // Widths: `(mm, false)` fixed, `(parts, true)` a share of what is left.
        let fixed_total: i32 = fixed.iter().filter(|c| !c.1).map(|c| mm(c.0)).sum();
        let parts: f64 = fixed.iter().filter(|c| c.1).map(|c| c.0).sum();
        let rest = (self.room - fixed_total).max(0) as f64;
        let widths: Vec<i32> = fixed
            .iter()
            .map(|&(v, share)| {
                if share {
                    (rest * v / parts) as i32
                } else {
                    mm(v)
                }
            })
            .collect();
        let mut rows = vec![Row {
            cells: head
                .iter()
                .map(|h| Cell {
                    valign: VAlign::Center,
                    ..Cell::new(vec![self.cell_para(h, true, Align::Center)])
                })
                .collect(),
            header: true,
            cant_split: true,
        }];
        rows.extend(body);
        // The 10 mm TT column holds "XIII" in bold only with thin margins: Word and
        // LibreOffice break a word that does not fit, Typst lets it touch the rule.
        for row in rows.iter_mut() {
            if let Some(first) = row.cells.first_mut() {
                first.margin = Some(pt(1.0));
            }
        }
        Table {
            widths,
            centered: false,
            borders: true,
            cell_margin: pt(4.0),
            rows,
        }
    }

    /// Kết quả thực hiện so với kế hoạch (Báo cáo).
    fn results(&mut self, b: &Block) {
        let rows = b
            .rows
            .iter()
            .map(|r| {
                self.data_row(
                    &[
                        (&r.tt, Align::Center),
                        (&r.ten, Align::Left),
                        (&r.don_vi, Align::Center),
                        (&r.ke_hoach, Align::Right),
                        (&r.dat, Align::Right),
                        (&r.ty_le, Align::Right),
                    ],
                    VAlign::Center,
                )
            })
            .collect();
        let t = self.grid_table(
            &[
                (10.0, false),
                (1.0, true),
                (18.0, false),
                (20.0, false),
                (20.0, false),
                (24.0, false),
            ],
            &[
                "TT",
                "Chỉ tiêu",
                "Đơn vị tính",
                "Kế hoạch",
                "Thực hiện",
                "Tỷ lệ so với kế hoạch (%)",
            ],
            rows,
        );
        self.items.push(Item::Table(t));
        // The PDF leaves 10 pt under the table.
        self.push(Para {
            mark_size: Some(1.0),
            ..Para::new(Align::Left).spacing(pt(10.0), 0)
        });
    }

    /// A list read from a table (`danh_sach`): TT and the chosen columns, sharing the width.
    fn list(&mut self, b: &Block) {
        let rows = b
            .cells
            .iter()
            .map(|r| {
                let cells: Vec<(&str, Align)> = r
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.as_str(), if i == 0 { Align::Center } else { Align::Left }))
                    .collect();
                self.data_row(&cells, VAlign::Center)
            })
            .collect();
        let mut columns = vec![(10.0, false)];
        columns.extend(b.head.iter().skip(1).map(|_| (1.0, true)));
        let head: Vec<&str> = b.head.iter().map(String::as_str).collect();
        let t = self.grid_table(&columns, &head, rows);
        self.items.push(Item::Table(t));
        self.push(Para {
            mark_size: Some(1.0),
            ..Para::new(Align::Left).spacing(pt(10.0), 0)
        });
    }

    /// A signer block: quyền hạn, chức vụ, space to sign, họ tên; bold and centred.
    fn signer(&self, p: &SignerCtx, before: i32) -> Vec<Item> {
        let size = self.s.body;
        let mut out = Vec::new();
        for (i, q) in p
            .quyen_han
            .iter()
            .chain(std::iter::once(&p.chuc_vu))
            .enumerate()
        {
            let b = if i == 0 { before } else { 0 };
            out.push(Item::Para(
                line(q, size, true, false, Align::Center)
                    .spacing(b, 0)
                    .keep_next(),
            ));
        }
        out.push(Item::Para(
            line(&p.ho_ten, size, true, false, Align::Center).spacing(mm(28.0), 0),
        ));
        out
    }

    /// Nơi nhận: the label 12 bold italic, the list 11.
    fn noi_nhan(&self, before: i32) -> Vec<Item> {
        let mut out = vec![Item::Para(
            line("Nơi nhận:", NOI_NHAN_LABEL, true, true, Align::Left).spacing(before, 0),
        )];
        let hang = pt(0.6 * NOI_NHAN);
        for l in &self.ctx.noi_nhan {
            let mut p = line(l, NOI_NHAN, false, false, Align::Left);
            p.left = hang;
            p.first_line = -hang;
            out.push(Item::Para(p));
        }
        out
    }

    /// Ô 7 and 9b side by side: Nơi nhận level with the first signer line.
    fn signature(&mut self) {
        // Same top and different sizes: drop the smaller text so the baselines meet.
        let drop = pt(ASCENT * (self.s.body - NOI_NHAN_LABEL));
        let t = self.halves(vec![[
            self.noi_nhan(pt(6.0) + drop),
            self.signer(&self.ctx.nguoi_ky, pt(6.0)),
        ]]);
        self.items.push(t);
    }

    /// Two signers side by side (biên bản, hợp đồng), or the confirmation of a giấy nghỉ
    /// phép beside the signer; Nơi nhận under them.
    fn signature_pair(&mut self) {
        let ctx = self.ctx;
        let mut left = match &ctx.dong_ky {
            Some(p) => self.signer(p, pt(6.0)),
            None => vec![Item::Para(
                line(
                    ctx.xac_nhan.as_deref().unwrap_or(""),
                    self.s.body,
                    true,
                    false,
                    Align::Center,
                )
                .spacing(pt(6.0), 0),
            )],
        };
        let mut right = self.signer(&ctx.nguoi_ky, pt(6.0));
        // The pair stays on the page of the Nơi nhận under it.
        for item in left.iter_mut().chain(right.iter_mut()) {
            if let Item::Para(p) = item {
                p.keep_next = true;
            }
        }
        let mut rows: Vec<[Vec<Item>; 2]> = Vec::new();
        match &ctx.dong_ky {
            // More parties (a biên bản of several): all two by two, the last pair last, the
            // titles of a pair in one row and their names in the next, so the names line up.
            Some(dong_ky) if !ctx.cac_ben.is_empty() => {
                let all: Vec<&SignerCtx> =
                    ctx.cac_ben.iter().chain([dong_ky, &ctx.nguoi_ky]).collect();
                for pair in all.chunks(2) {
                    let mut a = self.signer(pair[0], pt(12.0));
                    let mut b = pair
                        .get(1)
                        .map(|p| self.signer(p, pt(12.0)))
                        .unwrap_or_default();
                    let (name_a, name_b) = (a.pop(), b.pop());
                    rows.push([a, b]);
                    rows.push([name_a.into_iter().collect(), name_b.into_iter().collect()]);
                }
            }
            _ => rows.push([left, right]),
        }
        rows.push([self.noi_nhan(pt(12.0)), Vec::new()]);
        let t = self.halves(rows);
        self.items.push(t);
    }

    /// A text issued with a Quyết định (Mẫu 1.3): its own section, page numbers from 1, the
    /// agency and Quốc hiệu, the title with "(Ban hành kèm theo …)", the body, the signer.
    fn attached(&mut self, k: &AttachedCtx) {
        self.header(false, &[]);
        self.title(&k.ten_loai, &k.trich_yeu, Some(&k.kem_theo));
        self.blocks(&k.body);
        let t = self.halves(vec![[Vec::new(), self.signer(&k.nguoi_ky, pt(6.0))]]);
        self.items.push(t);
    }

    /// Phụ lục (Mẫu 2.1): its own section (landscape when asked), page numbers from 1, the
    /// heading, optional paragraphs and the responsibility matrix.
    fn annex(&mut self, a: &AnnexCtx) {
        let body = self.s.body;
        self.push(line(&a.nhan, PHU_LUC, true, false, Align::Center).keep_next());
        self.push(line(&a.tieu_de, body, true, false, Align::Center).keep_next());
        self.push(
            line(&a.kem_theo, body, false, true, Align::Center)
                .spacing(0, pt(10.0))
                .keep_next(),
        );
        self.blocks(&a.body);
        if a.groups.is_empty() {
            return;
        }
        let mut rows = Vec::new();
        for g in &a.groups {
            // A group row goes to the next page with its first task, never alone.
            let keep = |item: Item| match item {
                Item::Para(p) => Item::Para(p.keep_next()),
                other => other,
            };
            rows.push(Row {
                cells: vec![
                    Cell::new(vec![keep(self.cell_para(&g.so, true, Align::Center))]),
                    Cell {
                        span: 5,
                        ..Cell::new(vec![keep(self.cell_para(&g.ten, true, Align::Left))])
                    },
                ],
                header: false,
                cant_split: true,
            });
            for r in &g.rows {
                rows.push(self.data_row(
                    &[
                        (&r.tt, Align::Center),
                        (&r.noi_dung, Align::Left),
                        (&r.chi_dao, Align::Left),
                        (&r.thuc_hien, Align::Left),
                        (&r.phoi_hop, Align::Left),
                        (&r.thoi_gian, Align::Left),
                    ],
                    VAlign::Top,
                ));
            }
        }
        let t = self.grid_table(
            &[
                (10.0, false),
                (3.0, true),
                (1.5, true),
                (1.5, true),
                (1.5, true),
                (1.0, true),
            ],
            &[
                "TT",
                "Nội dung công việc",
                "Chỉ đạo",
                "Cơ quan thực hiện",
                "Cơ quan phối hợp",
                "Thời gian",
            ],
            rows,
        );
        self.items.push(Item::Table(t));
    }
}
