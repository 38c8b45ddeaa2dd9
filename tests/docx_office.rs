//! The Word (.docx) output checked through LibreOffice: every sample's .docx is converted to
//! PDF by `soffice --headless` and that PDF is read back with poppler (tests/common/pdffile.rs)
//! and held against the decree's layout and against the Typst PDF of the same sample.
//!
//! LibreOffice is not Word: its line breaking and pagination differ a little, so pages, lines
//! and reading order are compared loosely and the checks are about structure (page sizes,
//! margins, page numbers, the header's lines and rules, sizes, fonts, the words themselves).
//!
//! Needs Debian's `libreoffice-writer-nogui fonts-liberation2 poppler-utils` (.ci/run installs
//! them). Without `soffice` on PATH the LibreOffice test fails, unless `VANBAN_SKIP_OFFICE=1`.

mod common;
#[path = "common/pdffile.rs"]
mod pdffile;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pdffile::{find_phrase, find_tokens, tokens, PdfFile, Word};
use vanban::context::Context;

/// `lang-son/ke-hoach-ntm-2019`: a file name that stays unique across the data folders.
fn sample_name(path: &Path) -> String {
    let rel = path
        .strip_prefix(common::root().join("data"))
        .unwrap_or(path);
    rel.with_extension("").to_string_lossy().to_string()
}

fn file_stem(name: &str) -> String {
    name.replace('/', "--")
}

/// The text area of a page, from the document's margins.
struct Area {
    top: f64,
    left: f64,
    right: f64,
}

fn area(ctx: &Context, page: &pdffile::Page) -> Area {
    Area {
        top: ctx.layout.le_tren,
        left: ctx.layout.le_trai,
        right: page.width - ctx.layout.le_phai,
    }
}

/// A page number: a word of digits whose baseline lies in the top margin.
fn is_page_number(w: &Word, ctx: &Context) -> bool {
    w.baseline < ctx.layout.le_tren && w.text.chars().all(|c| c.is_ascii_digit())
}

/// Words in the top margin of a page (page numbers, or anything misplaced).
fn top_margin_words<'a>(pdf: &'a PdfFile, ctx: &Context, page: usize) -> Vec<&'a Word> {
    pdf.words
        .iter()
        .filter(|w| w.page == page && w.baseline < ctx.layout.le_tren)
        .collect()
}

fn fmt_words(ws: &[&Word]) -> String {
    ws.iter()
        .map(|w| {
            format!(
                "{:?} (x {:.1}–{:.1}, baseline {:.1} mm, {:.1} pt)",
                w.text,
                w.x,
                w.right(),
                w.baseline,
                w.size
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether page 2 of a Typst PDF must carry the number 2: it continues the first section unless
/// the document has a phụ lục or an attached text, whose first page may be page 2 and shows no
/// number.
fn page_two_numbered_by_content(ctx: &Context) -> bool {
    ctx.phu_luc.is_empty() && ctx.kem_theo.is_none()
}

/// Checks 3 to 7, and the parts of 1 and 2 that need no second PDF. `page_two_numbered`: page 2
/// (if any) must show a centred 2; otherwise it may show nothing, but a number it shows must
/// still be a lone centred 2. Returns the failures.
fn file_checks(pdf: &PdfFile, ctx: &Context, page_two_numbered: bool) -> Vec<String> {
    let mut fail = Vec::new();
    let p1 = pdf.pages[0];
    let a1 = area(ctx, &p1);

    // 1. Landscape pages exactly when the document has a landscape (ngang) phụ lục.
    let wants_landscape = ctx.phu_luc.iter().any(|a| a.ngang);
    let landscape = pdf.pages.iter().filter(|p| p.landscape()).count();
    if wants_landscape != (landscape > 0) {
        fail.push(format!(
            "1: {landscape} landscape pages, but the document {} a landscape phụ lục",
            if wants_landscape { "has" } else { "has no" }
        ));
    }

    // 2. Nothing printed outside the left and right margins (page numbers sit in the top
    // margin, centred, so they are inside horizontally anyway).
    for w in &pdf.words {
        let a = area(ctx, &pdf.pages[w.page - 1]);
        if w.x < a.left - 0.5 || w.right() > a.right + 0.5 {
            fail.push(format!(
                "2: page {}: {} is outside the margins {:.1}–{:.1} mm",
                w.page,
                fmt_words(&[w]),
                a.left,
                a.right
            ));
        }
    }

    // 3. No page number (nothing at all) in the top margin of page 1; a lone centred "2" in the
    // top margin of page 2 when it must have one.
    let top1 = top_margin_words(pdf, ctx, 1);
    if !top1.is_empty() {
        fail.push(format!(
            "3: page 1 has text in the top margin: {}",
            fmt_words(&top1)
        ));
    }
    if pdf.pages.len() >= 2 {
        let top2 = top_margin_words(pdf, ctx, 2);
        let a2 = area(ctx, &pdf.pages[1]);
        let centre = (a2.left + a2.right) / 2.0;
        match (top2.as_slice(), page_two_numbered) {
            ([], true) => fail.push(format!(
                "3: page 2 has no page number in the top margin ({:.0} mm)",
                a2.top
            )),
            ([], false) => {}
            ([w], _) if w.text == "2" && (w.center() - centre).abs() <= 3.0 => {}
            (ws, _) => fail.push(format!(
                "3: page 2's top margin should hold a lone \"2\" centred on {centre:.1} mm (±3), \
                 found {}",
                fmt_words(ws)
            )),
        }
    }

    // 4. Quốc hiệu on one line, 12–13 pt bold; Tiêu ngữ 13–14 pt bold over a rule as long as
    // it (±8 %). pdftohtml gives sizes to a third of a point, hence the 0.2 pt of slack.
    match find_phrase(&pdf.words, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") {
        None => fail.push("4: no Quốc hiệu \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\"".into()),
        Some(qh) => {
            let b0 = qh[0].baseline;
            let ok = qh.iter().all(|w| {
                w.page == 1
                    && (w.baseline - b0).abs() <= 0.5
                    && w.bold
                    && (11.8..=13.2).contains(&w.size)
            });
            if !ok {
                fail.push(format!(
                    "4: Quốc hiệu is not on one line of page 1 in 12–13 pt bold: {}",
                    fmt_words(&qh)
                ));
            }
        }
    }
    match find_phrase(&pdf.words, "Độc lập - Tự do - Hạnh phúc") {
        None => fail.push("4: no Tiêu ngữ \"Độc lập - Tự do - Hạnh phúc\"".into()),
        Some(tn) => {
            let b0 = tn[0].baseline;
            let ok = tn.iter().all(|w| {
                w.page == 1
                    && (w.baseline - b0).abs() <= 0.5
                    && w.bold
                    && (12.8..=14.2).contains(&w.size)
            });
            if !ok {
                fail.push(format!(
                    "4: Tiêu ngữ is not one line of page 1 in 13–14 pt bold: {}",
                    fmt_words(&tn)
                ));
            }
            let (x0, x1) = (tn[0].x, tn[tn.len() - 1].right());
            let width = x1 - x0;
            let rule = pdf
                .rules
                .iter()
                .filter(|r| r.page == 1 && r.y > b0 && r.y - b0 < 6.0)
                .filter(|r| r.x < x1 && r.x + r.length > x0)
                .min_by(|a, b| a.y.partial_cmp(&b.y).unwrap());
            match rule {
                None => fail.push(format!(
                    "4: no rule within 6 mm under the Tiêu ngữ (x {x0:.1}–{x1:.1}, baseline \
                     {b0:.1} mm); rules on page 1: {:?}",
                    pdf.rules.iter().filter(|r| r.page == 1).collect::<Vec<_>>()
                )),
                Some(r) if (r.length - width).abs() > 0.08 * width => fail.push(format!(
                    "4: the Tiêu ngữ's rule is {:.1} mm long, the Tiêu ngữ {width:.1} mm \
                     (more than 8 % apart)",
                    r.length
                )),
                Some(_) => {}
            }
        }
    }

    // 5. "Số:" and the place-date line on one baseline.
    let so = pdf.words.iter().find(|w| w.page == 1 && w.text == "Số:");
    let place: Vec<&str> = ctx.dia_danh_ngay.split_whitespace().take(3).collect();
    let date = find_phrase(&pdf.words, &place.join(" "));
    let header_end = match (so, &date) {
        (Some(so), Some(date)) => {
            let d = date[0];
            if d.page != 1 || (so.baseline - d.baseline).abs() > 0.5 {
                fail.push(format!(
                    "5: \"Số:\" and the place-date are not on one baseline (±0.5 mm): {}",
                    fmt_words(&[so, d])
                ));
            }
            so.baseline.max(d.baseline)
        }
        _ => {
            fail.push(format!(
                "5: \"Số:\" {} / place-date {:?} {} on page 1",
                if so.is_some() { "found" } else { "missing" },
                place.join(" "),
                if date.is_some() { "found" } else { "missing" }
            ));
            a1.top
        }
    };

    // 6. The body's size: the commonest size of the words on page 1 below the Số line.
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for w in pdf
        .words
        .iter()
        .filter(|w| w.page == 1 && w.baseline > header_end + 1.0)
    {
        *sizes.entry((w.size * 10.0).round() as i64).or_default() += 1;
    }
    match sizes.iter().max_by_key(|(s, n)| (**n, **s)) {
        None => fail.push("6: no words on page 1 below the Số line".into()),
        Some((s, n)) => {
            let s = *s as f64 / 10.0;
            if !(12.8..=14.2).contains(&s) {
                fail.push(format!(
                    "6: body text on page 1 is {s:.1} pt ({n} words), not 13–14 pt"
                ));
            }
        }
    }
    if pdf.words.iter().any(|w| w.size == 0.0) {
        let lost: Vec<&Word> = pdf.words.iter().filter(|w| w.size == 0.0).take(5).collect();
        fail.push(format!(
            "harness: pdftohtml gave no font for {}",
            fmt_words(&lost)
        ));
    }

    // 7. Times-metric fonts only: Liberation Serif faces (LibreOffice's substitute for Times New
    // Roman, and what vanban's Typst uses); anything else is a fallback.
    let foreign: Vec<&String> = pdf
        .fonts
        .iter()
        .filter(|f| !f.starts_with("LiberationSerif"))
        .collect();
    if !foreign.is_empty() {
        let users: Vec<&Word> = pdf
            .words
            .iter()
            .filter(|w| foreign.iter().any(|f| **f == w.font))
            .take(5)
            .collect();
        fail.push(format!(
            "7: fonts other than Liberation Serif: {foreign:?} (used by {})",
            fmt_words(&users)
        ));
    }
    fail
}

/// The document's tokens without page numbers, as pdftotext reads them. A line that ends
/// after a hyphen or slash of the text ("2016-" / "2020", "124/" / "HD-VPĐP") is joined to the
/// next: Typst and LibreOffice break at such places differently, and neither adds a hyphen.
fn text_tokens(pdf: &PdfFile, ctx: &Context) -> Vec<String> {
    let toks: Vec<(&str, usize)> = tokens(&pdf.words)
        .into_iter()
        .filter(|(_, i)| !is_page_number(&pdf.words[*i], ctx))
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut glue = false;
    for (k, (t, i)) in toks.iter().enumerate() {
        if glue {
            out.last_mut().unwrap().push_str(t);
        } else {
            out.push(t.to_string());
        }
        let line_ends = toks
            .get(k + 1)
            .is_none_or(|(_, j)| pdf.words[*j].line != pdf.words[*i].line);
        let last = out.last().unwrap();
        glue = line_ends
            && k + 1 < toks.len()
            && last.chars().count() > 1
            && (last.ends_with('-') || last.ends_with('/'));
    }
    out
}

/// The body's token range: after the last header element (Quốc hiệu, Tiêu ngữ, Số, place-date,
/// tên loại, trích yếu, urgency and circulation marks; the two header columns may be read in
/// either order) up to the first of "Nơi nhận:" and the signers' first lines (the signer
/// block sits beside "Nơi nhận:" and may be read before it).
fn body_range(toks: &[String], ctx: &Context) -> Option<std::ops::Range<usize>> {
    let pairs: Vec<(&str, usize)> = toks.iter().map(|t| (t.as_str(), 0)).collect();
    let mut header: Vec<String> = vec![
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        "Độc lập - Tự do - Hạnh phúc".into(),
        ctx.so_ky_hieu.clone(),
        ctx.dia_danh_ngay.clone(),
        ctx.trich_yeu.join(" "),
    ];
    header.extend(ctx.ten_loai.clone());
    header.extend(ctx.do_khan.map(str::to_string));
    header.extend(ctx.luu_hanh.as_ref().map(|l| l.to_uppercase()));
    let start = header
        .iter()
        .filter(|p| !p.trim().is_empty())
        .filter_map(|p| find_tokens(&pairs, p, 0))
        .map(|r| r.end)
        .max()?;
    let mut enders: Vec<String> = vec!["Nơi nhận:".into()];
    for signer in std::iter::once(&ctx.nguoi_ky).chain(ctx.dong_ky.as_ref()) {
        enders.push(
            signer
                .quyen_han
                .first()
                .cloned()
                .unwrap_or_else(|| signer.chuc_vu.clone()),
        );
    }
    if let Some(x) = &ctx.xac_nhan {
        enders.push(x.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    }
    let end = enders
        .iter()
        .filter(|p| !p.trim().is_empty())
        .filter_map(|p| find_tokens(&pairs, p, start))
        .map(|r| r.start)
        .min()?;
    Some(start..end)
}

fn context(toks: &[String], at: usize) -> String {
    let from = at.saturating_sub(8);
    let to = (at + 8).min(toks.len());
    let mut s = toks[from..at].join(" ");
    s.push_str(" >>");
    s.push_str(&toks[at..to].join(" "));
    s
}

/// Checks 1, 2 (left edge), 8 and 9: the LibreOffice PDF against the Typst PDF.
fn compare_checks(lo: &PdfFile, typst: &PdfFile, ctx: &Context) -> Vec<String> {
    let mut fail = Vec::new();

    // 1. Page 1 A4 portrait, every page A4, and the sections' orientations in the same order
    // with page counts that differ by at most one per run of one orientation.
    let p1 = lo.pages[0];
    if (p1.width - 210.0).abs() > 1.0 || (p1.height - 297.0).abs() > 1.0 {
        fail.push(format!(
            "1: page 1 is {:.1} × {:.1} mm, not A4 portrait",
            p1.width, p1.height
        ));
    }
    for (i, p) in lo.pages.iter().enumerate() {
        if !p.is_a4(1.0) {
            fail.push(format!(
                "1: page {} is {:.1} × {:.1} mm, not A4",
                i + 1,
                p.width,
                p.height
            ));
        }
    }
    let runs = |pdf: &PdfFile| {
        let mut r: Vec<(bool, usize)> = Vec::new();
        for p in &pdf.pages {
            match r.last_mut() {
                Some((l, n)) if *l == p.landscape() => *n += 1,
                _ => r.push((p.landscape(), 1)),
            }
        }
        r
    };
    let (lo_runs, ty_runs) = (runs(lo), runs(typst));
    let same_order = lo_runs.len() == ty_runs.len()
        && lo_runs
            .iter()
            .zip(&ty_runs)
            .all(|(a, b)| a.0 == b.0 && a.1.abs_diff(b.1) <= 1);
    if !same_order {
        let show = |r: &[(bool, usize)]| {
            r.iter()
                .map(|(l, n)| format!("{n} {}", if *l { "landscape" } else { "portrait" }))
                .collect::<Vec<_>>()
                .join(", ")
        };
        fail.push(format!(
            "1: orientations differ: LibreOffice {}; Typst {}",
            show(&lo_runs),
            show(&ty_runs)
        ));
    }

    // 2. The left edge of the text on page 1 where Typst's is.
    let left = |pdf: &PdfFile| {
        pdf.words
            .iter()
            .filter(|w| w.page == 1 && w.baseline >= ctx.layout.le_tren)
            .map(|w| w.x)
            .fold(f64::MAX, f64::min)
    };
    let (l_lo, l_ty) = (left(lo), left(typst));
    if (l_lo - l_ty).abs() > 1.5 {
        fail.push(format!(
            "2: page 1's text starts at x {l_lo:.1} mm, Typst's at {l_ty:.1} mm (±1.5)"
        ));
    }

    // 8. The same words: as multisets over the whole document (two-column parts may be read in
    // another order), and strictly in order through the body.
    let (t_lo, t_ty) = (text_tokens(lo, ctx), text_tokens(typst, ctx));
    fn count(t: &[String]) -> HashMap<&str, i64> {
        let mut m = HashMap::new();
        for w in t {
            *m.entry(w.as_str()).or_default() += 1;
        }
        m
    }
    let (c_lo, c_ty) = (count(&t_lo), count(&t_ty));
    let mut missing: Vec<String> = Vec::new();
    let mut extra: Vec<String> = Vec::new();
    for (w, n) in &c_ty {
        let d = n - c_lo.get(w).copied().unwrap_or(0);
        if d > 0 {
            missing.push(format!("{w:?}×{d}"));
        }
    }
    for (w, n) in &c_lo {
        let d = n - c_ty.get(w).copied().unwrap_or(0);
        if d > 0 {
            extra.push(format!("{w:?}×{d}"));
        }
    }
    missing.sort();
    extra.sort();
    if !missing.is_empty() || !extra.is_empty() {
        fail.push(format!(
            "8: words differ ({} in Typst, {} in LibreOffice): missing from LibreOffice [{}]; \
             only in LibreOffice [{}]",
            t_ty.len(),
            t_lo.len(),
            missing
                .iter()
                .take(25)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            extra
                .iter()
                .take(25)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    match (body_range(&t_lo, ctx), body_range(&t_ty, ctx)) {
        (Some(r_lo), Some(r_ty)) => {
            let (b_lo, b_ty) = (&t_lo[r_lo.clone()], &t_ty[r_ty.clone()]);
            let first = (0..b_lo.len().max(b_ty.len())).find(|&i| b_lo.get(i) != b_ty.get(i));
            if let Some(i) = first {
                fail.push(format!(
                    "8: the body's words differ at body word {i} (of {} in Typst, {} in \
                     LibreOffice):\n    Typst:       {}\n    LibreOffice: {}",
                    b_ty.len(),
                    b_lo.len(),
                    context(&t_ty, r_ty.start + i),
                    context(&t_lo, r_lo.start + i)
                ));
            }
        }
        (lo_r, ty_r) => fail.push(format!(
            "8: cannot delimit the body (after the header, before Nơi nhận/the signer): \
             LibreOffice {}, Typst {}",
            if lo_r.is_some() { "ok" } else { "not found" },
            if ty_r.is_some() { "ok" } else { "not found" }
        )),
    }

    // 9. Page counts within one.
    if lo.pages.len().abs_diff(typst.pages.len()) > 1 {
        fail.push(format!(
            "9: LibreOffice made {} pages, Typst {}",
            lo.pages.len(),
            typst.pages.len()
        ));
    }
    fail
}

/// Whether page 2 of the Typst PDF shows a page number: the LibreOffice page 2 must then too.
fn typst_page_two_numbered(typst: &PdfFile, ctx: &Context) -> bool {
    typst
        .words
        .iter()
        .any(|w| w.page == 2 && is_page_number(w, ctx))
}

fn report(failures: &[(String, Vec<String>)]) -> String {
    failures
        .iter()
        .map(|(name, f)| format!("{name}:\n  {}", f.join("\n  ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Validates the harness: vanban's own PDFs pass the checks that need no second file.
#[test]
fn typst_pdfs_pass_the_file_geometry_checks() {
    let dir = common::tempdir();
    let mut failures = Vec::new();
    let all = common::samples();
    assert!(all.len() >= 12, "samples: {all:?}");
    for path in &all {
        let name = sample_name(path);
        let b = common::build(path);
        let file = dir.join(format!("{}.pdf", file_stem(&name)));
        std::fs::write(&file, &b.pdf).unwrap();
        let f = match pdffile::read(&file) {
            Ok(pdf) => file_checks(&pdf, &b.ctx, page_two_numbered_by_content(&b.ctx)),
            Err(e) => vec![format!("cannot read the PDF: {e}")],
        };
        if !f.is_empty() {
            failures.push((name, f));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        failures.is_empty(),
        "{} of {} Typst PDFs fail the file checks:\n{}",
        failures.len(),
        all.len(),
        report(&failures)
    );
}

/// The checks do fail: vanban's PDFs held against wrong margins, and against another sample.
#[test]
fn the_file_checks_report_what_differs() {
    let dir = common::tempdir();
    let read = |sample: &str| {
        let b = common::build(&common::root().join("data").join(sample));
        let file = dir.join(format!("{}.pdf", file_stem(sample)));
        std::fs::write(&file, &b.pdf).unwrap();
        (pdffile::read(&file).unwrap(), b.ctx)
    };
    let (ke_hoach, ctx) = read("lang-son/ke-hoach-ntm-2019.yaml");
    let (cong_van, _) = read("bac-son/cong-van-ntm-2024.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    let has = |f: &[String], check: &str| f.iter().any(|m| m.starts_with(check));

    // Margins 5 mm wider on the left and at the top than the text was set with.
    let mut narrow = ctx.clone();
    narrow.layout.le_trai += 5.0;
    narrow.layout.le_tren += 5.0;
    let f = file_checks(&ke_hoach, &narrow, true);
    assert!(has(&f, "2:") && has(&f, "3: page 1"), "{f:#?}");

    // Another document: other words, other pages, no landscape phụ lục.
    let f = compare_checks(&cong_van, &ke_hoach, &ctx);
    for check in ["1:", "8: words differ", "9:"] {
        assert!(has(&f, check), "no {check} in {f:#?}");
    }
    assert!(compare_checks(&ke_hoach, &ke_hoach, &ctx).is_empty());
}

/// `soffice` on PATH, or None.
fn soffice() -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("soffice"))
            .find(|p| p.is_file())
    })
}

/// Runs a command in its own process group, killing the group if it outlives `limit` (a hung
/// LibreOffice must not hang the suite). Output goes to files: nothing reads pipes meanwhile.
fn run_bounded(mut cmd: Command, limit: Duration, log: &Path) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    let out = std::fs::File::create(log).unwrap();
    let mut child = cmd
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            // The exit status says nothing (0 even for garbage input); the caller looks at
            // the PDFs. A failure to start is still worth reporting.
            return if status.success() {
                Ok(())
            } else {
                Err(format!(
                    "soffice exited with {status}: {}",
                    std::fs::read_to_string(log).unwrap_or_default()
                ))
            };
        }
        if Instant::now() > deadline {
            // The group's id is the child's id (process_group(0)); "--" keeps kill from reading
            // the negative id as an option.
            let _ = Command::new("kill")
                .args(["-s", "KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            return Err(format!(
                "soffice did not finish within {} s: {}",
                limit.as_secs(),
                std::fs::read_to_string(log).unwrap_or_default()
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn docx_through_libreoffice_matches_the_typst_layout() {
    let Some(soffice) = soffice() else {
        if std::env::var("VANBAN_SKIP_OFFICE").as_deref() == Ok("1") {
            eprintln!("skipped: soffice is not on PATH and VANBAN_SKIP_OFFICE=1");
            return;
        }
        panic!(
            "soffice is not on PATH: install Debian's libreoffice-writer-nogui fonts-liberation2 \
             (.ci/run does), or set VANBAN_SKIP_OFFICE=1 to skip this test"
        );
    };
    let dir = common::tempdir();
    let docx_dir = dir.join("docx");
    let pdf_dir = dir.join("pdf");
    let typst_dir = dir.join("typst");
    for d in [&docx_dir, &pdf_dir, &typst_dir] {
        std::fs::create_dir_all(d).unwrap();
    }

    let all = common::samples();
    assert!(all.len() >= 12, "samples: {all:?}");
    let mut built = Vec::new();
    let mut inputs = Vec::new();
    let mut failures: Vec<(String, Vec<String>)> = Vec::new();
    for path in &all {
        let name = sample_name(path);
        let stem = file_stem(&name);
        let b = common::build(path);
        std::fs::write(typst_dir.join(format!("{stem}.pdf")), &b.pdf).unwrap();
        // A .docx that does not build is one failure among the others, not the end of the run.
        let bytes = match std::panic::catch_unwind(|| common::build_docx(path)) {
            Ok(bytes) => bytes,
            Err(e) => {
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push((name, vec![format!("the .docx did not build: {msg}")]));
                continue;
            }
        };
        let docx = docx_dir.join(format!("{stem}.docx"));
        std::fs::write(&docx, bytes).unwrap();
        inputs.push(docx);
        built.push((name, stem, b.ctx));
    }

    // One LibreOffice for all files: it takes seconds to start. A fresh profile keeps the
    // machine's settings out and lets two runs of the suite go side by side (two soffice on one
    // profile: the second exits without converting).
    let mut cmd = Command::new(&soffice);
    cmd.arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(&pdf_dir)
        .args(&inputs);
    // Generous: about 5 s a document here, and a start-up.
    let limit = Duration::from_secs(120 + 30 * inputs.len() as u64);
    if !inputs.is_empty() {
        if let Err(e) = run_bounded(cmd, limit, &dir.join("soffice.log")) {
            panic!("{e}\n(files kept in {})", dir.display());
        }
    }

    for (name, stem, ctx) in &built {
        let lo_file = pdf_dir.join(format!("{stem}.pdf"));
        if !lo_file.is_file() {
            failures.push((name.clone(), vec!["LibreOffice wrote no PDF".to_string()]));
            continue;
        }
        let typst = pdffile::read(&typst_dir.join(format!("{stem}.pdf")))
            .unwrap_or_else(|e| panic!("{name}: the Typst PDF does not read: {e}"));
        let lo = match pdffile::read(&lo_file) {
            Ok(pdf) => pdf,
            Err(e) => {
                failures.push((name.clone(), vec![format!("LibreOffice's PDF: {e}")]));
                continue;
            }
        };
        let mut f = compare_checks(&lo, &typst, ctx);
        // Điều 8: no số/ký hiệu broken across lines in Word's rendering either.
        let lo_text = common::pdftotext_lines(&std::fs::read(&lo_file).unwrap());
        for code in common::broken_codes(ctx, &lo_text) {
            f.push(format!("a số/ký hiệu broken across lines: {code}"));
        }
        f.extend(file_checks(&lo, ctx, typst_page_two_numbered(&typst, ctx)));
        if !f.is_empty() {
            failures.push((name.clone(), f));
        }
    }
    if failures.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(
        failures.is_empty(),
        "{} of {} .docx files differ from the layout once LibreOffice renders them (files kept \
         in {}):\n{}",
        failures.len(),
        all.len(),
        dir.display(),
        report(&failures)
    );
}
