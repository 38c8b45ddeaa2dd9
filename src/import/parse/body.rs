//! Ô 6, the body: its levels placed as the context will number them; the inverse of
//! `context/body.rs`.

use super::*;
use crate::model::Level;

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Stop {
    /// The body of the document: ends at Nơi nhận or the signature.
    Tail,
    /// A phụ lục: ends at the next phụ lục.
    Annex,
}

/// Levels a parent may hold: the context's rule (`muc_chuong` is a Mục of a Chương, which
/// the context calls `muc` as a child and `muc_chuong` as a parent).
pub(super) fn allowed(parent: Option<Level>, child: Level, dieu: bool) -> bool {
    crate::context::allowed(parent, child.plain(), dieu)
}

/// How the levels of a body are numbered, as the context will number them: whether it is
/// made of Chương/Điều (`None`: decided from the body itself), and the Chương and Điều counts
/// so far (they run on from the body into its phụ lục).
#[derive(Clone, Copy, Default)]
pub(super) struct Numbering {
    pub(super) dieu: Option<bool>,
    pub(super) counters: (usize, usize),
}

/// Whether a parsed body uses Chương or Điều (context::body::uses_dieu).
pub(super) fn tree_uses_dieu(nodes: &[Node]) -> bool {
    nodes
        .iter()
        .any(|n| matches!(n.level, Level::Chuong | Level::Dieu) || tree_uses_dieu(&n.children))
}

pub(super) fn body(
    c: &mut Cursor,
    d: &mut Draft,
    source: Source,
    numbering: &mut Numbering,
    stop: Stop,
) -> Vec<Node> {
    let dieu = numbering.dieu.unwrap_or_else(|| scheme_uses_dieu(c, stop));
    let mut tree = Tree {
        root: Vec::new(),
        path: Vec::new(),
        dieu,
    };
    let mut counters = numbering.counters;
    while let Some(p) = c.peek() {
        let at = p.at();
        let line = match p {
            P::Table(t) => {
                let t = t.clone();
                c.i += 1;
                table_nodes(t, d, &mut tree, at);
                continue;
            }
            P::Line(l) => l.clone(),
            P::Signers(_) => break,
        };
        if ends_body(c, &line, stop, tree.root.is_empty()) {
            break;
        }
        c.i += 1;
        let plain = line.plain().trim().to_string();
        let (level, skip, num) = classify(&line, &plain, dieu, d, at);
        // A title on the next line: `Chương I` / `QUY ĐỊNH CHUNG`.
        let mut text = line.markup(skip, true, false);
        let marker_only = text.trim_matches(['*', '.', ':', ' ']).is_empty();
        if matches!(level, Level::Chuong | Level::MucChuong) && marker_only {
            if let Some(P::Line(next)) = c.peek() {
                text = next.markup(0, true, false);
                c.i += 1;
            }
        }
        // The number must follow on from the one before, or the tool would print another.
        if !num.is_empty() && level != Level::Doan {
            let expected = match level {
                Level::Chuong => counters.0 + 1,
                Level::Dieu => counters.1 + 1,
                _ => expected_number(&tree.root, &tree.path, level, dieu),
            };
            renumber_note(d, at, &plain, level, &num, expected);
        }
        match level {
            Level::Chuong => counters.0 += 1,
            Level::Dieu => counters.1 += 1,
            _ => {}
        }
        let level = level.plain();
        if text.is_empty() {
            continue;
        }
        let node = Node {
            dam: emphasis(&line, &text, level, dieu, source),
            ..Node::leaf(level, text, at)
        };
        if !tree.push(node) {
            d.unrecognised.push(Note {
                at,
                text: format!(
                    "“{}”: cấp {} không đứng được ở đây, giữ thành đoạn văn",
                    short(&plain),
                    level.key()
                ),
            });
            tree.push(Node::leaf(Level::Doan, line.markup(0, true, false), at));
        }
    }
    numbering.counters = counters;
    tree.root
}

/// The body being built: its nodes, the path of indices from the root to the innermost open
/// node, and whether it is made of Chương/Điều.
struct Tree {
    root: Vec<Node>,
    path: Vec<usize>,
    dieu: bool,
}

impl Tree {
    /// Places a node where the decree's order of levels allows it ([`push_node`]).
    fn push(&mut self, node: Node) -> bool {
        push_node(&mut self.root, &mut self.path, node, self.dieu)
    }
}

/// Whether the body about to be read is made of Chương/Điều, as the context decides from the
/// body's own nodes: an Điều before the body ends.
fn scheme_uses_dieu(c: &Cursor, stop: Stop) -> bool {
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
        .any(|t| t.starts_with("Điều ") && marker(&t).is_some_and(|m| m.0 == Level::Dieu))
}

/// A table of the body: a bảng kết quả (→ `so_lieu.thuc_hien`), a table with a TT column
/// (→ `bang`), or else one paragraph per row, said in the notes.
fn table_nodes(t: Table, d: &mut Draft, tree: &mut Tree, at: usize) {
    if let Some(rows) = results_table(&t) {
        let first = d.results.len();
        let names: Vec<String> = (0..rows.len())
            .map(|i| format!("kq{:02}", first + i + 1))
            .collect();
        for (name, [ten, don_vi, ke_hoach, dat]) in names.iter().zip(rows) {
            d.results.push([name.clone(), ten, don_vi, ke_hoach, dat]);
        }
        tree.push(Node::leaf(Level::BangKetQua, names.join(", "), at));
        return;
    }
    if let Some(rows) = typed_table(&t) {
        tree.push(Node {
            rows,
            ..Node::leaf(Level::Bang, String::new(), at)
        });
        return;
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
            let text = crate::import::read::escape(&cells.join(" | "));
            tree.push(Node::leaf(Level::Doan, text, at));
        }
    }
}

/// Whether `line` (the cursor's) ends the body: Nơi nhận or a quyền hạn, a phụ lục, the box
/// of a giấy nghỉ phép, a signature with no quyền hạn, or the tên loại of an attached
/// document.
fn ends_body(c: &Cursor, line: &Line, stop: Stop, root_empty: bool) -> bool {
    let plain = line.plain();
    let bare = plain.trim().trim_start_matches('*').trim_start();
    let bare_end = bare.trim_end_matches('*');
    if is_annex_start(bare_end) {
        return true;
    }
    if stop != Stop::Tail {
        return false;
    }
    if is_noi_nhan(bare) || is_signer_cue(bare_end) || bare_end == NGHI_PHEP_BOX {
        return true;
    }
    // A signature with no quyền hạn (`GIÁM ĐỐC` over a name): a cell of Word's layout
    // table, or a line in capitals followed by a name, maybe after a second title (two
    // signatures side by side).
    let next_is_name = || {
        c.ps[c.i + 1..]
            .iter()
            .take(3)
            .map_while(|p| match p {
                P::Line(n) => Some(n.plain().trim().trim_matches('*').trim().to_string()),
                _ => None,
            })
            .take_while(|t| is_upper(t) || is_name(t))
            .any(|t| is_name(&t))
    };
    let signature =
        is_upper(bare_end) && marker(bare_end).is_none() && (line.cell || next_is_name());
    // An attached document (a Quy chế issued by the Quyết định) starts at its tên loại.
    !root_empty && (signature || title_kind(bare_end).is_some())
}

/// The level of a line (Word's automatic numbering, or its marker), how many characters
/// its marker takes, and the number written; a Mục outside Chương/Điều and a Phần are
/// paragraphs, the latter said.
fn classify(
    line: &Line,
    plain: &str,
    dieu: bool,
    d: &mut Draft,
    at: usize,
) -> (Level, usize, String) {
    let lead = plain.chars().take_while(|ch| *ch == '*').count();
    let (level, skip, num) = match line.auto {
        Some(level) => (level, 0, String::new()),
        None => match marker(&plain[lead..]) {
            Some((level, len, num)) => (level, lead + len, num),
            None => (Level::Doan, 0, String::new()),
        },
    };
    if level == Level::MucChuong && !dieu {
        return (Level::Doan, 0, num);
    }
    if level == Level::Phan {
        d.unrecognised.push(Note {
            at,
            text: format!(
                "“{}”: vanban không có cấp Phần, giữ thành đoạn văn",
                short(plain)
            ),
        });
        return (Level::Doan, 0, num);
    }
    (level, skip, num)
}

/// vanban numbers the levels itself: a skipped or repeated number of the source is put
/// right, and the clerk is told.
fn renumber_note(d: &mut Draft, at: usize, plain: &str, level: Level, num: &str, expected: usize) {
    if marker_number(level, num) == Some(expected) {
        return;
    }
    let shown = match level {
        Level::Muc | Level::Chuong => crate::numfmt::roman(expected),
        Level::Diem => crate::numfmt::letter(expected),
        _ => expected.to_string(),
    };
    d.unrecognised.push(Note {
        at,
        text: format!(
            "“{}”: số thứ tự {num} không nối tiếp, vanban đánh lại thành {shown}",
            short(plain)
        ),
    });
}

/// `dam` only where the emphasis differs from the level's own. Bold only on the marker
/// (`**Điều 1.** text`) is a Điều's own emphasis, which depends on the kind: never written.
fn emphasis(line: &Line, text: &str, level: Level, dieu: bool, source: Source) -> Option<bool> {
    if source == Source::Text || level == Level::Dieu {
        return None;
    }
    let whole = line.all_bold().unwrap_or(false) && !text.contains("**");
    (crate::context::default_bold(level.in_scheme(dieu), dieu, false) != whole).then_some(whole)
}

pub(super) fn node_at<'a>(root: &'a mut [Node], path: &[usize]) -> &'a mut Node {
    let (first, rest) = path.split_first().unwrap();
    let mut n = &mut root[*first];
    for i in rest {
        n = &mut n.children[*i];
    }
    n
}

pub(super) fn children_at<'a>(root: &'a [Node], path: &[usize]) -> &'a [Node] {
    let mut list = root;
    for i in path {
        list = &list[*i].children;
    }
    list
}

/// The number the context will print for a new node of `level` where it would be placed.
pub(super) fn expected_number(root: &[Node], path: &[usize], level: Level, dieu: bool) -> usize {
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
            node.map(|n| n.level.in_scheme(dieu))
        };
        if allowed(parent, level, dieu) || p.is_empty() {
            let siblings = children_at(root, &p);
            let target = level.plain();
            return siblings.iter().filter(|n| n.level == target).count() + 1;
        }
        p.pop();
    }
}

/// Places a node under the innermost open node that may hold it; a paragraph goes under the
/// innermost heading (not into a dash list). False when no place takes it, and the open path
/// is left as it was: the paragraph kept in its stead, and what follows, stay where they are
/// (a `+` list typed under a khoản must not close the khoản and its mục).
pub(super) fn push_node(
    root: &mut Vec<Node>,
    path: &mut Vec<usize>,
    node: Node,
    dieu: bool,
) -> bool {
    let open = path.clone();
    let placed = place(root, path, node, dieu);
    if !placed {
        *path = open;
    }
    placed
}

fn place(root: &mut Vec<Node>, path: &mut Vec<usize>, node: Node, dieu: bool) -> bool {
    let level_key = |l: Level| l.in_scheme(dieu);
    loop {
        let parent = if path.is_empty() {
            None
        } else {
            Some(level_key(node_at(root, path).level))
        };
        let leaf = matches!(node.level, Level::Doan | Level::BangKetQua | Level::Bang);
        let ok = if leaf {
            !matches!(parent, Some(Level::Gach | Level::Cong | Level::Diem))
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

/// A bảng kết quả (Chỉ tiêu / Đơn vị tính / Kế hoạch / Thực hiện / Tỷ lệ): its rows as
/// tên, đơn vị, kế hoạch, đạt; the tỷ lệ column is computed again by vanban.
pub(super) fn results_table(t: &Table) -> Option<Vec<[String; 4]>> {
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

/// A table of data whose first column is the TT (`TT`, `STT`, `Số TT`): kept as a `bang`,
/// its cells escaped; rows left empty are dropped.
pub(super) fn typed_table(t: &Table) -> Option<Vec<Vec<String>>> {
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
        .map(|r| {
            r.iter()
                .map(|c| crate::import::read::escape_plain(c))
                .collect()
        })
        .collect();
    Some(rows)
}
