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

/// A blank in any text field: what the original document lacks and a person must fill in.
/// It prints as a dotted leader (as the decree's drafts leave the day of "ngày … tháng") and
/// `vanban check` reports each one with its line. `vanban nhap` writes it instead of inventing
/// a word.
pub const BLANK: &str = "{{...}}";

/// A level of a body (Phụ lục I, 6a and 6b): what the YAML writes (`key`) and what the
/// context numbers (`name`, where a Mục under a Chương is `muc_chuong`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Chuong,
    /// A Mục of the Chương/Điều scheme (`Mục 1`), written `muc` in the YAML.
    MucChuong,
    Dieu,
    Muc,
    Khoan,
    Diem,
    Gach,
    Cong,
    Doan,
    BangKetQua,
    Bang,
    /// Phần: a level of the decree (6b) that vanban does not have; read, then kept as text.
    Phan,
}

impl Level {
    /// The context's name of the level.
    pub const fn name(self) -> &'static str {
        match self {
            Level::Chuong => "chuong",
            Level::MucChuong => "muc_chuong",
            Level::Dieu => "dieu",
            Level::Muc => "muc",
            Level::Khoan => "khoan",
            Level::Diem => "diem",
            Level::Gach => "gach",
            Level::Cong => "cong",
            Level::Doan => "doan",
            Level::BangKetQua => "bang_ket_qua",
            Level::Bang => "bang",
            Level::Phan => "phan",
        }
    }

    /// The YAML key: a Mục is `muc` in either scheme.
    pub const fn key(self) -> &'static str {
        self.plain().name()
    }

    /// The level as the YAML has it: a `muc_chuong` is a `muc`.
    pub const fn plain(self) -> Level {
        match self {
            Level::MucChuong => Level::Muc,
            other => other,
        }
    }

    /// The level as the context names it in a body of Chương/Điều (`dieu`) or not: a Mục of
    /// the former is `muc_chuong`.
    pub const fn in_scheme(self, dieu: bool) -> Level {
        match self {
            Level::Muc if dieu => Level::MucChuong,
            other => other,
        }
    }
}

/// The quyền hạn a signer's first line may start with (Điều 13): thay mặt, ký thay, thừa
/// lệnh, thừa ủy quyền, quyền.
pub const AUTHORITY_PREFIXES: [&str; 5] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];

/// Tên loại of legal documents (văn bản quy phạm pháp luật), which have a layout of their
/// own and are not among the văn bản hành chính of Điều 7 that vanban writes.
/// What the importer names a document numbered `số/năm/ký hiệu` (`07/2025/QĐ-UBND`): only a
/// văn bản quy phạm pháp luật carries its year in its number (Luật Ban hành văn bản quy phạm
/// pháp luật, Điều 8); a văn bản hành chính's is `số/ký hiệu` (Nghị định 30, Phụ lục I).
pub const LEGAL_NUMBER: &str = "Văn bản đánh số kèm năm ban hành (số/năm/ký hiệu)";

/// Whether the text after `Số:` is `số/năm/ký hiệu`.
pub fn numbered_with_year(after_so: &str) -> bool {
    let t = after_so.trim_start();
    let t = t
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    let Some(t) = t.strip_prefix('/') else {
        return false;
    };
    let year: String = t
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    year.len() == 4 && t.trim_start()[4..].trim_start().starts_with('/')
}

pub const LEGAL_KINDS: [&str; 7] = [
    "Hiến pháp",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị định",
    "Thông tư",
    "Thông tư liên tịch",
];

/// What a [`BLANK`] prints: a dotted leader.
pub const LEADER: &str = "……………";

/// Whether a field is only a [`BLANK`].
pub fn is_blank(t: &str) -> bool {
    t.trim() == BLANK
}

/// Loại văn bản: the kind of document, which selects the layout (Mẫu of Phụ lục III) and the
/// abbreviation of the ký hiệu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Nghị quyết (cá biệt), NQ, Mẫu 1.1.
    NghiQuyet,
    /// Quyết định (cá biệt), QĐ, Mẫu 1.2 (1.3 when it issues a Quy chế or Quy định).
    QuyetDinh,
    /// Chỉ thị, CT.
    ChiThi,
    /// Quy chế, QC.
    QuyChe,
    /// Quy định, QyĐ.
    QuyDinh,
    /// Thông cáo, TC.
    ThongCao,
    /// Thông báo, TB.
    ThongBao,
    /// Hướng dẫn, HD.
    HuongDan,
    /// Chương trình, CTr.
    ChuongTrinh,
    /// Kế hoạch, KH.
    KeHoach,
    /// Phương án, PA.
    PhuongAn,
    /// Đề án, ĐA.
    DeAn,
    /// Dự án, DA.
    DuAn,
    /// Báo cáo, BC.
    BaoCao,
    /// Biên bản, BB, Mẫu 1.9.
    BienBan,
    /// Tờ trình, TTr.
    ToTrinh,
    /// Hợp đồng, HĐ.
    HopDong,
    /// Công văn, Mẫu 1.5: no tên loại, `V/v` trích yếu, no type abbreviation in the ký hiệu.
    CongVan,
    /// Công điện, CĐ, Mẫu 1.6.
    CongDien,
    /// Bản ghi nhớ, BGN.
    BanGhiNho,
    /// Bản thỏa thuận, BTT.
    BanThoaThuan,
    /// Giấy ủy quyền, GUQ.
    GiayUyQuyen,
    /// Giấy mời, GM, Mẫu 1.7.
    GiayMoi,
    /// Giấy giới thiệu, GGT, Mẫu 1.8.
    GiayGioiThieu,
    /// Giấy nghỉ phép, GNP, Mẫu 1.10.
    GiayNghiPhep,
    /// Phiếu gửi, PG.
    PhieuGui,
    /// Phiếu chuyển, PC.
    PhieuChuyen,
    /// Phiếu báo, PB.
    PhieuBao,
}

/// What the decree says of one kind: (kind, YAML key, name in running text, abbreviation
/// of Phụ lục III Mục I, Mẫu of Phụ lục III Mục II).
type KindRow = (
    Kind,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
);

/// Điều 7 and Phụ lục III of Nghị định 30/2020/NĐ-CP, in the decree's order.
pub const KINDS: [KindRow; 28] = [
    (
        Kind::NghiQuyet,
        "nghi_quyet",
        "Nghị quyết",
        Some("NQ"),
        "1.1",
    ),
    (
        Kind::QuyetDinh,
        "quyet_dinh",
        "Quyết định",
        Some("QĐ"),
        "1.2",
    ),
    (Kind::ChiThi, "chi_thi", "Chỉ thị", Some("CT"), "1.4"),
    (Kind::QuyChe, "quy_che", "Quy chế", Some("QC"), "1.4"),
    (Kind::QuyDinh, "quy_dinh", "Quy định", Some("QyĐ"), "1.4"),
    (Kind::ThongCao, "thong_cao", "Thông cáo", Some("TC"), "1.4"),
    (Kind::ThongBao, "thong_bao", "Thông báo", Some("TB"), "1.4"),
    (Kind::HuongDan, "huong_dan", "Hướng dẫn", Some("HD"), "1.4"),
    (
        Kind::ChuongTrinh,
        "chuong_trinh",
        "Chương trình",
        Some("CTr"),
        "1.4",
    ),
    (Kind::KeHoach, "ke_hoach", "Kế hoạch", Some("KH"), "1.4"),
    (Kind::PhuongAn, "phuong_an", "Phương án", Some("PA"), "1.4"),
    (Kind::DeAn, "de_an", "Đề án", Some("ĐA"), "1.4"),
    (Kind::DuAn, "du_an", "Dự án", Some("DA"), "1.4"),
    (Kind::BaoCao, "bao_cao", "Báo cáo", Some("BC"), "1.4"),
    (Kind::BienBan, "bien_ban", "Biên bản", Some("BB"), "1.9"),
    (Kind::ToTrinh, "to_trinh", "Tờ trình", Some("TTr"), "1.4"),
    (Kind::HopDong, "hop_dong", "Hợp đồng", Some("HĐ"), "1.4"),
    (Kind::CongVan, "cong_van", "Công văn", None, "1.5"),
    (Kind::CongDien, "cong_dien", "Công điện", Some("CĐ"), "1.6"),
    (
        Kind::BanGhiNho,
        "ban_ghi_nho",
        "Bản ghi nhớ",
        Some("BGN"),
        "1.4",
    ),
    (
        Kind::BanThoaThuan,
        "ban_thoa_thuan",
        "Bản thỏa thuận",
        Some("BTT"),
        "1.4",
    ),
    (
        Kind::GiayUyQuyen,
        "giay_uy_quyen",
        "Giấy ủy quyền",
        Some("GUQ"),
        "1.4",
    ),
    (Kind::GiayMoi, "giay_moi", "Giấy mời", Some("GM"), "1.7"),
    (
        Kind::GiayGioiThieu,
        "giay_gioi_thieu",
        "Giấy giới thiệu",
        Some("GGT"),
        "1.8",
    ),
    (
        Kind::GiayNghiPhep,
        "giay_nghi_phep",
        "Giấy nghỉ phép",
        Some("GNP"),
        "1.10",
    ),
    (Kind::PhieuGui, "phieu_gui", "Phiếu gửi", Some("PG"), "1.4"),
    (
        Kind::PhieuChuyen,
        "phieu_chuyen",
        "Phiếu chuyển",
        Some("PC"),
        "1.4",
    ),
    (Kind::PhieuBao, "phieu_bao", "Phiếu báo", Some("PB"), "1.4"),
];

impl Kind {
    fn row(self) -> &'static KindRow {
        KINDS
            .iter()
            .find(|r| r.0 == self)
            .expect("every kind is in KINDS")
    }

    /// The YAML key (`ke_hoach`), also the name of the kind's own template (`ke_hoach.typ.tera`).
    pub fn key(self) -> &'static str {
        self.row().1
    }

    /// Name used in running text ("Kèm theo Kế hoạch số …").
    pub fn name(self) -> &'static str {
        self.row().2
    }

    /// Tên loại văn bản as printed (IN HOA), `None` for a công văn.
    pub fn title(self) -> Option<String> {
        (self != Kind::CongVan).then(|| self.name().to_uppercase())
    }

    /// Abbreviation from Phụ lục III of the decree; a công văn has none.
    pub fn abbreviation(self) -> Option<&'static str> {
        self.row().3
    }

    /// The layout of Phụ lục III Mục II this kind follows (`1.4`).
    pub fn mau(self) -> &'static str {
        self.row().4
    }

    /// The built-in template of the layout: Mẫu 1.5 (công văn) has its own, every other kind
    /// is a document with a tên loại (Mẫu 1.4) whose optional parts make Mẫu 1.1–1.10.
    pub fn layout_template(self) -> &'static str {
        if self == Kind::CongVan {
            "mau_1_5.typ.tera"
        } else {
            "mau_1_4.typ.tera"
        }
    }

    /// The form whose fields the kind is written from (Mẫu 1.7–1.10): `cuoc_hop` (giấy mời,
    /// biên bản), `gioi_thieu` (giấy giới thiệu), `nghi_phep` (giấy nghỉ phép).
    pub fn form(self) -> Option<&'static str> {
        match self {
            Kind::GiayMoi | Kind::BienBan => Some("cuoc_hop"),
            Kind::GiayGioiThieu => Some("gioi_thieu"),
            Kind::GiayNghiPhep => Some("nghi_phep"),
            _ => None,
        }
    }

    /// Kinds that name the authority issuing them under the title (`tham_quyen`).
    pub fn has_authority(self) -> bool {
        matches!(self, Kind::QuyetDinh | Kind::NghiQuyet | Kind::CongDien)
    }

    /// The fields of the kind's form that it cannot be printed without (`bat_dau`,
    /// `dia_diem` …), in the order the form prints them.
    pub fn form_fields(self) -> &'static [&'static str] {
        match self {
            Kind::GiayMoi => &["bat_dau", "dia_diem"],
            Kind::BienBan => &["bat_dau", "ket_thuc", "dia_diem"],
            Kind::GiayGioiThieu => &["ho_ten", "chuc_vu", "cu_den", "ve_viec", "gia_tri_den"],
            Kind::GiayNghiPhep => &[
                "nguoi_cap",
                "ho_ten",
                "chuc_vu",
                "tu_ngay",
                "den_ngay",
                "noi_nghi",
            ],
            _ => &[],
        }
    }

    /// Kinds that cannot be written without their form's fields. A giấy mời may be written
    /// either with the Mẫu 1.7 lines (`cuoc_hop`) or, as most offices do, with `kinh_gui` and
    /// a free body; a biên bản, giấy giới thiệu and giấy nghỉ phép are their form.
    pub fn needs_form(self) -> bool {
        self.form().is_some() && self != Kind::GiayMoi
    }

    /// Kinds that may carry a second signature (`dong_ky`).
    pub fn has_cosigner(self) -> bool {
        matches!(
            self,
            Kind::BienBan | Kind::HopDong | Kind::BanGhiNho | Kind::BanThoaThuan
        )
    }

    /// Kinds that must: a biên bản is signed by its thư ký and its chủ tọa.
    pub fn needs_cosigner(self) -> bool {
        self == Kind::BienBan
    }

    /// Kinds with a trích yếu: all but a giấy giới thiệu and a giấy nghỉ phép (Mẫu 1.8, 1.10).
    pub fn has_summary(self) -> bool {
        !matches!(self, Kind::GiayGioiThieu | Kind::GiayNghiPhep)
    }

    /// Kinds a Quyết định can issue as a document of its own (`kem_theo`, Mẫu 1.3).
    pub fn can_be_attached(self) -> bool {
        self.mau() == "1.4" && self != Kind::QuyetDinh
    }

    /// Kinds whose body is enacted with a lead line and Điều: `QUYẾT ĐỊNH:`, `QUYẾT NGHỊ:`.
    pub fn enacting(self) -> Option<&'static str> {
        match self {
            Kind::QuyetDinh => Some("QUYẾT ĐỊNH:"),
            Kind::NghiQuyet => Some("QUYẾT NGHỊ:"),
            _ => None,
        }
    }
}

/// Họ văn bản: the document is issued once for every row of a table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// The table: a `.csv`, `.xlsx` or `.ods` file, relative to the document.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Bảng dữ liệu: tệp .csv, .xlsx hoặc .ods, đường dẫn tính từ thư mục của văn bản. Hàng đầu là tên cột; mỗi hàng sau là một bản."
    )]
    pub bang: Option<Text>,
    /// Or the rows written in the YAML: a list of `cột: giá trị` maps.
    #[serde(default)]
    #[schemars(
        with = "Vec<BTreeMap<String, String>>",
        description = "Hoặc các hàng viết ngay trong YAML: danh sách các nhóm `cột: giá trị`."
    )]
    pub hang: Vec<BTreeMap<String, Spanned<CellValue>>>,
    /// The row of the sheet that names the columns (1 = its first row); default the first
    /// row with text.
    #[serde(default)]
    #[schemars(
        with = "Option<u32>",
        description = "Hàng tiêu đề (tên cột), đếm từ 1; mặc định hàng đầu có chữ."
    )]
    pub dong_tieu_de: Option<Spanned<u32>>,
    /// The sheet of a workbook (default: the first).
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Tên trang tính của tệp .xlsx/.ods (mặc định: trang đầu)."
    )]
    pub trang: Option<Text>,
    /// The output file name of each copy, citing columns: `qd-cong-nhan-{{hang.ma_xa}}`.
    #[schemars(
        with = "String",
        description = "Tên tệp của mỗi bản, có thể trích cột: qd-cong-nhan-{{hang.ma_xa}}."
    )]
    pub ten_tep: Text,
    /// Only the rows whose column equals (`bang`) or contains (`chua`) a value.
    #[serde(default)]
    #[schemars(
        description = "Chỉ tạo bản cho các hàng có cột `cot` bằng `bang` hoặc chứa `chua`."
    )]
    pub chi_khi: Option<RowFilter>,
    /// Numbers in sequence from this one, one per copy; none: left blank.
    #[serde(default)]
    #[schemars(
        with = "Option<u32>",
        description = "Số của bản đầu; các bản sau đánh số liên tiếp. Bỏ trống: để trống số cho văn thư."
    )]
    pub so_bat_dau: Option<Spanned<u32>>,
    /// Columns that hold numbers: checked, and citable as figures (`{{hang.cot:chu}}`).
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Các cột chứa số: được kiểm tra và trích dẫn như số liệu ({{hang.cot}}, {{hang.cot:chu}})."
    )]
    pub so: Vec<Text>,
    /// Also one PDF of every copy, each from a new page with its own page numbers, named
    /// after the document (for printing; each copy is still its own văn bản).
    #[serde(default)]
    #[schemars(
        description = "Gộp: thêm một tệp PDF gồm mọi bản (mỗi bản sang trang mới, đánh số trang riêng), đặt tên theo tệp văn bản; để in."
    )]
    pub gop: bool,
}

/// A cell of a row written in the YAML: text or a number, read as text.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum CellValue {
    Int(i64),
    Float(f64),
    Text(String),
}

impl CellValue {
    /// The cell as a clerk reads it: numbers in their shortest form (12.3, not 12.300…01).
    pub fn text(&self) -> String {
        match self {
            CellValue::Int(i) => i.to_string(),
            CellValue::Float(f) => format!("{f}"),
            CellValue::Text(t) => t.trim().to_string(),
        }
    }
}

/// `chi_khi`: a column and the value it must equal or contain.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowFilter {
    #[schemars(with = "String", description = "Tên cột.")]
    pub cot: Text,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Giá trị phải bằng (không phân biệt hoa thường)."
    )]
    pub bang: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Chuỗi mà giá trị phải chứa.")]
    pub chua: Option<Text>,
}

/// One administrative document.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Họ văn bản: issue this document for every row of a table.
    #[serde(default)]
    #[schemars(
        description = "Họ văn bản: phát hành văn bản này cho từng hàng của một bảng (.csv, .xlsx, .ods)."
    )]
    pub ho: Option<Family>,
    /// Loại văn bản.
    #[schemars(
        description = "Loại văn bản (Điều 7 Nghị định 30): quyet_dinh, ke_hoach, bao_cao, to_trinh, thong_bao, cong_van, giay_moi, bien_ban, cong_dien …"
    )]
    #[schemars(with = "Kind")]
    pub loai: Spanned<Kind>,
    /// Tên loại as the office wrote it when words follow the kind's name (`BIÊN BẢN LÀM
    /// VIỆC`, `GIẤY MỜI HỌP`, `THÔNG BÁO KẾT LUẬN`); printed instead of the bare name.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Tên loại in đầu văn bản khi có thêm chữ sau tên loại, ví dụ BIÊN BẢN LÀM VIỆC, GIẤY MỜI HỌP; phải bắt đầu bằng tên của `loai`."
    )]
    pub ten_loai: Option<Text>,
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
    #[serde(default)]
    pub trich_yeu: Option<Text>,
    /// Thẩm quyền ban hành, printed IN HOA and bold under the title: for a Quyết định
    /// (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN`) or a Nghị quyết; for a Công điện the
    /// sender, followed by `điện:`.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Thẩm quyền ban hành (Quyết định, Nghị quyết), in hoa, đậm, dưới tên loại; với công điện là người gửi, vanban thêm \"điện:\"."
    )]
    pub tham_quyen: Option<Text>,
    /// Dấu chỉ mức độ khẩn (ô 10b).
    #[serde(default)]
    #[schemars(
        with = "Option<Urgency>",
        description = "Mức độ khẩn (ô 10b): khan, thuong_khan, hoa_toc; in trong khung dưới số, ký hiệu."
    )]
    pub do_khan: Option<Spanned<Urgency>>,
    /// Chỉ dẫn phạm vi lưu hành (ô 11), e.g. `XEM XONG TRẢ LẠI`.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Chỉ dẫn phạm vi lưu hành (ô 11), ví dụ XEM XONG TRẢ LẠI, LƯU HÀNH NỘI BỘ."
    )]
    pub luu_hanh: Option<Text>,
    /// Ký hiệu người soạn thảo (ô 12), printed at the end of the `Lưu:` line.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Ký hiệu người soạn thảo (ô 12), in hoa, ở cuối dòng \"Lưu:\", ví dụ PL."
    )]
    pub nguoi_soan: Option<Text>,
    /// Số lượng bản phát hành (ô 12): `PL.(300)`.
    #[serde(default)]
    #[schemars(
        with = "Option<u32>",
        description = "Số lượng bản phát hành, in sau ký hiệu người soạn thảo: PL.(300)."
    )]
    pub so_ban: Option<Spanned<u32>>,
    /// Địa chỉ, điện thoại … of the agency (ô 13), at the foot of page 1.
    #[serde(default)]
    #[schemars(
        description = "Địa chỉ, điện thoại, thư điện tử … của cơ quan (ô 13), cuối trang đầu."
    )]
    pub dia_chi: Option<Contact>,
    /// Cuộc họp: time, place and participants of a Giấy mời or a Biên bản.
    #[serde(default)]
    #[schemars(description = "Giấy mời, biên bản: thời gian, địa điểm, thành phần cuộc họp.")]
    pub cuoc_hop: Option<Meeting>,
    /// Giấy giới thiệu: the person introduced.
    #[serde(default)]
    #[schemars(description = "Giấy giới thiệu: người được giới thiệu, nơi đến, việc.")]
    pub gioi_thieu: Option<Introduction>,
    /// Giấy nghỉ phép: the person and the dates.
    #[serde(default)]
    #[schemars(description = "Giấy nghỉ phép: người nghỉ, từ ngày, đến ngày, nơi nghỉ.")]
    pub nghi_phep: Option<Leave>,
    /// A second signer, on the left: the thư ký of a Biên bản, the other party of a Hợp đồng.
    #[serde(default)]
    #[schemars(
        description = "Người ký thứ hai, bên trái: thư ký của biên bản, bên kia của hợp đồng."
    )]
    pub dong_ky: Option<Signer>,
    /// More co-signing parties of a biên bản or an agreement (a working session's six
    /// parties), printed two by two above `dong_ky` and `nguoi_ky`, in their order.
    #[serde(default)]
    #[schemars(
        description = "Các bên cùng ký khác (biên bản, hợp đồng, bản ghi nhớ, bản thỏa thuận có nhiều bên): in từng cặp hai bên, trên `dong_ky` và `nguoi_ky`, theo thứ tự."
    )]
    pub cac_ben: Vec<Signer>,
    /// A Quy chế or Quy định issued by this Quyết định (Mẫu 1.3), printed after it in the
    /// same PDF.
    #[serde(default)]
    #[schemars(
        description = "Văn bản ban hành kèm theo quyết định (quy chế, quy định), in tiếp sau quyết định."
    )]
    pub kem_theo: Option<Attached>,
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
    /// The name as written in a sentence (`Ủy ban nhân dân tỉnh Lạng Sơn`): capitals of
    /// proper names cannot be guessed from the IN HOA header.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Tên cơ quan viết trong câu, ví dụ Ủy ban nhân dân tỉnh Lạng Sơn (giấy mời, giấy giới thiệu, dòng Kèm theo)."
    )]
    pub ten: Option<Text>,
}

/// Dấu chỉ mức độ khẩn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// KHẨN
    Khan,
    /// THƯỢNG KHẨN
    ThuongKhan,
    /// HỎA TỐC
    HoaToc,
}

impl Urgency {
    /// Every mức độ khẩn, for reading one back.
    pub const ALL: [Urgency; 3] = [Urgency::Khan, Urgency::ThuongKhan, Urgency::HoaToc];

    /// The YAML value: `khan`, `thuong_khan`, `hoa_toc`.
    pub fn key(self) -> &'static str {
        match self {
            Urgency::Khan => "khan",
            Urgency::ThuongKhan => "thuong_khan",
            Urgency::HoaToc => "hoa_toc",
        }
    }

    /// The mức độ khẩn a stamp's words name (`HOẢ TỐC` is the older spelling of `HỎA TỐC`).
    pub fn from_label(s: &str) -> Option<Urgency> {
        let s = s.trim().replace("HOẢ", "HỎA");
        Urgency::ALL.into_iter().find(|u| u.label() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Urgency::Khan => "KHẨN",
            Urgency::ThuongKhan => "THƯỢNG KHẨN",
            Urgency::HoaToc => "HỎA TỐC",
        }
    }
}

/// Ô 13: how to reach the agency.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Địa chỉ.")]
    pub dia_chi: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Điện thoại.")]
    pub dien_thoai: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Fax.")]
    pub fax: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Thư điện tử.")]
    pub email: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Trang thông tin điện tử.")]
    pub website: Option<Text>,
}

/// A meeting: what a Giấy mời invites to, what a Biên bản records.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Hình thức: `Cuộc họp`, `Hội nghị`, `Hội thảo` (used in "… kết thúc vào").
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Cuộc họp, Hội nghị hoặc Hội thảo; mặc định Cuộc họp."
    )]
    pub hinh_thuc: Option<Text>,
    /// Giấy mời: what the guests are invited to (`Tới dự: …`).
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Giấy mời: nội dung \"Tới dự\"."
    )]
    pub toi_du: Option<Text>,
    /// Start, `08:00 15/06/2020`.
    #[schemars(
        with = "String",
        description = "Giờ và ngày bắt đầu, ví dụ \"08:00 15/06/2020\"."
    )]
    pub bat_dau: Text,
    /// End, `11:30` (same day) or `11:30 16/06/2020`.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Giờ kết thúc, ví dụ \"11:30\" (cùng ngày) hoặc \"11:30 16/06/2020\"."
    )]
    pub ket_thuc: Option<Text>,
    #[schemars(with = "String", description = "Địa điểm.")]
    pub dia_diem: Text,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Chủ trì (chủ tọa).")]
    pub chu_tri: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Thư ký (người ghi biên bản).")]
    pub thu_ky: Option<Text>,
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Thành phần tham dự, mỗi phần tử một dòng."
    )]
    pub thanh_phan: Vec<Text>,
}

/// Giấy giới thiệu.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Introduction {
    #[schemars(
        with = "String",
        description = "Ông (bà): họ tên người được giới thiệu."
    )]
    pub ho_ten: Text,
    #[schemars(with = "String", description = "Chức vụ.")]
    pub chuc_vu: Text,
    #[schemars(with = "String", description = "Được cử đến: cơ quan nơi đến.")]
    pub cu_den: Text,
    #[schemars(with = "String", description = "Về việc.")]
    pub ve_viec: Text,
    #[schemars(
        with = "String",
        description = "Giấy có giá trị đến hết ngày (ngày/tháng/năm)."
    )]
    pub gia_tri_den: Text,
}

/// Giấy nghỉ phép.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Leave {
    /// Who grants the leave, as written in a sentence: `Giám đốc Sở Nội vụ`.
    #[schemars(
        with = "String",
        description = "Người cấp giấy, viết trong câu, ví dụ Giám đốc Sở Nội vụ."
    )]
    pub nguoi_cap: Text,
    /// Date of the request (đơn đề nghị nghỉ phép), optional.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Ngày của đơn đề nghị nghỉ phép (ngày/tháng/năm)."
    )]
    pub ngay_don: Option<Text>,
    #[schemars(with = "String", description = "Ông (bà): họ tên người nghỉ.")]
    pub ho_ten: Text,
    #[schemars(with = "String", description = "Chức vụ, đơn vị công tác.")]
    pub chuc_vu: Text,
    #[schemars(with = "String", description = "Nghỉ từ ngày (ngày/tháng/năm).")]
    pub tu_ngay: Text,
    #[schemars(with = "String", description = "Nghỉ đến hết ngày (ngày/tháng/năm).")]
    pub den_ngay: Text,
    #[schemars(with = "String", description = "Nơi nghỉ phép.")]
    pub noi_nghi: Text,
}

/// A văn bản issued with a Quyết định (Quy chế, Quy định …).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attached {
    #[schemars(
        with = "Kind",
        description = "Loại văn bản kèm theo: quy_che, quy_dinh …"
    )]
    pub loai: Spanned<Kind>,
    #[schemars(with = "String", description = "Trích yếu của văn bản kèm theo.")]
    pub trich_yeu: Text,
    /// The issuer in the "(Ban hành kèm theo Quyết định … của …)" line; defaults to the
    /// agency's `ten`.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Người ban hành trong dòng \"Ban hành kèm theo … của …\", ví dụ Ủy ban nhân dân tỉnh Lạng Sơn."
    )]
    pub cua: Option<Text>,
    #[serde(default)]
    #[schemars(description = "Nội dung: chuong, muc, dieu, khoan, diem …")]
    pub noi_dung: Vec<Node>,
    /// Signer of the attached text; defaults to the Quyết định's.
    #[serde(default)]
    #[schemars(description = "Người ký văn bản kèm theo; mặc định như quyết định.")]
    pub nguoi_ky: Option<Signer>,
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
        description = "Chương: \"Chương I\" và tiêu đề in hoa, đậm, căn giữa (quy chế, quy định)."
    )]
    pub chuong: Option<Text>,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Điều: \"Điều 1.\" đậm; đánh số liên tục trong cả văn bản."
    )]
    pub dieu: Option<Text>,
    #[serde(default)]
    #[schemars(
        with = "Option<Vec<String>>",
        description = "Bảng kết quả thực hiện: tên các mục của so_lieu.thuc_hien, theo thứ tự in."
    )]
    pub bang_ket_qua: Option<Vec<Spanned<String>>>,
    /// A list built from every row of a table (one Quyết định listing every commune).
    #[serde(default)]
    #[schemars(
        description = "Danh sách lập từ các hàng của một bảng (.csv, .xlsx, .ods): bảng có cột TT và các cột đã chọn."
    )]
    pub danh_sach: Option<ListSheet>,
    /// A table typed in the document (a phụ lục's list): its rows, the first being the
    /// headings, whose first column is the TT.
    #[serde(default)]
    #[schemars(
        with = "Option<Vec<Vec<String>>>",
        description = "Bảng gõ trong văn bản: danh sách các hàng, hàng đầu là tiêu đề cột (cột đầu là TT)."
    )]
    pub bang: Option<Vec<Vec<Text>>>,
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

/// `danh_sach`: the rows of a table printed as a list in the body, with a TT column.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListSheet {
    #[schemars(
        with = "String",
        description = "Tệp bảng, đường dẫn tính từ thư mục của văn bản."
    )]
    pub bang: Text,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Trang tính (mặc định: trang đầu)."
    )]
    pub trang: Option<Text>,
    /// The columns to print, in order.
    #[schemars(with = "Vec<String>", description = "Các cột in ra, theo thứ tự.")]
    pub cot: Vec<Text>,
    /// Their headings (default: the column names).
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Tiêu đề các cột in ra (mặc định: tên cột)."
    )]
    pub tieu_de: Vec<Text>,
    #[serde(default)]
    #[schemars(description = "Chỉ in các hàng có cột `cot` bằng `bang` hoặc chứa `chua`.")]
    pub chi_khi: Option<RowFilter>,
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
    /// The matrix read from a sheet: the columns that play each role.
    #[serde(default)]
    #[schemars(
        description = "Ma trận phân công đọc từ bảng (.csv, .xlsx, .ods): tên cột cho từng vai trò."
    )]
    pub ma_tran_bang: Option<MatrixSheet>,
}

/// `ma_tran_bang`: a responsibility matrix kept in a spreadsheet, one task per row; the group
/// column may be left empty (or merged) under its first row, as offices keep such sheets.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixSheet {
    #[schemars(
        with = "String",
        description = "Tệp bảng, đường dẫn tính từ thư mục của văn bản."
    )]
    pub bang: Text,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Trang tính (mặc định: trang đầu)."
    )]
    pub trang: Option<Text>,
    #[schemars(with = "String", description = "Cột tên nhóm nhiệm vụ.")]
    pub nhom: Text,
    #[schemars(with = "String", description = "Cột nội dung công việc.")]
    pub noi_dung: Text,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Cột chỉ đạo.")]
    pub chi_dao: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Cột cơ quan thực hiện.")]
    pub thuc_hien: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Cột cơ quan phối hợp.")]
    pub phoi_hop: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Cột thời gian.")]
    pub thoi_gian: Option<Text>,
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
    /// PDF standard of this document, instead of `--pdf-standard` (default PDF/A-2b).
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Chuẩn PDF của riêng văn bản này: a-2b (mặc định, để lưu trữ), a-2u, a-2a, ua-1, a-2a+ua-1 hoặc 1.7 (PDF thường)."
    )]
    pub chuan_pdf: Option<Spanned<String>>,
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
            chuan_pdf: None,
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
    /// Targets read from a sheet, one per row, beside those typed in `chi_tieu`.
    #[serde(default)]
    #[schemars(
        description = "Chỉ tiêu đọc từ bảng, mỗi hàng một chỉ tiêu: cột tên, cột đã đạt, cột thêm; mẫu số chung."
    )]
    pub chi_tieu_bang: Option<TargetSheet>,
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
    /// Thực hiện: what was achieved against a planned figure (Báo cáo).
    #[serde(default)]
    #[schemars(description = "Kết quả thực hiện so với kế hoạch (báo cáo): kế hoạch, đạt, tỷ lệ.")]
    pub thuc_hien: BTreeMap<String, Achievement>,
}

/// A result against its plan: `dat` of `ke_hoach`, the rate and the verdict computed.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    /// Chỉ tiêu as named in the table.
    #[schemars(description = "Tên chỉ tiêu, in trong bảng kết quả.")]
    pub ten: String,
    /// Unit (`xã`, `tỷ đồng`).
    #[serde(default)]
    #[schemars(description = "Đơn vị tính.")]
    pub don_vi: Option<String>,
    /// Planned value: a number or a figure of the plan (`kh.xa_ntm.tong`).
    #[schemars(
        with = "Quantity",
        description = "Kế hoạch: số, hoặc tên số liệu của kế hoạch (ví dụ kh.xa_ntm.tong)."
    )]
    pub ke_hoach: Spanned<Quantity>,
    /// Achieved value.
    #[schemars(with = "f64", description = "Thực hiện (đạt được).")]
    pub dat: Spanned<Amount>,
    /// Decimals of the rate (default 1).
    #[serde(default)]
    #[schemars(description = "Số chữ số thập phân của tỷ lệ.")]
    pub chu_so: Option<u32>,
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
    /// Every unit's value read from a column of a sheet (one row per unit).
    #[serde(default)]
    #[schemars(
        description = "Giá trị của từng đơn vị đọc từ một cột của bảng (mỗi hàng một đơn vị)."
    )]
    pub bang: Option<ColumnSheet>,
}

/// A column of a sheet holding one number per row (`binh_quan.B.bang`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnSheet {
    #[schemars(
        with = "String",
        description = "Tệp bảng, đường dẫn tính từ thư mục của văn bản."
    )]
    pub bang: Text,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Trang tính (mặc định: trang đầu)."
    )]
    pub trang: Option<Text>,
    #[schemars(with = "String", description = "Cột chứa số.")]
    pub cot: Text,
    #[serde(default)]
    #[schemars(description = "Chỉ các hàng có cột `cot` bằng `bang` hoặc chứa `chua`.")]
    pub chi_khi: Option<RowFilter>,
}

/// Groups of a distribution read from a sheet (`phan_bo.D.bang`): a group per row.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupSheet {
    #[schemars(
        with = "String",
        description = "Tệp bảng, đường dẫn tính từ thư mục của văn bản."
    )]
    pub bang: Text,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Trang tính (mặc định: trang đầu)."
    )]
    pub trang: Option<Text>,
    #[schemars(
        with = "String",
        description = "Cột tên nhóm (chữ thường không dấu, số, _)."
    )]
    pub nhom: Text,
    #[schemars(with = "String", description = "Cột số lượng.")]
    pub so: Text,
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

/// `chi_tieu_bang`: targets kept in a sheet, one per row; the denominator is the same for all
/// (a number or a figure's name, as `mau_so` of a typed target).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetSheet {
    #[schemars(
        with = "String",
        description = "Tệp bảng, đường dẫn tính từ thư mục của văn bản."
    )]
    pub bang: Text,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Trang tính (mặc định: trang đầu)."
    )]
    pub trang: Option<Text>,
    #[schemars(
        with = "String",
        description = "Cột tên chỉ tiêu (chữ thường không dấu, số, _)."
    )]
    pub ten: Text,
    #[schemars(with = "String", description = "Cột đã đạt.")]
    pub da_dat: Text,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Cột thêm trong kỳ.")]
    pub them: Option<Text>,
    #[serde(default)]
    #[schemars(
        with = "Option<Quantity>",
        description = "Mẫu số chung: số, hoặc tên hằng số (ví dụ so_xa)."
    )]
    pub mau_so: Option<Spanned<Quantity>>,
    #[serde(default)]
    #[schemars(description = "Số chữ số thập phân của tỷ lệ.")]
    pub chu_so: Option<u32>,
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
    #[serde(default)]
    #[schemars(
        with = "BTreeMap<String, Quantity>",
        description = "Tên nhóm → số lượng (số hoặc tên số liệu khác)."
    )]
    pub nhom: BTreeMap<String, Spanned<Quantity>>,
    /// Groups read from a sheet, one per row.
    #[serde(default)]
    #[schemars(description = "Các nhóm đọc từ bảng: cột tên nhóm và cột số lượng.")]
    pub bang: Option<GroupSheet>,
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
    #[serde(default)]
    #[schemars(description = "Các dòng vốn: tên → số tiền hoặc dòng con.")]
    pub dong: BTreeMap<String, FundingLine>,
    /// The lines read from a sheet instead (or as well).
    #[serde(default)]
    #[schemars(
        description = "Các dòng vốn đọc từ bảng (.csv, .xlsx, .ods): cột tên dòng, cột dòng con (nếu có), cột số tiền."
    )]
    pub bang: Option<FundingSheet>,
}

/// `nguon_von.F.bang`: funding lines kept in a sheet, one amount per row. The line column may
/// be written once above its sub-lines (or merged); its names are the figures' names.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingSheet {
    #[schemars(
        with = "String",
        description = "Tệp bảng, đường dẫn tính từ thư mục của văn bản."
    )]
    pub bang: Text,
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Trang tính (mặc định: trang đầu)."
    )]
    pub trang: Option<Text>,
    #[schemars(
        with = "String",
        description = "Cột tên dòng vốn (chữ thường không dấu, số, _)."
    )]
    pub dong: Text,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Cột tên dòng con.")]
    pub dong_con: Option<Text>,
    #[schemars(with = "String", description = "Cột số tiền.")]
    pub so_tien: Text,
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
    /// The line's share as an older document states it (e.g. `21,7`), checked after rounding.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        description = "Tỷ lệ của dòng như văn bản cũ ghi (ví dụ \"21,7\"), để đối chiếu; văn bản in tỷ lệ tính được."
    )]
    pub ty_le_ghi: Option<Spanned<String>>,
}
