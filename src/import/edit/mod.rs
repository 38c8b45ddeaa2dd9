//! `vanban nhap` on a .docx that vanban built and someone edited: the edits brought back
//! into the YAML it was built from.
//!
//! The source YAML (carried in the .docx, [`crate::render::docx::source`], or named with
//! `--tu` when LibreOffice dropped the part) is built again to a .docx in memory; both files
//! are read as paragraphs, table cells and layout lines ([`Unit`]), aligned, and each changed
//! unit is traced back to the YAML value that printed it ([`text`]). The YAML is then edited
//! by the byte spans of those values ([`yaml`]): comments, key order, names and `so_lieu` stay
//! as they were. A figure typed over, an edit of what vanban writes itself, a change not yet
//! accepted and a comment are reported, never written.

pub mod text;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Report};
use crate::import::read::{self, Item, Mark};
use crate::render::docx::source::{self, Record};

/// One paragraph, table cell or line of a layout cell, as printed.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The reader's paragraph number.
    pub at: usize,
    pub text: String,
    /// A cell of a data table: its row and column, from 1.
    pub cell: Option<(usize, usize)>,
}

/// One change found, as the clerk reads it.
#[derive(Debug, Clone)]
pub struct Change {
    /// Paragraph of the edited file (of the original for a removal).
    pub at: usize,
    /// A table cell's row and column, from 1.
    pub cell: Option<(usize, usize)>,
    /// `đoạn`, `mục danh sách`, `ô bảng`, `nơi nhận`, `chữ ký`.
    pub label: &'static str,
    /// The YAML value's path, when it was found.
    pub path: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// Written into the YAML.
    pub applied: bool,
}

/// The YAML with the edits, and the report.
pub struct Edited {
    pub yaml: String,
    /// The YAML the edits belong to (its name from the .docx, or `--tu`).
    pub source: PathBuf,
    pub changes: Vec<Change>,
    /// Located warnings for the clerk: figures typed over, edits not brought back.
    pub warnings: Vec<String>,
    /// Changes not yet accepted and comments.
    pub marks: Vec<Mark>,
    /// The source came from the .docx itself (not from `--tu` or the file beside it).
    pub embedded: bool,
}

/// The source of an edited .docx: the part it carries, else `from` (`--tu`), else — for a file
/// vanban made (its `vanban` document property, which LibreOffice keeps when it drops the
/// part) — a YAML of the same name beside it. `None`: an ordinary import.
pub fn find_source(
    docx: &Path,
    bytes: &[u8],
    from: Option<&Path>,
) -> Option<(PathBuf, Record, bool)> {
    let folder = docx.parent().unwrap_or(Path::new(""));
    if let Some(r) = source::find(bytes) {
        let path = from
            .map(Path::to_path_buf)
            .unwrap_or_else(|| folder.join(&r.name));
        return Some((path, r, true));
    }
    let path = match from {
        Some(f) => f.to_path_buf(),
        None => {
            let beside = docx.with_extension("yaml");
            (made_by_vanban(bytes) && beside.is_file()).then_some(beside)?
        }
    };
    let text = std::fs::read_to_string(&path).ok()?;
    let name = path.file_name()?.to_string_lossy().into_owned();
    let record = Record {
        name,
        text,
        ..Record::default()
    };
    Some((path, record, false))
}

/// Whether a .docx says vanban made it: the custom document property `vanban` that the
/// writer sets (`docProps/custom.xml`).
fn made_by_vanban(bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let Ok(part) = zip.by_name("docProps/custom.xml") else {
        return false;
    };
    let mut xml = String::new();
    if part.take(1 << 20).read_to_string(&mut xml).is_err() {
        return false;
    }
    roxmltree::Document::parse(&xml).is_ok_and(|d| {
        d.descendants()
            .any(|n| n.has_tag_name("property") && n.attribute("name") == Some("vanban"))
    })
}

/// The .docx the source builds, built again in memory.
fn rebuild(path: &Path, text: &str, member: Option<&str>) -> Result<Vec<u8>, Box<Diagnostic>> {
    let fail = |d: Diagnostic| {
        Box::new(d.with_hint(crate::t!(
            "đặt tệp .docx cạnh tệp YAML gốc và các tệp dùng chung của nó, hoặc chỉ tệp YAML bằng --tu"
        )))
    };
    let mut loaded =
        crate::load::load_text(path, text.to_string()).map_err(|mut d| fail(d.remove(0)))?;
    let mut report = Report::default();
    let ok = crate::family::feed(path, &mut loaded, &mut report).is_some()
        && (loaded.doc.ho.is_none()
            || crate::family::select(
                path,
                &mut loaded,
                member,
                &crate::family::Cache::default(),
                &mut report,
            )
            .is_some());
    let fonts = crate::fonts::Fonts::embedded();
    let prepared = ok.then(|| crate::context::build(&loaded, &fonts, &mut report));
    let first_error = |r: &mut Report| {
        r.items
            .iter()
            .position(Diagnostic::is_error)
            .map(|i| r.items.remove(i))
    };
    if let Some(e) = first_error(&mut report) {
        return Err(fail(e));
    }
    let prepared = prepared.ok_or_else(|| {
        fail(Diagnostic::error(
            path,
            None,
            crate::t!("không dựng lại được văn bản gốc"),
        ))
    })?;
    use crate::render::Renderer as _;
    crate::render::docx::DocxRenderer
        .render(&prepared.ctx, &mut report)
        .map(|a| a.bytes)
        .ok_or_else(|| {
            fail(Diagnostic::error(
                path,
                None,
                crate::t!("không dựng lại được văn bản gốc"),
            ))
        })
}

/// Paragraphs, table cells and signer lines of a .docx read for the round trip.
fn units(items: &[Item]) -> Vec<Unit> {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Line(l) => out.push(Unit {
                at: l.at,
                text: norm(&l.plain()),
                cell: None,
            }),
            Item::Table(t) => {
                for (r, row) in t.rows.iter().enumerate() {
                    for (c, text) in row.iter().enumerate() {
                        out.push(Unit {
                            at: t.at,
                            text: norm(text),
                            cell: Some((r + 1, c + 1)),
                        });
                    }
                }
            }
            Item::Signers(s) => {
                for line in s.parties.iter().flatten() {
                    out.push(Unit {
                        at: s.at,
                        text: norm(line),
                        cell: None,
                    });
                }
            }
            Item::Blank => {}
        }
    }
    out.retain(|u| !u.text.is_empty());
    out
}

/// How the edited units stand to the original's.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pair {
    Same(usize, usize),
    Changed(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Share of words two texts have in common (0 to 1).
fn likeness(a: &str, b: &str) -> f64 {
    let wa: Vec<&str> = a.split_whitespace().collect();
    let mut wb: Vec<&str> = b.split_whitespace().collect();
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let mut common = 0;
    for w in &wa {
        if let Some(k) = wb.iter().position(|x| x == w) {
            wb.swap_remove(k);
            common += 1;
        }
    }
    2.0 * common as f64 / (wa.len() + b.split_whitespace().count()) as f64
}

/// The units aligned: equal texts by longest common subsequence, and between them the
/// alike ones paired as changed, the others removed or added.
fn align(a: &[Unit], b: &[Unit]) -> Vec<Pair> {
    // The common start and end are equal pairs; the table below covers only what lies
    // between (a long document edited in a few places stays small).
    let pre = a
        .iter()
        .zip(b)
        .take_while(|(x, y)| x.text == y.text)
        .count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x.text == y.text)
        .count();
    let mut out: Vec<Pair> = (0..pre).map(|k| Pair::Same(k, k)).collect();
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let shift = |p: Pair| match p {
        Pair::Same(i, j) => Pair::Same(i + pre, j + pre),
        Pair::Changed(i, j) => Pair::Changed(i + pre, j + pre),
        Pair::Removed(i) => Pair::Removed(i + pre),
        Pair::Added(j) => Pair::Added(j + pre),
    };
    out.extend(align_middle(ma, mb).into_iter().map(shift));
    out.extend((0..suf).map(|k| Pair::Same(a.len() - suf + k, b.len() - suf + k)));
    out
}

fn align_middle(a: &[Unit], b: &[Unit]) -> Vec<Pair> {
    let mut out = Vec::new();
    if a.len() * b.len() > 16_000_000 {
        // A document rewritten from end to end: paired in order, without the table.
        gap(
            a,
            b,
            &mut (0..a.len()).collect(),
            &mut (0..b.len()).collect(),
            &mut out,
        );
        return out;
    }
    let w = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * w];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * w + j] = if a[i].text == b[j].text {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut gi, mut gj) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i].text == b[j].text {
            gap(a, b, &mut gi, &mut gj, &mut out);
            out.push(Pair::Same(i, j));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
            gj.push(j);
            j += 1;
        } else {
            gi.push(i);
            i += 1;
        }
    }
    gap(a, b, &mut gi, &mut gj, &mut out);
    out
}

/// Pairs the units of one gap between equal ones, in order: alike texts, the same cell of
/// a table, or one unit put in the place of one other.
fn gap(a: &[Unit], b: &[Unit], gi: &mut Vec<usize>, gj: &mut Vec<usize>, out: &mut Vec<Pair>) {
    let mut next = 0;
    let one_for_one = gi.len() == 1 && gj.len() == 1;
    for &j in gj.iter() {
        let hit = (next..gi.len()).find(|&k| {
            let old = &a[gi[k]];
            one_for_one
                || likeness(&old.text, &b[j].text) >= 0.5
                || (old.cell.is_some() && old.cell == b[j].cell)
        });
        match hit {
            Some(k) => {
                out.extend(gi[next..k].iter().map(|&i| Pair::Removed(i)));
                out.push(if a[gi[k]].text == b[j].text {
                    Pair::Same(gi[k], j)
                } else {
                    Pair::Changed(gi[k], j)
                });
                next = k + 1;
            }
            None => out.push(Pair::Added(j)),
        }
    }
    out.extend(gi[next..].iter().map(|&i| Pair::Removed(i)));
    gi.clear();
    gj.clear();
}

/// The YAML values a printed unit may come from: text, not the data's own keys and numbers.
fn candidates(all: &[yaml::Scalar]) -> Vec<(usize, text::Parsed)> {
    const NOT_PRINTED: [&str; 6] = ["loai", "bao_gom", "trinh_bay", "ho", "ke_thua", "ngay"];
    all.iter()
        .enumerate()
        .filter(|(_, s)| s.value.chars().any(char::is_alphabetic))
        .filter(|(_, s)| {
            let head = s.path.split(['.', '[']).next().unwrap_or("");
            !NOT_PRINTED.contains(&head)
        })
        .map(|(k, s)| (k, text::parse(&s.value)))
        .collect()
}

/// Each printed character's place in a value ([`text::locate`]).
type SlotMap = Vec<Option<text::Slot>>;

/// The value that printed `unit`: the one most of whose characters are found in it (at
/// least half), nearest after `near` on a tie.
fn trace(unit: &[char], cands: &[(usize, text::Parsed)], near: usize) -> Option<(usize, SlotMap)> {
    let mut best: Option<(usize, (usize, usize), SlotMap)> = None;
    for (k, p) in cands {
        let lits = p
            .chars
            .iter()
            .filter(|c| matches!(c.1, text::Slot::Lit(..)))
            .count();
        if lits == 0 {
            continue;
        }
        let (map, found) = text::locate(unit, p);
        if found < 3.min(lits) || found * 2 < lits {
            continue;
        }
        // More characters found, then more of the value found (a title printed whole
        // beats a longer text that begins with it), then the nearest after `near`.
        let score = (found, found * 1000 / lits);
        let better = match &best {
            None => true,
            Some((bk, bs, _)) => {
                score > *bs
                    || (score == *bs && k.wrapping_sub(near + 1) < bk.wrapping_sub(near + 1))
            }
        };
        if better {
            best = Some((*k, score, map));
        }
    }
    best.map(|(k, _, m)| (k, m))
}

/// What the clerk calls the printed thing.
fn label(path: &str, unit: &Unit) -> &'static str {
    let last = path.rsplit('.').next().unwrap_or("");
    if path.starts_with("noi_nhan") {
        "nơi nhận"
    } else if ["nguoi_ky", "dong_ky", "cac_ben"]
        .iter()
        .any(|k| path.starts_with(k))
    {
        "chữ ký"
    } else if unit.cell.is_some() {
        "ô bảng"
    } else if ["gach", "cong", "diem"].contains(&last) {
        "mục danh sách"
    } else {
        "đoạn"
    }
}

mod assemble;

/// Brings the edits of the .docx `bytes` into the source `record` (the YAML at `path`).
pub fn import_edited(
    docx: &Path,
    bytes: &[u8],
    path: &Path,
    record: &Record,
    embedded: bool,
) -> Result<Edited, Box<Diagnostic>> {
    let unreadable = |_: read::ReadError| {
        Box::new(
            Diagnostic::error(
                docx,
                None,
                crate::t!("tệp .docx bị hỏng hoặc không phải tệp Word: không đọc được"),
            )
            .with_hint(crate::t!(
                "mở tệp bằng Word và lưu lại dưới dạng Word Document (.docx)"
            )),
        )
    };
    let original = rebuild(path, &record.text, record.member.as_deref())?;
    let (before, _) = read::read_docx_edits(&original).map_err(unreadable)?;
    let (after, marks) = read::read_docx_edits(bytes).map_err(unreadable)?;
    let (a, b) = (units(&before), units(&after));
    let pairs = align(&a, &b);
    let mut warnings = shared_files(path, record);
    if embedded && std::fs::read_to_string(path).is_ok_and(|now| now != record.text) {
        warnings.push(crate::t!(
            "{file} đã sửa sau khi dựng tệp .docx: sửa đổi được đưa vào bản YAML mà tệp .docx mang theo; so sánh hai tệp trước khi thay",
            file = path.display()
        ));
    }
    let scalars = yaml::scalars(&record.text).ok_or_else(|| {
        Box::new(Diagnostic::error(
            path,
            None,
            crate::t!("tệp YAML gốc không đọc được"),
        ))
    })?;
    let mut job = assemble::Job::new(&record.text, &scalars, candidates(&scalars));
    for p in &pairs {
        job.pair(*p, &a, &b, &mut warnings);
    }
    let (yaml, changes) = job.finish(path, &mut warnings)?;
    Ok(Edited {
        yaml,
        source: path.to_path_buf(),
        changes,
        warnings,
        marks,
        embedded,
    })
}

/// Shared files that changed since the .docx was built: its figures may then differ.
fn shared_files(path: &Path, record: &Record) -> Vec<String> {
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for (file, hash) in &record.files {
        let now = std::fs::read(folder.join(file))
            .ok()
            .map(|b| source::sha1_hex(&b));
        if now.is_some() && now.as_ref() != hash.as_ref() {
            out.push(crate::t!(
                "{file} đã đổi từ khi dựng tệp .docx: văn bản gốc được dựng lại với tệp hiện nay, số liệu có thể khác bản đã gửi",
                file = file
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(texts: &[&str]) -> Vec<Unit> {
        texts
            .iter()
            .enumerate()
            .map(|(k, t)| Unit {
                at: k + 1,
                text: t.to_string(),
                cell: None,
            })
            .collect()
    }

    #[test]
    fn paragraphs_kept_changed_removed_and_added_are_told_apart() {
        let a = units(&["Một hai ba", "Bốn năm sáu bảy", "Tám chín", "Mười"]);
        let b = units(&["Một hai ba", "Bốn năm sáu tám", "Mười", "Mười một mới"]);
        use Pair::*;
        assert_eq!(
            align(&a, &b),
            [Same(0, 0), Changed(1, 1), Removed(2), Same(3, 2), Added(3)]
        );
    }

    /// Past the size of the table, the units are paired in order, equal ones as the same.
    #[test]
    fn a_very_long_document_is_aligned_without_the_table() {
        let texts: Vec<String> = (0..4001).map(|k| format!("đoạn số {k}")).collect();
        let a = units(&texts.iter().map(String::as_str).collect::<Vec<_>>());
        let mut changed = texts.clone();
        changed[0] = "đoạn số không".into();
        changed[4000] = "đoạn số cuối".into();
        let b = units(&changed.iter().map(String::as_str).collect::<Vec<_>>());
        let pairs = align_middle(&a, &b);
        assert_eq!(pairs.len(), 4001);
        assert_eq!(pairs[0], Pair::Changed(0, 0));
        assert_eq!(pairs[1], Pair::Same(1, 1));
        assert_eq!(pairs[4000], Pair::Changed(4000, 4000));
    }
}
