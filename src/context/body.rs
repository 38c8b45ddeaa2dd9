//! The nội dung (ô 6): căn cứ ban hành, then the text numbered by the tool — mục, khoản,
//! điểm, dashes and pluses (Phụ lục I, 6b), or Chương, Mục, Điều, khoản, điểm (6a) — and the
//! results tables (bảng kết quả thực hiện).

use serde_saphyr::{Location, Spanned};

use super::text::{parse_rich, punctuate};
use super::{Block, Builder, ResultRow, Span};
use crate::figures;
use crate::model::{Document, Level, Node, Text};
use crate::numfmt;

/// The levels of a body, in the order of the counters of [`Builder::blocks`].
const LEVELS: [&str; 8] = [
    Level::Chuong.name(),
    Level::Dieu.name(),
    Level::Muc.name(),
    Level::Khoan.name(),
    Level::Diem.name(),
    Level::Gach.name(),
    Level::Cong.name(),
    Level::Doan.name(),
];

/// The level of one of the context's names ([`LEVELS`], and `muc_chuong`).
fn level_named(name: &str) -> Level {
    [
        Level::Chuong,
        Level::MucChuong,
        Level::Dieu,
        Level::Muc,
        Level::Khoan,
        Level::Diem,
        Level::Gach,
        Level::Cong,
        Level::Doan,
    ]
    .into_iter()
    .find(|l| l.name() == name)
    .unwrap_or(Level::Doan)
}

/// Whether any node of a body uses Chương or Điều.
pub(super) fn uses_dieu(nodes: &[Node]) -> bool {
    nodes
        .iter()
        .any(|n| n.chuong.is_some() || n.dieu.is_some() || uses_dieu(&n.noi_dung))
}

/// Căn cứ ban hành, one per line, `;` between them and `.` after the last.
pub(super) fn can_cu(b: &mut Builder, doc: &Document) -> Vec<Vec<Span>> {
    let can_cu_text: Vec<String> = doc.can_cu.iter().map(|c| b.text(c)).collect();
    punctuate(&can_cu_text, ".")
        .iter()
        .map(|s| parse_rich(s))
        .collect()
}

/// The text of the document; a Quyết định or Nghị quyết is made of Điều.
pub(super) fn noi_dung(b: &mut Builder, doc: &Document) -> Vec<Block> {
    let kind = doc.loai.value;
    let body = b.blocks(&doc.noi_dung, None, 0);
    if kind.enacting().is_some() && b.dieu_no == 0 {
        b.warn(
            &doc.loai.referenced,
            crate::t!("{kind} chưa có Điều nào (`dieu`)", kind = kind.name()),
        )
        .hint = Some(crate::t!(
            "nội dung sau dòng QUYẾT ĐỊNH: gồm các Điều: `- dieu: …`"
        ));
    }
    body
}

impl Builder<'_> {
    /// Numbers a list of nodes, each counted within its level; Chương and Điều run on.
    pub(super) fn blocks(
        &mut self,
        nodes: &[Node],
        parent: Option<&'static str>,
        depth: usize,
    ) -> Vec<Block> {
        let mut out = Vec::new();
        let mut counters = [0usize; 8];
        for node in nodes {
            if let Some(names) = &node.bang_ket_qua {
                out.extend(self.results_block(node, names));
                continue;
            }
            if let Some(list) = &node.danh_sach {
                out.extend(self.list_block(list));
                continue;
            }
            if let Some(rows) = &node.bang {
                out.extend(self.table_block(rows));
                continue;
            }
            let Some((level, text)) = self.level_of(node) else {
                continue;
            };
            if !allowed(
                parent.map(level_named),
                level_named(level),
                self.dieu_scheme,
            ) {
                self.misplaced(parent, level, text);
                continue;
            }
            let idx = LEVELS.iter().position(|l| *l == level).unwrap();
            counters[idx] += 1;
            let n = counters[idx];
            out.push(self.block(node, level, text, n, depth));
        }
        out
    }

    /// The one level a node is written at, with its text; none when it has no text or two.
    fn level_of<'n>(&mut self, node: &'n Node) -> Option<(&'static str, &'n Text)> {
        let set: Vec<(&'static str, &Text)> = [
            ("chuong", node.chuong.as_ref()),
            ("dieu", node.dieu.as_ref()),
            ("muc", node.muc.as_ref()),
            ("khoan", node.khoan.as_ref()),
            ("diem", node.diem.as_ref()),
            ("gach", node.gach.as_ref()),
            ("cong", node.cong.as_ref()),
            ("doan", node.doan.as_ref()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
        match set.as_slice() {
            [one] => Some(*one),
            [] => {
                // A node with no text has no position of its own to point at.
                self.error(
                    &Location::UNKNOWN,
                    crate::t!("một phần tử của `noi_dung` không có nội dung"),
                )
                .hint = Some(crate::t!("mỗi phần tử cần đúng một trong: chuong, muc, dieu, khoan, diem, gach, cong, doan, bang_ket_qua"));
                None
            }
            [first, second, ..] => {
                let msg = crate::t!(
                    "một phần tử vừa là `{first}` vừa là `{second}`",
                    first = first.0,
                    second = second.0
                );
                self.error(&second.1.referenced, msg).hint = Some(crate::t!(
                    "tách thành hai phần tử, mỗi phần tử bắt đầu bằng `- `"
                ));
                None
            }
        }
    }

    /// A level written where the decree's order of levels does not allow it.
    fn misplaced(&mut self, parent: Option<&'static str>, level: &str, text: &Text) {
        let msg = match parent {
            Some(p) => {
                let p = if p == "muc_chuong" { "muc" } else { p };
                crate::t!(
                    "`{level}` không thể nằm trong `{p}` (lồng quá sâu hoặc sai cấp)",
                    level = level,
                    p = p
                )
            }
            None => crate::t!("`{level}` không thể đứng ở cấp ngoài cùng", level = level),
        };
        let order = if self.dieu_scheme {
            crate::t!("thứ tự cấp: chuong (Chương I) → muc (Mục 1) → dieu (Điều 1.) → khoan (1.) → diem (a))")
        } else {
            crate::t!("thứ tự cấp: muc (I.) → khoan (1.) → diem (a)) → gach (-) → cong (+)")
        };
        self.error(&text.referenced, msg).hint = Some(order);
    }

    /// One node, the `n`th of its level, with its children.
    fn block(
        &mut self,
        node: &Node,
        level: &'static str,
        text: &Text,
        n: usize,
        depth: usize,
    ) -> Block {
        let level = if level == "muc" && self.dieu_scheme {
            "muc_chuong"
        } else {
            level
        };
        let marker = self.marker(level, n, text);
        let mut spans = self.rich(text);
        if matches!(level, "muc" | "chuong" | "muc_chuong") {
            for s in &mut spans {
                s.t = s.t.to_uppercase();
            }
        }
        let bold = node.dam.unwrap_or_else(|| {
            default_bold(level_named(level), self.dieu_scheme, self.dieu_title_bold)
        });
        let children = if depth >= 6 {
            Vec::new()
        } else {
            self.blocks(&node.noi_dung, Some(level), depth + 1)
        };
        if level == "doan" && !node.noi_dung.is_empty() {
            self.error(
                &text.referenced,
                crate::t!("một đoạn văn (`doan`) không có phần tử con"),
            )
            .hint = Some(crate::t!("đưa các phần tử con ra cùng cấp với đoạn văn"));
        }
        Block {
            level,
            marker,
            bold,
            rows: Vec::new(),
            head: Vec::new(),
            cells: Vec::new(),
            keep: false,
            spans,
            children,
        }
    }

    /// `Chương I`, `Mục 1`, `Điều 1.`, `I.`, `1.`, `a)`, `-`, `+` or nothing for a paragraph.
    fn marker(&mut self, level: &str, n: usize, text: &Text) -> String {
        match level {
            "chuong" => {
                self.chuong_no += 1;
                format!("Chương {}", numfmt::roman(self.chuong_no))
            }
            "dieu" => {
                self.dieu_no += 1;
                format!("Điều {}.", self.dieu_no)
            }
            "muc_chuong" => format!("Mục {n}"),
            "muc" => format!("{}.", numfmt::roman(n)),
            "khoan" => format!("{n}."),
            "diem" => {
                if n > numfmt::LETTERS.len() {
                    self.warn(
                        &text.referenced,
                        crate::t!("quá 23 điểm trong một khoản: ký hiệu điểm lặp chữ (aa), bb) …)"),
                    );
                }
                format!("{})", numfmt::letter(n))
            }
            "gach" => "-".into(),
            "cong" => "+".into(),
            _ => String::new(),
        }
    }

    /// A results table, unless the node is also some other part of the text.
    fn results_block(&mut self, node: &Node, names: &[Spanned<String>]) -> Option<Block> {
        let others = [
            &node.chuong,
            &node.dieu,
            &node.muc,
            &node.khoan,
            &node.diem,
            &node.gach,
            &node.cong,
            &node.doan,
        ];
        if others.iter().any(|o| o.is_some()) {
            let loc = names
                .first()
                .map(|n| n.referenced)
                .unwrap_or(Location::UNKNOWN);
            self.error(
                &loc,
                crate::t!("một phần tử vừa là `bang_ket_qua` vừa là phần văn bản khác"),
            )
            .hint = Some(crate::t!(
                "tách thành hai phần tử, mỗi phần tử bắt đầu bằng `- `"
            ));
            return None;
        }
        Some(Block {
            level: "bang",
            rows: self.results(names),
            spans: Vec::new(),
            ..Block::paragraph(String::new())
        })
    }

    /// A list from every row of a table (`danh_sach`): TT and the chosen columns, the cells
    /// as the sheet has them.
    fn list_block(&mut self, list: &crate::model::ListSheet) -> Option<Block> {
        let sheet = match crate::family::read_table(
            self.file,
            self.source,
            &list.bang,
            list.trang.as_ref(),
        ) {
            Ok(s) => s,
            Err(d) => {
                self.report.push(*d);
                return None;
            }
        };
        self.tables.push(sheet.file.clone());
        let rows = crate::family::filtered(
            self.file,
            self.source,
            &sheet,
            &list.cot,
            list.chi_khi.as_ref(),
            self.report,
        )?;
        let mut head = vec!["TT".to_string()];
        for (i, c) in list.cot.iter().enumerate() {
            head.push(
                list.tieu_de
                    .get(i)
                    .map_or(c.value.trim(), |t| t.value.trim())
                    .to_string(),
            );
        }
        let mut cells = Vec::new();
        for (n, row) in rows.iter().enumerate() {
            let mut line = vec![crate::numfmt::count(n as i64 + 1)];
            for c in &list.cot {
                let text = row
                    .get(c.value.trim())
                    .map_or("", |v| v.text.as_str())
                    .to_string();
                self.check_chars(&text, &list.bang.referenced);
                line.push(text);
            }
            cells.push(line);
        }
        Some(Block {
            level: "danh_sach",
            head,
            cells,
            spans: Vec::new(),
            ..Block::paragraph(String::new())
        })
    }

    /// A table typed in the document (`bang`): printed as a `danh_sach`, its first row the
    /// headings; short rows are filled out with empty cells.
    fn table_block(&mut self, rows: &[Vec<Text>]) -> Option<Block> {
        let (first, rest) = rows.split_first()?;
        let head: Vec<String> = first.iter().map(|c| self.text(c)).collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let pad = |mut r: Vec<String>| {
            r.resize(width, String::new());
            r
        };
        let cells = rest
            .iter()
            .map(|r| pad(r.iter().map(|c| self.text(c)).collect()))
            .collect();
        Some(Block {
            level: "danh_sach",
            head: pad(head),
            cells,
            spans: Vec::new(),
            ..Block::paragraph(String::new())
        })
    }

    /// Rows of a results table from the `thuc_hien` figures named in the data.
    fn results(&mut self, names: &[Spanned<String>]) -> Vec<ResultRow> {
        let mut rows = Vec::new();
        for name in names {
            let k = name.value.trim();
            let fig = |suffix: &str| {
                self.table
                    .get(&format!("{k}.{suffix}"))
                    .map(|f| f.display())
            };
            let text = |suffix: &str| self.table.texts.get(&format!("{k}.{suffix}")).cloned();
            match (text("ten"), fig("ke_hoach"), fig("dat")) {
                (Some(ten), Some(ke_hoach), Some(dat)) => {
                    let ty_le = fig("ty_le").unwrap_or_default();
                    let don_vi = text("don_vi").unwrap_or_default();
                    self.check_chars(&ten, &name.referenced);
                    rows.push(ResultRow {
                        tt: (rows.len() + 1).to_string(),
                        ten,
                        don_vi,
                        ke_hoach,
                        dat,
                        ty_le,
                    });
                }
                _ => {
                    let known: Vec<String> = self
                        .table
                        .texts
                        .keys()
                        .filter_map(|n| n.strip_suffix(".ten").map(str::to_string))
                        .collect();
                    let hint = figures::suggest(k, known.iter())
                        .map(|s| crate::t!("có phải `{s}`?", s = s))
                        .unwrap_or_else(|| {
                            crate::t!("mỗi tên phải là một mục của `so_lieu.thuc_hien`")
                        });
                    self.error(
                        &name.referenced,
                        crate::t!("không có kết quả thực hiện tên `{k}`", k = k),
                    )
                    .hint = Some(hint);
                }
            }
        }
        rows
    }
}

/// Whether a level's text is bold when `dam` does not say (`level` as [`allowed`] names it,
/// `MucChuong` for a Mục of a Chương); the title of a Điều is bold in a Quy chế, not in a
/// Quyết định (`dieu_title_bold`).
pub fn default_bold(level: Level, dieu_scheme: bool, dieu_title_bold: bool) -> bool {
    match level {
        Level::Muc | Level::Chuong | Level::MucChuong => true,
        Level::Dieu => dieu_title_bold,
        // Under Điều a khoản has no title (Phụ lục I, 6a); in a plan it has one (6b).
        Level::Khoan => !dieu_scheme,
        _ => false,
    }
}

/// Which level may sit inside which: the decree's mục → khoản → điểm, then dashes and pluses;
/// or, in the Chương/Điều scheme, chương → mục → điều → khoản → điểm. A child is named as the
/// YAML writes it (`Muc`), a parent as the context numbers it (`MucChuong` under a Chương).
pub fn allowed(parent: Option<Level>, child: Level, dieu_scheme: bool) -> bool {
    use Level::*;
    if dieu_scheme && child == Muc {
        return matches!(parent, None | Some(Chuong));
    }
    match parent {
        None => matches!(child, Chuong | Dieu | Muc | Khoan | Diem | Gach | Doan),
        Some(Chuong | MucChuong) => matches!(child, Dieu | Doan),
        Some(Dieu | Muc) => matches!(child, Khoan | Diem | Gach | Doan),
        Some(Khoan) => matches!(child, Diem | Gach | Doan),
        Some(Diem) => matches!(child, Gach | Doan),
        Some(Gach) => matches!(child, Cong | Doan),
        Some(Cong) => matches!(child, Doan),
        _ => false,
    }
}

/// The last paragraph of a body goes with the signature block: a signature never stands
/// alone on a page.
pub(super) fn mark_last(body: &mut [Block]) {
    let mut last = body.last_mut();
    while let Some(block) = last {
        if block.children.is_empty() {
            block.keep = true;
            break;
        }
        last = block.children.last_mut();
    }
}
