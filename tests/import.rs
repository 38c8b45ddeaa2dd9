//! `vanban nhap`: documents read back into YAML. The measure is the words: a seed imports to
//! a YAML that builds, and its PDF's words are at least as close to the seed's as the
//! hand-written sample's; every sample survives PDF/DOCX → import → PDF with the same words.

mod common;

use std::path::{Path, PathBuf};

use common::{pdf_text, ratio, root, tempdir, try_build, words};

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

/// Builds every sample of `data/` in `format` into a fresh folder; returns the folder, the
/// output folder and the files written with extension `ext`, sorted.
fn built_samples(format: &str, ext: &str) -> (PathBuf, PathBuf, Vec<PathBuf>) {
    let dir = tempdir();
    let out = dir.join("out");
    let args = [
        "build",
        "data",
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ];
    let built = common::vanban(&args, &root());
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    assert!(files.len() >= 19, "only {} .{ext} written", files.len());
    (dir, out, files)
}

/// Every sample of `data/` through its PDF's text and back: build → pdftotext → import →
/// build. The text has no emphasis and the extraction reorders the header's two columns,
/// so the measure is the word ratio; most come back word for word.
#[test]
fn every_sample_survives_the_round_trip_through_the_pdf_text() {
    let (dir, out, pdfs) = built_samples("pdf", "pdf");
    let (mut same, mut failures) = (0, Vec::new());
    for pdf in &pdfs {
        let name = pdf.strip_prefix(&out).unwrap().display().to_string();
        let txt = dir
            .join(name.replace(['/', '\\'], "__"))
            .with_extension("txt");
        let status = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(pdf)
            .arg(&txt)
            .status()
            .expect("pdftotext (Debian poppler-utils) must be installed: .ci/run installs it");
        assert!(status.success());
        let (yaml, _) = import_to(&txt, &dir);
        let rebuilt = match try_build(&yaml) {
            Ok(b) => b,
            Err(e) => {
                failures.push(format!("{name}: the imported YAML did not build:\n{e}"));
                continue;
            }
        };
        let a = words(&pdf_text(&std::fs::read(pdf).unwrap()));
        let b = words(&pdf_text(&rebuilt.pdf));
        let r = ratio(&a, &b);
        println!("{name}: words {r:.4}");
        if a == b {
            same += 1;
        } else if r < 0.99 {
            failures.push(format!(
                "{name}: words {r:.4} < 0.99; {}",
                first_difference(&a, &b).unwrap()
            ));
        }
    }
    println!("{same} of {} samples came back word for word", pdfs.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every sample of `data/` through Word and back: build → .docx → import → build, with the
/// same words in both PDFs (family members each on their own).
#[test]
fn every_sample_survives_the_round_trip_through_word() {
    let (dir, out, docx) = built_samples("pdf,docx", "docx");
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

/// The text of a .docx in document order, then its footnotes (printed at the foot of the
/// page they are cited on), to compare words with.
fn docx_text(path: &Path) -> String {
    docx_parts_text(path, &["word/document.xml", "word/footnotes.xml"])
}

/// The text of the body alone: the words in the order a reader meets them on the pages, for
/// the ratio (footnotes sit at the foot of whichever page cites them).
fn docx_body_text(path: &Path) -> String {
    docx_parts_text(path, &["word/document.xml"])
}

/// How well the rebuilt PDF's words match a Word file's, in order: its body, with its
/// footnotes where pdftotext puts them on a one-page document (after the body) or left out
/// (they sit at the foot of whichever page cites them), whichever matches better.
fn word_ratio(docx: &Path, rebuilt: &str) -> f64 {
    let rebuilt = words(rebuilt);
    let body = ratio(&words(&docx_body_text(docx)), &rebuilt);
    let with_notes = ratio(&words(&docx_text(docx)), &rebuilt);
    body.max(with_notes)
}

fn docx_parts_text(path: &Path, parts: &[&str]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    for part in parts {
        let mut xml = String::new();
        match zip.by_name(part) {
            Ok(mut f) => f.read_to_string(&mut xml).unwrap(),
            Err(_) => continue,
        };
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for n in doc.descendants() {
            match n.tag_name().name() {
                "t" => out.push_str(&n.text().unwrap_or("").replace('\u{2060}', "")),
                "noBreakHyphen" => out.push('-'),
                "p" | "tab" | "br" => out.push(' '),
                _ => {}
            }
        }
    }
    out
}

/// The words of a text as runs of letters and digits (`129/2025/NĐ-CP` is 129, 2025, nđ,
/// cp): a line break or a space vanban puts after `TL.` cuts no word in two.
fn pieces(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Words vanban prints itself whatever the original says: the Quốc hiệu and Tiêu ngữ, the
/// labels of the header and of the recipients' block (a công văn's "Như trên", the default
/// "Lưu: VT"), the lead line of a Quyết định, the heading of Mẫu 2.1 over an annex the
/// original headed only by its title ("DANH SÁCH …").
const DECREE_WORDS: &str = "cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc số v/v \
    ngày tháng năm kính gửi nơi nhận lưu vt như trên quyết định phụ lục";

/// The words of the rebuilt PDF that are neither in the original nor vanban's own (page
/// numbers aside): what the import would have invented.
fn invented(original: &str, rebuilt: &str, loai: &str) -> Vec<String> {
    // The kind's abbreviation of Phụ lục III (`BC`) is vanban's too: it prints the ký hiệu of
    // ô 3 even when the original left its Số line out.
    let abbreviation = vanban::model::KINDS
        .iter()
        .find(|k| k.1 == loai)
        .and_then(|k| k.0.abbreviation())
        .unwrap_or("");
    let known: std::collections::HashSet<String> = pieces(original)
        .into_iter()
        .chain(pieces(DECREE_WORDS))
        .chain(pieces(abbreviation))
        .collect();
    // pdftotext glues a footnote's number to the word it follows ("sách1"), and joins a line
    // that ends in a hyphen to the next without it ("Sài Gòn- | Hà Nội" → "gònhà").
    let known_word = |w: &String| {
        known.contains(w)
            || known.contains(w.trim_end_matches(|c: char| c.is_ascii_digit()))
            || w.char_indices()
                .skip(1)
                .any(|(i, _)| known.contains(&w[..i]) && known.contains(&w[i..]))
    };
    let mut out: Vec<String> = pieces(rebuilt)
        .into_iter()
        .filter(|w| !known_word(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    out.dedup();
    out
}

/// The real Word files of `tests/fixtures/nhap/docx`, sorted.
fn real_docx() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/nhap/docx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    files
}

/// Real documents published by Vietnamese agencies (tests/fixtures/nhap/docx/SOURCES.md):
/// each imports, builds with no error, and its PDF keeps the Word file's words; what was not
/// recognised is printed.
#[test]
fn real_agency_documents_import_and_build() {
    let dir = tempdir();
    let files = real_docx();
    assert!(files.len() >= 3, "at least three real documents: {files:?}");
    let problems: Vec<String> = files
        .iter()
        .flat_map(|file| real_file_problems(file, file, &dir))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What is wrong with a real agency file (none when all is well): it imports and builds, the
/// rebuilt PDF keeps ≥ 0,97 of the words of `original` (the file itself, or LibreOffice's
/// .docx of a .doc) and invents none.
fn real_file_problems(file: &Path, original: &Path, dir: &Path) -> Vec<String> {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let (yaml, imported) = import_to(file, dir);
    for n in &imported.notes {
        println!("{name}: xem lại (dòng {}): {}", n.at, n.text);
    }
    let built = match try_build(&yaml) {
        Ok(b) => b,
        Err(e) => return vec![format!("{name}: did not build:\n{e}")],
    };
    let rebuilt = pdf_text(&built.pdf);
    let r = word_ratio(original, &rebuilt);
    println!("{name}: {} notes, words {r:.4}", imported.notes.len());
    let mut problems = Vec::new();
    if r < 0.97 {
        problems.push(format!("{name}: words {r:.4} < 0.97"));
    }
    let invented = invented(&docx_text(original), &rebuilt, built.ctx.loai);
    if !invented.is_empty() {
        problems.push(format!("{name}: words not in the original: {invented:?}"));
    }
    problems
}

/// Input that is not a document: a located message in Vietnamese, exit 1, no YAML written.
#[test]
fn bad_input_is_refused_with_a_message_and_no_yaml() {
    let dir = tempdir();
    let mut good_zip = Vec::new();
    {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut good_zip));
        z.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"hello").unwrap();
        z.finish().unwrap();
    }
    let cases: [(&str, Vec<u8>, &str); 6] = [
        (
            "thu.docx",
            b"Kinh gui: day la mot tep van ban".to_vec(),
            "không phải là tệp Word .docx",
        ),
        (
            "hong.docx",
            b"PK\x03\x04\x14\x00\x00\x00garbage".to_vec(),
            "không phải là tệp Word .docx",
        ),
        ("zip-khac.docx", good_zip, "không phải là tệp Word .docx"),
        ("rong.txt", b"  \n\n".to_vec(), "tệp rỗng"),
        (
            "nhi-phan.txt",
            vec![0xd0, 0xcf, 0x11, 0xe0, 0, 1, 2],
            "không phải văn bản thuần",
        ),
        (
            "khong-co-dau.txt",
            "Hôm nay trời đẹp.\nChúng tôi đi chơi công viên.\n"
                .as_bytes()
                .to_vec(),
            "không nhận ra văn bản",
        ),
    ];
    for (name, bytes, expected) in cases {
        let input = dir.join(name);
        std::fs::write(&input, &bytes).unwrap();
        let out = common::vanban(&["nhap", name], &dir);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{name}: expected {expected:?} in:\n{stderr}"
        );
        assert!(
            stderr.contains(name),
            "{name}: the message names the file:\n{stderr}"
        );
        assert!(stderr.contains("gợi ý"), "{name}: a hint:\n{stderr}");
        assert!(
            !input.with_extension("yaml").exists(),
            "{name}: no YAML may be written"
        );
    }
}

/// `vanban nhap` writes beside the input by default, never over an existing YAML unless
/// asked, and the YAML it writes builds.
#[test]
fn the_command_writes_beside_the_input_and_does_not_overwrite() {
    let dir = tempdir();
    let seed = root().join("tests/fixtures/nhap/seeds/cong-van-vpdp-lang-son-2020.txt");
    std::fs::copy(&seed, dir.join("cv.txt")).unwrap();
    let first = common::vanban(&["nhap", "cv.txt"], &dir);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{stderr}");
    assert!(stderr.contains("đã ghi cv.yaml"), "{stderr}");
    // What the source lacks is named on the terminal and in the YAML.
    assert!(stderr.contains("thiếu: dia_danh"), "{stderr}");
    let yaml = std::fs::read_to_string(dir.join("cv.yaml")).unwrap();
    assert!(yaml.contains("# Văn bản gốc thiếu"), "{yaml}");
    let again = common::vanban(&["nhap", "cv.txt"], &dir);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let built = common::vanban(&["check", "cv.yaml"], &dir);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
}

mod mangled {
    use super::*;
    use proptest::prelude::*;

    /// Lines a document is made of, and noise: any mix must import without a panic, and
    /// what imports must build.
    fn line() -> impl Strategy<Value = String> {
        let text = "[a-zA-Z0-9 #$_@<>\\[\\]\\\\`~/=+\\-\"'{}%!?:;,.()&^|*ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệĐ]{0,50}";
        prop_oneof![
            Just("ỦY BAN NHÂN DÂN".to_string()),
            Just("TỈNH LẠNG SƠN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string()),
            Just("Số: 05/KH-UBND Lạng Sơn, ngày 10 tháng 02 năm 2019".to_string()),
            Just("Số:    /UBND-VP".to_string()),
            Just("V/v đẩy nhanh tiến độ".to_string()),
            Just("KẾ HOẠCH".to_string()),
            Just("QUYẾT ĐỊNH".to_string()),
            Just("Kính gửi:".to_string()),
            Just("Căn cứ Luật Tổ chức chính quyền địa phương;".to_string()),
            Just("Tổng vốn là 1.000 tỷ đồng, trong đó:".to_string()),
            Just("Nơi nhận:".to_string()),
            Just("KT. CHỦ TỊCH".to_string()),
            Just("Nguyễn Văn A".to_string()),
            Just("Phụ lục".to_string()),
            Just("Thời gian: từ 08 giờ 00 phút đến 11 giờ 30 phút, thứ Ba, ngày 16 tháng 7 năm 2019.".to_string()),
            text.prop_map(|s| format!("I. {s}")),
            text.prop_map(|s| format!("1. {s}")),
            text.prop_map(|s| format!("a) {s}")),
            text.prop_map(|s| format!("- {s}: 12,5 tỷ đồng, chiếm 3%")),
            text.prop_map(|s| format!("+ {s}")),
            text.prop_map(|s| format!("Điều 2. {s}")),
            text.prop_map(|s| format!("Chương {s}")),
            text.prop_map(|s| format!("{s} 61/207 xã, chiếm 29,5%")),
            text,
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn any_text_imports_without_panic_and_what_imports_builds(
            start in prop_oneof![
                Just(""), Just("KẾ HOẠCH"), Just("QUYẾT ĐỊNH"), Just("GIẤY MỜI"), Just("BIÊN BẢN"),
                Just("GIẤY GIỚI THIỆU"), Just("GIẤY NGHỈ PHÉP"), Just("CÔNG ĐIỆN"), Just("TỜ TRÌNH"),
                Just("Số: 12/GM-UBND"), Just("Kính gửi: Sở Nội vụ."),
            ],
            lines in proptest::collection::vec(line(), 1..30),
            markdown in any::<bool>(),
        ) {
            let dir = tempdir();
            let file = dir.join(if markdown { "x.md" } else { "x.txt" });
            std::fs::write(&file, format!("{start}\n{}", lines.join("\n"))).unwrap();
            if let Ok(imported) = vanban::import::import(&file) {
                let yaml = dir.join("x.yaml");
                std::fs::write(&yaml, &imported.yaml).unwrap();
                let built = try_build(&yaml);
                prop_assert!(built.is_ok(), "{}\n--- YAML ---\n{}", built.err().unwrap(), imported.yaml);
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

mod shuffled_word {
    use super::*;
    use proptest::prelude::*;
    use std::io::{Read, Write};

    /// The parts of a Word file: its zip entries, and the body of `word/document.xml` cut into
    /// its top-level paragraphs and tables.
    struct Parts {
        entries: Vec<(String, Vec<u8>)>,
        head: String,
        blocks: Vec<String>,
        tail: String,
    }

    fn parts(path: &Path) -> Parts {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut entries = Vec::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            entries.push((f.name().to_string(), bytes));
        }
        let xml = String::from_utf8(
            entries
                .iter()
                .find(|(n, _)| n == "word/document.xml")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        let start = xml.find("<w:body>").unwrap() + "<w:body>".len();
        let end = xml
            .rfind("<w:sectPr")
            .unwrap_or_else(|| xml.rfind("</w:body>").unwrap());
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let body = doc
            .descendants()
            .find(|n| n.tag_name().name() == "body")
            .unwrap();
        let blocks = body
            .children()
            .filter(|n| matches!(n.tag_name().name(), "p" | "tbl"))
            .map(|n| xml[n.range()].to_string())
            .collect();
        Parts {
            head: xml[..start].to_string(),
            tail: xml[end..].to_string(),
            entries,
            blocks,
        }
    }

    fn zipped(p: &Parts, body: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        for (name, bytes) in &p.entries {
            z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            if name == "word/document.xml" {
                z.write_all(format!("{}{body}{}", p.head, p.tail).as_bytes())
                    .unwrap();
            } else {
                z.write_all(bytes).unwrap();
            }
        }
        z.finish().unwrap();
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

        /// Real Word files with their paragraphs and tables dropped, repeated and reordered:
        /// the importer never panics, and what it imports builds.
        #[test]
        fn a_real_word_file_shuffled_imports_without_panic_and_builds(
            file in 0usize..7,
            picks in proptest::collection::vec(any::<prop::sample::Index>(), 1..60),
        ) {
            let files = real_docx();
            let p = parts(&files[file % files.len()]);
            // The header (the first blocks) stays first, so that most copies are documents.
            let keep = p.blocks.len().min(4);
            let body: String = p.blocks[..keep]
                .iter()
                .map(String::as_str)
                .chain(picks.iter().map(|i| p.blocks[i.index(p.blocks.len())].as_str()))
                .collect();
            let bytes = zipped(&p, &body);
            if let Ok(imported) = vanban::import::import_bytes(Path::new("x.docx"), &bytes) {
                let dir = tempdir();
                let yaml = dir.join("x.yaml");
                std::fs::write(&yaml, &imported.yaml).unwrap();
                let built = try_build(&yaml);
                prop_assert!(built.is_ok(), "{}\n--- YAML ---\n{}", built.err().unwrap(), imported.yaml);
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }
}

/// The real Word 97–2003 files of agencies in `tests/fixtures/nhap/other` (SOURCES.md there):
/// converted through LibreOffice, imported, built; the rebuilt words match LibreOffice's text
/// of the original ≥ 0.97 and none is invented. The legal documents there are refused (their
/// own tests).
#[test]
fn real_doc_files_import_and_build() {
    if !common::soffice_or_skip() {
        return;
    }
    const REFUSED: [&str; 2] = [
        "phu-luc-ii-nghi-dinh-30-viet-hoa-2020.doc",
        "quyet-dinh-qppl-ubnd-thai-nguyen-07-2025.doc",
    ];
    let dir = tempdir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/nhap/other"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "doc"))
        .filter(|p| !REFUSED.iter().any(|r| p.ends_with(r)))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "the real .doc files: {files:?}");
    // LibreOffice's .docx of every original, in one run (it takes seconds to start): its
    // text and its footnotes, read as the .docx fixtures' are.
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.display()
        ))
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(dir.join("docx"))
        .args(&files)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let problems: Vec<String> = files
        .iter()
        .flat_map(|file| {
            let converted = dir
                .join("docx")
                .join(file.with_extension("docx").file_name().unwrap());
            real_file_problems(file, &converted, &dir)
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A quyết định downloaded from a legal portal, numbered `07/2025/QĐ-UBND`: a legal normative
/// document (the year in its number), refused with that reason at its Số line.
#[test]
fn a_document_numbered_with_its_year_is_refused_as_legal() {
    let file =
        root().join("tests/fixtures/nhap/other/quyet-dinh-qppl-ubnd-thai-nguyen-07-2025.doc");
    if !common::soffice_or_skip() {
        return;
    }
    let Err(e) = vanban::import::import(&file) else {
        panic!("a legal document was imported");
    };
    let text = e.to_string();
    assert!(
        text.contains("số/năm/ký hiệu") && text.contains("quy phạm pháp luật"),
        "{text}"
    );
}

/// A real Quyết định whose annex follows the signer, headed `DANH SÁCH …` with its
/// `(Kèm theo Quyết định số …)` line and a table: the annex is a `phu_luc` with the table, and
/// the signer keeps its own title.
#[test]
fn a_real_annex_after_the_signer_becomes_a_phu_luc_with_its_table() {
    let file =
        root().join("tests/fixtures/nhap/docx/quyet-dinh-ubnd-lam-dong-hoi-dong-ma-tuy-2025.docx");
    let imported = vanban::import::import(&file).unwrap_or_else(|d| panic!("{d}"));
    let y = &imported.yaml;
    assert!(y.contains("chuc_vu: \"CHỦ TỊCH\"\n"), "{y}");
    assert!(
        y.contains("phu_luc:\n  - tieu_de: \"DANH SÁCH Hội đồng cấp tỉnh"),
        "{y}"
    );
    assert!(y.contains("- [\"15\", \"Hoàng Văn Thanh\""), "{y}");
    assert!(!y.contains("sau chữ ký"), "{y}");
}
