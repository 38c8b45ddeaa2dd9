//! Phụ lục (their matrices and tables) and a document issued with the Quyết định; the
//! inverse of `context/annex.rs`.

use super::*;

pub(super) fn annexes(c: &mut Cursor, d: &mut Draft, source: Source, numbering: &mut Numbering) {
    while let Some(p) = c.peek() {
        let at = p.at();
        let text = c.peek_text().unwrap_or_default();
        let bare = text.trim_matches('*').trim().to_string();
        if let Some(P::Table(t)) = c.peek() {
            // A table after the signature with no phụ lục heading: said, never dropped silently.
            d.unrecognised.push(Note {
                at,
                text: format!(
                    "bảng {} hàng sau chữ ký, không thuộc phụ lục nào, bỏ qua",
                    t.rows.len()
                ),
            });
            c.i += 1;
            continue;
        }
        let listed = list_annex_start(c, &bare);
        if !is_annex_start(&bare) && !listed {
            c.i += 1;
            if let Some(kind) = title_kind(&bare) {
                d.unrecognised.push(Note {
                    at,
                    text: format!(
                        "văn bản kèm theo ({}) chưa nhập được: phần sau dòng này bị bỏ qua",
                        kind.name()
                    ),
                });
                // Skip to the next phụ lục, if any.
                while let Some(t) = c.peek_text().or(Some(String::new())) {
                    if c.peek().is_none() || is_annex_start(t.trim_matches('*').trim()) {
                        break;
                    }
                    c.i += 1;
                }
                continue;
            }
            if !bare.is_empty() {
                d.unrecognised.push(Note {
                    at,
                    text: format!(
                        "“{}”: sau chữ ký, không thuộc phụ lục nào, bỏ qua",
                        short(&bare)
                    ),
                });
            }
            continue;
        }
        c.i += 1;
        let mut annex = Annex {
            tieu_de: if listed {
                bare.clone()
            } else {
                annex_start(&bare).unwrap_or_default()
            },
            ..Annex::default()
        };
        // Title lines, then the `(Kèm theo …)` line that vanban writes itself.
        while let Some(P::Line(l)) = c.peek() {
            let t = l.plain().trim().to_string();
            let bare = t.trim_matches('*').trim();
            if bare.starts_with("(Kèm theo") || bare.starts_with("Kèm theo") {
                c.i += 1;
                // A wrapped `(Kèm theo …)` line ends at its closing parenthesis.
                if !bare.ends_with(')') {
                    while let Some(t) = c.peek_text() {
                        c.i += 1;
                        if t.trim().trim_matches('*').ends_with(')') {
                            break;
                        }
                    }
                }
                break;
            }
            if !(annex.tieu_de.is_empty() || source == Source::Word && l.centered) {
                break;
            }
            if marker(bare).is_some() {
                break;
            }
            if !annex.tieu_de.is_empty() {
                annex.tieu_de.push(' ');
            }
            annex.tieu_de.push_str(bare);
            c.i += 1;
        }
        // The body of the phụ lục: a responsibility matrix, or text.
        let mut nodes = Vec::new();
        loop {
            match c.peek() {
                Some(P::Table(t)) if matrix(t).is_some() => {
                    annex.matrix.extend(matrix(t).unwrap());
                    annex.ngang = true;
                    c.i += 1;
                }
                Some(_) => {
                    let start = c.i;
                    let part = body(c, d, source, numbering, Stop::Annex);
                    nodes.extend(part);
                    if c.i == start {
                        break;
                    }
                    if matches!(c.peek(), Some(P::Table(t)) if matrix(t).is_some()) {
                        continue;
                    }
                    break;
                }
                None => break,
            }
        }
        annex.body = nodes;
        if annex.tieu_de.is_empty() {
            annex.tieu_de = "Phụ lục".into();
        }
        d.annexes.push(annex);
    }
}

/// An annex headed by what it is instead of `Phụ lục` — `DANH SÁCH …`, `DANH MỤC …`,
/// `BẢNG …` in capitals — known by its `(Kèm theo … số …)` line within the next lines: the
/// list of a Hội đồng's members after a Quyết định thành lập.
fn list_annex_start(c: &Cursor, bare: &str) -> bool {
    if !is_list_heading(bare) {
        return false;
    }
    (c.i + 1..c.i + 5).any(|i| match c.ps.get(i) {
        Some(P::Line(l)) => {
            let t = l.plain();
            let t = t.trim().trim_matches('*').trim();
            t.starts_with("(Kèm theo") || t.starts_with("Kèm theo")
        }
        _ => false,
    })
}

/// A responsibility matrix (Nội dung / Chỉ đạo / Thực hiện / Phối hợp / Thời gian): columns
/// mapped by their heading; group rows are those numbered I, II … or holding one cell.
pub(super) fn matrix(t: &Table) -> Option<Vec<Group>> {
    let head = t.rows.first()?;
    let mut cols: [Option<usize>; 5] = [None; 5];
    let mut number_col = None;
    for (i, h) in head.iter().enumerate() {
        let h = h.to_lowercase();
        let slot = if h == "tt" || h == "stt" {
            number_col = Some(i);
            continue;
        } else if h.contains("nội dung") || h.contains("nhiệm vụ") {
            0
        } else if h.contains("chỉ đạo") {
            1
        } else if h.contains("phối hợp") {
            3
        } else if h.contains("thực hiện") || h.contains("chủ trì") {
            2
        } else if h.contains("thời gian") || h.contains("tiến độ") {
            4
        } else {
            continue;
        };
        cols[slot].get_or_insert(i);
    }
    cols[0]?;
    if cols.iter().filter(|c| c.is_some()).count() < 3 {
        return None;
    }
    let mut groups: Vec<Group> = Vec::new();
    for row in &t.rows[1..] {
        let filled: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        let num = number_col
            .and_then(|i| row.get(i))
            .map(|s| s.trim())
            .unwrap_or("");
        let cell = |slot: usize| {
            cols[slot]
                .and_then(|i| row.get(i))
                .cloned()
                .unwrap_or_default()
        };
        let group_row = is_roman(num)
            || (filled.len() == 1 && num.is_empty())
            || (filled.len() == 2 && !num.is_empty() && num.parse::<u32>().is_err());
        if group_row {
            let name = filled
                .iter()
                .find(|c| c.trim() != num)
                .map(|s| s.to_string())
                .unwrap_or_default();
            groups.push(Group {
                nhom: name,
                viec: Vec::new(),
            });
            continue;
        }
        if groups.is_empty() {
            groups.push(Group::default());
        }
        groups
            .last_mut()
            .unwrap()
            .viec
            .push([cell(0), cell(1), cell(2), cell(3), cell(4)]);
    }
    Some(groups)
}

/// A document issued with this one (the Quy chế of a Quyết định): its own header again,
/// tên loại, trích yếu, `(Ban hành kèm theo … của …)`, body and signature.
pub(super) fn attached(c: &mut Cursor, d: &mut Draft, source: Source) {
    let Some(t) = c.peek_text() else { return };
    let Some(kind) = title_kind(t.trim_matches('*').trim()) else {
        return;
    };
    let at = c.peek().map(P::at).unwrap_or(0);
    c.i += 1;
    let mut trich_yeu = String::new();
    let mut cua = None;
    while let Some(P::Line(l)) = c.peek() {
        let t = l.plain().trim().trim_matches('*').trim().to_string();
        if let Some(rest) = t
            .strip_prefix("(Ban hành kèm theo")
            .or_else(|| t.strip_prefix("(Kèm theo"))
        {
            cua = rest
                .rsplit_once(" của ")
                .map(|(_, who)| who.trim_end_matches(')').trim().to_string());
            c.i += 1;
            break;
        }
        if marker(&t).is_some() || !(trich_yeu.is_empty() || source == Source::Word && l.centered) {
            break;
        }
        if !trich_yeu.is_empty() {
            trich_yeu.push(' ');
        }
        trich_yeu.push_str(t.trim());
        c.i += 1;
    }
    let body = body(c, d, source, &mut Numbering::default(), Stop::Tail);
    let mut signer = Draft::default();
    tail(c, &mut signer);
    d.unrecognised.extend(signer.unrecognised);
    if body.is_empty() {
        d.unrecognised.push(Note {
            at,
            text: format!("{} kèm theo không có nội dung, bỏ qua", kind.name()),
        });
        return;
    }
    d.kem_theo = Some(Attached {
        kind,
        trich_yeu,
        cua,
        body,
        quyen_han: signer.quyen_han,
        chuc_vu: signer.chuc_vu,
        ho_ten: signer.ho_ten,
    });
}
