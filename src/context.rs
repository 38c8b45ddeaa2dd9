//! Validate and compute: turns a loaded [`Document`] into the one serialisable [`Context`]
//! that every renderer (Typst source, PDF) works from. Everything a clerk should not type —
//! numbering, punctuation of lists, zero-padding, the ký hiệu, figures — is produced here.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_saphyr::{Location, Spanned};

use crate::diag::{Diagnostic, Pos, Report};
use crate::figures::{self, Table};
use crate::fonts::Fonts;
use crate::load::Loaded;
use crate::model::{Document, Kind, Node, Text};
use crate::numfmt;

/// A run of text with light emphasis.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Span {
    pub t: String,
    pub b: bool,
    pub i: bool,
}

/// One row of a results table (bảng kết quả thực hiện).
#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    pub tt: String,
    pub ten: String,
    pub don_vi: String,
    pub ke_hoach: String,
    pub dat: String,
    pub ty_le: String,
}

/// One element of the body, numbered.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// `chuong`, `muc`, `muc_chuong` (a Mục under the Chương/Điều scheme), `dieu`, `khoan`,
    /// `diem`, `gach`, `cong`, `doan` or `bang` (a results table).
    pub level: &'static str,
    /// `Chương I`, `Mục 1`, `Điều 1.`, `I.`, `1.`, `a)`, `-`, `+` or empty for a plain paragraph.
    pub marker: String,
    pub bold: bool,
    /// Rows of a `bang` block.
    pub rows: Vec<ResultRow>,
    /// The last paragraph of the body: kept on the page of the signature block, so that
    /// the signature never stands alone on a page.
    pub keep: bool,
    pub spans: Vec<Span>,
    pub children: Vec<Block>,
}

impl Block {
    /// A plain paragraph of one run of text, unnumbered.
    fn paragraph(t: String) -> Block {
        Block {
            level: "doan",
            marker: String::new(),
            bold: false,
            rows: Vec::new(),
            keep: false,
            spans: vec![Span {
                t,
                b: false,
                i: false,
            }],
            children: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SignerCtx {
    pub quyen_han: Vec<String>,
    pub chuc_vu: String,
    pub ho_ten: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowCtx {
    pub tt: String,
    pub noi_dung: String,
    pub chi_dao: String,
    pub thuc_hien: String,
    pub phoi_hop: String,
    pub thoi_gian: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupCtx {
    pub so: String,
    pub ten: String,
    pub rows: Vec<RowCtx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnexCtx {
    /// `Phụ lục` or `Phụ lục I`, `Phụ lục II` … when there are several.
    pub nhan: String,
    pub tieu_de: String,
    pub kem_theo: String,
    pub ngang: bool,
    pub body: Vec<Block>,
    pub groups: Vec<GroupCtx>,
}

/// Page layout after validation.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutCtx {
    pub le_tren: f64,
    pub le_duoi: f64,
    pub le_trai: f64,
    pub le_phai: f64,
    /// Body size; the Quốc hiệu is one point smaller (13/14/14 or 12/13/13).
    pub co_chu: f64,
    pub thut_dau_dong: f64,
    /// `trinh_bay.chuan_pdf`: the PDF standard asked for this document (a name of
    /// [`crate::render::pdf::STANDARDS`]); none: the run's `--pdf-standard`.
    pub chuan_pdf: Option<String>,
}

/// PDF metadata.
#[derive(Debug, Clone, Serialize)]
pub struct MetaCtx {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A văn bản issued with a Quyết định (Mẫu 1.3): Quy chế, Quy định …
#[derive(Debug, Clone, Serialize)]
pub struct AttachedCtx {
    pub ten_loai: String,
    pub trich_yeu: Vec<String>,
    /// `(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05/3/2020 của …)`.
    pub kem_theo: String,
    pub body: Vec<Block>,
    pub nguoi_ky: SignerCtx,
}

/// Everything a renderer needs, already computed and checked.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub loai: &'static str,
    /// Mẫu of Phụ lục III that the layout follows, e.g. `1.4`.
    pub mau: &'static str,
    /// The built-in template of the layout, e.g. `mau_1_4.typ.tera`; a template named after
    /// the kind (`ke_hoach.typ.tera`) is used instead when there is one.
    pub template: &'static str,
    pub ten_loai: Option<String>,
    /// Thẩm quyền ban hành (Quyết định, Nghị quyết) or the sender of a công điện.
    pub tham_quyen: Vec<String>,
    /// `QUYẾT ĐỊNH:` or `QUYẾT NGHỊ:` before the Điều.
    pub lenh: Option<&'static str>,
    /// Dấu chỉ mức độ khẩn (ô 10b).
    pub do_khan: Option<&'static str>,
    /// Chỉ dẫn phạm vi lưu hành (ô 11).
    pub luu_hanh: Option<String>,
    /// Ô 13, at the foot of page 1.
    pub dia_chi: Vec<String>,
    /// Lines of a form (giấy mời, biên bản, giấy giới thiệu, giấy nghỉ phép) before the body.
    pub dong_dau: Vec<Block>,
    /// Lines after the body (the closing line of a biên bản).
    pub dong_cuoi: Vec<Block>,
    /// The second signer, on the left (biên bản, hợp đồng).
    pub dong_ky: Option<SignerCtx>,
    /// The left block of a giấy nghỉ phép: the confirmation of the place of leave.
    pub xac_nhan: Option<String>,
    pub kem_theo: Option<AttachedCtx>,
    pub chu_quan: Vec<String>,
    pub ban_hanh: Vec<String>,
    /// `Số: 05/KH-UBND`, or with the number left blank.
    pub so_ky_hieu: String,
    /// `05/KH-UBND` form used in the phụ lục reference.
    pub so_ngan: String,
    /// `Lạng Sơn, ngày 05 tháng 02 năm 2019`.
    pub dia_danh_ngay: String,
    pub trich_yeu: Vec<String>,
    pub can_cu: Vec<Vec<Span>>,
    pub kinh_gui: Vec<String>,
    pub body: Vec<Block>,
    pub nguoi_ky: SignerCtx,
    pub noi_nhan: Vec<String>,
    pub phu_luc: Vec<AnnexCtx>,
    pub layout: LayoutCtx,
    pub meta: MetaCtx,
}

/// The longest text one field may hold. Real paragraphs of these documents are a few
/// thousand characters; anything far beyond is a paste accident that would take minutes to lay
/// out as one paragraph.
const MAX_TEXT: usize = 50_000;

/// The most rows a phụ lục matrix may have (about 150 landscape pages).
const MAX_ROWS: usize = 2_000;

/// Blank left for the văn thư to fill in by hand (non-breaking, so Typst keeps the width).
const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// A date of the header; day or month may be blank in a draft.
#[derive(Debug, Clone, Copy)]
pub struct IssueDate {
    pub day: Option<u32>,
    pub month: Option<u32>,
    pub year: i32,
}

struct Builder<'a> {
    file: &'a Path,
    source: &'a str,
    table: &'a Table,
    fonts: &'a Fonts,
    report: &'a mut Report,
    /// Chương and Điều run on through the whole text, across chương and mục.
    chuong_no: usize,
    dieu_no: usize,
    /// The text uses the Chương/Mục/Điều scheme (Phụ lục I, 6a): `muc` is `Mục 1`.
    dieu_scheme: bool,
    /// Điều titles bold (Quy chế, Quy định); in a Quyết định only `Điều 1.` is.
    dieu_title_bold: bool,
}

/// Whether any node of a body uses Chương or Điều.
fn uses_dieu(nodes: &[Node]) -> bool {
    nodes
        .iter()
        .any(|n| n.chuong.is_some() || n.dieu.is_some() || uses_dieu(&n.noi_dung))
}

impl Builder<'_> {
    fn error(&mut self, loc: &Location, msg: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(self.file, Pos::from_yaml(loc), msg).with_source(self.source);
        self.report.push(d);
        self.report.items.last_mut().unwrap()
    }

    fn warn(&mut self, loc: &Location, msg: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::warning(self.file, Pos::from_yaml(loc), msg).with_source(self.source);
        self.report.push(d);
        self.report.items.last_mut().unwrap()
    }

    /// Cites figures and checks every character against the embedded font.
    fn text(&mut self, t: &Text) -> String {
        if t.value.chars().count() > MAX_TEXT {
            self.error(
                &t.referenced,
                crate::t!(
                    "đoạn chữ dài {n} ký tự, quá giới hạn {max}",
                    n = t.value.chars().count(),
                    max = MAX_TEXT
                ),
            )
                .hint = Some(crate::t!("chia thành nhiều đoạn (`doan`); một đoạn dài như vậy thường là do dán nhầm cả một tệp"));
            return String::new();
        }
        let s = figures::cite(t, self.table, self.file, self.source, self.report);
        self.check_chars(&s, &t.referenced);
        // Line breaks inside a YAML paragraph are the editor's, not the document's.
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Text where explicit line breaks matter (names printed on several lines).
    fn lines(&mut self, t: &Text) -> Vec<String> {
        let s = figures::cite(t, self.table, self.file, self.source, self.report);
        self.check_chars(&s, &t.referenced);
        s.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    }

    fn check_chars(&mut self, s: &str, loc: &Location) {
        for c in s.chars() {
            if c == '\n' || c == '\t' || c == '\r' {
                continue;
            }
            let (msg, hint) = if c.is_control() {
                (
                    crate::t!(
                        "ký tự điều khiển U+{code} không in được",
                        code = format!("{:04X}", c as u32)
                    ),
                    crate::t!("xoá ký tự này (thường do sao chép từ tệp khác)"),
                )
            } else if !c.is_whitespace() && !self.fonts.covers(c) {
                (
                    crate::t!(
                        "phông chữ Liberation Serif không có ký tự `{c}` (U+{code})",
                        c = c,
                        code = format!("{:04X}", c as u32)
                    ),
                    crate::t!("thay bằng ký tự khác; văn bản hành chính chỉ dùng chữ Việt Unicode (TCVN 6909:2001)"),
                )
            } else {
                continue;
            };
            // Point at the character itself when it is written literally in the source.
            let pos = crate::diag::locate_in(self.source, loc, &c.to_string());
            let d = Diagnostic::error(self.file, pos, msg)
                .with_source(self.source)
                .with_hint(hint);
            self.report.push(d);
            return;
        }
    }

    /// Rows of a results table from the `thuc_hien` figures named in the data.
    fn results(&mut self, names: &[Spanned<String>]) -> Vec<ResultRow> {
        let mut rows = Vec::new();
        for name in names {
            let k = name.value.trim();
            let fig = |suffix: &str| {
                self.table
                    .get(&format!("{k}.{suffix}"))
                    .map(|f| f.display())
            };
            let text = |suffix: &str| self.table.texts.get(&format!("{k}.{suffix}")).cloned();
            match (text("ten"), fig("ke_hoach"), fig("dat")) {
                (Some(ten), Some(ke_hoach), Some(dat)) => {
                    let ty_le = fig("ty_le").unwrap_or_default();
                    let don_vi = text("don_vi").unwrap_or_default();
                    self.check_chars(&ten, &name.referenced);
                    rows.push(ResultRow {
                        tt: (rows.len() + 1).to_string(),
                        ten,
                        don_vi,
                        ke_hoach,
                        dat,
                        ty_le,
                    });
                }
                _ => {
                    let known: Vec<String> = self
                        .table
                        .texts
                        .keys()
                        .filter_map(|n| n.strip_suffix(".ten").map(str::to_string))
                        .collect();
                    let hint = figures::suggest(k, known.iter())
                        .map(|s| crate::t!("có phải `{s}`?", s = s))
                        .unwrap_or_else(|| {
                            crate::t!("mỗi tên phải là một mục của `so_lieu.thuc_hien`")
                        });
                    self.error(
                        &name.referenced,
                        crate::t!("không có kết quả thực hiện tên `{k}`", k = k),
                    )
                    .hint = Some(hint);
                }
            }
        }
        rows
    }

    fn rich(&mut self, t: &Text) -> Vec<Span> {
        let s = self.text(t);
        parse_rich(&s)
    }

    fn blocks(&mut self, nodes: &[Node], parent: Option<&'static str>, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        let mut counters = [0usize; 8];
        for node in nodes {
            if let Some(names) = &node.bang_ket_qua {
                let others = [
                    &node.chuong,
                    &node.dieu,
                    &node.muc,
                    &node.khoan,
                    &node.diem,
                    &node.gach,
                    &node.cong,
                    &node.doan,
                ];
                if others.iter().any(|o| o.is_some()) {
                    let loc = names
                        .first()
                        .map(|n| n.referenced)
                        .unwrap_or(Location::UNKNOWN);
                    self.error(
                        &loc,
                        crate::t!("một phần tử vừa là `bang_ket_qua` vừa là phần văn bản khác"),
                    )
                    .hint = Some(crate::t!(
                        "tách thành hai phần tử, mỗi phần tử bắt đầu bằng `- `"
                    ));
                    continue;
                }
                out.push(Block {
                    level: "bang",
                    rows: self.results(names),
                    spans: Vec::new(),
                    ..Block::paragraph(String::new())
                });
                continue;
            }
            let set: Vec<(&'static str, &Text)> = [
                ("chuong", node.chuong.as_ref()),
                ("dieu", node.dieu.as_ref()),
                ("muc", node.muc.as_ref()),
                ("khoan", node.khoan.as_ref()),
                ("diem", node.diem.as_ref()),
                ("gach", node.gach.as_ref()),
                ("cong", node.cong.as_ref()),
                ("doan", node.doan.as_ref()),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect();
            let (level, text) = match set.as_slice() {
                [one] => *one,
                [] => {
                    // A node with no text has no position of its own to point at.
                    self.error(
                        &Location::UNKNOWN,
                        crate::t!("một phần tử của `noi_dung` không có nội dung"),
                    )
                    .hint = Some(crate::t!("mỗi phần tử cần đúng một trong: chuong, muc, dieu, khoan, diem, gach, cong, doan, bang_ket_qua"));
                    continue;
                }
                [first, second, ..] => {
                    let msg = crate::t!(
                        "một phần tử vừa là `{first}` vừa là `{second}`",
                        first = first.0,
                        second = second.0
                    );
                    self.error(&second.1.referenced, msg).hint = Some(crate::t!(
                        "tách thành hai phần tử, mỗi phần tử bắt đầu bằng `- `"
                    ));
                    continue;
                }
            };
            if !allowed(parent, level, self.dieu_scheme) {
                let msg = match parent {
                    Some(p) => {
                        let p = if p == "muc_chuong" { "muc" } else { p };
                        crate::t!(
                            "`{level}` không thể nằm trong `{p}` (lồng quá sâu hoặc sai cấp)",
                            level = level,
                            p = p
                        )
                    }
                    None => crate::t!("`{level}` không thể đứng ở cấp ngoài cùng", level = level),
                };
                let order = if self.dieu_scheme {
                    crate::t!("thứ tự cấp: chuong (Chương I) → muc (Mục 1) → dieu (Điều 1.) → khoan (1.) → diem (a))")
                } else {
                    crate::t!("thứ tự cấp: muc (I.) → khoan (1.) → diem (a)) → gach (-) → cong (+)")
                };
                self.error(&text.referenced, msg).hint = Some(order);
                continue;
            }
            let idx = [
                "chuong", "dieu", "muc", "khoan", "diem", "gach", "cong", "doan",
            ]
            .iter()
            .position(|l| *l == level)
            .unwrap();
            counters[idx] += 1;
            let n = counters[idx];
            let level = if level == "muc" && self.dieu_scheme {
                "muc_chuong"
            } else {
                level
            };
            let marker = match level {
                "chuong" => {
                    self.chuong_no += 1;
                    format!("Chương {}", numfmt::roman(self.chuong_no))
                }
                "dieu" => {
                    self.dieu_no += 1;
                    format!("Điều {}.", self.dieu_no)
                }
                "muc_chuong" => format!("Mục {n}"),
                "muc" => format!("{}.", numfmt::roman(n)),
                "khoan" => format!("{n}."),
                "diem" => {
                    if n > numfmt::LETTERS.len() {
                        self.warn(
                            &text.referenced,
                            crate::t!(
                                "quá 23 điểm trong một khoản: ký hiệu điểm lặp chữ (aa), bb) …)"
                            ),
                        );
                    }
                    format!("{})", numfmt::letter(n))
                }
                "gach" => "-".into(),
                "cong" => "+".into(),
                _ => String::new(),
            };
            let mut spans = self.rich(text);
            if matches!(level, "muc" | "chuong" | "muc_chuong") {
                for s in &mut spans {
                    s.t = s.t.to_uppercase();
                }
            }
            let bold = node.dam.unwrap_or(match level {
                "muc" | "chuong" | "muc_chuong" => true,
                "dieu" => self.dieu_title_bold,
                // Under Điều a khoản has no title (Phụ lục I, 6a); in a plan it has one (6b).
                "khoan" => !self.dieu_scheme,
                _ => false,
            });
            let children = if depth >= 6 {
                Vec::new()
            } else {
                self.blocks(&node.noi_dung, Some(level), depth + 1)
            };
            if level == "doan" && !node.noi_dung.is_empty() {
                self.error(
                    &text.referenced,
                    crate::t!("một đoạn văn (`doan`) không có phần tử con"),
                )
                .hint = Some(crate::t!("đưa các phần tử con ra cùng cấp với đoạn văn"));
            }
            out.push(Block {
                level,
                marker,
                bold,
                rows: Vec::new(),
                keep: false,
                spans,
                children,
            });
        }
        out
    }
}

/// Which level may sit inside which: the decree's mục → khoản → điểm, then dashes and pluses;
/// or, in the Chương/Điều scheme, chương → mục → điều → khoản → điểm.
fn allowed(parent: Option<&str>, child: &str, dieu_scheme: bool) -> bool {
    if dieu_scheme && child == "muc" {
        return matches!(parent, None | Some("chuong"));
    }
    match parent {
        None => matches!(
            child,
            "chuong" | "dieu" | "muc" | "khoan" | "diem" | "gach" | "doan"
        ),
        Some("chuong") => matches!(child, "dieu" | "doan"),
        Some("muc_chuong") => matches!(child, "dieu" | "doan"),
        Some("dieu") => matches!(child, "khoan" | "diem" | "gach" | "doan"),
        Some("muc") => matches!(child, "khoan" | "diem" | "gach" | "doan"),
        Some("khoan") => matches!(child, "diem" | "gach" | "doan"),
        Some("diem") => matches!(child, "gach" | "doan"),
        Some("gach") => matches!(child, "cong" | "doan"),
        Some("cong") => matches!(child, "doan"),
        _ => false,
    }
}

/// Light inline emphasis: `**bold**` and `*italic*`; an unmatched `*` stays literal, `\*` is
/// always literal.
pub fn parse_rich(s: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut push = |t: &str, b: bool, i: bool| {
        if t.is_empty() {
            return;
        }
        let t = t.replace("\\*", "*");
        match out.last_mut() {
            Some(last) if last.b == b && last.i == i => last.t.push_str(&t),
            _ => out.push(Span { t, b, i }),
        }
    };
    let bytes = s.as_bytes();
    let mut plain_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'*') {
            i += 2;
            continue;
        }
        if bytes[i] == b'*' {
            let double = bytes.get(i + 1) == Some(&b'*');
            let open = if double { 2 } else { 1 };
            let needle = if double { "**" } else { "*" };
            let content_start = i + open;
            let close = find_closer(&s[content_start..], needle).map(|c| c + content_start);
            if let Some(close) = close {
                if close > content_start {
                    push(&s[plain_start..i], false, false);
                    push(&s[content_start..close], double, !double);
                    i = close + open;
                    plain_start = i;
                    continue;
                }
            }
            i += open;
            continue;
        }
        i += 1;
    }
    push(&s[plain_start..], false, false);
    out
}

fn find_closer(s: &str, needle: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i..].starts_with(needle.as_bytes()) {
            // A single `*` must not be half of a `**`.
            if needle == "*" && b.get(i + 1) == Some(&b'*') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Parses `dd/mm/yyyy`, where the day or the month may be left blank as `..`, `__` or nothing.
pub fn parse_date(s: &str) -> Result<IssueDate, String> {
    let parts: Vec<&str> = s.trim().split('/').map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(crate::t!(
            "ngày `{s}` không đúng dạng ngày/tháng/năm, ví dụ 05/02/2019",
            s = s
        ));
    };
    let blank = |p: &str| p.is_empty() || p.chars().all(|c| c == '.' || c == '_');
    let year: i32 = y
        .parse()
        .map_err(|_| crate::t!("năm `{y}` không phải là số", y = y))?;
    if !(1945..=2200).contains(&year) {
        return Err(crate::t!(
            "năm {year} không hợp lệ (cần 4 chữ số)",
            year = year
        ));
    }
    let month = if blank(m) {
        None
    } else {
        let m: u32 = m
            .parse()
            .map_err(|_| crate::t!("tháng `{m}` không phải là số", m = m))?;
        if !(1..=12).contains(&m) {
            return Err(crate::t!("tháng {m} không có (chỉ từ 1 đến 12)", m = m));
        }
        Some(m)
    };
    let day = if blank(d) {
        None
    } else {
        let d: u32 = d
            .parse()
            .map_err(|_| crate::t!("ngày `{d}` không phải là số", d = d))?;
        let max = match month {
            Some(m) => chrono::NaiveDate::from_ymd_opt(year, m, 1)
                .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
                .map(|n| {
                    n.pred_opt()
                        .unwrap()
                        .format("%d")
                        .to_string()
                        .parse::<u32>()
                        .unwrap()
                })
                .unwrap_or(31),
            None => 31,
        };
        if d == 0 || d > max {
            return Err(match month {
                Some(m) => {
                    crate::t!(
                        "ngày {d}/{m}/{year} không có (tháng {m} năm {year} có {max} ngày)",
                        d = d,
                        m = m,
                        year = year,
                        max = max
                    )
                }
                None => crate::t!("ngày {d} không hợp lệ", d = d),
            });
        }
        Some(d)
    };
    if day.is_some() && month.is_none() {
        return Err(crate::t!("có ngày nhưng để trống tháng"));
    }
    Ok(IssueDate { day, month, year })
}

impl IssueDate {
    /// `ngày 05 tháng 02 năm 2019`, with blanks where the draft leaves them.
    pub fn long(&self) -> String {
        let d = self.day.map(numfmt::day).unwrap_or_else(|| BLANK.into());
        let m = self
            .month
            .map(numfmt::month)
            .unwrap_or_else(|| BLANK.into());
        format!("ngày {d} tháng {m} năm {}", self.year)
    }

    /// `05/02/2019` as used in citations and the phụ lục line.
    pub fn short(&self) -> String {
        let d = self.day.map(numfmt::day).unwrap_or_else(|| BLANK.into());
        let m = self
            .month
            .map(numfmt::month)
            .unwrap_or_else(|| BLANK.into());
        format!("{d}/{m}/{}", self.year)
    }
}

fn range_check(b: &mut Builder, v: &Spanned<f64>, name: &str, lo: f64, hi: f64, what: &str) -> f64 {
    if v.value < lo || v.value > hi {
        b.error(
            &v.referenced,
            crate::t!(
                "`{name}` = {value} nằm ngoài khoảng Nghị định 30 cho phép ({lo}–{hi} {what})",
                name = name,
                value = v.value,
                lo = lo,
                hi = hi,
                what = what
            ),
        )
        .hint = Some(crate::t!(
            "chọn một giá trị từ {lo} đến {hi}",
            lo = lo,
            hi = hi
        ));
        lo
    } else {
        v.value
    }
}

fn punctuate(items: &[String], last: &str) -> Vec<String> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let s = s.trim().trim_end_matches([';', '.', ',']).trim_end();
            format!("{s}{}", if i + 1 == n { last } else { ";" })
        })
        .collect()
}

/// A document after validation and computation.
pub struct Prepared {
    pub ctx: Context,
    pub table: Table,
    /// Files other than the document that its content was computed from (shared files,
    /// inherited documents), for incremental builds.
    pub deps: Vec<PathBuf>,
}

/// Validate and compute one loaded document.
pub fn build(loaded: &Loaded, fonts: &Fonts, report: &mut Report) -> Prepared {
    let Loaded { path, source, doc } = loaded;
    let mut deps = Vec::new();
    let table = figures::compute_document(doc, path, source, report, &mut deps);
    let mut b = Builder {
        file: path,
        source,
        table: &table,
        fonts,
        report,
        chuong_no: 0,
        dieu_no: 0,
        dieu_scheme: uses_dieu(&doc.noi_dung),
        dieu_title_bold: doc.loai.value.enacting().is_none(),
    };
    let ctx = build_ctx(&mut b, doc);
    Prepared { ctx, table, deps }
}

fn build_ctx(b: &mut Builder, doc: &Document) -> Context {
    let kind = doc.loai.value;
    let kind_loc = doc.loai.referenced;
    check_kind_fields(b, doc);

    // Header: agencies.
    let chu_quan: Vec<String> = doc
        .co_quan
        .chu_quan
        .lines()
        .iter()
        .map(|l| l.trim().to_uppercase())
        .collect();
    let ban_hanh: Vec<String> = doc
        .co_quan
        .ban_hanh
        .lines()
        .iter()
        .map(|l| l.trim().to_uppercase())
        .collect();
    if ban_hanh.is_empty() {
        b.error(
            &doc.co_quan.viet_tat.referenced,
            crate::t!("thiếu tên cơ quan ban hành (`co_quan.ban_hanh`)"),
        );
    }
    for l in chu_quan.iter().chain(&ban_hanh) {
        b.check_chars(l, &doc.co_quan.viet_tat.referenced);
    }

    // Số, ký hiệu.
    let agency = b.text(&doc.co_quan.viet_tat);
    if agency.is_empty() || agency.contains(char::is_whitespace) || agency.contains('/') {
        b.error(
            &doc.co_quan.viet_tat.referenced,
            crate::t!(
                "chữ viết tắt cơ quan `{agency}` không hợp lệ",
                agency = agency
            ),
        )
        .hint = Some(crate::t!(
            "viết liền, không dấu cách, ví dụ UBND, SNV, VPĐP"
        ));
    }
    let unit = doc
        .don_vi_soan_thao
        .as_ref()
        .map(|u| (b.text(u), u.referenced));
    let ky_hieu = match (kind.abbreviation(), &unit) {
        (Some(abbr), None) => format!("{abbr}-{agency}"),
        (Some(abbr), Some((u, loc))) => {
            b.error(loc, crate::t!("văn bản có tên loại không ghi đơn vị soạn thảo trong ký hiệu (`{abbr}-{agency}-{u}`)", abbr = abbr, agency = agency, u = u)).hint =
                Some(crate::t!("xoá `don_vi_soan_thao`; chỉ công văn mới có dạng UBND-VP"));
            format!("{abbr}-{agency}")
        }
        (None, Some((u, _))) => format!("{agency}-{u}"),
        (None, None) => agency.clone(),
    };
    let so = match &doc.so {
        Some(n) if n.value == 0 => {
            b.error(&n.referenced, crate::t!("số văn bản bắt đầu từ 01"))
                .hint = Some(crate::t!("bỏ trường `so` để để trống số"));
            BLANK.to_string()
        }
        Some(n) => numfmt::count(n.value as i64).replace('.', ""),
        None => BLANK.to_string(),
    };
    let so_ngan = format!("{so}/{ky_hieu}");
    let so_ky_hieu = format!("Số: {so_ngan}");

    // Địa danh, ngày.
    let date = match parse_date(&doc.ngay.value) {
        Ok(d) => d,
        Err(msg) => {
            b.error(&doc.ngay.referenced, msg).hint = Some(crate::t!(
                "ghi ngày dạng 05/02/2019; để trống ngày khi chưa ký: ../02/2019"
            ));
            IssueDate {
                day: Some(1),
                month: Some(1),
                year: 2000,
            }
        }
    };
    let dia_danh = b.text(&doc.dia_danh);
    let dia_danh_ngay = format!("{dia_danh}, {}", date.long());

    // Trích yếu: a giấy giới thiệu or giấy nghỉ phép has none (Mẫu 1.8, 1.10).
    let trich_yeu = match &doc.trich_yeu {
        Some(t) => b.lines(t),
        None if matches!(kind, Kind::GiayGioiThieu | Kind::GiayNghiPhep) => Vec::new(),
        None => {
            b.error(
                &kind_loc,
                crate::t!("{kind} cần trích yếu (`trich_yeu`)", kind = kind.name()),
            )
            .hint = Some(crate::t!(
                "thêm dòng `trich_yeu: …` tóm tắt nội dung văn bản"
            ));
            Vec::new()
        }
    };
    let trich_yeu_loc = doc
        .trich_yeu
        .as_ref()
        .map(|t| t.referenced)
        .unwrap_or(kind_loc);
    if kind == Kind::CongVan {
        if let Some(first) = trich_yeu.first() {
            if first.to_lowercase().starts_with("v/v") {
                b.warn(
                    &trich_yeu_loc,
                    crate::t!("trích yếu công văn đã có `V/v`: vanban tự thêm, sẽ bị lặp"),
                )
                .hint = Some(crate::t!("bỏ `V/v` ở đầu `trich_yeu`"));
            }
        }
    }

    let can_cu_text: Vec<String> = doc.can_cu.iter().map(|c| b.text(c)).collect();
    let can_cu = punctuate(&can_cu_text, ".")
        .iter()
        .map(|s| parse_rich(s))
        .collect();
    let kinh_gui_text: Vec<String> = doc.kinh_gui.iter().map(|k| b.text(k)).collect();
    let kinh_gui = punctuate(&kinh_gui_text, ".");
    if kind == Kind::CongVan && kinh_gui.is_empty() {
        b.warn(&trich_yeu_loc, crate::t!("công văn chưa có `kinh_gui`"))
            .hint = Some(crate::t!(
            "thêm danh sách nơi nhận chính: kinh_gui: [Ủy ban nhân dân các huyện]"
        ));
    }

    let mut body = b.blocks(&doc.noi_dung, None, 0);
    if kind.enacting().is_some() && b.dieu_no == 0 {
        b.warn(
            &kind_loc,
            crate::t!("{kind} chưa có Điều nào (`dieu`)", kind = kind.name()),
        )
        .hint = Some(crate::t!(
            "nội dung sau dòng QUYẾT ĐỊNH: gồm các Điều: `- dieu: …`"
        ));
    }

    let nguoi_ky = signer(b, &doc.nguoi_ky);

    let mut recipients: Vec<String> = doc.noi_nhan.iter().map(|n| b.text(n)).collect();
    if matches!(kind, Kind::CongVan | Kind::CongDien) && !doc.kinh_gui.is_empty() {
        let first = recipients
            .first()
            .map(|r| r.trim().trim_end_matches([';', '.']).to_lowercase());
        if first.as_deref() != Some("như trên") {
            recipients.insert(0, "Như trên".into());
        }
    }
    let mut luu: Vec<String> = doc.luu.iter().map(|l| b.text(l)).collect();
    // Ô 12: the drafter's code and the number of copies end the Lưu line (`PL.(300)`).
    match (&doc.nguoi_soan, &doc.so_ban) {
        (Some(code), n) => {
            let code = b.text(code).to_uppercase();
            luu.push(match n {
                Some(n) => format!("{code}.({})", n.value),
                None => code,
            });
        }
        (None, Some(n)) => {
            b.error(
                &n.referenced,
                crate::t!("có số bản phát hành nhưng thiếu ký hiệu người soạn thảo"),
            )
            .hint = Some(crate::t!("thêm `nguoi_soan: …` (chữ in hoa, ví dụ PL)"));
        }
        (None, None) => {}
    }
    recipients.push(format!("Lưu: {}", luu.join(", ")));
    let noi_nhan = punctuate(&recipients, ".")
        .into_iter()
        .map(|r| format!("- {r}"))
        .collect();

    // Phụ lục.
    let several = doc.phu_luc.len() > 1;
    let kem_theo = format!(
        "(Kèm theo {} số {} ngày {} của {})",
        kind.name(),
        so_ngan,
        date.short(),
        issuer_short(&ban_hanh)
    );
    let mut phu_luc = Vec::new();
    for (i, a) in doc.phu_luc.iter().enumerate() {
        let nhan = if several {
            format!("Phụ lục {}", numfmt::roman(i + 1))
        } else {
            "Phụ lục".to_string()
        };
        let tieu_de = b.text(&a.tieu_de).to_uppercase();
        let body = b.blocks(&a.noi_dung, None, 0);
        let rows: usize = a.ma_tran.iter().map(|g| g.viec.len() + 1).sum();
        if rows > MAX_ROWS {
            b.error(
                &a.tieu_de.referenced,
                crate::t!(
                    "ma trận của phụ lục có {rows} dòng, quá giới hạn {MAX_ROWS}",
                    rows = rows,
                    MAX_ROWS = MAX_ROWS
                ),
            )
            .hint = Some(crate::t!(
                "tách thành nhiều phụ lục; một bảng dài như vậy thường là do dán nhầm dữ liệu"
            ));
            continue;
        }
        let mut groups = Vec::new();
        for (g, group) in a.ma_tran.iter().enumerate() {
            let ten = b.text(&group.nhom);
            let mut rows = Vec::new();
            for (r, task) in group.viec.iter().enumerate() {
                let noi_dung = b.text(&task.noi_dung);
                let [chi_dao, thuc_hien, phoi_hop, thoi_gian] = [
                    &task.chi_dao,
                    &task.thuc_hien,
                    &task.phoi_hop,
                    &task.thoi_gian,
                ]
                .map(|t| t.as_ref().map(|t| b.text(t)).unwrap_or_default());
                rows.push(RowCtx {
                    tt: (r + 1).to_string(),
                    noi_dung,
                    chi_dao,
                    thuc_hien,
                    phoi_hop,
                    thoi_gian,
                });
            }
            groups.push(GroupCtx {
                so: numfmt::roman(g + 1),
                ten,
                rows,
            });
        }
        phu_luc.push(AnnexCtx {
            nhan,
            tieu_de,
            kem_theo: kem_theo.clone(),
            ngang: a.ngang,
            body,
            groups,
        });
    }

    // The parts that belong to some kinds only.
    let tham_quyen = doc
        .tham_quyen
        .as_ref()
        .map(|t| b.lines(t).iter().map(|l| l.to_uppercase()).collect())
        .unwrap_or_default();
    let do_khan = doc.do_khan.as_ref().map(|u| u.value.label());
    let luu_hanh = doc.luu_hanh.as_ref().map(|l| b.text(l).to_uppercase());
    let dia_chi = doc
        .dia_chi
        .as_ref()
        .map(|c| contact(b, c))
        .into_iter()
        .collect();
    let ten = doc.co_quan.ten.as_ref().map(|t| b.text(t));
    let ten_or = |b: &mut Builder, what: &str| -> String {
        match &ten {
            Some(t) => t.clone(),
            None => {
                b.error(
                    &doc.co_quan.viet_tat.referenced,
                    crate::t!(
                        "{what} cần tên cơ quan viết trong câu (`co_quan.ten`)",
                        what = what
                    ),
                )
                .hint = Some(crate::t!(
                    "thêm `ten: Ủy ban nhân dân tỉnh …` vào `co_quan`"
                ));
                String::new()
            }
        }
    };
    let mut dong_dau: Vec<Block> = Vec::new();
    let mut dong_cuoi: Vec<Block> = Vec::new();
    let plain = Block::paragraph;
    let mut kinh_gui = kinh_gui;
    if let (Kind::GiayMoi, Some(m)) = (kind, &doc.cuoc_hop) {
        let who = ten_or(b, "giấy mời");
        // The invitees take the place of Kính gửi (Mẫu 1.7).
        let invitees = std::mem::take(&mut kinh_gui);
        match invitees.as_slice() {
            [one] => dong_dau.push(plain(format!("{who} trân trọng kính mời: {one}"))),
            _ => {
                dong_dau.push(plain(format!("{who} trân trọng kính mời:")));
                dong_dau.extend(invitees.iter().map(|i| plain(format!("- {i}"))));
            }
        }
        if invitees.is_empty() {
            b.error(
                &kind_loc,
                crate::t!("giấy mời chưa ghi người được mời (`kinh_gui`)"),
            )
            .hint = Some(crate::t!(
                "thêm `kinh_gui: [Ông (bà) …]` hoặc danh sách các cơ quan được mời"
            ));
        }
        let toi_du = match &m.toi_du {
            Some(t) => b.text(t),
            None => trich_yeu.join(" "),
        };
        dong_dau.push(plain(format!("Tới dự: {}.", end_clean(&toi_du))));
        if let Some(start) = moment(b, &m.bat_dau, None) {
            let end = m
                .ket_thuc
                .as_ref()
                .and_then(|e| moment(b, e, Some(start.date)));
            let time = match end {
                Some(e) if e.date == start.date => format!(
                    "Thời gian: từ {} đến {}, {}, {}.",
                    clock(start.time),
                    clock(e.time),
                    weekday(start.date),
                    long_date(start.date)
                ),
                _ => format!(
                    "Thời gian: {}, {}, {}.",
                    clock(start.time),
                    weekday(start.date),
                    long_date(start.date)
                ),
            };
            dong_dau.push(plain(time));
        }
        let place = b.text(&m.dia_diem);
        dong_dau.push(plain(format!("Địa điểm: {}.", end_clean(&place))));
    }
    if let (Kind::BienBan, Some(m)) = (kind, &doc.cuoc_hop) {
        let start = moment(b, &m.bat_dau, None);
        if let Some(start) = start {
            dong_dau.push(plain(format!(
                "Thời gian bắt đầu: {}, {}.",
                clock(start.time),
                long_date(start.date)
            )));
        }
        let place = b.text(&m.dia_diem);
        dong_dau.push(plain(format!("Địa điểm: {}.", end_clean(&place))));
        let members: Vec<String> = m.thanh_phan.iter().map(|t| b.text(t)).collect();
        match members.as_slice() {
            [] => {}
            [one] => dong_dau.push(plain(format!("Thành phần tham dự: {}.", end_clean(one)))),
            many => {
                dong_dau.push(plain("Thành phần tham dự:".into()));
                for l in punctuate(many, ".") {
                    dong_dau.push(plain(format!("- {l}")));
                }
            }
        }
        if let Some(c) = &m.chu_tri {
            let c = b.text(c);
            dong_dau.push(plain(format!("Chủ trì (chủ tọa): {}.", end_clean(&c))));
        }
        if let Some(c) = &m.thu_ky {
            let c = b.text(c);
            dong_dau.push(plain(format!(
                "Thư ký (người ghi biên bản): {}.",
                end_clean(&c)
            )));
        }
        dong_dau.push(plain("Nội dung:".into()));
        let event = m
            .hinh_thuc
            .as_ref()
            .map(|h| capitalise_first(&b.text(h).to_lowercase()))
            .unwrap_or_else(|| "Cuộc họp".into());
        match (&m.ket_thuc, start) {
            (Some(e), Some(start)) => {
                if let Some(end) = moment(b, e, Some(start.date)) {
                    if (end.date, end.time) <= (start.date, start.time) {
                        b.error(
                            &e.referenced,
                            crate::t!("giờ kết thúc không sau giờ bắt đầu"),
                        )
                        .hint = Some(crate::t!(
                            "kiểm tra lại giờ, ngày của `bat_dau` và `ket_thuc`"
                        ));
                    }
                    let when = if end.date == start.date {
                        "cùng ngày".to_string()
                    } else {
                        long_date(end.date)
                    };
                    dong_cuoi.push(plain(format!(
                        "{event} kết thúc vào {}, {when}; biên bản đã được đọc lại cho các thành viên dự họp cùng nghe và thông qua./.",
                        clock(end.time)
                    )));
                }
            }
            (None, _) => {
                b.error(
                    &m.bat_dau.referenced,
                    crate::t!("biên bản cần giờ kết thúc (`ket_thuc`)"),
                )
                .hint = Some(crate::t!(
                    "thêm `ket_thuc: \"11:30\"` (cùng ngày) hoặc `\"11:30 16/06/2020\"`"
                ));
            }
            _ => {}
        }
    }
    if let (Kind::GiayGioiThieu, Some(g)) = (kind, &doc.gioi_thieu) {
        let who = ten_or(b, "giấy giới thiệu");
        dong_dau.push(plain(format!("{who} trân trọng giới thiệu:")));
        let ho_ten = b.text(&g.ho_ten);
        dong_dau.push(plain(format!("Ông (bà): {ho_ten}")));
        let chuc_vu = b.text(&g.chuc_vu);
        dong_dau.push(plain(format!("Chức vụ: {chuc_vu}")));
        let cu_den = b.text(&g.cu_den);
        dong_dau.push(plain(format!("Được cử đến: {cu_den}")));
        let ve_viec = b.text(&g.ve_viec);
        dong_dau.push(plain(format!("Về việc: {}.", end_clean(&ve_viec))));
        dong_dau.push(plain(
            "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ."
                .into(),
        ));
        if let Some(until) = full_date(b, &g.gia_tri_den) {
            if let (Some(d), Some(m)) = (date.day, date.month) {
                if chrono::NaiveDate::from_ymd_opt(date.year, m, d)
                    .is_some_and(|issued| until < issued)
                {
                    b.error(
                        &g.gia_tri_den.referenced,
                        crate::t!("giấy hết giá trị trước ngày ban hành"),
                    )
                    .hint = Some(crate::t!("ghi ngày hết giá trị sau `ngay` của giấy"));
                }
            }
            dong_dau.push(plain(format!(
                "Giấy này có giá trị đến hết ngày {}./.",
                short_date(until)
            )));
        }
    }
    let mut xac_nhan = None;
    if let (Kind::GiayNghiPhep, Some(l)) = (kind, &doc.nghi_phep) {
        let ho_ten = b.text(&l.ho_ten);
        if let Some(d) = l.ngay_don.as_ref().and_then(|d| full_date(b, d)) {
            dong_dau.push(plain(format!(
                "Xét Đơn đề nghị nghỉ phép ngày {} của ông (bà) {ho_ten},",
                short_date(d)
            )));
        }
        let cap = b.text(&l.nguoi_cap);
        dong_dau.push(plain(format!("{} cấp cho:", end_clean(&cap))));
        dong_dau.push(plain(format!("Ông (bà): {ho_ten}")));
        let chuc_vu = b.text(&l.chuc_vu);
        dong_dau.push(plain(format!("Chức vụ, đơn vị công tác: {chuc_vu}")));
        let place = b.text(&l.noi_nghi);
        if let (Some(from), Some(to)) = (full_date(b, &l.tu_ngay), full_date(b, &l.den_ngay)) {
            let days = (to - from).num_days() + 1;
            if days < 1 {
                b.error(
                    &l.den_ngay.referenced,
                    crate::t!("ngày nghỉ cuối trước ngày nghỉ đầu"),
                )
                .hint = Some(crate::t!("kiểm tra `tu_ngay` và `den_ngay`"));
            } else {
                dong_dau.push(plain(format!(
                    "Được nghỉ phép trong thời gian: {} ngày, kể từ ngày {} đến hết ngày {} tại {}./.",
                    numfmt::count(days),
                    short_date(from),
                    short_date(to),
                    end_clean(&place)
                )));
            }
        }
        xac_nhan = Some(
            "Xác nhận của cơ quan, đơn vị hoặc chính quyền địa phương nơi nghỉ phép".to_string(),
        );
    }
    // Whatever comes last before the signature stays on its page.
    if !dong_cuoi.is_empty() {
        mark_last(&mut dong_cuoi);
    } else if !body.is_empty() {
        mark_last(&mut body);
    } else {
        mark_last(&mut dong_dau);
    }
    let dong_ky = doc.dong_ky.as_ref().map(|s| signer(b, s));
    let kem_theo = doc.kem_theo.as_ref().map(|a| {
        b.chuong_no = 0;
        b.dieu_no = 0;
        b.dieu_scheme = uses_dieu(&a.noi_dung);
        b.dieu_title_bold = true;
        let cua = match &a.cua {
            Some(c) => b.text(c),
            None => ten.clone().unwrap_or_else(|| issuer_short(&ban_hanh)),
        };
        let mut body = b.blocks(&a.noi_dung, None, 0);
        mark_last(&mut body);
        AttachedCtx {
            ten_loai: a.loai.value.name().to_uppercase(),
            trich_yeu: b.lines(&a.trich_yeu),
            kem_theo: format!(
                "(Ban hành kèm theo {} số {} ngày {} của {})",
                kind.name(),
                so_ngan,
                date.short(),
                cua
            ),
            body,
            nguoi_ky: a
                .nguoi_ky
                .as_ref()
                .map(|s| signer(b, s))
                .unwrap_or_else(|| nguoi_ky.clone()),
        }
    });

    // Layout inside the decree's ranges.
    let t = &doc.trinh_bay;
    let layout = LayoutCtx {
        le_tren: range_check(b, &t.le_tren, "le_tren", 20.0, 25.0, "mm"),
        le_duoi: range_check(b, &t.le_duoi, "le_duoi", 20.0, 25.0, "mm"),
        le_trai: range_check(b, &t.le_trai, "le_trai", 30.0, 35.0, "mm"),
        le_phai: range_check(b, &t.le_phai, "le_phai", 15.0, 20.0, "mm"),
        co_chu: if t.co_chu.value == 13.0 || t.co_chu.value == 14.0 {
            t.co_chu.value
        } else {
            b.error(
                &t.co_chu.referenced,
                crate::t!(
                    "cỡ chữ {size} không thuộc bộ cỡ chữ của Nghị định 30",
                    size = t.co_chu.value
                ),
            )
            .hint = Some(crate::t!("chọn 14 (bộ 13/14/14) hoặc 13 (bộ 12/13/13)"));
            14.0
        },
        thut_dau_dong: if t.thut_dau_dong.value == 1.0 || t.thut_dau_dong.value == 1.27 {
            t.thut_dau_dong.value
        } else {
            b.error(
                &t.thut_dau_dong.referenced,
                crate::t!(
                    "thụt đầu dòng {cm} cm không đúng quy định",
                    cm = t.thut_dau_dong.value
                ),
            )
            .hint = Some(crate::t!("chọn 1 hoặc 1.27"));
            1.0
        },
        chuan_pdf: t.chuan_pdf.as_ref().and_then(|c| {
            let name = c.value.trim().to_ascii_lowercase();
            if crate::render::pdf::standard(&name).is_some() {
                return Some(name);
            }
            b.error(
                &c.referenced,
                crate::t!("chuẩn PDF `{name}` không có", name = c.value),
            )
            .hint = Some(crate::t!(
                "chọn một trong: {names}",
                names = crate::render::pdf::standard_names()
            ));
            None
        }),
    };

    let title = match kind.title() {
        Some(t) if trich_yeu.is_empty() => capitalise_first(&t.to_lowercase()),
        Some(t) => format!(
            "{} {}",
            capitalise_first(&t.to_lowercase()),
            trich_yeu.join(" ")
        ),
        None => format!("V/v {}", trich_yeu.join(" ")),
    };
    let meta = MetaCtx {
        title,
        author: ban_hanh
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        subject: format!("{} {}", kind.name(), so_ngan.replace('\u{a0}', ""))
            .trim()
            .to_string(),
        year: date.year,
        month: date.month.unwrap_or(1),
        day: date.day.unwrap_or(1),
    };

    Context {
        loai: kind.key(),
        mau: kind.mau(),
        template: kind.layout_template(),
        ten_loai: kind.title(),
        tham_quyen,
        lenh: kind.enacting(),
        do_khan,
        luu_hanh,
        dia_chi,
        dong_dau,
        dong_cuoi,
        dong_ky,
        xac_nhan,
        kem_theo,
        chu_quan,
        ban_hanh,
        so_ky_hieu,
        so_ngan,
        dia_danh_ngay,
        trich_yeu,
        can_cu,
        kinh_gui,
        body,
        nguoi_ky,
        noi_nhan,
        phu_luc,
        layout,
        meta,
    }
}

/// The last paragraph of a body goes with the signature block: a signature never stands
/// alone on a page.
fn mark_last(body: &mut [Block]) {
    let mut last = body.last_mut();
    while let Some(block) = last {
        if block.children.is_empty() {
            block.keep = true;
            break;
        }
        last = block.children.last_mut();
    }
}

/// Người ký: quyền hạn lines, chức vụ and name; a quyền hạn line must start with one of the
/// decree's prefixes.
fn signer(b: &mut Builder, s: &crate::model::Signer) -> SignerCtx {
    let quyen_han: Vec<String> = s
        .quyen_han
        .iter()
        .map(|q| b.text(q).to_uppercase())
        .collect();
    for (q, raw) in quyen_han.iter().zip(&s.quyen_han) {
        let prefix = q.split_whitespace().next().unwrap_or("");
        if !["TM.", "KT.", "TL.", "TUQ.", "Q."].contains(&prefix) {
            b.warn(
                &raw.referenced,
                crate::t!(
                    "dòng quyền hạn `{q}` không bắt đầu bằng TM., KT., TL., TUQ. hoặc Q.",
                    q = q
                ),
            )
            .hint = Some(crate::t!("chức vụ của người ký ghi ở `chuc_vu`"));
        }
    }
    SignerCtx {
        quyen_han,
        chuc_vu: b.text(&s.chuc_vu).to_uppercase(),
        ho_ten: b.text(&s.ho_ten),
    }
}

/// Ô 13 as one line: `Địa chỉ: …; ĐT: …; Fax: …; Email: …; Website: ….`
fn contact(b: &mut Builder, c: &crate::model::Contact) -> String {
    let parts: Vec<String> = [
        ("Địa chỉ", &c.dia_chi),
        ("ĐT", &c.dien_thoai),
        ("Fax", &c.fax),
        ("Email", &c.email),
        ("Website", &c.website),
    ]
    .into_iter()
    .filter_map(|(label, v)| {
        v.as_ref()
            .map(|v| format!("{label}: {}", end_clean(&b.text(v))))
    })
    .collect();
    parts.join("; ")
}

/// Text without the trailing punctuation that the tool adds itself.
fn end_clean(s: &str) -> &str {
    s.trim().trim_end_matches(['.', ';', ',']).trim_end()
}

/// A moment of a meeting: `08:00 15/06/2020`, or `11:30` on the day given.
#[derive(Debug, Clone, Copy)]
struct Moment {
    time: chrono::NaiveTime,
    date: chrono::NaiveDate,
}

fn moment(b: &mut Builder, t: &Text, day: Option<chrono::NaiveDate>) -> Option<Moment> {
    let text = t.value.trim();
    let (clock_part, date_part) = match text.split_once(char::is_whitespace) {
        Some((c, d)) => (c, Some(d.trim())),
        None => (text, None),
    };
    let time =
        chrono::NaiveTime::parse_from_str(&clock_part.replace(['h', 'g'], ":"), "%H:%M").ok();
    let date = match date_part {
        Some(d) => parse_date(d)
            .ok()
            .and_then(|d| chrono::NaiveDate::from_ymd_opt(d.year, d.month?, d.day?)),
        None => day,
    };
    match (time, date) {
        (Some(time), Some(date)) => Some(Moment { time, date }),
        _ => {
            let hint = if day.is_some() {
                crate::t!("ghi giờ dạng 11:30 (cùng ngày) hoặc 11:30 16/06/2020")
            } else {
                crate::t!("ghi giờ và ngày dạng 08:00 15/06/2020")
            };
            b.error(
                &t.referenced,
                crate::t!("không đọc được thời gian `{text}`", text = text),
            )
            .hint = Some(hint);
            None
        }
    }
}

/// A complete date (no blanks) of a form's field.
fn full_date(b: &mut Builder, t: &Text) -> Option<chrono::NaiveDate> {
    let parsed = parse_date(&t.value).and_then(|d| match (d.day, d.month) {
        (Some(day), Some(m)) => chrono::NaiveDate::from_ymd_opt(d.year, m, day)
            .ok_or_else(|| crate::t!("ngày `{date}` không có", date = t.value)),
        _ => Err(crate::t!(
            "ngày `{date}` cần đủ ngày, tháng, năm",
            date = t.value.trim()
        )),
    });
    match parsed {
        Ok(d) => Some(d),
        Err(msg) => {
            b.error(&t.referenced, msg).hint = Some(crate::t!("ghi ngày dạng 05/02/2019"));
            None
        }
    }
}

/// `08 giờ 00 phút`.
fn clock(t: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02} giờ {:02} phút", t.hour(), t.minute())
}

/// `thứ Hai` … `Chủ nhật`.
fn weekday(d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    match d.weekday() {
        chrono::Weekday::Mon => "thứ Hai",
        chrono::Weekday::Tue => "thứ Ba",
        chrono::Weekday::Wed => "thứ Tư",
        chrono::Weekday::Thu => "thứ Năm",
        chrono::Weekday::Fri => "thứ Sáu",
        chrono::Weekday::Sat => "thứ Bảy",
        chrono::Weekday::Sun => "Chủ nhật",
    }
}

fn issue(d: chrono::NaiveDate) -> IssueDate {
    use chrono::Datelike;
    IssueDate {
        day: Some(d.day()),
        month: Some(d.month()),
        year: d.year(),
    }
}

fn long_date(d: chrono::NaiveDate) -> String {
    issue(d).long()
}

fn short_date(d: chrono::NaiveDate) -> String {
    issue(d).short()
}

/// Parts that belong to some kinds only: refused on the others, required where the decree's
/// layout cannot do without them.
fn check_kind_fields(b: &mut Builder, doc: &Document) {
    let kind = doc.loai.value;
    let name = kind.name();
    let misplaced = |b: &mut Builder, loc: &Location, field: &str, only: String| {
        b.error(
            loc,
            crate::t!(
                "`{field}` không dùng cho {kind}",
                field = field,
                kind = name.to_lowercase()
            ),
        )
        .hint = Some(crate::t!(
            "`{field}` chỉ dùng cho {only}; xoá trường này hoặc đổi `loai`",
            field = field,
            only = only
        ));
    };
    let missing = |b: &mut Builder, field: &str, example: String| {
        b.error(
            &doc.loai.referenced,
            crate::t!("{name} cần `{field}`", name = name, field = field),
        )
        .hint = Some(crate::t!("thêm {example}", example = example));
    };
    use Kind::*;
    // (where the field is written, whether it belongs to this kind, whether the kind then needs
    // it, its name, the kinds it belongs to in words, what to add when it is missing)
    let rules = [
        (
            doc.cuoc_hop.as_ref().map(|m| m.bat_dau.referenced),
            matches!(kind, GiayMoi | BienBan),
            true,
            "cuoc_hop",
            crate::t!("giấy mời và biên bản"),
            crate::t!("`cuoc_hop:` với `bat_dau`, `dia_diem`"),
        ),
        (
            doc.gioi_thieu.as_ref().map(|g| g.ho_ten.referenced),
            kind == GiayGioiThieu,
            true,
            "gioi_thieu",
            crate::t!("giấy giới thiệu"),
            crate::t!("`gioi_thieu:` với `ho_ten`, `chuc_vu`, `cu_den`, `ve_viec`, `gia_tri_den`"),
        ),
        (
            doc.nghi_phep.as_ref().map(|l| l.nguoi_cap.referenced),
            kind == GiayNghiPhep,
            true,
            "nghi_phep",
            crate::t!("giấy nghỉ phép"),
            crate::t!("`nghi_phep:` với `nguoi_cap`, `ho_ten`, `chuc_vu`, `tu_ngay`, `den_ngay`, `noi_nghi`"),
        ),
        (
            doc.tham_quyen.as_ref().map(|t| t.referenced),
            matches!(kind, QuyetDinh | NghiQuyet | CongDien),
            true,
            "tham_quyen",
            crate::t!("quyết định, nghị quyết và công điện"),
            crate::t!("`tham_quyen: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …` (người hoặc cơ quan có thẩm quyền ban hành)"),
        ),
        (
            doc.dong_ky.as_ref().map(|s| s.chuc_vu.referenced),
            matches!(kind, BienBan | HopDong | BanGhiNho | BanThoaThuan),
            kind == BienBan,
            "dong_ky",
            crate::t!("biên bản, hợp đồng, bản ghi nhớ và bản thỏa thuận"),
            crate::t!("`dong_ky:` với `chuc_vu: THƯ KÝ` và `ho_ten` của người ghi biên bản"),
        ),
    ];
    for (written, belongs, required, field, only, example) in rules {
        match written {
            Some(loc) if !belongs => misplaced(b, &loc, field, only),
            None if belongs && required => missing(b, field, example),
            _ => {}
        }
    }
    if let Some(a) = &doc.kem_theo {
        if kind != QuyetDinh {
            misplaced(
                b,
                &a.loai.referenced,
                "kem_theo",
                crate::t!("quyết định (Mẫu 1.3)"),
            );
        } else if a.loai.value.mau() != "1.4" || a.loai.value == QuyetDinh {
            b.error(
                &a.loai.referenced,
                crate::t!(
                    "{kind} không ban hành kèm theo quyết định được",
                    kind = a.loai.value.name().to_lowercase()
                ),
            )
            .hint = Some(crate::t!("văn bản kèm theo thường là quy_che, quy_dinh, huong_dan, chuong_trinh, ke_hoach, de_an"));
        }
    }
}

fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The issuer as written in running text: `ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN` → `UBND tỉnh`.
fn issuer_short(ban_hanh: &[String]) -> String {
    let full = ban_hanh.join(" ");
    let lower = full.to_lowercase();
    if let Some(rest) = lower.strip_prefix("ủy ban nhân dân ") {
        let level = rest.split_whitespace().next().unwrap_or("");
        return format!("UBND {level}");
    }
    capitalise_first(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rich_text() {
        let s = parse_rich("a **b** *c* 5*3 \\*d\\*");
        assert_eq!(
            s[0],
            Span {
                t: "a ".into(),
                b: false,
                i: false
            }
        );
        assert_eq!(
            s[1],
            Span {
                t: "b".into(),
                b: true,
                i: false
            }
        );
        assert_eq!(
            s[3],
            Span {
                t: "c".into(),
                b: false,
                i: true
            }
        );
        assert_eq!(s[4].t, " 5*3 *d*");
    }

    #[test]
    fn dates() {
        assert!(parse_date("31/02/2020").is_err());
        assert!(parse_date("29/02/2020").is_ok());
        assert!(parse_date("29/02/2019").is_err());
        let d = parse_date("../9/2024").unwrap();
        assert_eq!(d.long(), format!("ngày {BLANK} tháng 9 năm 2024"));
        assert_eq!(
            parse_date("5/1/2020").unwrap().long(),
            "ngày 05 tháng 01 năm 2020"
        );
        assert_eq!(
            parse_date("18/12/2020").unwrap().long(),
            "ngày 18 tháng 12 năm 2020"
        );
    }

    #[test]
    fn list_punctuation() {
        let v = punctuate(&["A;".into(), "B".into(), "C.".into()], ".");
        assert_eq!(v, ["A;", "B;", "C."]);
    }
}
