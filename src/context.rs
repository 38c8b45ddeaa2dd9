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

/// One element of the body, numbered.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// `muc`, `khoan`, `diem`, `gach`, `cong` or `doan`.
    pub level: &'static str,
    /// `I.`, `1.`, `a)`, `-`, `+` or empty for a plain paragraph.
    pub marker: String,
    pub bold: bool,
    /// The last paragraph of the body: kept on the page of the signature block, so that
    /// the signature never stands alone on a page.
    pub keep: bool,
    pub spans: Vec<Span>,
    pub children: Vec<Block>,
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

/// Everything a renderer needs, already computed and checked.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub loai: &'static str,
    /// The Tera template of the kind, e.g. `ke_hoach.typ.tera`.
    pub template: &'static str,
    pub ten_loai: Option<&'static str>,
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
            self.error(&t.referenced, format!("đoạn chữ dài {} ký tự, quá giới hạn {MAX_TEXT}", t.value.chars().count()))
                .hint = Some("chia thành nhiều đoạn (`doan`); một đoạn dài như vậy thường là do dán nhầm cả một tệp".into());
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
                    format!("ký tự điều khiển U+{:04X} không in được", c as u32),
                    "xoá ký tự này (thường do sao chép từ tệp khác)",
                )
            } else if !c.is_whitespace() && !self.fonts.covers(c) {
                (
                    format!("phông chữ Liberation Serif không có ký tự `{c}` (U+{:04X})", c as u32),
                    "thay bằng ký tự khác; văn bản hành chính chỉ dùng chữ Việt Unicode (TCVN 6909:2001)",
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

    fn rich(&mut self, t: &Text) -> Vec<Span> {
        let s = self.text(t);
        parse_rich(&s)
    }

    fn blocks(&mut self, nodes: &[Node], parent: Option<&'static str>, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        let mut counters = [0usize; 6];
        for node in nodes {
            let set: Vec<(&'static str, &Text)> = [
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
                        "một phần tử của `noi_dung` không có nội dung",
                    )
                    .hint = Some(
                        "mỗi phần tử cần đúng một trong: muc, khoan, diem, gach, cong, doan".into(),
                    );
                    continue;
                }
                [first, second, ..] => {
                    let msg = format!("một phần tử vừa là `{}` vừa là `{}`", first.0, second.0);
                    self.error(&second.1.referenced, msg).hint =
                        Some("tách thành hai phần tử, mỗi phần tử bắt đầu bằng `- `".into());
                    continue;
                }
            };
            if !allowed(parent, level) {
                let msg = match parent {
                    Some(p) => {
                        format!("`{level}` không thể nằm trong `{p}` (lồng quá sâu hoặc sai cấp)")
                    }
                    None => format!("`{level}` không thể đứng ở cấp ngoài cùng"),
                };
                self.error(&text.referenced, msg).hint = Some(
                    "thứ tự cấp: muc (I.) → khoan (1.) → diem (a)) → gach (-) → cong (+)".into(),
                );
                continue;
            }
            let idx = ["muc", "khoan", "diem", "gach", "cong", "doan"]
                .iter()
                .position(|l| *l == level)
                .unwrap();
            counters[idx] += 1;
            let n = counters[idx];
            let marker = match level {
                "muc" => format!("{}.", numfmt::roman(n)),
                "khoan" => format!("{n}."),
                "diem" => {
                    if n > numfmt::LETTERS.len() {
                        self.warn(
                            &text.referenced,
                            "quá 23 điểm trong một khoản: ký hiệu điểm lặp chữ (aa), bb) …)",
                        );
                    }
                    format!("{})", numfmt::letter(n))
                }
                "gach" => "-".into(),
                "cong" => "+".into(),
                _ => String::new(),
            };
            let mut spans = self.rich(text);
            if level == "muc" {
                for s in &mut spans {
                    s.t = s.t.to_uppercase();
                }
            }
            let bold = node.dam.unwrap_or(matches!(level, "muc" | "khoan"));
            let children = if depth >= 6 {
                Vec::new()
            } else {
                self.blocks(&node.noi_dung, Some(level), depth + 1)
            };
            if level == "doan" && !node.noi_dung.is_empty() {
                self.error(
                    &text.referenced,
                    "một đoạn văn (`doan`) không có phần tử con",
                )
                .hint = Some("đưa các phần tử con ra cùng cấp với đoạn văn".into());
            }
            out.push(Block {
                level,
                marker,
                bold,
                keep: false,
                spans,
                children,
            });
        }
        out
    }
}

/// Which level may sit inside which: the decree's mục → khoản → điểm, then dashes and pluses.
fn allowed(parent: Option<&str>, child: &str) -> bool {
    match parent {
        None => matches!(child, "muc" | "khoan" | "diem" | "gach" | "doan"),
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
        return Err(format!(
            "ngày `{s}` không đúng dạng ngày/tháng/năm, ví dụ 05/02/2019"
        ));
    };
    let blank = |p: &str| p.is_empty() || p.chars().all(|c| c == '.' || c == '_');
    let year: i32 = y
        .parse()
        .map_err(|_| format!("năm `{y}` không phải là số"))?;
    if !(1945..=2200).contains(&year) {
        return Err(format!("năm {year} không hợp lệ (cần 4 chữ số)"));
    }
    let month = if blank(m) {
        None
    } else {
        let m: u32 = m
            .parse()
            .map_err(|_| format!("tháng `{m}` không phải là số"))?;
        if !(1..=12).contains(&m) {
            return Err(format!("tháng {m} không có (chỉ từ 1 đến 12)"));
        }
        Some(m)
    };
    let day = if blank(d) {
        None
    } else {
        let d: u32 = d
            .parse()
            .map_err(|_| format!("ngày `{d}` không phải là số"))?;
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
                    format!("ngày {d}/{m}/{year} không có (tháng {m} năm {year} có {max} ngày)")
                }
                None => format!("ngày {d} không hợp lệ"),
            });
        }
        Some(d)
    };
    if day.is_some() && month.is_none() {
        return Err("có ngày nhưng để trống tháng".into());
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
            format!(
                "`{name}` = {} nằm ngoài khoảng Nghị định 30 cho phép ({lo}–{hi} {what})",
                v.value
            ),
        )
        .hint = Some(format!("chọn một giá trị từ {lo} đến {hi}"));
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
    };
    let ctx = build_ctx(&mut b, doc);
    Prepared { ctx, table, deps }
}

fn build_ctx(b: &mut Builder, doc: &Document) -> Context {
    let kind = doc.loai;

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
            "thiếu tên cơ quan ban hành (`co_quan.ban_hanh`)",
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
            format!("chữ viết tắt cơ quan `{agency}` không hợp lệ"),
        )
        .hint = Some("viết liền, không dấu cách, ví dụ UBND, SNV, VPĐP".into());
    }
    let unit = doc
        .don_vi_soan_thao
        .as_ref()
        .map(|u| (b.text(u), u.referenced));
    let ky_hieu = match (kind.abbreviation(), &unit) {
        (Some(abbr), None) => format!("{abbr}-{agency}"),
        (Some(abbr), Some((u, loc))) => {
            b.error(loc, format!("văn bản có tên loại không ghi đơn vị soạn thảo trong ký hiệu (`{abbr}-{agency}-{u}`)")).hint =
                Some("xoá `don_vi_soan_thao`; chỉ công văn mới có dạng UBND-VP".into());
            format!("{abbr}-{agency}")
        }
        (None, Some((u, _))) => format!("{agency}-{u}"),
        (None, None) => agency.clone(),
    };
    let so = match &doc.so {
        Some(n) if n.value == 0 => {
            b.error(&n.referenced, "số văn bản bắt đầu từ 01").hint =
                Some("bỏ trường `so` để để trống số".into());
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
            b.error(&doc.ngay.referenced, msg).hint =
                Some("ghi ngày dạng 05/02/2019; để trống ngày khi chưa ký: ../02/2019".into());
            IssueDate {
                day: Some(1),
                month: Some(1),
                year: 2000,
            }
        }
    };
    let dia_danh = b.text(&doc.dia_danh);
    let dia_danh_ngay = format!("{dia_danh}, {}", date.long());

    // Trích yếu.
    let trich_yeu = b.lines(&doc.trich_yeu);
    if kind == Kind::CongVan {
        if let Some(first) = trich_yeu.first() {
            if first.to_lowercase().starts_with("v/v") {
                b.warn(
                    &doc.trich_yeu.referenced,
                    "trích yếu công văn đã có `V/v`: vanban tự thêm, sẽ bị lặp",
                )
                .hint = Some("bỏ `V/v` ở đầu `trich_yeu`".into());
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
        b.warn(&doc.trich_yeu.referenced, "công văn chưa có `kinh_gui`")
            .hint =
            Some("thêm danh sách nơi nhận chính: kinh_gui: [Ủy ban nhân dân các huyện]".into());
    }

    let mut body = b.blocks(&doc.noi_dung, None, 0);
    let mut last = body.last_mut();
    while let Some(block) = last {
        if block.children.is_empty() {
            block.keep = true;
            break;
        }
        last = block.children.last_mut();
    }

    let quyen_han: Vec<String> = doc
        .nguoi_ky
        .quyen_han
        .iter()
        .map(|q| b.text(q).to_uppercase())
        .collect();
    for (q, raw) in quyen_han.iter().zip(&doc.nguoi_ky.quyen_han) {
        let prefix = q.split_whitespace().next().unwrap_or("");
        if !["TM.", "KT.", "TL.", "TUQ.", "Q."].contains(&prefix) {
            b.warn(
                &raw.referenced,
                format!("dòng quyền hạn `{q}` không bắt đầu bằng TM., KT., TL., TUQ. hoặc Q."),
            )
            .hint = Some("chức vụ của người ký ghi ở `chuc_vu`".into());
        }
    }
    let nguoi_ky = SignerCtx {
        quyen_han,
        chuc_vu: b.text(&doc.nguoi_ky.chuc_vu).to_uppercase(),
        ho_ten: b.text(&doc.nguoi_ky.ho_ten),
    };

    let mut recipients: Vec<String> = doc.noi_nhan.iter().map(|n| b.text(n)).collect();
    if kind == Kind::CongVan && !doc.kinh_gui.is_empty() {
        let first = recipients
            .first()
            .map(|r| r.trim().trim_end_matches([';', '.']).to_lowercase());
        if first.as_deref() != Some("như trên") {
            recipients.insert(0, "Như trên".into());
        }
    }
    let luu: Vec<String> = doc.luu.iter().map(|l| b.text(l)).collect();
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
                format!("ma trận của phụ lục có {rows} dòng, quá giới hạn {MAX_ROWS}"),
            )
            .hint = Some(
                "tách thành nhiều phụ lục; một bảng dài như vậy thường là do dán nhầm dữ liệu"
                    .into(),
            );
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
                format!(
                    "cỡ chữ {} không thuộc bộ cỡ chữ của Nghị định 30",
                    t.co_chu.value
                ),
            )
            .hint = Some("chọn 14 (bộ 13/14/14) hoặc 13 (bộ 12/13/13)".into());
            14.0
        },
        thut_dau_dong: if t.thut_dau_dong.value == 1.0 || t.thut_dau_dong.value == 1.27 {
            t.thut_dau_dong.value
        } else {
            b.error(
                &t.thut_dau_dong.referenced,
                format!(
                    "thụt đầu dòng {} cm không đúng quy định",
                    t.thut_dau_dong.value
                ),
            )
            .hint = Some("chọn 1 hoặc 1.27".into());
            1.0
        },
    };

    let title = match kind.title() {
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
        loai: match kind {
            Kind::KeHoach => "ke_hoach",
            Kind::ThongBao => "thong_bao",
            Kind::CongVan => "cong_van",
        },
        template: kind.template(),
        ten_loai: kind.title(),
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
