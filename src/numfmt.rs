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
