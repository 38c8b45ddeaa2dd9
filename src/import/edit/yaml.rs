//! The scalars of a YAML text with their places, and a scalar written back in its own style,
//! so that an edit replaces exactly the bytes of one value and leaves the rest of the file —
//! comments, key order, spacing — as it was.

use granit_parser::{Event, Parser, ScalarStyle};

/// One scalar value of the file (not a key).
#[derive(Debug, Clone)]
pub struct Scalar {
    pub value: String,
    pub style: ScalarStyle,
    /// Byte range of the scalar in the text, as the parser gives it.
    pub start: usize,
    pub end: usize,
    /// Where it is: `noi_dung[1].noi_dung[0].khoan`.
    pub path: String,
    /// An item of a block sequence (`- …`), the whole item.
    pub item: bool,
    /// Inside a flow collection (`[…]`, `{…}`), where `,` and brackets end a plain scalar.
    pub flow: bool,
}

enum Frame {
    Map {
        key: Option<String>,
        expect_key: bool,
        block: bool,
    },
    Seq {
        index: usize,
        block: bool,
    },
}

fn in_flow(stack: &[Frame]) -> bool {
    stack.iter().any(|f| match f {
        Frame::Map { block, .. } | Frame::Seq { block, .. } => !block,
    })
}

/// The path segment of the next value under `stack`'s top.
fn segment(stack: &[Frame]) -> String {
    match stack.last() {
        Some(Frame::Map { key, .. }) => key.clone().unwrap_or_default(),
        Some(Frame::Seq { index, .. }) => format!("[{index}]"),
        None => String::new(),
    }
}

fn advance(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map { expect_key, .. }) => *expect_key = true,
        Some(Frame::Seq { index, .. }) => *index += 1,
        None => {}
    }
}

fn join(path: &[String]) -> String {
    let mut out = String::new();
    for s in path.iter().filter(|s| !s.is_empty()) {
        if !out.is_empty() && !s.starts_with('[') {
            out.push('.');
        }
        out.push_str(s);
    }
    out
}

/// Every scalar value of `src` in order, with its byte range; `None` when the text is not
/// YAML the parser reads.
pub fn scalars(src: &str) -> Option<Vec<Scalar>> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    for ev in Parser::new_from_str(src) {
        let (event, span) = ev.ok()?;
        match event {
            Event::Scalar(value, style, _, _) => {
                if let Some(Frame::Map {
                    key, expect_key, ..
                }) = stack.last_mut()
                {
                    if *expect_key {
                        *key = Some(value.into_owned());
                        *expect_key = false;
                        continue;
                    }
                }
                let mut p = path.clone();
                p.push(segment(&stack));
                out.push(Scalar {
                    value: value.into_owned(),
                    style,
                    start: span.start.byte_offset()?,
                    end: span.end.byte_offset()?,
                    path: join(&p),
                    item: matches!(stack.last(), Some(Frame::Seq { block: true, .. })),
                    flow: in_flow(&stack),
                });
                advance(&mut stack);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                path.push(segment(&stack));
                stack.push(match event {
                    Event::MappingStart(style, ..) => Frame::Map {
                        key: None,
                        expect_key: true,
                        block: style == granit_parser::StructureStyle::Block,
                    },
                    Event::SequenceStart(style, ..) => Frame::Seq {
                        index: 0,
                        block: style == granit_parser::StructureStyle::Block,
                    },
                    _ => unreachable!(),
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                path.pop();
                advance(&mut stack);
            }
            _ => {}
        }
    }
    Some(out)
}

/// The scalar `s` written with `value` instead, in its own style where the value allows it
/// (a plain scalar stays plain, a folded or literal block stays a block at its indentation),
/// else double-quoted. `src` is the whole text, for the block's indentation.
pub fn rewrite(src: &str, s: &Scalar, value: &str) -> String {
    match s.style {
        ScalarStyle::Plain if plain_safe(value, s.flow) => value.to_string(),
        // A number written plain stays a number (`so: 315`).
        ScalarStyle::Plain if number(&s.value) && number(value) => value.to_string(),
        ScalarStyle::SingleQuoted if !value.contains('\n') => {
            format!("'{}'", value.replace('\'', "''"))
        }
        ScalarStyle::Folded | ScalarStyle::Literal => block(src, s, value),
        _ => quoted(value),
    }
}

/// Digits only: a whole number as YAML reads it.
fn number(v: &str) -> bool {
    !v.is_empty() && v.chars().all(|c| c.is_ascii_digit())
}

/// A YAML double-quoted scalar: always valid, whatever the text holds.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a text can be written as a plain scalar (in a flow collection or not) and read
/// back as the same string.
pub fn plain_safe(v: &str, flow: bool) -> bool {
    let first = v.chars().next();
    !v.is_empty()
        && v.trim() == v
        && !v.contains('\n')
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.ends_with(':')
        && !v.chars().any(|c| c == '\t' || c.is_control())
        && !(flow && v.chars().any(|c| ",[]{}".contains(c)))
        && !first.is_some_and(|c| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && v.parse::<f64>().is_err()
        && !matches!(
            v.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off"
        )
}

/// A block scalar's content rewritten at its indentation; the header (`>-`, `|`) and the
/// blank lines after it are kept. A folded block's line breaks are blank lines.
fn block(src: &str, s: &Scalar, value: &str) -> String {
    let line_start = src[..s.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &src[line_start..s.start];
    let region = &src[s.start..s.end];
    let trail = &region[region.trim_end().len()..];
    let core = value.trim_end_matches('\n');
    let nl = eol(src);
    let sep = if s.style == ScalarStyle::Folded {
        format!("{nl}{nl}{indent}")
    } else {
        format!("{nl}{indent}")
    };
    let body = core.split('\n').collect::<Vec<_>>().join(&sep);
    // A trailing part with no line break (the end of the file) keeps the block closed.
    format!("{body}{trail}")
}

/// The file's line ending: a file saved on Windows keeps its `\r\n` in the lines written.
pub fn eol(src: &str) -> &'static str {
    if src.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The bytes to replace and their new text for `s` to hold `value`: the scalar itself, or
/// for a block whose style cannot keep the value, the block from its header on, written
/// double-quoted.
pub fn replacement(src: &str, s: &Scalar, value: &str) -> (usize, usize, String) {
    if block_keeps(s, value) {
        return (s.start, s.end, rewrite(src, s, value));
    }
    let header = src[..s.start].rfind(['>', '|']).unwrap_or(s.start);
    let region = &src[s.start..s.end];
    let trail = &region[region.trim_end().len()..];
    (header, s.end, format!("{}{trail}", quoted(value)))
}

/// Whether `rewrite` gives a text the parser reads back as `value` (a leading space in a
/// block, or a line break a folded block cannot keep, are written double-quoted instead).
pub fn block_keeps(s: &Scalar, value: &str) -> bool {
    match s.style {
        ScalarStyle::Folded | ScalarStyle::Literal => {
            let core = value.trim_end_matches('\n');
            !core.is_empty()
                && !core
                    .split('\n')
                    .any(|l| l.starts_with([' ', '\t']) || l.is_empty())
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_number_stays_a_number() {
        let src = "so: 312\nten: \"12\"\n";
        let all = scalars(src).unwrap();
        assert_eq!(rewrite(src, &all[0], "315"), "315");
        assert_eq!(rewrite(src, &all[1], "15"), "\"15\"");
    }

    const SRC: &str = "a: plain text # c\nb: \"dq \\\" x\"\nc: 'sq'' y'\nd: >-\n  folded line\n  two\n\ne: |\n  lit\n  two\nf:\n  - one\n  - x: [p, q]\n";

    #[test]
    fn every_value_has_its_place_and_path() {
        let all = scalars(SRC).unwrap();
        let seen: Vec<(&str, &str, &str, bool)> = all
            .iter()
            .map(|s| {
                (
                    s.path.as_str(),
                    s.value.as_str(),
                    &SRC[s.start..s.end],
                    s.item,
                )
            })
            .collect();
        assert_eq!(seen[0], ("a", "plain text", "plain text", false));
        assert_eq!(seen[1], ("b", "dq \" x", "\"dq \\\" x\"", false));
        assert_eq!(seen[3].1, "folded line two");
        assert_eq!(seen[5], ("f[0]", "one", "one", true));
        assert_eq!(seen[7], ("f[1].x[1]", "q", "q", false));
    }

    /// Each scalar rewritten with a new value reads back as that value, and every other
    /// value is unchanged.
    #[test]
    fn a_rewritten_scalar_reads_back_and_nothing_else_moves() {
        // As typed on Linux, and as saved by Notepad (CRLF, which every line written keeps).
        for src in [SRC.to_string(), SRC.replace('\n', "\r\n")] {
            let all = scalars(&src).unwrap();
            for (k, s) in all.iter().enumerate() {
                for new in [
                    "mới: có # và, dấu",
                    "một dòng",
                    "a, [b]",
                    "12",
                    "hai\ndòng",
                    " lề",
                ] {
                    let (a, b, r) = replacement(&src, s, new);
                    let text = format!("{}{r}{}", &src[..a], &src[b..]);
                    let back = scalars(&text).unwrap();
                    let block = s.style == ScalarStyle::Literal && block_keeps(s, new);
                    let want = if block {
                        format!("{new}\n")
                    } else {
                        new.to_string()
                    };
                    assert_eq!(back[k].value, want, "{text}");
                    for (j, o) in all.iter().enumerate().filter(|(j, _)| *j != k) {
                        assert_eq!(back[j].value, o.value, "{text}");
                    }
                    if src.contains('\r') {
                        assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
                    }
                }
            }
        }
    }
}
