//! Loại văn bản: the parts of a document that belong to some kinds only (cuộc họp, giới thiệu,
//! nghỉ phép, thẩm quyền ban hành, đồng ký, văn bản kèm theo).

use serde_saphyr::Location;

use super::Builder;
use crate::model::{Document, Kind};

/// Parts that belong to some kinds only: refused on the others, required where the decree's
/// layout cannot do without them.
pub(super) fn check_fields(b: &mut Builder, doc: &Document) {
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
            kind.form() == Some("cuoc_hop"),
            kind.needs_form(),
            "cuoc_hop",
            crate::t!("giấy mời và biên bản"),
            crate::t!("`cuoc_hop:` với `bat_dau`, `dia_diem`"),
        ),
        (
            doc.gioi_thieu.as_ref().map(|g| g.ho_ten.referenced),
            kind.form() == Some("gioi_thieu"),
            true,
            "gioi_thieu",
            crate::t!("giấy giới thiệu"),
            crate::t!("`gioi_thieu:` với `ho_ten`, `chuc_vu`, `cu_den`, `ve_viec`, `gia_tri_den`"),
        ),
        (
            doc.nghi_phep.as_ref().map(|l| l.nguoi_cap.referenced),
            kind.form() == Some("nghi_phep"),
            true,
            "nghi_phep",
            crate::t!("giấy nghỉ phép"),
            crate::t!("`nghi_phep:` với `nguoi_cap`, `ho_ten`, `chuc_vu`, `tu_ngay`, `den_ngay`, `noi_nghi`"),
        ),
        (
            doc.tham_quyen.as_ref().map(|t| t.referenced),
            kind.has_authority(),
            true,
            "tham_quyen",
            crate::t!("quyết định, nghị quyết và công điện"),
            crate::t!("`tham_quyen: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …` (người hoặc cơ quan có thẩm quyền ban hành)"),
        ),
        (
            doc.dong_ky.as_ref().map(|s| s.chuc_vu.referenced),
            kind.has_cosigner(),
            kind.needs_cosigner(),
            "dong_ky",
            crate::t!("biên bản, hợp đồng, bản ghi nhớ và bản thỏa thuận"),
            crate::t!("`dong_ky:` với `chuc_vu: THƯ KÝ` và `ho_ten` của người ghi biên bản"),
        ),
        (
            doc.cac_ben.first().map(|s| s.chuc_vu.referenced),
            kind.has_cosigner() && doc.dong_ky.is_some(),
            false,
            "cac_ben",
            crate::t!("biên bản, hợp đồng, bản ghi nhớ và bản thỏa thuận có `dong_ky`"),
            String::new(),
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
        } else if !a.loai.value.can_be_attached() {
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
