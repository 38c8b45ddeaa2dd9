//! Vietnamese number formatting: thousands dot, decimal comma, half-up rounding on the decimal
//! value, two-digit counts, and the date forms of Nghị định 30.

use rust_decimal::{Decimal, RoundingStrategy};

/// Round half away from zero on the decimal value (0,125 → 0,13; 43,478 → 43,5).
pub fn round(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// Groups the digits of a whole number with dots: 3002 → `3.002`.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A decimal in Vietnamese form, rounded to at most `decimals` places, trailing zeros dropped:
/// `3002.8` → `3.002,8`, `1800` → `1.800`, `0.125` (2) → `0,13`.
pub fn decimal(value: Decimal, decimals: u32) -> String {
    let r = round(value, decimals).normalize();
    let negative = r.is_sign_negative() && !r.is_zero();
    let text = r.abs().to_string();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (text, String::new()),
    };
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group_thousands(&int));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(&frac);
    }
    out
}

/// A count as these documents write it: two digits below 10 (`01 xã`, `09 xã`), thousands
/// dots above 999.
pub fn count(n: i64) -> String {
    if (1..10).contains(&n) {
        format!("{n:02}")
    } else if n < 0 {
        format!("-{}", group_thousands(&n.unsigned_abs().to_string()))
    } else {
        group_thousands(&n.to_string())
    }
}

/// Parses a number as a clerk types it in Vietnamese (`43,4`, `1.800`, `3.002,8`) or in the
/// YAML form (`43.4`).
pub fn parse_vi(text: &str) -> Option<Decimal> {
    let t = text.trim().trim_end_matches('%').trim();
    let digits = t.trim_start_matches('-');
    let grouped = digits.split('.').count() > 1
        && digits.split('.').enumerate().all(|(i, g)| {
            g.chars().all(|c| c.is_ascii_digit())
                && (if i == 0 {
                    (1..=3).contains(&g.len())
                } else {
                    g.len() == 3
                })
        });
    let normal = if t.contains(',') || grouped {
        t.replace('.', "").replace(',', ".")
    } else {
        t.to_string()
    };
    normal.parse().ok()
}

/// Number of decimals written in a Vietnamese number (`43,4` → 1, `28,99` → 2, `24` → 0).
pub fn decimals_written(text: &str) -> u32 {
    let t = text.trim().trim_end_matches('%').trim();
    match t.rsplit_once(',') {
        Some((_, f)) => f.len() as u32,
        None => match t.rsplit_once('.') {
            // A dot followed by exactly three digits is a thousands separator in Vietnamese.
            Some((_, f)) if f.len() != 3 => f.len() as u32,
            _ => 0,
        },
    }
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Reads a group of three digits. `full` forces "không trăm"/"linh" (every group but the first).
fn group_words(n: u32, full: bool) -> Vec<&'static str> {
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut w = Vec::new();
    if h > 0 || full {
        w.push(DIGITS[h as usize]);
        w.push("trăm");
    }
    match t {
        0 if u > 0 && (h > 0 || full) => w.push("linh"),
        0 => {}
        1 => w.push("mười"),
        _ => {
            w.push(DIGITS[t as usize]);
            w.push("mươi");
        }
    }
    match u {
        0 => {}
        1 if t >= 2 => w.push("mốt"),
        4 if t >= 2 => w.push("tư"),
        5 if t >= 1 => w.push("lăm"),
        _ => w.push(DIGITS[u as usize]),
    }
    w
}

/// A whole number in Vietnamese words: 3002 → "ba nghìn không trăm linh hai".
fn whole_words(n: u128) -> String {
    if n == 0 {
        return "không".into();
    }
    // Groups of three digits, lowest first.
    let mut groups = Vec::new();
    let mut m = n;
    while m > 0 {
        groups.push((m % 1000) as u32);
        m /= 1000;
    }
    let mut words: Vec<String> = Vec::new();
    let top = groups.len() - 1;
    for i in (0..groups.len()).rev() {
        let g = groups[i];
        // "tỷ" repeats every three groups: nghìn tỷ, triệu tỷ, tỷ tỷ.
        let unit = match i % 3 {
            1 => "nghìn",
            2 => "triệu",
            _ => "",
        };
        let billions = i / 3;
        if g > 0 {
            words.extend(group_words(g, i != top).into_iter().map(str::to_string));
            if !unit.is_empty() {
                words.push(unit.into());
            }
        }
        // A "tỷ" closes its block of three groups if anything in the block was said.
        if i % 3 == 0 && billions > 0 {
            let block_said = (i..(i + 3).min(groups.len())).any(|j| groups[j] > 0);
            if block_said {
                for _ in 0..billions {
                    words.push("tỷ".into());
                }
            }
        }
    }
    words.join(" ")
}

/// An amount in Vietnamese words, as in "Bằng chữ: …": 3002,8 → "ba nghìn không trăm linh hai
/// phẩy tám". The decimal part is read as a number, after any leading zeros.
pub fn words(value: Decimal) -> String {
    let v = value.normalize();
    let negative = v.is_sign_negative() && !v.is_zero();
    let text = v.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if negative {
        out.push_str("âm ");
    }
    out.push_str(&whole_words(int.parse().unwrap_or(0)));
    if !frac.is_empty() {
        out.push_str(" phẩy");
        let zeros = frac.len() - frac.trim_start_matches('0').len();
        for _ in 0..zeros {
            out.push_str(" không");
        }
        let rest = frac.trim_start_matches('0');
        if !rest.is_empty() {
            out.push(' ');
            out.push_str(&whole_words(rest.parse().unwrap_or(0)));
        }
    }
    out
}

/// Roman numerals for mục and phụ lục numbers.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The Vietnamese letter sequence for điểm: a b c d đ e g h i k l m n o p q r s t u v x y.
pub const LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Letter of the `n`-th điểm (1-based); past `y` the sequence doubles (`aa`, `bb` …), which is
/// rare enough that the validator warns about it.
pub fn letter(n: usize) -> String {
    let i = (n - 1) % LETTERS.len();
    LETTERS[i].repeat((n - 1) / LETTERS.len() + 1)
}

/// A day or month of the header date: day < 10 and months 1–2 take a leading zero.
pub fn day(d: u32) -> String {
    format!("{d:02}")
}

pub fn month(m: u32) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn decimals_round_half_up_and_use_vietnamese_separators() {
        assert_eq!(decimal(d("0.125"), 2), "0,13");
        assert_eq!(decimal(d("43.478"), 1), "43,5");
        assert_eq!(decimal(d("3002.8"), 1), "3.002,8");
        assert_eq!(decimal(d("1800"), 1), "1.800");
        assert_eq!(decimal(d("33500"), 0), "33.500");
        assert_eq!(decimal(d("0"), 2), "0");
        assert_eq!(decimal(d("100"), 2), "100");
        assert_eq!(decimal(d("0.005"), 2), "0,01");
        assert_eq!(decimal(d("99.995"), 2), "100");
        assert_eq!(decimal(d("1234567890123.45"), 2), "1.234.567.890.123,45");
        assert_eq!(decimal(d("-0.004"), 2), "0");
    }

    #[test]
    fn counts_are_two_digits_below_ten() {
        assert_eq!(count(1), "01");
        assert_eq!(count(9), "09");
        assert_eq!(count(10), "10");
        assert_eq!(count(0), "0");
        assert_eq!(count(2079), "2.079");
    }

    #[test]
    fn parses_vietnamese_numbers() {
        assert_eq!(parse_vi("43,4"), Some(d("43.4")));
        assert_eq!(parse_vi("3.002,8"), Some(d("3002.8")));
        assert_eq!(parse_vi("64.2"), Some(d("64.2")));
        assert_eq!(parse_vi("1.800"), Some(d("1800")));
        assert_eq!(parse_vi("-1.234.567"), Some(d("-1234567")));
        assert_eq!(decimals_written("43,4"), 1);
        assert_eq!(decimals_written("28,99%"), 2);
        assert_eq!(decimals_written("24"), 0);
    }

    #[test]
    fn amounts_in_words() {
        assert_eq!(words(d("0")), "không");
        assert_eq!(words(d("5")), "năm");
        assert_eq!(words(d("15")), "mười lăm");
        assert_eq!(words(d("21")), "hai mươi mốt");
        assert_eq!(words(d("24")), "hai mươi tư");
        assert_eq!(words(d("105")), "một trăm linh năm");
        assert_eq!(words(d("1000")), "một nghìn");
        assert_eq!(words(d("3002.8")), "ba nghìn không trăm linh hai phẩy tám");
        assert_eq!(words(d("1800000000")), "một tỷ tám trăm triệu");
        assert_eq!(words(d("2000000000000")), "hai nghìn tỷ");
        assert_eq!(words(d("1000001")), "một triệu không trăm linh một");
        assert_eq!(words(d("0.05")), "không phẩy không năm");
        assert_eq!(words(d("985.7")), "chín trăm tám mươi lăm phẩy bảy");
    }

    #[test]
    fn markers() {
        assert_eq!(roman(13), "XIII");
        assert_eq!(roman(4), "IV");
        let seq: Vec<String> = (1..=11).map(letter).collect();
        assert_eq!(seq, ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l"]);
        assert_eq!(month(2), "02");
        assert_eq!(month(3), "3");
        assert_eq!(day(5), "05");
    }
}
