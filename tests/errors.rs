//! Invalid input: every case in `tests/fixtures/invalid` must fail with its file, line and
//! column and the gist of its message, exit non-zero and write no PDF. Valid fixtures build.

mod common;

use std::path::Path;

use common::{root, tempdir, vanban};

#[test]
fn each_invalid_fixture_is_located_and_explained() {
    let dir = root().join("tests/fixtures/invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "the corpus lost cases: {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let expect = std::fs::read_to_string(case.with_extension("expect")).unwrap();
        let mut lines = expect.lines();
        let position = lines.next().unwrap().trim().to_string();
        let fragment = lines.next().unwrap().trim().to_string();
        let out_dir = tempdir();
        let out = vanban(
            &[
                "build",
                case.to_str().unwrap(),
                "--out",
                out_dir.to_str().unwrap(),
            ],
            &root(),
        );
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let located = if position == "-" {
            stderr.contains(&format!("{name}: lỗi")) || stderr.contains(&format!("{name}:"))
        } else {
            stderr.contains(&format!("{name}:{position}: lỗi"))
        };
        let pdf_written = out_dir
            .join(case.file_stem().unwrap())
            .with_extension("pdf")
            .exists();
        if out.status.code() != Some(1) || !located || !stderr.contains(&fragment) || pdf_written {
            failures.push(format!(
                "{name}: exit {:?}, expected `{name}:{position}` and `{fragment}`, pdf written: {pdf_written}\n{stderr}",
                out.status.code()
            ));
        }
        let _ = std::fs::remove_dir_all(out_dir);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn errors_show_the_line_with_a_caret_and_a_hint() {
    let case = root().join("tests/fixtures/invalid/unknown-field.yaml");
    let out = vanban(&["check", case.to_str().unwrap()], &root());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("10 | trich_yeuu: Kết luận"), "{stderr}");
    assert!(stderr.contains("   | ^"), "{stderr}");
    assert!(stderr.contains("gợi ý: có phải `trich_yeu`?"), "{stderr}");
}

#[test]
fn a_failed_build_removes_the_stale_pdf_and_keeps_building_the_others() {
    let work = tempdir();
    let data = work.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/valid/toi-thieu.yaml"),
        data.join("a.yaml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/valid/toi-thieu.yaml"),
        data.join("b.yaml"),
    )
    .unwrap();
    let out = vanban(&["build", "data", "--out", "out"], &work);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(work.join("out/b.pdf").exists());
    // Break b: its old PDF must go, a must still be built.
    std::fs::copy(
        root().join("tests/fixtures/invalid/bad-date.yaml"),
        data.join("b.yaml"),
    )
    .unwrap();
    let out = vanban(&["build", "data", "--out", "out"], &work);
    assert_eq!(out.status.code(), Some(1));
    assert!(work.join("out/a.pdf").exists());
    assert!(
        !work.join("out/b.pdf").exists(),
        "a stale PDF of a failed document was left"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("đã dựng 0 văn bản, 1 không đổi, 1 lỗi"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_are_accepted() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/toi-thieu.yaml")).unwrap();
    let work = tempdir();
    let file = work.join("crlf.yaml");
    std::fs::write(&file, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    let out = vanban(&["check", file.to_str().unwrap()], Path::new(&work));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn oversized_input_is_refused_quickly_with_its_place() {
    let work = tempdir();
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/toi-thieu.yaml")).unwrap();
    // A 5 MB paragraph (a whole file pasted by accident).
    let huge = "Văn bản dán nhầm. ".repeat(5_000_000 / 20);
    let file = work.join("doan-5mb.yaml");
    std::fs::write(
        &file,
        base.replace(
            "Ngày 03/02/2020, Giám đốc Sở chủ trì cuộc họp giao ban.",
            &huge,
        ),
    )
    .unwrap();
    let out = vanban(&["check", file.to_str().unwrap()], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("doan-5mb.yaml:12:11: lỗi: đoạn chữ dài")
            && stderr.contains("quá giới hạn 50000"),
        "{}",
        &stderr[..stderr.len().min(600)]
    );
    // A 10,000-row matrix.
    let mut yaml = format!(
        "{base}phu_luc:\n  - tieu_de: Phân công\n    ma_tran:\n      - nhom: Nhóm\n        viec:\n"
    );
    for i in 0..10_000 {
        yaml.push_str(&format!("          - {{ noi_dung: Việc {i} }}\n"));
    }
    let file = work.join("ma-tran-10000.yaml");
    std::fs::write(&file, yaml).unwrap();
    let out = vanban(&["check", file.to_str().unwrap()], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains(
            "ma-tran-10000.yaml:23:14: lỗi: ma trận của phụ lục có 10001 dòng, quá giới hạn 2000"
        ),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    let work = tempdir();
    let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        yaml.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    let file = work.join("bom.yaml");
    std::fs::write(&file, yaml).unwrap();
    let out = vanban(&["check", file.to_str().unwrap()], &work);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bom.yaml:"));
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn messages_are_english_with_lang_en_or_an_english_locale() {
    let case = root().join("tests/fixtures/invalid/unknown-field.yaml");
    let case = case.to_str().unwrap();
    let english = |out: std::process::Output| String::from_utf8_lossy(&out.stderr).to_string();
    // --lang en: the same place, the message and hint in English, field names as in the YAML.
    let e = english(vanban(&["check", case, "--lang", "en"], &root()));
    assert!(
        e.contains("unknown-field.yaml:10:1: error: there is no field `trich_yeuu`"),
        "{e}"
    );
    assert!(e.contains("hint: did you mean `trich_yeu`?"), "{e}");
    assert!(
        e.contains("checked 0 documents, 1 errors, 0 warnings"),
        "{e}"
    );
    // The environment's locale, as POSIX ranks it: LC_ALL over LANG.
    let run = |vars: &[(&str, &str)]| {
        let mut c = common::vanban_command(&root());
        c.args(["check", case]);
        for (k, v) in vars {
            c.env(k, v);
        }
        english(c.output().unwrap())
    };
    assert!(run(&[("LANG", "en_US.UTF-8")]).contains("error: there is no field"));
    assert!(run(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "vi_VN.UTF-8")])
        .contains("lỗi: trường `trich_yeuu`"));
    assert!(run(&[("LANG", "C.UTF-8")]).contains("lỗi: trường `trich_yeuu`"));
    // --lang wins over the locale.
    assert!(run(&[("LANG", "en_US.UTF-8")]).contains("error:"));
    let mut c = common::vanban_command(&root());
    let out = c
        .args(["check", case, "--lang", "vi"])
        .env("LC_ALL", "en_GB")
        .output()
        .unwrap();
    assert!(english(out).contains("lỗi: trường `trich_yeuu`"));
}

/// Every invalid fixture also reads in English at the same place, with no Vietnamese message
/// text left (quoted data and field names aside).
#[test]
fn every_invalid_fixture_has_an_english_message() {
    let dir = root().join("tests/fixtures/invalid");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let case = entry.unwrap().path();
        if case.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let expect = std::fs::read_to_string(case.with_extension("expect")).unwrap();
        let position = expect.lines().next().unwrap().trim().to_string();
        let out = vanban(&["check", case.to_str().unwrap(), "--lang", "en"], &root());
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let first = stderr
            .lines()
            .find(|l| l.contains(": error: "))
            .unwrap_or("")
            .to_string();
        let located = position == "-" || first.contains(&format!("{name}:{position}: error: "));
        // The message without its quoted parts (`…`) and parenthesised parser text.
        let mut bare = String::new();
        let mut quoted = false;
        for c in first.split(": error: ").nth(1).unwrap_or("").chars() {
            if c == '`' {
                quoted = !quoted;
            } else if !quoted {
                bare.push(c);
            }
        }
        let bare = bare.split(" (").next().unwrap_or("");
        let vietnamese_words = ["không", "của", "được", "tệp", "trường", "ngày", "cần"];
        if out.status.code() != Some(1)
            || !located
            || vietnamese_words.iter().any(|w| bare.contains(w))
        {
            missing.push(format!("{name}: {first}"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The parser stops at the first mistake; vanban reads on and reports each mistake of a single
/// entry at its place, without inventing errors for the entries it had to skip.
#[test]
fn several_yaml_mistakes_in_one_file_are_all_reported() {
    let case = root().join("tests/fixtures/several/bon-loi.yaml");
    let out = vanban(&["check", case.to_str().unwrap()], &root());
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": lỗi: ")).collect();
    let places: Vec<&str> = errors
        .iter()
        .map(|l| {
            l.split(": lỗi: ")
                .next()
                .unwrap()
                .rsplit("bon-loi.yaml:")
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(places, ["6:3", "7:5", "10:1", "17:10"], "{stderr}");
    assert!(errors[0].contains("`ten_day_du`") && errors[2].contains("`trich_yeuu`"));
    assert!(errors[1].contains("sai kiểu dữ liệu") && errors[3].contains("`rat_khan`"));
    // `so` was skipped to read on; its absence is not reported as a missing field.
    assert!(!stderr.contains("thiếu trường"), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
}

mod mangled {
    use proptest::prelude::*;
    use std::path::Path;

    fn fonts() -> &'static vanban::fonts::Fonts {
        static FONTS: std::sync::OnceLock<vanban::fonts::Fonts> = std::sync::OnceLock::new();
        FONTS.get_or_init(vanban::fonts::Fonts::embedded)
    }

    fn samples() -> Vec<String> {
        let mut v = Vec::new();
        for dir in ["data/lang-son", "tests/fixtures/invalid", "src/starters"] {
            for e in std::fs::read_dir(super::root().join(dir)).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "yaml") {
                    if let Ok(t) = std::fs::read_to_string(&p) {
                        v.push(t);
                    }
                }
            }
        }
        v
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Lines deleted, duplicated, re-indented or cut short in real documents: loading and
        /// validating never panics, and every message renders with its place.
        #[test]
        fn mangled_documents_never_panic(which in any::<prop::sample::Index>(), edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..5, 0usize..12), 1..6)) {
            let all = samples();
            let text = which.get(&all);
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            for (at, op, n) in edits {
                if lines.is_empty() { break; }
                let i = at.index(lines.len());
                match op {
                    0 => { lines.remove(i); }
                    1 => { let l = lines[i].clone(); lines.insert(i, l); }
                    2 => { lines[i] = format!("{}{}", " ".repeat(n), lines[i].trim_start()); }
                    3 => { let cut = lines[i].char_indices().nth(n).map(|(b, _)| b).unwrap_or(0); lines[i].truncate(cut); }
                    _ => { lines[i].push_str(": x"); }
                }
            }
            let text = lines.join("\n");
            match vanban::load::load_text(Path::new("m.yaml"), text) {
                Ok(loaded) => {
                    let fonts = fonts();
                    let mut report = vanban::diag::Report::default();
                    let _ = vanban::context::build(&loaded, fonts, &mut report);
                    for d in &report.items { let _ = d.to_string(); }
                }
                Err(diags) => {
                    prop_assert!(!diags.is_empty());
                    for d in &diags { let _ = d.to_string(); }
                }
            }
        }
    }
}
