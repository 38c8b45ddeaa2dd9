//! Trình bày: margins, font size and indent inside the decree's ranges, the PDF standard; and
//! the PDF metadata.

use serde_saphyr::Spanned;

use super::header::Header;
use super::text::capitalise_first;
use super::{Builder, LayoutCtx, MetaCtx};
use crate::model::{Kind, Layout};

/// Layout inside the decree's ranges.
pub(super) fn layout(b: &mut Builder, t: &Layout) -> LayoutCtx {
    LayoutCtx {
        le_tren: range_check(b, &t.le_tren, "le_tren", 20.0, 25.0, "mm"),
        le_duoi: range_check(b, &t.le_duoi, "le_duoi", 20.0, 25.0, "mm"),
        le_trai: range_check(b, &t.le_trai, "le_trai", 30.0, 35.0, "mm"),
        le_phai: range_check(b, &t.le_phai, "le_phai", 15.0, 20.0, "mm"),
        co_chu: co_chu(b, t),
        thut_dau_dong: thut_dau_dong(b, t),
        chuan_pdf: chuan_pdf(b, t),
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

/// Cỡ chữ: the body size of one of the decree's two sets, 13/14/14 or 12/13/13.
fn co_chu(b: &mut Builder, t: &Layout) -> f64 {
    if t.co_chu.value == 13.0 || t.co_chu.value == 14.0 {
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
    }
}

/// Thụt đầu dòng: 1 cm or 1.27 cm.
fn thut_dau_dong(b: &mut Builder, t: &Layout) -> f64 {
    if t.thut_dau_dong.value == 1.0 || t.thut_dau_dong.value == 1.27 {
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
    }
}

/// `trinh_bay.chuan_pdf`: a name of [`crate::render::pdf::STANDARDS`], in any case.
fn chuan_pdf(b: &mut Builder, t: &Layout) -> Option<String> {
    t.chuan_pdf.as_ref().and_then(|c| {
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
    })
}

/// PDF metadata: the title is the tên loại and trích yếu (`V/v …` for a công văn), the author
/// the issuing agency, the subject the kind and số.
pub(super) fn meta(kind: Kind, trich_yeu: &[String], head: &Header) -> MetaCtx {
    let title = match kind.title() {
        Some(t) if trich_yeu.is_empty() => capitalise_first(&t.to_lowercase()),
        Some(t) => format!(
            "{} {}",
            capitalise_first(&t.to_lowercase()),
            trich_yeu.join(" ")
        ),
        None => format!("V/v {}", trich_yeu.join(" ")),
    };
    MetaCtx {
        title,
        author: head
            .ban_hanh
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        subject: format!("{} {}", kind.name(), head.so_ngan.replace('\u{a0}', ""))
            .trim()
            .to_string(),
        // The PDF's own date; a date still blank gives the fallback of a wrong one.
        year: head.date.year.unwrap_or(2000),
        month: head.date.month.unwrap_or(1),
        day: head.date.day.unwrap_or(1),
    }
}
