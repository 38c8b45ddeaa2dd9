//! Trình bày: the decree's sizes, spacings, indents, rule ratio and table columns, once.
//! The Typst layout reads them as `s` (templates/macros.tera), the Word writer and the tests
//! read them here, so a change to one number reaches both outputs.

use serde::Serialize;

/// A số/ký hiệu in running text ("134/KH-UBND", "26/2026/NĐ-CP", "12/NQ-HĐND"): the
/// number (maybe blank), the year, the letters of the kind and the agency joined by hyphens;
/// or a Party body's, number and kind first ("17-CV/BTGTU", "05-NQ/TU"). Both outputs keep
/// it on one line (Điều 8: a document code is never split).
///
/// The letters are spelled as ranges of the Latin blocks Vietnamese is written in: an
/// uppercase letter `[A-ZÀ-ÖØ-ÞĂĐĨŨƠƯẠ-Ỹ]`, any letter, digit or dot `[A-Za-z0-9.À-ÖØ-öø-ỹ]`. Unicode classes
/// (`\p{Lu}`, `\p{L}`) find the same codes in every sample, but Typst compiles the pattern
/// anew for each document, and with them that took 1,4 ms of every copy of a family
/// (0,14 ms with the ranges; about a tenth of a copy's CPU).
pub const KY_HIEU: &str = r"[0-9]*/(?:[0-9]{4}/)?[A-ZÀ-ÖØ-ÞĂĐĨŨƠƯẠ-Ỹ][A-Za-z0-9.À-ÖØ-öø-ỹ]*(?:-[A-Za-z0-9.À-ÖØ-öø-ỹ]+)+|[0-9]+-[A-ZÀ-ÖØ-ÞĂĐĨŨƠƯẠ-Ỹ][A-Za-z0-9.À-ÖØ-öø-ỹ]*/[A-ZÀ-ÖØ-ÞĂĐĨŨƠƯẠ-Ỹ][A-Za-z0-9.À-ÖØ-öø-ỹ]*(?:-[A-Za-z0-9.À-ÖØ-öø-ỹ]+)*";

/// The text of ô 1 (Quốc hiệu and Tiêu ngữ), the same in every document.
pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

/// Sizes in points: one consistent set of Phụ lục I, 13/14/14 or 12/13/13.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Sizes {
    pub quoc_hieu: f64,
    pub tieu_ngu: f64,
    pub co_quan: f64,
    pub so: f64,
    pub ngay: f64,
    pub ten_loai: f64,
    pub trich_yeu: f64,
    pub vv: f64,
    pub kinh_gui: f64,
    pub noi_dung: f64,
    pub chu_ky: f64,
    pub noi_nhan_nhan: f64,
    pub noi_nhan: f64,
    pub so_trang: f64,
    pub phu_luc: f64,
    pub bang: f64,
    /// Phụ lục I, 6a: "Chương" and its title as the body; "Mục" and its title 12–13.
    pub chuong: f64,
    pub muc_chuong: f64,
    pub khan: f64,
    pub luu_hanh: f64,
    pub dia_chi: f64,
}

impl Sizes {
    /// The set for a body of `body` points (14: 13/14/14, 13: 12/13/13).
    pub fn for_body(body: f64) -> Sizes {
        Sizes {
            quoc_hieu: body - 1.0,
            tieu_ngu: body,
            co_quan: body - 1.0,
            so: 13.0,
            ngay: body,
            ten_loai: body,
            trich_yeu: body,
            vv: body - 1.0,
            kinh_gui: 14.0,
            noi_dung: body,
            chu_ky: body,
            noi_nhan_nhan: 12.0,
            noi_nhan: 11.0,
            so_trang: 13.0,
            phu_luc: 14.0,
            bang: body - 2.0,
            chuong: body,
            muc_chuong: body - 1.0,
            khan: body,
            luu_hanh: body,
            dia_chi: 11.0,
        }
    }
}

/// Vertical spaces in points, and the few lengths given in em of the text's size.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Spacing {
    /// Above the tên loại.
    pub ten_loai_truoc: f64,
    /// Under the title block's rule.
    pub tieu_de_sau: f64,
    /// Between the rows of the header band (ô 1–2 and the số/date row).
    pub dau_trang_hang: f64,
    /// Above the V/v line of a công văn, under the số row.
    pub vv_truoc: f64,
    /// Above and below Kính gửi.
    pub kinh_gui: f64,
    /// Above and below a Chương, a Mục of a chương.
    pub chuong_truoc: f64,
    pub chuong_sau: f64,
    pub muc_chuong_truoc: f64,
    pub muc_chuong_sau: f64,
    /// Above and below QUYẾT ĐỊNH:.
    pub lenh: f64,
    /// After a body paragraph.
    pub doan_sau: f64,
    /// After the thẩm quyền lines.
    pub tham_quyen_sau: f64,
    /// Above and below a table in the body.
    pub bang: f64,
    /// Above the signature block.
    pub chu_ky_truoc: f64,
    /// Between signing parties, and above Nơi nhận under two signers.
    pub cac_ben: f64,
    /// The space to sign, in millimetres.
    pub cho_ky_mm: f64,
    /// Under the "(Kèm theo …)" line of a phụ lục.
    pub phu_luc_sau: f64,
    /// Between the urgency frame and the circulation mark.
    pub luu_hanh_sau_khan: f64,
    /// Hanging indents and the gap between list lines, in em.
    pub treo_kinh_gui_em: f64,
    pub treo_noi_nhan_em: f64,
    pub dong_danh_sach_em: f64,
}

/// A column of a table the layout draws: its heading and its width, fixed (`mm`) or a
/// share of what the fixed ones leave (`fr`).
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub head: &'static str,
    pub width: f64,
    pub unit: &'static str,
}

const fn mm(head: &'static str, width: f64) -> Column {
    Column {
        head,
        width,
        unit: "mm",
    }
}

const fn fr(head: &'static str, width: f64) -> Column {
    Column {
        head,
        width,
        unit: "fr",
    }
}

/// The spec of one document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Spec {
    pub sizes: Sizes,
    pub space: Spacing,
    /// Baseline to baseline, in em: Word's single line for Times New Roman, and the body's
    /// (between single and 1.5 lines, as Phụ lục I asks).
    pub dong_don_em: f64,
    pub dong_noi_dung_em: f64,
    /// Liberation Serif's line box from ascender to descender, in em.
    pub hop_chu_em: f64,
    /// The rule under the agency and the title: this share of the text above (1/3–1/2).
    pub ty_le_gach: f64,
    /// Ô 10b: the urgency frames (the smallest that holds the mark), their height and the
    /// room the mark needs beside its text, in millimetres.
    pub khung_khan_mm: [f64; 3],
    pub khung_khan_cao_mm: f64,
    pub khung_khan_le_mm: f64,
    /// The red of the urgency mark (Điều 15), RGB hex.
    pub mau_khan: &'static str,
    pub ky_hieu: &'static str,
    pub quoc_hieu_chu: &'static str,
    pub tieu_ngu_chu: &'static str,
    /// The gaps between the header band's columns and between two signers, in millimetres.
    pub khoang_cot_dau_trang_mm: f64,
    pub khoang_cot_chu_ky_mm: f64,
    /// A table cell's inset, in points; the TT column's width, in millimetres.
    pub o_bang: f64,
    pub cot_tt_mm: f64,
    /// Kết quả thực hiện so với kế hoạch (a báo cáo's table).
    pub ket_qua: Vec<Column>,
    /// The responsibility matrix of a phụ lục.
    pub ma_tran: Vec<Column>,
}

impl Spec {
    pub fn for_body(body: f64) -> Spec {
        Spec {
            sizes: Sizes::for_body(body),
            space: Spacing {
                ten_loai_truoc: 20.0,
                tieu_de_sau: 8.0,
                dau_trang_hang: 10.0,
                vv_truoc: 6.0,
                kinh_gui: 10.0,
                chuong_truoc: 18.0,
                chuong_sau: 12.0,
                muc_chuong_truoc: 14.0,
                muc_chuong_sau: 10.0,
                lenh: 12.0,
                doan_sau: 6.0,
                tham_quyen_sau: 6.0,
                bang: 10.0,
                chu_ky_truoc: 6.0,
                cac_ben: 12.0,
                cho_ky_mm: 28.0,
                phu_luc_sau: 10.0,
                luu_hanh_sau_khan: 4.0,
                treo_kinh_gui_em: 0.7,
                treo_noi_nhan_em: 0.6,
                dong_danh_sach_em: 0.35,
            },
            dong_don_em: 1.15,
            dong_noi_dung_em: 1.3,
            hop_chu_em: 0.91,
            ty_le_gach: 0.4,
            khung_khan_mm: [20.0, 30.0, 40.0],
            khung_khan_cao_mm: 8.0,
            khung_khan_le_mm: 4.0,
            mau_khan: "E3000F",
            ky_hieu: KY_HIEU,
            quoc_hieu_chu: QUOC_HIEU,
            tieu_ngu_chu: TIEU_NGU,
            khoang_cot_dau_trang_mm: 2.0,
            khoang_cot_chu_ky_mm: 5.0,
            o_bang: 4.0,
            cot_tt_mm: 10.0,
            ket_qua: vec![
                mm("TT", 10.0),
                fr("Chỉ tiêu", 1.0),
                mm("Đơn vị tính", 18.0),
                mm("Kế hoạch", 20.0),
                mm("Thực hiện", 20.0),
                mm("Tỷ lệ so với kế hoạch (%)", 24.0),
            ],
            ma_tran: vec![
                mm("TT", 10.0),
                fr("Nội dung công việc", 3.0),
                fr("Chỉ đạo", 1.5),
                fr("Cơ quan thực hiện", 1.5),
                fr("Cơ quan phối hợp", 1.5),
                fr("Thời gian", 1.0),
            ],
        }
    }
}

/// The byte ranges of the số/ký hiệu in `s` ([`KY_HIEU`]).
pub fn codes(s: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    static RE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(KY_HIEU).expect("a valid pattern"));
    RE.find_iter(s).map(|m| m.range())
}

#[cfg(test)]
mod tests {
    use super::codes;

    #[test]
    fn document_codes_are_found_and_dates_are_not() {
        let s = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020, Quyết định số 1600/QĐ-TTg; Số:       /GM-BCĐ; giai đoạn 2016-2020; văn bản số 17-CV/BTGTU";
        let found: Vec<&str> = codes(s).map(|r| &s[r]).collect();
        assert_eq!(
            found,
            ["30/2020/NĐ-CP", "1600/QĐ-TTg", "/GM-BCĐ", "17-CV/BTGTU"]
        );
    }
}
