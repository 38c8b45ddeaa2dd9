//! Số liệu: the computation stage. From the typed figures of a document it computes every
//! total, share and percentage, checks the values a clerk stated against them, and gives each
//! result a stable name that prose cites as `{{name}}`.
//!
//! Names (documented in the README):
//! - `hang_so.K` → `K`
//! - `chi_tieu.K` → `K.da_dat`, `K.them`, `K.tong`, `K.mau_so`, `K.ty_le`
//! - `phan_bo.D` → `D.G` (count of group G), `D.G.ty_le`, `D.tong`
//! - `nguon_von.F` → `F.tong`, `F.L`, `F.L.ty_le`, `F.L.S`, `F.L.S.ty_le`

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Pos, Report};
use crate::model::{Figures, Quantity};
use crate::numfmt;

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A whole count: `01`, `207`, `2.079`.
    Count,
    /// A share in percent, rounded to this many decimals, without the `%` sign.
    Percent(u32),
    /// An amount, with at most this many decimals.
    Amount(u32),
}

/// One computed figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: Decimal,
    pub style: Style,
}

impl Figure {
    /// The figure as it appears in the document.
    pub fn display(&self) -> String {
        match self.style {
            Style::Count => {
                use rust_decimal::prelude::ToPrimitive;
                numfmt::count(self.value.to_i64().unwrap_or(0))
            }
            Style::Percent(d) | Style::Amount(d) => numfmt::decimal(self.value, d),
        }
    }
}

/// All the figures of a document, by name.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub figures: BTreeMap<String, Figure>,
}

impl Table {
    pub fn get(&self, name: &str) -> Option<&Figure> {
        self.figures.get(name)
    }

    fn put(&mut self, name: String, value: Decimal, style: Style) {
        self.figures.insert(name, Figure { value, style });
    }
}

/// Computes the figure table. Errors (zero denominator, negative count, a sum that does not
/// match) and warnings (a stated share that differs from the computed one) go to `report`.
pub fn compute(figs: &Figures, file: &Path, source: &str, report: &mut Report) -> Table {
    let mut t = Table::default();
    let err = |loc: &serde_saphyr::Location, msg: String| {
        Diagnostic::error(file, Pos::from_yaml(loc), msg).with_source(source)
    };

    for (k, v) in &figs.hang_so {
        t.put(k.clone(), v.value.0, style_of(v.value.0));
    }

    for (k, target) in &figs.chi_tieu {
        let base = target.da_dat.value;
        let added = target.them.as_ref().map(|s| s.value).unwrap_or(0);
        if base < 0 {
            report.push(err(
                &target.da_dat.referenced,
                format!("`{k}.da_dat` là số âm ({base}); số xã, số đơn vị không thể âm"),
            ));
            continue;
        }
        if added < 0 {
            let loc = &target.them.as_ref().unwrap().referenced;
            report.push(err(
                loc,
                format!("`{k}.them` là số âm ({added}); số thêm trong năm không thể âm"),
            ));
            continue;
        }
        let total = base + added;
        t.put(format!("{k}.da_dat"), base.into(), Style::Count);
        t.put(format!("{k}.them"), added.into(), Style::Count);
        t.put(format!("{k}.tong"), total.into(), Style::Count);
        if let Some(stated) = &target.tong_ghi {
            if stated.value != total {
                report.push(
                    err(
                        &stated.referenced,
                        format!(
                            "`{k}.tong_ghi` ghi {} nhưng đã đạt {} + thêm {} = {}",
                            stated.value, base, added, total
                        ),
                    )
                    .with_hint("sửa số đã đạt hoặc số thêm, hoặc xoá `tong_ghi` để vanban tự tính"),
                );
            }
        }
        let Some(den) = &target.mau_so else { continue };
        let Some(den_value) = resolve(&t, den, file, source, report) else {
            continue;
        };
        t.put(format!("{k}.mau_so"), den_value, Style::Count);
        if den_value.is_zero() {
            report.push(err(
                &den.referenced,
                format!("mẫu số của `{k}` bằng 0: không tính được tỷ lệ"),
            ));
            continue;
        }
        if Decimal::from(total) > den_value {
            report.push(err(
                &den.referenced,
                format!("`{k}`: tổng {total} lớn hơn mẫu số {den_value}"),
            ));
        }
        let decimals = target.chu_so.unwrap_or(1);
        let share = Decimal::from(total) * Decimal::ONE_HUNDRED / den_value;
        t.put(
            format!("{k}.ty_le"),
            numfmt::round(share, decimals),
            Style::Percent(decimals),
        );
        if let Some(stated) = &target.ty_le_ghi {
            check_stated(&format!("{k}.ty_le"), share, stated, file, source, report);
        }
    }

    for (k, dist) in &figs.phan_bo {
        let Some(den_value) = resolve(&t, &dist.mau_so, file, source, report) else {
            continue;
        };
        if den_value.is_zero() {
            report.push(err(
                &dist.mau_so.referenced,
                format!("mẫu số của `{k}` bằng 0: không tính được tỷ lệ"),
            ));
            continue;
        }
        let decimals = dist.chu_so.unwrap_or(2);
        let mut sum = Decimal::ZERO;
        let mut ok = true;
        for (g, q) in &dist.nhom {
            let Some(v) = resolve(&t, q, file, source, report) else {
                ok = false;
                continue;
            };
            if v.is_sign_negative() {
                report.push(err(&q.referenced, format!("nhóm `{k}.{g}` là số âm ({v})")));
                ok = false;
                continue;
            }
            sum += v;
            t.put(format!("{k}.{g}"), v, Style::Count);
            let share = v * Decimal::ONE_HUNDRED / den_value;
            t.put(
                format!("{k}.{g}.ty_le"),
                numfmt::round(share, decimals),
                Style::Percent(decimals),
            );
        }
        t.put(format!("{k}.tong"), sum, Style::Count);
        if ok && sum != den_value {
            report.push(
                err(
                    &dist.mau_so.referenced,
                    format!(
                        "các nhóm của `{k}` cộng lại được {sum}, không bằng mẫu số {den_value}"
                    ),
                )
                .with_hint("kiểm tra lại số của từng nhóm: mỗi đơn vị phải thuộc đúng một nhóm"),
            );
        }
    }

    for (k, fund) in &figs.nguon_von {
        let decimals = fund.chu_so.unwrap_or(1);
        let mut lines: Vec<(String, Decimal)> = Vec::new();
        let mut subs: Vec<(String, Decimal)> = Vec::new();
        for (l, line) in &fund.dong {
            let sub_sum: Decimal = line.dong.values().map(|s| s.value.0).sum();
            let amount = match (&line.so_tien, line.dong.is_empty()) {
                (Some(a), true) => a.value.0,
                (Some(a), false) => {
                    if a.value.0 != sub_sum {
                        report.push(err(
                            &a.referenced,
                            format!(
                                "dòng `{k}.{l}` ghi {} nhưng các dòng con cộng lại được {}",
                                numfmt::decimal(a.value.0, 6),
                                numfmt::decimal(sub_sum, 6)
                            ),
                        ));
                    }
                    a.value.0
                }
                (None, false) => sub_sum,
                (None, true) => {
                    report.push(Diagnostic::error(
                        file,
                        None,
                        format!("dòng vốn `{k}.{l}` không có `so_tien` và cũng không có dòng con"),
                    ));
                    continue;
                }
            };
            for (s, v) in &line.dong {
                if v.value.0.is_sign_negative() {
                    report.push(err(
                        &v.referenced,
                        format!("số tiền `{k}.{l}.{s}` là số âm"),
                    ));
                }
                subs.push((format!("{k}.{l}.{s}"), v.value.0));
            }
            if amount.is_sign_negative() {
                if let Some(a) = &line.so_tien {
                    report.push(err(&a.referenced, format!("số tiền `{k}.{l}` là số âm")));
                }
            }
            lines.push((format!("{k}.{l}"), amount));
        }
        let total: Decimal = lines.iter().map(|(_, v)| *v).sum();
        let amount_style = Style::Amount(6);
        t.put(format!("{k}.tong"), total, amount_style);
        if let Some(stated) = &fund.tong_ghi {
            if stated.value.0 != total {
                report.push(
                    err(
                        &stated.referenced,
                        format!(
                            "tổng nguồn vốn `{k}` ghi {} nhưng các dòng cộng lại được {}",
                            numfmt::decimal(stated.value.0, 6),
                            numfmt::decimal(total, 6)
                        ),
                    )
                    .with_hint("sửa số tiền của các dòng hoặc tổng ghi"),
                );
            }
        }
        if total.is_zero() {
            report.push(Diagnostic::error(
                file,
                None,
                format!("tổng nguồn vốn `{k}` bằng 0: không tính được tỷ lệ"),
            ));
            continue;
        }
        for (name, v) in lines.into_iter().chain(subs) {
            let share = v * Decimal::ONE_HUNDRED / total;
            t.put(
                format!("{name}.ty_le"),
                numfmt::round(share, decimals),
                Style::Percent(decimals),
            );
            t.put(name, v, amount_style);
        }
    }
    t
}

fn style_of(v: Decimal) -> Style {
    if v.fract().is_zero() {
        Style::Count
    } else {
        Style::Amount(6)
    }
}

/// A quantity given as a number, or as the name of a figure computed earlier.
fn resolve(
    t: &Table,
    q: &Spanned<Quantity>,
    file: &Path,
    source: &str,
    report: &mut Report,
) -> Option<Decimal> {
    match &q.value {
        Quantity::Number(n) => Some((*n).into()),
        Quantity::Name(name) => match t.get(name.trim()) {
            Some(f) => Some(f.value),
            None => {
                let mut d = Diagnostic::error(
                    file,
                    Pos::from_yaml(&q.referenced),
                    format!("không có số liệu tên `{name}`"),
                )
                .with_source(source);
                if let Some(s) = suggest(name, t.figures.keys()) {
                    d = d.with_hint(format!("có phải `{s}`?"));
                }
                report.push(d);
                None
            }
        },
    }
}

/// A share stated in the data (copied from an older document) compared with the computed
/// value, rounded to the decimals the statement uses.
fn check_stated(
    name: &str,
    computed: Decimal,
    stated: &Spanned<String>,
    file: &Path,
    source: &str,
    report: &mut Report,
) {
    let pos = Pos::from_yaml(&stated.referenced);
    let Some(value) = numfmt::parse_vi(&stated.value) else {
        report.push(
            Diagnostic::error(
                file,
                pos,
                format!("`{}` không phải là một số", stated.value),
            )
            .with_source(source),
        );
        return;
    };
    let decimals = numfmt::decimals_written(&stated.value);
    let rounded = numfmt::round(computed, decimals);
    if rounded != value {
        report.push(
            Diagnostic::warning(
                file,
                pos,
                format!(
                    "tỷ lệ ghi {}% khác tỷ lệ tính được {}% (`{name}` = {}%, làm tròn {} chữ số thập phân)",
                    stated.value.trim().trim_end_matches('%'),
                    numfmt::decimal(rounded, decimals),
                    numfmt::decimal(computed, 4),
                    decimals
                ),
            )
            .with_source(source)
            .with_hint("văn bản in tỷ lệ tính được; xoá `ty_le_ghi` khi đã đối chiếu xong"),
        );
    }
}

/// Replaces every `{{name}}` in `text` by the figure's display form. Unknown names are
/// reported at their exact position in the YAML source.
pub fn cite(
    text: &Spanned<String>,
    table: &Table,
    file: &Path,
    source: &str,
    report: &mut Report,
) -> String {
    let s = &text.value;
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim();
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        if !valid {
            out.push_str(&rest[..start + 2]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..start]);
        match table.get(name) {
            Some(f) => out.push_str(&f.display()),
            None => {
                let mut d = Diagnostic::error(
                    file,
                    crate::diag::locate_in(source, &text.referenced, "{{"),
                    format!("không có số liệu tên `{name}` để trích dẫn"),
                )
                .with_source(source);
                d = match suggest(name, table.figures.keys()) {
                    Some(sug) => d.with_hint(format!("có phải `{sug}`? Tên số liệu được liệt kê trong README, mục Số liệu")),
                    None => d.with_hint("khai báo số liệu trong `so_lieu` hoặc sửa tên; danh sách tên có trong README, mục Số liệu"),
                };
                report.push(d);
                out.push_str(&rest[start..start + 2 + end + 2]);
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The closest known name, for "did you mean" hints.
pub fn suggest<'a>(name: &str, known: impl Iterator<Item = &'a String>) -> Option<String> {
    known
        .map(|k| (strsim(name, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.clone())
}

/// Levenshtein distance on characters.
pub fn strsim(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
