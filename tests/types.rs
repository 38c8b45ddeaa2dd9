//! Every type of Điều 7 and Phụ lục III of Nghị định 30/2020/NĐ-CP: its abbreviation is the
//! decree's, and a document of that type builds with its tên loại and ký hiệu.

mod common;

use common::{pdf_text, tempdir, try_build};
use vanban::model::KINDS;

/// Phụ lục III, Mục I, written out again from the decree so that a typo on either side fails.
const DECREE: [(&str, &str, Option<&str>); 28] = [
    ("nghi_quyet", "Nghị quyết", Some("NQ")),
    ("quyet_dinh", "Quyết định", Some("QĐ")),
    ("chi_thi", "Chỉ thị", Some("CT")),
    ("quy_che", "Quy chế", Some("QC")),
    ("quy_dinh", "Quy định", Some("QyĐ")),
    ("thong_cao", "Thông cáo", Some("TC")),
    ("thong_bao", "Thông báo", Some("TB")),
    ("huong_dan", "Hướng dẫn", Some("HD")),
    ("chuong_trinh", "Chương trình", Some("CTr")),
    ("ke_hoach", "Kế hoạch", Some("KH")),
    ("phuong_an", "Phương án", Some("PA")),
    ("de_an", "Đề án", Some("ĐA")),
    ("du_an", "Dự án", Some("DA")),
    ("bao_cao", "Báo cáo", Some("BC")),
    ("bien_ban", "Biên bản", Some("BB")),
    ("to_trinh", "Tờ trình", Some("TTr")),
    ("hop_dong", "Hợp đồng", Some("HĐ")),
    ("cong_van", "Công văn", None),
    ("cong_dien", "Công điện", Some("CĐ")),
    ("ban_ghi_nho", "Bản ghi nhớ", Some("BGN")),
    ("ban_thoa_thuan", "Bản thỏa thuận", Some("BTT")),
    ("giay_uy_quyen", "Giấy ủy quyền", Some("GUQ")),
    ("giay_moi", "Giấy mời", Some("GM")),
    ("giay_gioi_thieu", "Giấy giới thiệu", Some("GGT")),
    ("giay_nghi_phep", "Giấy nghỉ phép", Some("GNP")),
    ("phieu_gui", "Phiếu gửi", Some("PG")),
    ("phieu_chuyen", "Phiếu chuyển", Some("PC")),
    ("phieu_bao", "Phiếu báo", Some("PB")),
];

#[test]
fn abbreviations_are_the_decrees() {
    let ours: Vec<(&str, &str, Option<&str>)> = KINDS.iter().map(|k| (k.1, k.2, k.3)).collect();
    assert_eq!(ours, DECREE.to_vec());
}

/// What a type needs besides the common header, signer and body.
fn extra(key: &str) -> &'static str {
    match key {
        "quyet_dinh" | "nghi_quyet" => {
            "tham_quyen: ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nnoi_dung:\n  - dieu: Điều khoản thi hành.\n"
        }
        "cong_dien" => "tham_quyen: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nkinh_gui: [Các sở, ngành]\n",
        "cong_van" => "don_vi_soan_thao: VP\nkinh_gui: [Các sở, ngành]\n",
        "giay_moi" => {
            "co_quan_ten: x\nkinh_gui: [Các sở, ngành]\ncuoc_hop: { bat_dau: \"08:00 10/03/2020\", dia_diem: Hội trường }\n"
        }
        "bien_ban" => {
            "cuoc_hop: { bat_dau: \"08:00 10/03/2020\", ket_thuc: \"10:00\", dia_diem: Hội trường }\ndong_ky: { chuc_vu: THƯ KÝ, ho_ten: Lê Thị B }\n"
        }
        "giay_gioi_thieu" => {
            "co_quan_ten: x\ngioi_thieu: { ho_ten: Lê Thị B, chuc_vu: Chuyên viên, cu_den: Sở Tài chính, ve_viec: Công tác, gia_tri_den: 20/03/2020 }\n"
        }
        "giay_nghi_phep" => {
            "nghi_phep: { nguoi_cap: Giám đốc Sở Nội vụ, ho_ten: Lê Thị B, chuc_vu: Chuyên viên, tu_ngay: 10/03/2020, den_ngay: 12/03/2020, noi_nghi: Hà Nội }\n"
        }
        _ => "noi_dung:\n  - doan: Nội dung.\n",
    }
}

#[test]
fn every_type_builds_with_its_title_and_ky_hieu() {
    let dir = tempdir();
    for &(key, name, abbr) in &DECREE {
        let extra = extra(key);
        // Forms that speak in the agency's name need its name as written in a sentence.
        let (agency_name, extra) = match extra.strip_prefix("co_quan_ten: x\n") {
            Some(rest) => ("\n  ten: Sở Nội vụ tỉnh Lạng Sơn", rest),
            None => ("", extra),
        };
        let trich_yeu = if matches!(key, "giay_gioi_thieu" | "giay_nghi_phep") {
            ""
        } else {
            "trich_yeu: Về việc thử\n"
        };
        let yaml = format!(
            "loai: {key}\nco_quan:\n  ban_hanh: SỞ NỘI VỤ\n  viet_tat: SNV{agency_name}\nso: 1\ndia_danh: Lạng Sơn\nngay: 05/03/2020\n{trich_yeu}{extra}nguoi_ky: {{ chuc_vu: GIÁM ĐỐC, ho_ten: Nguyễn Văn An }}\n"
        );
        let file = dir.join(format!("{key}.yaml"));
        std::fs::write(&file, &yaml).unwrap();
        let b = try_build(&file).unwrap_or_else(|e| panic!("{key} did not build:\n{e}\n{yaml}"));
        assert!(!b.report.has_errors(), "{key}");
        let so = match abbr {
            Some(a) => format!("Số: 01/{a}-SNV"),
            None => "Số: 01/SNV-VP".to_string(),
        };
        assert_eq!(b.ctx.so_ky_hieu, so, "{key}");
        let text = pdf_text(&b.pdf);
        assert!(text.contains(&so), "{key}: {so} not in the PDF");
        if key == "cong_van" {
            assert!(
                text.contains("V/v thử") || text.contains("V/v Về việc thử"),
                "{key}"
            );
        } else {
            let title = name.to_uppercase();
            assert!(
                text.contains(&title),
                "{key}: tên loại {title} not in the PDF"
            );
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}
