//! `vanban nhap`: an existing document — a Word file, or the text of a PDF — back into a
//! vanban YAML that rebuilds it. The pipeline mirrors the build's: read ([`read`]) →
//! recognise the decree's parts ([`parse`]) → propose figures ([`figures`]) → write YAML.
//! Nothing is dropped silently: what is not recognised stays a paragraph and is listed, with
//! its line, at the top of the YAML and on the terminal.

pub mod doc;
pub mod edit;
pub mod figures;
pub mod parse;
pub mod read;
pub mod styles;

use std::fmt::Write as _;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::model::{Kind, Level, BLANK};
use parse::{Draft, Node, Note};

/// The YAML written for a document, and what the clerk should look at.
pub struct Imported {
    pub yaml: String,
    /// Lines kept as plain paragraphs or left out, and fields the document lacks.
    pub notes: Vec<Note>,
    pub figures: usize,
}

/// Reads `path` and writes the YAML text; an unreadable file or a text with no part of a
/// document's header is one located error.
pub fn import(path: &Path) -> Result<Imported, Box<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(
            Diagnostic::error(
                path,
                None,
                crate::t!("không đọc được tệp: {e}", e = crate::diag::io_reason(&e)),
            )
            .with_hint(crate::t!("kiểm tra lại đường dẫn")),
        )
    })?;
    import_bytes(path, &bytes)
}

/// [`import`] of a file's bytes already read; `path` names it in messages and its extension
/// says how to read it.
pub fn import_bytes(path: &Path, bytes: &[u8]) -> Result<Imported, Box<Diagnostic>> {
    let fail =
        |msg: String, hint: String| Box::new(Diagnostic::error(path, None, msg).with_hint(hint));
    let (source, items) = read::read_bytes(path, bytes).map_err(|e| match e {
        read::ReadError::Empty => fail(
            crate::t!("tệp rỗng: không có gì để nhập"),
            crate::t!("chọn tệp .docx hoặc tệp văn bản (.txt) có nội dung văn bản"),
        ),
        read::ReadError::NotZip | read::ReadError::NoDocument => fail(
            crate::t!("tệp không phải là tệp Word .docx (hoặc đã hỏng)"),
            crate::t!("mở tệp bằng Word và lưu lại dưới dạng Word Document (.docx); tệp .doc cũ cũng cần lưu lại thành .docx"),
        ),
        read::ReadError::Xml(e) => fail(
            crate::t!("tệp .docx bị hỏng: phần nội dung không đọc được ({e})", e = e),
            crate::t!("mở tệp bằng Word và lưu lại dưới dạng Word Document (.docx)"),
        ),
        read::ReadError::TooLarge(part) => fail(
            crate::t!("tệp .docx có phần {part} lớn quá {mib} MiB khi giải nén: không đọc", part = part, mib = read::MAX_PART >> 20),
            crate::t!("tệp Word thật chỉ vài MiB; mở tệp bằng Word, lưu lại thành .docx rồi nhập lại"),
        ),
        read::ReadError::OldWord(None) => fail(
            crate::t!("tệp Word 97–2003 (.doc): cần LibreOffice để đọc, máy này không có lệnh soffice"),
            crate::t!("mở tệp bằng Word, chọn File > Save As > Word Document (.docx), rồi nhập tệp .docx; hoặc cài LibreOffice"),
        ),
        read::ReadError::OldWord(Some(why)) => fail(
            crate::t!("tệp Word 97–2003 (.doc) không chuyển được sang .docx: {why}", why = why),
            crate::t!("mở tệp bằng Word, chọn File > Save As > Word Document (.docx), rồi nhập tệp .docx"),
        ),
        read::ReadError::Binary => fail(
            crate::t!("tệp không phải văn bản thuần (có thể là tệp .doc cũ hoặc PDF)"),
            crate::t!("với Word: lưu lại thành .docx; với PDF: lấy chữ bằng `pdftotext tệp.pdf tệp.txt`"),
        ),
    })?;
    let mut draft = parse::recognise(source, items);
    if let Some((name, at)) = draft.legal {
        return Err(Box::new(
            Diagnostic::error(
                path,
                Some(crate::diag::Pos { line: at, column: 1 }),
                crate::t!("{name} là văn bản quy phạm pháp luật: vanban chỉ nhập văn bản hành chính (Điều 7 Nghị định 30/2020/NĐ-CP)", name = name),
            )
            .with_hint(crate::t!("văn bản quy phạm pháp luật có thể thức riêng; chọn một văn bản hành chính (quyết định, kế hoạch, công văn…)")),
        ));
    }
    let Some(kind) = draft
        .kind
        .or_else(|| (!draft.kinh_gui.is_empty()).then_some(Kind::CongVan))
    else {
        return Err(Box::new(
            Diagnostic::error(
                path,
                Some(crate::diag::Pos { line: 1, column: 1 }),
                crate::t!("không nhận ra văn bản: không có tên loại (KẾ HOẠCH, QUYẾT ĐỊNH…), dòng Số: hay Kính gửi"),
            )
            .with_hint(crate::t!("vanban nhập văn bản hành chính theo Nghị định 30/2020/NĐ-CP; kiểm tra tệp có phần đầu văn bản")),
        ));
    };
    if draft.header_seen == 0 && draft.body.is_empty() {
        return Err(fail(
            crate::t!("không nhận ra văn bản: không có phần đầu văn bản nào"),
            crate::t!("vanban nhập văn bản hành chính theo Nghị định 30/2020/NĐ-CP; kiểm tra tệp có phần đầu văn bản"),
        ));
    }
    draft.kind = Some(kind);
    let mut funding = Vec::new();
    let mut funding_notes = Vec::new();
    figures::propose_funding(&mut draft.body, &mut funding, &mut funding_notes);
    draft.unrecognised.extend(funding_notes);
    let mut proposals = Vec::new();
    figures::propose(&mut draft.body, &mut proposals);
    for a in &mut draft.annexes {
        figures::propose(&mut a.body, &mut proposals);
    }
    escape_fields(&mut draft);
    let missing = fill_missing(&mut draft);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let yaml = emit(&draft, kind, &proposals, &funding, &missing, &name);
    let mut notes = draft.unrecognised.clone();
    // The agency the original lacks is placed: beside its Quốc hiệu, or at the top.
    let header_at = draft.quoc_hieu_at.unwrap_or(1);
    notes.extend(missing.iter().map(|m| Note {
        at: if m.starts_with("co_quan.ban_hanh") {
            header_at
        } else {
            0
        },
        text: m.clone(),
    }));
    Ok(Imported {
        yaml,
        notes,
        figures: proposals.len() + funding.len(),
    })
}

/// Every field that is printed as written (not prose) escaped, so that a `{{` of the
/// original (a template's `{{NOI_DUNG_AI}}`) prints as it is instead of citing a figure. The
/// body and the căn cứ are escaped as prose where they are read.
fn escape_fields(d: &mut Draft) {
    let e = |s: &mut String| *s = read::escape_plain(s);
    let all = |v: &mut Vec<String>| v.iter_mut().for_each(e);
    for v in [
        &mut d.chu_quan,
        &mut d.ban_hanh,
        &mut d.kinh_gui,
        &mut d.quyen_han,
        &mut d.noi_nhan,
        &mut d.luu,
        &mut d.thanh_phan,
    ] {
        all(v);
    }
    for s in [
        &mut d.viet_tat,
        &mut d.don_vi_soan_thao,
        &mut d.dia_danh,
        &mut d.trich_yeu,
        &mut d.tham_quyen,
        &mut d.chuc_vu,
        &mut d.ho_ten,
        &mut d.nguoi_soan,
        &mut d.ten,
    ] {
        s.iter_mut().for_each(e);
    }
    for (_, fields) in &mut d.forms {
        fields.iter_mut().for_each(|(_, v)| e(v));
    }
    for p in d.dong_ky.iter_mut().chain(d.cac_ben.iter_mut()) {
        all(&mut p.quyen_han);
        e(&mut p.chuc_vu);
        e(&mut p.ho_ten);
    }
    if let Some(k) = &mut d.kem_theo {
        e(&mut k.trich_yeu);
        k.cua.iter_mut().for_each(e);
        all(&mut k.quyen_han);
        k.chuc_vu.iter_mut().for_each(e);
        k.ho_ten.iter_mut().for_each(e);
    }
    for a in &mut d.annexes {
        e(&mut a.tieu_de);
    }
    d.ten_loai.iter_mut().for_each(e);
}

/// A field the document needs and the source does not show: left as a [`BLANK`] that
/// prints as a dotted line and that `vanban check` reports, and listed for the clerk.
fn blank(missing: &mut Vec<String>, field: &str, why: &str) -> String {
    missing.push(format!("{field}: {why}, để chỗ trống {BLANK}"));
    BLANK.to_string()
}

/// Fields a document needs that the source does not show (a text extraction that lost the
/// header, a document with no header at all): each is left blank — never invented — and
/// listed for the clerk to fill in.
fn fill_missing(d: &mut Draft) -> Vec<String> {
    let mut missing = Vec::new();
    let m = &mut missing;
    if d.ban_hanh.is_empty() {
        d.ban_hanh = vec![blank(
            m,
            "co_quan.ban_hanh",
            "văn bản gốc không có tên cơ quan ban hành",
        )];
    }
    if d.viet_tat.is_none() {
        let guess = abbreviation(&d.ban_hanh);
        d.viet_tat = Some(match guess {
            Some(g) => {
                m.push(format!(
                    "co_quan.viet_tat: văn bản gốc không có dòng Số:, lấy chữ đầu tên cơ quan: {g}"
                ));
                g
            }
            None => blank(m, "co_quan.viet_tat", "văn bản gốc không có dòng Số:"),
        });
    }
    if d.so == Some(0) {
        d.so = None;
    }
    if d.kind != Some(Kind::CongVan) {
        if let Some(u) = d.don_vi_soan_thao.take() {
            m.push(format!(
                "don_vi_soan_thao: {u} bỏ đi, chỉ công văn có đơn vị soạn thảo trong ký hiệu"
            ));
        }
    }
    if d.ngay
        .as_deref()
        .is_some_and(|n| crate::context::parse_date(n).is_err())
    {
        m.push(format!(
            "ngay: ngày {} không có thật, để trống ngày và tháng",
            d.ngay.as_deref().unwrap_or("")
        ));
        let year = d
            .ngay
            .as_deref()
            .and_then(|n| n.rsplit('/').next())
            .unwrap_or("");
        d.ngay = Some(format!("../../{year}")).filter(|n| crate::context::parse_date(n).is_ok());
    }
    if d.dia_danh.is_none() {
        d.dia_danh = Some(blank(m, "dia_danh", "văn bản gốc không có địa danh"));
    }
    if d.ngay.is_none() {
        d.ngay = Some(blank(m, "ngay", "văn bản gốc không có ngày ban hành"));
    }
    // Every kind but a giấy giới thiệu or giấy nghỉ phép has a trích yếu (title.rs).
    if d.trich_yeu.is_none() && d.kind.is_some_and(Kind::has_summary) {
        d.trich_yeu = Some(blank(m, "trich_yeu", "không thấy trích yếu"));
    }
    form_fields(d, m);
    if d.chuc_vu.is_none() {
        d.chuc_vu = Some(blank(m, "nguoi_ky.chuc_vu", "không thấy chức vụ người ký"));
    }
    if d.ho_ten.is_none() {
        d.ho_ten = Some(blank(m, "nguoi_ky.ho_ten", "không thấy họ tên người ký"));
    }
    missing
}

/// The ký hiệu's abbreviation of an agency from its name (`UBND` for a people's committee,
/// else the initials); `None` when the name is itself a blank.
fn abbreviation(ban_hanh: &[String]) -> Option<String> {
    let name = ban_hanh.join(" ");
    if name.contains(BLANK) {
        return None;
    }
    if name.starts_with("ỦY BAN NHÂN DÂN") || name.starts_with("UỶ BAN NHÂN DÂN") {
        return Some("UBND".into());
    }
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .collect();
    (!initials.is_empty()).then_some(initials)
}

/// The fields a kind needs (kinds.rs) filled, and those it does not take dropped, so that
/// the YAML builds; each is listed for the clerk.
fn form_fields(d: &mut Draft, missing: &mut Vec<String>) {
    use Kind::*;
    let Some(kind) = d.kind else { return };
    match (&d.tham_quyen, kind.has_authority()) {
        (None, true) => {
            d.tham_quyen = Some(blank(
                missing,
                "tham_quyen",
                "không thấy dòng thẩm quyền ban hành",
            ));
        }
        (Some(t), false) => {
            missing.push(format!(
                "tham_quyen: {} bỏ đi, {} không có dòng này",
                t,
                kind.name().to_lowercase()
            ));
            d.tham_quyen = None;
        }
        _ => {}
    }
    if d.dong_ky.is_some() && !kind.has_cosigner() {
        // Not a second signature after all: keep its words in the notes.
        let parties: Vec<parse::Party> = d
            .dong_ky
            .take()
            .into_iter()
            .chain(d.cac_ben.drain(..))
            .collect();
        let named: Vec<String> = parties
            .iter()
            .map(|p| format!("{} {}", p.chuc_vu, p.ho_ten))
            .collect();
        missing.push(format!(
            "chữ ký của bên khác ({}) bỏ đi: {} chỉ có một người ký",
            named.join("; "),
            kind.name().to_lowercase()
        ));
    }
    if d.dong_ky.is_none() && kind.needs_cosigner() {
        let chuc_vu = blank(missing, "dong_ky.chuc_vu", "không thấy chữ ký thứ hai");
        d.dong_ky = Some(parse::Party {
            quyen_han: Vec::new(),
            chuc_vu,
            ho_ten: BLANK.to_string(),
        });
    }
    if d.kem_theo
        .as_ref()
        .is_some_and(|k| kind != QuyetDinh || !k.kind.can_be_attached())
    {
        let k = d.kem_theo.take().unwrap();
        missing.push(format!(
            "văn bản kèm theo ({}) bỏ đi: {} không ban hành kèm theo được",
            k.kind.name(),
            kind.name().to_lowercase()
        ));
    }
    if d.kinh_gui.is_empty() && kind == GiayMoi {
        d.kinh_gui = vec![blank(missing, "kinh_gui", "không thấy người được mời")];
    }
    let Some(section) = kind.form() else {
        drop_forms(d, kind, missing);
        return;
    };
    // A giấy mời with none of the Mẫu 1.7 lines is written freely: Kính gửi and its body.
    let has_form = d.forms.iter().any(|f| f.0 == section);
    if !has_form && !kind.needs_form() {
        return;
    }
    if d.ten.is_none() && matches!(kind, GiayMoi | GiayGioiThieu) {
        d.ten = Some(agency_in_text(&d.ban_hanh, missing));
    }
    if !has_form {
        d.forms.push((section, Vec::new()));
    }
    let fields = &mut d.forms.iter_mut().find(|f| f.0 == section).unwrap().1;
    for key in kind.form_fields() {
        if !fields.iter().any(|(k, _)| k == key) {
            let why = "không thấy trong văn bản gốc";
            fields.push((key, blank(missing, &format!("{section}.{key}"), why)));
        }
    }
}

/// The agency as named in a sentence, from its IN HOA name: the clerk mends the capitals of
/// proper names, which cannot be told from the header.
fn agency_in_text(ban_hanh: &[String], missing: &mut Vec<String>) -> String {
    let name = ban_hanh.join(" ");
    if name.contains(BLANK) {
        return blank(missing, "co_quan.ten", "không có tên cơ quan");
    }
    let name = name.to_lowercase();
    let mut chars = name.chars();
    let ten: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    missing.push(format!(
        "co_quan.ten: tên cơ quan viết trong câu, lấy từ tên in hoa “{ten}”: sửa chữ hoa của tên riêng"
    ));
    ten
}

/// The fields of a form a kind does not have are dropped, and listed.
fn drop_forms(d: &mut Draft, kind: Kind, missing: &mut Vec<String>) {
    let forms: Vec<&str> = d
        .forms
        .iter()
        .map(|f| f.0)
        .filter(|f| *f != "dia_chi")
        .collect();
    if !forms.is_empty() {
        missing.push(format!(
            "{} bỏ đi: {} không có phần này",
            forms.join(", "),
            kind.name().to_lowercase()
        ));
        d.forms.retain(|f| f.0 == "dia_chi");
    }
}

/// A YAML double-quoted scalar: always valid, whatever the text holds.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(out: &mut String, key: &str, items: &[String], indent: &str) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}{key}:");
    for i in items {
        let _ = writeln!(out, "{indent}  - {}", q(i));
    }
}

/// A YAML flow list of quoted strings: `["VT", "KTN"]`.
fn flow(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// One line of a name printed on several lines (`Lines`): a string, or a list.
fn lines(items: &[String]) -> String {
    match items {
        [one] => q(one),
        _ => flow(items),
    }
}

/// A signer block (`nguoi_ky`, `dong_ky`) at `indent`: quyền hạn lines, chức vụ, họ tên.
fn signer(
    o: &mut String,
    indent: &str,
    key: &str,
    quyen_han: &[String],
    chuc_vu: &str,
    ho_ten: &str,
) {
    let _ = writeln!(o, "{indent}{key}:");
    if !quyen_han.is_empty() {
        let _ = writeln!(o, "{indent}  quyen_han: {}", flow(quyen_han));
    }
    let _ = writeln!(o, "{indent}  chuc_vu: {}", q(chuc_vu));
    let _ = writeln!(o, "{indent}  ho_ten: {}", q(ho_ten));
}

/// The YAML of a draft, with the comments the clerk reads first (what to look at, what
/// the original lacks, the figures proposed), in the order of the model's fields.
fn emit(
    d: &Draft,
    kind: Kind,
    proposals: &[figures::Proposal],
    funding: &[figures::FundingProposal],
    missing: &[String],
    name: &str,
) -> String {
    let mut o = String::new();
    preamble(&mut o, d, proposals, funding, missing, name);
    header_fields(&mut o, d, kind);
    form_sections(&mut o, d);
    if !proposals.is_empty() || !d.results.is_empty() || !funding.is_empty() {
        let _ = writeln!(o, "\nso_lieu:");
    }
    funding_groups(&mut o, funding);
    results(&mut o, d);
    targets(&mut o, proposals);
    body_and_signatures(&mut o, d);
    attached(&mut o, d);
    annexes(&mut o, d);
    o
}

/// The comments at the top: what was not recognised, what the original lacks, the figures.
fn preamble(
    o: &mut String,
    d: &Draft,
    proposals: &[figures::Proposal],
    funding: &[figures::FundingProposal],
    missing: &[String],
    name: &str,
) {
    let _ = writeln!(
        o,
        "# Nhập từ {name} bằng `vanban nhap`. Dựng lại bằng `vanban build`."
    );
    if !d.unrecognised.is_empty() {
        let _ = writeln!(
            o,
            "#\n# Cần xem lại (phần chưa nhận ra được giữ thành đoạn văn thường hoặc bỏ qua):"
        );
        for n in &d.unrecognised {
            let _ = writeln!(o, "#   dòng {}: {}", n.at, n.text.replace('\n', " "));
        }
    }
    if !missing.is_empty() {
        let _ = writeln!(
            o,
            "#\n# Văn bản gốc thiếu những phần sau: vanban để chỗ trống {BLANK} (in thành dòng chấm,\n# `vanban check` báo từng chỗ), cần điền:"
        );
        for m in missing {
            let _ = writeln!(o, "#   {m}");
        }
    }
    if !funding.is_empty() {
        let _ = writeln!(
            o,
            "#\n# Nguồn vốn: {} nhóm có tổng và các dòng cộng lại đúng được đưa vào so_lieu.nguon_von;\n# vanban tính tỷ lệ của từng dòng.",
            funding.len()
        );
    }
    if !proposals.is_empty() {
        let _ = writeln!(
            o,
            "#\n# Số liệu: {} tỷ lệ ghi trong văn bản được đưa vào so_lieu (ty_le_ghi giữ số cũ);\n# chạy `vanban check` để xem tỷ lệ nào ghi sai.",
            proposals.len()
        );
    }
}

/// Loại, the agency, số, địa danh and ngày, trích yếu, thẩm quyền, căn cứ, Kính gửi.
fn header_fields(o: &mut String, d: &Draft, kind: Kind) {
    let _ = writeln!(o, "\nloai: {}", kind.key());
    if let Some(t) = &d.ten_loai {
        let _ = writeln!(o, "ten_loai: {}", q(t));
    }
    o.push('\n');
    let _ = writeln!(o, "co_quan:");
    if !d.chu_quan.is_empty() {
        let _ = writeln!(o, "  chu_quan: {}", lines(&d.chu_quan));
    }
    let _ = writeln!(o, "  ban_hanh: {}", lines(&d.ban_hanh));
    let _ = writeln!(o, "  viet_tat: {}", q(d.viet_tat.as_deref().unwrap_or("")));
    if let Some(t) = &d.ten {
        let _ = writeln!(o, "  ten: {}", q(t));
    }
    if let Some(so) = d.so {
        let _ = writeln!(o, "so: {so}");
    }
    if let Some(u) = &d.don_vi_soan_thao {
        let _ = writeln!(o, "don_vi_soan_thao: {}", q(u));
    }
    let _ = writeln!(o, "dia_danh: {}", q(d.dia_danh.as_deref().unwrap_or("")));
    let _ = writeln!(o, "ngay: {}", q(d.ngay.as_deref().unwrap_or("")));
    if let Some(u) = d.do_khan {
        let _ = writeln!(o, "do_khan: {u}");
    }
    if let Some(t) = &d.trich_yeu {
        let _ = writeln!(o, "\ntrich_yeu: {}", q(t));
    }
    if let Some(t) = &d.tham_quyen {
        let _ = writeln!(o, "tham_quyen: {}", q(t));
    }
    if !d.can_cu.is_empty() {
        o.push('\n');
        list(o, "can_cu", &d.can_cu, "");
    }
    if !d.kinh_gui.is_empty() {
        o.push('\n');
        list(o, "kinh_gui", &d.kinh_gui, "");
    }
}

/// The forms' fields (`cuoc_hop`, `gioi_thieu`, `nghi_phep`, `dia_chi`).
fn form_sections(o: &mut String, d: &Draft) {
    for (section, fields) in &d.forms {
        let _ = writeln!(o, "\n{section}:");
        for (k, v) in fields {
            let _ = writeln!(o, "  {k}: {}", q(v));
        }
        if *section == "cuoc_hop" && !d.thanh_phan.is_empty() {
            list(o, "thanh_phan", &d.thanh_phan, "  ");
        }
    }
}

/// `so_lieu.nguon_von`: funding groups whose lines add up to their stated total.
fn funding_groups(o: &mut String, funding: &[figures::FundingProposal]) {
    if !funding.is_empty() {
        let _ = writeln!(o, "  nguon_von:");
        for f in funding {
            let _ = writeln!(o, "    # dòng {}: {}", f.at, f.quote.replace('\n', " "));
            let _ = writeln!(o, "    {}:", f.name);
            let _ = writeln!(o, "      don_vi: {}", q(&f.unit));
            if f.decimals != 1 {
                let _ = writeln!(o, "      chu_so: {}", f.decimals);
            }
            let _ = writeln!(o, "      tong_ghi: {}", f.total);
            let _ = writeln!(o, "      dong:");
            for (key, amount, stated, subs) in &f.lines {
                let stated = stated.as_deref().map(q);
                if subs.is_empty() {
                    let share = stated
                        .map(|s| format!(", ty_le_ghi: {s}"))
                        .unwrap_or_default();
                    let _ = writeln!(o, "        {key}: {{ so_tien: {amount}{share} }}");
                } else {
                    let _ = writeln!(o, "        {key}:");
                    if let Some(s) = stated {
                        let _ = writeln!(o, "          ty_le_ghi: {s}");
                    }
                    let _ = writeln!(o, "          dong:");
                    for (k, v) in subs {
                        let _ = writeln!(o, "            {k}: {v}");
                    }
                }
            }
        }
    }
}

/// `so_lieu.thuc_hien` (and the kế hoạch with decimals as constants) from a bảng kết quả.
fn results(o: &mut String, d: &Draft) {
    // A kế hoạch with decimals is a constant (`ke_hoach` takes a whole number or a name).
    let decimal_plans: Vec<&[String; 5]> =
        d.results.iter().filter(|r| r[3].contains('.')).collect();
    if !decimal_plans.is_empty() {
        let _ = writeln!(o, "  hang_so:");
        for r in &decimal_plans {
            let _ = writeln!(o, "    {}_ke_hoach: {}", r[0], r[3]);
        }
    }
    if !d.results.is_empty() {
        let _ = writeln!(
            o,
            "  # Bảng kết quả: vanban tính lại cột tỷ lệ.\n  thuc_hien:"
        );
        for [name, ten, don_vi, ke_hoach, dat] in &d.results {
            let unit = if don_vi.is_empty() {
                String::new()
            } else {
                format!(", don_vi: {}", q(don_vi))
            };
            let _ = writeln!(
                o,
                "    {name}: {{ ten: {}{unit}, ke_hoach: {}, dat: {dat} }}",
                q(&read::escape(ten)),
                if ke_hoach.contains('.') {
                    format!("{name}_ke_hoach")
                } else {
                    ke_hoach.clone()
                }
            );
        }
    }
}

/// `so_lieu.chi_tieu`: the counts and shares stated in the text.
fn targets(o: &mut String, proposals: &[figures::Proposal]) {
    if !proposals.is_empty() {
        let _ = writeln!(o, "  chi_tieu:");
        for p in proposals {
            let _ = writeln!(o, "    # dòng {}: {}", p.at, p.quote.replace('\n', " "));
            let decimals = if p.decimals == 1 {
                String::new()
            } else {
                format!(", chu_so: {}", p.decimals)
            };
            let _ = writeln!(
                o,
                "    {}: {{ da_dat: {}, mau_so: {}, ty_le_ghi: {}{decimals} }}",
                p.name,
                p.count,
                p.total,
                q(&p.stated)
            );
        }
    }
}

/// The body, the signatures (more parties, the co-signer, the signer), Nơi nhận and Lưu.
fn body_and_signatures(o: &mut String, d: &Draft) {
    if !d.body.is_empty() {
        let _ = writeln!(o, "\nnoi_dung:");
        nodes(o, &d.body, "  ");
    }
    if !d.cac_ben.is_empty() {
        let _ = writeln!(o, "\ncac_ben:");
        for p in &d.cac_ben {
            let _ = writeln!(o, "  - quyen_han: {}", flow(&p.quyen_han));
            let _ = writeln!(o, "    chuc_vu: {}", q(&p.chuc_vu));
            let _ = writeln!(o, "    ho_ten: {}", q(&p.ho_ten));
        }
    }
    if let Some(p) = &d.dong_ky {
        o.push('\n');
        signer(o, "", "dong_ky", &p.quyen_han, &p.chuc_vu, &p.ho_ten);
    }
    o.push('\n');
    let (chuc_vu, ho_ten) = (d.chuc_vu.as_deref(), d.ho_ten.as_deref());
    signer(
        o,
        "",
        "nguoi_ky",
        &d.quyen_han,
        chuc_vu.unwrap_or(""),
        ho_ten.unwrap_or(""),
    );
    if !d.noi_nhan.is_empty() {
        o.push('\n');
        list(o, "noi_nhan", &d.noi_nhan, "");
    }
    if !d.luu.is_empty() {
        let _ = writeln!(o, "luu: {}", flow(&d.luu));
    }
    if let Some(n) = &d.nguoi_soan {
        let _ = writeln!(o, "nguoi_soan: {}", q(n));
    }
    if let Some(n) = d.so_ban {
        let _ = writeln!(o, "so_ban: {n}");
    }
}

/// A document issued with the Quyết định (`kem_theo`).
fn attached(o: &mut String, d: &Draft) {
    if let Some(k) = &d.kem_theo {
        let _ = writeln!(o, "\nkem_theo:\n  loai: {}", k.kind.key());
        let _ = writeln!(o, "  trich_yeu: {}", q(&k.trich_yeu));
        if let Some(c) = &k.cua {
            let _ = writeln!(o, "  cua: {}", q(c));
        }
        let _ = writeln!(o, "  noi_dung:");
        nodes(o, &k.body, "    ");
        if let Some(chuc_vu) = &k.chuc_vu {
            let ho_ten = k.ho_ten.as_deref().unwrap_or("");
            signer(o, "  ", "nguoi_ky", &k.quyen_han, chuc_vu, ho_ten);
        }
    }
}

/// The phụ lục: title, orientation, body, responsibility matrix.
fn annexes(o: &mut String, d: &Draft) {
    if !d.annexes.is_empty() {
        let _ = writeln!(o, "\nphu_luc:");
        for a in &d.annexes {
            let _ = writeln!(o, "  - tieu_de: {}", q(&a.tieu_de));
            if a.ngang {
                let _ = writeln!(o, "    ngang: true");
            }
            if !a.body.is_empty() {
                let _ = writeln!(o, "    noi_dung:");
                nodes(o, &a.body, "      ");
            }
            if !a.matrix.is_empty() {
                let _ = writeln!(o, "    ma_tran:");
                for g in &a.matrix {
                    let _ = writeln!(o, "      - nhom: {}", q(&g.nhom));
                    let _ = writeln!(o, "        viec:");
                    for v in &g.viec {
                        let keys = ["noi_dung", "chi_dao", "thuc_hien", "phoi_hop", "thoi_gian"];
                        let mut first = true;
                        for (k, val) in keys.iter().zip(v) {
                            if val.is_empty() && *k != "noi_dung" {
                                continue;
                            }
                            let lead = if first {
                                "          - "
                            } else {
                                "            "
                            };
                            first = false;
                            let _ = writeln!(o, "{lead}{k}: {}", q(&read::escape(val)));
                        }
                    }
                }
            }
        }
    }
}

fn nodes(o: &mut String, list: &[Node], indent: &str) {
    for n in list {
        if n.level == Level::BangKetQua {
            let _ = writeln!(o, "{indent}- bang_ket_qua: [{}]", n.text);
            continue;
        }
        if n.level == Level::Bang {
            let _ = writeln!(o, "{indent}- bang:");
            for row in &n.rows {
                let _ = writeln!(o, "{indent}    - {}", flow(row));
            }
            continue;
        }
        let _ = writeln!(o, "{indent}- {}: {}", n.level.key(), q(&n.text));
        if let Some(dam) = n.dam {
            let _ = writeln!(o, "{indent}  dam: {dam}");
        }
        if !n.children.is_empty() {
            let _ = writeln!(o, "{indent}  noi_dung:");
            nodes(o, &n.children, &format!("{indent}    "));
        }
    }
}
