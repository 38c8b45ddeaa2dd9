//! Dates and times: the ngày of the header (blanks allowed in a draft), the complete dates
//! and the moments (giờ, ngày) of the forms, and how they are written out.

use super::{Builder, IssueDate};
use crate::model::Text;
use crate::numfmt;

/// Blank left for the văn thư to fill in by hand (non-breaking, so Typst keeps the width).
pub(super) const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// Parses `dd/mm/yyyy`, where the day or the month may be left blank as `..`, `__` or nothing.
pub fn parse_date(s: &str) -> Result<IssueDate, String> {
    // A date the original lacks: day, month and year all left to fill in.
    if crate::model::is_blank(s) {
        return Ok(IssueDate {
            day: None,
            month: None,
            year: None,
        });
    }
    let parts: Vec<&str> = s.trim().split('/').map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(crate::t!(
            "ngày `{s}` không đúng dạng ngày/tháng/năm, ví dụ 05/02/2019",
            s = s
        ));
    };
    let blank = |p: &str| p.is_empty() || p.chars().all(|c| c == '.' || c == '_');
    let year: i32 = y
        .parse()
        .map_err(|_| crate::t!("năm `{y}` không phải là số", y = y))?;
    if !(1945..=2200).contains(&year) {
        return Err(crate::t!(
            "năm {year} không hợp lệ (cần 4 chữ số)",
            year = year
        ));
    }
    let month = if blank(m) {
        None
    } else {
        let m: u32 = m
            .parse()
            .map_err(|_| crate::t!("tháng `{m}` không phải là số", m = m))?;
        if !(1..=12).contains(&m) {
            return Err(crate::t!("tháng {m} không có (chỉ từ 1 đến 12)", m = m));
        }
        Some(m)
    };
    let day = if blank(d) {
        None
    } else {
        let d: u32 = d
            .parse()
            .map_err(|_| crate::t!("ngày `{d}` không phải là số", d = d))?;
        let max = match month {
            Some(m) => chrono::NaiveDate::from_ymd_opt(year, m, 1)
                .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
                .map(|n| {
                    n.pred_opt()
                        .unwrap()
                        .format("%d")
                        .to_string()
                        .parse::<u32>()
                        .unwrap()
                })
                .unwrap_or(31),
            None => 31,
        };
        if d == 0 || d > max {
            return Err(match month {
                Some(m) => {
                    crate::t!(
                        "ngày {d}/{m}/{year} không có (tháng {m} năm {year} có {max} ngày)",
                        d = d,
                        m = m,
                        year = year,
                        max = max
                    )
                }
                None => crate::t!("ngày {d} không hợp lệ", d = d),
            });
        }
        Some(d)
    };
    if day.is_some() && month.is_none() {
        return Err(crate::t!("có ngày nhưng để trống tháng"));
    }
    Ok(IssueDate {
        day,
        month,
        year: Some(year),
    })
}

/// A part of a date the original lacks (the whole date is a [`crate::model::BLANK`]): a
/// short dotted leader, so that "ngày … tháng … năm …" still fits on the header's line.
const DOTS: &str = "……";

impl IssueDate {
    /// The day, month and year as printed: a blank day or month is the văn thư's space, and
    /// with no year at all every part is a dotted blank.
    fn parts(&self) -> (String, String, String) {
        let Some(year) = self.year else {
            return (DOTS.into(), DOTS.into(), DOTS.into());
        };
        let d = self.day.map(numfmt::day).unwrap_or_else(|| BLANK.into());
        let m = self
            .month
            .map(numfmt::month)
            .unwrap_or_else(|| BLANK.into());
        (d, m, year.to_string())
    }

    /// `ngày 05 tháng 02 năm 2019`, with blanks where the draft leaves them.
    pub fn long(&self) -> String {
        let (d, m, y) = self.parts();
        format!("ngày {d} tháng {m} năm {y}")
    }

    /// `05/02/2019` as used in citations and the phụ lục line.
    pub fn short(&self) -> String {
        let (d, m, y) = self.parts();
        format!("{d}/{m}/{y}")
    }
}

/// A moment of a meeting: `08:00 15/06/2020`, or `11:30` on the day given.
#[derive(Debug, Clone, Copy)]
pub(super) struct Moment {
    pub(super) time: chrono::NaiveTime,
    pub(super) date: chrono::NaiveDate,
}

pub(super) fn moment(b: &mut Builder, t: &Text, day: Option<chrono::NaiveDate>) -> Option<Moment> {
    let text = t.value.trim();
    let (clock_part, date_part) = match text.split_once(char::is_whitespace) {
        Some((c, d)) => (c, Some(d.trim())),
        None => (text, None),
    };
    let time =
        chrono::NaiveTime::parse_from_str(&clock_part.replace(['h', 'g'], ":"), "%H:%M").ok();
    let date = match date_part {
        Some(d) => parse_date(d)
            .ok()
            .and_then(|d| chrono::NaiveDate::from_ymd_opt(d.year?, d.month?, d.day?)),
        None => day,
    };
    match (time, date) {
        (Some(time), Some(date)) => Some(Moment { time, date }),
        _ => {
            let hint = if day.is_some() {
                crate::t!("ghi giờ dạng 11:30 (cùng ngày) hoặc 11:30 16/06/2020")
            } else {
                crate::t!("ghi giờ và ngày dạng 08:00 15/06/2020")
            };
            b.error(
                &t.referenced,
                crate::t!("không đọc được thời gian `{text}`", text = text),
            )
            .hint = Some(hint);
            None
        }
    }
}

/// A complete date (no blanks) of a form's field.
pub(super) fn full_date(b: &mut Builder, t: &Text) -> Option<chrono::NaiveDate> {
    let parsed = parse_date(&t.value).and_then(|d| match (d.day, d.month, d.year) {
        (Some(day), Some(m), Some(y)) => chrono::NaiveDate::from_ymd_opt(y, m, day)
            .ok_or_else(|| crate::t!("ngày `{date}` không có", date = t.value)),
        _ => Err(crate::t!(
            "ngày `{date}` cần đủ ngày, tháng, năm",
            date = t.value.trim()
        )),
    });
    match parsed {
        Ok(d) => Some(d),
        Err(msg) => {
            b.error(&t.referenced, msg).hint = Some(crate::t!("ghi ngày dạng 05/02/2019"));
            None
        }
    }
}

/// `08 giờ 00 phút`.
pub(super) fn clock(t: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02} giờ {:02} phút", t.hour(), t.minute())
}

/// The inverse of [`clock`]: `08 giờ 00 phút` (or `14 giờ 30`) → 08:00.
pub fn parse_clock(s: &str) -> Option<chrono::NaiveTime> {
    let (h, rest) = s.trim().split_once(" giờ ")?;
    let m = rest.trim().strip_suffix(" phút").unwrap_or(rest.trim());
    let (h, m) = (h.trim().parse::<u32>().ok()?, m.trim().parse::<u32>().ok()?);
    chrono::NaiveTime::from_hms_opt(h, m, 0)
}

/// The inverse of [`long_date`] and [`short_date`]: `ngày 16 tháng 7 năm 2019` or `16/7/2019`
/// → the date, if it exists in the years a document may have.
pub fn parse_full_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim().trim_end_matches(['.', ',', '/']);
    let (d, m, y) = if let Some(rest) = s.strip_prefix("ngày ") {
        let (d, rest) = rest.split_once(" tháng ")?;
        let (m, y) = rest.split_once(" năm ")?;
        (d.trim(), m.trim(), y.trim())
    } else {
        let mut it = s.split('/');
        (it.next()?, it.next()?, it.next()?)
    };
    let (d, m, y) = (d.parse().ok()?, m.parse().ok()?, y.parse::<i32>().ok()?);
    chrono::NaiveDate::from_ymd_opt(y, m, d).filter(|_| (1945..=2200).contains(&y))
}

/// `thứ Hai` … `Chủ nhật`.
pub(super) fn weekday(d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    match d.weekday() {
        chrono::Weekday::Mon => "thứ Hai",
        chrono::Weekday::Tue => "thứ Ba",
        chrono::Weekday::Wed => "thứ Tư",
        chrono::Weekday::Thu => "thứ Năm",
        chrono::Weekday::Fri => "thứ Sáu",
        chrono::Weekday::Sat => "thứ Bảy",
        chrono::Weekday::Sun => "Chủ nhật",
    }
}

fn issue(d: chrono::NaiveDate) -> IssueDate {
    use chrono::Datelike;
    IssueDate {
        day: Some(d.day()),
        month: Some(d.month()),
        year: Some(d.year()),
    }
}

pub(super) fn long_date(d: chrono::NaiveDate) -> String {
    issue(d).long()
}

pub(super) fn short_date(d: chrono::NaiveDate) -> String {
    issue(d).short()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every clock and every date the forms write reads back to itself.
    #[test]
    fn clocks_and_dates_read_back() {
        for h in 0..24 {
            for m in 0..60 {
                let t = chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
                assert_eq!(parse_clock(&clock(t)), Some(t));
            }
        }
        let mut d = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        while d.format("%Y").to_string() != "2021" {
            assert_eq!(parse_full_date(&long_date(d)), Some(d));
            assert_eq!(parse_full_date(&short_date(d)), Some(d));
            d = d.succ_opt().unwrap();
        }
        assert_eq!(parse_full_date("ngày 30 tháng 2 năm 2020"), None);
    }
}
