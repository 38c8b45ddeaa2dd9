//! Figures stated in imported prose: a count over a total with its share
//! (`61/207 xã, chiếm tỷ lệ 29,5%`) becomes a `chi_tieu` whose stated share is kept as
//! `ty_le_ghi`, and the prose cites the computed values, so that `vanban check` reports every
//! share typed wrong. Anything less certain stays plain text.

use super::parse::Node;

/// One proposed `so_lieu.chi_tieu` entry.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub name: String,
    pub count: u32,
    pub total: u32,
    pub stated: String,
    pub decimals: usize,
    pub at: usize,
    pub quote: String,
}

/// Words between a count and its share that say the share is of that count.
const LINKS: [&str; 6] = ["chiếm", "đạt", "tỷ lệ", "tỉ lệ", "bằng", "("];

/// Rewrites the texts of `nodes` in place and returns the proposals, numbered from `next`.
pub fn propose(nodes: &mut [Node], out: &mut Vec<Proposal>) {
    for n in nodes {
        let (text, found) = rewrite(&n.text, n.at, out.len());
        n.text = text;
        out.extend(found);
        propose(&mut n.children, out);
    }
}

fn digits_at(chars: &[char], i: usize) -> usize {
    chars[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

fn rewrite(text: &str, at: usize, first: usize) -> (String, Vec<Proposal>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0
            || !(chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '/' | '.' | ',' | '{'));
        let a_len = if boundary { digits_at(&chars, i) } else { 0 };
        if a_len == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let slash = i + a_len;
        let b_len = if chars.get(slash) == Some(&'/') {
            digits_at(&chars, slash + 1)
        } else {
            0
        };
        let b_end = slash + 1 + b_len;
        let proposal = (b_len > 0)
            .then(|| share_after(&chars, b_end))
            .flatten()
            .and_then(|(p_start, p_len)| {
                let a: String = chars[i..slash].iter().collect();
                let b: String = chars[slash + 1..b_end].iter().collect();
                let after = chars.get(b_end);
                let certain = a_len <= 3
                    && b_len <= 3
                    && printed_alike(&a)
                    && printed_alike(&b)
                    && !after.is_some_and(|c| c.is_ascii_digit() || *c == '/');
                let (count, total) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
                (certain && count <= total && total > 0).then_some((count, total, p_start, p_len))
            });
        let Some((count, total, p_start, p_len)) = proposal else {
            // Not a share: copy the digits and what follows them up to the next word.
            for c in &chars[i..slash.max(i + a_len)] {
                out.push(*c);
            }
            i = slash.max(i + a_len);
            continue;
        };
        let stated: String = chars[p_start..p_start + p_len].iter().collect();
        let decimals = stated.split_once(',').map(|(_, d)| d.len()).unwrap_or(0);
        let name = format!("tl{:02}", first + found.len() + 1);
        let quote: String = chars[i..(p_start + p_len + 1).min(chars.len())]
            .iter()
            .collect();
        out.push_str(&format!("{{{{{name}.tong}}}}/{{{{{name}.mau_so}}}}"));
        out.extend(&chars[b_end..p_start]);
        out.push_str(&format!("{{{{{name}.ty_le}}}}"));
        found.push(Proposal {
            name,
            count,
            total,
            stated,
            decimals,
            at,
            quote,
        });
        i = p_start + p_len;
    }
    (out, found)
}

/// A count written as vanban prints one: two digits below 10 (`02`), no leading zero above.
fn printed_alike(s: &str) -> bool {
    match s.parse::<u32>() {
        Ok(n) if n < 10 => s.len() == 2,
        Ok(_) => !s.starts_with('0'),
        Err(_) => false,
    }
}

/// A share (`29,5%`) close after a count: within 50 characters, with a linking word, and no
/// other number, sentence end or citation in between.
fn share_after(chars: &[char], from: usize) -> Option<(usize, usize)> {
    let mut j = from;
    while j < chars.len() && j - from <= 50 {
        let c = chars[j];
        if c.is_ascii_digit() {
            let len = chars[j..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || **c == ',')
                .count();
            let num: String = chars[j..j + len].iter().collect();
            let num = num.trim_end_matches(',');
            let len = num.chars().count();
            let mut k = j + len;
            while chars.get(k) == Some(&' ') {
                k += 1;
            }
            if chars.get(k) != Some(&'%') || num.split(',').count() > 2 {
                return None;
            }
            let gap: String = chars[from..j].iter().collect::<String>().to_lowercase();
            return LINKS.iter().any(|l| gap.contains(l)).then_some((j, len));
        }
        if matches!(c, '.' | ';' | '/' | '{' | '%' | ':') {
            return None;
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;

    #[test]
    fn count_and_share() {
        let (t, f) = rewrite("lên 61/207 xã đạt chuẩn, chiếm tỷ lệ 29,5%.", 3, 0);
        assert_eq!(
            t,
            "lên {{tl01.tong}}/{{tl01.mau_so}} xã đạt chuẩn, chiếm tỷ lệ {{tl01.ty_le}}%."
        );
        assert_eq!(
            (f[0].count, f[0].total, f[0].stated.as_str(), f[0].decimals),
            (61, 207, "29,5", 1)
        );
    }

    #[test]
    fn funding_lines_that_add_up() {
        let n = |level: Level, text: &str, children: Vec<Node>| Node {
            level,
            text: text.into(),
            dam: None,
            children,
            at: 1,
            rows: Vec::new(),
        };
        let mut nodes = vec![
            n(
                Level::Doan,
                "Tổng vốn là 1.000,5 tỷ đồng, trong đó:",
                vec![],
            ),
            n(
                Level::Khoan,
                "Vốn trung ương: 600 tỷ đồng, chiếm 60%.",
                vec![],
            ),
            n(
                Level::Khoan,
                "Vốn địa phương: 400,5 tỷ đồng, chiếm 40,1%.",
                vec![],
            ),
            n(Level::Doan, "Sau đó.", vec![]),
        ];
        let (mut out, mut notes) = (Vec::new(), Vec::new());
        propose_funding(&mut nodes, &mut out, &mut notes);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].total, "1000.5");
        assert_eq!(
            nodes[0].text,
            "Tổng vốn là {{von01.tong}} tỷ đồng, trong đó:"
        );
        assert_eq!(
            nodes[2].text,
            "Vốn địa phương: {{von01.d2}} tỷ đồng, chiếm {{von01.d2.ty_le}}%."
        );
        // 400,5/1000,5 → 40,03 → 40,0, not 40,1: kept as ty_le_ghi for `vanban check`.
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(out[0].lines[1].2.as_deref(), Some("40,1"));
        // Lines that do not add up stay text, and are noted.
        let mut wrong = vec![
            n(Level::Doan, "Tổng vốn là 900 tỷ đồng, trong đó:", vec![]),
            n(Level::Khoan, "Vốn A: 600 tỷ đồng.", vec![]),
            n(Level::Khoan, "Vốn B: 400 tỷ đồng.", vec![]),
        ];
        let (mut out, mut notes) = (Vec::new(), Vec::new());
        propose_funding(&mut wrong, &mut out, &mut notes);
        assert!(out.is_empty());
        assert_eq!(wrong[1].text, "Vốn A: 600 tỷ đồng.");
        assert!(notes[0].text.contains("1.000"), "{notes:?}");
    }

    #[test]
    fn uncertain_stays_text() {
        for s in [
            "ngày 16/8/2016 đạt 50%",
            "có 2/207 xã, chiếm 0,97%",
            "đạt 90/207 xã. Tỷ lệ 43,4%",
            "Kế hoạch số 18/2020 của UBND",
            "61/207 xã 29,5%",
        ] {
            let (t, f) = rewrite(s, 1, 0);
            assert_eq!(t, s);
            assert!(f.is_empty(), "{s}");
        }
    }
}

/// A line of a funding group: its key, its amount, its stated share (`ty_le_ghi`, which
/// `vanban check` compares), and its sub-lines (key, amount).
pub type FundingLineProposal = (String, String, Option<String>, Vec<(String, String)>);

/// One proposed `so_lieu.nguon_von` group: a stated total and its lines, which add up to it.
#[derive(Debug, Clone)]
pub struct FundingProposal {
    pub name: String,
    pub unit: String,
    pub total: String,
    pub decimals: usize,
    /// (key, amount, sub-lines (key, amount)), amounts as YAML numbers.
    pub lines: Vec<FundingLineProposal>,
    pub at: usize,
    pub quote: String,
}

/// A number as Vietnamese prints it (`3.002,8`, `365`) at the start of `s`: its length in
/// bytes and its value as a YAML number (`3002.8`).
fn amount_at(s: &str) -> Option<(usize, String)> {
    let len = s
        .char_indices()
        .take_while(|(i, c)| {
            c.is_ascii_digit()
                || ((*c == '.' || *c == ',')
                    && s[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .map(|(i, c)| i + c.len_utf8())
        .last()?;
    let text = &s[..len];
    let (int, frac) = text.split_once(',').unwrap_or((text, ""));
    // Thousands come in groups of three after the first.
    let groups: Vec<&str> = int.split('.').collect();
    if groups[1..].iter().any(|g| g.len() != 3) || frac.contains('.') || groups[0].is_empty() {
        return None;
    }
    let int = groups.concat();
    let int = match int.trim_start_matches('0') {
        "" => "0",
        t => t,
    };
    let value = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    Some((len, value))
}

const UNITS: [&str; 3] = ["tỷ ", "triệu ", "nghìn "];

fn decimal(v: &str) -> Option<rust_decimal::Decimal> {
    v.parse().ok()
}

/// `Tên dòng: 652,8 tỷ đồng, chiếm 21,7%.` → (name end, amount span, value, share span).
struct LineMatch {
    amount: (usize, usize),
    value: String,
    leading_zero: bool,
    share: Option<(usize, usize)>,
}

fn funding_line(text: &str, unit_word: &str) -> Option<LineMatch> {
    let colon = text.find(": ")?;
    let start = colon + 2;
    let (len, value) = amount_at(&text[start..])?;
    let after = &text[start + len..];
    if !after.starts_with(&format!(" {unit_word}")) {
        return None;
    }
    let leading_zero =
        text[start..].starts_with('0') && len > 1 && !text[start..].starts_with("0,");
    // The share, if stated: `chiếm 21,7%` within the same sentence.
    let share = after.find("chiếm ").and_then(|p| {
        let s = start + len + p + "chiếm ".len();
        let s = s + (text[s..].len() - text[s..].trim_start_matches("tỷ lệ ").len());
        let (l, _) = amount_at(&text[s..])?;
        text[s + l..]
            .trim_start()
            .starts_with('%')
            .then_some((s, l))
    });
    Some(LineMatch {
        amount: (start, len),
        value,
        leading_zero,
        share,
    })
}

/// Funding stated in prose: a paragraph giving a total (`… là 3.002,8 tỷ đồng, trong đó:`)
/// and the lines after it (`1. Vốn …: 652,8 tỷ đồng, chiếm 21,7%`), with sub-lines under a
/// line. When the lines add up to the total, the prose cites the computed values; when they
/// do not, the text is kept and the difference is noted.
pub fn propose_funding(
    nodes: &mut [Node],
    out: &mut Vec<FundingProposal>,
    notes: &mut Vec<super::parse::Note>,
) {
    let mut i = 0;
    while i < nodes.len() {
        if let Some(found) = funding_at(nodes, i, out.len() + 1, notes) {
            let (next, proposal) = found;
            out.push(proposal);
            i = next;
            continue;
        }
        propose_funding(&mut nodes[i].children, out, notes);
        i += 1;
    }
}

/// Tries a funding group whose total is stated in `nodes[i]`; returns where to go on.
fn funding_at(
    nodes: &mut [Node],
    i: usize,
    number: usize,
    notes: &mut Vec<super::parse::Note>,
) -> Option<(usize, FundingProposal)> {
    let text = nodes[i].text.clone();
    let (t_start, t_len, t_value, unit) = stated_total(&text)?;
    let unit_word = unit.split(' ').next().unwrap().to_string();
    // The lines: the paragraph's children, or else the siblings after it.
    let in_children = nodes[i]
        .children
        .first()
        .is_some_and(|c| funding_line(&c.text, &unit_word).is_some());
    let (list, from): (Vec<Node>, usize) = if in_children {
        (nodes[i].children.clone(), 0)
    } else {
        (nodes.to_vec(), i + 1)
    };
    let lines = funding_lines(&list, from, &unit_word);
    if lines.len() < 2 {
        return None;
    }
    let total = decimal(&t_value)?;
    let at = nodes[i].at;
    if let Some(why) = sums_disagree(&lines, total, &text[t_start..t_start + t_len]) {
        notes.push(super::parse::Note { at, text: why });
        return None;
    }
    let name = format!("von{number:02}");
    let (new_list, proposal_lines, chu_so, wrong_shares) = cite_lines(&list, &lines, &name, total);
    let mut head = text.clone();
    head.replace_range(t_start..t_start + t_len, &format!("{{{{{name}.tong}}}}"));
    for note in wrong_shares {
        notes.push(super::parse::Note { at, text: note });
    }
    let proposal = FundingProposal {
        name,
        unit,
        total: t_value,
        decimals: chu_so,
        lines: proposal_lines,
        at,
        quote: short_quote(&text),
    };
    nodes[i].text = head;
    if in_children {
        nodes[i].children = new_list;
        Some((i + 1, proposal))
    } else {
        let last = lines.last().unwrap().0;
        nodes[i + 1..=last].clone_from_slice(&new_list[i + 1..=last]);
        Some((last + 1, proposal))
    }
}

/// A funding line, and its own sub-lines (their indices among its children).
type FundingLines = Vec<(usize, LineMatch, Vec<(usize, LineMatch)>)>;

/// The total a paragraph ending `trong đó:` (`cụ thể:`) states: where it is, its length, its
/// value and its unit (the last amount followed by a unit before the ending).
fn stated_total(text: &str) -> Option<(usize, usize, String, String)> {
    let lead = text.trim_end();
    if !(lead.ends_with("trong đó:")
        || lead.ends_with("cụ thể:")
        || lead.ends_with("cụ thể như sau:"))
    {
        return None;
    }
    text.char_indices()
        .rev()
        .filter(|(p, _)| {
            *p == 0 || !text[..*p].ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        })
        .filter_map(|(p, _)| {
            let (len, value) = amount_at(&text[p..])?;
            let rest = text[p + len..].strip_prefix(' ')?;
            let unit = UNITS.iter().find(|u| rest.starts_with(*u))?;
            let word = rest[unit.len()..].split([' ', ',', ';', '.']).next()?;
            Some((p, len, value, format!("{}{word}", unit)))
        })
        .next()
}

/// The funding lines of `list` from `from` on, as long as they are ones, each with its
/// sub-lines.
fn funding_lines(list: &[Node], from: usize, unit_word: &str) -> FundingLines {
    let mut lines = Vec::new();
    for (k, node) in list.iter().enumerate().skip(from) {
        let Some(m) = funding_line(&node.text, unit_word) else {
            break;
        };
        let subs: Vec<(usize, LineMatch)> = node
            .children
            .iter()
            .enumerate()
            .map_while(|(j, c)| funding_line(&c.text, unit_word).map(|m| (j, m)))
            .collect();
        lines.push((k, m, subs));
    }
    lines
}

/// Why the lines cannot be figures: they, or a line's sub-lines, do not add up.
fn sums_disagree(
    lines: &FundingLines,
    total: rust_decimal::Decimal,
    stated: &str,
) -> Option<String> {
    use rust_decimal::Decimal;
    let sum: Decimal = lines.iter().filter_map(|(_, m, _)| decimal(&m.value)).sum();
    if sum != total {
        return Some(format!(
            "tổng nguồn vốn ghi {stated} nhưng các dòng cộng lại được {}: giữ nguyên văn bản, xem lại số liệu",
            crate::numfmt::decimal(sum, 6)
        ));
    }
    for (_, m, subs) in lines {
        if subs.len() >= 2 {
            let s: Decimal = subs.iter().filter_map(|(_, sm)| decimal(&sm.value)).sum();
            if Some(s) != decimal(&m.value) {
                return Some(format!(
                    "dòng vốn ghi {} nhưng các dòng con cộng lại được {}: giữ nguyên văn bản, xem lại số liệu",
                    m.value.replace('.', ","),
                    crate::numfmt::decimal(s, 6)
                ));
            }
        }
    }
    None
}

/// The lines with their amounts and shares cited from the group `name`; the proposal's
/// lines (key, amount, stated share, sub-lines), the decimals of the shares, and the notes
/// for sub-lines whose stated share is wrong.
fn cite_lines(
    list: &[Node],
    lines: &FundingLines,
    name: &str,
    total: rust_decimal::Decimal,
) -> (Vec<Node>, Vec<FundingLineProposal>, usize, Vec<String>) {
    let mut chu_so = 1;
    let mut proposal_lines = Vec::new();
    let mut wrong_shares = Vec::new();
    let mut new_list = list.to_vec();
    for (n, (k, m, subs)) in lines.iter().enumerate() {
        let key = format!("d{}", n + 1);
        let cite = format!("{name}.{key}");
        let text = &list[*k].text;
        if let Some((s, l)) = m.share {
            let places = text[s..s + l]
                .split_once(',')
                .map(|x| x.1.len())
                .unwrap_or(0);
            chu_so = if n == 0 { places } else { chu_so.max(places) };
        }
        // The line's stated share goes to `ty_le_ghi`, which `vanban check` compares; a
        // sub-line has no such field, so a wrong one is noted here instead.
        let stated = m.share.map(|(s, l)| text[s..s + l].to_string());
        new_list[*k].text = cite_line(text, m, &cite, total, &mut Vec::new());
        let mut sub_out = Vec::new();
        if subs.len() >= 2 {
            for (j, (c, sm)) in subs.iter().enumerate() {
                let skey = format!("c{}", j + 1);
                let scite = format!("{cite}.{skey}");
                let stext = list[*k].children[*c].text.clone();
                new_list[*k].children[*c].text =
                    cite_line(&stext, sm, &scite, total, &mut wrong_shares);
                sub_out.push((skey, sm.value.clone()));
            }
        }
        proposal_lines.push((key, m.value.clone(), stated, sub_out));
    }
    (new_list, proposal_lines, chu_so, wrong_shares)
}

fn short_quote(s: &str) -> String {
    let t: String = s.chars().take(80).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// The line's text citing its computed amount and share; a stated share that the computed
/// one does not round to is put in `wrong`.
fn cite_line(
    text: &str,
    m: &LineMatch,
    cite: &str,
    total: rust_decimal::Decimal,
    wrong: &mut Vec<String>,
) -> String {
    let mut out = text.to_string();
    // Replace from the end so that the earlier span stays valid.
    if let Some((s, l)) = m.share {
        let stated = &text[s..s + l];
        let places = stated.split_once(',').map(|x| x.1.len()).unwrap_or(0) as u32;
        if let (Some(v), Some(st)) = (decimal(&m.value), decimal(&stated.replace(',', "."))) {
            let share = (v * rust_decimal::Decimal::ONE_HUNDRED / total).round_dp_with_strategy(
                places,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            );
            if share != st {
                wrong.push(format!(
                    "“{}”: tỷ lệ ghi {stated}% khác tỷ lệ tính được {}% (vanban in tỷ lệ tính được)",
                    short_quote(text),
                    share.to_string().replace('.', ",")
                ));
            }
        }
        out.replace_range(s..s + l, &format!("{{{{{cite}.ty_le}}}}"));
    }
    if !m.leading_zero {
        let (s, l) = m.amount;
        out.replace_range(s..s + l, &format!("{{{{{cite}}}}}"));
    }
    out
}
