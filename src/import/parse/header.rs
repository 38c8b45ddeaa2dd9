//! Ô 1–4 (chủ quản, ban hành, Số and ký hiệu, địa danh and ngày) and ô 13 (the address);
//! the inverse of `context/header.rs` and `context/dates.rs`.

use super::*;

pub(super) fn header(c: &mut Cursor, d: &mut Draft, source: Source) {
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
            d.quoc_hieu_at.get_or_insert(line.at);
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
            if crate::model::numbered_with_year(rest) {
                // Refused; the tên loại below (NGHỊ ĐỊNH) names it better if it comes.
                d.legal.get_or_insert((crate::model::LEGAL_NUMBER, line.at));
                c.i += 1;
                continue;
            }
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
        // A draft's mark (`(Dự thảo)`, `DỰ THẢO`) belongs to no box of the decree: noted
        // and left out, the header goes on.
        let bare = stripped.trim_matches(['(', ')', ' ']).to_lowercase();
        if bare == "dự thảo" || bare.starts_with("dự thảo ") {
            d.unrecognised.push(Note {
                at: line.at,
                text: crate::t!("“{t}”: dấu của bản dự thảo, bỏ qua", t = stripped),
            });
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

/// Chủ quản is upright and ban hành bold (Word); without emphasis, a people's committee
/// (`ỦY BAN NHÂN DÂN` + `TỈNH …`) has no chủ quản line, otherwise the first line is it.
pub(super) fn split_agency(agency: Vec<(String, Option<bool>)>, d: &mut Draft, source: Source) {
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
pub(super) fn number<'a>(rest: &'a str, d: &mut Draft) -> &'a str {
    // `[số] / ký hiệu`, the number often left blank for the văn thư, spaces anywhere.
    let rest = rest.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let Some(code) = rest[digits..].trim_start().strip_prefix('/') else {
        return rest;
    };
    let code = code.trim_start();
    let (code, after) = code_and_rest(code);
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

/// The ký hiệu at the start of `s` and what follows it. It runs to the first space that is
/// not beside a dash: offices type `HD – HĐTĐKT` with an en dash and spaces; the decree's
/// hyphen is what the ký hiệu keeps.
fn code_and_rest(s: &str) -> (String, &str) {
    let is_dash = |c: char| matches!(c, '-' | '–' | '—');
    let mut code = String::new();
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            let next_dash = s[i..].trim_start().starts_with(is_dash);
            if code.ends_with('-') || next_dash {
                continue;
            }
            return (code, &s[i..]);
        }
        code.push(if is_dash(c) { '-' } else { c });
    }
    (code, "")
}

/// `Lạng Sơn, ngày 05 tháng 02 năm 2019`, a blank day or month kept blank as `..`.
pub(super) fn date(s: &str, d: &mut Draft) -> bool {
    // Offices type the blanks and the gap after the comma with any number of spaces
    // (`Hậu Giang,  ngày       tháng`), or none (`Hà Nội,ngày`).
    let s = s.replace('_', " ");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.replace(",ngày", ", ngày");
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

/// Ô 13 (`Địa chỉ: …; ĐT: …; Email: …`), wherever the extraction put it.
pub(super) fn contact(ps: &mut Vec<P>, d: &mut Draft) {
    let labels = crate::context::CONTACT_LABELS;
    let (first, _) = labels[0];
    let pos = ps.iter().position(|p| match p {
        P::Line(l) => {
            let t = l.plain();
            let t = t.trim();
            t.starts_with(&format!("{first}:"))
                && labels[1..]
                    .iter()
                    .any(|(l, _)| t.contains(&format!("; {l}:")))
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
