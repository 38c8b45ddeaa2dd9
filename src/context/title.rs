//! Tên loại and trích yếu (ô 5a); for a công văn the trích yếu after `V/v` (ô 5b).

use serde_saphyr::Location;

use super::Builder;
use crate::model::{Document, Kind};

/// The lines of the trích yếu, and where to point at when something about it is wrong (the
/// trích yếu itself, or the `loai` when there is none).
pub(super) fn trich_yeu(b: &mut Builder, doc: &Document) -> (Vec<String>, Location) {
    let kind = doc.loai.value;
    let kind_loc = doc.loai.referenced;
    // Trích yếu: a giấy giới thiệu or giấy nghỉ phép has none (Mẫu 1.8, 1.10).
    let trich_yeu = match &doc.trich_yeu {
        Some(t) => b.lines(t),
        None if !kind.has_summary() => Vec::new(),
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
    (trich_yeu, trich_yeu_loc)
}

/// Tên loại (ô 5a): the kind's name, or the office's longer wording of it (`ten_loai`), which
/// must begin with that name; a công văn has none.
pub(super) fn ten_loai(b: &mut Builder, doc: &Document) -> Option<String> {
    let kind = doc.loai.value;
    let Some(t) = &doc.ten_loai else {
        return kind.title();
    };
    let written = b.text(t).to_uppercase();
    match kind.title() {
        Some(name) if written.starts_with(&name) => Some(written),
        Some(name) => {
            b.error(
                &t.referenced,
                crate::t!(
                    "tên loại `{written}` không bắt đầu bằng {name}",
                    written = written,
                    name = name
                ),
            )
            .hint = Some(crate::t!("sửa `ten_loai` hoặc `loai` cho khớp nhau"));
            Some(name)
        }
        None => {
            b.error(
                &t.referenced,
                crate::t!("công văn không có tên loại (`ten_loai`)"),
            )
            .hint = Some(crate::t!("xoá `ten_loai`"));
            None
        }
    }
}
