//! The Word file's named styles: one per element of the decree, named in Vietnamese so a
//! clerk finds "VB - Trích yếu" in the style list, each based on the one it varies. The
//! values are the decree's, from the same size set as the PDF; a paragraph names its style
//! and writes only what is measured for it (a rule's length, a balanced trích yếu's measure).

use super::ooxml::{mm, pt, Align, Para, RunProps, Sheet, Style, SPACER};
use crate::context::spec::Spec;

pub const NOI_DUNG: &str = "VBNoiDung";
pub const CAN_CU: &str = "VBCanCu";
pub const MUC: &str = "VBMuc";
pub const KHOAN: &str = "VBKhoan";
pub const DIEM: &str = "VBDiem";
pub const DIEU: &str = "VBDieu";
pub const DE_MUC: &str = "VBDeMuc";
pub const CHUONG: &str = "VBChuong";
pub const TEN_CHUONG: &str = "VBTenChuong";
pub const MUC_CHUONG: &str = "VBMucChuong";
pub const TEN_MUC_CHUONG: &str = "VBTenMucChuong";
pub const QUOC_HIEU: &str = "VBQuocHieu";
pub const TIEU_NGU: &str = "VBTieuNgu";
pub const CHU_QUAN: &str = "VBCoQuanChuQuan";
pub const CO_QUAN: &str = "VBCoQuan";
pub const SO_KY_HIEU: &str = "VBSoKyHieu";
pub const DIA_DANH_NGAY: &str = "VBDiaDanhNgay";
pub const VV: &str = "VBTrichYeuCongVan";
pub const MUC_DO: &str = "VBMucDo";
pub const TEN_LOAI: &str = "VBTenLoai";
pub const TRICH_YEU: &str = "VBTrichYeu";
pub const BAN_HANH_KEM: &str = "VBBanHanhKemTheo";
pub const THAM_QUYEN: &str = "VBThamQuyen";
pub const LENH: &str = "VBLenh";
pub const KINH_GUI: &str = "VBKinhGui";
pub const KINH_GUI_DONG: &str = "VBKinhGuiDong";
pub const BANG: &str = "VBBang";
pub const BANG_TIEU_DE: &str = "VBBangTieuDe";
pub const NOI_NHAN_NHAN: &str = "VBNoiNhanNhan";
pub const NOI_NHAN: &str = "VBNoiNhan";
pub const CHUC_VU: &str = "VBChucVuKy";
pub const HO_TEN: &str = "VBHoTenKy";
pub const PHU_LUC: &str = "VBPhuLuc";
pub const PHU_LUC_TIEU_DE: &str = "VBPhuLucTieuDe";
pub const PHU_LUC_KEM_THEO: &str = "VBPhuLucKemTheo";
pub const SO_TRANG: &str = "VBSoTrang";
pub const DIA_CHI: &str = "VBDiaChi";
pub const DUONG_KE: &str = "VBDuongKe";

/// The body's line spacing in 240ths of Word's single line (which is `dong_don_em`
/// baseline to baseline for Times New Roman).
pub fn body_line(sp: &Spec) -> i32 {
    (sp.dong_noi_dung_em / sp.dong_don_em * 240.0).round() as i32
}

struct Def {
    id: &'static str,
    name: &'static str,
    based_on: &'static str,
    next: Option<&'static str>,
    outline: Option<u8>,
}

fn run(size: f64, bold: bool, italic: bool) -> RunProps {
    RunProps { size, bold, italic }
}

fn centred() -> Para {
    Para::new(Align::Center)
}

fn kept(p: Para) -> Para {
    Para {
        keep_next: true,
        keep_lines: true,
        ..p
    }
}

/// The style sheet for a document's spec and its first-line indent (cm).
pub fn sheet(sp: &Spec, indent_cm: f64) -> Sheet {
    let z = &sp.sizes;
    let v = &sp.space;
    let body = z.noi_dung;
    let mut noi_dung = Para::new(Align::Both).spacing(0, pt(v.doan_sau));
    noi_dung.line = body_line(sp);
    noi_dung.first_line = (indent_cm * 567.0).round() as i32;
    let heading = kept(noi_dung.clone());
    let mut kinh_gui_dong = Para::new(Align::Left);
    kinh_gui_dong.line = body_line(sp);
    kinh_gui_dong.left = pt(v.treo_kinh_gui_em * z.kinh_gui);
    kinh_gui_dong.first_line = -kinh_gui_dong.left;
    let mut noi_nhan = Para::new(Align::Left);
    noi_nhan.left = pt(v.treo_noi_nhan_em * z.noi_nhan);
    noi_nhan.first_line = -noi_nhan.left;
    let table: Vec<(Def, Para, RunProps)> = vec![
        (
            def("Normal", "Normal", "", None, None),
            Para::new(Align::Left),
            run(body, false, false),
        ),
        (
            def(NOI_DUNG, "VB - Nội dung", "Normal", Some(NOI_DUNG), None),
            noi_dung.clone(),
            run(body, false, false),
        ),
        (
            def(CAN_CU, "VB - Căn cứ", NOI_DUNG, Some(CAN_CU), None),
            noi_dung.clone(),
            run(body, false, true),
        ),
        (
            def(
                MUC,
                "VB - Mục (I, II, III)",
                NOI_DUNG,
                Some(NOI_DUNG),
                Some(0),
            ),
            heading.clone(),
            run(body, true, false),
        ),
        (
            def(
                KHOAN,
                "VB - Khoản (1, 2, 3)",
                NOI_DUNG,
                Some(NOI_DUNG),
                Some(1),
            ),
            heading.clone(),
            run(body, true, false),
        ),
        (
            def(
                DIEM,
                "VB - Điểm (a, b, c)",
                NOI_DUNG,
                Some(NOI_DUNG),
                Some(2),
            ),
            heading.clone(),
            run(body, true, false),
        ),
        (
            def(DE_MUC, "VB - Đề mục khác", NOI_DUNG, Some(NOI_DUNG), None),
            heading.clone(),
            run(body, true, false),
        ),
        (
            def(DIEU, "VB - Điều", NOI_DUNG, Some(NOI_DUNG), Some(2)),
            noi_dung.clone(),
            run(body, false, false),
        ),
        (
            def(CHUONG, "VB - Chương", "Normal", Some(TEN_CHUONG), Some(0)),
            kept(centred().spacing(pt(v.chuong_truoc), 0)),
            run(z.chuong, true, false),
        ),
        (
            def(
                TEN_CHUONG,
                "VB - Tên chương",
                "Normal",
                Some(NOI_DUNG),
                None,
            ),
            kept(centred().spacing(0, pt(v.chuong_sau))),
            run(z.chuong, true, false),
        ),
        (
            def(
                MUC_CHUONG,
                "VB - Mục của chương",
                "Normal",
                Some(TEN_MUC_CHUONG),
                Some(1),
            ),
            kept(centred().spacing(pt(v.muc_chuong_truoc), 0)),
            run(z.muc_chuong, true, false),
        ),
        (
            def(
                TEN_MUC_CHUONG,
                "VB - Tên mục của chương",
                "Normal",
                Some(NOI_DUNG),
                None,
            ),
            kept(centred().spacing(0, pt(v.muc_chuong_sau))),
            run(z.muc_chuong, true, false),
        ),
        (
            def(QUOC_HIEU, "VB - Quốc hiệu", "Normal", Some(TIEU_NGU), None),
            centred(),
            run(z.quoc_hieu, true, false),
        ),
        (
            def(TIEU_NGU, "VB - Tiêu ngữ", QUOC_HIEU, None, None),
            centred(),
            run(z.tieu_ngu, true, false),
        ),
        (
            def(
                CHU_QUAN,
                "VB - Cơ quan chủ quản",
                "Normal",
                Some(CO_QUAN),
                None,
            ),
            centred(),
            run(z.co_quan, false, false),
        ),
        (
            def(CO_QUAN, "VB - Cơ quan ban hành", CHU_QUAN, None, None),
            centred(),
            run(z.co_quan, true, false),
        ),
        (
            def(SO_KY_HIEU, "VB - Số, ký hiệu", "Normal", None, None),
            centred().spacing(pt(v.dau_trang_hang), 0),
            run(z.so, false, false),
        ),
        (
            def(
                DIA_DANH_NGAY,
                "VB - Địa danh, ngày tháng",
                "Normal",
                None,
                None,
            ),
            centred().spacing(pt(v.dau_trang_hang), 0),
            run(z.ngay, false, true),
        ),
        (
            def(VV, "VB - Trích yếu công văn (V/v)", "Normal", None, None),
            centred().spacing(pt(v.dau_trang_hang + v.vv_truoc), 0),
            run(z.vv, false, false),
        ),
        (
            def(MUC_DO, "VB - Mức độ khẩn, lưu hành", "Normal", None, None),
            centred().spacing(pt(v.dau_trang_hang), 0),
            run(z.khan, true, false),
        ),
        (
            def(TEN_LOAI, "VB - Tên loại", "Normal", Some(TRICH_YEU), None),
            kept(centred().spacing(pt(v.ten_loai_truoc), 0)),
            run(z.ten_loai, true, false),
        ),
        (
            def(TRICH_YEU, "VB - Trích yếu", TEN_LOAI, Some(NOI_DUNG), None),
            kept(centred()),
            run(z.trich_yeu, true, false),
        ),
        (
            def(
                BAN_HANH_KEM,
                "VB - Ban hành kèm theo",
                "Normal",
                Some(NOI_DUNG),
                None,
            ),
            kept(centred()),
            run(body, false, true),
        ),
        (
            def(
                THAM_QUYEN,
                "VB - Thẩm quyền ban hành",
                "Normal",
                Some(NOI_DUNG),
                None,
            ),
            kept(centred()),
            run(z.ten_loai, true, false),
        ),
        (
            def(LENH, "VB - Quyết định:", THAM_QUYEN, Some(DIEU), None),
            kept(centred().spacing(pt(v.lenh), pt(v.lenh))),
            run(z.ten_loai, true, false),
        ),
        (
            def(KINH_GUI, "VB - Kính gửi", "Normal", Some(NOI_DUNG), None),
            centred().spacing(pt(v.kinh_gui), pt(v.kinh_gui)),
            run(z.kinh_gui, false, false),
        ),
        (
            def(
                KINH_GUI_DONG,
                "VB - Kính gửi (từng nơi)",
                "Normal",
                Some(KINH_GUI_DONG),
                None,
            ),
            kinh_gui_dong,
            run(z.kinh_gui, false, false),
        ),
        (
            def(BANG, "VB - Bảng", "Normal", Some(BANG), None),
            Para::new(Align::Left),
            run(z.bang, false, false),
        ),
        (
            def(
                BANG_TIEU_DE,
                "VB - Bảng (tiêu đề cột)",
                BANG,
                Some(BANG),
                None,
            ),
            centred(),
            run(z.bang, true, false),
        ),
        (
            def(
                NOI_NHAN_NHAN,
                "VB - Nơi nhận (nhãn)",
                "Normal",
                Some(NOI_NHAN),
                None,
            ),
            Para::new(Align::Left),
            run(z.noi_nhan_nhan, true, true),
        ),
        (
            def(NOI_NHAN, "VB - Nơi nhận", "Normal", Some(NOI_NHAN), None),
            noi_nhan,
            run(z.noi_nhan, false, false),
        ),
        (
            def(
                CHUC_VU,
                "VB - Quyền hạn, chức vụ người ký",
                "Normal",
                Some(HO_TEN),
                None,
            ),
            kept(centred()),
            run(z.chu_ky, true, false),
        ),
        (
            def(HO_TEN, "VB - Họ tên người ký", CHUC_VU, None, None),
            Para {
                keep_next: false,
                ..kept(centred().spacing(mm(v.cho_ky_mm), 0))
            },
            run(z.chu_ky, true, false),
        ),
        (
            def(
                PHU_LUC,
                "VB - Phụ lục",
                "Normal",
                Some(PHU_LUC_TIEU_DE),
                Some(0),
            ),
            kept(centred()),
            run(z.phu_luc, true, false),
        ),
        (
            def(
                PHU_LUC_TIEU_DE,
                "VB - Tên phụ lục",
                "Normal",
                Some(PHU_LUC_KEM_THEO),
                None,
            ),
            kept(centred()),
            run(body, true, false),
        ),
        (
            def(
                PHU_LUC_KEM_THEO,
                "VB - Phụ lục kèm theo",
                "Normal",
                Some(NOI_DUNG),
                None,
            ),
            kept(centred().spacing(0, pt(v.phu_luc_sau))),
            run(body, false, true),
        ),
        (
            def(DUONG_KE, "VB - Đường kẻ", "Normal", None, None),
            centred().spacing(pt(3.0), 0),
            run(1.0, false, false),
        ),
        (
            def(SPACER, "VB - Khoảng cách", "Normal", None, None),
            Para::new(Align::Left),
            run(1.0, false, false),
        ),
        (
            def(SO_TRANG, "VB - Số trang", "Normal", None, None),
            centred(),
            run(z.so_trang, false, false),
        ),
        (
            def(DIA_CHI, "VB - Địa chỉ cơ quan", "Normal", None, None),
            Para::new(Align::Left),
            run(z.dia_chi, false, false),
        ),
    ];
    Sheet {
        styles: table
            .into_iter()
            .map(|(d, para, run)| Style {
                id: d.id,
                name: d.name,
                based_on: (!d.based_on.is_empty()).then_some(d.based_on),
                next: d.next,
                outline: d.outline,
                para,
                run,
            })
            .collect(),
    }
}

fn def(
    id: &'static str,
    name: &'static str,
    based_on: &'static str,
    next: Option<&'static str>,
    outline: Option<u8>,
) -> Def {
    Def {
        id,
        name,
        based_on,
        next,
        outline,
    }
}
