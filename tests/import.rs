//! `vanban nhap`: documents read back into YAML. The measure is the words: a seed imports to
//! a YAML that builds, and its PDF's words are at least as close to the seed's as the
//! hand-written sample's; every sample survives PDF/DOCX → import → PDF with the same words.

mod common;

use std::path::{Path, PathBuf};

use common::{pdf_text, root, tempdir, try_build};

/// Words for comparing: lower case, punctuation trimmed from their ends, Markdown marks gone.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Similarity of two word sequences: 2·LCS / (|a| + |b|), as Python's difflib ratio.
fn ratio(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    2.0 * prev[b.len()] as f64 / (a.len() + b.len()) as f64
}

/// Imports `file` into `dir`, returning the YAML's path and the import's notes.
fn import_to(file: &Path, dir: &Path) -> (PathBuf, vanban::import::Imported) {
    let imported = vanban::import::import(file)
        .unwrap_or_else(|d| panic!("{} did not import:\n{d}", file.display()));
    let out = dir.join(file.with_extension("yaml").file_name().unwrap());
    std::fs::write(&out, &imported.yaml).unwrap();
    (out, imported)
}

const SEEDS: [(&str, &str); 4] = [
    (
        "cong-van-bac-son-2024.md",
        "data/bac-son/cong-van-ntm-2024.yaml",
    ),
    (
        "cong-van-vpdp-lang-son-2020.txt",
        "data/lang-son/cong-van-vpdp-2020.yaml",
    ),
    (
        "ke-hoach-ntm-lang-son-2019.txt",
        "data/lang-son/ke-hoach-ntm-2019.yaml",
    ),
    (
        "thong-bao-ket-luan-lang-son-2020.txt",
        "data/lang-son/thong-bao-ket-luan-2020.yaml",
    ),
];

#[test]
fn seeds_import_build_and_match_at_least_as_well_as_the_samples() {
    let dir = tempdir();
    let mut worse = Vec::new();
    for (seed, sample) in SEEDS {
        let seed_path = root().join("tests/fixtures/nhap/seeds").join(seed);
        let (yaml, _) = import_to(&seed_path, &dir);
        let built = try_build(&yaml).unwrap_or_else(|e| {
            panic!(
                "{seed}: the imported YAML did not build:\n{e}\n--- YAML ---\n{}",
                std::fs::read_to_string(&yaml).unwrap()
            )
        });
        let seed_words = words(&std::fs::read_to_string(&seed_path).unwrap());
        let imported = ratio(&seed_words, &words(&pdf_text(&built.pdf)));
        let by_hand = ratio(
            &seed_words,
            &words(&pdf_text(&common::build(&root().join(sample)).pdf)),
        );
        println!("{seed}: imported {imported:.4}, hand-written sample {by_hand:.4}");
        if imported < by_hand {
            worse.push(format!(
                "{seed}: imported {imported:.4} < sample {by_hand:.4}"
            ));
        }
    }
    assert!(worse.is_empty(), "{worse:#?}");
}

#[test]
fn the_imported_plan_reports_the_two_wrong_percentages_that_check_reports() {
    let dir = tempdir();
    let seed = root().join("tests/fixtures/nhap/seeds/ke-hoach-ntm-lang-son-2019.txt");
    let (yaml, imported) = import_to(&seed, &dir);
    assert!(
        imported.figures >= 15,
        "only {} shares proposed",
        imported.figures
    );
    let stated = |r: &vanban::diag::Report| {
        let mut v: Vec<String> = r
            .warnings()
            .filter(|w| w.message.starts_with("tỷ lệ ghi"))
            .map(|w| w.message.split(" khác ").next().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let ours = stated(&try_build(&yaml).unwrap().report);
    let sample =
        stated(&common::build(&root().join("data/lang-son/ke-hoach-ntm-2019.yaml")).report);
    assert_eq!(ours, vec!["tỷ lệ ghi 43,4%", "tỷ lệ ghi 64,2%"]);
    assert_eq!(ours, sample);
}

/// The first place two word sequences part, with some words around it.
fn first_difference(a: &[String], b: &[String]) -> Option<String> {
    let i = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .or_else(|| (a.len() != b.len()).then_some(a.len().min(b.len())))?;
    let from = i.saturating_sub(8);
    Some(format!(
        "word {i}: built {:?}\n   rebuilt {:?}",
        a[from..(i + 12).min(a.len())].join(" "),
        b[from..(i + 12).min(b.len())].join(" ")
    ))
}

/// Every sample of `data/` through Word and back: build → .docx → import → build, with the
/// same words in both PDFs (family members each on their own).
#[test]
fn every_sample_survives_the_round_trip_through_word() {
    let dir = tempdir();
    let out = dir.join("out");
    let built = common::vanban(
        &[
            "build",
            "data",
            "--format",
            "pdf,docx",
            "--out",
            out.to_str().unwrap(),
        ],
        &root(),
    );
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let mut docx: Vec<PathBuf> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    docx.sort();
    assert!(docx.len() >= 19, "only {} .docx written", docx.len());
    let mut failures = Vec::new();
    for file in &docx {
        let name = file.strip_prefix(&out).unwrap().display().to_string();
        let imported = match vanban::import::import(file) {
            Ok(i) => i,
            Err(d) => {
                failures.push(format!("{name}: did not import: {d}"));
                continue;
            }
        };
        let yaml = dir
            .join(name.replace(['/', '\\'], "__"))
            .with_extension("yaml");
        std::fs::write(&yaml, &imported.yaml).unwrap();
        let rebuilt = match try_build(&yaml) {
            Ok(b) => b,
            Err(e) => {
                failures.push(format!("{name}: the imported YAML did not build:\n{e}"));
                continue;
            }
        };
        let original = std::fs::read(file.with_extension("pdf")).unwrap();
        let (a, b) = (words(&pdf_text(&original)), words(&pdf_text(&rebuilt.pdf)));
        match first_difference(&a, &b) {
            None => println!("{name}: same {} words", a.len()),
            Some(d) => failures.push(format!("{name}: {d}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
