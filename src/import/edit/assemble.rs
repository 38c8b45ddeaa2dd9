//! The edits of the aligned units turned into edits of the YAML text: a value rewritten, a
//! list item removed or added, each by its byte range; what cannot be placed is reported.

use std::collections::BTreeMap;
use std::path::Path;

use super::{label, text, trace, yaml, Change, Pair, Unit};
use crate::diag::Diagnostic;

/// The edits being gathered for one YAML text.
pub struct Job<'a> {
    src: &'a str,
    scalars: &'a [yaml::Scalar],
    cands: Vec<(usize, text::Parsed)>,
    /// The last value traced, to prefer the next one in order on a tie.
    near: usize,
    /// The last original unit kept or changed: a unit added goes after its value.
    prev: Option<usize>,
    values: BTreeMap<usize, String>,
    /// Byte ranges and their new text (removed items, added items).
    spans: Vec<(usize, usize, String)>,
    changes: Vec<Change>,
}

/// The lines of the list item a value stands in.
struct NodeLines {
    /// Start of the item's first line (its `- `).
    start: usize,
    /// End of the value's own lines.
    own_end: usize,
    /// End of the item: beyond `own_end` when lines of other values (its `noi_dung`) follow.
    end: usize,
    /// Column of the item's `-`.
    indent: usize,
    /// The level key (`gach`, `doan` …), or none for an item that is the value itself.
    key: Option<String>,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The lines of the sequence item (`- value` or `- key: value`) that `s` is written in.
fn node_lines(src: &str, s: &yaml::Scalar) -> Option<NodeLines> {
    use granit_parser::ScalarStyle::{Folded, Literal};
    let block = matches!(s.style, Folded | Literal);
    let head = if block {
        src[..s.start].rfind(['>', '|'])?
    } else {
        s.start
    };
    let start = src[..head].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &src[start..head];
    let indent = indent_of(prefix);
    let rest = prefix[indent..].strip_prefix("- ")?;
    let key = match rest.trim() {
        "" if s.item => None,
        k if !s.item && k.ends_with(':') && !k[..k.len() - 1].contains([' ', ':']) => {
            Some(k[..k.len() - 1].to_string())
        }
        _ => return None,
    };
    // The end of the value's own lines (a block's trailing blank lines are not its own).
    let last = if block {
        s.start + src[s.start..s.end].trim_end().len()
    } else {
        s.end
    };
    let own_end = src[last..].find('\n').map_or(src.len(), |i| last + i + 1);
    let mut end = own_end;
    let mut at = own_end;
    while at < src.len() {
        let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i + 1);
        let line = &src[at..line_end];
        if line.trim().is_empty() {
            at = line_end;
            continue;
        }
        if indent_of(line) <= indent {
            break;
        }
        end = line_end;
        at = line_end;
    }
    Some(NodeLines {
        start,
        own_end,
        end,
        indent,
        key,
    })
}

/// The number typed on a `Số: …/KH-UBND` line (without the zero vanban puts before a number
/// under 10), when it is all that changed there.
fn filled_number(old: &str, new: &str) -> Option<String> {
    let split = |s: &str| -> Option<(String, String)> {
        let rest = s.strip_prefix("Số:")?;
        let (number, code) = rest.split_once('/')?;
        Some((number.trim().to_string(), code.trim().to_string()))
    };
    let ((was, code), (now, new_code)) = (split(old)?, split(new)?);
    let digits = !now.is_empty() && now.chars().all(|c| c.is_ascii_digit());
    (digits && now != was && code == new_code).then(|| {
        let n = now.trim_start_matches('0');
        if n.is_empty() { "0" } else { n }.to_string()
    })
}

/// Where a paragraph added after the value of `n` (at `path`) goes: `(byte, indentation, level
/// key, path shown)`. After a heading with its own items (a `khoan` and its `noi_dung`), it is
/// the first of them, of their kind; else the next item of the anchor's list, of its kind.
fn placement(src: &str, path: &str, n: &NodeLines) -> (usize, usize, Option<String>, String) {
    let mut at = n.own_end;
    while at < n.end {
        let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i + 1);
        let line = src[at..line_end].trim_end();
        let item = line.trim_start().strip_prefix("- ");
        let key = item.and_then(|r| r.split_once(':')).map(|(k, _)| k.trim());
        if let Some(key) = key.filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_')) {
            let parent = path.rsplit_once('.').map_or("", |(h, _)| h);
            let shown = format!("{parent}.noi_dung[0]")
                .trim_start_matches('.')
                .to_string();
            return (at, indent_of(line), Some(key.to_string()), shown);
        }
        at = line_end;
    }
    let shown = path
        .rsplit_once('[')
        .map_or(path.to_string(), |(h, _)| format!("{h}[+]"));
    (n.end, n.indent, n.key.clone(), shown)
}

/// A paragraph's text without the mark vanban prints before it (`- `, `a) `, `1. `).
fn without_marker(text: &str, marker: &str) -> String {
    if !marker.trim().is_empty() {
        if let Some(rest) = text.strip_prefix(marker.trim_end()) {
            return rest.trim_start().to_string();
        }
    }
    let first = text.split(' ').next().unwrap_or("");
    let numbered = first.len() <= 6
        && (first.ends_with(')') || first.ends_with('.'))
        && first[..first.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == 'đ');
    if ["-", "+", "–"].contains(&first) || (numbered && first.len() > 1) {
        return text[first.len()..].trim_start().to_string();
    }
    text.to_string()
}

impl<'a> Job<'a> {
    pub fn new(
        src: &'a str,
        scalars: &'a [yaml::Scalar],
        cands: Vec<(usize, text::Parsed)>,
    ) -> Job<'a> {
        Job {
            src,
            scalars,
            cands,
            near: 0,
            prev: None,
            values: BTreeMap::new(),
            spans: Vec::new(),
            changes: Vec::new(),
        }
    }

    fn trace(&mut self, u: &Unit) -> Option<(usize, Vec<Option<text::Slot>>)> {
        let chars: Vec<char> = u.text.chars().collect();
        let hit = trace(&chars, &self.cands, self.near)?;
        self.near = hit.0;
        Some(hit)
    }

    /// Takes one aligned pair into account.
    pub fn pair(&mut self, p: Pair, a: &[Unit], b: &[Unit], warnings: &mut Vec<String>) {
        match p {
            Pair::Same(i, _) => self.prev = Some(i),
            Pair::Changed(i, j) => {
                self.prev = Some(i);
                self.after(a, i);
                self.changed(&a[i], &b[j], warnings);
            }
            Pair::Removed(i) => {
                self.after(a, i);
                self.removed(&a[i], warnings)
            }
            Pair::Added(j) => {
                let anchor = self.prev.map(|i| a[i].clone());
                self.added(anchor.as_ref(), &b[j], warnings);
            }
        }
    }

    /// Places the search after the value of the unit before `i`, so that a text printed twice
    /// (the same closing line of two sections) is traced to the right one.
    fn after(&mut self, a: &[Unit], i: usize) {
        if let Some(before) = i.checked_sub(1).map(|k| &a[k]) {
            let _ = self.trace(before);
        }
    }

    /// The văn thư's number typed on the `Số:` line: written as `so` when the YAML has it,
    /// else the clerk is told what to add. `true` when the unit was that line.
    fn number(&mut self, change: &mut Change, new: &Unit, warnings: &mut Vec<String>) -> bool {
        let (Some(old), Some(typed)) = (change.old.as_deref(), change.new.as_deref()) else {
            return false;
        };
        let Some(so) = filled_number(old, typed) else {
            return false;
        };
        change.label = "số văn bản";
        change.path = Some("so".into());
        match self.scalars.iter().position(|s| s.path == "so") {
            Some(k) => {
                self.values.insert(k, so);
                change.applied = true;
            }
            None => warnings.push(crate::t!(
                "đoạn {at}: số văn bản {so} điền trong tệp Word: thêm dòng `so: {so}` vào YAML (trước `dia_danh`)",
                at = new.at,
                so = so
            )),
        }
        true
    }

    fn changed(&mut self, old: &Unit, new: &Unit, warnings: &mut Vec<String>) {
        let mut change = Change {
            at: new.at,
            cell: new.cell,
            label: label("", new),
            path: None,
            old: Some(old.text.clone()),
            new: Some(new.text.clone()),
            applied: false,
        };
        if self.number(&mut change, new, warnings) {
            self.changes.push(change);
            return;
        }
        let number = |s: &str| {
            s.chars().any(|c| c.is_ascii_digit())
                && s.chars().all(|c| c.is_ascii_digit() || ".,% ".contains(c))
        };
        let Some((k, map)) = self.trace(old) else {
            if number(&old.text) && number(&new.text) {
                // A number no YAML value prints: a figure vanban computed (a table's total,
                // share or result).
                warnings.push(crate::t!(
                    "đoạn {at}: sửa {printed} thành {typed}, nhưng số này vanban in từ `so_lieu` — sửa số liệu trong `so_lieu`",
                    at = new.at,
                    printed = old.text,
                    typed = new.text
                ));
                self.changes.push(change);
                return;
            }
            warnings.push(crate::t!(
                "đoạn {at}: sửa thành “{new}”, nhưng không tìm thấy chữ này trong YAML (có thể là phần vanban tự viết): không đưa vào, sửa tay nếu cần",
                at = new.at,
                new = new.text
            ));
            self.changes.push(change);
            return;
        };
        let s = &self.scalars[k];
        change.label = label(&s.path, old);
        change.path = Some(s.path.clone());
        let parsed = &self.cands.iter().find(|c| c.0 == k).unwrap().1;
        let (o, n): (Vec<char>, Vec<char>) =
            (old.text.chars().collect(), new.text.chars().collect());
        let applied = text::apply(&s.value, parsed, &o, &n, &map);
        for (name, printed, typed) in &applied.figures {
            warnings.push(crate::t!(
                "đoạn {at}: sửa {printed} thành {typed}, nhưng `{name}` tính ra {printed} — sửa số liệu trong `so_lieu`",
                at = new.at,
                printed = printed,
                typed = typed,
                name = name
            ));
        }
        for (printed, typed) in &applied.outside {
            warnings.push(crate::t!(
                "đoạn {at}: sửa “{printed}” thành “{typed}” ở phần vanban tự viết (số thứ tự, dấu câu, chữ cố định): không đưa vào YAML",
                at = new.at,
                printed = printed,
                typed = typed
            ));
        }
        if let Some(v) = applied.value {
            match self.values.entry(k) {
                std::collections::btree_map::Entry::Occupied(_) => warnings.push(crate::t!(
                    "đoạn {at}: `{path}` đã được sửa ở một đoạn khác: không đưa thêm sửa đổi này vào, sửa tay nếu cần",
                    at = new.at,
                    path = s.path
                )),
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(v);
                    change.applied = true;
                }
            }
        }
        self.changes.push(change);
    }

    fn removed(&mut self, old: &Unit, warnings: &mut Vec<String>) {
        let mut change = Change {
            at: old.at,
            cell: old.cell,
            label: label("", old),
            path: None,
            old: Some(old.text.clone()),
            new: None,
            applied: false,
        };
        let node = self.trace(old).and_then(|(k, _)| {
            let s = &self.scalars[k];
            change.label = label(&s.path, old);
            change.path = Some(s.path.clone());
            node_lines(self.src, s).filter(|n| n.end == n.own_end)
        });
        match node {
            Some(n) => {
                self.spans.push((n.start, n.end, String::new()));
                change.applied = true;
            }
            None => warnings.push(crate::t!(
                "đoạn {at} của bản gốc (“{old}”) đã bị xoá trong tệp Word, nhưng không xoá được trong YAML: xoá tay nếu cần",
                at = old.at,
                old = old.text
            )),
        }
        self.changes.push(change);
    }

    fn added(&mut self, anchor: Option<&Unit>, new: &Unit, warnings: &mut Vec<String>) {
        let mut change = Change {
            at: new.at,
            cell: new.cell,
            label: label("", new),
            path: None,
            old: None,
            new: Some(new.text.clone()),
            applied: false,
        };
        let placed = anchor.and_then(|u| {
            let (k, map) = self.trace(u)?;
            let s = &self.scalars[k];
            let n = node_lines(self.src, s)?;
            // The mark vanban printed before the anchor's own text.
            let first = map.iter().position(Option::is_some).unwrap_or(0);
            let marker: String = u.text.chars().take(first).collect();
            let mut text = without_marker(&new.text, &marker);
            // The punctuation vanban puts after each item (`;` of a recipient) is its own.
            let own_end =
                map.last().is_some_and(Option::is_none) && u.text.ends_with([';', '.', ',']);
            if own_end {
                text = text
                    .trim_end_matches([';', '.', ','])
                    .trim_end()
                    .to_string();
            }
            let value = crate::context::escape_prose(&text);
            let written = if yaml::plain_safe(&value, s.flow) {
                value
            } else {
                yaml::quoted(&value)
            };
            let (at, indent, key, path) = placement(self.src, &s.path, &n);
            change.label = label(&format!("{path}.{}", key.as_deref().unwrap_or("")), new);
            let pad = " ".repeat(indent);
            let nl = yaml::eol(self.src);
            let line = match &key {
                Some(key) => format!("{pad}- {key}: {written}{nl}"),
                None => format!("{pad}- {written}{nl}"),
            };
            change.path = Some(path);
            Some((at, line))
        });
        match placed {
            Some((at, line)) => {
                self.spans.push((at, at, line));
                change.applied = true;
            }
            None => warnings.push(crate::t!(
                "đoạn {at}: đoạn thêm vào (“{new}”) không đặt được vào YAML: thêm tay nếu cần",
                at = new.at,
                new = new.text
            )),
        }
        self.changes.push(change);
    }

    /// The YAML with every edit, checked to read back; the changes in order.
    pub fn finish(
        self,
        path: &Path,
        warnings: &mut Vec<String>,
    ) -> Result<(String, Vec<Change>), Box<Diagnostic>> {
        let mut spans = self.spans;
        for (k, v) in &self.values {
            spans.push(yaml::replacement(self.src, &self.scalars[*k], v));
        }
        // From the end, so that earlier offsets stay right; an edit inside one already made
        // (a value of a removed item) is dropped.
        // Several lines added at one place go in the order they were found: the last first.
        let mut spans: Vec<(usize, (usize, usize, String))> =
            spans.into_iter().enumerate().collect();
        spans.sort_by(|(i, x), (j, y)| y.0.cmp(&x.0).then(y.1.cmp(&x.1)).then(j.cmp(i)));
        let mut out = self.src.to_string();
        let mut floor = usize::MAX;
        for (_, (a, b, t)) in spans {
            if b > floor {
                warnings.push(crate::t!(
                    "một sửa đổi chồng lên sửa đổi khác ở dòng {line}: bỏ qua, sửa tay nếu cần",
                    line = self.src[..a].lines().count() + 1
                ));
                continue;
            }
            out.replace_range(a..b, &t);
            floor = a;
        }
        crate::load::load_text(path, out.clone()).map_err(|mut d| {
            Box::new(d.remove(0).with_hint(crate::t!(
                "vanban không ghi tệp này: báo lỗi cho người phát triển kèm tệp .docx"
            )))
        })?;
        Ok((out, self.changes))
    }
}
