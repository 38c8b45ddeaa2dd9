//! Người ký (ô 7): quyền hạn, chức vụ, họ tên; and what stays on the page of the signature.

use super::body::mark_last;
use super::forms::Forms;
use super::{Block, Builder, SignerCtx};
use crate::model::Signer;

/// Người ký: quyền hạn lines, chức vụ and name; a quyền hạn line must start with one of the
/// decree's prefixes.
pub(super) fn signer(b: &mut Builder, s: &Signer) -> SignerCtx {
    let ctx = party(b, s);
    for (q, raw) in ctx.quyen_han.iter().zip(&s.quyen_han) {
        let prefix = q.split_whitespace().next().unwrap_or("");
        if !crate::model::AUTHORITY_PREFIXES.contains(&prefix) {
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
    ctx
}

/// A co-signing party (`dong_ky`, `cac_ben`): its lines above the chức vụ are free
/// (`ĐẠI DIỆN BÊN A`, `ĐẠI DIỆN UBND XÃ`), as biên bản and agreements write them.
pub(super) fn party(b: &mut Builder, s: &Signer) -> SignerCtx {
    SignerCtx {
        quyen_han: s
            .quyen_han
            .iter()
            .map(|q| b.text(q).to_uppercase())
            .collect(),
        chuc_vu: b.text(&s.chuc_vu).to_uppercase(),
        ho_ten: b.text(&s.ho_ten),
    }
}

/// Whatever comes last before the signature stays on its page: the closing line of a form,
/// else the last paragraph of the body, else the last line of the form's opening.
pub(super) fn keep_with_signature(form: &mut Forms, body: &mut [Block]) {
    if !form.dong_cuoi.is_empty() {
        mark_last(&mut form.dong_cuoi);
    } else if !body.is_empty() {
        mark_last(body);
    } else {
        mark_last(&mut form.dong_dau);
    }
}
