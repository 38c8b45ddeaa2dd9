//! The recipients: Kính gửi (ô 9a) and Nơi nhận (ô 9b), which ends with the Lưu line and the
//! drafter's code and number of copies (ô 12).

use serde_saphyr::Location;

use super::text::punctuate;
use super::Builder;
use crate::model::{Document, Kind};

/// Ô 9a: the recipients of a công văn (or the invitees of a giấy mời), `;` between them.
pub(super) fn kinh_gui(b: &mut Builder, doc: &Document, trich_yeu_loc: &Location) -> Vec<String> {
    let kinh_gui_text: Vec<String> = doc.kinh_gui.iter().map(|k| b.text(k)).collect();
    let kinh_gui = punctuate(&kinh_gui_text, ".");
    if doc.loai.value == Kind::CongVan && kinh_gui.is_empty() {
        b.warn(trich_yeu_loc, crate::t!("công văn chưa có `kinh_gui`"))
            .hint = Some(crate::t!(
            "thêm danh sách nơi nhận chính: kinh_gui: [Ủy ban nhân dân các huyện]"
        ));
    }
    kinh_gui
}

/// Ô 9b: `- Như trên;` first when a công văn or công điện has Kính gửi, then the recipients,
/// then `- Lưu: …`.
pub(super) fn noi_nhan(b: &mut Builder, doc: &Document) -> Vec<String> {
    let mut recipients: Vec<String> = doc.noi_nhan.iter().map(|n| b.text(n)).collect();
    if matches!(doc.loai.value, Kind::CongVan | Kind::CongDien) && !doc.kinh_gui.is_empty() {
        let first = recipients
            .first()
            .map(|r| r.trim().trim_end_matches([';', '.']).to_lowercase());
        if first.as_deref() != Some("như trên") {
            recipients.insert(0, "Như trên".into());
        }
    }
    let luu = luu(b, doc);
    recipients.push(format!("Lưu: {}", luu.join(", ")));
    punctuate(&recipients, ".")
        .into_iter()
        .map(|r| format!("- {r}"))
        .collect()
}

/// The Lưu line: `VT, KTN`, then the drafter's code and the number of copies.
fn luu(b: &mut Builder, doc: &Document) -> Vec<String> {
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
    luu
}
