//! Families (họ văn bản): one document issued for every row of a CSV or a workbook sheet,
//! filtered, numbered in sequence, rebuilt row by row; a bad cell located by its sheet and
//! cell, the good rows still built.

mod common;

use std::path::{Path, PathBuf};

use common::{pdf_text, root, tempdir, vanban};

/// A project with the sample family: the Quyết định công nhận and its table.
fn project() -> PathBuf {
    let work = tempdir();
    let data = work.join("data");
    std::fs::create_dir_all(data.join("_chung")).unwrap();
    for f in [
        "cong-nhan-xa-ntm-2019.yaml",
        "xa-ntm-2019.csv",
        "_chung/tinh-lang-son.yaml",
    ] {
        std::fs::copy(root().join("data/lang-son").join(f), data.join(f)).unwrap();
    }
    work
}

/// [`project`], its family asking for the merged PDF too (`gop: true`).
fn project_with_merged_file() -> PathBuf {
    let work = project();
    edit(
        &work.join("data/cong-nhan-xa-ntm-2019.yaml"),
        "  so: [so_tieu_chi]\n",
        "  so: [so_tieu_chi]\n  gop: true\n",
    );
    work
}

fn run(work: &Path, args: &[&str]) -> std::process::Output {
    let out = vanban(args, work);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The PDFs a build wrote, by file name.
fn written(out: &std::process::Output) -> Vec<String> {
    let mut v: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.ends_with(".pdf"))
        .map(|l| l.rsplit('/').next().unwrap().to_string())
        .collect();
    v.sort();
    v
}

/// The smallest Thông báo with one paragraph of prose (citing figures) and a `so_lieu`
/// section: the same document typed, or fed from a sheet.
fn with_figures(prose: &str, so_lieu: &str) -> String {
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/toi-thieu.yaml")).unwrap();
    let doc = base.replace(
        "  - doan: Ngày 03/02/2020, Giám đốc Sở chủ trì cuộc họp giao ban.",
        &format!("  - doan: \"{prose}\""),
    );
    assert_ne!(doc, base);
    format!("{doc}so_lieu:\n{so_lieu}")
}

/// Writes the same document typed (`typed.yaml`) and fed from a sheet (`sheet.yaml`, with
/// its table) into `dir`, builds both and returns their PDF texts.
fn typed_and_from_sheet(
    dir: &Path,
    typed: String,
    table: (&str, &str),
    sheet: String,
) -> (String, String) {
    std::fs::write(dir.join("typed.yaml"), typed).unwrap();
    std::fs::write(dir.join(table.0), table.1).unwrap();
    std::fs::write(dir.join("sheet.yaml"), sheet).unwrap();
    let text = |f: &str| pdf_text(&common::build(&dir.join(f)).pdf);
    (text("typed.yaml"), text("sheet.yaml"))
}

fn table(work: &Path) -> PathBuf {
    work.join("data/xa-ntm-2019.csv")
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from:?}");
    std::fs::write(file, text.replace(from, to)).unwrap();
}

#[test]
fn one_pdf_per_kept_row_numbered_in_sequence_and_rebuilt_row_by_row() {
    let work = project();
    let out = run(&work, &["build", "data", "--out", "out"]);
    // Yên Trạch and Mai Pha are not marked dat_chuan: filtered out.
    assert_eq!(
        written(&out),
        [
            "qd-cong-nhan-ntm-hoang-dong.pdf",
            "qd-cong-nhan-ntm-hong-phong.pdf",
            "qd-cong-nhan-ntm-tan-thanh.pdf"
        ]
    );
    let text = |name: &str| pdf_text(&std::fs::read(work.join("out").join(name)).unwrap());
    let tan_thanh = text("qd-cong-nhan-ntm-tan-thanh.pdf");
    for phrase in [
        "Số: 2805/QĐ-UBND",
        "Công nhận xã Tân Thành, huyện Hữu Lũng đạt chuẩn nông thôn mới năm 2019",
        "(đạt 19/19 tiêu chí)",
        "Chủ tịch Ủy ban nhân dân xã Tân Thành",
    ] {
        assert!(tan_thanh.contains(phrase), "{phrase:?} in\n{tan_thanh}");
    }
    assert!(text("qd-cong-nhan-ntm-hong-phong.pdf").contains("Số: 2806/QĐ-UBND"));

    // Nothing changed: nothing built.
    assert!(written(&run(&work, &["build", "data", "--out", "out"])).is_empty());
    // One row edited: that copy only.
    edit(
        &table(&work),
        "Hồng Phong,huyện Bình Gia",
        "Hồng Phong,huyện Bình Gia (cũ)",
    );
    assert_eq!(
        written(&run(&work, &["build", "data", "--out", "out"])),
        ["qd-cong-nhan-ntm-hong-phong.pdf"]
    );
    // A row added at the end: one new copy, numbered after the others.
    let mut csv = std::fs::read_to_string(table(&work)).unwrap();
    csv.push_str("dong-tan,Đồng Tân,huyện Hữu Lũng,19,x\n");
    std::fs::write(table(&work), &csv).unwrap();
    assert_eq!(
        written(&run(&work, &["build", "data", "--out", "out"])),
        ["qd-cong-nhan-ntm-dong-tan.pdf"]
    );
    assert!(text("qd-cong-nhan-ntm-dong-tan.pdf").contains("Số: 2807/QĐ-UBND"));
    // That row deleted again: its PDF is removed, nothing else is touched.
    std::fs::write(
        table(&work),
        csv.replace("dong-tan,Đồng Tân,huyện Hữu Lũng,19,x\n", ""),
    )
    .unwrap();
    let out = run(&work, &["build", "data", "--out", "out"]);
    assert!(written(&out).is_empty());
    assert!(!work.join("out/qd-cong-nhan-ntm-dong-tan.pdf").exists());
    assert!(String::from_utf8_lossy(&out.stderr).contains("qd-cong-nhan-ntm-dong-tan.pdf"));
    // A row that the filter no longer keeps loses its copy too.
    edit(
        &table(&work),
        "Hồng Phong,huyện Bình Gia (cũ),19,x",
        "Hồng Phong,huyện Bình Gia (cũ),19,",
    );
    run(&work, &["build", "data", "--out", "out"]);
    assert!(!work.join("out/qd-cong-nhan-ntm-hong-phong.pdf").exists());
    // Word copies too.
    let out = run(&work, &["build", "data", "--out", "out", "-f", "docx"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.ends_with(".docx"))
            .count(),
        2
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_bad_cell_is_located_and_only_its_row_is_not_built() {
    let work = project();
    edit(
        &table(&work),
        "Tân Thành,huyện Hữu Lũng,19,x",
        "Tân Thành,huyện Hữu Lũng,19 tiêu chí,x",
    );
    let out = vanban(&["check", "data"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("xa-ntm-2019.csv, dòng 3: lỗi: cột `so_tieu_chi` cần một số, gặp “19 tiêu chí” (hàng “tan-thanh”)"),
        "{stderr}"
    );
    let out = vanban(&["build", "data", "--out", "out"], &work);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        written(&out),
        [
            "qd-cong-nhan-ntm-hoang-dong.pdf",
            "qd-cong-nhan-ntm-hong-phong.pdf"
        ]
    );
    assert!(!work.join("out/qd-cong-nhan-ntm-tan-thanh.pdf").exists());
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_workbook_sheet_feeds_a_family_and_its_mistakes_are_named() {
    let work = project();
    std::fs::copy(
        root().join("tests/fixtures/family/xa.xlsx"),
        work.join("data/xa.xlsx"),
    )
    .unwrap();
    let doc = work.join("data/cong-nhan-xa-ntm-2019.yaml");
    edit(
        &doc,
        "  bang: xa-ntm-2019.csv\n",
        "  bang: xa.xlsx\n  trang: Danh sách xa\n",
    );
    // A sheet that is not there: named with the sheets that are.
    let out = vanban(&["check", "data"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cong-nhan-xa-ntm-2019.yaml:18:10: lỗi: bảng `xa.xlsx` không có trang tính `Danh sách xa`; có: Danh sách xã")
            && stderr.contains("có phải `Danh sách xã`?"),
        "{stderr}"
    );
    edit(&doc, "trang: Danh sách xa\n", "trang: Danh sách xã\n");
    // Row 3 holds "12 xã" where a number belongs; the empty row 4 is skipped.
    let out = vanban(&["build", "data", "--out", "out"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("xa.xlsx, 'Danh sách xã'!D3: lỗi: cột `so_tieu_chi` cần một số, gặp “12 xã” (hàng “yen-trach”)"),
        "{stderr}"
    );
    assert_eq!(
        written(&out),
        [
            "qd-cong-nhan-ntm-hoang-dong.pdf",
            "qd-cong-nhan-ntm-hong-phong.pdf"
        ]
    );
    // Numbers follow the table's rows: Hồng Phong is the third kept row.
    let pdf = std::fs::read(work.join("out/qd-cong-nhan-ntm-hong-phong.pdf")).unwrap();
    assert!(pdf_text(&pdf).contains("Số: 2806/QĐ-UBND"));
    // A column the YAML names that the sheet lacks: named, with the columns there are.
    edit(&doc, "so: [so_tieu_chi]", "so: [so_tieu_chii]");
    let out = vanban(&["check", "data"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "không có cột `so_tieu_chii`; có: ma_xa, ten_xa, huyen, so_tieu_chi, dat_chuan"
        ) && stderr.contains("có phải `so_tieu_chi`?"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_csv_saved_by_excel_on_a_vietnamese_windows_is_read() {
    // Windows-1258, `;` between fields, no byte order mark: Excel's plain "CSV" there.
    let work = project();
    let csv = std::fs::read_to_string(table(&work))
        .unwrap()
        .replace(',', ";");
    // Windows-1258 has the letters with circumflex, breve and horn, and the five tones as
    // combining marks: split each letter that way, as Windows does.
    use unicode_normalization::UnicodeNormalization;
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let split: String = csv
        .chars()
        .flat_map(|c| {
            let parts: Vec<char> = c.to_string().nfd().collect();
            let base: String = parts
                .iter()
                .filter(|p| !tones.contains(p))
                .collect::<String>()
                .nfc()
                .collect();
            let tone: String = parts.iter().filter(|p| tones.contains(p)).collect();
            (base + &tone).chars().collect::<Vec<_>>()
        })
        .collect();
    let (bytes, _, bad) = encoding_rs::WINDOWS_1258.encode(&split);
    assert!(!bad);
    assert!(
        String::from_utf8(bytes.to_vec()).is_err(),
        "the fixture must not be UTF-8"
    );
    std::fs::write(table(&work), &bytes).unwrap();
    let out = run(&work, &["build", "data", "--out", "out"]);
    assert_eq!(written(&out).len(), 3);
    let pdf = std::fs::read(work.join("out/qd-cong-nhan-ntm-tan-thanh.pdf")).unwrap();
    assert!(pdf_text(&pdf).contains("Công nhận xã Tân Thành, huyện Hữu Lũng"));
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_matrix_read_from_a_sheet_is_the_matrix_typed_in_yaml() {
    let work = tempdir();
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/toi-thieu.yaml")).unwrap();
    let typed = format!(
        "{base}phu_luc:\n  - tieu_de: Phân công nhiệm vụ\n    ngang: true\n    ma_tran:\n      - nhom: Kiện toàn bộ máy\n        viec:\n          - {{ noi_dung: Kiện toàn Ban Chỉ đạo, chi_dao: BCĐ tỉnh, thuc_hien: Sở Nội vụ, thoi_gian: Quý I }}\n          - {{ noi_dung: Phân công thành viên, thuc_hien: Văn phòng, phoi_hop: Các sở, thoi_gian: Tháng 3 }}\n      - nhom: Tuyên truyền\n        viec:\n          - {{ noi_dung: Tổ chức hội nghị, chi_dao: UBND tỉnh, thuc_hien: Sở Thông tin, thoi_gian: Quý II }}\n"
    );
    // The same, as an office keeps it: the group written once, on its first row.
    std::fs::write(
        work.join("nhiem-vu.csv"),
        "Nhóm,Nội dung,Chỉ đạo,Thực hiện,Phối hợp,Thời gian\n\
         Kiện toàn bộ máy,Kiện toàn Ban Chỉ đạo,BCĐ tỉnh,Sở Nội vụ,,Quý I\n\
         ,Phân công thành viên,,Văn phòng,Các sở,Tháng 3\n\
         ,,,,,\n\
         Tuyên truyền,Tổ chức hội nghị,UBND tỉnh,Sở Thông tin,,Quý II\n",
    )
    .unwrap();
    let from_sheet = format!(
        "{base}phu_luc:\n  - tieu_de: Phân công nhiệm vụ\n    ngang: true\n    ma_tran_bang: {{ bang: nhiem-vu.csv, nhom: Nhóm, noi_dung: Nội dung, chi_dao: Chỉ đạo, thuc_hien: Thực hiện, phoi_hop: Phối hợp, thoi_gian: Thời gian }}\n"
    );
    std::fs::write(work.join("typed.yaml"), typed).unwrap();
    std::fs::write(work.join("sheet.yaml"), from_sheet).unwrap();
    let a = common::build(&work.join("typed.yaml"));
    let b = common::build(&work.join("sheet.yaml"));
    let json = |c: &vanban::context::Context| serde_json::to_string(&c.phu_luc).unwrap();
    assert_eq!(json(&a.ctx), json(&b.ctx));
    assert_eq!(b.ctx.phu_luc[0].groups.len(), 2);
    assert_eq!(pdf_text(&a.pdf), pdf_text(&b.pdf));
    // The sheet is an input: editing it rebuilds the document.
    let out = run(&work, &["build", "sheet.yaml", "--out", "out"]);
    assert_eq!(written(&out), ["sheet.pdf"]);
    assert!(written(&run(&work, &["build", "sheet.yaml", "--out", "out"])).is_empty());
    edit(&work.join("nhiem-vu.csv"), "Quý II", "Quý III");
    assert_eq!(
        written(&run(&work, &["build", "sheet.yaml", "--out", "out"])),
        ["sheet.pdf"]
    );
    // A role naming a column the sheet lacks is located at its YAML field.
    edit(
        &work.join("sheet.yaml"),
        "thoi_gian: Thời gian",
        "thoi_gian: Thời hạn",
    );
    let out = vanban(&["check", "sheet.yaml"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("lỗi: bảng nhiem-vu.csv không có cột `Thời hạn`; có: Nhóm, Nội dung, Chỉ đạo, Thực hiện, Phối hợp, Thời gian"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn funding_lines_read_from_a_sheet_compute_as_typed() {
    let work = tempdir();
    let prose = "Tổng {{von.tong}} tỷ đồng; trực tiếp {{von.truc_tiep}} ({{von.truc_tiep.ty_le}}%), trong đó Trung ương {{von.truc_tiep.trung_uong}}; tín dụng {{von.tin_dung}} ({{von.tin_dung.ty_le}}%); khác {{von.khac}} ({{von.khac.ty_le}}%).";
    let with = |funding: &str| {
        with_figures(
            prose,
            &format!("  nguon_von:\n    von:\n      don_vi: tỷ đồng\n      chu_so: 1\n      tong_ghi: 3002.8\n{funding}"),
        )
    };
    // The same lines as a planning office keeps them; the remainder stays in the YAML.
    let (a, b) = typed_and_from_sheet(
        &work,
        with("      dong:\n        truc_tiep: { dong: { trung_uong: 495.1, dia_phuong: 157.7 } }\n        tin_dung: { so_tien: 1800 }\n        khac: { con_lai: true }\n"),
        ("von.csv", "Dòng,Dòng con,Số tiền (tỷ đồng)\ntruc_tiep,trung_uong,\"495,1\"\n,dia_phuong,\"157,7\"\ntin_dung,,1800\n"),
        with("      dong: { khac: { con_lai: true } }\n      bang: { bang: von.csv, dong: Dòng, dong_con: Dòng con, so_tien: Số tiền (tỷ đồng) }\n"),
    );
    assert!(
        a.contains("Tổng 3.002,8 tỷ đồng; trực tiếp 652,8 (21,7%), trong đó Trung ương 495,1; tín dụng 1.800 (59,9%); khác 550 (18,3%)."),
        "{a}"
    );
    assert_eq!(a, b);
    // A bad amount is located at its cell, with its row.
    edit(&work.join("von.csv"), "\"157,7\"", "157 tỷ");
    let out = vanban(&["check", "sheet.yaml"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("von.csv, dòng 3: lỗi: cột `Số tiền (tỷ đồng)` cần một số, gặp “157 tỷ” (hàng “dia_phuong”)"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn one_document_can_list_every_row_of_a_table() {
    // The other shape offices issue: one Quyết định listing every commune that qualified.
    let work = project();
    let doc = work.join("data/cong-nhan-xa-ntm-2019.yaml");
    let text = std::fs::read_to_string(&doc).unwrap();
    let start = text.find("ho:\n").unwrap();
    let end = text.find("trich_yeu:").unwrap();
    let text = format!("{}so: 2810\n{}", &text[..start], &text[end..])
        .replace("{{hang.ten_xa}}, {{hang.huyen}}", "các xã")
        .replace(
            "  - dieu: >-\n      Công nhận xã các xã đạt chuẩn nông thôn mới năm 2019\n      (đạt {{hang.so_tieu_chi}}/19 tiêu chí).\n",
            "  - dieu: Công nhận các xã sau đạt chuẩn nông thôn mới năm 2019\n    noi_dung:\n      - danh_sach: { bang: xa-ntm-2019.csv, cot: [ten_xa, huyen, so_tieu_chi], tieu_de: [Xã, Huyện, Số tiêu chí đạt], chi_khi: { cot: dat_chuan, bang: x } }\n",
        )
        .replace("{{hang.huyen}}", "các huyện, thành phố")
        .replace("{{hang.ten_xa}}", "các xã");
    assert!(text.contains("danh_sach"), "{text}");
    let list = work.join("data/cong-nhan-danh-sach.yaml");
    std::fs::write(&list, text).unwrap();
    std::fs::remove_file(&doc).unwrap();
    let b = common::build(&list);
    let pdf = pdf_text(&b.pdf);
    common::assert_in_order(
        &pdf,
        &[
            "Điều 1. Công nhận các xã sau đạt chuẩn nông thôn mới năm 2019",
            "TT Xã Huyện Số tiêu chí đạt",
            "01 Hoàng Đồng thành phố Lạng Sơn 19",
            "02 Tân Thành huyện Hữu Lũng 19",
            "03 Hồng Phong huyện Bình Gia 19",
            "Điều 2.",
        ],
    );
    assert!(!pdf.contains("Yên Trạch"));
    // The Word copy has the same list, its heading row repeated on every page.
    let docx = common::build_docx(&list);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(
        xml.contains("Số tiêu chí đạt")
            && xml.contains("Hồng Phong")
            && xml.contains("<w:tblHeader/>")
    );
    // The table is an input: a row added rebuilds the document.
    let out = run(&work, &["build", "data", "--out", "out"]);
    assert_eq!(written(&out), ["cong-nhan-danh-sach.pdf"]);
    let mut csv = std::fs::read_to_string(table(&work)).unwrap();
    csv.push_str("dong-tan,Đồng Tân,huyện Hữu Lũng,19,x\n");
    std::fs::write(table(&work), csv).unwrap();
    assert_eq!(
        written(&run(&work, &["build", "data", "--out", "out"])),
        ["cong-nhan-danh-sach.pdf"]
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn a_family_can_also_be_one_merged_pdf_for_printing() {
    let work = project_with_merged_file();
    let out = run(&work, &["build", "data", "--out", "out"]);
    assert!(
        written(&out).contains(&"cong-nhan-xa-ntm-2019.pdf".to_string()),
        "{:?}",
        written(&out)
    );
    let merged = std::fs::read(work.join("out/cong-nhan-xa-ntm-2019.pdf")).unwrap();
    let single = |n: &str| std::fs::read(work.join("out").join(n)).unwrap();
    // Every copy, in the table's order, each from a new page.
    let text = pdf_text(&merged);
    common::assert_in_order(
        &text,
        &[
            "Số: 2804/QĐ-UBND",
            "Công nhận xã Hoàng Đồng",
            "Số: 2805/QĐ-UBND",
            "Công nhận xã Tân Thành",
            "Số: 2806/QĐ-UBND",
            "Công nhận xã Hồng Phong",
        ],
    );
    let count = |pdf: &[u8]| {
        let file = work.join("count.pdf");
        std::fs::write(&file, pdf).unwrap();
        let out = std::process::Command::new("pdfinfo")
            .arg(&file)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.starts_with("Pages:"))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<usize>().ok())
            .unwrap()
    };
    let sum: usize = [
        "qd-cong-nhan-ntm-hoang-dong.pdf",
        "qd-cong-nhan-ntm-tan-thanh.pdf",
        "qd-cong-nhan-ntm-hong-phong.pdf",
    ]
    .iter()
    .map(|n| count(&single(n)))
    .sum();
    assert_eq!(count(&merged), sum);
    // A row edited: that copy and the merged file, nothing else.
    edit(
        &table(&work),
        "Hồng Phong,huyện Bình Gia",
        "Hồng Phong,huyện Bình Gia (cũ)",
    );
    assert_eq!(
        written(&run(&work, &["build", "data", "--out", "out"])),
        [
            "cong-nhan-xa-ntm-2019.pdf",
            "qd-cong-nhan-ntm-hong-phong.pdf"
        ]
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn averages_and_groups_read_from_a_sheet_compute_as_typed() {
    let work = project();
    let prose = "Bình quân {{tc.tb}} tiêu chí/xã trên {{tc.so}} xã; nhóm đạt {{xa.dat}} xã ({{xa.dat.ty_le}}%), chưa đạt {{xa.chua_dat}} xã ({{xa.chua_dat.ty_le}}%).";
    let with = |figures: &str| with_figures(prose, figures);
    let (a, b) = typed_and_from_sheet(
        &work.join("data"),
        with("  binh_quan:\n    tc: { gia_tri: [19, 19, 17, 19, 18] }\n  phan_bo:\n    xa: { mau_so: 5, nhom: { dat: 3, chua_dat: 2 } }\n"),
        ("nhom.csv", "Nhóm,Số xã\ndat,3\nchua_dat,2\n"),
        with("  binh_quan:\n    tc: { bang: { bang: xa-ntm-2019.csv, cot: so_tieu_chi } }\n  phan_bo:\n    xa: { mau_so: 5, bang: { bang: nhom.csv, nhom: Nhóm, so: Số xã } }\n"),
    );
    assert!(
        a.contains(
            "Bình quân 18,4 tiêu chí/xã trên 05 xã; nhóm đạt 03 xã (60%), chưa đạt 02 xã (40%)."
        ),
        "{a}"
    );
    assert_eq!(a, b);
    // A group name that cannot be cited is refused at its cell.
    std::fs::write(
        work.join("data/nhom.csv"),
        "Nhóm,Số xã\nĐạt chuẩn,3\nchua_dat,2\n",
    )
    .unwrap();
    let out = vanban(&["check", "data/sheet.yaml"], &work);
    assert!(String::from_utf8_lossy(&out.stderr).contains("nhom.csv, dòng 2: lỗi: tên `Đạt chuẩn`"));
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn targets_read_from_a_sheet_compute_as_typed() {
    let work = project();
    let prose = "Giao thông {{tc02.tong}}/{{so_xa}} xã ({{tc02.ty_le}}%); thủy lợi {{tc03.tong}}/{{so_xa}} xã ({{tc03.ty_le}}%).";
    let with =
        |figures: &str| with_figures(prose, &format!("  hang_so: {{ so_xa: 207 }}\n{figures}"));
    let (a, b) = typed_and_from_sheet(
        &work.join("data"),
        with("  chi_tieu:\n    tc02: { da_dat: 49, them: 12, mau_so: so_xa }\n    tc03: { da_dat: 151, them: 9, mau_so: so_xa }\n"),
        ("chi-tieu.csv", "Chỉ tiêu,Đã đạt,Thêm\ntc02,49,12\ntc03,151,9\n"),
        with("  chi_tieu_bang: { bang: chi-tieu.csv, ten: Chỉ tiêu, da_dat: Đã đạt, them: Thêm, mau_so: so_xa }\n"),
    );
    assert!(
        a.contains("Giao thông 61/207 xã (29,5%); thủy lợi 160/207 xã (77,3%)."),
        "{a}"
    );
    assert_eq!(a, b);
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn rows_written_in_the_yaml_and_a_header_below_a_title_block() {
    let work = project();
    let doc = work.join("data/cong-nhan-xa-ntm-2019.yaml");
    // The rows in the YAML itself.
    edit(
        &doc,
        "  bang: xa-ntm-2019.csv\n",
        "  hang:\n    - { ma_xa: na-sam, ten_xa: Na Sầm, huyen: huyện Văn Lãng, so_tieu_chi: 19, dat_chuan: x }\n    - { ma_xa: khanh-khe, ten_xa: Khánh Khê, huyen: huyện Văn Quan, so_tieu_chi: 19, dat_chuan: x }\n",
    );
    let out = run(&work, &["build", "data", "--out", "out"]);
    assert_eq!(
        written(&out),
        [
            "qd-cong-nhan-ntm-khanh-khe.pdf",
            "qd-cong-nhan-ntm-na-sam.pdf"
        ]
    );
    let pdf = std::fs::read(work.join("out/qd-cong-nhan-ntm-na-sam.pdf")).unwrap();
    assert!(pdf_text(&pdf).contains("Công nhận xã Na Sầm, huyện Văn Lãng"));
    // A sheet whose table starts on row 3 under a title: dong_tieu_de names the header row.
    std::fs::copy(
        root().join("tests/fixtures/family/xa-tieu-de.xlsx"),
        work.join("data/xa-tieu-de.xlsx"),
    )
    .unwrap();
    let text = std::fs::read_to_string(&doc).unwrap();
    let start = text.find("  hang:\n").unwrap();
    let end = text.find("  ten_tep:").unwrap();
    let text = format!(
        "{}  bang: xa-tieu-de.xlsx\n{}",
        &text[..start],
        &text[end..]
    );
    std::fs::write(&doc, &text).unwrap();
    // Without it the title is taken for the header, and the columns are not found.
    let out = vanban(&["check", "data"], &work);
    assert!(String::from_utf8_lossy(&out.stderr).contains("không có cột `ma_xa`; có: DANH SÁCH XÃ"));
    std::fs::write(
        &doc,
        text.replace(
            "  bang: xa-tieu-de.xlsx\n",
            "  bang: xa-tieu-de.xlsx\n  dong_tieu_de: 3\n",
        ),
    )
    .unwrap();
    let out = run(&work, &["build", "data", "--out", "out2"]);
    assert_eq!(
        written(&out),
        [
            "qd-cong-nhan-ntm-hoang-dong.pdf",
            "qd-cong-nhan-ntm-hong-phong.pdf"
        ]
    );
    let _ = std::fs::remove_dir_all(&work);
}

/// A family's table is read and filtered once per build, not once per member: the data stage
/// grows with the rows, not with their square. Then a changed table is read again.
#[test]
fn a_familys_table_is_read_once_per_build_and_again_when_it_changes() {
    use vanban::pipeline::{self, Format, Options};
    let work = tempdir();
    let dir = work.join("data");
    std::fs::create_dir_all(dir.join("_chung")).unwrap();
    for f in [
        "cong-nhan-xa-ntm-2019.yaml",
        "xa-ntm-2019.csv",
        "_chung/tinh-lang-son.yaml",
    ] {
        std::fs::copy(root().join("data/lang-son").join(f), dir.join(f)).unwrap();
    }
    let set = vanban::templates::TemplateSet::load(None).unwrap();
    let source = vanban::render::typst_source::TypstSource::new(&set).unwrap();
    let shared = vanban::world::Shared::new(set);
    let opts = Options {
        write: true,
        formats: vec![Format::Docx],
        ..Options::default()
    };
    let build = || {
        let jobs = pipeline::collect(std::slice::from_ref(&dir), &work.join("out")).unwrap();
        for job in &jobs {
            let (outcome, _) = pipeline::process(job, &shared, &source, &opts);
            assert!(!outcome.failed(), "{:?}", outcome.report.items);
        }
        jobs.len()
    };
    let members = build();
    assert!(members >= 3, "{members} jobs");
    assert_eq!(shared.families.reads(), 1, "one read for {members} members");
    build();
    assert_eq!(shared.families.reads(), 1, "nothing changed");
    let csv = dir.join("xa-ntm-2019.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(&csv, format!("{text}\n")).unwrap();
    build();
    assert_eq!(shared.families.reads(), 2, "the table changed");
}

/// A family of more copies than one part of the merged PDF (`pipeline::MERGE_PART`) is
/// merged part by part as it is typeset: the merged file still reads as every copy in the
/// table's order, page for page, and is one tagged document of one part per part.
#[test]
fn a_large_familys_merged_pdf_is_written_part_by_part() {
    let work = project_with_merged_file();
    let rows = 2 * vanban::pipeline::MERGE_PART + 30;
    let mut csv = String::from("ma_xa,ten_xa,huyen,so_tieu_chi,dat_chuan\n");
    for i in 0..rows {
        csv.push_str(&format!("xa-{i:03},Xã số {i},huyện thứ {},19,x\n", i % 11));
    }
    std::fs::write(table(&work), csv).unwrap();
    let out = run(&work, &["build", "data", "--out", "out"]);
    assert_eq!(written(&out).len(), rows + 1);
    let merged_reads_as_the_copies = || {
        let merged = std::fs::read(work.join("out/cong-nhan-xa-ntm-2019.pdf")).unwrap();
        let copies: String = (0..rows)
            .map(|i| {
                let pdf = std::fs::read(work.join(format!("out/qd-cong-nhan-ntm-xa-{i:03}.pdf")));
                common::pdftotext_lines(&pdf.unwrap())
            })
            .collect();
        let text = common::pdftotext_lines(&merged);
        assert!(text.contains(&format!("Số: {}/QĐ-UBND", 2804 + rows - 1)));
        assert_eq!(text, copies);
        merged
    };
    merged_reads_as_the_copies();
    // The parts are kept beside it: a row edited makes its copy and the merged file again,
    // and only its part is typeset again (the others are the same files).
    let parts_dir = work.join("out/.cong-nhan-xa-ntm-2019.gop");
    let parts = || common::files(&parts_dir).into_keys().collect::<Vec<_>>();
    let before = parts();
    assert_eq!(before.len(), 3, "{before:?}");
    edit(&table(&work), "Xã số 150,", "Xã số 150 (mới),");
    assert_eq!(
        written(&run(&work, &["build", "data", "--out", "out"])),
        ["cong-nhan-xa-ntm-2019.pdf", "qd-cong-nhan-ntm-xa-150.pdf"]
    );
    let after = parts();
    assert_eq!(
        (
            after.len(),
            after[0] == before[0],
            after[1] == before[1],
            after[2] == before[2]
        ),
        (3, true, false, true),
        "{before:?} {after:?}"
    );
    let merged = merged_reads_as_the_copies();
    assert!(common::pdf_text(&merged).contains("Xã số 150 (mới)"));
    let file = work.join("merged.pdf");
    std::fs::write(&file, &merged).unwrap();
    let tags = std::process::Command::new("pdfinfo")
        .args(["-struct"])
        .arg(&file)
        .output()
        .unwrap();
    let tags = String::from_utf8_lossy(&tags.stdout);
    assert!(tags.starts_with("Document\n"), "{tags}");
    assert_eq!(tags.lines().filter(|l| *l == "  Part").count(), 3);
    let _ = std::fs::remove_dir_all(&work);
}

/// A copy made in a family is the document its row makes alone: the copy of Tân Thành from
/// the whole table (two workers, the table read once for every copy) has the same bytes as
/// the one copy of a table of that row alone, numbered the same.
#[test]
fn a_copy_is_byte_for_byte_the_document_of_its_row_alone() {
    let whole = project();
    run(&whole, &["build", "data", "--out", "out", "--jobs", "2"]);
    let alone = project();
    let csv = std::fs::read_to_string(table(&alone)).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let row = lines.find(|l| l.starts_with("tan-thanh,")).unwrap();
    std::fs::write(table(&alone), format!("{header}\n{row}\n")).unwrap();
    edit(
        &alone.join("data/cong-nhan-xa-ntm-2019.yaml"),
        "so_bat_dau: 2804",
        "so_bat_dau: 2805",
    );
    let out = run(&alone, &["build", "data", "--out", "out", "--jobs", "1"]);
    assert_eq!(written(&out), ["qd-cong-nhan-ntm-tan-thanh.pdf"]);
    let pdf = |work: &Path| std::fs::read(work.join("out/qd-cong-nhan-ntm-tan-thanh.pdf")).unwrap();
    assert!(pdf(&whole) == pdf(&alone), "the copies differ");
    let _ = std::fs::remove_dir_all(&whole);
    let _ = std::fs::remove_dir_all(&alone);
}
