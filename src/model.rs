//! The YAML data model. Keys use the vocabulary of Nghị định 30/2020/NĐ-CP so that a clerk
//! recognises them (`trich_yeu`, `noi_nhan`, `kinh_gui` …); every struct rejects unknown keys
//! so that a typo is reported instead of silently ignored.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// A piece of prose from the YAML file, with its position so that later stages (figure
/// citations, validation) can point at it.
pub type Text = Spanned<String>;

/// Loại văn bản: the kind of document, which selects the template and the ký hiệu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Kế hoạch (KH), Mẫu 1.4.
    KeHoach,
    /// Thông báo (TB), Mẫu 1.4.
    ThongBao,
    /// Công văn, Mẫu 1.5: no tên loại, `V/v` trích yếu, no type abbreviation in the ký hiệu.
    CongVan,
}

impl Kind {
    /// Tên loại văn bản as printed (IN HOA), `None` for a công văn.
    pub fn title(self) -> Option<&'static str> {
        match self {
            Kind::KeHoach => Some("KẾ HOẠCH"),
            Kind::ThongBao => Some("THÔNG BÁO"),
            Kind::CongVan => None,
        }
    }

    /// Name used in running text ("Kèm theo Kế hoạch số …").
    pub fn name(self) -> &'static str {
        match self {
            Kind::KeHoach => "Kế hoạch",
            Kind::ThongBao => "Thông báo",
            Kind::CongVan => "Công văn",
        }
    }

    /// Abbreviation from Phụ lục III of the decree; a công văn has none.
    pub fn abbreviation(self) -> Option<&'static str> {
        match self {
            Kind::KeHoach => Some("KH"),
            Kind::ThongBao => Some("TB"),
            Kind::CongVan => None,
        }
    }

    /// Template file that renders this kind.
    pub fn template(self) -> &'static str {
        match self {
            Kind::KeHoach => "ke_hoach.typ.tera",
            Kind::ThongBao => "thong_bao.typ.tera",
            Kind::CongVan => "cong_van.typ.tera",
        }
    }
}

/// One administrative document.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Loại văn bản.
    #[schemars(
        description = "Loại văn bản: ke_hoach (Kế hoạch), thong_bao (Thông báo), cong_van (Công văn)."
    )]
    pub loai: Kind,
    /// Cơ quan chủ quản and cơ quan ban hành (ô 2).
    #[schemars(description = "Cơ quan ban hành và cơ quan chủ quản (ô 2).")]
    pub co_quan: Agency,
    /// Số: the number; left out while the văn thư has not given one (`Số:      /KH-UBND`).
    #[serde(default)]
    #[schemars(
        with = "Option<u32>",
        description = "Số văn bản; bỏ trống để văn thư điền (Số:      /KH-UBND). Số nhỏ hơn 10 tự thêm số 0."
    )]
    pub so: Option<Spanned<u32>>,
    /// For a công văn: the drafting unit or field that follows the agency code in the ký hiệu
    /// (`UBND-VP`). Other kinds may also carry it (`KH-UBND-VP` is not ND30 and is refused).
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Công văn: mã đơn vị soạn thảo hoặc lĩnh vực sau chữ viết tắt cơ quan (Số: 125/UBND-VP)."
    )]
    pub don_vi_soan_thao: Option<Text>,
    /// Địa danh (ô 4), e.g. `Lạng Sơn`.
    #[schemars(
        with = "String",
        description = "Địa danh nơi ban hành (ô 4), ví dụ: Lạng Sơn."
    )]
    pub dia_danh: Text,
    /// Ngày ban hành as `dd/mm/yyyy`; the day or the month may be left as `..` in a draft.
    #[schemars(
        with = "String",
        description = "Ngày ban hành dạng ngày/tháng/năm, ví dụ 05/02/2019; để trống ngày hoặc tháng bằng \"..\", ví dụ ../02/2019."
    )]
    pub ngay: Text,
    /// Trích yếu nội dung (ô 5a; for a công văn the text after `V/v`, ô 5b).
    #[schemars(
        with = "String",
        description = "Trích yếu nội dung (ô 5a); với công văn là phần sau \"V/v\" (ô 5b), không gõ \"V/v\"."
    )]
    pub trich_yeu: Text,
    /// Căn cứ lines, printed in italics, one per line; `;` and the final `.` are added.
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Các dòng căn cứ, in nghiêng, mỗi dòng một căn cứ; dấu \";\" và \".\" do vanban thêm."
    )]
    pub can_cu: Vec<Text>,
    /// Kính gửi (ô 9a): one recipient goes on the same line, several on `- …;` lines.
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Kính gửi (ô 9a): một nơi in cùng dòng; nhiều nơi in mỗi nơi một dòng \"- …;\"."
    )]
    pub kinh_gui: Vec<Text>,
    /// Nội dung: the body as nested sections.
    #[serde(default)]
    #[schemars(
        description = "Nội dung văn bản: danh sách các phần (muc, khoan, diem, gach, cong, doan); vanban tự đánh số."
    )]
    pub noi_dung: Vec<Node>,
    /// Người ký (ô 7).
    #[schemars(description = "Người ký (ô 7): quyền hạn, chức vụ, họ tên.")]
    pub nguoi_ky: Signer,
    /// Nơi nhận (ô 9b), without punctuation: the tool adds `;` and the final `Lưu:` line.
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Nơi nhận (ô 9b), mỗi phần tử một nơi, không gõ \"-\" hay \";\"."
    )]
    pub noi_nhan: Vec<Text>,
    /// Items of the `Lưu:` line, e.g. `[VT, KTN (VQK)]`.
    #[serde(default = "default_luu")]
    #[schemars(
        with = "Vec<String>",
        description = "Các mục của dòng \"Lưu:\", ví dụ [VT, KTN]; mặc định [VT]."
    )]
    pub luu: Vec<Text>,
    /// Phụ lục (Mẫu 2.1).
    #[serde(default)]
    #[schemars(description = "Các phụ lục, mỗi phụ lục in từ trang mới.")]
    pub phu_luc: Vec<Annex>,
    /// Page layout: margins and the size set, inside the ranges of Phụ lục I.
    #[serde(default)]
    #[schemars(description = "Trình bày trang: lề và cỡ chữ, trong giới hạn Nghị định 30.")]
    pub trinh_bay: Layout,
    /// Typed figures from which every total and percentage is computed.
    #[serde(default)]
    #[schemars(
        description = "Số liệu gõ vào; mọi tổng và tỷ lệ do vanban tính, trích trong văn bản bằng {{tên}}."
    )]
    pub so_lieu: Figures,
    /// Bao gồm: shared files (agency registry, province-wide figures), paths relative to
    /// this document.
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Các tệp dùng chung (danh mục cơ quan, số liệu của tỉnh), đường dẫn tính từ tệp này."
    )]
    pub bao_gom: Vec<Spanned<String>>,
}

/// A shared file included by documents: an agency registry and/or shared figures.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharedFile {
    /// Danh mục cơ quan: code → name, cited as `{{cq.CODE}}` (full name) and
    /// `{{cq.CODE.viet_tat}}` (abbreviation).
    #[serde(default)]
    #[schemars(
        description = "Danh mục cơ quan: mã → tên; trích bằng {{cq.MÃ}} hoặc {{cq.MÃ.viet_tat}}."
    )]
    pub co_quan: BTreeMap<String, AgencyEntry>,
    /// Figures shared by every document that includes this file.
    #[serde(default)]
    #[schemars(description = "Số liệu dùng chung cho mọi văn bản bao gồm tệp này.")]
    pub so_lieu: Figures,
    /// Further shared files.
    #[serde(default)]
    #[schemars(with = "Vec<String>", description = "Các tệp dùng chung khác.")]
    pub bao_gom: Vec<Spanned<String>>,
}

/// One agency of the registry.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyEntry {
    /// Tên đầy đủ.
    #[schemars(description = "Tên đầy đủ của cơ quan.")]
    pub ten: String,
    /// Tên viết tắt used in tables and lists (defaults to the full name).
    #[serde(default)]
    #[schemars(description = "Tên viết tắt dùng trong bảng và danh sách.")]
    pub viet_tat: Option<String>,
}

fn default_luu() -> Vec<Text> {
    vec![Spanned::new(
        "VT".to_string(),
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )]
}

/// Cơ quan: the issuing agency and its direct parent.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Tên cơ quan chủ quản trực tiếp (upright, IN HOA); one entry per printed line.
    #[serde(default)]
    #[schemars(
        description = "Tên cơ quan chủ quản trực tiếp (in hoa, đứng); một chuỗi hoặc danh sách các dòng."
    )]
    pub chu_quan: Lines,
    /// Tên cơ quan ban hành (bold, IN HOA); one entry per printed line.
    #[schemars(
        description = "Tên cơ quan ban hành (in hoa, đậm); một chuỗi hoặc danh sách các dòng."
    )]
    pub ban_hanh: Lines,
    /// Chữ viết tắt of the issuing agency used in the ký hiệu, e.g. `UBND`, `VPĐP`.
    #[schemars(
        with = "String",
        description = "Chữ viết tắt tên cơ quan dùng trong ký hiệu, ví dụ UBND, SNV."
    )]
    pub viet_tat: Text,
}

/// A name printed on one or several lines: a string, or a list of lines.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(untagged)]
pub enum Lines {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl Lines {
    pub fn lines(&self) -> Vec<String> {
        match self {
            Lines::None => Vec::new(),
            Lines::One(s) => s.lines().map(str::to_string).collect(),
            Lines::Many(v) => v.clone(),
        }
    }
}

/// One element of the body. Exactly one of the level keys is set; the level decides the marker:
/// `muc` → `I.` (title IN HOA, bold), `khoan` → `1.` (bold title unless `dam: false`),
/// `diem` → `a)`, `gach` → `-`, `cong` → `+`, `doan` → a plain paragraph.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Mục: số La Mã (I., II.), tiêu đề in hoa, đậm."
    )]
    pub muc: Option<Text>,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Khoản: số Ả Rập (1., 2.); tiêu đề đậm, trừ khi dam: false."
    )]
    pub khoan: Option<Text>,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Điểm: a), b), c), d), đ), e) …"
    )]
    pub diem: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Gạch đầu dòng \"-\".")]
    pub gach: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Dấu cộng \"+\".")]
    pub cong: Option<Text>,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Một đoạn văn. Có thể dùng **đậm** và *nghiêng*."
    )]
    pub doan: Option<Text>,
    /// Bold or not; the default follows the decree (mục and titled khoản bold, the rest not).
    #[serde(default)]
    #[schemars(description = "In đậm hay không; mặc định theo Nghị định 30.")]
    pub dam: Option<bool>,
    /// Nested elements.
    #[serde(default)]
    #[schemars(description = "Các phần con.")]
    pub noi_dung: Vec<Node>,
}

/// Người ký: quyền hạn lines (TM., KT., TL., TUQ., Q.), chức vụ, họ tên.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Lines above the chức vụ, e.g. `TM. ỦY BAN NHÂN DÂN` or `KT. CHỦ TỊCH`.
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Các dòng quyền hạn: TM., KT., TL., TUQ., Q. …, mỗi dòng một phần tử."
    )]
    pub quyen_han: Vec<Text>,
    /// Chức vụ of the signer, e.g. `PHÓ CHỦ TỊCH`.
    #[schemars(with = "String", description = "Chức vụ người ký, ví dụ PHÓ CHỦ TỊCH.")]
    pub chuc_vu: Text,
    /// Họ tên, without học hàm or honorifics.
    #[schemars(
        with = "String",
        description = "Họ tên người ký, không ghi học hàm, học vị."
    )]
    pub ho_ten: Text,
}

/// Phụ lục (Mẫu 2.1): a heading, the `(Kèm theo …)` line and a responsibility matrix.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    /// Tiêu đề phụ lục (printed IN HOA).
    #[schemars(with = "String", description = "Tiêu đề phụ lục (in hoa).")]
    pub tieu_de: Text,
    /// Print the page in landscape (theo chiều rộng), for wide tables.
    #[serde(default)]
    #[schemars(description = "In phụ lục theo chiều ngang khổ giấy (cho bảng rộng).")]
    pub ngang: bool,
    /// Optional paragraphs before the matrix.
    #[serde(default)]
    #[schemars(description = "Các đoạn văn trước bảng.")]
    pub noi_dung: Vec<Node>,
    /// Ma trận trách nhiệm: groups of tasks.
    #[serde(default)]
    #[schemars(description = "Ma trận phân công: các nhóm nhiệm vụ (đánh số I, II …).")]
    pub ma_tran: Vec<TaskGroup>,
}

/// A group row of the matrix (numbered I, II, …) and its tasks.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskGroup {
    #[schemars(with = "String", description = "Tên nhóm nhiệm vụ.")]
    pub nhom: Text,
    #[serde(default)]
    #[schemars(description = "Các việc của nhóm.")]
    pub viec: Vec<Task>,
}

/// One row of the responsibility matrix.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Nội dung công việc.
    #[schemars(with = "String", description = "Nội dung công việc.")]
    pub noi_dung: Text,
    /// Chỉ đạo.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Chỉ đạo.")]
    pub chi_dao: Option<Text>,
    /// Cơ quan thực hiện.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Cơ quan thực hiện.")]
    pub thuc_hien: Option<Text>,
    /// Cơ quan phối hợp.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Cơ quan phối hợp.")]
    pub phoi_hop: Option<Text>,
    /// Thời gian.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Thời gian.")]
    pub thoi_gian: Option<Text>,
}

/// Trình bày: margins in mm and the size set.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    #[serde(default = "d20")]
    #[schemars(with = "f64", description = "Lề trên (mm), 20–25.")]
    pub le_tren: Spanned<f64>,
    #[serde(default = "d20")]
    #[schemars(with = "f64", description = "Lề dưới (mm), 20–25.")]
    pub le_duoi: Spanned<f64>,
    #[serde(default = "d30")]
    #[schemars(with = "f64", description = "Lề trái (mm), 30–35.")]
    pub le_trai: Spanned<f64>,
    #[serde(default = "d15")]
    #[schemars(with = "f64", description = "Lề phải (mm), 15–20.")]
    pub le_phai: Spanned<f64>,
    /// Body size, 14 (set 13/14/14) or 13 (set 12/13/13).
    #[serde(default = "d14")]
    #[schemars(
        with = "f64",
        description = "Cỡ chữ nội dung: 14 (bộ 13/14/14) hoặc 13 (bộ 12/13/13)."
    )]
    pub co_chu: Spanned<f64>,
    /// First-line indent in cm: 1 or 1.27.
    #[serde(default = "d1")]
    #[schemars(with = "f64", description = "Thụt đầu dòng (cm): 1 hoặc 1.27.")]
    pub thut_dau_dong: Spanned<f64>,
}

fn sp(v: f64) -> Spanned<f64> {
    Spanned::new(
        v,
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}
fn d20() -> Spanned<f64> {
    sp(20.0)
}
fn d30() -> Spanned<f64> {
    sp(30.0)
}
fn d15() -> Spanned<f64> {
    sp(15.0)
}
fn d14() -> Spanned<f64> {
    sp(14.0)
}
fn d1() -> Spanned<f64> {
    sp(1.0)
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            le_tren: d20(),
            le_duoi: d20(),
            le_trai: d30(),
            le_phai: d15(),
            co_chu: d14(),
            thut_dau_dong: d1(),
        }
    }
}

/// Số liệu: typed figures. Every computed value gets a name that prose cites as `{{name}}`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    /// Named constants used as denominators or cited directly, e.g. `so_xa: 207`.
    #[serde(default)]
    #[schemars(
        with = "BTreeMap<String, f64>",
        description = "Hằng số, ví dụ so_xa: 207; trích bằng {{so_xa}}."
    )]
    pub hang_so: BTreeMap<String, Spanned<Amount>>,
    /// Chỉ tiêu: baseline + added = total, and the total's share of a denominator.
    #[serde(default)]
    #[schemars(description = "Chỉ tiêu: đã đạt + thêm = tổng, và tỷ lệ trên mẫu số.")]
    pub chi_tieu: BTreeMap<String, Target>,
    /// Phân bổ: groups whose counts must add up to the denominator.
    #[serde(default)]
    #[schemars(description = "Phân bổ: các nhóm cộng lại phải bằng mẫu số.")]
    pub phan_bo: BTreeMap<String, Distribution>,
    /// Nguồn vốn: funding lines and sub-lines with their shares of the grand total.
    #[serde(default)]
    #[schemars(description = "Nguồn vốn: các dòng, dòng con, tổng và tỷ lệ.")]
    pub nguon_von: BTreeMap<String, Funding>,
    /// Bình quân: averages over units (e.g. tiêu chí per xã).
    #[serde(default)]
    #[schemars(description = "Bình quân trên các đơn vị.")]
    pub binh_quan: BTreeMap<String, Average>,
    /// Kế thừa: figures of other documents (last year's plan), cited under a prefix.
    #[serde(default)]
    #[schemars(description = "Kế thừa số liệu của văn bản khác (năm trước), trích bằng tiền tố.")]
    pub ke_thua: Vec<Inherit>,
}

/// Figures taken from another document, e.g. last year's plan, so that this year starts from
/// its results without re-typing them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inherit {
    /// Path of the other YAML document, relative to this one.
    #[schemars(
        with = "String",
        description = "Đường dẫn tệp văn bản, tính từ tệp này."
    )]
    pub tep: Spanned<String>,
    /// Prefix under which its figures are cited: `nam_truoc` → `nam_truoc.tc02.tong`.
    #[schemars(
        with = "String",
        description = "Tiền tố trích dẫn, ví dụ nam_truoc → {{nam_truoc.tc02.tong}}."
    )]
    pub ten: Spanned<String>,
}

/// An average over units: either every unit's value (`gia_tri`), or how many units have each
/// value (`nhom`: value → count).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Average {
    #[serde(default)]
    #[schemars(with = "Vec<f64>", description = "Giá trị của từng đơn vị.")]
    pub gia_tri: Vec<Spanned<Amount>>,
    #[serde(default)]
    #[schemars(
        with = "BTreeMap<String, Quantity>",
        description = "Giá trị → số đơn vị có giá trị đó."
    )]
    pub nhom: BTreeMap<String, Spanned<Quantity>>,
    /// Decimals of the average (default 2).
    #[serde(default)]
    #[schemars(description = "Số chữ số thập phân của tỷ lệ hoặc bình quân.")]
    pub chu_so: Option<u32>,
}

/// An amount of money or any decimal quantity, kept exactly as typed (never binary floating
/// point): `3002.8` stays 3002,8.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount(pub rust_decimal::Decimal);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number such as 3002.8")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(v.into()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(v.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
                // Display of f64 is the shortest text that reads back as the same double,
                // which is the text the clerk typed.
                v.to_string()
                    .parse()
                    .map(Amount)
                    .map_err(|_| E::custom(format!("`{v}` is not a number")))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                crate::numfmt::parse_vi(v)
                    .map(Amount)
                    .ok_or_else(|| E::custom(format!("`{v}` is not a number")))
            }
        }
        d.deserialize_any(V)
    }
}

/// A target: `da_dat` (baseline) + `them` (added this year) = `tong`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Đã đạt: reached before this plan: a number, or a figure of last year's document
    /// (`nam_truoc.tc02.tong`, see `ke_thua`).
    #[schemars(
        with = "Quantity",
        description = "Đã đạt trước kỳ này: số, hoặc tên số liệu (ví dụ nam_truoc.tc02.tong)."
    )]
    pub da_dat: Spanned<Quantity>,
    /// Thêm: added this year.
    #[serde(default)]
    #[schemars(with = "Option<i64>", description = "Thêm trong kỳ.")]
    pub them: Option<Spanned<i64>>,
    /// Denominator: a number or the name of a `hang_so`.
    #[serde(default)]
    #[schemars(
        with = "Option<Quantity>",
        description = "Mẫu số: số, hoặc tên hằng số (ví dụ so_xa)."
    )]
    pub mau_so: Option<Spanned<Quantity>>,
    /// Decimals of the share (default 1).
    #[serde(default)]
    #[schemars(description = "Số chữ số thập phân của tỷ lệ hoặc bình quân.")]
    pub chu_so: Option<u32>,
    /// A total typed in the data, checked against da_dat + them.
    #[serde(default)]
    #[schemars(
        with = "Option<i64>",
        description = "Tổng ghi sẵn, để đối chiếu với tổng vanban tính."
    )]
    pub tong_ghi: Option<Spanned<i64>>,
    /// The share as stated in an older document (e.g. `43,4`), checked after rounding.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Tỷ lệ như văn bản cũ ghi (ví dụ \"43,4\"), để đối chiếu; văn bản in tỷ lệ tính được."
    )]
    pub ty_le_ghi: Option<Spanned<String>>,
}

/// A count given either as a number or as the name of another figure (`so_xa`,
/// `xa_ntm.tong`), so that a value vanban can compute is never typed twice.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Quantity {
    Number(i64),
    Name(String),
}

/// A distribution: named groups of a whole.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// The whole the groups must add up to.
    #[schemars(
        with = "Quantity",
        description = "Mẫu số: số, hoặc tên hằng số (ví dụ so_xa)."
    )]
    pub mau_so: Spanned<Quantity>,
    /// Decimals of the shares (default 2).
    #[serde(default)]
    #[schemars(description = "Số chữ số thập phân của tỷ lệ hoặc bình quân.")]
    pub chu_so: Option<u32>,
    /// Group name → count (a number or the name of another figure).
    #[schemars(
        with = "BTreeMap<String, Quantity>",
        description = "Tên nhóm → số lượng (số hoặc tên số liệu khác)."
    )]
    pub nhom: BTreeMap<String, Spanned<Quantity>>,
}

/// A funding table: lines (with optional sub-lines) and a stated grand total.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Unit, e.g. `tỷ đồng`.
    #[serde(default)]
    #[schemars(description = "Đơn vị, ví dụ tỷ đồng.")]
    pub don_vi: Option<String>,
    /// Decimals of the shares (default 1).
    #[serde(default)]
    #[schemars(description = "Số chữ số thập phân của tỷ lệ hoặc bình quân.")]
    pub chu_so: Option<u32>,
    /// The grand total as stated, checked against the sum of the lines.
    #[serde(default)]
    #[schemars(
        with = "Option<f64>",
        description = "Tổng ghi sẵn, để đối chiếu với tổng vanban tính."
    )]
    pub tong_ghi: Option<Spanned<Amount>>,
    /// Line name → amount or sub-lines.
    #[schemars(description = "Các dòng vốn: tên → số tiền hoặc dòng con.")]
    pub dong: BTreeMap<String, FundingLine>,
}

/// One funding line: an amount, or sub-lines whose sum is the amount.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingLine {
    #[serde(default)]
    #[schemars(with = "Option<f64>", description = "Số tiền.")]
    pub so_tien: Option<Spanned<Amount>>,
    /// Phần còn lại: the amount is the stated grand total minus the other lines.
    #[serde(default)]
    #[schemars(
        with = "Option<bool>",
        description = "Dòng này là phần còn lại: tổng ghi trừ các dòng khác."
    )]
    pub con_lai: Option<Spanned<bool>>,
    #[serde(default)]
    #[schemars(
        with = "BTreeMap<String, f64>",
        description = "Các dòng con: tên → số tiền."
    )]
    pub dong: BTreeMap<String, Spanned<Amount>>,
}
