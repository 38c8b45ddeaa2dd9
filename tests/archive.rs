//! Archive-grade PDF: every sample is PDF/A-2b by default (its XMP says so, with the
//! document's title, language and date), qpdf finds no structural error, every font is
//! embedded; `--pdf-standard` and `trinh_bay.chuan_pdf` choose another standard.

mod common;

use std::process::Command;

use common::{build, root, samples, tempdir, vanban};

/// The XMP packet of a PDF (Typst writes it uncompressed, as PDF/A readers expect).
fn xmp(pdf: &[u8]) -> String {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("<x:xmpmeta").expect("an XMP packet");
    let end = text[start..]
        .find("</x:xmpmeta>")
        .expect("the end of the XMP packet");
    text[start..start + end].to_string()
}

fn tool(name: &str, args: &[&str], file: &std::path::Path) -> std::process::Output {
    Command::new(name)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|_| {
            panic!(
                "{name} must be installed (Debian's qpdf and poppler-utils; .ci/run installs them)"
            )
        })
}

/// qpdf finds no structural error in the PDF at `file`, and it has fonts, every one embedded.
fn assert_sound_with_fonts_embedded(file: &std::path::Path, name: &str) {
    let check = tool("qpdf", &["--check"], file);
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success() && report.contains("No syntax or stream encoding errors"),
        "{name}: qpdf --check\n{report}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let fonts = String::from_utf8_lossy(&tool("pdffonts", &[], file).stdout).to_string();
    let fonts: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!fonts.is_empty(), "{name}: no fonts");
    for line in fonts {
        // Columns: name type encoding emb sub uni object ID.
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(
            cols.len() >= 7 && cols[cols.len() - 5] == "yes",
            "{name}: font not embedded: {line}"
        );
    }
}

#[test]
fn every_sample_is_pdf_a_2b_and_structurally_sound() {
    let dir = tempdir();
    for path in samples() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let built = build(&path);
        let meta = xmp(&built.pdf);
        assert!(
            meta.contains("<pdfaid:part>2</pdfaid:part>"),
            "{name}: pdfaid:part"
        );
        assert!(
            meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
            "{name}: conformance"
        );
        assert!(meta.contains("<rdf:li>vi"), "{name}: language\n{meta}");
        let title = built
            .ctx
            .meta
            .title
            .replace('&', "&amp;")
            .replace('<', "&lt;");
        assert!(meta.contains(&title), "{name}: title {title:?}\n{meta}");
        let date = format!(
            "{:04}-{:02}-{:02}",
            built.ctx.meta.year, built.ctx.meta.month, built.ctx.meta.day
        );
        assert!(
            meta.contains(&format!("<xmp:CreateDate>{date}")),
            "{name}: date {date}"
        );
        // PDF/A needs an output intent (Typst embeds sRGB).
        assert!(
            String::from_utf8_lossy(&built.pdf).contains("/S/GTS_PDFA1"),
            "{name}: output intent"
        );

        let file = dir.join(&name).with_extension("pdf");
        std::fs::write(&file, &built.pdf).unwrap();
        assert_sound_with_fonts_embedded(&file, &name);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_standard_is_chosen_per_run_and_per_document() {
    let work = tempdir();
    let data = work.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/toi-thieu.yaml")).unwrap();
    std::fs::write(data.join("a.yaml"), &base).unwrap();
    // One document asks for plain PDF 1.7 itself.
    let own = base.replace("dia_danh:", "trinh_bay: { chuan_pdf: \"1.7\" }\ndia_danh:");
    assert_ne!(own, base);
    std::fs::write(data.join("b.yaml"), own).unwrap();
    let part = |f: &str| {
        let pdf = std::fs::read(work.join("out").join(f)).unwrap();
        let text = String::from_utf8_lossy(&pdf).to_string();
        text.find("<pdfaid:part>")
            .map(|i| text[i + 13..i + 14].to_string())
            .unwrap_or_default()
    };
    let out = vanban(&["build", "data", "--out", "out"], &work);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!((part("a.pdf"), part("b.pdf")), ("2".into(), String::new()));
    // Another standard for the run rebuilds every document; the document's own choice stays.
    let out = vanban(
        &["build", "data", "--out", "out", "--pdf-standard", "a-2u"],
        &work,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&std::fs::read(work.join("out/a.pdf")).unwrap()).to_string();
    assert!(text.contains("<pdfaid:conformance>U</pdfaid:conformance>"));
    assert_eq!(part("b.pdf"), "");
    // A name that is not a standard is refused with the choices.
    let out = vanban(&["build", "data", "--pdf-standard", "a-9"], &work);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("a-2b, a-2u, a-2a"));
    let _ = std::fs::remove_dir_all(&work);
}

/// The pages of `pdf`, as pdfinfo counts them.
fn page_count(dir: &std::path::Path, pdf: &[u8]) -> usize {
    let file = dir.join("count.pdf");
    std::fs::write(&file, pdf).unwrap();
    let info = String::from_utf8_lossy(&tool("pdfinfo", &[], &file).stdout).to_string();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count:\n{info}"))
}

/// The merged PDF of a large family is written part by part (`render::merge`): three
/// different documents merged so must read as the three one after another, page for page,
/// be sound for qpdf with every font embedded, keep the archive metadata of the first with
/// the whole page count, and keep their tags under one Document, a Part each.
#[test]
fn parts_merged_one_after_another_keep_every_page_font_and_tag() {
    let dir = tempdir();
    let parts: Vec<Vec<u8>> = [
        "lang-son/ke-hoach-ntm-2019.yaml",
        "lang-son/giay-moi-so-ket-ntm-2019.yaml",
        "lang-son/quyet-dinh-quy-che-bcd-2019.yaml",
    ]
    .iter()
    .map(|p| build(&root().join("data").join(p)).pdf)
    .collect();
    let mut merger = vanban::render::merge::Merger::new(Vec::new());
    for p in &parts {
        merger.add(p).unwrap();
    }
    let merged = merger.finish().unwrap();

    let pages: Vec<usize> = parts.iter().map(|p| page_count(&dir, p)).collect();
    let total: usize = pages.iter().sum();
    assert!(pages.iter().all(|&n| n >= 1) && total > 3, "{pages:?}");
    assert_eq!(page_count(&dir, &merged), total);
    // Page for page the same text: pdftotext ends every page with a form feed.
    let text: String = parts.iter().map(|p| common::pdftotext_lines(p)).collect();
    assert_eq!(common::pdftotext_lines(&merged), text);

    let file = dir.join("merged.pdf");
    std::fs::write(&file, &merged).unwrap();
    assert_sound_with_fonts_embedded(&file, "merged");
    let meta = xmp(&merged);
    assert_eq!(meta, {
        let first = xmp(&parts[0]);
        let n = |m: &str| {
            m.split("<xmpTPg:NPages>")
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string()
        };
        first.replace(
            &format!("<xmpTPg:NPages>{}<", n(&first)),
            &format!("<xmpTPg:NPages>{total}<"),
        )
    });
    assert!(meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    let tags = String::from_utf8_lossy(&tool("pdfinfo", &["-struct"], &file).stdout).to_string();
    let top: Vec<&str> = tags
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
        .collect();
    assert_eq!(top, ["Document"], "{tags}");
    let parts_tagged = tags.lines().filter(|l| *l == "  Part").count();
    assert_eq!(parts_tagged, 3, "{tags}");
    let _ = std::fs::remove_dir_all(&dir);
}
