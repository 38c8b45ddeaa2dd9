//! Số liệu: the computation stage. From the typed figures of a document it computes every
//! total, share and percentage, checks the values a clerk stated against them, and gives each
//! result a stable name that prose cites as `{{name}}`.
//!
//! Names (documented in the README):
//! - `hang_so.K` → `K`
//! - `chi_tieu.K` → `K.da_dat`, `K.them`, `K.tong`, `K.mau_so`, `K.ty_le`
//! - `phan_bo.D` → `D.G` (count of group G), `D.G.ty_le`, `D.tong`
//! - `nguon_von.F` → `F.tong`, `F.L`, `F.L.ty_le`, `F.L.S`, `F.L.S.ty_le`
//! - `binh_quan.B` → `B.tb` (average), `B.so` (units), `B.tong`
//! - `ke_thua` with `ten: P` → every figure of the other document as `P.name`
//! - `thuc_hien.K` → `K.ke_hoach`, `K.dat`, `K.ty_le` (of the plan), `K.chenh` (difference),
//!   and the texts `K.ten`, `K.don_vi`, `K.danh_gia` (vượt / đạt / chưa đạt kế hoạch)
//!
//! A citation may add `:chu` (`{{von.tong:chu}}`) for the amount in Vietnamese words, or
//! `:Chu` for the same with a capital first letter.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Pos, Report};
use crate::model::{Document, Figures, Funding, Inherit, Quantity, SharedFile};
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
    /// How it was obtained, for the clerk: a formula over other figures' names
    /// (`= tc02.da_dat + tc02.them`) or where the number was typed.
    pub how: String,
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
    /// Names cited as text: agencies of the registry (`cq.SNN`, `cq.SNN.viet_tat`).
    pub texts: BTreeMap<String, String>,
}

impl Table {
    pub fn get(&self, name: &str) -> Option<&Figure> {
        self.figures.get(name)
    }

    /// A figure read from a table: a count when whole, else an amount with its decimals.
    pub fn put_amount(&mut self, name: String, value: Decimal, how: String) {
        let style = if value.fract().is_zero() {
            Style::Count
        } else {
            Style::Amount(value.normalize().scale())
        };
        self.put(name, value, style, how);
    }

    fn put(&mut self, name: String, value: Decimal, style: Style, how: String) {
        self.figures.insert(name, Figure { value, style, how });
    }
}

/// Where a number typed in the data came from, for [`Figure::how`].
fn typed() -> String {
    crate::t!("số nhập trong YAML")
}

/// A quantity as the data gives it: the name of another figure (`= nam_truoc.tc02.tong`) or a
/// number typed in.
fn from_quantity(q: &Spanned<Quantity>) -> String {
    match &q.value {
        Quantity::Name(n) => format!("= {n}"),
        Quantity::Number(_) => typed(),
    }
}

/// The text of a quantity inside a formula: its name, or the number.
fn operand(q: &Spanned<Quantity>) -> String {
    match &q.value {
        Quantity::Name(n) => n.clone(),
        Quantity::Number(n) => n.to_string(),
    }
}

/// Computes the figure table of figures alone (no shared or inherited files resolved
/// relative to a document). Errors (zero denominator, negative count, a sum that does not
/// match) and warnings (a stated share that differs from the computed one) go to `report`.
pub fn compute(figs: &Figures, file: &Path, source: &str, report: &mut Report) -> Table {
    compute_in(&[], figs, file, source, report, &mut Trail::from(file))
}

/// Computes a document's figures, with its shared files (`bao_gom`) and inherited documents
/// (`ke_thua`). Every file read besides the document itself is added to `deps`, so that an
/// incremental build knows what the document depends on.
pub fn compute_document(
    doc: &Document,
    file: &Path,
    source: &str,
    report: &mut Report,
    deps: &mut Vec<PathBuf>,
) -> Table {
    let mut trail = Trail::from(file);
    let table = compute_in(&doc.bao_gom, &doc.so_lieu, file, source, report, &mut trail);
    deps.extend(trail.deps);
    table
}

/// Where a computation has been: the files being computed, outermost first (to refuse
/// cycles), and every other file read (for incremental builds).
struct Trail {
    chain: Vec<PathBuf>,
    deps: Vec<PathBuf>,
}

impl Trail {
    fn from(file: &Path) -> Trail {
        Trail {
            chain: vec![canonical(file)],
            deps: Vec::new(),
        }
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

fn compute_in(
    includes: &[Spanned<String>],
    figs: &Figures,
    file: &Path,
    source: &str,
    report: &mut Report,
    trail: &mut Trail,
) -> Table {
    let mut t = Table::default();
    let err = |loc: &serde_saphyr::Location, msg: String| {
        Diagnostic::error(file, Pos::from_yaml(loc), msg).with_source(source)
    };

    for include in includes {
        include_shared(include, &mut t, file, source, report, trail);
    }

    for inherit in &figs.ke_thua {
        inherit_from(inherit, &mut t, file, source, report, trail);
    }

    for (k, v) in &figs.hang_so {
        t.put(
            k.clone(),
            v.value.0,
            style_of(v.value.0),
            crate::t!("hằng số nhập trong YAML"),
        );
    }

    for (k, target) in &figs.chi_tieu {
        let Some(base) = resolve(&t, &target.da_dat, file, source, report) else {
            continue;
        };
        let added = target.them.as_ref().map(|s| s.value).unwrap_or(0);
        if base.is_sign_negative() || !base.fract().is_zero() {
            let why = if base.is_sign_negative() {
                crate::t!(
                    "`{k}.da_dat` là số âm ({base}); số xã, số đơn vị không thể âm",
                    k = k,
                    base = base
                )
            } else {
                crate::t!(
                    "`{k}.da_dat` = {base}: số xã, số đơn vị phải là số nguyên",
                    k = k,
                    base = base
                )
            };
            report.push(err(&target.da_dat.referenced, why));
            continue;
        }
        if added < 0 {
            let loc = &target.them.as_ref().unwrap().referenced;
            report.push(err(
                loc,
                crate::t!(
                    "`{k}.them` là số âm ({added}); số thêm trong năm không thể âm",
                    k = k,
                    added = added
                ),
            ));
            continue;
        }
        let total = base + Decimal::from(added);
        t.put(
            format!("{k}.da_dat"),
            base,
            Style::Count,
            from_quantity(&target.da_dat),
        );
        t.put(format!("{k}.them"), added.into(), Style::Count, typed());
        t.put(
            format!("{k}.tong"),
            total,
            Style::Count,
            format!("= {k}.da_dat + {k}.them"),
        );
        if let Some(stated) = &target.tong_ghi {
            if Decimal::from(stated.value) != total {
                report.push(
                    err(
                        &stated.referenced,
                        crate::t!(
                            "`{k}.tong_ghi` ghi {stated} nhưng đã đạt {base} + thêm {added} = {total}",
                            k = k,
                            stated = stated.value,
                            base = base,
                            added = added,
                            total = total
                        ),
                    )
                    .with_hint(crate::t!("sửa số đã đạt hoặc số thêm, hoặc xoá `tong_ghi` để vanban tự tính")),
                );
            }
        }
        let Some(den) = &target.mau_so else { continue };
        let Some(den_value) = resolve(&t, den, file, source, report) else {
            continue;
        };
        t.put(
            format!("{k}.mau_so"),
            den_value,
            Style::Count,
            from_quantity(den),
        );
        if den_value.is_zero() {
            report.push(err(
                &den.referenced,
                crate::t!("mẫu số của `{k}` bằng 0: không tính được tỷ lệ", k = k),
            ));
            continue;
        }
        if total > den_value {
            report.push(err(
                &den.referenced,
                crate::t!(
                    "`{k}`: tổng {total} lớn hơn mẫu số {den_value}",
                    k = k,
                    total = total,
                    den_value = den_value
                ),
            ));
        }
        let decimals = target.chu_so.unwrap_or(1);
        let share = total * Decimal::ONE_HUNDRED / den_value;
        t.put(
            format!("{k}.ty_le"),
            numfmt::round(share, decimals),
            Style::Percent(decimals),
            format!("= {k}.tong / {k}.mau_so × 100"),
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
                crate::t!("mẫu số của `{k}` bằng 0: không tính được tỷ lệ", k = k),
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
                report.push(err(
                    &q.referenced,
                    crate::t!("nhóm `{k}.{g}` là số âm ({v})", k = k, g = g, v = v),
                ));
                ok = false;
                continue;
            }
            sum += v;
            t.put(format!("{k}.{g}"), v, Style::Count, from_quantity(q));
            let share = v * Decimal::ONE_HUNDRED / den_value;
            t.put(
                format!("{k}.{g}.ty_le"),
                numfmt::round(share, decimals),
                Style::Percent(decimals),
                format!("= {k}.{g} / {} × 100", operand(&dist.mau_so)),
            );
        }
        let groups: Vec<String> = dist.nhom.keys().map(|g| format!("{k}.{g}")).collect();
        t.put(
            format!("{k}.tong"),
            sum,
            Style::Count,
            format!("= {}", groups.join(" + ")),
        );
        if ok && sum != den_value {
            report.push(
                err(
                    &dist.mau_so.referenced,
                    crate::t!(
                        "các nhóm của `{k}` cộng lại được {sum}, không bằng mẫu số {den_value}",
                        k = k,
                        sum = sum,
                        den_value = den_value
                    ),
                )
                .with_hint(crate::t!(
                    "kiểm tra lại số của từng nhóm: mỗi đơn vị phải thuộc đúng một nhóm"
                )),
            );
        }
    }

    for (k, fund) in &figs.nguon_von {
        funding(k, fund, &mut t, file, source, report);
    }

    for (k, avg) in &figs.binh_quan {
        let decimals = avg.chu_so.unwrap_or(2);
        let mut units = Decimal::ZERO;
        let mut sum = Decimal::ZERO;
        for v in &avg.gia_tri {
            units += Decimal::ONE;
            sum += v.value.0;
        }
        for (value, count) in &avg.nhom {
            let Some(n) = resolve(&t, count, file, source, report) else {
                continue;
            };
            match numfmt::parse_vi(value) {
                Some(v) if !n.is_sign_negative() => {
                    units += n;
                    sum += v * n;
                }
                _ => report.push(err(
                    &count.referenced,
                    crate::t!(
                        "nhóm `{value}: {n}` của `{k}`: giá trị phải là số, số đơn vị không âm",
                        value = value,
                        n = n,
                        k = k
                    ),
                )),
            }
        }
        if units.is_zero() {
            report.push(Diagnostic::error(
                file,
                None,
                crate::t!(
                    "bình quân `{k}` không có đơn vị nào: không tính được",
                    k = k
                ),
            ));
            continue;
        }
        t.put(
            format!("{k}.so"),
            units,
            Style::Count,
            crate::t!("số đơn vị trong các nhóm của {k}", k = k),
        );
        t.put(
            format!("{k}.tong"),
            sum,
            Style::Amount(6),
            crate::t!("tổng giá trị × số đơn vị của từng nhóm"),
        );
        t.put(
            format!("{k}.tb"),
            numfmt::round(sum / units, decimals),
            Style::Amount(decimals),
            format!("= {k}.tong / {k}.so"),
        );
    }

    for (k, a) in &figs.thuc_hien {
        let Some(plan) = resolve(&t, &a.ke_hoach, file, source, report) else {
            continue;
        };
        let done = a.dat.value.0;
        if plan.is_sign_negative() || done.is_sign_negative() {
            report.push(err(
                &a.dat.referenced,
                crate::t!(
                    "`{k}`: kế hoạch ({plan}) và thực hiện ({done}) không thể âm",
                    k = k,
                    plan = plan,
                    done = done
                ),
            ));
            continue;
        }
        t.put(
            format!("{k}.ke_hoach"),
            plan,
            style_of(plan),
            from_quantity(&a.ke_hoach),
        );
        t.put(format!("{k}.dat"), done, style_of(done), typed());
        t.put(
            format!("{k}.chenh"),
            (done - plan).abs(),
            style_of(done - plan),
            format!("= |{k}.dat − {k}.ke_hoach|"),
        );
        t.texts.insert(format!("{k}.ten"), a.ten.clone());
        t.texts
            .insert(format!("{k}.don_vi"), a.don_vi.clone().unwrap_or_default());
        let verdict = match done.cmp(&plan) {
            std::cmp::Ordering::Greater => "vượt kế hoạch",
            std::cmp::Ordering::Equal => "đạt kế hoạch",
            std::cmp::Ordering::Less => "chưa đạt kế hoạch",
        };
        t.texts.insert(format!("{k}.danh_gia"), verdict.into());
        if plan.is_zero() {
            report.push(
                err(
                    &a.ke_hoach.referenced,
                    crate::t!(
                        "kế hoạch của `{k}` bằng 0: không tính được tỷ lệ thực hiện",
                        k = k
                    ),
                )
                .with_hint(crate::t!(
                    "kiểm tra tên số liệu kế hoạch, hoặc bỏ chỉ tiêu này khỏi `thuc_hien`"
                )),
            );
            continue;
        }
        let decimals = a.chu_so.unwrap_or(1);
        t.put(
            format!("{k}.ty_le"),
            numfmt::round(done * Decimal::ONE_HUNDRED / plan, decimals),
            Style::Percent(decimals),
            format!("= {k}.dat / {k}.ke_hoach × 100"),
        );
    }
    t
}

/// Loads another file of the format for `bao_gom` or `ke_thua`: located errors for a missing
/// file or a cycle; the file is recorded in the trail.
fn load_other<T: serde::de::DeserializeOwned>(
    rel: &Spanned<String>,
    what: &str,
    file: &Path,
    source: &str,
    report: &mut Report,
    trail: &mut Trail,
) -> Option<(T, PathBuf, String)> {
    let here = |msg: String| {
        Diagnostic::error(file, Pos::from_yaml(&rel.referenced), msg).with_source(source)
    };
    let other = crate::load::reference(file, &rel.value);
    let key = canonical(&other);
    if trail.chain.contains(&key) {
        report.push(
            here(crate::t!(
                "{what} vòng tròn: `{file}` dẫn ngược lại văn bản này",
                what = what,
                file = rel.value
            ))
            .with_hint(crate::t!(
                "bỏ một trong hai tham chiếu: các tệp không được dẫn vòng lẫn nhau"
            )),
        );
        return None;
    }
    trail.deps.push(key);
    match crate::load::load_as::<T>(&other) {
        Ok((value, text)) => Some((value, other, text)),
        Err(diags) => {
            report.push(
                here(crate::t!(
                    "không đọc được tệp {what} `{file}`",
                    what = what,
                    file = rel.value
                ))
                .with_hint(crate::t!("đường dẫn tính từ thư mục của tệp đang viết")),
            );
            report.items.extend(diags);
            None
        }
    }
}

/// Computes another file's figures; its warnings are its own business (its own build reports
/// them), only its errors make the figures unusable here.
fn compute_other(
    includes: &[Spanned<String>],
    figs: &Figures,
    path: &Path,
    text: &str,
    report: &mut Report,
    trail: &mut Trail,
) -> Table {
    let mut theirs = Report::default();
    trail.chain.push(canonical(path));
    let t = compute_in(includes, figs, path, text, &mut theirs, trail);
    trail.chain.pop();
    report
        .items
        .extend(theirs.items.into_iter().filter(Diagnostic::is_error));
    t
}

/// A shared file: its agencies become citable names, its figures join this document's.
fn include_shared(
    include: &Spanned<String>,
    t: &mut Table,
    file: &Path,
    source: &str,
    report: &mut Report,
    trail: &mut Trail,
) {
    let Some((shared, path, text)) =
        load_other::<SharedFile>(include, &crate::t!("bao gồm"), file, source, report, trail)
    else {
        return;
    };
    let sub = compute_other(
        &shared.bao_gom,
        &shared.so_lieu,
        &path,
        &text,
        report,
        trail,
    );
    for (code, a) in &shared.co_quan {
        let short = a.viet_tat.clone().unwrap_or_else(|| a.ten.clone());
        t.texts.insert(format!("cq.{code}"), a.ten.clone());
        t.texts.insert(format!("cq.{code}.viet_tat"), short);
    }
    for (name, fig) in sub.figures {
        if t.figures.contains_key(&name) {
            report.push(
                Diagnostic::error(
                    file,
                    Pos::from_yaml(&include.referenced),
                    crate::t!("số liệu `{name}` có ở hai tệp bao gồm", name = name),
                )
                .with_source(source),
            );
        }
        let how = crate::t!(
            "từ {file}: {how}",
            file = include.value.trim(),
            how = fig.how
        );
        t.figures.insert(name, Figure { how, ..fig });
    }
    t.texts.extend(sub.texts);
}

/// Imports the figures of another document under a prefix.
fn inherit_from(
    inherit: &Inherit,
    t: &mut Table,
    file: &Path,
    source: &str,
    report: &mut Report,
    trail: &mut Trail,
) {
    let Some((doc, path, text)) = load_other::<Document>(
        &inherit.tep,
        &crate::t!("kế thừa"),
        file,
        source,
        report,
        trail,
    ) else {
        return;
    };
    let theirs = compute_other(&doc.bao_gom, &doc.so_lieu, &path, &text, report, trail);
    let prefix = inherit.ten.value.trim();
    for (name, fig) in theirs.figures {
        let how = crate::t!(
            "`{name}` của {file}: {how}",
            name = name,
            file = inherit.tep.value.trim(),
            how = fig.how
        );
        t.figures
            .insert(format!("{prefix}.{name}"), Figure { how, ..fig });
    }
}

/// Funding lines and sub-lines, their sums and their shares of the grand total.
fn funding(k: &str, fund: &Funding, t: &mut Table, file: &Path, source: &str, report: &mut Report) {
    let err = |loc: &serde_saphyr::Location, msg: String| {
        Diagnostic::error(file, Pos::from_yaml(loc), msg).with_source(source)
    };
    let decimals = fund.chu_so.unwrap_or(1);
    let mut lines: Vec<(String, Option<Decimal>)> = Vec::new();
    let mut subs: Vec<(String, Decimal)> = Vec::new();
    let mut remainder: Option<(String, &serde_saphyr::Location)> = None;
    for (l, line) in &fund.dong {
        let sub_sum: Decimal = line.dong.values().map(|s| s.value.0).sum();
        for (s, v) in &line.dong {
            if v.value.0.is_sign_negative() {
                report.push(err(
                    &v.referenced,
                    crate::t!("số tiền `{k}.{l}.{s}` là số âm", k = k, l = l, s = s),
                ));
            }
            subs.push((format!("{k}.{l}.{s}"), v.value.0));
        }
        if let Some(flag) = line.con_lai.as_ref().filter(|f| f.value) {
            if remainder.is_some() || line.so_tien.is_some() || !line.dong.is_empty() {
                report.push(err(
                    &flag.referenced,
                    crate::t!("dòng `{k}.{l}`: chỉ một dòng được là phần còn lại, và dòng đó không ghi số tiền", k = k, l = l),
                ));
            }
            remainder = Some((format!("{k}.{l}"), &flag.referenced));
            lines.push((format!("{k}.{l}"), None));
            continue;
        }
        let amount = match (&line.so_tien, line.dong.is_empty()) {
            (Some(a), true) => a.value.0,
            (Some(a), false) => {
                if a.value.0 != sub_sum {
                    report.push(err(
                        &a.referenced,
                        crate::t!(
                            "dòng `{k}.{l}` ghi {stated} nhưng các dòng con cộng lại được {sum}",
                            k = k,
                            l = l,
                            stated = numfmt::decimal(a.value.0, 6),
                            sum = numfmt::decimal(sub_sum, 6)
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
                    crate::t!(
                        "dòng vốn `{k}.{l}` không có `so_tien`, `con_lai` hay dòng con",
                        k = k,
                        l = l
                    ),
                ));
                continue;
            }
        };
        if amount.is_sign_negative() {
            if let Some(a) = &line.so_tien {
                report.push(err(
                    &a.referenced,
                    crate::t!("số tiền `{k}.{l}` là số âm", k = k, l = l),
                ));
            }
        }
        lines.push((format!("{k}.{l}"), Some(amount)));
    }
    let known: Decimal = lines.iter().filter_map(|(_, v)| *v).sum();
    let total = match (&remainder, &fund.tong_ghi) {
        (Some(_), Some(stated)) => stated.value.0,
        (Some((_, loc)), None) => {
            report.push(err(
                loc,
                crate::t!(
                    "`{k}` có dòng còn lại nhưng không có `tong_ghi` để tính",
                    k = k
                ),
            ));
            return;
        }
        (None, _) => known,
    };
    let rest = total - known;
    if let Some((name, loc)) = &remainder {
        if rest.is_sign_negative() {
            report.push(err(
                loc,
                crate::t!(
                    "các dòng của `{k}` đã vượt tổng ghi: phần còn lại `{name}` âm",
                    k = k,
                    name = name
                ),
            ));
        }
    }
    let amount_style = Style::Amount(6);
    let total_how = if remainder.is_some() {
        crate::t!("tong_ghi nhập trong YAML")
    } else {
        let names: Vec<&str> = lines.iter().map(|(n, _)| n.as_str()).collect();
        format!("= {}", names.join(" + "))
    };
    t.put(format!("{k}.tong"), total, amount_style, total_how);
    // How each line's amount was obtained: typed, the sum of its sub-lines, or what is left.
    let mut hows: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (l, line) in &fund.dong {
        let name = format!("{k}.{l}");
        let how = if line.con_lai.as_ref().is_some_and(|f| f.value) {
            crate::t!("phần còn lại: {k}.tong trừ các dòng khác", k = k)
        } else if line.dong.is_empty() || line.so_tien.is_some() {
            typed()
        } else {
            let subs: Vec<String> = line.dong.keys().map(|s| format!("{name}.{s}")).collect();
            format!("= {}", subs.join(" + "))
        };
        for s in line.dong.keys() {
            hows.insert(format!("{name}.{s}"), typed());
        }
        hows.insert(name, how);
    }
    if remainder.is_none() {
        if let Some(stated) = &fund.tong_ghi {
            if stated.value.0 != total {
                report.push(
                    err(
                        &stated.referenced,
                        crate::t!(
                            "tổng nguồn vốn `{k}` ghi {stated} nhưng các dòng cộng lại được {sum}",
                            k = k,
                            stated = numfmt::decimal(stated.value.0, 6),
                            sum = numfmt::decimal(total, 6)
                        ),
                    )
                    .with_hint(crate::t!("sửa số tiền của các dòng hoặc tổng ghi")),
                );
            }
        }
    }
    if total.is_zero() {
        report.push(Diagnostic::error(
            file,
            None,
            crate::t!("tổng nguồn vốn `{k}` bằng 0: không tính được tỷ lệ", k = k),
        ));
        return;
    }
    let stated: std::collections::HashMap<String, &Spanned<String>> = fund
        .dong
        .iter()
        .filter_map(|(l, line)| line.ty_le_ghi.as_ref().map(|s| (format!("{k}.{l}"), s)))
        .collect();
    let all = lines
        .into_iter()
        .map(|(n, v)| (n, v.unwrap_or(rest)))
        .chain(subs);
    for (name, v) in all {
        let share = v * Decimal::ONE_HUNDRED / total;
        if let Some(s) = stated.get(&name) {
            check_stated(&format!("{name}.ty_le"), share, s, file, source, report);
        }
        t.put(
            format!("{name}.ty_le"),
            numfmt::round(share, decimals),
            Style::Percent(decimals),
            format!("= {name} / {k}.tong × 100"),
        );
        let how = hows.remove(&name).unwrap_or_else(typed);
        t.put(name, v, amount_style, how);
    }
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
                    crate::t!("không có số liệu tên `{name}`", name = name),
                )
                .with_source(source);
                if let Some(s) = suggest(name, t.figures.keys()) {
                    d = d.with_hint(crate::t!("có phải `{s}`?", s = s));
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
                crate::t!("`{value}` không phải là một số", value = stated.value),
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
                crate::t!(
                    "tỷ lệ ghi {stated}% khác tỷ lệ tính được {rounded}% (`{name}` = {exact}%, làm tròn {decimals} chữ số thập phân)",
                    stated = stated.value.trim().trim_end_matches('%'),
                    rounded = numfmt::decimal(rounded, decimals),
                    name = name,
                    exact = numfmt::decimal(computed, 4),
                    decimals = decimals
                ),
            )
            .with_source(source)
            .with_hint(crate::t!("văn bản in tỷ lệ tính được; xoá `ty_le_ghi` khi đã đối chiếu xong")),
        );
    }
}

/// Replaces every `{{name}}` in `text` by the figure's display form; `\{{` stays a literal
/// `{{`. Unknown names are reported at their exact position in the YAML source.
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
        // `\{{` is a literal `{{` in prose, as `\*` is a literal asterisk.
        if rest[..start].ends_with('\\') {
            out.push_str(&rest[..start - 1]);
            out.push_str("{{");
            rest = after;
            continue;
        }
        if let Some(tail) = after.strip_prefix("...}}") {
            out.push_str(&rest[..start]);
            out.push_str(crate::model::LEADER);
            report.push(blank_warning(file, source, text));
            rest = tail;
            continue;
        }
        let Some(end) = after.find("}}") else { break };
        let inner = after[..end].trim();
        let (name, modifier) = match inner.split_once(':') {
            Some((n, m)) => (n.trim(), Some(m.trim())),
            None => (inner, None),
        };
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            && matches!(modifier, None | Some("chu" | "Chu"));
        if !valid {
            out.push_str(&rest[..start + 2]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..start]);
        if let (Some(text), None) = (table.texts.get(name), modifier) {
            out.push_str(text);
            rest = &after[end + 2..];
            continue;
        }
        match table.get(name) {
            Some(f) => match modifier {
                Some(m) => {
                    let w = numfmt::words(f.value);
                    out.push_str(&if m == "Chu" { capitalise(&w) } else { w });
                }
                None => out.push_str(&f.display()),
            },
            None => {
                let what = match name.strip_prefix("cq.") {
                    Some(code) => crate::t!(
                        "không có cơ quan mã `{code}` trong danh mục cơ quan (tệp `bao_gom`)",
                        code = code
                    ),
                    None => crate::t!("không có số liệu tên `{name}` để trích dẫn", name = name),
                };
                let mut d = Diagnostic::error(
                    file,
                    crate::diag::locate_in(source, &text.referenced, "{{"),
                    what,
                )
                .with_source(source);
                d = match suggest(name, table.figures.keys().chain(table.texts.keys())) {
                    Some(sug) => d.with_hint(crate::t!("có phải `{sug}`? Tên số liệu được liệt kê trong README, mục Số liệu", sug = sug)),
                    None => d.with_hint(crate::t!("khai báo số liệu trong `so_lieu` hoặc sửa tên; danh sách tên có trong README, mục Số liệu")),
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

/// A [`crate::model::BLANK`] left in a field: a warning at its place, so that nothing is
/// issued with a hole in it.
pub fn blank_warning(file: &Path, source: &str, text: &Spanned<String>) -> Diagnostic {
    Diagnostic::warning(
        file,
        crate::diag::locate_in(source, &text.referenced, crate::model::BLANK),
        crate::t!("chỗ trống cần điền: văn bản gốc không có phần này, in thành dòng chấm"),
    )
    .with_source(source)
    .with_hint(crate::t!(
        "thay `{{...}}` bằng nội dung thật trước khi ban hành"
    ))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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
