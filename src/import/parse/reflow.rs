//! Joining the lines of a text extraction back into paragraphs (a repair of the reading).

use super::*;

/// Joins the lines of a text extraction back into paragraphs: a paragraph of justified text
/// fills the width except on its last line, so a short line, or a line ending a sentence
/// followed by a capital, a marker or a known opening word, ends a paragraph.
pub(super) fn paragraphs(source: Source, items: Vec<Item>) -> Vec<P> {
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

        line.runs = vec![crate::import::read::Run::plain(text.clone())];
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
pub(super) fn continues(p: &str, text: &str, short: bool) -> bool {
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
