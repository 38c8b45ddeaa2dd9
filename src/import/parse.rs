//! Recognising the parts of the decree in the paragraphs of a document: ô 1–2 (chủ quản, ban
//! hành), ô 3 (Số, ký hiệu), ô 4 (địa danh, ngày), ô 5 (tên loại, trích yếu, V/v), căn cứ,
//! Kính gửi, ô 6 (the body's levels), ô 7 (quyền hạn, chức vụ, họ tên), ô 9 (Nơi nhận, Lưu)
//! and the phụ lục. What is not recognised stays a paragraph and is noted with its line.

use super::read::{Item, Line, Signers, Source, Table};
use crate::model::{Kind, KINDS};

/// A part of the body: one level of the decree and its text in vanban's prose syntax.
#[derive(Debug, Clone)]
pub struct Node {
    pub level: &'static str,
    pub text: String,
    pub dam: Option<bool>,
    pub children: Vec<Node>,
    pub at: usize,
    /// The rows of a `bang` (a table typed in the document), escaped; the first is its headings.
    pub rows: Vec<Vec<String>>,
}

impl Node {
    /// A paragraph or a results table: a node with no children of its own.
    fn leaf(level: &'static str, text: String, at: usize) -> Node {
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

/// Upper case text: every letter a capital, at least two letters.
pub fn is_upper(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

fn starts_upper(s: &str) -> bool {
    s.trim_start_matches(['"', '“', '(', '*', '\''])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The marker of a body level at the start of a line, and its length in characters.
fn marker(s: &str) -> Option<(&'static str, usize, String)> {
    let t = s;
    let word_num = |prefix: &str| -> Option<(usize, String)> {
        let rest = t.strip_prefix(prefix)?;
        let num: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        if num.is_empty() || !(num.chars().all(|c| c.is_ascii_digit()) || is_roman(&num)) {
            return None;
        }
        let after = &rest[num.len()..];
        let punct: String = after
            .chars()
            .take_while(|c| matches!(c, '.' | ':' | ' '))
            .collect();
        Some((
            prefix.chars().count() + num.chars().count() + punct.chars().count(),
            num,
        ))
    };
    for (prefix, level) in [
        ("Chương ", "chuong"),
        ("CHƯƠNG ", "chuong"),
        ("Điều ", "dieu"),
        ("Mục ", "muc_chuong"),
        ("MỤC ", "muc_chuong"),
        ("Phần ", "phan"),
        ("PHẦN ", "phan"),
    ] {
        if let Some((n, num)) = word_num(prefix) {
            return Some((level, n, num));
        }
    }
    // I. / 1. / a) / - / +
    let num: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let rest = &t[num.len()..];
    if !num.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            if after.starts_with(' ') || after.is_empty() {
                let len = num.len() + 1 + (after.len() - after.trim_start().len());
                if num.chars().all(|c| c.is_ascii_digit()) && num.len() <= 3 {
                    return Some(("khoan", len, num));
                }
                if is_roman(&num) && num.chars().all(|c| c.is_ascii_uppercase()) {
                    return Some(("muc", len, num));
                }
            }
        }
    }
    let letter: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    if letter.chars().count() == 1 && letter.chars().all(char::is_lowercase) {
        let rest = &t[letter.len()..];
        if let Some(after) = rest.strip_prefix(')') {
            let len = 2 + (after.len() - after.trim_start().len());
            return Some(("diem", len, letter));
        }
    }
    for (m, level) in [
        ("- ", "gach"),
        ("– ", "gach"),
        ("• ", "gach"),
        ("+ ", "cong"),
    ] {
        if let Some(after) = t.strip_prefix(m) {
            let len = m.chars().count() + (after.len() - after.trim_start().len());
            return Some((level, len, String::new()));
        }
    }
    None
}

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 6
        && s.chars().all(|c| "IVXLC".contains(c))
        && roman_value(s).is_some()
}

fn roman_value(s: &str) -> Option<usize> {
    (1..=100).find(|n| crate::numfmt::roman(*n) == s)
}

/// A number written in a marker: arabic, roman or a letter of the điểm alphabet.
fn marker_number(level: &str, num: &str) -> Option<usize> {
    match level {
        "diem" => (1..=23).find(|n| crate::numfmt::letter(*n) == num),
        _ => num.parse().ok().or_else(|| roman_value(num)),
    }
}

/// The fixed box of a giấy nghỉ phép (Mẫu 1.10), written by the context.
const NGHI_PHEP_BOX: &str =
    "Xác nhận của cơ quan, đơn vị hoặc chính quyền địa phương nơi nghỉ phép";

use crate::model::AUTHORITY_PREFIXES as SIGNER_PREFIXES;

fn is_signer_cue(s: &str) -> bool {
    SIGNER_PREFIXES
        .iter()
        .any(|p| s.strip_prefix(p).is_some_and(is_upper))
}

fn is_noi_nhan(s: &str) -> bool {
    let s = s.trim_start_matches('*');
    s.starts_with("Nơi nhận") || s.starts_with("NƠI NHẬN")
}

fn is_annex_start(s: &str) -> bool {
    annex_start(s).is_some()
}

/// The heading of a phụ lục — `Phụ lục`, `PHỤ LỤC II`, `Phụ lục 01`, `Phụ lục: DANH SÁCH …`,
/// `Phụ lục số 2 - …` — and the title written on the same line (empty when none).
fn annex_start(s: &str) -> Option<String> {
    let s = s.trim();
    let rest = s
        .strip_prefix("Phụ lục")
        .or_else(|| s.strip_prefix("PHỤ LỤC"))?;
    let bare = rest.trim().trim_end_matches([':', '.']);
    if bare.is_empty() || bare.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        return Some(String::new());
    }
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("số ").unwrap_or(rest);
    let num: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let numbered = num.chars().all(|c| c.is_ascii_digit()) || is_roman(&num);
    let after = if numbered { &rest[num.len()..] } else { rest };
    let title = after
        .trim_start()
        .strip_prefix([':', '-', '–', '.'])?
        .trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// The kind whose tên loại is this line (`KẾ HOẠCH`).
fn title_kind(s: &str) -> Option<Kind> {
    let s = s.trim().trim_end_matches(':');
    if !is_upper(s) {
        return None;
    }
    KINDS
        .iter()
        .find(|row| row.0 != Kind::CongVan && row.2.to_uppercase() == s)
        .map(|row| row.0)
}

/// The kind of a tên loại with words after the name (`BIÊN BẢN LÀM VIỆC`, `GIẤY MỜI HỌP`,
/// `THÔNG BÁO KẾT LUẬN`), and the whole line; the bare name is [`title_kind`].
fn title_with_suffix(s: &str) -> Option<(Kind, String)> {
    let s = s.trim().trim_end_matches(':').trim();
    if let Some(k) = title_kind(s) {
        return Some((k, s.to_string()));
    }
    if !is_upper(s) || s.split_whitespace().count() > 8 || s.contains(':') {
        return None;
    }
    KINDS
        .iter()
        .filter(|row| row.0 != Kind::CongVan)
        .filter(|row| {
            s.strip_prefix(row.2.to_uppercase().as_str())
                .is_some_and(|rest| rest.starts_with(' ') && rest.trim().len() > 1)
        })
        .max_by_key(|row| row.2.len())
        .map(|row| (row.0, s.to_string()))
}

fn kind_by_abbreviation(a: &str) -> Option<Kind> {
    KINDS.iter().find(|row| row.3 == Some(a)).map(|row| row.0)
}

/// Joins the lines of a text extraction back into paragraphs: a paragraph of justified text
/// fills the width except on its last line, so a short line, or a line ending a sentence
/// followed by a capital, a marker or a known opening word, ends a paragraph.
fn paragraphs(source: Source, items: Vec<Item>) -> Vec<P> {
    if source != Source::Text {
        let mut out: Vec<P> = Vec::new();
        for item in items {
            match item {
                Item::Line(l) => {
                    // A paragraph cut by a page break of the PDF the Markdown was made
                    // from: no sentence end before, a small letter after.
                    if source == Source::Markdown {
                        if let Some(P::Line(prev)) = out.last_mut() {
                            let p = prev.plain();
                            let t = l.plain();
                            if !p.trim_end().ends_with(['.', ':', ';', '!', '?', '*'])
                                && t.trim_start().starts_with(|c: char| c.is_lowercase())
                                && !prev.cell
                            {
                                prev.append(l.runs);
                                continue;
                            }
                        }
                    }
                    out.push(P::Line(l))
                }
                Item::Table(t) => out.push(P::Table(t)),
                Item::Signers(s) => out.push(P::Signers(s)),
                Item::Blank => {}
            }
        }
        return out;
    }
    let mut widths: Vec<usize> = items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l.plain().trim().chars().count()),
            _ => None,
        })
        .collect();
    widths.sort_unstable();
    let typical = widths
        .get(widths.len() * 9 / 10)
        .copied()
        .unwrap_or(80)
        .max(20);
    let short = typical * 3 / 4;
    let mut out: Vec<P> = Vec::new();
    // Length of the last physical line of the paragraph being built.
    let mut last_len = usize::MAX;
    for item in items {
        let Item::Line(mut line) = item else {
            continue;
        };
        let text = line.plain().trim().to_string();

        line.runs = vec![super::read::Run::plain(text.clone())];
        let join = match out.last() {
            Some(P::Line(prev)) => continues(prev.plain().trim_end(), &text, last_len < short),
            _ => false,
        };
        last_len = text.chars().count();
        if join {
            if let Some(P::Line(prev)) = out.last_mut() {
                let p = &mut prev.runs[0].text;
                // A word broken at a hyphen (COVID-/19) is joined without a space.
                let glued =
                    p.ends_with('-') && p.chars().rev().nth(1).is_some_and(char::is_alphanumeric);
                if !glued {
                    p.push(' ');
                }
                p.push_str(&text);
            }
        } else {
            out.push(P::Line(line));
        }
    }
    out
}

/// Whether `text`, the next line of an extraction, goes on the paragraph that ends with `p`
/// (`short`: the paragraph's last line did not fill the width).
fn continues(p: &str, text: &str, short: bool) -> bool {
    // A header split by the extraction: `Bắc Sơn, ngày` | `tháng 9 năm 2024`, `Số:` | `/UBND-PNN`.
    let split_date = (p.ends_with(", ngày") || p.contains(", ngày ") && !p.contains("tháng"))
        && text.starts_with("tháng");
    if split_date || p == "Số:" && text.contains('/') {
        return true;
    }
    let cue = marker(text).is_some()
        || opening(text)
        || is_noi_nhan(text)
        || is_signer_cue(text)
        || p.ends_with(':') && !text.starts_with(|c: char| c.is_lowercase());
    let sentence_end = p.ends_with(['.', ':', ';', '!', '?']);
    let (upper_before, upper_now) = (is_upper(p), is_upper(text));
    !(cue
        || upper_before != upper_now
        || upper_before && upper_now && short
        || (sentence_end || short) && starts_upper(text))
}

/// Words that open a part of the document on a new line.
fn opening(s: &str) -> bool {
    [
        "Căn cứ",
        "Kính gửi",
        "Số:",
        "V/v",
        "Theo đề nghị",
        "Xét đề nghị",
        "QUYẾT ĐỊNH",
        "Lưu:",
        // The labelled lines of the forms (Mẫu 1.7–1.10).
        "Tới dự:",
        "Thời gian:",
        "Thời gian bắt đầu:",
        "Địa điểm:",
        "Thành phần tham dự:",
        "Chủ trì (chủ tọa):",
        "Thư ký (người ghi biên bản):",
        "Nội dung:",
        "Ông (bà):",
        "Chức vụ:",
        "Chức vụ, đơn vị công tác:",
        "Được cử đến:",
        "Về việc:",
        "Giấy này có giá trị",
        "Được nghỉ phép",
        "Xét Đơn",
    ]
    .iter()
    .any(|c| s.starts_with(c))
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

fn header(c: &mut Cursor, d: &mut Draft, source: Source) {
    let mut agency: Vec<(String, Option<bool>)> = Vec::new();
    let mut in_vv = false;
    while let Some(p) = c.peek() {
        let P::Line(line) = p else { break };
        let text = line.plain().trim().to_string();
        let bold = line.all_bold();
        // Markdown's bold marks; a Word file's stars are its text.
        let stripped = match source {
            Source::Word => text.clone(),
            _ => text.trim_matches('*').trim().to_string(),
        };
        if title_with_suffix(&stripped).is_some() || stripped.starts_with("Kính gửi") {
            break;
        }
        let legal = crate::model::LEGAL_KINDS
            .iter()
            .find(|k| k.to_uppercase() == stripped);
        if let Some(k) = legal {
            d.legal = Some((k, line.at));
            break;
        }
        if let Some(pos) =
            find_ci(&stripped, "CỘNG HÒA XÃ HỘI").or_else(|| find_ci(&stripped, "CỘNG HOÀ XÃ HỘI"))
        {
            d.header_seen += 1;
            let before = stripped[..pos].trim();
            if !before.is_empty() {
                agency.push((before.to_string(), bold));
            }
            in_vv = false;
            c.i += 1;
            continue;
        }
        if let Some(pos) = stripped.find("Độc lập") {
            d.header_seen += 1;
            let before = stripped[..pos].trim();
            if !before.is_empty() && is_upper(before) {
                agency.push((before.to_string(), bold));
            }
            c.i += 1;
            continue;
        }
        if let Some(rest) = stripped
            .strip_prefix("Số:")
            .or_else(|| stripped.strip_prefix("Số :"))
        {
            d.header_seen += 1;
            let rest = number(rest, d);
            if let Some(date_pos) = rest.find(", ngày") {
                let start = rest[..date_pos].rfind("  ").map(|p| p + 2).unwrap_or(0);
                date(&rest[start..], d);
            }
            in_vv = false;
            c.i += 1;
            continue;
        }
        if date(&stripped, d) {
            d.header_seen += 1;
            in_vv = false;
            c.i += 1;
            continue;
        }
        if let Some(rest) = stripped.strip_prefix("V/v") {
            d.header_seen += 1;
            d.trich_yeu = Some(rest.trim().to_string());
            in_vv = true;
            c.i += 1;
            continue;
        }
        if in_vv && !is_upper(&stripped) && !stripped.is_empty() {
            let t = d.trich_yeu.get_or_insert_with(String::new);
            t.push(' ');
            t.push_str(&stripped);
            c.i += 1;
            continue;
        }
        if is_upper(&stripped) && !stripped.contains(':') && marker(&stripped).is_none() {
            if let Some(u) = urgency(&stripped) {
                d.do_khan = Some(u);
            } else {
                d.header_seen += 1;
                agency.push((stripped, bold));
            }
            c.i += 1;
            continue;
        }
        break;
    }
    split_agency(agency, d, source);
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_uppercase()
        .find(needle)
        .filter(|p| hay.is_char_boundary(*p))
}

/// Chủ quản is upright and ban hành bold (Word); without emphasis, a people's committee
/// (`ỦY BAN NHÂN DÂN` + `TỈNH …`) has no chủ quản line, otherwise the first line is it.
fn split_agency(agency: Vec<(String, Option<bool>)>, d: &mut Draft, source: Source) {
    if agency.is_empty() {
        return;
    }
    let has_bold = source == Source::Word && agency.iter().any(|(_, b)| *b == Some(true));
    if has_bold {
        for (t, b) in agency {
            if b == Some(true) {
                d.ban_hanh.push(t);
            } else if d.ban_hanh.is_empty() {
                d.chu_quan.push(t);
            } else {
                d.ban_hanh.push(t);
            }
        }
        return;
    }
    let lines: Vec<String> = agency.into_iter().map(|(t, _)| t).collect();
    let council = ["ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"];
    let unit = [
        "TỈNH",
        "HUYỆN",
        "XÃ",
        "THÀNH PHỐ",
        "QUẬN",
        "THỊ XÃ",
        "PHƯỜNG",
        "THỊ TRẤN",
    ];
    if lines.len() == 1
        || (council.contains(&lines[0].as_str())
            && lines.len() == 2
            && unit.iter().any(|u| lines[1].starts_with(u)))
    {
        d.ban_hanh = lines;
    } else {
        d.chu_quan = vec![lines[0].clone()];
        d.ban_hanh = lines[1..].to_vec();
    }
}

/// `05/KH-UBND`: the number, the type abbreviation (→ the kind), the agency's code and, in a
/// công văn, the drafting unit. Returns what follows the ký hiệu on the line.
fn number<'a>(rest: &'a str, d: &mut Draft) -> &'a str {
    // `[số] / ký hiệu`, the number often left blank for the văn thư, spaces anywhere.
    let rest = rest.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let Some(code) = rest[digits..].trim_start().strip_prefix('/') else {
        return rest;
    };
    let code = code.trim_start();
    let end = code.find(char::is_whitespace).unwrap_or(code.len());
    let (code, after) = code.split_at(end);
    d.so = rest[..digits].parse().ok();
    let parts: Vec<&str> = code.trim_end_matches(['.', ',']).split('-').collect();
    match parts.first().and_then(|p| kind_by_abbreviation(p)) {
        Some(k) if parts.len() >= 2 => {
            d.kind.get_or_insert(k);
            d.viet_tat = Some(parts[1..].join("-"));
        }
        _ => {
            d.kind.get_or_insert(Kind::CongVan);
            d.viet_tat = parts.first().map(|s| s.to_string());
            if parts.len() >= 2 {
                d.don_vi_soan_thao = Some(parts[1..].join("-"));
            }
        }
    }
    after
}

/// `Lạng Sơn, ngày 05 tháng 02 năm 2019`, a blank day or month kept blank as `..`.
fn date(s: &str, d: &mut Draft) -> bool {
    let s = s.replace('_', " ");
    let s = s.trim().trim_matches('*').trim();
    let Some((place, rest)) = s.split_once(", ngày") else {
        return false;
    };
    let Some((day, rest)) = rest.split_once("tháng") else {
        return false;
    };
    let Some((month, year)) = rest.split_once("năm") else {
        return false;
    };
    let year: String = year
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if year.len() != 4 || place.trim().is_empty() {
        return false;
    }
    let part = |p: &str| {
        let p = p.trim();
        if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) {
            "..".to_string()
        } else {
            p.to_string()
        }
    };
    d.dia_danh = Some(place.trim().to_string());
    d.ngay = Some(format!("{}/{}/{}", part(day), part(month), year));
    true
}

fn title(c: &mut Cursor, d: &mut Draft, source: Source) {
    let Some(text) = c.peek_text() else { return };
    let Some((kind, written)) = title_with_suffix(text.trim_matches('*').trim()) else {
        return;
    };
    if written != kind.name().to_uppercase() {
        d.ten_loai = Some(written);
    }
    d.header_seen += 1;
    if d.kind.is_some_and(|k| k != kind) {
        d.unrecognised.push(Note {
            at: c.peek().map(P::at).unwrap_or(0),
            text: format!(
                "tên loại {} khác ký hiệu ở dòng Số: lấy theo tên loại",
                kind.name().to_uppercase()
            ),
        });
    }
    d.kind = Some(kind);
    c.i += 1;
    // Trích yếu: the next paragraph(s), centred and bold in Word.
    let mut parts: Vec<String> = Vec::new();
    while let Some(P::Line(l)) = c.peek() {
        let t = l.plain().trim().to_string();
        if t.chars().all(|ch| "-_=*. ".contains(ch)) {
            c.i += 1;
            continue;
        }
        let first = parts.is_empty();
        let centred_run = source == Source::Word
            && (l.centered || l.cell || l.all_bold() == Some(true))
            && !is_upper(&t);
        if opening(&t) || marker(&t).is_some() || (is_upper(&t) && !first) {
            break;
        }
        // The lead line of a form (`… trân trọng kính mời:`, `… điện:`) is not a trích yếu.
        if t.trim_end_matches('*').ends_with(':') {
            break;
        }
        if (!first || source == Source::Word) && !centred_run {
            break;
        }
        if is_upper(&t) && kind.enacting().is_some() {
            break;
        }
        parts.push(l.plain().trim().trim_matches('*').trim().to_string());
        c.i += 1;
        if source != Source::Word {
            break;
        }
    }
    if !parts.is_empty() {
        d.trich_yeu = Some(parts.join(" "));
    }
    if kind.enacting().is_none() {
        return;
    }
    // Thẩm quyền ban hành, căn cứ, and the lead line QUYẾT ĐỊNH:.
    while let Some(t) = c.peek_text() {
        let bare = t.trim_matches('*').trim().to_string();
        if bare.chars().all(|ch| "-_=*. ".contains(ch)) {
            c.i += 1;
            continue;
        }
        if Some(bare.as_str()) == kind.enacting()
            || bare == kind.enacting().unwrap().trim_end_matches(':')
        {
            c.i += 1;
            break;
        }
        if is_upper(&bare) && d.tham_quyen.is_none() && d.can_cu.is_empty() {
            d.tham_quyen = Some(bare);
            c.i += 1;
            continue;
        }
        if ["Căn cứ", "Theo đề nghị", "Xét đề nghị", "Xét"]
            .iter()
            .any(|p| bare.trim_start_matches('*').starts_with(p))
        {
            let P::Line(l) = c.peek().unwrap() else { break };
            let m = l.markup(0, false, true);
            d.can_cu
                .push(m.trim_end_matches([';', '.', ',']).trim().to_string());
            c.i += 1;
            continue;
        }
        break;
    }
}

fn kinh_gui(c: &mut Cursor, d: &mut Draft, source: Source) {
    let Some(t) = c.peek_text() else { return };
    let Some(rest) = t.strip_prefix("Kính gửi") else {
        return;
    };
    d.header_seen += 1;
    c.i += 1;
    let rest = rest.trim_start_matches([':', ' ']).trim();
    if !rest.is_empty() {
        let item = rest.trim_start_matches(['-', '–']).trim();
        d.kinh_gui
            .push(item.trim_end_matches([';', '.', ',']).trim().to_string());
        if item.ends_with('.') || !item.ends_with([';', ',']) {
            return;
        }
    }
    while let Some(P::Line(l)) = c.peek() {
        let t = l.plain().trim().to_string();
        if t == "-" || t == "–" {
            c.i += 1;
            continue;
        }
        let listed = t.starts_with("- ") || t.starts_with("– ");
        if source != Source::Text && !listed && !l.cell {
            break;
        }
        if d.kinh_gui.len() >= 40 {
            break;
        }
        let item = t.trim_start_matches(['-', '–']).trim();
        d.kinh_gui
            .push(item.trim_end_matches([';', '.', ',']).trim().to_string());
        c.i += 1;
        if item.ends_with('.') {
            break;
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Stop {
    /// The body of the document: ends at Nơi nhận or the signature.
    Tail,
    /// A phụ lục: ends at the next phụ lục.
    Annex,
}

/// Levels a parent may hold: the context's rule (`muc_chuong` is a Mục of a Chương, which
/// the context calls `muc` as a child and `muc_chuong` as a parent).
fn allowed(parent: Option<&str>, child: &str, dieu: bool) -> bool {
    let child = if child == "muc_chuong" { "muc" } else { child };
    crate::context::allowed(parent, child, dieu)
}

/// How the levels of a body are numbered, as the context will number them: whether it is
/// made of Chương/Điều (`None`: decided from the body itself), and the Chương and Điều counts
/// so far (they run on from the body into its phụ lục).
#[derive(Clone, Copy, Default)]
struct Numbering {
    dieu: Option<bool>,
    counters: (usize, usize),
}

/// Whether a parsed body uses Chương or Điều (context::body::uses_dieu).
fn tree_uses_dieu(nodes: &[Node]) -> bool {
    nodes
        .iter()
        .any(|n| matches!(n.level, "chuong" | "dieu") || tree_uses_dieu(&n.children))
}

fn body(
    c: &mut Cursor,
    d: &mut Draft,
    source: Source,
    numbering: &mut Numbering,
    stop: Stop,
) -> Vec<Node> {
    // The context decides from the body's own nodes: look for an Điều before the body ends.
    let dieu = numbering.dieu.unwrap_or_else(|| {
        c.ps[c.i..]
            .iter()
            .map_while(|p| match p {
                P::Line(l) => {
                    let t = l.plain();
                    let t = t.trim().trim_matches('*').trim().to_string();
                    let end = is_annex_start(&t)
                        || stop == Stop::Tail && (is_noi_nhan(&t) || is_signer_cue(&t));
                    (!end).then_some(Some(t))
                }
                P::Table(_) => Some(None),
                P::Signers(_) => None,
            })
            .flatten()
            .any(|t| t.starts_with("Điều ") && marker(&t).is_some_and(|m| m.0 == "dieu"))
    });
    let mut root: Vec<Node> = Vec::new();
    // Path of indices from the root to the innermost open node.
    let mut path: Vec<usize> = Vec::new();
    let mut counters = numbering.counters;
    while let Some(p) = c.peek() {
        let at = p.at();
        let line = match p {
            P::Table(t) => {
                let t = t.clone();
                c.i += 1;
                if let Some(rows) = results_table(&t) {
                    let first = d.results.len();
                    let names: Vec<String> = (0..rows.len())
                        .map(|i| format!("kq{:02}", first + i + 1))
                        .collect();
                    for (name, [ten, don_vi, ke_hoach, dat]) in names.iter().zip(rows) {
                        d.results.push([name.clone(), ten, don_vi, ke_hoach, dat]);
                    }
                    let text = names.join(", ");
                    let node = Node::leaf("bang_ket_qua", text, at);
                    push_node(&mut root, &mut path, node, dieu);
                    continue;
                }
                if let Some(rows) = typed_table(&t) {
                    let node = Node {
                        rows,
                        ..Node::leaf("bang", String::new(), at)
                    };
                    push_node(&mut root, &mut path, node, dieu);
                    continue;
                }
                d.unrecognised.push(Note {
                    at,
                    text: format!(
                        "bảng {} hàng × {} cột giữ thành đoạn văn (mỗi hàng một đoạn)",
                        t.rows.len(),
                        t.rows.iter().map(Vec::len).max().unwrap_or(0)
                    ),
                });
                for row in t.rows {
                    let cells: Vec<String> = row.into_iter().filter(|s| !s.is_empty()).collect();
                    if !cells.is_empty() {
                        let text = super::read::escape(&cells.join(" | "));
                        let node = Node::leaf("doan", text, at);
                        push_node(&mut root, &mut path, node, dieu);
                    }
                }
                continue;
            }
            P::Line(l) => l.clone(),
            P::Signers(_) => break,
        };
        let plain = line.plain().trim().to_string();
        let bare = plain.trim_start_matches('*').trim_start();
        if stop == Stop::Tail && (is_noi_nhan(bare) || is_signer_cue(bare.trim_end_matches('*'))) {
            break;
        }
        if is_annex_start(bare.trim_end_matches('*')) {
            break;
        }
        // A signature with no quyền hạn (`GIÁM ĐỐC` over a name): a cell of Word's layout
        // table, or a line in capitals followed by a name.
        let bare_end = bare.trim_end_matches('*');
        // A name follows, maybe after a second title (two signatures side by side).
        let next_is_name = c.ps[c.i + 1..]
            .iter()
            .take(3)
            .map_while(|p| match p {
                P::Line(n) => Some(n.plain().trim().trim_matches('*').trim().to_string()),
                _ => None,
            })
            .take_while(|t| is_upper(t) || is_name(t))
            .any(|t| is_name(&t));
        if stop == Stop::Tail && bare_end == NGHI_PHEP_BOX {
            break;
        }
        if stop == Stop::Tail
            && is_upper(bare_end)
            && marker(bare_end).is_none()
            && (line.cell || next_is_name)
            && !root.is_empty()
        {
            break;
        }
        if stop == Stop::Tail
            && title_kind(bare.trim_end_matches('*')).is_some()
            && !root.is_empty()
        {
            // An attached document (a Quy chế issued by the Quyết định) starts here.
            break;
        }
        c.i += 1;
        let lead = plain.chars().take_while(|ch| *ch == '*').count();
        let emphasis = source != Source::Text;
        let (mut level, mut skip, num) = match line.auto {
            Some(level) => (level, 0, String::new()),
            None => match marker(&plain[lead..]) {
                Some((level, len, num)) => (level, lead + len, num),
                None => ("doan", 0, String::new()),
            },
        };
        if level == "muc_chuong" && !dieu {
            level = "doan";
            skip = 0;
        }
        if level == "phan" {
            d.unrecognised.push(Note {
                at,
                text: format!(
                    "“{}”: vanban không có cấp Phần, giữ thành đoạn văn",
                    short(&plain)
                ),
            });
            level = "doan";
            skip = 0;
        }
        // A title on the next line: `Chương I` / `QUY ĐỊNH CHUNG`.
        let mut text = line.markup(skip, true, false);
        let marker_only = text.trim_matches(['*', '.', ':', ' ']).is_empty();
        if matches!(level, "chuong" | "muc_chuong") && marker_only {
            if let Some(P::Line(next)) = c.peek() {
                text = next.markup(0, true, false);
                c.i += 1;
            }
        }
        // The number must follow on from the one before, or the tool would print another.
        if !num.is_empty() && level != "doan" {
            let expected = match level {
                "chuong" => counters.0 + 1,
                "dieu" => counters.1 + 1,
                _ => expected_number(&root, &path, level, dieu),
            };
            if marker_number(level, &num) != Some(expected) {
                // vanban numbers the levels itself: a skipped or repeated number of the
                // source is put right, and the clerk is told.
                let shown = match level {
                    "muc" | "chuong" => crate::numfmt::roman(expected),
                    "diem" => crate::numfmt::letter(expected),
                    _ => expected.to_string(),
                };
                d.unrecognised.push(Note {
                    at,
                    text: format!(
                        "“{}”: số thứ tự {num} không nối tiếp, vanban đánh lại thành {shown}",
                        short(&plain)
                    ),
                });
            }
        }
        match level {
            "chuong" => counters.0 += 1,
            "dieu" => counters.1 += 1,
            _ => {}
        }
        let level = if level == "muc_chuong" { "muc" } else { level };
        // `dam` only where the emphasis differs from the level's own. Bold only on the marker
        // (`**Điều 1.** text`) is a Điều's own emphasis, which depends on the kind: never written.
        let dam = if emphasis && level != "dieu" {
            let whole = line.all_bold().unwrap_or(false) && !text.contains("**");
            let key = if level == "muc" && dieu {
                "muc_chuong"
            } else {
                level
            };
            (crate::context::default_bold(key, dieu, false) != whole).then_some(whole)
        } else {
            None
        };
        if text.is_empty() {
            continue;
        }
        let node = Node {
            dam,
            ..Node::leaf(level, text, at)
        };
        if !push_node(&mut root, &mut path, node.clone(), dieu) {
            d.unrecognised.push(Note {
                at,
                text: format!(
                    "“{}”: cấp {} không đứng được ở đây, giữ thành đoạn văn",
                    short(&plain),
                    level
                ),
            });
            let text = line.markup(0, true, false);
            push_node(&mut root, &mut path, Node::leaf("doan", text, at), dieu);
        }
    }
    numbering.counters = counters;
    root
}

fn short(s: &str) -> String {
    let t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

fn node_at<'a>(root: &'a mut [Node], path: &[usize]) -> &'a mut Node {
    let (first, rest) = path.split_first().unwrap();
    let mut n = &mut root[*first];
    for i in rest {
        n = &mut n.children[*i];
    }
    n
}

fn children_at<'a>(root: &'a [Node], path: &[usize]) -> &'a [Node] {
    let mut list = root;
    for i in path {
        list = &list[*i].children;
    }
    list
}

/// The number the context will print for a new node of `level` where it would be placed.
fn expected_number(root: &[Node], path: &[usize], level: &str, dieu: bool) -> usize {
    let mut p = path.to_vec();
    loop {
        let parent = if p.is_empty() {
            None
        } else {
            let mut list = root;
            let mut node = None;
            for i in &p {
                node = Some(&list[*i]);
                list = &list[*i].children;
            }
            node.map(|n| n.level)
        };
        let parent = parent.map(|l| if l == "muc" && dieu { "muc_chuong" } else { l });
        let lvl = if level == "muc_chuong" {
            "muc_chuong"
        } else {
            level
        };
        if allowed(parent, lvl, dieu) || p.is_empty() {
            let siblings = children_at(root, &p);
            let target = if level == "muc_chuong" { "muc" } else { level };
            return siblings.iter().filter(|n| n.level == target).count() + 1;
        }
        p.pop();
    }
}

/// Places a node under the innermost open node that may hold it; a paragraph goes under the
/// innermost heading (not into a dash list). False when no place takes it.
fn push_node(root: &mut Vec<Node>, path: &mut Vec<usize>, node: Node, dieu: bool) -> bool {
    let level_key = |l: &'static str| if l == "muc" && dieu { "muc_chuong" } else { l };
    loop {
        let parent = if path.is_empty() {
            None
        } else {
            Some(level_key(node_at(root, path).level))
        };
        let leaf = matches!(node.level, "doan" | "bang_ket_qua" | "bang");
        let ok = if leaf {
            !matches!(parent, Some("gach") | Some("cong") | Some("diem"))
        } else {
            allowed(parent, level_key(node.level), dieu)
        };
        if ok {
            let holds_children = !leaf;
            let list = if path.is_empty() {
                &mut *root
            } else {
                &mut node_at(root, path).children
            };
            list.push(node);
            if holds_children {
                path.push(list.len() - 1);
            }
            return true;
        }
        if path.is_empty() {
            return false;
        }
        path.pop();
    }
}

/// Nơi nhận, Lưu, and the signature: quyền hạn, chức vụ, họ tên.
fn tail(c: &mut Cursor, d: &mut Draft) {
    let mut in_list = false;
    // Chức vụ lines and names in the order they come: side by side (a biên bản's thư ký and
    // chủ tọa) a text extraction gives both titles, then both names.
    let mut titles: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    while let Some(p) = c.peek() {
        let at = p.at();
        if let P::Signers(s) = p {
            let parties = s.parties.iter().map(|p| Party::of(p)).collect();
            signers(d, parties);
            c.i += 1;
            continue;
        }
        let P::Line(l) = p else { break };
        let t = l.plain().trim().to_string();
        let bare = t.trim_matches('*').trim().to_string();
        if is_annex_start(&bare)
            || (title_kind(&bare).is_some()
                && (!names.is_empty() || !d.quyen_han.is_empty() && !titles.is_empty()))
        {
            break;
        }
        c.i += 1;
        // The header again, before an attached document; the fixed box of a giấy nghỉ phép.
        if find_ci(&bare, "CỘNG HÒA XÃ HỘI").is_some()
            || find_ci(&bare, "CỘNG HOÀ XÃ HỘI").is_some()
            || bare.starts_with("Độc lập")
            || d.ban_hanh.contains(&bare)
            || d.chu_quan.contains(&bare)
            || bare == NGHI_PHEP_BOX
        {
            continue;
        }
        if is_noi_nhan(&bare) {
            d.header_seen += 1;
            in_list = true;
            let rest = bare
                .split_once(':')
                .map(|(_, r)| r.trim().trim_matches('*').trim())
                .unwrap_or("");
            if !rest.is_empty() {
                list_item(rest, d);
            }
            continue;
        }
        if in_list && (bare.starts_with('-') || bare.starts_with('–')) {
            list_item(bare.trim_start_matches(['-', '–']).trim(), d);
            continue;
        }
        // A recipient wrapped onto a paragraph of its own: `- Các bộ, cơ quan ngang bộ,` /
        // `cơ quan thuộc Chính phủ;`.
        let wrapped = bare.starts_with(char::is_lowercase) && d.luu.is_empty();
        if let (true, true, Some(last)) = (in_list, wrapped, d.noi_nhan.last_mut()) {
            last.push(' ');
            last.push_str(bare.trim_end_matches([';', '.']).trim());
            continue;
        }
        if bare.starts_with("Lưu") {
            list_item(&bare, d);
            continue;
        }
        if is_signer_cue(&bare) {
            d.quyen_han.push(spaced_prefix(&bare));
            continue;
        }
        if is_upper(&bare) && titles.len() < 2 {
            titles.push(bare);
            continue;
        }
        if is_name(&bare) && names.len() < 2 && (!titles.is_empty() || !d.quyen_han.is_empty()) {
            names.push(bare);
            continue;
        }
        d.unrecognised.push(Note {
            at,
            text: format!("“{}”: không rõ thuộc phần nào, bỏ qua", short(&bare)),
        });
    }
    // `KT. CHỦ TỊCH` with no second line: the chức vụ is the quyền hạn's own title.
    if titles.is_empty() {
        if let Some(q) = d.quyen_han.pop() {
            let title = q.split_once('.').map(|(_, r)| r.trim()).unwrap_or(&q);
            titles.push(title.to_string());
        }
    }
    if titles.len() == 2 && names.len() == 2 {
        // Two signatures: the first is the co-signer (the thư ký of a biên bản).
        d.dong_ky = Some(Party {
            quyen_han: Vec::new(),
            chuc_vu: titles.remove(0),
            ho_ten: names.remove(0),
        });
    } else if titles.len() == 2 {
        // A chức vụ on two lines.
        titles = vec![titles.join(" ")];
    }
    if d.chuc_vu.is_none() {
        d.chuc_vu = titles.pop();
        d.ho_ten = names.pop();
    }
    for item in &mut d.noi_nhan {
        let end = item.trim_end_matches([',', ' ']).len();
        item.truncate(end);
    }
}

/// The parties of a table of signatures: the last is the signer (`nguoi_ky`), the one before
/// it the co-signer on its left (`dong_ky`), the others `cac_ben`, printed above them.
fn signers(d: &mut Draft, mut parties: Vec<Party>) {
    let Some(last) = parties.pop() else { return };
    d.quyen_han = last.quyen_han;
    d.chuc_vu = Some(last.chuc_vu).filter(|c| !c.is_empty());
    d.ho_ten = Some(last.ho_ten);
    d.dong_ky = parties.pop();
    d.cac_ben = parties;
}

/// `TL.CHỦ TỊCH` → `TL. CHỦ TỊCH`.
fn spaced_prefix(s: &str) -> String {
    for p in SIGNER_PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            return format!("{p} {}", rest.trim_start());
        }
    }
    s.to_string()
}

/// Ranks of the army and the police, written before a signer's name (ô 7c).
const RANKS: [&str; 12] = [
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Thượng úy",
    "Trung úy",
    "Thiếu úy",
];

/// A person's name: two to six words, each capitalised, not all capitals; a rank may come
/// first (`Thiếu tướng Trương Minh Đương`).
pub fn is_name(s: &str) -> bool {
    let s = RANKS
        .iter()
        .find_map(|r| s.strip_prefix(r).map(str::trim_start))
        .unwrap_or(s);
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !is_upper(s)
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn list_item(item: &str, d: &mut Draft) {
    let item = item.trim();
    if let Some(rest) = item.strip_prefix("Lưu") {
        let rest = rest
            .trim_start_matches([':', ' '])
            .trim()
            .trim_end_matches('.');
        let mut parts: Vec<String> = rest.split(',').map(|s| s.trim().to_string()).collect();
        // `…, NVB.(45)`: the drafter's initials and the number of copies.
        if let Some(last) = parts.last().cloned() {
            if let Some((who, n)) = last.split_once(".(") {
                if let Ok(n) = n.trim_end_matches(')').parse::<u32>() {
                    d.so_ban = Some(n);
                    d.nguoi_soan = Some(who.trim().to_string());
                    parts.pop();
                }
            }
        }
        d.luu.extend(parts.into_iter().filter(|s| !s.is_empty()));
        return;
    }
    // A trailing comma says the item goes on in the next paragraph; it is taken off at the end.
    let item = item.trim_end_matches([';', '.']).trim();
    if !item.is_empty() {
        d.noi_nhan.push(item.to_string());
    }
}

fn annexes(c: &mut Cursor, d: &mut Draft, source: Source, numbering: &mut Numbering) {
    while let Some(p) = c.peek() {
        let at = p.at();
        let text = c.peek_text().unwrap_or_default();
        let bare = text.trim_matches('*').trim().to_string();
        if let Some(P::Table(t)) = c.peek() {
            // A table after the signature with no phụ lục heading: said, never dropped silently.
            d.unrecognised.push(Note {
                at,
                text: format!(
                    "bảng {} hàng sau chữ ký, không thuộc phụ lục nào, bỏ qua",
                    t.rows.len()
                ),
            });
            c.i += 1;
            continue;
        }
        if !is_annex_start(&bare) {
            c.i += 1;
            if let Some(kind) = title_kind(&bare) {
                d.unrecognised.push(Note {
                    at,
                    text: format!(
                        "văn bản kèm theo ({}) chưa nhập được: phần sau dòng này bị bỏ qua",
                        kind.name()
                    ),
                });
                // Skip to the next phụ lục, if any.
                while let Some(t) = c.peek_text().or(Some(String::new())) {
                    if c.peek().is_none() || is_annex_start(t.trim_matches('*').trim()) {
                        break;
                    }
                    c.i += 1;
                }
                continue;
            }
            if !bare.is_empty() {
                d.unrecognised.push(Note {
                    at,
                    text: format!(
                        "“{}”: sau chữ ký, không thuộc phụ lục nào, bỏ qua",
                        short(&bare)
                    ),
                });
            }
            continue;
        }
        c.i += 1;
        let mut annex = Annex {
            tieu_de: annex_start(&bare).unwrap_or_default(),
            ..Annex::default()
        };
        // Title lines, then the `(Kèm theo …)` line that vanban writes itself.
        while let Some(P::Line(l)) = c.peek() {
            let t = l.plain().trim().to_string();
            let bare = t.trim_matches('*').trim();
            if bare.starts_with("(Kèm theo") || bare.starts_with("Kèm theo") {
                c.i += 1;
                // A wrapped `(Kèm theo …)` line ends at its closing parenthesis.
                if !bare.ends_with(')') {
                    while let Some(t) = c.peek_text() {
                        c.i += 1;
                        if t.trim().trim_matches('*').ends_with(')') {
                            break;
                        }
                    }
                }
                break;
            }
            if !(annex.tieu_de.is_empty() || source == Source::Word && l.centered) {
                break;
            }
            if marker(bare).is_some() {
                break;
            }
            if !annex.tieu_de.is_empty() {
                annex.tieu_de.push(' ');
            }
            annex.tieu_de.push_str(bare);
            c.i += 1;
        }
        // The body of the phụ lục: a responsibility matrix, or text.
        let mut nodes = Vec::new();
        loop {
            match c.peek() {
                Some(P::Table(t)) if matrix(t).is_some() => {
                    annex.matrix.extend(matrix(t).unwrap());
                    annex.ngang = true;
                    c.i += 1;
                }
                Some(_) => {
                    let start = c.i;
                    let part = body(c, d, source, numbering, Stop::Annex);
                    nodes.extend(part);
                    if c.i == start {
                        break;
                    }
                    if matches!(c.peek(), Some(P::Table(t)) if matrix(t).is_some()) {
                        continue;
                    }
                    break;
                }
                None => break,
            }
        }
        annex.body = nodes;
        if annex.tieu_de.is_empty() {
            annex.tieu_de = "Phụ lục".into();
        }
        d.annexes.push(annex);
    }
}

/// A responsibility matrix (Nội dung / Chỉ đạo / Thực hiện / Phối hợp / Thời gian): columns
/// mapped by their heading; group rows are those numbered I, II … or holding one cell.
fn matrix(t: &Table) -> Option<Vec<Group>> {
    let head = t.rows.first()?;
    let mut cols: [Option<usize>; 5] = [None; 5];
    let mut number_col = None;
    for (i, h) in head.iter().enumerate() {
        let h = h.to_lowercase();
        let slot = if h == "tt" || h == "stt" {
            number_col = Some(i);
            continue;
        } else if h.contains("nội dung") || h.contains("nhiệm vụ") {
            0
        } else if h.contains("chỉ đạo") {
            1
        } else if h.contains("phối hợp") {
            3
        } else if h.contains("thực hiện") || h.contains("chủ trì") {
            2
        } else if h.contains("thời gian") || h.contains("tiến độ") {
            4
        } else {
            continue;
        };
        cols[slot].get_or_insert(i);
    }
    cols[0]?;
    if cols.iter().filter(|c| c.is_some()).count() < 3 {
        return None;
    }
    let mut groups: Vec<Group> = Vec::new();
    for row in &t.rows[1..] {
        let filled: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        let num = number_col
            .and_then(|i| row.get(i))
            .map(|s| s.trim())
            .unwrap_or("");
        let cell = |slot: usize| {
            cols[slot]
                .and_then(|i| row.get(i))
                .cloned()
                .unwrap_or_default()
        };
        let group_row = is_roman(num)
            || (filled.len() == 1 && num.is_empty())
            || (filled.len() == 2 && !num.is_empty() && num.parse::<u32>().is_err());
        if group_row {
            let name = filled
                .iter()
                .find(|c| c.trim() != num)
                .map(|s| s.to_string())
                .unwrap_or_default();
            groups.push(Group {
                nhom: name,
                viec: Vec::new(),
            });
            continue;
        }
        if groups.is_empty() {
            groups.push(Group::default());
        }
        groups
            .last_mut()
            .unwrap()
            .viec
            .push([cell(0), cell(1), cell(2), cell(3), cell(4)]);
    }
    Some(groups)
}

fn urgency(s: &str) -> Option<&'static str> {
    match s {
        "KHẨN" => Some("khan"),
        "THƯỢNG KHẨN" => Some("thuong_khan"),
        "HỎA TỐC" | "HOẢ TỐC" => Some("hoa_toc"),
        _ => None,
    }
}

/// Ô 13 (`Địa chỉ: …; ĐT: …; Email: …`), wherever the extraction put it.
fn contact(ps: &mut Vec<P>, d: &mut Draft) {
    let labels = [
        ("Địa chỉ", "dia_chi"),
        ("ĐT", "dien_thoai"),
        ("Fax", "fax"),
        ("Email", "email"),
        ("Website", "website"),
    ];
    let pos = ps.iter().position(|p| match p {
        P::Line(l) => {
            let t = l.plain();
            let t = t.trim();
            t.starts_with("Địa chỉ:")
                && ["; ĐT:", "; Fax:", "; Email:", "; Website:"]
                    .iter()
                    .any(|l| t.contains(l))
        }
        _ => false,
    });
    let Some(pos) = pos else { return };
    let P::Line(l) = ps.remove(pos) else { return };
    let text = l.plain();
    let mut fields = Vec::new();
    for part in text.trim().trim_end_matches('.').split("; ") {
        if let Some((label, value)) = part.split_once(": ") {
            if let Some((_, key)) = labels.iter().find(|(l, _)| *l == label.trim()) {
                fields.push((*key, value.trim().to_string()));
            }
        }
    }
    if !fields.is_empty() {
        d.forms.push(("dia_chi", fields));
    }
}

/// `08 giờ 00 phút` → `08:00`.
fn clock(s: &str) -> Option<String> {
    let (h, rest) = s.trim().split_once(" giờ ")?;
    let m = rest.trim().strip_suffix(" phút").unwrap_or(rest.trim());
    let (h, m) = (h.trim().parse::<u32>().ok()?, m.trim().parse::<u32>().ok()?);
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

/// `ngày 16 tháng 7 năm 2019` → `16/07/2019`; `16/7/2019` → `16/07/2019`.
fn full_date(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches(['.', ',', '/']);
    let (d, m, y) = if let Some(rest) = s.strip_prefix("ngày ") {
        let (d, rest) = rest.split_once(" tháng ")?;
        let (m, y) = rest.split_once(" năm ")?;
        (d.trim(), m.trim(), y.trim())
    } else {
        let mut it = s.split('/');
        (it.next()?, it.next()?, it.next()?)
    };
    let (d, m, y) = (
        d.parse::<u32>().ok()?,
        m.parse::<u32>().ok()?,
        y.parse::<u32>().ok()?,
    );
    // Only a date that exists, in the years the context accepts.
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d)
        .filter(|_| (1945..=2200).contains(&y))
        .map(|_| format!("{d:02}/{m:02}/{y}"))
}

fn strip_end(s: &str) -> String {
    s.trim()
        .trim_end_matches("./.")
        .trim_end_matches('.')
        .trim()
        .to_string()
}

/// The lines of Mẫu 1.7–1.10 that the context writes from fields: giấy mời, biên bản,
/// giấy giới thiệu, giấy nghỉ phép, and the thẩm quyền line of a công điện.
fn forms(c: &mut Cursor, d: &mut Draft) {
    let Some(kind) = d.kind else { return };
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    // A công điện has no form, only its `… điện:` line (handled first below).
    let section = match kind.form() {
        Some(form) => form,
        None if kind == Kind::CongDien => "",
        None => return,
    };
    while let Some(t) = c.peek_text() {
        let t = t.trim_matches('*').trim().to_string();
        let mut take = true;
        let before = fields.len();
        if kind == Kind::CongDien {
            match t.strip_suffix(" điện:") {
                Some(who) => {
                    d.tham_quyen = Some(who.trim().to_string());
                    c.i += 1;
                    while let Some(item) = c.peek_text() {
                        let item = item.trim();
                        let Some(rest) = item.strip_prefix("- ").or(item.strip_prefix("– "))
                        else {
                            break;
                        };
                        d.kinh_gui
                            .push(rest.trim_end_matches([';', '.']).trim().to_string());
                        c.i += 1;
                    }
                    return;
                }
                None => return,
            }
        }
        let lead = match kind {
            Kind::GiayMoi => t.strip_suffix(" trân trọng kính mời:"),
            Kind::GiayGioiThieu => t.strip_suffix(" trân trọng giới thiệu:"),
            _ => None,
        };
        if let Some(who) = lead {
            d.ten = Some(who.to_string());
            c.i += 1;
            while let Some(item) = c.peek_text() {
                let Some(rest) = item.trim().strip_prefix("- ") else {
                    break;
                };
                d.kinh_gui
                    .push(rest.trim_end_matches([';', '.']).trim().to_string());
                c.i += 1;
            }
            continue;
        } else if let Some((who, one)) = t
            .split_once(" trân trọng kính mời: ")
            .filter(|_| kind == Kind::GiayMoi)
        {
            d.ten = Some(who.to_string());
            d.kinh_gui.push(strip_end(one));
        } else if let Some(v) = t.strip_prefix("Tới dự: ") {
            fields.push(("toi_du", strip_end(v)));
        } else if let Some(v) = t.strip_prefix("Thời gian bắt đầu: ") {
            let (time, date) = v.split_once(", ").unwrap_or((v, ""));
            if let (Some(time), Some(date)) = (clock(time), full_date(date)) {
                fields.push(("bat_dau", format!("{time} {date}")));
            }
        } else if let Some(v) = t.strip_prefix("Thời gian: ") {
            // `từ 08 giờ 00 phút đến 11 giờ 30 phút, thứ Ba, ngày 16 tháng 7 năm 2019.`
            let parts: Vec<&str> = v.split(", ").collect();
            let date = parts.last().and_then(|p| full_date(p));
            let (start, end) = match parts[0].strip_prefix("từ ") {
                Some(r) => match r.split_once(" đến ") {
                    Some((a, b)) => (clock(a), clock(b)),
                    None => (clock(r), None),
                },
                None => (clock(parts[0]), None),
            };
            match (start, date) {
                (Some(st), Some(date)) => {
                    fields.push(("bat_dau", format!("{st} {date}")));
                    if let Some(e) = end {
                        fields.push(("ket_thuc", e));
                    }
                }
                _ => take = false,
            }
        } else if let Some(v) = t.strip_prefix("Địa điểm: ") {
            fields.push(("dia_diem", strip_end(v)));
        } else if let Some(v) = t
            .strip_prefix("Thành phần tham dự:")
            .filter(|_| kind == Kind::BienBan)
        {
            let v = v.trim();
            if v.is_empty() {
                c.i += 1;
                while let Some(item) = c.peek_text() {
                    let Some(rest) = item.trim().strip_prefix("- ") else {
                        break;
                    };
                    d.thanh_phan
                        .push(rest.trim_end_matches([';', '.']).trim().to_string());
                    c.i += 1;
                }
                continue;
            }
            d.thanh_phan.push(strip_end(v));
        } else if let Some(v) = t.strip_prefix("Chủ trì (chủ tọa): ") {
            fields.push(("chu_tri", strip_end(v)));
        } else if let Some(v) = t.strip_prefix("Thư ký (người ghi biên bản): ") {
            fields.push(("thu_ky", strip_end(v)));
        } else if t == "Nội dung:" && kind == Kind::BienBan {
            c.i += 1;
            break;
        } else if let Some(v) = t.strip_prefix("Ông (bà): ") {
            fields.push(("ho_ten", v.trim().to_string()));
        } else if let Some(v) = t
            .strip_prefix("Chức vụ, đơn vị công tác: ")
            .or_else(|| t.strip_prefix("Chức vụ: "))
        {
            fields.push(("chuc_vu", v.trim().to_string()));
        } else if let Some(v) = t.strip_prefix("Được cử đến: ") {
            fields.push(("cu_den", v.trim().to_string()));
        } else if let Some(v) = t.strip_prefix("Về việc: ") {
            fields.push(("ve_viec", strip_end(v)));
        } else if t
            == "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ."
        {
        } else if let Some(v) = t.strip_prefix("Giấy này có giá trị đến hết ngày ") {
            match full_date(&strip_end(v)) {
                Some(date) => fields.push(("gia_tri_den", date)),
                None => take = false,
            }
        } else if let Some(v) = t.strip_prefix("Xét Đơn đề nghị nghỉ phép ngày ") {
            match v.split_once(" của ").and_then(|(date, _)| full_date(date)) {
                Some(date) => fields.push(("ngay_don", date)),
                None => take = false,
            }
            // A text extraction may have joined the next line, `… cấp cho:`.
            if let Some((_, rest)) = v.split_once(", ") {
                if let Some(who) = rest.strip_suffix(" cấp cho:") {
                    fields.push(("nguoi_cap", who.trim().to_string()));
                }
            }
        } else if let Some(v) = t.strip_suffix(" cấp cho:") {
            fields.push(("nguoi_cap", v.trim().to_string()));
        } else if let Some(v) = t.strip_prefix("Được nghỉ phép trong thời gian: ") {
            // `12 ngày, kể từ ngày 08/7/2019 đến hết ngày 19/7/2019 tại …./.`
            let from = v.split_once("kể từ ngày ").map(|x| x.1);
            let parsed = from.and_then(|f| {
                let (a, rest) = f.split_once(" đến hết ngày ")?;
                let (b, place) = rest.split_once(" tại ")?;
                Some((full_date(a)?, full_date(b)?, strip_end(place)))
            });
            match parsed {
                Some((a, b, place)) => {
                    fields.push(("tu_ngay", a));
                    fields.push(("den_ngay", b));
                    fields.push(("noi_nghi", place));
                }
                None => take = false,
            }
        } else {
            take = false;
        }
        // A label of another form is not this form's: it stays in the body.
        let allowed: &[&str] = match kind {
            Kind::GiayMoi => &["toi_du", "bat_dau", "ket_thuc", "dia_diem"],
            Kind::BienBan => &["bat_dau", "dia_diem", "chu_tri", "thu_ky"],
            Kind::GiayGioiThieu => &["ho_ten", "chuc_vu", "cu_den", "ve_viec", "gia_tri_den"],
            _ => &[
                "ngay_don",
                "nguoi_cap",
                "ho_ten",
                "chuc_vu",
                "tu_ngay",
                "den_ngay",
                "noi_nghi",
            ],
        };
        if fields[before..].iter().any(|(k, _)| !allowed.contains(k))
            || fields[before..]
                .iter()
                .any(|(k, _)| fields[..before].iter().any(|(o, _)| o == k))
        {
            fields.truncate(before);
            take = false;
        }
        if !take {
            break;
        }
        c.i += 1;
    }
    if !fields.is_empty() || !d.thanh_phan.is_empty() {
        d.forms.push((section, fields));
    }
}

/// The closing line of a biên bản, which the context writes from `ket_thuc` and `hinh_thuc`.
fn closing_of_minutes(d: &mut Draft) {
    // The last paragraph of the body, however deep it sits.
    let mut list = &mut d.body;
    while list.last().is_some_and(|n| !n.children.is_empty()) {
        list = &mut list.last_mut().unwrap().children;
    }
    let Some(last) = list.last() else { return };
    let text = last.text.clone();
    let Some((event, rest)) = text.split_once(" kết thúc vào ") else {
        return;
    };
    if !rest.contains("biên bản đã được đọc lại") {
        return;
    }
    let (time, rest) = rest.split_once(", ").unwrap_or((rest, ""));
    let when = rest.split(';').next().unwrap_or("");
    let Some(time) = clock(time) else { return };
    let end = if when.trim() == "cùng ngày" {
        time
    } else {
        match full_date(when) {
            Some(date) => format!("{time} {date}"),
            None => return,
        }
    };
    list.pop();
    let section = d.forms.iter_mut().find(|(k, _)| *k == "cuoc_hop");
    let fields = match section {
        Some((_, f)) => f,
        None => {
            d.forms.push(("cuoc_hop", Vec::new()));
            &mut d.forms.last_mut().unwrap().1
        }
    };
    fields.push(("ket_thuc", end));
    if event != "Cuộc họp" {
        fields.insert(0, ("hinh_thuc", event.to_string()));
    }
}

/// A document issued with this one (the Quy chế of a Quyết định): its own header again,
/// tên loại, trích yếu, `(Ban hành kèm theo … của …)`, body and signature.
fn attached(c: &mut Cursor, d: &mut Draft, source: Source) {
    let Some(t) = c.peek_text() else { return };
    let Some(kind) = title_kind(t.trim_matches('*').trim()) else {
        return;
    };
    let at = c.peek().map(P::at).unwrap_or(0);
    c.i += 1;
    let mut trich_yeu = String::new();
    let mut cua = None;
    while let Some(P::Line(l)) = c.peek() {
        let t = l.plain().trim().trim_matches('*').trim().to_string();
        if let Some(rest) = t
            .strip_prefix("(Ban hành kèm theo")
            .or_else(|| t.strip_prefix("(Kèm theo"))
        {
            cua = rest
                .rsplit_once(" của ")
                .map(|(_, who)| who.trim_end_matches(')').trim().to_string());
            c.i += 1;
            break;
        }
        if marker(&t).is_some() || !(trich_yeu.is_empty() || source == Source::Word && l.centered) {
            break;
        }
        if !trich_yeu.is_empty() {
            trich_yeu.push(' ');
        }
        trich_yeu.push_str(t.trim());
        c.i += 1;
    }
    let body = body(c, d, source, &mut Numbering::default(), Stop::Tail);
    let mut signer = Draft::default();
    tail(c, &mut signer);
    d.unrecognised.extend(signer.unrecognised);
    if body.is_empty() {
        d.unrecognised.push(Note {
            at,
            text: format!("{} kèm theo không có nội dung, bỏ qua", kind.name()),
        });
        return;
    }
    d.kem_theo = Some(Attached {
        kind,
        trich_yeu,
        cua,
        body,
        quyen_han: signer.quyen_han,
        chuc_vu: signer.chuc_vu,
        ho_ten: signer.ho_ten,
    });
}

/// A table of data whose first column is the TT (`TT`, `STT`, `Số TT`): kept as a `bang`,
/// its cells escaped; rows left empty are dropped.
fn typed_table(t: &Table) -> Option<Vec<Vec<String>>> {
    let first = t
        .rows
        .first()?
        .first()?
        .trim()
        .trim_end_matches('.')
        .to_lowercase();
    if !matches!(first.as_str(), "tt" | "stt" | "số tt") || t.rows.len() < 2 {
        return None;
    }
    let rows = t
        .rows
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .map(|r| r.iter().map(|c| super::read::escape_plain(c)).collect())
        .collect();
    Some(rows)
}

/// A number as printed in Vietnamese (`3.002,8`) → `3002.8`.
fn number_vi(s: &str) -> Option<String> {
    let t = s.trim().replace('.', "").replace(',', ".");
    t.parse::<f64>().ok().map(|_| t)
}

/// A bảng kết quả (Chỉ tiêu / Đơn vị tính / Kế hoạch / Thực hiện / Tỷ lệ): its rows as
/// tên, đơn vị, kế hoạch, đạt; the tỷ lệ column is computed again by vanban.
fn results_table(t: &Table) -> Option<Vec<[String; 4]>> {
    let head: Vec<String> = t.rows.first()?.iter().map(|h| h.to_lowercase()).collect();
    let col = |words: &[&str]| {
        head.iter()
            .position(|h| words.iter().any(|w| h.contains(w)))
    };
    let ten = col(&["chỉ tiêu", "nội dung"])?;
    let plan = col(&["kế hoạch"])?;
    let done = col(&["thực hiện", "đạt"])?;
    let unit = col(&["đơn vị"]);
    let mut rows = Vec::new();
    for r in &t.rows[1..] {
        let cell = |i: usize| r.get(i).cloned().unwrap_or_default();
        let (Some(k), Some(d)) = (number_vi(&cell(plan)), number_vi(&cell(done))) else {
            return None;
        };
        rows.push([cell(ten), unit.map(cell).unwrap_or_default(), k, d]);
    }
    (!rows.is_empty()).then_some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(marker("I. MỤC TIÊU").map(|m| m.0), Some("muc"));
        assert_eq!(
            marker("12. Tiêu chí").map(|m| (m.0, m.1)),
            Some(("khoan", 4))
        );
        assert_eq!(marker("a) Đối với").map(|m| m.0), Some("diem"));
        assert_eq!(marker("- Số xã").map(|m| m.0), Some("gach"));
        assert_eq!(marker("+ Năm").map(|m| m.0), Some("cong"));
        assert_eq!(
            marker("Điều 3. Chánh").map(|m| (m.0, m.2)),
            Some(("dieu", "3".into()))
        );
        assert_eq!(marker("1.1. Mục"), None);
        assert_eq!(marker("2019 là năm"), None);
        assert_eq!(marker("Chương II"), Some(("chuong", 9, "II".into())));
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
    }
}
