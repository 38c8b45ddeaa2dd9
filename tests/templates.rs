//! Templates: a user's `templates/` folder overrides the built-ins by name, and a template
//! cannot read anything outside the template set.

mod common;

use common::{pdf_text, root, tempdir, vanban};

fn workdir_with_doc() -> std::path::PathBuf {
    let work = tempdir();
    std::fs::create_dir_all(work.join("data")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/valid/toi-thieu.yaml"),
        work.join("data/tb.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(work.join("templates")).unwrap();
    work
}

#[test]
fn a_users_template_overrides_the_builtin_of_the_same_name() {
    let work = workdir_with_doc();
    let builtin = std::fs::read_to_string(root().join("templates/mau_1_4.typ.tera")).unwrap();
    let edited = builtin.replace(
        "{{ m::blocks(items=ctx.body) }}",
        "Bản sửa của văn phòng.\n\n{{ m::blocks(items=ctx.body) }}",
    );
    assert_ne!(edited, builtin);
    std::fs::write(work.join("templates/mau_1_4.typ.tera"), edited).unwrap();
    let out = vanban(&["build"], &work);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = pdf_text(&std::fs::read(work.join("out/tb.pdf")).unwrap());
    assert!(
        text.contains("Bản sửa của văn phòng. Ngày 03/02/2020"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn a_template_cannot_read_files_outside_the_template_set() {
    let work = workdir_with_doc();
    std::fs::write(work.join("secret.txt"), "bí mật").unwrap();
    let builtin = std::fs::read_to_string(root().join("templates/vanban.typ")).unwrap();
    for (i, path) in ["/etc/passwd", "../secret.txt", "../../secret.txt"]
        .iter()
        .enumerate()
    {
        let evil = format!("{builtin}\n#let leak = read(\"{path}\")\n");
        std::fs::write(work.join("templates/vanban.typ"), evil).unwrap();
        let out = vanban(&["build", "--out", &format!("out{i}")], &work);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "reading {path} was allowed: {stderr}"
        );
        assert!(
            stderr.contains("templates/vanban.typ:"),
            "error does not name the template: {stderr}"
        );
        assert!(!work.join(format!("out{i}/tb.pdf")).exists());
    }
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn a_typst_error_names_the_template_line_and_column() {
    let work = workdir_with_doc();
    let builtin = std::fs::read_to_string(root().join("templates/vanban.typ")).unwrap();
    let line = builtin.lines().count() + 2;
    std::fs::write(
        work.join("templates/vanban.typ"),
        format!("{builtin}\n#let broken = (1 +)\n"),
    )
    .unwrap();
    let out = vanban(&["check"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains(&format!("templates/vanban.typ:{line}:")),
        "{stderr}"
    );
    assert!(
        stderr.contains("#let broken = (1 +)"),
        "no snippet: {stderr}"
    );
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn new_writes_a_starting_document_that_builds() {
    let work = tempdir();
    for kind in ["ke_hoach", "thong_bao", "cong_van"] {
        let out = vanban(&["new", kind], &work);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let file = format!("{kind}.yaml");
        let out = vanban(&["build", &file, "--out", "out"], &work);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !stderr.contains("cảnh báo:"),
            "{kind}: {stderr}"
        );
        assert!(work.join(format!("out/{kind}.pdf")).exists());
        // Never overwrites.
        assert_eq!(vanban(&["new", kind], &work).status.code(), Some(2));
    }
    let out = vanban(&["completions", "bash"], &work);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("vanban"));
    let out = vanban(&["--version"], &work);
    assert!(String::from_utf8_lossy(&out.stdout).contains("typst 0.15.1"));
    let _ = std::fs::remove_dir_all(work);
}
