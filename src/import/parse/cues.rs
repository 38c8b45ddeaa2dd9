//! Line cues: pure predicates on one line of text — capitals, the markers of the body's
//! levels, signer and Nơi nhận cues, the tên loại, names — and the small readers of dates and
//! clocks that the forms use. Like pulldown-cmark's `scanners.rs`.

use super::*;
use crate::context::labels as L;
use crate::model::Level;

/// Upper case text: every letter a capital, at least two letters.
pub fn is_upper(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

pub(super) fn starts_upper(s: &str) -> bool {
    s.trim_start_matches(['"', '“', '(', '*', '\''])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The marker of a body level at the start of a line, and its length in characters.
pub(super) fn marker(s: &str) -> Option<(Level, usize, String)> {
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
        ("Chương ", Level::Chuong),
        ("CHƯƠNG ", Level::Chuong),
        ("Điều ", Level::Dieu),
        ("Mục ", Level::MucChuong),
        ("MỤC ", Level::MucChuong),
        ("Phần ", Level::Phan),
        ("PHẦN ", Level::Phan),
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
            // Some offices type no space after the number: `I.Tổng quan`, `2.Công tác`.
            let glued = after.chars().next().is_some_and(char::is_uppercase);
            if after.starts_with(' ') || after.is_empty() || glued {
                let len = num.len() + 1 + (after.len() - after.trim_start().len());
                if num.chars().all(|c| c.is_ascii_digit()) && num.len() <= 3 {
                    return Some((Level::Khoan, len, num));
                }
                // A mục is I to XXXIX; `C.` after `A.` and `B.` is a letter, not 100.
                if is_roman(&num)
                    && num.chars().all(|c| c.is_ascii_uppercase())
                    && roman_value(&num).is_some_and(|v| v < 40)
                {
                    return Some((Level::Muc, len, num));
                }
            }
        }
    }
    let letter: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    if letter.chars().count() == 1 && letter.chars().all(char::is_lowercase) {
        let rest = &t[letter.len()..];
        if let Some(after) = rest.strip_prefix(')') {
            let len = 2 + (after.len() - after.trim_start().len());
            return Some((Level::Diem, len, letter));
        }
    }
    for (m, level) in [
        ("- ", Level::Gach),
        ("– ", Level::Gach),
        ("• ", Level::Gach),
        ("+ ", Level::Cong),
    ] {
        if let Some(after) = t.strip_prefix(m) {
            let len = m.chars().count() + (after.len() - after.trim_start().len());
            return Some((level, len, String::new()));
        }
    }
    None
}

pub(super) fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 6
        && s.chars().all(|c| "IVXLC".contains(c))
        && roman_value(s).is_some()
}

pub(super) fn roman_value(s: &str) -> Option<usize> {
    (1..=100).find(|n| crate::numfmt::roman(*n) == s)
}

/// A number written in a marker: arabic, roman or a letter of the điểm alphabet.
pub(super) fn marker_number(level: Level, num: &str) -> Option<usize> {
    match level {
        Level::Diem => (1..=23).find(|n| crate::numfmt::letter(*n) == num),
        _ => num.parse().ok().or_else(|| roman_value(num)),
    }
}

/// The fixed box of a giấy nghỉ phép (Mẫu 1.10), written by the context.
pub(super) const NGHI_PHEP_BOX: &str = L::XAC_NHAN;

pub(super) use crate::model::AUTHORITY_PREFIXES as SIGNER_PREFIXES;

pub(super) fn is_signer_cue(s: &str) -> bool {
    SIGNER_PREFIXES
        .iter()
        .any(|p| s.strip_prefix(p).is_some_and(is_upper))
}

pub(super) fn is_noi_nhan(s: &str) -> bool {
    let s = s.trim_start_matches('*');
    s.starts_with("Nơi nhận") || s.starts_with("NƠI NHẬN")
}

/// The heading of an annex named by what it is, in capitals: `DANH SÁCH …`, `DANH MỤC …`,
/// `BẢNG …` (an annex is one only with its `(Kèm theo …)` line, see `annex.rs`).
pub(super) fn is_list_heading(s: &str) -> bool {
    ["DANH SÁCH", "DANH MỤC", "BẢNG"]
        .iter()
        .any(|h| s.starts_with(h))
        && is_upper(s)
}

pub(super) fn is_annex_start(s: &str) -> bool {
    annex_start(s).is_some()
}

/// The heading of a phụ lục — `Phụ lục`, `PHỤ LỤC II`, `Phụ lục 01`, `Phụ lục: DANH SÁCH …`,
/// `Phụ lục số 2 - …` — and the title written on the same line (empty when none).
pub(super) fn annex_start(s: &str) -> Option<String> {
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
pub(super) fn title_kind(s: &str) -> Option<Kind> {
    let s = s.trim().trim_end_matches(':');
    if !is_upper(s) {
        return None;
    }
    KINDS
        .iter()
        .map(|row| row.0)
        .find(|k| k.title().is_some_and(|t| t == s))
}

/// The kind of a tên loại with words after the name (`BIÊN BẢN LÀM VIỆC`, `GIẤY MỜI HỌP`,
/// `THÔNG BÁO KẾT LUẬN`), and the whole line; the bare name is [`title_kind`].
pub(super) fn title_with_suffix(s: &str) -> Option<(Kind, String)> {
    let s = s.trim().trim_end_matches(':').trim();
    if let Some(k) = title_kind(s) {
        return Some((k, s.to_string()));
    }
    if !is_upper(s) || s.split_whitespace().count() > 8 || s.contains(':') {
        return None;
    }
    KINDS
        .iter()
        .filter_map(|row| Some((row.0, row.0.title()?)))
        .filter(|(_, name)| {
            s.strip_prefix(name.as_str())
                .is_some_and(|rest| rest.starts_with(' ') && rest.trim().len() > 1)
        })
        .max_by_key(|(_, name)| name.len())
        .map(|(k, _)| (k, s.to_string()))
}

pub(super) fn kind_by_abbreviation(a: &str) -> Option<Kind> {
    KINDS
        .iter()
        .map(|row| row.0)
        .find(|k| k.abbreviation() == Some(a))
}

/// Words that open a part of the document on a new line.
pub(super) fn opening(s: &str) -> bool {
    let fixed = [
        "Căn cứ",
        "Kính gửi",
        "Số:",
        "V/v",
        "Theo đề nghị",
        "Xét đề nghị",
        "QUYẾT ĐỊNH",
        "Lưu:",
    ];
    // The labelled lines of the forms (Mẫu 1.7–1.10), as the context writes them; a long
    // label by its first three words, which a text extraction keeps on one line.
    let labels = [
        L::TOI_DU,
        L::THOI_GIAN,
        L::THOI_GIAN_BAT_DAU,
        L::DIA_DIEM,
        L::THANH_PHAN,
        L::CHU_TRI,
        L::THU_KY,
        L::NOI_DUNG,
        L::ONG_BA,
        L::CHUC_VU,
        L::CHUC_VU_DON_VI,
        L::CU_DEN,
        L::VE_VIEC,
        L::GIA_TRI_DEN,
        L::NGHI_PHEP,
        L::XET_DON,
    ];
    let start = |l: &'static str| -> &'static str {
        match l.match_indices(' ').nth(2) {
            Some((i, _)) if l.split(' ').count() >= 5 => &l[..i],
            _ => l,
        }
    };
    fixed.iter().any(|c| s.starts_with(c)) || labels.iter().any(|l| s.starts_with(start(l)))
}

pub(super) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_uppercase()
        .find(needle)
        .filter(|p| hay.is_char_boundary(*p))
}

pub(super) fn short(s: &str) -> String {
    let t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// Ranks of the army and the police, written before a signer's name (ô 7c).
pub(super) const RANKS: [&str; 12] = [
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

pub(super) fn urgency(s: &str) -> Option<&'static str> {
    crate::model::Urgency::from_label(s).map(crate::model::Urgency::key)
}

pub(super) fn strip_end(s: &str) -> String {
    s.trim()
        .trim_end_matches("./.")
        .trim_end_matches('.')
        .trim()
        .to_string()
}

/// `08 giờ 00 phút` → `08:00`, the context's own reading of what it writes.
pub(super) fn clock(s: &str) -> Option<String> {
    crate::context::parse_clock(s).map(|t| t.format("%H:%M").to_string())
}

/// `ngày 16 tháng 7 năm 2019` or `16/7/2019` → `16/07/2019`, as the context reads it.
pub(super) fn full_date(s: &str) -> Option<String> {
    crate::context::parse_full_date(s).map(|d| d.format("%d/%m/%Y").to_string())
}

/// A number as printed in Vietnamese (`3.002,8`) → `3002.8`.
pub(super) fn number_vi(s: &str) -> Option<String> {
    let t = s.trim().replace('.', "").replace(',', ".");
    t.parse::<f64>().ok().map(|_| t)
}

/// `TL.CHỦ TỊCH` → `TL. CHỦ TỊCH`.
pub(super) fn spaced_prefix(s: &str) -> String {
    for p in SIGNER_PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            return format!("{p} {}", rest.trim_start());
        }
    }
    s.to_string()
}
