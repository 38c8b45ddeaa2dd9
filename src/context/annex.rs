//! What comes after the document: the phụ lục (with their task matrices) and the văn bản
//! issued with a Quyết định (Mẫu 1.3): Quy chế, Quy định …

use super::body::{mark_last, uses_dieu};
use super::header::{issuer_short, Header};
use super::signer::signer;
use super::{AnnexCtx, AttachedCtx, Builder, GroupCtx, RowCtx, SignerCtx};
use crate::model::{Annex, Document};
use crate::numfmt;

/// The most rows a phụ lục matrix may have (about 150 landscape pages).
const MAX_ROWS: usize = 2_000;

/// Phụ lục: `Phụ lục`, or `Phụ lục I`, `Phụ lục II` … when there are several, each with the
/// line `(Kèm theo … số … ngày … của …)`.
pub(super) fn phu_luc(b: &mut Builder, doc: &Document, head: &Header) -> Vec<AnnexCtx> {
    let kind = doc.loai.value;
    let several = doc.phu_luc.len() > 1;
    let kem_theo = format!(
        "(Kèm theo {} số {} ngày {} của {})",
        kind.name(),
        head.so_ngan,
        head.date.short(),
        issuer_short(&head.ban_hanh)
    );
    let mut phu_luc = Vec::new();
    for (i, a) in doc.phu_luc.iter().enumerate() {
        let nhan = if several {
            format!("Phụ lục {}", numfmt::roman(i + 1))
        } else {
            "Phụ lục".to_string()
        };
        phu_luc.extend(annex(b, a, nhan, &kem_theo));
    }
    phu_luc
}

/// One phụ lục; none when its matrix is too long to be real.
fn annex(b: &mut Builder, a: &Annex, nhan: String, kem_theo: &str) -> Option<AnnexCtx> {
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
        return None;
    }
    let groups = matrix(b, a);
    Some(AnnexCtx {
        nhan,
        tieu_de,
        kem_theo: kem_theo.to_string(),
        ngang: a.ngang,
        body,
        groups,
    })
}

/// The task matrix of a phụ lục: groups numbered I, II …, tasks 1, 2 … within each.
fn matrix(b: &mut Builder, a: &Annex) -> Vec<GroupCtx> {
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
    groups
}

/// The văn bản issued with a Quyết định (`kem_theo`): its own numbering of Chương and Điều,
/// the line `(Ban hành kèm theo Quyết định số … ngày … của …)`, and the Quyết định's signer
/// unless it has its own.
pub(super) fn attached(
    b: &mut Builder,
    doc: &Document,
    head: &Header,
    ten: Option<&str>,
    nguoi_ky: &SignerCtx,
) -> Option<AttachedCtx> {
    let kind = doc.loai.value;
    doc.kem_theo.as_ref().map(|a| {
        b.chuong_no = 0;
        b.dieu_no = 0;
        b.dieu_scheme = uses_dieu(&a.noi_dung);
        b.dieu_title_bold = true;
        let cua = match &a.cua {
            Some(c) => b.text(c),
            None => ten
                .map(str::to_string)
                .unwrap_or_else(|| issuer_short(&head.ban_hanh)),
        };
        let mut body = b.blocks(&a.noi_dung, None, 0);
        mark_last(&mut body);
        AttachedCtx {
            ten_loai: a.loai.value.name().to_uppercase(),
            trich_yeu: b.lines(&a.trich_yeu),
            kem_theo: format!(
                "(Ban hành kèm theo {} số {} ngày {} của {})",
                kind.name(),
                head.so_ngan,
                head.date.short(),
                cua
            ),
            body,
            nguoi_ky: a
                .nguoi_ky
                .as_ref()
                .map(|s| signer(b, s))
                .unwrap_or_else(|| nguoi_ky.clone()),
        }
    })
}
