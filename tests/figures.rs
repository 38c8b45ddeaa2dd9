//! The figures engine end to end: stated-value checks, citations following the data, errors
//! for impossible figures, and property tests of the arithmetic.

mod common;

use std::path::Path;

use common::{build, pdf_text, root, tempdir, vanban};
use proptest::prelude::*;
use rust_decimal::Decimal;

use vanban::diag::Report;
use vanban::figures;
use vanban::model::Figures;
use vanban::numfmt;

#[test]
fn check_reports_exactly_the_two_rounding_errors_of_the_2019_plan() {
    let out = vanban(&["check", "data"], &root());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(": cảnh báo: "))
        .collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(
        warnings[0].contains("ke-hoach-ntm-2019.yaml:")
            && warnings[0].contains("tỷ lệ ghi 43,4% khác tỷ lệ tính được 43,5%"),
        "{stderr}"
    );
    assert!(
        warnings[1].contains("ke-hoach-ntm-2019.yaml:")
            && warnings[1].contains("tỷ lệ ghi 64,2% khác tỷ lệ tính được 64,3%"),
        "{stderr}"
    );
    assert!(
        stderr.contains("đã kiểm tra 19 văn bản, 0 lỗi, 2 cảnh báo"),
        "{stderr}"
    );
    // --deny-warnings turns them into a failure.
    let out = vanban(&["check", "data", "--deny-warnings"], &root());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_cited_figure_follows_the_data_into_the_pdf() {
    let src = std::fs::read_to_string(root().join("data/lang-son/ke-hoach-ntm-2019.yaml")).unwrap();
    let before = pdf_text(&build(&root().join("data/lang-son/ke-hoach-ntm-2019.yaml")).pdf);
    assert!(
        before.contains("nâng tổng số xã đạt tiêu chí lên 61/207 xã"),
        "{before}"
    );
    assert!(before.contains("chiếm tỷ lệ 29,5%"));
    // One more commune reaches criterion 2 this year: 62/207 = 29,95 % → 30 %.
    let changed = src.replace(
        "tc02: { da_dat: 49, them: 12, mau_so: so_xa }",
        "tc02: { da_dat: 49, them: 13, mau_so: so_xa }",
    );
    assert_ne!(
        changed, src,
        "the sample no longer has the line this test edits"
    );
    let dir = tempdir();
    std::fs::create_dir_all(dir.join("_chung")).unwrap();
    std::fs::copy(
        root().join("data/lang-son/_chung/tinh-lang-son.yaml"),
        dir.join("_chung/tinh-lang-son.yaml"),
    )
    .unwrap();
    let file = dir.join("ke-hoach.yaml");
    std::fs::write(&file, changed).unwrap();
    let after = pdf_text(&build(&file).pdf);
    assert!(
        after.contains(
            "có thêm 13 xã đạt chuẩn tiêu chí, nâng tổng số xã đạt tiêu chí lên 62/207 xã"
        ),
        "{after}"
    );
    assert!(after.contains("chiếm tỷ lệ 30%"));
    assert!(!after.contains("61/207"));
    let _ = std::fs::remove_dir_all(dir);
}

fn figures_of(yaml: &str) -> (figures::Table, Report) {
    let figs: Figures = serde_saphyr::from_str(yaml).unwrap();
    let mut report = Report::default();
    let t = figures::compute(&figs, Path::new("x.yaml"), yaml, &mut report);
    (t, report)
}

#[test]
fn targets_distributions_and_funding() {
    let (t, r) = figures_of(
        "hang_so: { so_xa: 207 }\n\
         chi_tieu:\n  a: { da_dat: 207, mau_so: so_xa }\n  b: { da_dat: 0, them: 0, mau_so: 207, chu_so: 2 }\n\
         phan_bo:\n  d: { mau_so: so_xa, nhom: { x: a.tong, y: 0 } }\n\
         nguon_von:\n  v: { tong_ghi: 123456789012.5, dong: { l: { dong: { s: 123456789012, t: 0.5 } } } }\n",
    );
    assert!(!r.has_errors(), "{:?}", r.items);
    assert_eq!(t.get("a.tong").unwrap().display(), "207");
    assert_eq!(t.get("a.ty_le").unwrap().display(), "100");
    assert_eq!(t.get("b.ty_le").unwrap().display(), "0");
    assert_eq!(t.get("d.x.ty_le").unwrap().display(), "100");
    assert_eq!(t.get("v.tong").unwrap().display(), "123.456.789.012,5");
    assert_eq!(t.get("v.l.t.ty_le").unwrap().display(), "0");
}

#[test]
fn impossible_figures_are_errors() {
    let (_, r) = figures_of("chi_tieu:\n  a: { da_dat: 3, them: 1, mau_so: 0 }\n");
    assert!(r
        .errors()
        .any(|d| d.message.contains("mẫu số của `a` bằng 0")));
    let (_, r) = figures_of("chi_tieu:\n  a: { da_dat: 3, them: -1 }\n");
    assert!(r.errors().any(|d| d.message.contains("`a.them` là số âm")));
    let (_, r) = figures_of("phan_bo:\n  d: { mau_so: 10, nhom: { x: 4, y: 5 } }\n");
    assert!(r
        .errors()
        .any(|d| d.message.contains("cộng lại được 9, không bằng mẫu số 10")));
    let (_, r) = figures_of(
        "nguon_von:\n  v: { tong_ghi: 10, dong: { a: { so_tien: 4 }, b: { so_tien: 5 } } }\n",
    );
    assert!(r
        .errors()
        .any(|d| d.message.contains("các dòng cộng lại được 9")));
    let (_, r) = figures_of("chi_tieu:\n  a: { da_dat: 3, them: 1, tong_ghi: 5 }\n");
    assert!(r.errors().any(|d| d.message.contains("= 4")));
    let (_, r) = figures_of("chi_tieu:\n  a: { da_dat: 3, mau_so: so_ha }\n");
    let d = r.errors().next().unwrap();
    assert!(d.message.contains("không có số liệu tên `so_ha`"));
    assert_eq!(d.pos.map(|p| (p.line, p.column)), Some((2, 27)));
}

proptest! {
    #[test]
    fn shares_of_a_distribution_sum_to_100_within_rounding(counts in prop::collection::vec(0i64..5000, 1..12), decimals in 0u32..3) {
        let total: i64 = counts.iter().sum();
        prop_assume!(total > 0);
        let groups: Vec<String> = counts.iter().enumerate().map(|(i, c)| format!("g{i}: {c}")).collect();
        let yaml = format!("phan_bo:\n  d: {{ mau_so: {total}, chu_so: {decimals}, nhom: {{ {} }} }}\n", groups.join(", "));
        let (t, r) = figures_of(&yaml);
        prop_assert!(!r.has_errors());
        let sum: Decimal = (0..counts.len()).map(|i| t.get(&format!("d.g{i}.ty_le")).unwrap().value).sum();
        // Each share is off by at most half a unit of its last decimal.
        let tolerance = Decimal::new(5, decimals + 1) * Decimal::from(counts.len() as i64);
        prop_assert!((sum - Decimal::ONE_HUNDRED).abs() <= tolerance, "sum {sum}");
    }

    #[test]
    fn baseline_plus_added_is_the_total(base in 0i64..100_000, added in 0i64..100_000) {
        let den = base + added + 1;
        let (t, r) = figures_of(&format!("chi_tieu:\n  a: {{ da_dat: {base}, them: {added}, mau_so: {den} }}\n"));
        prop_assert!(!r.has_errors());
        prop_assert_eq!(t.get("a.tong").unwrap().value, Decimal::from(base + added));
        let share = t.get("a.ty_le").unwrap().value;
        prop_assert_eq!(share, numfmt::round(Decimal::from(base + added) * Decimal::ONE_HUNDRED / Decimal::from(den), 1));
    }

    #[test]
    fn formatting_round_trips(units in -10_000_000_000i64..10_000_000_000i64, scale in 0u32..3) {
        let d = Decimal::new(units, scale);
        let text = numfmt::decimal(d, 3);
        prop_assert_eq!(numfmt::parse_vi(&text).unwrap(), d.normalize());
    }
}

#[test]
fn next_years_plan_starts_from_last_years_figures() {
    let b = build(&root().join("tests/fixtures/ke-thua/ke-hoach-2020.yaml"));
    // Last year's stated-value warnings stay with last year's document.
    assert_eq!(b.report.items.len(), 0, "{:?}", b.report.items);
    let text = pdf_text(&b.pdf);
    assert!(text.contains("từ 61/207 xã năm 2019, phấn đấu có thêm 10 xã, nâng tổng số lên 71/207 xã, chiếm tỷ lệ 34,3%."), "{text}");
    // (61·19 + 3·16 + 40·12 + 103·7) / 207 = 2408 / 207 = 11,63
    assert!(
        text.contains("Bình quân 11,63 tiêu chí/xã trên 207 xã."),
        "{text}"
    );
    assert!(text.contains("Tổng nguồn vốn 3.500,25 tỷ đồng (bằng chữ: ba nghìn năm trăm phẩy hai mươi lăm tỷ đồng), trong đó huy động 2.500,25 tỷ đồng, chiếm 71,4%."), "{text}");
}

#[test]
fn an_inheritance_cycle_is_a_located_error() {
    let out = vanban(&["check", "tests/fixtures/vong/a.yaml"], &root());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("b.yaml:9:14: lỗi: kế thừa vòng tròn: `a.yaml`"),
        "{stderr}"
    );
    let out = vanban(&["check", "tests/fixtures/ke-thua/khong-co.yaml"], &root());
    assert_eq!(
        out.status.code(),
        Some(2),
        "a missing document is a usage error"
    );
}

#[test]
fn remainder_lines_and_unknown_modifiers() {
    let (t, r) = figures_of("nguon_von:\n  v: { chu_so: 0, tong_ghi: 4111.5, dong: { a: { so_tien: 985.7 }, b: { con_lai: true } } }\n");
    assert!(!r.has_errors(), "{:?}", r.items);
    assert_eq!(t.get("v.b").unwrap().display(), "3.125,8");
    assert_eq!(t.get("v.a.ty_le").unwrap().display(), "24");
    assert_eq!(t.get("v.b.ty_le").unwrap().display(), "76");
    let (_, r) =
        figures_of("nguon_von:\n  v: { dong: { a: { so_tien: 1 }, b: { con_lai: true } } }\n");
    assert!(r
        .errors()
        .any(|d| d.message.contains("không có `tong_ghi`")));
    let (_, r) = figures_of(
        "nguon_von:\n  v: { tong_ghi: 1, dong: { a: { so_tien: 5 }, b: { con_lai: true } } }\n",
    );
    assert!(r
        .errors()
        .any(|d| d.message.contains("phần còn lại `v.b` âm")));
    let (_, r) = figures_of("binh_quan:\n  x: { nhom: {} }\n");
    assert!(r
        .errors()
        .any(|d| d.message.contains("không có đơn vị nào")));
}

/// A funding line's share stated in an older document is checked as a target's is: a warning
/// when the computed share does not round to it, nothing when it does.
#[test]
fn a_funding_lines_stated_share_is_checked() {
    let (t, r) = figures_of(
        "nguon_von:\n  v: { dong: { a: { so_tien: 600, ty_le_ghi: \"60\" }, b: { so_tien: 400.5, ty_le_ghi: \"40,1\" } } }\n",
    );
    assert!(!r.has_errors(), "{:?}", r.items);
    assert_eq!(t.get("v.b.ty_le").unwrap().display(), "40");
    let warnings: Vec<&str> = r.warnings().map(|w| w.message.as_str()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("tỷ lệ ghi 40,1% khác tỷ lệ tính được 40%")
            && warnings[0].contains("`v.b.ty_le`"),
        "{warnings:?}"
    );
}

/// Every figure says how it was obtained, for the figures panel of `vanban serve`.
#[test]
fn every_figure_says_how_it_was_obtained() {
    let (t, r) = figures_of(
        "hang_so: { so_xa: 207 }\n\
         chi_tieu:\n  a: { da_dat: 48, them: 12, mau_so: so_xa }\n\
         nguon_von:\n  v: { tong_ghi: 10, dong: { l: { dong: { x: 3, y: 2 } }, m: { con_lai: true } } }\n",
    );
    assert!(!r.has_errors(), "{:?}", r.items);
    let how = |n: &str| t.get(n).unwrap().how.clone();
    assert_eq!(how("a.tong"), "= a.da_dat + a.them");
    assert_eq!(how("a.mau_so"), "= so_xa");
    assert_eq!(how("a.ty_le"), "= a.tong / a.mau_so × 100");
    assert_eq!(how("v.l"), "= v.l.x + v.l.y");
    assert_eq!(how("v.l.ty_le"), "= v.l / v.tong × 100");
    assert!(how("v.m").contains("v.tong"), "{}", how("v.m"));
    assert!(how("so_xa").contains("YAML"));
    assert!(t.figures.values().all(|f| !f.how.is_empty()));
}

#[test]
fn a_backslash_keeps_double_braces_literal() {
    let work = tempdir();
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/toi-thieu.yaml")).unwrap();
    let doc = base.replace(
        "  - doan: Ngày 03/02/2020, Giám đốc Sở chủ trì cuộc họp giao ban.",
        "  - doan: 'Viết \\{{so_xa}} để in số xã: {{so_xa}} xã; \\{{không phải tên}} cũng vậy.'",
    ) + "so_lieu:\n  hang_so: { so_xa: 207 }\n";
    assert_ne!(doc, base);
    let file = work.join("x.yaml");
    std::fs::write(&file, doc).unwrap();
    let text = pdf_text(&build(&file).pdf);
    assert!(
        text.contains("Viết {{so_xa}} để in số xã: 207 xã; {{không phải tên}} cũng vậy."),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&work);
}
