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
                    && !(a.starts_with('0') && a.len() > 1)
                    && !b.starts_with('0')
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
    fn uncertain_stays_text() {
        for s in [
            "ngày 16/8/2016 đạt 50%",
            "có 02/207 xã, chiếm 0,97%",
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
