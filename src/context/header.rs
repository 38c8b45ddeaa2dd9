//! The header: tên cơ quan chủ quản and cơ quan ban hành (ô 2), số and ký hiệu (ô 3), địa
//! danh and ngày (ô 4); and the marks that some kinds carry: thẩm quyền ban hành, dấu chỉ mức
//! độ khẩn (ô 10b), chỉ dẫn phạm vi lưu hành (ô 11), the address (ô 13).

use super::dates::{parse_date, BLANK};
use super::text::{capitalise_first, end_clean};
use super::{Builder, IssueDate};
use crate::model::{Contact, Document};
use crate::numfmt;

/// Ô 2–4 after validation.
pub(super) struct Header {
    pub(super) chu_quan: Vec<String>,
    pub(super) ban_hanh: Vec<String>,
    /// `Số: 05/KH-UBND`, or with the number left blank.
    pub(super) so_ky_hieu: String,
    /// `05/KH-UBND` form used in the phụ lục reference.
    pub(super) so_ngan: String,
    pub(super) date: IssueDate,
    /// `Lạng Sơn, ngày 05 tháng 02 năm 2019`.
    pub(super) dia_danh_ngay: String,
}

pub(super) fn header(b: &mut Builder, doc: &Document) -> Header {
    let (chu_quan, ban_hanh) = agencies(b, doc);
    let ky_hieu = ky_hieu(b, doc);
    let so = so(b, doc);
    let so_ngan = format!("{so}/{ky_hieu}");
    let so_ky_hieu = format!("Số: {so_ngan}");
    let date = issue_date(b, doc);
    let dia_danh = b.text(&doc.dia_danh);
    let dia_danh_ngay = format!("{dia_danh}, {}", date.long());
    Header {
        chu_quan,
        ban_hanh,
        so_ky_hieu,
        so_ngan,
        date,
        dia_danh_ngay,
    }
}

/// Ô 2: cơ quan chủ quản and cơ quan ban hành, in capitals; the latter is required.
fn agencies(b: &mut Builder, doc: &Document) -> (Vec<String>, Vec<String>) {
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
    // A name the original lacks (`ban_hanh: "{{...}}"`): a dotted blank, reported at its line.
    let blank = |l: &String| crate::model::is_blank(l);
    let (chu_quan, ban_hanh) = if chu_quan.iter().chain(&ban_hanh).any(blank) {
        for key in ["chu_quan:", "ban_hanh:"] {
            let line = b
                .source
                .lines()
                .position(|l| l.trim_start().starts_with(key) && l.contains(crate::model::BLANK));
            if let Some(line) = line {
                let pos = crate::diag::Pos {
                    line: line + 1,
                    column: 1,
                };
                b.report.push(
                    crate::diag::Diagnostic::warning(
                        b.file,
                        Some(pos),
                        crate::t!(
                            "chỗ trống cần điền: văn bản gốc không có phần này, in thành dòng chấm"
                        ),
                    )
                    .with_source(b.source)
                    .with_hint(crate::t!(
                        "thay `{{...}}` bằng nội dung thật trước khi ban hành"
                    )),
                );
            }
        }
        let fill = |v: Vec<String>| -> Vec<String> {
            v.into_iter()
                .map(|l| {
                    if blank(&l) {
                        crate::model::LEADER.to_string()
                    } else {
                        l
                    }
                })
                .collect()
        };
        (fill(chu_quan), fill(ban_hanh))
    } else {
        (chu_quan, ban_hanh)
    };
    if ban_hanh.is_empty() {
        b.error(
            &doc.co_quan.viet_tat.referenced,
            crate::t!("thiếu tên cơ quan ban hành (`co_quan.ban_hanh`)"),
        );
    }
    for l in chu_quan.iter().chain(&ban_hanh) {
        b.check_chars(l, &doc.co_quan.viet_tat.referenced);
    }
    (chu_quan, ban_hanh)
}

/// Ô 3, the ký hiệu: `KH-UBND` for a văn bản with a tên loại, `UBND-VP` for a công văn.
fn ky_hieu(b: &mut Builder, doc: &Document) -> String {
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
    match (doc.loai.value.abbreviation(), &unit) {
        (Some(abbr), None) => format!("{abbr}-{agency}"),
        (Some(abbr), Some((u, loc))) => {
            b.error(loc, crate::t!("văn bản có tên loại không ghi đơn vị soạn thảo trong ký hiệu (`{abbr}-{agency}-{u}`)", abbr = abbr, agency = agency, u = u)).hint =
                Some(crate::t!("xoá `don_vi_soan_thao`; chỉ công văn mới có dạng UBND-VP"));
            format!("{abbr}-{agency}")
        }
        (None, Some((u, _))) => format!("{agency}-{u}"),
        (None, None) => agency.clone(),
    }
}

/// Ô 3, the số: zero-padded, or left blank for the văn thư.
fn so(b: &mut Builder, doc: &Document) -> String {
    match &doc.so {
        Some(n) if n.value == 0 => {
            b.error(&n.referenced, crate::t!("số văn bản bắt đầu từ 01"))
                .hint = Some(crate::t!("bỏ trường `so` để để trống số"));
            BLANK.to_string()
        }
        Some(n) => numfmt::count(n.value as i64).replace('.', ""),
        None => BLANK.to_string(),
    }
}

/// Ô 4, the ngày; a wrong one is reported and replaced so that the rest can be checked.
fn issue_date(b: &mut Builder, doc: &Document) -> IssueDate {
    match parse_date(&doc.ngay.value) {
        Ok(d) => {
            if d.year.is_none() {
                b.report
                    .push(crate::figures::blank_warning(b.file, b.source, &doc.ngay));
            }
            d
        }
        Err(msg) => {
            b.error(&doc.ngay.referenced, msg).hint = Some(crate::t!(
                "ghi ngày dạng 05/02/2019; để trống ngày khi chưa ký: ../02/2019"
            ));
            IssueDate {
                day: Some(1),
                month: Some(1),
                year: Some(2000),
            }
        }
    }
}

/// The parts of the header that belong to some kinds only.
pub(super) struct Marks {
    /// Thẩm quyền ban hành (Quyết định, Nghị quyết) or the sender of a công điện.
    pub(super) tham_quyen: Vec<String>,
    /// Dấu chỉ mức độ khẩn (ô 10b).
    pub(super) do_khan: Option<&'static str>,
    /// Chỉ dẫn phạm vi lưu hành (ô 11).
    pub(super) luu_hanh: Option<String>,
    /// Ô 13, at the foot of page 1.
    pub(super) dia_chi: Vec<String>,
}

pub(super) fn marks(b: &mut Builder, doc: &Document) -> Marks {
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
    Marks {
        tham_quyen,
        do_khan,
        luu_hanh,
        dia_chi,
    }
}

/// The labels of ô 13, in their order, with the YAML field each one prints.
pub const CONTACT_LABELS: [(&str, &str); 5] = [
    ("Địa chỉ", "dia_chi"),
    ("ĐT", "dien_thoai"),
    ("Fax", "fax"),
    ("Email", "email"),
    ("Website", "website"),
];

/// Ô 13 as one line: `Địa chỉ: …; ĐT: …; Fax: …; Email: …; Website: ….`
fn contact(b: &mut Builder, c: &Contact) -> String {
    let values = [&c.dia_chi, &c.dien_thoai, &c.fax, &c.email, &c.website];
    let parts: Vec<String> = CONTACT_LABELS
        .iter()
        .map(|(label, _)| *label)
        .zip(values)
        .filter_map(|(label, v)| {
            v.as_ref()
                .map(|v| format!("{label}: {}", end_clean(&b.text(v))))
        })
        .collect();
    parts.join("; ")
}

/// The name of the agency as written in a sentence (`co_quan.ten`): `Ủy ban nhân dân tỉnh …`.
pub(super) fn agency_name(b: &mut Builder, doc: &Document) -> Option<String> {
    doc.co_quan.ten.as_ref().map(|t| b.text(t))
}

/// The issuer as written in running text: `ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN` → `UBND tỉnh`.
pub(super) fn issuer_short(ban_hanh: &[String]) -> String {
    let full = ban_hanh.join(" ");
    let lower = full.to_lowercase();
    if let Some(rest) = lower.strip_prefix("ủy ban nhân dân ") {
        let level = rest.split_whitespace().next().unwrap_or("");
        return format!("UBND {level}");
    }
    capitalise_first(&lower)
}
