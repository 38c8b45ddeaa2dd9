//! The text of every field: figures cited, characters checked against the embedded font,
//! light emphasis, and the punctuation the tool adds itself.

use serde_saphyr::Location;

use super::{Builder, Span};
use crate::diag::Diagnostic;
use crate::figures;
use crate::model::Text;

/// The longest text one field may hold. Real paragraphs of these documents are a few
/// thousand characters; anything far beyond is a paste accident that would take minutes to lay
/// out as one paragraph.
const MAX_TEXT: usize = 50_000;

impl Builder<'_> {
    /// Cites figures and checks every character against the embedded font.
    pub(super) fn text(&mut self, t: &Text) -> String {
        if t.value.chars().count() > MAX_TEXT {
            self.error(
                &t.referenced,
                crate::t!(
                    "đoạn chữ dài {n} ký tự, quá giới hạn {max}",
                    n = t.value.chars().count(),
                    max = MAX_TEXT
                ),
            )
                .hint = Some(crate::t!("chia thành nhiều đoạn (`doan`); một đoạn dài như vậy thường là do dán nhầm cả một tệp"));
            return String::new();
        }
        let s = figures::cite(t, self.table, self.file, self.source, self.report);
        self.check_chars(&s, &t.referenced);
        // Line breaks inside a YAML paragraph are the editor's, not the document's.
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Text where explicit line breaks matter (names printed on several lines).
    pub(super) fn lines(&mut self, t: &Text) -> Vec<String> {
        let s = figures::cite(t, self.table, self.file, self.source, self.report);
        self.check_chars(&s, &t.referenced);
        s.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// Whether a field that is not free text (a time, a date) is a blank to fill in; a blank
    /// is reported where it is written.
    pub(super) fn blank(&mut self, t: &Text) -> bool {
        let blank = crate::model::is_blank(&t.value);
        if blank {
            self.report
                .push(figures::blank_warning(self.file, self.source, t));
        }
        blank
    }

    pub(super) fn check_chars(&mut self, s: &str, loc: &Location) {
        for c in s.chars() {
            if c == '\n' || c == '\t' || c == '\r' {
                continue;
            }
            let (msg, hint) = if c.is_control() {
                (
                    crate::t!(
                        "ký tự điều khiển U+{code} không in được",
                        code = format!("{:04X}", c as u32)
                    ),
                    crate::t!("xoá ký tự này (thường do sao chép từ tệp khác)"),
                )
            } else if !c.is_whitespace() && !self.fonts.covers(c) {
                (
                    crate::t!(
                        "phông chữ Liberation Serif không có ký tự `{c}` (U+{code})",
                        c = c,
                        code = format!("{:04X}", c as u32)
                    ),
                    crate::t!("thay bằng ký tự khác; văn bản hành chính chỉ dùng chữ Việt Unicode (TCVN 6909:2001)"),
                )
            } else {
                continue;
            };
            // Point at the character itself when it is written literally in the source.
            let pos = crate::diag::locate_in(self.source, loc, &c.to_string());
            let d = Diagnostic::error(self.file, pos, msg)
                .with_source(self.source)
                .with_hint(hint);
            self.report.push(d);
            return;
        }
    }

    pub(super) fn rich(&mut self, t: &Text) -> Vec<Span> {
        let s = self.text(t);
        parse_rich(&s)
    }
}

/// Prose as written: every `*`, `^[` and `{{` escaped, so that [`parse_rich`] and the figure
/// citations give the text back as it is (the inverse of both).
pub fn escape_prose(s: &str) -> String {
    escape_text(&s.replace('*', "\\*").replace("^[", "\\^["))
}

/// A field that is not prose as written: only `{{` (a figure citation) is escaped.
pub fn escape_text(s: &str) -> String {
    s.replace("{{", "\\{{")
}

/// Light inline emphasis: `**bold**` and `*italic*`; an unmatched `*` stays literal, `\*` is
/// always literal. A footnote is written `^[…]` where its number goes (`\^[` is literal).
pub fn parse_rich(s: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some((before, note, after)) = split_note(rest) {
        out.extend(parse_emphasis(before));
        out.push(Span {
            // A note is plain text: its escapes are undone, its stars printed as they are.
            t: note.replace("\\*", "*").replace("\\^[", "^["),
            b: false,
            i: false,
            n: true,
        });
        rest = after;
    }
    out.extend(parse_emphasis(rest));
    out
}

/// The text before the first footnote `^[…]`, the note, and the text after it; brackets
/// inside the note may nest.
fn split_note(s: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    let start = loop {
        let i = from + s[from..].find("^[")?;
        if !s[..i].ends_with('\\') {
            break i;
        }
        from = i + 2;
    };
    let mut depth = 0;
    for (j, c) in s[start + 2..].char_indices() {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => {
                let end = start + 2 + j;
                return Some((&s[..start], &s[start + 2..end], &s[end + 1..]));
            }
            ']' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn parse_emphasis(s: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut push = |t: &str, b: bool, i: bool| {
        if t.is_empty() {
            return;
        }
        let t = t.replace("\\*", "*").replace("\\^[", "^[");
        match out.last_mut() {
            Some(last) if last.b == b && last.i == i => last.t.push_str(&t),
            _ => out.push(Span { t, b, i, n: false }),
        }
    };
    let bytes = s.as_bytes();
    let mut plain_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'*') {
            i += 2;
            continue;
        }
        if bytes[i] == b'*' {
            let double = bytes.get(i + 1) == Some(&b'*');
            let open = if double { 2 } else { 1 };
            let needle = if double { "**" } else { "*" };
            let content_start = i + open;
            let close = find_closer(&s[content_start..], needle).map(|c| c + content_start);
            if let Some(close) = close {
                if close > content_start {
                    push(&s[plain_start..i], false, false);
                    push(&s[content_start..close], double, !double);
                    i = close + open;
                    plain_start = i;
                    continue;
                }
            }
            i += open;
            continue;
        }
        i += 1;
    }
    push(&s[plain_start..], false, false);
    out
}

fn find_closer(s: &str, needle: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i..].starts_with(needle.as_bytes()) {
            // A single `*` must not be half of a `**`.
            if needle == "*" && b.get(i + 1) == Some(&b'*') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

pub(super) fn punctuate(items: &[String], last: &str) -> Vec<String> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let s = s.trim().trim_end_matches([';', '.', ',']).trim_end();
            format!("{s}{}", if i + 1 == n { last } else { ";" })
        })
        .collect()
}

/// Text without the trailing punctuation that the tool adds itself.
pub(super) fn end_clean(s: &str) -> &str {
    s.trim().trim_end_matches(['.', ';', ',']).trim_end()
}

pub(super) fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a text holds, escaped it reads back as itself, with no emphasis and no
        /// footnote made up.
        #[test]
        fn escaped_prose_reads_back_as_written(s in "[ab *^\\[\\]\\\\]{0,24}") {
            let spans = parse_rich(&escape_prose(&s));
            prop_assert!(spans.iter().all(|x| !x.b && !x.i && !x.n), "{spans:?}");
            let back: String = spans.iter().map(|x| x.t.as_str()).collect();
            prop_assert_eq!(back, s);
        }
    }
}
