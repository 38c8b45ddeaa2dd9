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
    for kind in vanban::model::KINDS.iter().map(|k| k.1) {
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

/// Every key used by the samples and the valid fixtures is known to the JSON Schema at its
/// place, so an editor using the schema accepts them; and the schema refuses unknown keys.
#[test]
fn the_json_schema_knows_every_key_the_samples_use() {
    let out = vanban(&["schema"], &root());
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema["properties"]["trich_yeu"]["description"]
        .as_str()
        .unwrap()
        .contains("Trích yếu"));
    let defs = &schema["$defs"];

    fn resolve<'a>(s: &'a serde_json::Value, defs: &'a serde_json::Value) -> &'a serde_json::Value {
        match s.get("$ref").and_then(|r| r.as_str()) {
            Some(r) => resolve(&defs[r.trim_start_matches("#/$defs/")], defs),
            None => s,
        }
    }
    /// Object schemas a value may match (through anyOf/oneOf, arrays and maps).
    fn check(v: &serde_json::Value, s: &serde_json::Value, defs: &serde_json::Value, path: &str) {
        let s = resolve(s, defs);
        for alt in ["anyOf", "oneOf"] {
            if let Some(alts) = s.get(alt).and_then(|a| a.as_array()) {
                // Good enough for these data: try the alternative that is an object for a map.
                for a in alts {
                    let a = resolve(a, defs);
                    let fits = match v {
                        serde_json::Value::Object(_) => {
                            a.get("type") == Some(&"object".into()) || a.get("properties").is_some()
                        }
                        serde_json::Value::Array(_) => a.get("type") == Some(&"array".into()),
                        _ => true,
                    };
                    if fits {
                        return check(v, a, defs, path);
                    }
                }
                return;
            }
        }
        match v {
            serde_json::Value::Object(map) => {
                let props = s.get("properties");
                for (k, child) in map {
                    let sub = props
                        .and_then(|p| p.get(k))
                        .or_else(|| s.get("additionalProperties").filter(|a| a.is_object()));
                    match sub {
                        Some(sub) => check(child, sub, defs, &format!("{path}.{k}")),
                        None => panic!("the schema does not know `{path}.{k}`"),
                    }
                }
            }
            serde_json::Value::Array(items) => {
                if let Some(item) = s.get("items") {
                    for (i, x) in items.iter().enumerate() {
                        check(x, item, defs, &format!("{path}[{i}]"));
                    }
                }
            }
            _ => {}
        }
    }
    let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root().join("data"))
        .into_iter()
        .chain(walkdir::WalkDir::new(root().join("tests/fixtures/valid")))
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| {
            !p.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('_'))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 6);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let v: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        check(&v, &schema, defs, &f.file_name().unwrap().to_string_lossy());
    }
}

#[test]
fn a_missing_template_file_is_named_in_vietnamese_with_its_place() {
    // A Typst module that imports a file the template set does not have.
    let work = workdir_with_doc();
    let builtin = std::fs::read_to_string(root().join("templates/vanban.typ")).unwrap();
    let line = builtin.lines().count() + 2;
    std::fs::write(
        work.join("templates/vanban.typ"),
        format!("{builtin}\n#import \"khong-co.typ\": *\n"),
    )
    .unwrap();
    let out = vanban(&["check"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("templates/vanban.typ:{line}:"))
            && stderr.contains("không tìm thấy tệp `khong-co.typ` mà mẫu cần đọc")
            && stderr.contains("(Typst: file not found"),
        "{stderr}"
    );
    // A Tera template that includes one that does not exist.
    std::fs::remove_file(work.join("templates/vanban.typ")).unwrap();
    std::fs::write(
        work.join("templates/thong_bao.typ.tera"),
        "{% include \"khong-co.typ.tera\" %}\n",
    )
    .unwrap();
    let out = vanban(&["check"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("templates/thong_bao.typ.tera:1:13: lỗi: không có mẫu `khong-co.typ.tera` mà mẫu này gọi đến"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(work);
}

/// The Word file follows vanban's built-in layout: a user's layout template changes only the
/// PDF, and a build of both says so instead of leaving two outputs that disagree unnoticed.
#[test]
fn a_docx_built_with_a_users_layout_warns_that_word_keeps_the_builtin_layout() {
    let work = workdir_with_doc();
    let builtin = std::fs::read_to_string(root().join("templates/vanban.typ")).unwrap();
    // A copy left as it is changes nothing: no warning (this repository's `templates/`).
    std::fs::write(work.join("templates/vanban.typ"), &builtin).unwrap();
    let out = vanban(
        &["build", "--format", "pdf,docx", "--out", "out-copy"],
        &work,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("tệp Word theo bố cục"), "{stderr}");
    // A layout of the office's own: the PDF follows it, the Word file does not, and says so.
    let edited = builtin.replace(
        "#let single(s) =",
        "// khoảng cách của văn phòng\n#let single(s) =",
    );
    assert_ne!(edited, builtin);
    std::fs::write(work.join("templates/vanban.typ"), edited).unwrap();
    let out = vanban(&["build", "--format", "pdf,docx"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("tệp Word theo bố cục có sẵn của vanban") && stderr.contains("vanban.typ"),
        "{stderr}"
    );
    // A PDF alone follows the user's layout: nothing to warn about.
    let out = vanban(&["build", "--format", "pdf", "--out", "out-pdf"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("tệp Word theo bố cục"), "{stderr}");
}
