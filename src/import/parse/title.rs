//! Ô 5 (tên loại, trích yếu), the thẩm quyền and căn cứ, and Kính gửi (ô 9a); the inverse of
//! `context/title.rs` and `context/recipients.rs`.

use super::*;

pub(super) fn title(c: &mut Cursor, d: &mut Draft, source: Source) {
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

pub(super) fn kinh_gui(c: &mut Cursor, d: &mut Draft, source: Source) {
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
