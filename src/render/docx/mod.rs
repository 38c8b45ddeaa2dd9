//! Word output: the same [`Context`] as the PDF, laid out as an editable .docx that follows
//! Nghị định 30 as closely as the PDF does. Only real paragraphs and borderless fixed-width
//! tables: no text boxes, frames or absolute positions, so the text reflows when a leader
//! edits it. Rules are paragraph borders whose length is measured with the same font metrics
//! as the PDF's (Times New Roman is named; Liberation Serif, embedded in vanban, has its
//! metrics). The decree's numbers are not kept here: sizes, spacings, ratios and columns come
//! from the context's spec (`context::spec`), which the Typst layout reads too, and each
//! element of the decree is a named style (`styles`).

mod ooxml;
pub mod source;
mod styles;

use crate::context::spec::Spec;
pub use ooxml::TWIPS_PER_MM;
use ooxml::{
    mm, pt, Align, Border, Cell, Item, Package, Para, Properties, Row, Run, RunProps, Section,
    Sheet, Table, VAlign,
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

/// Liberation Serif's (and Times New Roman's) ascender, in em.
const ASCENT: f64 = 0.891;

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
        header: mm(l.le_tren / 2.0) - pt(ctx.spec.sizes.so_trang / 2.0),
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
    p.style = Some(styles::DUONG_KE);
    p.bottom = Some(Border::thin());
    p.mark_size = Some(1.0);
    p
}

/// A paragraph of style `id` holding `text` in the style's own look.
fn styled(sheet: &Sheet, id: &'static str, text: &str) -> Para {
    let style = sheet.get(Some(id));
    let mut p = Para {
        style: Some(id),
        ..style.para.clone()
    };
    if !text.is_empty() {
        p = p.run(run_of(style.run, text));
    }
    p
}

fn run_of(r: RunProps, text: &str) -> Run {
    Run::new(text, r.size).bold(r.bold).italic(r.italic)
}

/// A spec's table columns as `(width, is a share)` and their headings.
fn columns(cols: &[crate::context::spec::Column]) -> (Vec<(f64, bool)>, Vec<&'static str>) {
    (
        cols.iter().map(|c| (c.width, c.unit == "fr")).collect(),
        cols.iter().map(|c| c.head).collect(),
    )
}

/// The style of a body block: a bold heading of the mục/khoản/điểm scheme is a heading
/// with an outline level; a Điều is one whatever its weight; other text is the body's.
fn block_style(b: &Block) -> &'static str {
    match (b.level, b.bold) {
        ("dieu", _) => styles::DIEU,
        ("muc", true) => styles::MUC,
        ("khoan", true) => styles::KHOAN,
        ("diem", true) => styles::DIEM,
        (_, true) => styles::DE_MUC,
        _ => styles::NOI_DUNG,
    }
}

/// Builds the document.
struct Writer<'a> {
    ctx: &'a Context,
    sp: &'a Spec,
    sheet: Sheet,
    items: Vec<Item>,
    /// Width of the current section's text area, in twips.
    room: i32,
    /// The footnotes' texts, numbered from 1 in the order they come.
    notes: Vec<String>,
}

fn document(ctx: &Context) -> Package {
    let first = section(ctx, false);
    let mut w = Writer {
        ctx,
        sp: &ctx.spec,
        sheet: styles::sheet(&ctx.spec, ctx.layout.thut_dau_dong),
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
            let mut p = styled(&w.sheet, styles::SO_TRANG, "2");
            p.runs[0].page_field = true;
            p
        })],
        vec![Item::Para(styled(&w.sheet, styles::SO_TRANG, ""))],
    ];
    let mut footers = Vec::new();
    if !ctx.dia_chi.is_empty() {
        let mut lines: Vec<Item> = Vec::new();
        for (i, l) in ctx.dia_chi.iter().enumerate() {
            let mut p = styled(&w.sheet, styles::DIA_CHI, l);
            if i == 0 {
                p.top = Some(Border {
                    space: 2,
                    ..Border::thin()
                });
            }
            lines.push(Item::Para(p));
        }
        footers.push(lines);
        // A blank of 1 pt: a full empty line would sit inside the text area.
        footers.push(vec![Item::Para(Para::spacer())]);
    }
    // Later sections inherit the headers ("Link to Previous" in Word), so a page number
    // restyled once is restyled everywhere; only ô 13 must be blanked on their first pages.
    let mut n = 0;
    for item in w.items.iter_mut() {
        if let Item::SectionEnd(sec) = item {
            if n == 0 {
                sec.headers = vec![
                    ("default", Package::header_id(1)),
                    ("first", Package::header_id(2)),
                ];
            }
            if !footers.is_empty() {
                sec.footers = vec![("first", Package::footer_id(if n == 0 { 1 } else { 2 }))];
            }
            n += 1;
        }
    }

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
        sheet: w.sheet,
    }
}

impl Writer<'_> {
    /// Runs of text with their emphasis over the paragraph style's look; a footnote is a
    /// numbered reference whose text goes to footnotes.xml.
    fn spans(&mut self, out: Para, spans: &[Span]) -> Para {
        let base = self.sheet.get(out.style).run;
        spans.iter().fold(out, |p, s| {
            if s.n {
                self.notes.push(s.t.clone());
                return p.run(Run::footnote(self.notes.len(), base.size));
            }
            p.run(
                Run::new(s.t.clone(), base.size)
                    .bold(base.bold || s.b)
                    .italic(base.italic || s.i),
            )
        })
    }

    fn styled(&self, id: &'static str, text: &str) -> Para {
        styled(&self.sheet, id, text)
    }

    /// The rule under a text `w` twips wide (Phụ lục I: 1/3 to 1/2 of it).
    fn gach(&self, w: i32) -> i32 {
        (f64::from(w) * self.sp.ty_le_gach).round() as i32
    }

    fn push(&mut self, p: Para) {
        self.items.push(Item::Para(p));
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
            let p = self.spans(self.styled(styles::CAN_CU, ""), c);
            self.push(p);
        }
        if let Some(l) = ctx.lenh {
            let p = self.styled(styles::LENH, l);
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
        let sp = self.sp;
        let z = &sp.sizes;
        let qh = width(sp.quoc_hieu_chu, true, false, z.quoc_hieu);
        let tn = width(sp.tieu_ngu_chu, true, false, z.tieu_ngu);
        let date = width(&ctx.dia_danh_ngay, false, true, z.ngay);
        let natural = if with_number {
            qh.max(tn).max(date)
        } else {
            qh.max(tn)
        };
        let right = (natural + mm(sp.khoang_cot_dau_trang_mm)).min(self.room * 7 / 10);
        let left = self.room - right;

        let mut agency: Vec<Item> = Vec::new();
        for l in &ctx.chu_quan {
            agency.push(Item::Para(self.styled(styles::CHU_QUAN, l)));
        }
        let mut widest = 0;
        for l in &ctx.ban_hanh {
            widest = widest.max(width(l, true, false, z.co_quan));
            agency.push(Item::Para(self.styled(styles::CO_QUAN, l)));
        }
        // Phụ lục I: a rule of 1/3 to 1/2 of the name, as the PDF draws it (0.4).
        agency.push(Item::Para(rule(self.gach(widest), left)));
        let nation = vec![
            Item::Para(self.styled(styles::QUOC_HIEU, sp.quoc_hieu_chu)),
            Item::Para(self.styled(styles::TIEU_NGU, sp.tieu_ngu_chu)),
            Item::Para(rule(tn, right)),
        ];
        let mut rows = vec![Row {
            cells: vec![Cell::new(agency), Cell::new(nation)],
            header: false,
            cant_split: true,
        }];
        if with_number {
            // Số and the place-date on one baseline: both cells aligned to the bottom.
            let so = self.styled(styles::SO_KY_HIEU, &ctx.so_ky_hieu);
            let when = self.styled(styles::DIA_DANH_NGAY, &ctx.dia_danh_ngay);
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
            let p = self.styled(styles::VV, &format!("V/v {}", vv.join(" ")));
            rows.push(Row {
                cells: vec![Cell::new(vec![Item::Para(p)]), Cell::new(Vec::new())],
                header: false,
                cant_split: true,
            });
        }
        // The marks belong to the document's own header, not to an attached text's (Mẫu 1.3).
        if with_number && (ctx.do_khan.is_some() || ctx.luu_hanh.is_some()) {
            let mut marks: Vec<Item> = Vec::new();
            if let Some(label) = ctx.do_khan {
                // Ô 10b: a frame of 20, 30 or 40 × 8 mm, the smallest that holds the mark.
                let w = text_width(label, true, false, z.khan) * 25.4 / 72.0 + sp.khung_khan_le_mm;
                let frames = sp.khung_khan_mm;
                let frame = frames
                    .iter()
                    .copied()
                    .find(|f| w <= *f)
                    .unwrap_or(frames[frames.len() - 1]);
                let space = 3;
                let side = ((left - mm(frame)) / 2 + pt(f64::from(space))).max(0);
                // The frame and the red are the decree's exception, set on the paragraph.
                let mut p = self.styled(styles::MUC_DO, label).indent(side, side);
                p.runs[0].color = Some(sp.mau_khan);
                p.boxed = Some(Border {
                    width: 0.8,
                    color: sp.mau_khan,
                    space,
                });
                marks.push(Item::Para(p));
            }
            if let Some(l) = &ctx.luu_hanh {
                let before = if ctx.do_khan.is_some() {
                    sp.space.luu_hanh_sau_khan
                } else {
                    sp.space.dau_trang_hang
                };
                marks.push(Item::Para(
                    self.styled(styles::MUC_DO, l).spacing(pt(before), 0),
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
        let size = self.sp.sizes.trich_yeu;
        let room = self.room;
        // The PDF leaves its space and a paragraph's spacing under the title.
        let under = pt(self.sp.space.tieu_de_sau + self.sp.space.doan_sau);
        let first = self.styled(styles::TEN_LOAI, ten_loai);
        let title_w = width(ten_loai, true, false, size);
        self.push(first);
        if trich_yeu.is_empty() {
            self.push(rule(self.gach(title_w), room).spacing(pt(3.0), under));
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
            self.push(self.styled(styles::TRICH_YEU, l).indent(side, side));
        }
        if let Some(sub) = sub {
            self.push(self.styled(styles::BAN_HANH_KEM, sub));
        }
        self.push(rule(self.gach(widest.min(measure)), room).spacing(pt(3.0), under));
    }

    fn tham_quyen(&mut self) {
        let n = self.ctx.tham_quyen.len();
        for (i, l) in self.ctx.tham_quyen.iter().enumerate() {
            let after = if i + 1 == n {
                pt(self.sp.space.tham_quyen_sau)
            } else {
                0
            };
            let p = self.styled(styles::THAM_QUYEN, l).spacing(0, after);
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
            let after = if i + 1 == n {
                pt(self.sp.space.tham_quyen_sau)
            } else {
                0
            };
            let p = self.styled(styles::THAM_QUYEN, &text).spacing(0, after);
            self.push(p);
        }
        let items: Vec<String> = ctx.kinh_gui.iter().map(|k| format!("- {k}")).collect();
        let widest = items
            .iter()
            .map(|i| width(i, false, false, self.sp.sizes.noi_dung))
            .max()
            .unwrap_or(0);
        let side = ((self.room - widest) / 2).max(0);
        let v = &self.sp.space;
        let body = self.sp.sizes.noi_dung;
        let hang = pt(v.treo_kinh_gui_em * body);
        let count = items.len();
        for (i, item) in items.iter().enumerate() {
            let mut p = self.styled(styles::KINH_GUI_DONG, item);
            p.runs[0].size = body;
            p.left = side + hang;
            p.first_line = -hang;
            p.after = if i + 1 == count {
                pt(v.kinh_gui)
            } else {
                pt(v.dong_danh_sach_em * body)
            };
            self.push(p);
        }
    }

    /// Ô 9a: Kính gửi. One recipient on the same line; several on `- …;` lines beside it.
    fn kinh_gui(&mut self) {
        let items = &self.ctx.kinh_gui;
        if let [one] = items.as_slice() {
            let p = self.styled(styles::KINH_GUI, &format!("Kính gửi: {one}"));
            self.push(p);
            return;
        }
        let size = self.sp.sizes.kinh_gui;
        let v = &self.sp.space;
        let label = width("Kính gửi:", false, false, size) + pt(0.4 * size);
        let lines: Vec<String> = items.iter().map(|i| format!("- {i}")).collect();
        let widest = lines
            .iter()
            .map(|l| width(l, false, false, size))
            .max()
            .unwrap_or(0);
        // A little slack: Word and LibreOffice must not wrap a line the metrics say fits.
        let list = (widest + pt(2.0)).min(self.room - label);
        let n = lines.len();
        let rows = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let before = if i == 0 { pt(v.kinh_gui) } else { 0 };
                let after = if i + 1 == n {
                    pt(v.kinh_gui)
                } else {
                    pt(v.dong_danh_sach_em * size)
                };
                let p = self.styled(styles::KINH_GUI_DONG, l).spacing(before, after);
                let first = if i == 0 {
                    vec![Item::Para(
                        self.styled(styles::KINH_GUI, "Kính gửi:")
                            .spacing(before, 0)
                            .align(Align::Left),
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
                    let (label, title) = if b.level == "chuong" {
                        (styles::CHUONG, styles::TEN_CHUONG)
                    } else {
                        (styles::MUC_CHUONG, styles::TEN_MUC_CHUONG)
                    };
                    self.push(self.styled(label, &b.marker));
                    let p = self.spans(self.styled(title, ""), &b.spans);
                    self.push(p);
                }
                "bang" => self.results(b),
                "danh_sach" => self.list(b),
                _ => {
                    let mut p = self.styled(block_style(b), "");
                    if !b.marker.is_empty() {
                        // The marker of a Điều is bold even when its title is not.
                        let marker_bold = b.bold || b.level == "dieu";
                        p = p.run(
                            Run::new(format!("{} ", b.marker), self.sp.sizes.noi_dung)
                                .bold(marker_bold),
                        );
                    }
                    let base = self.sheet.get(p.style).run;
                    let spans: Vec<Span> = b
                        .spans
                        .iter()
                        .map(|s| Span {
                            b: s.b || (b.bold && !base.bold),
                            ..s.clone()
                        })
                        .collect();
                    p = self.spans(p, &spans);
                    // A heading stays with what it introduces (its style says so); the last
                    // paragraph with the signature.
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
        let id = if bold {
            styles::BANG_TIEU_DE
        } else {
            styles::BANG
        };
        Item::Para(self.styled(id, text).align(align))
    }

    /// A row of a bordered table: one cell per text and alignment. It may break across
    /// pages: Word never splits a can't-split row, even one taller than the page, and cuts
    /// off what does not fit.
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
            cant_split: false,
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
            cell_margin: pt(self.sp.o_bang),
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
        let (cols, head) = columns(&self.sp.ket_qua);
        let t = self.grid_table(&cols, &head, rows);
        self.items.push(Item::Table(t));
        // The PDF leaves 10 pt under the table.
        self.push(Para::spacer().spacing(pt(self.sp.space.bang), 0));
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
        let mut columns = vec![(self.sp.cot_tt_mm, false)];
        columns.extend(b.head.iter().skip(1).map(|_| (1.0, true)));
        let head: Vec<&str> = b.head.iter().map(String::as_str).collect();
        let t = self.grid_table(&columns, &head, rows);
        self.items.push(Item::Table(t));
        self.push(Para::spacer().spacing(pt(self.sp.space.bang), 0));
    }

    /// A signer block: quyền hạn, chức vụ, space to sign, họ tên; bold and centred.
    fn signer(&self, p: &SignerCtx, before: i32) -> Vec<Item> {
        let mut out = Vec::new();
        for (i, q) in p
            .quyen_han
            .iter()
            .chain(std::iter::once(&p.chuc_vu))
            .enumerate()
        {
            let b = if i == 0 { before } else { 0 };
            out.push(Item::Para(self.styled(styles::CHUC_VU, q).spacing(b, 0)));
        }
        out.push(Item::Para(self.styled(styles::HO_TEN, &p.ho_ten)));
        out
    }

    /// Nơi nhận: the label 12 bold italic, the list 11.
    fn noi_nhan(&self, before: i32) -> Vec<Item> {
        let mut out = vec![Item::Para(
            self.styled(styles::NOI_NHAN_NHAN, "Nơi nhận:")
                .spacing(before, 0),
        )];
        for l in &self.ctx.noi_nhan {
            out.push(Item::Para(self.styled(styles::NOI_NHAN, l)));
        }
        out
    }

    /// Ô 7 and 9b side by side: Nơi nhận level with the first signer line.
    fn signature(&mut self) {
        // Same top and different sizes: drop the smaller text so the baselines meet.
        let z = &self.sp.sizes;
        let drop = pt(ASCENT * (z.chu_ky - z.noi_nhan_nhan));
        let before = pt(self.sp.space.chu_ky_truoc);
        let t = self.halves(vec![[
            self.noi_nhan(before + drop),
            self.signer(&self.ctx.nguoi_ky, before),
        ]]);
        self.items.push(t);
    }

    /// Two signers side by side (biên bản, hợp đồng), or the confirmation of a giấy nghỉ
    /// phép beside the signer; Nơi nhận under them.
    fn signature_pair(&mut self) {
        let ctx = self.ctx;
        let before = pt(self.sp.space.chu_ky_truoc);
        let between = pt(self.sp.space.cac_ben);
        let mut left = match &ctx.dong_ky {
            Some(p) => self.signer(p, before),
            None => vec![Item::Para(
                self.styled(styles::CHUC_VU, ctx.xac_nhan.as_deref().unwrap_or(""))
                    .spacing(before, 0),
            )],
        };
        let mut right = self.signer(&ctx.nguoi_ky, before);
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
                    let mut a = self.signer(pair[0], between);
                    let mut b = pair
                        .get(1)
                        .map(|p| self.signer(p, between))
                        .unwrap_or_default();
                    let (name_a, name_b) = (a.pop(), b.pop());
                    rows.push([a, b]);
                    rows.push([name_a.into_iter().collect(), name_b.into_iter().collect()]);
                }
            }
            _ => rows.push([left, right]),
        }
        rows.push([self.noi_nhan(between), Vec::new()]);
        let t = self.halves(rows);
        self.items.push(t);
    }

    /// A text issued with a Quyết định (Mẫu 1.3): its own section, page numbers from 1, the
    /// agency and Quốc hiệu, the title with "(Ban hành kèm theo …)", the body, the signer.
    fn attached(&mut self, k: &AttachedCtx) {
        self.header(false, &[]);
        self.title(&k.ten_loai, &k.trich_yeu, Some(&k.kem_theo));
        self.blocks(&k.body);
        let before = pt(self.sp.space.chu_ky_truoc);
        let t = self.halves(vec![[Vec::new(), self.signer(&k.nguoi_ky, before)]]);
        self.items.push(t);
    }

    /// Phụ lục (Mẫu 2.1): its own section (landscape when asked), page numbers from 1, the
    /// heading, optional paragraphs and the responsibility matrix.
    fn annex(&mut self, a: &AnnexCtx) {
        self.push(self.styled(styles::PHU_LUC, &a.nhan));
        self.push(self.styled(styles::PHU_LUC_TIEU_DE, &a.tieu_de));
        self.push(self.styled(styles::PHU_LUC_KEM_THEO, &a.kem_theo));
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
        let (cols, head) = columns(&self.sp.ma_tran);
        let t = self.grid_table(&cols, &head, rows);
        self.items.push(Item::Table(t));
    }
}
