//! A YAML value and the paragraph it printed as, character by character: which printed
//! character is which character of the value, which belongs to a cited figure (`{{tc02.tong}}`),
//! and which the tool wrote itself (a number, a mark, punctuation). An edit of the printed
//! text then becomes an edit of the value, and an edit of a figure a warning.

use std::ops::Range;

/// What a printed character is, in the value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot {
    /// The value's character at this byte offset (of this many bytes).
    Lit(usize, usize),
    /// A character of the `k`th figure cited.
    Ref(usize),
}

/// A value read as vanban prints it.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Printed characters that come from the value: `(char, slot)`; a figure is one
    /// `Slot::Ref` placeholder.
    pub chars: Vec<(char, Slot)>,
    /// The figures cited, by name (`tc02.tong`).
    pub refs: Vec<String>,
}

/// A value's printed characters: emphasis marks, footnotes and escapes dropped, runs of white
/// space one space, each figure a placeholder.
pub fn parse(v: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut i = 0;
    let b = v.as_bytes();
    while i < v.len() {
        let rest = &v[i..];
        if rest.starts_with("\\{{") || rest.starts_with("\\*") || rest.starts_with("\\^[") {
            let n = if rest.starts_with("\\*") { 1 } else { 2 };
            for (k, c) in rest[1..1 + n].char_indices() {
                out.chars.push((c, Slot::Lit(i + 1 + k, 1)));
            }
            i += 1 + n;
            continue;
        }
        if let Some(inner) = rest.strip_prefix("{{") {
            if let Some(end) = inner.find("}}") {
                let name = inner[..end].split(':').next().unwrap_or("").trim();
                if !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                {
                    out.chars.push(('\u{0}', Slot::Ref(out.refs.len())));
                    out.refs.push(name.to_string());
                    i += 2 + end + 2;
                    continue;
                }
            }
        }
        if rest.starts_with("^[") {
            i += footnote_len(rest);
            continue;
        }
        if b[i] == b'*' {
            i += 1;
            continue;
        }
        let c = rest.chars().next().unwrap();
        if c.is_whitespace() {
            let run = rest.len() - rest.trim_start().len();
            if !matches!(out.chars.last(), Some((' ', _))) {
                out.chars.push((' ', Slot::Lit(i, 1)));
            }
            i += run;
            continue;
        }
        out.chars.push((c, Slot::Lit(i, c.len_utf8())));
        i += c.len_utf8();
    }
    out
}

/// Bytes of a footnote `^[…]` at the start of `s` (brackets inside may nest).
fn footnote_len(s: &str) -> usize {
    let mut depth = 0;
    for (j, c) in s.char_indices().skip(2) {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => return j + 1,
            ']' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Characters a number printed for a figure is made of.
fn figure_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c == ','
}

/// The slot of each character of the printed paragraph `p` that the value `v` printed,
/// and how many of the value's characters were found. Literal stretches are found in order
/// (letter case aside, trailing punctuation the tool may replace aside); a figure is what
/// lies between them, or the number next to the stretch at either end.
pub fn locate(p: &[char], v: &Parsed) -> (Vec<Option<Slot>>, usize) {
    let mut map = vec![None; p.len()];
    let pl: Vec<char> = p.iter().map(|c| fold(*c)).collect();
    let mut found = 0;
    let mut cursor = 0;
    let mut pending_ref: Option<(usize, usize)> = None; // (ref index, where it may start)
    let mut k = 0;
    while k < v.chars.len() {
        if let Slot::Ref(r) = v.chars[k].1 {
            pending_ref = Some((r, cursor));
            k += 1;
            continue;
        }
        let end = v.chars[k..]
            .iter()
            .position(|c| matches!(c.1, Slot::Ref(_)))
            .map_or(v.chars.len(), |e| k + e);
        let mut run: Vec<(char, Slot)> = v.chars[k..end].to_vec();
        let hit = loop {
            let needle: Vec<char> = run.iter().map(|c| fold(c.0)).collect();
            if needle.is_empty() {
                break None;
            }
            if let Some(at) = find(&pl, &needle, cursor) {
                break Some(at);
            }
            // The tool replaces a trailing `;`/`.` and trims spaces: retry without them.
            match run.last() {
                Some((c, _)) if ".;,: ".contains(*c) => {
                    run.pop();
                }
                _ => break None,
            }
        };
        match hit {
            Some(at) => {
                if let Some((r, from)) = pending_ref.take() {
                    let start = if found == 0 {
                        // A figure first: the number just before the stretch.
                        let mut s = at;
                        while s > from && figure_char(p[s - 1]) {
                            s -= 1;
                        }
                        s
                    } else {
                        from
                    };
                    (start..at).for_each(|x| map[x] = Some(Slot::Ref(r)));
                }
                for (x, c) in run.iter().enumerate() {
                    map[at + x] = Some(c.1);
                }
                found += run.len();
                cursor = at + run.len();
            }
            None => pending_ref = None,
        }
        k = end;
    }
    if let Some((r, from)) = pending_ref {
        // A figure last: the number just after the last stretch.
        let mut e = from;
        while e < p.len() && figure_char(p[e]) {
            e += 1;
        }
        (from..e).for_each(|x| map[x] = Some(Slot::Ref(r)));
    }
    (map, found)
}

fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// One stretch where the edited paragraph differs: the original's characters `a..b` became
/// `text`, and `to..to_end` is where that text stands in the edited paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Hunk {
    pub a: usize,
    pub b: usize,
    pub text: String,
}

/// The stretches where `new` differs from `old`, character by character (longest common
/// subsequence over what lies between their common start and end).
pub fn diff(old: &[char], new: &[char]) -> Vec<Hunk> {
    ranges(old, new)
        .into_iter()
        .map(|(o, n)| Hunk {
            a: o.start,
            b: o.end,
            text: new[n].iter().collect(),
        })
        .collect()
}

/// The stretches where `new` differs from `old`: each a range of `old` replaced by a range
/// of `new` (either may be empty).
pub fn ranges<T: PartialEq>(old: &[T], new: &[T]) -> Vec<(Range<usize>, Range<usize>)> {
    let pre = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suf = old[pre..]
        .iter()
        .rev()
        .zip(new[pre..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (o, n) = (&old[pre..old.len() - suf], &new[pre..new.len() - suf]);
    if o.is_empty() && n.is_empty() {
        return Vec::new();
    }
    if o.len() * n.len() > 4_000_000 {
        return vec![(pre..pre + o.len(), pre..pre + n.len())];
    }
    // lcs[i][j]: common subsequence of o[i..] and n[j..].
    let w = n.len() + 1;
    let mut lcs = vec![0u32; (o.len() + 1) * w];
    for i in (0..o.len()).rev() {
        for j in (0..n.len()).rev() {
            lcs[i * w + j] = if o[i] == n[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    let mut open: Option<(Range<usize>, Range<usize>)> = None;
    while i < o.len() || j < n.len() {
        if i < o.len() && j < n.len() && o[i] == n[j] {
            out.extend(open.take());
            i += 1;
            j += 1;
            continue;
        }
        let h = open.get_or_insert((pre + i..pre + i, pre + j..pre + j));
        if j < n.len() && (i == o.len() || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
            j += 1;
            h.1.end = pre + j;
        } else {
            i += 1;
            h.0.end = pre + i;
        }
    }
    out.extend(open);
    out
}

/// The words that changed, with a few words around each: `… báo cáo [-định kỳ-]{+hằng
/// tháng+}, đột xuất …`.
pub fn word_diff(old: &str, new: &str) -> String {
    const AROUND: usize = 3;
    let (o, n): (Vec<&str>, Vec<&str>) = (
        old.split_whitespace().collect(),
        new.split_whitespace().collect(),
    );
    let hunks = ranges(&o, &n);
    let mut out: Vec<String> = Vec::new();
    let mut shown = 0;
    for (k, (r, s)) in hunks.iter().enumerate() {
        let from = r.start.saturating_sub(AROUND).max(shown);
        if from > shown || (k == 0 && from > 0) {
            out.push("…".into());
        }
        out.extend(o[from..r.start].iter().map(|w| w.to_string()));
        if !r.is_empty() {
            out.push(format!("[-{}-]", o[r.clone()].join(" ")));
        }
        if !s.is_empty() {
            out.push(format!("{{+{}+}}", n[s.clone()].join(" ")));
        }
        let next = hunks.get(k + 1).map_or(o.len(), |h| h.0.start);
        let to = (r.end + AROUND).min(next);
        out.extend(o[r.end..to].iter().map(|w| w.to_string()));
        shown = to;
    }
    if shown < o.len() {
        out.push("…".into());
    }
    out.join(" ")
}

/// What an edited paragraph does to its value.
#[derive(Debug, Default, PartialEq)]
pub struct Applied {
    /// The value with the edits in place (`None`: no edit reached it).
    pub value: Option<String>,
    /// Figures typed over: (name, printed, typed).
    pub figures: Vec<(String, String, String)>,
    /// Edits of what the tool writes itself (numbering, punctuation, words around the
    /// value): (printed, typed).
    pub outside: Vec<(String, String)>,
}

/// Brings the edits of `old` → `new` (printed paragraphs) into the value `v` that printed
/// `old` (`map` from [`locate`]). Typed text is escaped for vanban's text syntax.
pub fn apply(
    v: &str,
    parsed: &Parsed,
    old: &[char],
    new: &[char],
    map: &[Option<Slot>],
) -> Applied {
    let mut out = Applied::default();
    let mut cuts: Vec<(usize, usize, String)> = Vec::new();
    for h in diff(old, new) {
        let touched: Vec<Option<Slot>> = map[h.a..h.b].to_vec();
        let before = h.a.checked_sub(1).and_then(|x| map[x]);
        let after = map.get(h.b).copied().flatten();
        let figure = touched.iter().flatten().find_map(|s| match s {
            Slot::Ref(r) => Some(*r),
            _ => None,
        });
        let inside_ref = match (before, after) {
            (Some(Slot::Ref(x)), Some(Slot::Ref(y))) if x == y && h.a == h.b => Some(x),
            _ => None,
        };
        if let Some(r) = figure.or(inside_ref) {
            // The figure's whole printed number, before and after.
            let (s, e) = span_of(map, Slot::Ref(r), h.a.min(map.len().saturating_sub(1)));
            let printed: String = old[s..e].iter().collect();
            let shift = h.text.chars().count() as isize - (h.b - h.a) as isize;
            let ne = (e as isize + shift).max(s as isize) as usize;
            let typed: String = new[s.min(new.len())..ne.min(new.len())].iter().collect();
            out.figures.push((parsed.refs[r].clone(), printed, typed));
            continue;
        }
        let lits: Vec<(usize, usize)> = touched
            .iter()
            .map(|s| match s {
                Some(Slot::Lit(at, n)) => Some((*at, *n)),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default();
        if lits.len() != h.b - h.a {
            out.outside.push((old[h.a..h.b].iter().collect(), h.text));
            continue;
        }
        // Typed after a space: before the next character, so that it keeps the value's
        // own line breaks and indentation.
        let after_space = h.a > 0 && old[h.a - 1] == ' ';
        let at = match (lits.first(), before, after) {
            (Some((at, _)), _, _) => Some(*at),
            (None, _, Some(Slot::Lit(at, _))) if after_space => Some(at),
            (None, Some(Slot::Lit(at, n)), _) => Some(at + n),
            (None, _, Some(Slot::Lit(at, _))) => Some(at),
            _ => None,
        };
        let Some(at) = at else {
            out.outside.push((String::new(), h.text));
            continue;
        };
        let end = lits.last().map_or(at, |(a, n)| a + n);
        cuts.push((at, end, crate::context::escape_prose(&h.text)));
    }
    if !cuts.is_empty() {
        let mut value = v.to_string();
        cuts.sort_by_key(|c| std::cmp::Reverse(c.0));
        for (a, b, t) in cuts {
            value.replace_range(a..b, &t);
        }
        out.value = Some(value);
    }
    out
}

/// The stretch of characters around `at` that hold `slot`.
fn span_of(map: &[Option<Slot>], slot: Slot, at: usize) -> (usize, usize) {
    let Some(first) = map.iter().position(|s| *s == Some(slot)) else {
        return (at, at);
    };
    let last = map.iter().rposition(|s| *s == Some(slot)).unwrap_or(first);
    (first, last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn edit(v: &str, old: &str, new: &str) -> Applied {
        let parsed = parse(v);
        let (map, found) = locate(&chars(old), &parsed);
        assert!(found > 0, "{v} not in {old}");
        apply(v, &parsed, &chars(old), &chars(new), &map)
    }

    #[test]
    fn a_word_changed_in_the_print_is_changed_in_the_value_and_nowhere_else() {
        let v = "Tiếp tục **đẩy mạnh** thực hiện\n  chương trình;";
        let a = edit(
            v,
            "- Tiếp tục đẩy mạnh thực hiện chương trình.",
            "- Tiếp tục đẩy nhanh thực hiện các chương trình.",
        );
        // Where the typed word goes among the value's own line breaks is the diff's choice;
        // the words and marks are exact.
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            words(a.value.as_deref().unwrap()),
            "Tiếp tục **đẩy nhanh** thực hiện các chương trình;"
        );
        assert!(a.value.unwrap().contains("\n  "));
        assert!(a.figures.is_empty() && a.outside.is_empty());
    }

    #[test]
    fn a_figure_typed_over_is_reported_and_the_citation_kept() {
        let v = "nâng tổng số lên {{tc02.tong}}/{{tc02.mau_so}} xã, chiếm {{tc02.ty_le}}%.";
        let a = edit(
            v,
            "nâng tổng số lên 61/207 xã, chiếm 29,5%.",
            "nâng tổng số lên 63/207 xã, chiếm 29,5%.",
        );
        assert_eq!(a.value, None);
        assert_eq!(
            a.figures,
            vec![("tc02.tong".to_string(), "61".to_string(), "63".to_string())]
        );
    }

    #[test]
    fn the_tool_s_own_numbering_is_not_the_value() {
        let a = edit("Mục tiêu chung", "1. Mục tiêu chung", "2. Mục tiêu chung");
        assert_eq!(a.value, None);
        assert_eq!(a.outside, vec![("1".to_string(), "2".to_string())]);
    }

    #[test]
    fn the_words_changed_are_shown_with_a_few_around() {
        let d = word_diff(
            "Thực hiện chế độ thông tin, báo cáo định kỳ, đột xuất theo quy định.",
            "Thực hiện chế độ thông tin, báo cáo hằng tháng, đột xuất theo quy định.",
        );
        assert_eq!(
            d,
            "… tin, báo cáo [-định kỳ,-] {+hằng tháng,+} đột xuất theo …"
        );
        assert_eq!(word_diff("a b", "a b c"), "a b {+c+}");
        // Two changes close together share their context, once.
        assert_eq!(
            word_diff("a b c d e f g h", "a X c d Y f g h"),
            "a [-b-] {+X+} c d [-e-] {+Y+} f g h"
        );
    }

    #[test]
    fn typed_stars_and_braces_are_escaped() {
        let a = edit("Đạt chuẩn", "Đạt chuẩn", "Đạt chuẩn *{{x}}");
        assert_eq!(a.value.as_deref(), Some("Đạt chuẩn \\*\\{{x}}"));
    }
}
