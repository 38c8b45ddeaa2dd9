//! Batches: incremental rebuilds driven by the manifest, shared files, parallel workers, one
//! failure not stopping the others, no half-written PDF, identical bytes, watch mode.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{pdf_text, root, tempdir, vanban};

const REGISTRY: &str = "co_quan:\n  SNV: { ten: Sở Nội vụ, viet_tat: SNV }\n  SYT: { ten: Sở Y tế }\nso_lieu:\n  hang_so: { so_xa: 207 }\n";

fn doc(kind: &str, include: bool, body: &str) -> String {
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/toi-thieu.yaml")).unwrap();
    let mut s = base.replace("loai: thong_bao", &format!("loai: {kind}"));
    if include {
        s.push_str("bao_gom: [_chung/co-quan.yaml]\n");
    }
    s.replace(
        "  - doan: Ngày 03/02/2020, Giám đốc Sở chủ trì cuộc họp giao ban.",
        &format!("  - doan: \"{body}\""),
    )
}

/// A folder of documents: a and b cite the registry, c does not, d is a công văn.
fn project() -> PathBuf {
    let work = tempdir();
    let data = work.join("data");
    std::fs::create_dir_all(data.join("_chung")).unwrap();
    std::fs::write(data.join("_chung/co-quan.yaml"), REGISTRY).unwrap();
    std::fs::write(
        data.join("a.yaml"),
        doc("thong_bao", true, "Giao {{cq.SNV}} chủ trì, {{so_xa}} xã."),
    )
    .unwrap();
    std::fs::write(
        data.join("b.yaml"),
        doc(
            "ke_hoach",
            true,
            "Giao {{cq.SYT}} phối hợp với {{cq.SNV.viet_tat}}.",
        ),
    )
    .unwrap();
    std::fs::write(
        data.join("c.yaml"),
        doc("thong_bao", false, "Không dùng danh mục."),
    )
    .unwrap();
    std::fs::write(
        data.join("d.yaml"),
        doc("cong_van", false, "Công văn.").replace(
            "so: 5\n",
            "so: 5\ndon_vi_soan_thao: VP\nkinh_gui: [Các sở]\n",
        ),
    )
    .unwrap();
    work
}

/// Replaces text in a file, as a clerk saving an edit would.
fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        file.display()
    );
    std::fs::write(file, text.replace(from, to)).unwrap();
}

/// The documents a build wrote, from its "input → output" lines.
fn built(out: &std::process::Output) -> Vec<String> {
    let mut v: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.ends_with(".pdf"))
        .map(|l| {
            l.split(" → ")
                .next()
                .unwrap()
                .trim_start_matches("data/")
                .to_string()
        })
        .collect();
    v.sort();
    v
}

fn build(work: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "data", "--out", "out"];
    args.extend_from_slice(extra);
    let out = vanban(&args, work);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn only_what_changed_is_rebuilt() {
    let work = project();
    assert_eq!(
        built(&build(&work, &[])),
        ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]
    );
    // Nothing changed: nothing is rebuilt.
    let again = build(&work, &[]);
    assert!(built(&again).is_empty());
    assert!(String::from_utf8_lossy(&again.stderr).contains("đã dựng 0 văn bản, 4 không đổi"));
    // A skipped document's warnings are not hidden: the summary says they exist.
    let b = work.join("data/b.yaml");
    edit(&b, "quyen_han: [KT. GIÁM ĐỐC]", "quyen_han: [GIÁM ĐỐC SỞ]");
    let warned = build(&work, &[]);
    assert!(String::from_utf8_lossy(&warned.stderr).contains("1 cảnh báo"));
    let quiet = build(&work, &[]);
    assert!(built(&quiet).is_empty());
    assert!(
        String::from_utf8_lossy(&quiet.stderr).contains("các văn bản không đổi có 1 cảnh báo"),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    edit(&b, "quyen_han: [GIÁM ĐỐC SỞ]", "quyen_han: [KT. GIÁM ĐỐC]");
    build(&work, &[]);
    // Renaming an agency in the registry rebuilds exactly the documents that include it,
    // and the new name is in their PDFs.
    let registry = work.join("data/_chung/co-quan.yaml");
    std::fs::write(
        &registry,
        REGISTRY.replace("ten: Sở Nội vụ", "ten: Sở Nội vụ và Dân tộc"),
    )
    .unwrap();
    assert_eq!(built(&build(&work, &[])), ["a.yaml", "b.yaml"]);
    let text = pdf_text(&std::fs::read(work.join("out/a.pdf")).unwrap());
    assert!(
        text.contains("Giao Sở Nội vụ và Dân tộc chủ trì, 207 xã."),
        "{text}"
    );
    // Editing one document rebuilds that document.
    let c = work.join("data/c.yaml");
    edit(&c, "Không dùng", "Vẫn không dùng");
    assert_eq!(built(&build(&work, &[])), ["c.yaml"]);
    // A template change rebuilds every document that uses it: the công văn template only
    // the công văn; the style module everything.
    std::fs::create_dir_all(work.join("templates")).unwrap();
    let cv = std::fs::read_to_string(root().join("templates/mau_1_5.typ.tera")).unwrap();
    std::fs::write(work.join("templates/mau_1_5.typ.tera"), format!("{cv}\n")).unwrap();
    assert_eq!(built(&build(&work, &[])), ["d.yaml"]);
    let style = std::fs::read_to_string(root().join("templates/vanban.typ")).unwrap();
    std::fs::write(work.join("templates/vanban.typ"), format!("{style}\n")).unwrap();
    assert_eq!(
        built(&build(&work, &[])),
        ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]
    );
    // --force rebuilds all; a deleted output is rebuilt.
    assert_eq!(built(&build(&work, &["--force"])).len(), 4);
    std::fs::remove_file(work.join("out/b.pdf")).unwrap();
    assert_eq!(built(&build(&work, &[])), ["b.yaml"]);
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn one_broken_document_does_not_stop_the_others() {
    let work = project();
    for i in 0..8 {
        std::fs::write(
            work.join(format!("data/n{i}.yaml")),
            doc("thong_bao", true, &format!("Văn bản số {i}.")),
        )
        .unwrap();
    }
    std::fs::write(
        work.join("data/x-hong.yaml"),
        doc("thong_bao", true, "Sai {{cq.KHONG_CO}}."),
    )
    .unwrap();
    let out = vanban(&["build", "data", "--out", "out", "--jobs", "2"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(built(&out).len(), 12);
    assert!(
        stderr.contains("đã dựng 12 văn bản, 0 không đổi, 1 lỗi"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  ✗ data/x-hong.yaml (data/x-hong.yaml:12:16)"),
        "{stderr}"
    );
    assert!(!work.join("out/x-hong.pdf").exists());
    // The failure is remembered: the broken document is retried, the others are not.
    let out = vanban(&["build", "data", "--out", "out"], &work);
    assert!(String::from_utf8_lossy(&out.stderr).contains("đã dựng 0 văn bản, 12 không đổi, 1 lỗi"));
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn include_cycles_and_missing_files_are_located() {
    let work = project();
    std::fs::write(
        work.join("data/_chung/co-quan.yaml"),
        format!("{REGISTRY}bao_gom: [khac.yaml]\n"),
    )
    .unwrap();
    std::fs::write(
        work.join("data/_chung/khac.yaml"),
        "bao_gom: [co-quan.yaml]\n",
    )
    .unwrap();
    let out = vanban(&["check", "data/a.yaml"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("khac.yaml:1:11: lỗi: bao gồm vòng tròn: `co-quan.yaml`"),
        "{stderr}"
    );
    std::fs::write(
        work.join("data/_chung/co-quan.yaml"),
        format!("{REGISTRY}bao_gom: [khong-co.yaml]\n"),
    )
    .unwrap();
    let out = vanban(&["check", "data/a.yaml"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("co-quan.yaml:6:11: lỗi: không đọc được tệp bao gồm `khong-co.yaml`"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn same_inputs_give_identical_bytes_across_runs_and_job_counts() {
    let work = project();
    build(&work, &["--jobs", "1"]);
    let first: Vec<Vec<u8>> = ["a", "b", "c", "d"]
        .iter()
        .map(|n| std::fs::read(work.join(format!("out/{n}.pdf"))).unwrap())
        .collect();
    build(&work, &["--force", "--jobs", "2"]);
    for (n, bytes) in ["a", "b", "c", "d"].iter().zip(first) {
        assert_eq!(
            std::fs::read(work.join(format!("out/{n}.pdf"))).unwrap(),
            bytes,
            "{n}.pdf differs"
        );
    }
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn killing_a_batch_leaves_no_truncated_pdf() {
    let work = project();
    for i in 0..40 {
        std::fs::write(
            work.join(format!("data/n{i:02}.yaml")),
            doc("ke_hoach", i % 2 == 0, &format!("Văn bản số {i}.")),
        )
        .unwrap();
    }
    for delay in [150u64, 400, 900] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["build", "data", "--out", "out", "--force"])
            .current_dir(&work)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        for entry in walkdir::WalkDir::new(work.join("out"))
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.path().extension().is_some_and(|e| e == "pdf") {
                let info = Command::new("pdfinfo").arg(entry.path()).output().unwrap();
                assert!(
                    info.status.success(),
                    "{} does not parse after a kill",
                    entry.path().display()
                );
            }
        }
    }
    // The next run cleans up what the killed one left and completes.
    build(&work, &[]);
    let leftovers = walkdir::WalkDir::new(work.join("out"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".vanban-tmp"))
        .count();
    assert_eq!(leftovers, 0);
    let _ = std::fs::remove_dir_all(work);
}

#[test]
fn watch_rebuilds_a_saved_document() {
    let work = project();
    // Without the machine's locale: the log is read for its Vietnamese summary lines.
    let mut child = common::vanban_command(&work)
        .args(["watch", "data", "--out", "out"])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(work.join("watch.log")).unwrap())
        .spawn()
        .unwrap();
    let pdf = work.join("out/c.pdf");
    let wait_for = |what: &dyn Fn() -> bool| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            if what() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    };
    assert!(wait_for(&|| pdf.exists()), "watch did not build at start");
    std::thread::sleep(Duration::from_millis(500));
    let c = work.join("data/c.yaml");
    edit(&c, "Không dùng danh mục.", "Đã sửa khi đang theo dõi.");
    let changed = wait_for(&|| {
        std::fs::read(&pdf)
            .map(|b| pdf_text(&b).contains("Đã sửa khi đang theo dõi."))
            .unwrap_or(false)
    });
    // Then it rests: reading the inputs must not wake it again (inotify reports reads).
    std::thread::sleep(Duration::from_millis(2000));
    let _ = child.kill();
    let _ = child.wait();
    assert!(changed, "watch did not rebuild the saved document");
    let log = std::fs::read_to_string(work.join("watch.log")).unwrap();
    let passes = log.lines().filter(|l| l.starts_with("đã dựng")).count();
    assert!(
        (2..=3).contains(&passes),
        "{passes} passes for one edit:\n{log}"
    );
    let _ = std::fs::remove_dir_all(work);
}
