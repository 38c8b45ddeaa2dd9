//! A data folder written on Windows builds as the same documents: Notepad's CRLF line ends and
//! byte-order mark, Excel's BOM in a CSV, and `\` in the paths a document refers to. Run on
//! every machine; `tests/windows.rs` runs the same checks with vanban.exe under Wine.

mod common;

use common::{check_messages, differing, files, outputs, root, tempdir, vanban, windows_copy};

#[test]
fn crlf_bom_and_backslashes_build_the_same_bytes() {
    let dir = tempdir();
    windows_copy(&dir.join("data"));
    let copied = std::fs::read_to_string(dir.join("data/lang-son/bao-cao-ntm-2019.yaml")).unwrap();
    assert!(copied.starts_with('\u{feff}') && copied.contains("\r\n"));
    assert!(copied.contains("_chung\\tinh-lang-son.yaml"));

    let plain = vanban(
        &[
            "build",
            "data",
            "-f",
            "pdf,docx",
            "--out",
            &dir.join("lf").to_string_lossy(),
        ],
        &root(),
    );
    assert!(
        plain.status.success(),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    let windows = vanban(&["build", "data", "-f", "pdf,docx", "--out", "crlf"], &dir);
    assert!(
        windows.status.success(),
        "{}",
        String::from_utf8_lossy(&windows.stderr)
    );
    let (a, b) = (outputs(&dir.join("lf")), outputs(&dir.join("crlf")));
    assert!(a.len() > 20, "too few outputs: {:?}", a.keys());
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same documents, a family's copies included"
    );
    // The .docx carries the YAML as read (CRLF and BOM included, for `vanban nhap` to write
    // the clerk's edits back into that very text): only that part differs.
    let differ = differing(&a, &b, false);
    assert!(
        differ.is_empty(),
        "{differ:?} differ when their data is saved by Windows"
    );
    for (rel, bytes) in a.iter().filter(|(rel, _)| rel.ends_with(".docx")) {
        let lf = vanban::render::docx::source::find(bytes).unwrap();
        let crlf = vanban::render::docx::source::find(&b[rel]).unwrap();
        assert!(
            !lf.text.contains('\r') && crlf.text.contains("\r\n"),
            "{rel}"
        );
        assert!(crlf.text.starts_with('\u{feff}'), "{rel}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// An error in a file saved with CRLF and a BOM is reported at the same line and column, with
/// the same words, as in the LF file.
#[test]
fn crlf_bom_errors_keep_their_place() {
    let invalid = root().join("tests/fixtures/invalid");
    let dir = tempdir();
    for (rel, path) in files(&invalid) {
        if !rel.ends_with(".yaml") || rel.contains('/') {
            continue;
        }
        let bytes = std::fs::read(path).unwrap();
        // Files that test encodings or bytes themselves stay as they are.
        let converted = match String::from_utf8(bytes.clone()) {
            Ok(t) if !t.contains('\r') && !t.starts_with('\u{feff}') => {
                format!("\u{feff}{}", t.replace('\n', "\r\n")).into_bytes()
            }
            _ => bytes,
        };
        std::fs::write(dir.join(&rel), converted).unwrap();
    }
    let lf = check_messages(&invalid, |f| vanban(&["check", f], &invalid));
    let crlf = check_messages(&dir, |f| vanban(&["check", f], &dir));
    assert!(lf.len() > 40, "{} cases", lf.len());
    for (a, b) in lf.iter().zip(&crlf) {
        assert_eq!(a, b, "CRLF + BOM changes the message");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// vanban.exe started from Explorer makes its `data` folder from the embedded samples: they are
/// the samples of the repository, byte for byte, and nothing there is overwritten.
#[test]
fn embedded_samples_are_the_data_folder() {
    let dir = tempdir();
    let n = vanban::samples::write_samples(&dir).unwrap();
    let (ours, theirs) = (files(&root().join("data")), files(&dir));
    assert_eq!(n, ours.len());
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );
    for (rel, p) in &ours {
        assert_eq!(
            std::fs::read(p).unwrap(),
            std::fs::read(&theirs[rel]).unwrap(),
            "{rel}"
        );
    }
    let mine = dir.join("lang-son/ke-hoach-ntm-2019.yaml");
    std::fs::write(&mine, "# của tôi\n").unwrap();
    assert_eq!(vanban::samples::write_samples(&dir).unwrap(), 0);
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "# của tôi\n");
    let _ = std::fs::remove_dir_all(&dir);
}
