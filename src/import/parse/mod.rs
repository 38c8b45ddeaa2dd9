//! Recognising the parts of the decree in the paragraphs of a document: ô 1–2 (chủ quản, ban
//! hành), ô 3 (Số, ký hiệu), ô 4 (địa danh, ngày), ô 5 (tên loại, trích yếu, V/v), căn cứ,
//! Kính gửi, ô 6 (the body's levels), ô 7 (quyền hạn, chức vụ, họ tên), ô 9 (Nơi nhận, Lưu)
//! and the phụ lục. What is not recognised stays a paragraph and is noted with its line.

mod annex;
mod body;
mod cues;
mod forms;
mod header;
mod reflow;
mod tail;
mod title;

use annex::*;
use body::*;
use cues::*;
pub use cues::{is_name, is_upper};
use forms::*;
use header::*;
use reflow::*;
use tail::*;
use title::*;

use crate::import::read::{Item, Line, Signers, Source, Table};

use crate::model::{Kind, Level, KINDS};

/// A part of the body: one level of the decree and its text in vanban's prose syntax.
#[derive(Debug, Clone)]
pub struct Node {
    pub level: Level,
    pub text: String,
    pub dam: Option<bool>,
    pub children: Vec<Node>,
    pub at: usize,
    /// The rows of a `bang` (a table typed in the document), escaped; the first is its headings.
    pub rows: Vec<Vec<String>>,
}

impl Node {
    /// A paragraph or a results table: a node with no children of its own.
    fn leaf(level: Level, text: String, at: usize) -> Node {
        Node {
            level,
            text,
            dam: None,
            children: Vec::new(),
            at,
            rows: Vec::new(),
        }
    }
}

/// A task group of a phụ lục's responsibility matrix.
#[derive(Debug, Clone, Default)]
pub struct Group {
    pub nhom: String,
    pub viec: Vec<[String; 5]>,
}

#[derive(Debug, Clone, Default)]
pub struct Annex {
    pub tieu_de: String,
    pub ngang: bool,
    pub body: Vec<Node>,
    pub matrix: Vec<Group>,
}

/// A document issued with the main one (the Quy chế of a Quyết định).
#[derive(Debug, Clone)]
pub struct Attached {
    pub kind: Kind,
    pub trich_yeu: String,
    pub cua: Option<String>,
    pub body: Vec<Node>,
    pub quyen_han: Vec<String>,
    pub chuc_vu: Option<String>,
    pub ho_ten: Option<String>,
}

/// Something the reader saw but could not place, or a field the document lacks.
#[derive(Debug, Clone)]
pub struct Note {
    pub at: usize,
    pub text: String,
}

/// What the recogniser found: the fields of a vanban document.
#[derive(Debug, Default)]
pub struct Draft {
    pub kind: Option<Kind>,
    /// The tên loại line when words follow the kind's name (`BIÊN BẢN LÀM VIỆC`).
    pub ten_loai: Option<String>,
    pub chu_quan: Vec<String>,
    pub ban_hanh: Vec<String>,
    pub viet_tat: Option<String>,
    pub so: Option<u32>,
    pub don_vi_soan_thao: Option<String>,
    pub dia_danh: Option<String>,
    pub ngay: Option<String>,
    pub trich_yeu: Option<String>,
    pub tham_quyen: Option<String>,
    pub can_cu: Vec<String>,
    pub kinh_gui: Vec<String>,
    pub body: Vec<Node>,
    pub quyen_han: Vec<String>,
    pub chuc_vu: Option<String>,
    pub ho_ten: Option<String>,
    pub noi_nhan: Vec<String>,
    pub luu: Vec<String>,
    pub nguoi_soan: Option<String>,
    pub so_ban: Option<u32>,
    pub annexes: Vec<Annex>,
    /// Tên cơ quan viết trong câu (giấy mời, giấy giới thiệu).
    pub ten: Option<String>,
    pub do_khan: Option<&'static str>,
    /// The fields of a form (`cuoc_hop`, `gioi_thieu`, `nghi_phep`, `dia_chi`), in order.
    pub forms: Vec<(&'static str, Vec<(&'static str, String)>)>,
    /// Thành phần tham dự of a biên bản.
    pub thanh_phan: Vec<String>,
    /// Người cùng ký (the thư ký of a biên bản): chức vụ, họ tên.
    pub dong_ky: Option<Party>,
    /// More co-signing parties (a biên bản of several), in reading order.
    pub cac_ben: Vec<Party>,
    pub kem_theo: Option<Attached>,
    /// Results (so_lieu.thuc_hien) read from a bảng kết quả: name, tên, đơn vị, kế hoạch, đạt.
    pub results: Vec<[String; 5]>,
    /// Lines kept as plain paragraphs or left out, with why.
    pub unrecognised: Vec<Note>,
    /// Parts of the header found in the document at all (to tell a text with no header).
    pub header_seen: usize,
    /// Where the Quốc hiệu is: the agency's name belongs beside it.
    pub quoc_hieu_at: Option<usize>,
    /// The tên loại of a legal document (Nghị định, Thông tư …) and its line: not imported.
    pub legal: Option<(&'static str, usize)>,
}

enum P {
    Line(Line),
    Table(Table),
    Signers(Signers),
}

impl P {
    fn at(&self) -> usize {
        match self {
            P::Line(l) => l.at,
            P::Table(t) => t.at,
            P::Signers(s) => s.at,
        }
    }
}

/// One signing party: quyền hạn lines, chức vụ, họ tên.
#[derive(Debug, Clone, Default)]
pub struct Party {
    pub quyen_han: Vec<String>,
    pub chuc_vu: String,
    pub ho_ten: String,
}

impl Party {
    /// A party from its lines: those in capitals above the last (quyền hạn, `ĐẠI DIỆN …`),
    /// the chức vụ (the last line in capitals), the name last.
    fn of(lines: &[String]) -> Party {
        let (name, titles) = lines.split_last().map_or(("", &[][..]), |(n, t)| (n, t));
        let (chuc_vu, above) = titles.split_last().map_or(("", &[][..]), |(c, a)| (c, a));
        Party {
            quyen_han: above.iter().map(|q| spaced_prefix(q)).collect(),
            chuc_vu: chuc_vu.to_string(),
            ho_ten: name.to_string(),
        }
    }
}

struct Cursor {
    ps: Vec<P>,
    i: usize,
}

impl Cursor {
    fn peek(&self) -> Option<&P> {
        self.ps.get(self.i)
    }
    fn peek_text(&self) -> Option<String> {
        match self.peek()? {
            P::Line(l) => Some(l.plain().trim().to_string()),
            P::Table(_) | P::Signers(_) => None,
        }
    }
}

pub fn recognise(source: Source, items: Vec<Item>) -> Draft {
    let mut ps = paragraphs(source, items);
    let mut d = Draft::default();
    contact(&mut ps, &mut d);
    let mut c = Cursor { ps, i: 0 };
    header(&mut c, &mut d, source);
    title(&mut c, &mut d, source);
    kinh_gui(&mut c, &mut d, source);
    forms(&mut c, &mut d);
    let mut numbering = Numbering::default();
    d.body = body(&mut c, &mut d, source, &mut numbering, Stop::Tail);
    // Phụ lục are numbered on from the body, in its scheme.
    numbering.dieu = Some(tree_uses_dieu(&d.body));
    if d.kind == Some(Kind::BienBan) {
        closing_of_minutes(&mut d);
    }
    tail(&mut c, &mut d);
    attached(&mut c, &mut d, source);
    annexes(&mut c, &mut d, source, &mut numbering);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(marker("I. MỤC TIÊU").map(|m| m.0), Some(Level::Muc));
        assert_eq!(
            marker("12. Tiêu chí").map(|m| (m.0, m.1)),
            Some((Level::Khoan, 4))
        );
        assert_eq!(marker("a) Đối với").map(|m| m.0), Some(Level::Diem));
        assert_eq!(marker("- Số xã").map(|m| m.0), Some(Level::Gach));
        assert_eq!(marker("+ Năm").map(|m| m.0), Some(Level::Cong));
        assert_eq!(
            marker("Điều 3. Chánh").map(|m| (m.0, m.2)),
            Some((Level::Dieu, "3".into()))
        );
        assert_eq!(marker("1.1. Mục"), None);
        assert_eq!(marker("2019 là năm"), None);
        assert_eq!(marker("Chương II"), Some((Level::Chuong, 9, "II".into())));
        // Typed with no space after the number; `C.` after `A.`, `B.` is a letter.
        assert_eq!(marker("I.Tổng quan").map(|m| m.0), Some(Level::Muc));
        assert_eq!(marker("2.Công tác").map(|m| m.0), Some(Level::Khoan));
        assert_eq!(marker("1.5 lần"), None);
        assert_eq!(marker("C. TỔ CHỨC THỰC HIỆN"), None);
        assert_eq!(marker("XIX. KẾT LUẬN").map(|m| m.0), Some(Level::Muc));
    }

    #[test]
    fn numbers_and_dates() {
        let mut d = Draft::default();
        number(" 05/KH-UBND", &mut d);
        assert_eq!(
            (d.so, d.kind, d.viet_tat.as_deref()),
            (Some(5), Some(Kind::KeHoach), Some("UBND"))
        );
        let mut d = Draft::default();
        number("      /UBND-PNN", &mut d);
        assert_eq!(d.kind, Some(Kind::CongVan));
        assert_eq!(d.so, None);
        assert_eq!(d.don_vi_soan_thao.as_deref(), Some("PNN"));
        assert!(date("Bắc Sơn, ngày tháng 9 năm 2024", &mut d));
        assert_eq!(d.ngay.as_deref(), Some("../9/2024"));
        assert_eq!(d.dia_danh.as_deref(), Some("Bắc Sơn"));
        // Spaces typed freely, or none after the comma.
        assert!(date("Hậu Giang,  ngày       tháng        năm 2024", &mut d));
        assert_eq!(d.dia_danh.as_deref(), Some("Hậu Giang"));
        assert!(date("Hà Nội,ngày 05 tháng 3 năm 2025", &mut d));
        assert_eq!(d.ngay.as_deref(), Some("05/3/2025"));
        // An en dash typed with spaces is the ký hiệu's hyphen.
        let mut d = Draft::default();
        let after = number("           /HD – HĐTĐKT   Hưng Yên", &mut d);
        assert_eq!(d.kind, Some(Kind::HuongDan));
        assert_eq!(d.viet_tat.as_deref(), Some("HĐTĐKT"));
        assert_eq!(after.trim(), "Hưng Yên");
        // Only a legal normative document carries its year in its number.
        assert!(crate::model::numbered_with_year(" 07/2025/QĐ-UBND"));
        assert!(!crate::model::numbered_with_year(" 07/QĐ-UBND"));
        assert!(!crate::model::numbered_with_year("      /KH-UBND"));
    }
}
