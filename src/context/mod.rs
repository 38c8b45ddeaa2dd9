//! Validate and compute: turns a loaded [`Document`] into the one serialisable [`Context`]
//! that every renderer (Typst source, PDF) works from. Everything a clerk should not type —
//! numbering, punctuation of lists, zero-padding, the ký hiệu, figures — is produced here.
//!
//! One module per element of the decree (Nghị định 30/2020/NĐ-CP, Phụ lục I and III), each
//! with its own checks:
//!
//! - `kinds`: the parts that belong to some kinds (loại văn bản) only;
//! - `header`: ô 1–4 (cơ quan chủ quản and ban hành, số và ký hiệu, địa danh và ngày) and
//!   the marks of some kinds (thẩm quyền ban hành, độ khẩn ô 10b, lưu hành ô 11, địa chỉ ô 13);
//! - `title`: tên loại and trích yếu (ô 5a, 5b);
//! - `body`: căn cứ and the nội dung (ô 6), numbered Chương, Mục, Điều, khoản, điểm;
//! - `recipients`: kính gửi (ô 9a), nơi nhận and lưu (ô 9b, 12);
//! - `forms`: the lines of a giấy mời, biên bản, giấy giới thiệu, giấy nghỉ phép;
//! - `signer`: người ký (ô 7);
//! - `annex`: phụ lục and the văn bản issued with a Quyết định (Quy chế, Quy định …);
//! - `layout`: trình bày (margins, sizes, PDF standard) and the PDF metadata;
//! - `dates` and `text`: dates, times, and the text of every field.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_saphyr::Location;

use crate::diag::{Diagnostic, Pos, Report};
use crate::figures::{self, Table};
use crate::fonts::Fonts;
use crate::load::Loaded;
use crate::model::Document;

mod annex;
mod body;
mod dates;
mod forms;
mod header;
mod kinds;
mod layout;
mod recipients;
mod signer;
pub mod spec;
mod text;
mod title;

pub use body::{allowed, default_bold};
pub use dates::{parse_clock, parse_date, parse_full_date};
pub use forms::labels;
pub use header::CONTACT_LABELS;
pub use text::{escape_prose, escape_text, parse_rich};

// For the tests at the end of this file.
#[cfg(test)]
use dates::BLANK;
#[cfg(test)]
use text::punctuate;

/// A run of text with light emphasis.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Span {
    pub t: String,
    pub b: bool,
    pub i: bool,
    /// A footnote (`^[…]` in the text): `t` is the note, printed at the foot of the page and
    /// marked by its number here.
    pub n: bool,
}

/// One row of a results table (bảng kết quả thực hiện).
#[derive(Debug, Clone, Serialize)]
pub struct ResultRow {
    pub tt: String,
    pub ten: String,
    pub don_vi: String,
    pub ke_hoach: String,
    pub dat: String,
    pub ty_le: String,
}

/// One element of the body, numbered.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// `chuong`, `muc`, `muc_chuong` (a Mục under the Chương/Điều scheme), `dieu`, `khoan`,
    /// `diem`, `gach`, `cong`, `doan`, `bang` (a results table) or `danh_sach` (a list read
    /// from a table).
    pub level: &'static str,
    /// `Chương I`, `Mục 1`, `Điều 1.`, `I.`, `1.`, `a)`, `-`, `+` or empty for a plain paragraph.
    pub marker: String,
    pub bold: bool,
    /// Rows of a `bang` block.
    pub rows: Vec<ResultRow>,
    /// A `danh_sach` block: its column headings (TT first) and its rows.
    pub head: Vec<String>,
    pub cells: Vec<Vec<String>>,
    /// The last paragraph of the body: kept on the page of the signature block, so that
    /// the signature never stands alone on a page.
    pub keep: bool,
    pub spans: Vec<Span>,
    pub children: Vec<Block>,
}

impl Block {
    /// A plain paragraph of one run of text, unnumbered.
    fn paragraph(t: String) -> Block {
        Block {
            level: "doan",
            marker: String::new(),
            bold: false,
            rows: Vec::new(),
            head: Vec::new(),
            cells: Vec::new(),
            keep: false,
            spans: vec![Span {
                t,
                b: false,
                i: false,
                n: false,
            }],
            children: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SignerCtx {
    pub quyen_han: Vec<String>,
    pub chuc_vu: String,
    pub ho_ten: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowCtx {
    pub tt: String,
    pub noi_dung: String,
    pub chi_dao: String,
    pub thuc_hien: String,
    pub phoi_hop: String,
    pub thoi_gian: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupCtx {
    pub so: String,
    pub ten: String,
    pub rows: Vec<RowCtx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnexCtx {
    /// `Phụ lục` or `Phụ lục I`, `Phụ lục II` … when there are several.
    pub nhan: String,
    pub tieu_de: String,
    pub kem_theo: String,
    pub ngang: bool,
    pub body: Vec<Block>,
    pub groups: Vec<GroupCtx>,
}

/// Page layout after validation.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutCtx {
    pub le_tren: f64,
    pub le_duoi: f64,
    pub le_trai: f64,
    pub le_phai: f64,
    /// Body size; the Quốc hiệu is one point smaller (13/14/14 or 12/13/13).
    pub co_chu: f64,
    pub thut_dau_dong: f64,
    /// `trinh_bay.chuan_pdf`: the PDF standard asked for this document (a name of
    /// [`crate::render::pdf::STANDARDS`]); none: the run's `--pdf-standard`.
    pub chuan_pdf: Option<String>,
}

/// PDF metadata.
#[derive(Debug, Clone, Serialize)]
pub struct MetaCtx {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A văn bản issued with a Quyết định (Mẫu 1.3): Quy chế, Quy định …
#[derive(Debug, Clone, Serialize)]
pub struct AttachedCtx {
    pub ten_loai: String,
    pub trich_yeu: Vec<String>,
    /// `(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05/3/2020 của …)`.
    pub kem_theo: String,
    pub body: Vec<Block>,
    pub nguoi_ky: SignerCtx,
}

/// Everything a renderer needs, already computed and checked.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub loai: &'static str,
    /// Mẫu of Phụ lục III that the layout follows, e.g. `1.4`.
    pub mau: &'static str,
    /// The built-in template of the layout, e.g. `mau_1_4.typ.tera`; a template named after
    /// the kind (`ke_hoach.typ.tera`) is used instead when there is one.
    pub template: &'static str,
    pub ten_loai: Option<String>,
    /// Thẩm quyền ban hành (Quyết định, Nghị quyết) or the sender of a công điện.
    pub tham_quyen: Vec<String>,
    /// `QUYẾT ĐỊNH:` or `QUYẾT NGHỊ:` before the Điều.
    pub lenh: Option<&'static str>,
    /// Dấu chỉ mức độ khẩn (ô 10b).
    pub do_khan: Option<&'static str>,
    /// Chỉ dẫn phạm vi lưu hành (ô 11).
    pub luu_hanh: Option<String>,
    /// Ô 13, at the foot of page 1.
    pub dia_chi: Vec<String>,
    /// Lines of a form (giấy mời, biên bản, giấy giới thiệu, giấy nghỉ phép) before the body.
    pub dong_dau: Vec<Block>,
    /// Lines after the body (the closing line of a biên bản).
    pub dong_cuoi: Vec<Block>,
    /// The second signer, on the left (biên bản, hợp đồng).
    pub dong_ky: Option<SignerCtx>,
    /// More co-signing parties, printed two by two above `dong_ky` and `nguoi_ky`.
    pub cac_ben: Vec<SignerCtx>,
    /// The left block of a giấy nghỉ phép: the confirmation of the place of leave.
    pub xac_nhan: Option<String>,
    pub kem_theo: Option<AttachedCtx>,
    pub chu_quan: Vec<String>,
    pub ban_hanh: Vec<String>,
    /// `Số: 05/KH-UBND`, or with the number left blank.
    pub so_ky_hieu: String,
    /// `05/KH-UBND` form used in the phụ lục reference.
    pub so_ngan: String,
    /// `Lạng Sơn, ngày 05 tháng 02 năm 2019`.
    pub dia_danh_ngay: String,
    pub trich_yeu: Vec<String>,
    pub can_cu: Vec<Vec<Span>>,
    pub kinh_gui: Vec<String>,
    pub body: Vec<Block>,
    pub nguoi_ky: SignerCtx,
    pub noi_nhan: Vec<String>,
    pub phu_luc: Vec<AnnexCtx>,
    pub layout: LayoutCtx,
    /// The decree's sizes, spacings and columns for this document's size set.
    pub spec: spec::Spec,
    pub meta: MetaCtx,
}

/// A date of the header; day or month may be blank in a draft.
#[derive(Debug, Clone, Copy)]
pub struct IssueDate {
    pub day: Option<u32>,
    pub month: Option<u32>,
    /// `None` when the whole date is a blank to fill in (`ngay: "{{...}}"`).
    pub year: Option<i32>,
}

/// The state of one document's computation: where diagnostics go, and the numbering that
/// runs on through a whole text.
struct Builder<'a> {
    file: &'a Path,
    source: &'a str,
    table: &'a Table,
    fonts: &'a Fonts,
    report: &'a mut Report,
    /// Chương and Điều run on through the whole text, across chương and mục.
    chuong_no: usize,
    dieu_no: usize,
    /// The text uses the Chương/Mục/Điều scheme (Phụ lục I, 6a): `muc` is `Mục 1`.
    dieu_scheme: bool,
    /// Điều titles bold (Quy chế, Quy định); in a Quyết định only `Điều 1.` is.
    dieu_title_bold: bool,
    /// Tables read for `danh_sach` lists: inputs of the document.
    tables: Vec<PathBuf>,
}

impl Builder<'_> {
    fn error(&mut self, loc: &Location, msg: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(self.file, Pos::from_yaml(loc), msg).with_source(self.source);
        self.report.push(d);
        self.report.items.last_mut().unwrap()
    }

    fn warn(&mut self, loc: &Location, msg: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::warning(self.file, Pos::from_yaml(loc), msg).with_source(self.source);
        self.report.push(d);
        self.report.items.last_mut().unwrap()
    }
}

/// A document after validation and computation.
pub struct Prepared {
    pub ctx: Context,
    pub table: Table,
    /// Files other than the document that its content was computed from (shared files,
    /// inherited documents), for incremental builds.
    pub deps: Vec<PathBuf>,
}

/// Validate and compute one loaded document.
pub fn build(loaded: &Loaded, fonts: &Fonts, report: &mut Report) -> Prepared {
    let Loaded {
        path,
        source,
        doc,
        row_texts,
        row_numbers,
    } = loaded;
    let mut deps = Vec::new();
    let mut table = figures::compute_document(doc, path, source, report, &mut deps);
    // A family member's row: its cells as texts, its number columns as figures.
    table.texts.extend(row_texts.iter().cloned());
    for (name, value) in row_numbers {
        table.put_amount(
            name.clone(),
            *value,
            crate::t!("ô của hàng trong bảng của họ văn bản"),
        );
    }
    let mut b = Builder {
        file: path,
        source,
        table: &table,
        fonts,
        report,
        chuong_no: 0,
        dieu_no: 0,
        dieu_scheme: body::uses_dieu(&doc.noi_dung),
        dieu_title_bold: doc.loai.value.enacting().is_none(),
        tables: Vec::new(),
    };
    let ctx = build_ctx(&mut b, doc);
    deps.append(&mut b.tables);
    Prepared { ctx, table, deps }
}

/// The document, element by element. The order of the calls is the order in which the
/// diagnostics are reported, and tests compare exact lists: it follows the decree from the
/// header down to the phụ lục; the marks of some kinds, the lines of a form and the attached
/// văn bản come after, as they always have.
fn build_ctx(b: &mut Builder, doc: &Document) -> Context {
    let kind = doc.loai.value;
    kinds::check_fields(b, doc);
    let head = header::header(b, doc);
    let (trich_yeu, trich_yeu_loc) = title::trich_yeu(b, doc);
    let can_cu = body::can_cu(b, doc);
    let mut kinh_gui = recipients::kinh_gui(b, doc, &trich_yeu_loc);
    let mut body = body::noi_dung(b, doc);
    let nguoi_ky = signer::signer(b, &doc.nguoi_ky);
    let noi_nhan = recipients::noi_nhan(b, doc);
    let phu_luc = annex::phu_luc(b, doc, &head);
    let marks = header::marks(b, doc);
    let ten = header::agency_name(b, doc);
    let mut form = forms::lines(
        b,
        doc,
        ten.as_deref(),
        &trich_yeu,
        &head.date,
        &mut kinh_gui,
    );
    signer::keep_with_signature(&mut form, &mut body);
    let dong_ky = doc.dong_ky.as_ref().map(|s| signer::party(b, s));
    let cac_ben = doc.cac_ben.iter().map(|s| signer::party(b, s)).collect();
    let kem_theo = annex::attached(b, doc, &head, ten.as_deref(), &nguoi_ky);
    let layout = layout::layout(b, &doc.trinh_bay);
    let meta = layout::meta(kind, &trich_yeu, &head);

    Context {
        loai: kind.key(),
        mau: kind.mau(),
        template: kind.layout_template(),
        ten_loai: title::ten_loai(b, doc),
        tham_quyen: marks.tham_quyen,
        lenh: kind.enacting(),
        do_khan: marks.do_khan,
        luu_hanh: marks.luu_hanh,
        dia_chi: marks.dia_chi,
        dong_dau: form.dong_dau,
        dong_cuoi: form.dong_cuoi,
        dong_ky,
        cac_ben,
        xac_nhan: form.xac_nhan,
        kem_theo,
        chu_quan: head.chu_quan,
        ban_hanh: head.ban_hanh,
        so_ky_hieu: head.so_ky_hieu,
        so_ngan: head.so_ngan,
        dia_danh_ngay: head.dia_danh_ngay,
        trich_yeu,
        can_cu,
        kinh_gui,
        body,
        nguoi_ky,
        noi_nhan,
        phu_luc,
        spec: spec::Spec::for_body(layout.co_chu),
        layout,
        meta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_in_text() {
        let s = parse_rich("a **b**^[ghi [chú] \\*x\\*] c \\^[d]");
        let shown: Vec<(&str, bool, bool)> = s.iter().map(|x| (x.t.as_str(), x.b, x.n)).collect();
        assert_eq!(
            shown,
            vec![
                ("a ", false, false),
                ("b", true, false),
                ("ghi [chú] *x*", false, true),
                (" c ^[d]", false, false)
            ]
        );
    }

    #[test]
    fn rich_text() {
        let s = parse_rich("a **b** *c* 5*3 \\*d\\*");
        assert_eq!(
            s[0],
            Span {
                t: "a ".into(),
                b: false,
                i: false,
                n: false
            }
        );
        assert_eq!(
            s[1],
            Span {
                t: "b".into(),
                b: true,
                i: false,
                n: false
            }
        );
        assert_eq!(
            s[3],
            Span {
                t: "c".into(),
                b: false,
                i: true,
                n: false
            }
        );
        assert_eq!(s[4].t, " 5*3 *d*");
    }

    #[test]
    fn dates() {
        assert!(parse_date("31/02/2020").is_err());
        assert!(parse_date("29/02/2020").is_ok());
        assert!(parse_date("29/02/2019").is_err());
        let d = parse_date("../9/2024").unwrap();
        assert_eq!(d.long(), format!("ngày {BLANK} tháng 9 năm 2024"));
        assert_eq!(
            parse_date("5/1/2020").unwrap().long(),
            "ngày 05 tháng 01 năm 2020"
        );
        assert_eq!(
            parse_date("18/12/2020").unwrap().long(),
            "ngày 18 tháng 12 năm 2020"
        );
    }

    #[test]
    fn list_punctuation() {
        let v = punctuate(&["A;".into(), "B".into(), "C.".into()], ".");
        assert_eq!(v, ["A;", "B;", "C."]);
    }
}
