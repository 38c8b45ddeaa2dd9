//! `vanban nhap` on what real offices' Word files are: portal (Aspose) exports, titles with
//! words after the type's name, free-form giấy mời, templates with `{{…}}`, documents that lack
//! parts (left as blanks, never invented), old `.doc` files, and bad input. Each quirk is
//! reproduced in a small .docx made here.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{pdf_text, ratio, tempdir, try_build, words};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A .docx whose `word/document.xml` has `body` inside `<w:body>` (no section properties, as
/// portal exports often have), written with `bom` before `<?xml` when asked.
fn docx(body: &str, bom: bool) -> Vec<u8> {
    docx_with(body, bom, &[])
}

/// [`docx`] with more parts (`word/footnotes.xml` …).
fn docx_with(body: &str, bom: bool, parts: &[(&str, String)]) -> Vec<u8> {
    let mut xml = String::new();
    if bom {
        xml.push('\u{feff}');
    }
    xml.push_str(&format!(
        r#"<?xml version="1.0" encoding="utf-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>{body}</w:body></w:document>"#
    ));
    let mut out = Vec::new();
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("[Content_Types].xml", opts).unwrap();
    z.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    z.start_file("_rels/.rels", opts).unwrap();
    z.write_all(br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#).unwrap();
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    for (name, text) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A run of text; `b` bold.
fn run(text: &str, b: bool) -> String {
    let rpr = if b { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(
        r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A paragraph; `lines` joined by `<w:br/>`, each bold when `b`; centred when `c`.
fn para(lines: &[&str], b: bool, c: bool) -> String {
    let ppr = if c {
        r#"<w:pPr><w:jc w:val="center"/></w:pPr>"#
    } else {
        ""
    };
    let runs: Vec<String> = lines.iter().map(|l| run(l, b)).collect();
    format!("<w:p>{ppr}{}</w:p>", runs.join("<w:r><w:br/></w:r>"))
}

fn p(text: &str) -> String {
    para(&[text], false, false)
}

/// A layout table of one row, each cell one paragraph (its lines split by `<w:br/>`).
fn row(cells: &[String]) -> String {
    let tcs: String = cells.iter().map(|c| format!("<w:tc>{c}</w:tc>")).collect();
    format!("<w:tbl><w:tr>{tcs}</w:tr></w:tbl>")
}

/// An anchored line shape and a text box, as Word draws the rules and "DỰ THẢO" stamps: none
/// of their text or offsets is the document's.
fn shapes() -> String {
    r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:positionH relativeFrom="column"><wp:posOffset>914400</wp:posOffset></wp:positionH><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>DỰ THẢO 987654</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>DỰ THẢO 987654</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#.to_string()
}

/// The words of a text as runs of letters and digits (`129/2025/NĐ-CP` is 129, 2025, nđ,
/// cp): a line break or a space vanban puts after `TL.` cuts no word in two.
fn pieces(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Words vanban prints itself: the Quốc hiệu and Tiêu ngữ, the labels of the header, the
/// forms and the recipients' block.
const DECREE_WORDS: &str = "cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc số v/v v \
    ngày tháng năm kính gửi nơi nhận lưu vt như trên trân trọng kính mời tới dự thời gian địa \
    điểm từ đến giờ phút thứ hai ba tư năm sáu bảy chủ nhật bắt đầu thành phần tham dự nội dung";

/// Words of the rebuilt PDF that are neither in the original nor vanban's own: what was invented.
fn invented(original: &str, rebuilt: &str) -> Vec<String> {
    let known: std::collections::HashSet<String> = pieces(original)
        .into_iter()
        .chain(pieces(DECREE_WORDS))
        .collect();
    pieces(rebuilt)
        .into_iter()
        .filter(|w| !known.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

/// Writes `bytes` as `name` in a fresh folder and imports it; the YAML is written beside it.
fn import(name: &str, bytes: &[u8]) -> (PathBuf, vanban::import::Imported) {
    let dir = tempdir();
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let imported =
        vanban::import::import(&file).unwrap_or_else(|d| panic!("{name} did not import:\n{d}"));
    let yaml = file.with_extension("yaml");
    std::fs::write(&yaml, &imported.yaml).unwrap();
    (yaml, imported)
}

fn build_text(yaml: &Path) -> String {
    let built = try_build(yaml).unwrap_or_else(|e| {
        panic!(
            "did not build:\n{e}\n--- YAML ---\n{}",
            std::fs::read_to_string(yaml).unwrap()
        )
    });
    pdf_text(&built.pdf)
}

/// The signature block as an office types it: Nơi nhận on the left, the signer on the right.
fn signature(title: &[&str], name: &str) -> String {
    let mut right: Vec<&str> = title.to_vec();
    right.push(name);
    row(&[
        para(
            &["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."],
            false,
            false,
        ),
        para(&right, true, true),
    ])
}

/// A portal (Aspose.Words) export: a byte-order mark, the header as two cells of one
/// paragraph each split by line breaks, rules typed as dashes, no page size, and an anchored
/// shape. It imports, builds, and its words come back.
#[test]
fn a_portal_export_imports_and_builds_with_its_words() {
    let body = [
        row(&[
            para(
                &[
                    "ỦY BAN NHÂN DÂN",
                    "XÃ AN BÌNH",
                    "-------",
                    "Số: 125/UBND-VP",
                    "V/v triển khai công tác chuyển đổi số năm 2025",
                ],
                true,
                true,
            ),
            para(
                &[
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                    "---------------",
                    "An Bình, ngày 05 tháng 3 năm 2025",
                ],
                true,
                true,
            ),
        ]),
        p("Kính gửi: Trưởng các thôn trên địa bàn xã."),
        shapes(),
        p("Thực hiện chỉ đạo của Ủy ban nhân dân huyện về chuyển đổi số, Ủy ban nhân dân xã đề nghị các thôn triển khai ngay các việc sau đây trong tháng 3."),
        p("1. Rà soát danh sách hộ gia đình chưa có tài khoản định danh điện tử."),
        p("2. Báo cáo kết quả về Văn phòng trước ngày 20 tháng 3 năm 2025."),
        signature(&["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Văn An"),
    ]
    .concat();
    let bytes = docx(&body, true);
    let (yaml, imported) = import("cong-van-cong-thong-tin.docx", &bytes);
    let y = &imported.yaml;
    for expected in [
        "loai: cong_van",
        "so: 125",
        "dia_danh: \"An Bình\"",
        "ngay: \"05/3/2025\"",
        "\"XÃ AN BÌNH\"",
        "trich_yeu: \"triển khai công tác chuyển đổi số năm 2025\"",
    ] {
        assert!(y.contains(expected), "{expected:?} not in:\n{y}");
    }
    assert!(
        !y.contains("987654") && !y.contains("DỰ THẢO"),
        "a shape leaked:\n{y}"
    );
    assert!(!y.contains("---"), "a rule became text:\n{y}");
    // In the order pdftotext reads the header's two columns.
    let original = "ỦY BAN NHÂN DÂN XÃ AN BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Số: 125/UBND-VP \
        An Bình, ngày 05 tháng 3 năm 2025 Độc lập - Tự do - Hạnh phúc V/v triển khai công tác chuyển đổi số năm 2025 \
        Kính gửi: Trưởng các thôn trên địa bàn xã. Thực hiện chỉ đạo của Ủy ban nhân dân huyện về chuyển đổi số, \
        Ủy ban nhân dân xã đề nghị các thôn triển khai ngay các việc sau đây trong tháng 3. \
        1. Rà soát danh sách hộ gia đình chưa có tài khoản định danh điện tử. \
        2. Báo cáo kết quả về Văn phòng trước ngày 20 tháng 3 năm 2025. \
        Nơi nhận: - Như trên; - Lưu: VT, VP. TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn An";
    let text = build_text(&yaml);
    let r = ratio(&words(original), &words(&text));
    println!("portal export: words {r:.4}");
    assert!(r >= 0.97, "words {r:.4} < 0.97:\n{text}");
    assert_eq!(invented(original, &text), Vec::<String>::new());
}

/// A commune's template: `{{NOI_DUNG_AI}}` placeholders, stars and hashes, in the V/v, the
/// Kính gửi and the body. They print as written.
#[test]
fn template_braces_stars_and_hashes_print_as_written() {
    let body = [
        row(&[
            para(
                &[
                    "ỦY BAN NHÂN DÂN",
                    "XÃ AN BÌNH",
                    "Số: 12/UBND-VP",
                    "V/v {{TIEU_DE}} *mẫu*",
                ],
                true,
                true,
            ),
            para(
                &[
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                    "An Bình, ngày 05 tháng 3 năm 2025",
                ],
                true,
                true,
            ),
        ]),
        p("Kính gửi: {{NOI_NHAN}} #1."),
        p("Nội dung: {{NOI_DUNG_AI}} và 5*3 = 15 # mục }} {{ a }} \\ hết."),
        signature(&["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Văn An"),
    ]
    .concat();
    let (yaml, _) = import("mau-cong-van.docx", &docx(&body, false));
    let text = build_text(&yaml);
    for expected in [
        "{{TIEU_DE}} *mẫu*",
        "{{NOI_NHAN}} #1",
        "{{NOI_DUNG_AI}} và 5*3 = 15 # mục }} {{ a }} \\ hết",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
}

/// Titles with words after the type's name: the type is recognised, the line is printed as
/// written, and none of it goes into the agency's name.
#[test]
fn titles_with_words_after_the_name_keep_them() {
    for (title, kind) in [
        ("BIÊN BẢN LÀM VIỆC", "bien_ban"),
        ("THÔNG BÁO KẾT LUẬN", "thong_bao"),
        ("GIẤY MỜI HỌP", "giay_moi"),
        ("BIÊN BẢN HỌP", "bien_ban"),
    ] {
        let body = [
            row(&[
                para(&["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"], true, true),
                para(
                    &[
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                        "Độc lập - Tự do - Hạnh phúc",
                    ],
                    true,
                    true,
                ),
            ]),
            row(&[
                p("Số: 15/UBND"),
                para(&["An Bình, ngày 05 tháng 3 năm 2025"], false, true),
            ]),
            para(&[title], true, true),
            para(&["Về việc rà soát hộ nghèo năm 2025"], true, true),
            p("Kính gửi: Trưởng các thôn."),
            p("Ủy ban nhân dân xã rà soát hộ nghèo trên địa bàn theo kế hoạch đã ban hành."),
            signature(&["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Văn An"),
        ]
        .concat();
        let (yaml, imported) = import("tieu-de.docx", &docx(&body, false));
        let y = &imported.yaml;
        assert!(y.contains(&format!("loai: {kind}")), "{title}:\n{y}");
        assert!(
            y.contains(&format!("ten_loai: \"{title}\"")),
            "{title}:\n{y}"
        );
        let agency = y
            .split("co_quan:")
            .nth(1)
            .unwrap()
            .split("viet_tat")
            .next()
            .unwrap();
        assert!(!agency.contains(title), "{title} in the agency:\n{y}");
        let text = build_text(&yaml);
        assert!(text.contains(title), "{title} not printed:\n{text}");
    }
}

/// A giấy mời written as most offices write one: Kính gửi, then numbered lines. It is read as
/// a free body (no Mẫu 1.7 form lines are made up) and nothing is invented: no "Người được
/// mời", no placeholder place, no made-up date.
#[test]
fn a_free_form_invitation_invents_nothing() {
    let lines = [
        "Thực hiện chương trình công tác năm 2025, Ủy ban nhân dân xã tổ chức họp triển khai công tác phòng chống thiên tai.",
        "1. Thời gian: 08 giờ 00 phút, ngày 10 tháng 3 năm 2025.",
        "2. Địa điểm, thành phần: Hội trường Ủy ban nhân dân xã; trưởng các thôn.",
        "Đề nghị các đồng chí tham dự đúng thời gian.",
    ];
    let mut body = vec![
        row(&[
            para(
                &["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "Số: 20/GM-UBND"],
                true,
                true,
            ),
            para(
                &[
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                    "An Bình, ngày 05 tháng 3 năm 2025",
                ],
                true,
                true,
            ),
        ]),
        para(&["GIẤY MỜI HỌP"], true, true),
        p("Kính gửi:"),
        p("- Trưởng các thôn;"),
        p("- Công chức Địa chính xã."),
    ];
    body.extend(lines.iter().map(|l| p(l)));
    body.push(signature(
        &["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        "Nguyễn Văn An",
    ));
    let (yaml, imported) = import("giay-moi.docx", &docx(&body.concat(), false));
    let y = &imported.yaml;
    assert!(y.contains("loai: giay_moi"), "{y}");
    assert!(!y.contains("cuoc_hop"), "form lines made up:\n{y}");
    for invented in [
        "Người được mời",
        "Trích yếu",
        "Địa danh",
        "2000",
        "Địa điểm\"",
    ] {
        assert!(!y.contains(invented), "{invented:?} invented:\n{y}");
    }
    let text = build_text(&yaml);
    let original = format!(
        "ỦY BAN NHÂN DÂN XÃ AN BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Số: 20/GM-UBND An Bình, ngày 05 \
         tháng 3 năm 2025 Độc lập - Tự do - Hạnh phúc GIẤY MỜI HỌP Kính gửi: - Trưởng các thôn; - Công chức \
         Địa chính xã. {} Nơi nhận: - Như trên; - Lưu: VT, VP. TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn An",
        lines.join(" ")
    );
    assert_eq!(invented(&original, &text), Vec::<String>::new(), "{text}");
    let r = ratio(&words(&original), &words(&text));
    println!("free-form giấy mời: words {r:.4}");
    assert!(r >= 0.97, "words {r:.4}:\n{text}");
}

/// A giấy mời (Mẫu 1.7) that lacks its place and date, its invitees and the meeting's place:
/// each is a dotted blank in the PDF, listed at the top of the YAML, and `vanban check` names
/// each with its line.
#[test]
fn what_the_original_lacks_is_a_dotted_blank_that_check_reports() {
    let body = [
        row(&[
            para(
                &["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "Số: 21/GM-UBND"],
                true,
                true,
            ),
            para(
                &[
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                ],
                true,
                true,
            ),
        ]),
        para(&["GIẤY MỜI"], true, true),
        para(
            &["Họp triển khai công tác phòng chống thiên tai"],
            true,
            true,
        ),
        p("Tới dự: Họp triển khai công tác phòng chống thiên tai."),
        p("Thời gian: 08 giờ 00 phút, thứ Hai, ngày 10 tháng 3 năm 2025."),
        signature(&["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Văn An"),
    ]
    .concat();
    let (yaml, imported) = import("thieu.docx", &docx(&body, false));
    let y = &imported.yaml;
    assert!(y.contains("# Văn bản gốc thiếu"), "{y}");
    for (key, listed) in [
        ("dia_danh", "#   dia_danh:"),
        ("ngay", "#   ngay:"),
        ("kinh_gui", "#   kinh_gui:"),
        ("dia_diem", "#   cuoc_hop.dia_diem:"),
    ] {
        assert!(y.contains(listed), "{key} not listed:\n{y}");
    }
    let text = build_text(&yaml);
    for blank in [
        "……………, ngày …… tháng …… năm ……",
        "trân trọng kính mời: ……………",
        "Địa điểm: …………….",
    ] {
        assert!(text.contains(blank), "{blank:?} not in:\n{text}");
    }
    let check = common::vanban(
        &["check", yaml.file_name().unwrap().to_str().unwrap()],
        yaml.parent().unwrap(),
    );
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        check.status.success(),
        "blanks are warnings, not errors:\n{stderr}"
    );
    let source = std::fs::read_to_string(&yaml).unwrap();
    for key in ["dia_danh:", "ngay:", "dia_diem:"] {
        let line = source
            .lines()
            .position(|l| l.trim_start().starts_with(key))
            .unwrap()
            + 1;
        let at = format!("thieu.yaml:{line}:");
        assert!(
            stderr.lines().any(|l| l.contains(&at)) && stderr.contains("chỗ trống cần điền"),
            "no blank reported at {at} ({key}):\n{stderr}"
        );
    }
    let invitee = source
        .lines()
        .position(|l| l.contains("- \"{{...}}\""))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("thieu.yaml:{invitee}:")),
        "{stderr}"
    );
}

/// A part that unpacks past 64 MiB is not read: a located message, no YAML.
#[test]
fn an_oversized_part_is_refused() {
    let dir = tempdir();
    let mut bytes = Vec::new();
    {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("_rels/.rels", opts).unwrap();
        z.write_all(br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#).unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..65 {
            z.write_all(&chunk).unwrap();
        }
        z.finish().unwrap();
    }
    std::fs::write(dir.join("bom.docx"), &bytes).unwrap();
    let out = common::vanban(&["nhap", "bom.docx"], &dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bom.docx") && stderr.contains("lớn quá 64 MiB"),
        "{stderr}"
    );
    assert!(stderr.contains("gợi ý"), "{stderr}");
    assert!(!dir.join("bom.yaml").exists());
}

/// An old .doc on a machine without LibreOffice: a message that says how to save it as .docx.
#[test]
fn a_doc_without_libreoffice_says_how_to_save_it_as_docx() {
    let dir = tempdir();
    let empty_path = dir.join("bin");
    std::fs::create_dir_all(&empty_path).unwrap();
    let mut ole = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    ole.extend(std::iter::repeat_n(0u8, 512));
    std::fs::write(dir.join("cu.doc"), &ole).unwrap();
    // No LibreOffice on the PATH, or none chosen (VANBAN_SOFFICE empty) whatever the PATH.
    let no_path = common::vanban_command(&dir)
        .env("PATH", &empty_path)
        .env_remove("VANBAN_SOFFICE")
        .args(["nhap", "cu.doc"])
        .output()
        .unwrap();
    let none_chosen = common::vanban_command(&dir)
        .env("VANBAN_SOFFICE", "")
        .args(["nhap", "cu.doc"])
        .output()
        .unwrap();
    for out in [no_path, none_chosen] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("cu.doc") && stderr.contains("soffice"),
            "{stderr}"
        );
        assert!(stderr.contains("Word Document (.docx)"), "{stderr}");
        assert!(!dir.join("cu.yaml").exists());
    }
}

/// An old .doc with LibreOffice on the machine: converted with a private profile and read.
#[test]
fn a_doc_is_converted_through_libreoffice() {
    if !common::soffice_or_skip() {
        return;
    }
    let dir = tempdir();
    let body = [
        row(&[
            para(
                &["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "Số: 30/KH-UBND"],
                true,
                true,
            ),
            para(
                &[
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                    "An Bình, ngày 05 tháng 3 năm 2025",
                ],
                true,
                true,
            ),
        ]),
        para(&["KẾ HOẠCH"], true, true),
        para(&["Phòng chống thiên tai năm 2025"], true, true),
        p("I. MỤC ĐÍCH, YÊU CẦU"),
        p("Chủ động phòng ngừa, ứng phó kịp thời với thiên tai trên địa bàn xã."),
        signature(&["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Văn An"),
    ]
    .concat();
    std::fs::write(dir.join("ke-hoach.docx"), docx(&body, false)).unwrap();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.display()
        ))
        .args(["--headless", "--convert-to", "doc", "--outdir"])
        .arg(dir.join("doc"))
        .arg(dir.join("ke-hoach.docx"))
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let doc = dir.join("doc/ke-hoach.doc");
    let imported = vanban::import::import(&doc).unwrap_or_else(|d| panic!("{d}"));
    let y = &imported.yaml;
    assert!(y.contains("loai: ke_hoach") && y.contains("so: 30"), "{y}");
    assert!(y.contains("Chủ động phòng ngừa"), "{y}");
}

fn other(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/nhap/other").join(name)
}

/// A real Nghị định (a legal normative document) is refused with its reason, at its tên
/// loại's paragraph, and no YAML is written.
#[test]
fn a_real_legal_document_is_refused_with_its_reason() {
    let dir = tempdir();
    let name = "nghi-dinh-chinh-phu-30-van-thu-2020.docx";
    std::fs::copy(other(name), dir.join(name)).unwrap();
    let out = common::vanban(&["nhap", name], &dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{name}:"))
            && stderr.contains("Nghị định là văn bản quy phạm pháp luật"),
        "{stderr}"
    );
    assert!(!dir.join(name).with_extension("yaml").exists());
}

/// A real Word 97–2003 file is converted through LibreOffice and read; being a phụ lục on
/// its own, with no header, it is then refused as such (not as "not a .docx").
#[test]
fn a_real_doc_is_converted_and_read() {
    if !common::soffice_or_skip() {
        return;
    }
    let path = other("phu-luc-ii-nghi-dinh-30-viet-hoa-2020.doc");
    let bytes = std::fs::read(&path).unwrap();
    let (_, items) = vanban::import::read::read_bytes(&path, &bytes).expect("converted");
    let text: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            vanban::import::read::Item::Line(l) => Some(l.plain()),
            _ => None,
        })
        .collect();
    let text = text.join("\n");
    for expected in [
        "VIẾT HOA TRONG VĂN BẢN HÀNH CHÍNH",
        "I. VIẾT HOA VÌ PHÉP ĐẶT CÂU",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let refused = vanban::import::import_bytes(&path, &bytes)
        .err()
        .expect("refused");
    assert!(
        refused.to_string().contains("không nhận ra văn bản"),
        "{refused}"
    );
}

/// A recipient of Nơi nhận wrapped onto a paragraph of its own goes on its item, not out.
#[test]
fn a_wrapped_recipient_stays_one_item() {
    let body = [
        row(&[
            para(
                &["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "Số: 40/UBND-VP"],
                true,
                true,
            ),
            para(
                &[
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                    "An Bình, ngày 05 tháng 3 năm 2025",
                ],
                true,
                true,
            ),
        ]),
        p("Kính gửi: Các thôn."),
        p("Ủy ban nhân dân xã đề nghị các thôn báo cáo kết quả trước ngày 20 tháng 3."),
        row(&[
            [
                p("Nơi nhận:"),
                p("- Như trên;"),
                p("- Các bộ, cơ quan ngang bộ,"),
                p("cơ quan thuộc Chính phủ;"),
                p("- Lưu: VT, VP."),
            ]
            .concat(),
            para(
                &["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"],
                true,
                true,
            ),
        ]),
    ]
    .concat();
    let (yaml, imported) = import("noi-nhan.docx", &docx(&body, false));
    assert!(
        imported
            .yaml
            .contains("- \"Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ\""),
        "{}",
        imported.yaml
    );
    let dropped: Vec<&String> = imported
        .notes
        .iter()
        .map(|n| &n.text)
        .filter(|t| t.contains("bỏ qua"))
        .collect();
    assert!(dropped.is_empty(), "{dropped:?}");
    let text = build_text(&yaml);
    assert!(
        text.contains("- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;"),
        "{text}"
    );
}

/// A data table: one paragraph per cell.
fn table(rows: &[&[&str]]) -> String {
    let trs: String = rows
        .iter()
        .map(|r| {
            let tcs: String = r.iter().map(|c| format!("<w:tc>{}</w:tc>", p(c))).collect();
            format!("<w:tr>{tcs}</w:tr>")
        })
        .collect();
    format!("<w:tbl>{trs}</w:tbl>")
}

/// A quyết định whose phụ lục follows the signer in the same section: a heading with its
/// title on the same line, the "(Kèm theo …)" line, and a table. The table comes back whole,
/// and the "(Kèm theo …)" line is printed once (vanban writes it).
#[test]
fn an_annex_after_the_signer_keeps_its_table() {
    let body = [
        row(&[
            para(&["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "Số: 15/QĐ-UBND"], true, true),
            para(
                &[
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                    "An Bình, ngày 05 tháng 3 năm 2025",
                ],
                true,
                true,
            ),
        ]),
        para(&["QUYẾT ĐỊNH"], true, true),
        para(&["Về việc hỗ trợ các thôn làm đường giao thông năm 2025"], true, true),
        para(&["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH"], true, true),
        p("Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;"),
        para(&["QUYẾT ĐỊNH:"], true, true),
        p("Điều 1. Hỗ trợ các thôn có tên trong Phụ lục kèm theo Quyết định này làm đường giao thông."),
        p("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
        signature(&["CHỦ TỊCH"], "Nguyễn Văn An"),
        // The phụ lục starts on a new page: a page break in its heading's paragraph.
        format!(
            r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:br w:type="page"/></w:r>{}</w:p>"#,
            run("Phụ lục: DANH SÁCH CÁC THÔN ĐƯỢC HỖ TRỢ", true)
        ),
        para(
            &["(Kèm theo Quyết định số 15/QĐ-UBND ngày 05 tháng 3 năm 2025 của Chủ tịch Ủy ban nhân dân xã)"],
            false,
            true,
        ),
        table(&[
            &["STT", "Tên thôn", "Số hộ được hỗ trợ"],
            &["1", "Thôn Đông", "42"],
            &["2", "Thôn Đoài", "37"],
        ]),
    ]
    .concat();
    let (yaml, imported) = import("quyet-dinh-phu-luc.docx", &docx(&body, false));
    let y = &imported.yaml;
    assert!(y.contains("phu_luc:"), "{y}");
    assert!(
        y.contains("tieu_de: \"DANH SÁCH CÁC THÔN ĐƯỢC HỖ TRỢ\""),
        "{y}"
    );
    assert!(y.contains("- [\"2\", \"Thôn Đoài\", \"37\"]"), "{y}");
    let text = build_text(&yaml);
    common::assert_in_order(
        &text,
        &[
            "DANH SÁCH CÁC THÔN ĐƯỢC HỖ TRỢ",
            "Tên thôn",
            "Thôn Đông",
            "42",
            "Thôn Đoài",
            "37",
        ],
    );
    assert_eq!(text.matches("Kèm theo Quyết định").count(), 1, "{text}");
}

/// A biên bản làm việc with only the Quốc hiệu (no agency header) and a 3×2 table of six
/// signing parties: the agency is a blank reported at its line, and the six parties come back
/// side by side, in their order, in the PDF and the .docx.
#[test]
fn a_minutes_of_six_parties_without_agency_header() {
    let parties: [(&str, &str, &str); 6] = [
        ("ĐẠI DIỆN UBND XÃ", "CHỦ TỊCH", "Nguyễn Văn An"),
        ("ĐẠI DIỆN ĐẢNG ỦY XÃ", "BÍ THƯ", "Trần Thị Bình"),
        ("ĐẠI DIỆN MẶT TRẬN", "CHỦ TỊCH", "Lê Văn Cường"),
        ("ĐẠI DIỆN ĐOÀN THANH NIÊN", "BÍ THƯ", "Phạm Thị Dung"),
        ("ĐẠI DIỆN HỘI NÔNG DÂN", "CHỦ TỊCH", "Hoàng Văn Em"),
        ("NGƯỜI GHI BIÊN BẢN", "CÔNG CHỨC VĂN PHÒNG", "Vũ Thị Giang"),
    ];
    let cell = |i: usize| {
        let (a, b, n) = parties[i];
        format!(
            "<w:tc>{}{}{}</w:tc>",
            para(&[a], true, true),
            para(&[b], true, true),
            para(&[n], true, true)
        )
    };
    let trs: String = (0..3)
        .map(|r| format!("<w:tr>{}{}</w:tr>", cell(2 * r), cell(2 * r + 1)))
        .collect();
    let body = [
        para(&["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], true, true),
        para(&["Độc lập - Tự do - Hạnh phúc"], true, true),
        para(&["BIÊN BẢN LÀM VIỆC"], true, true),
        para(&["Về việc thống nhất kế hoạch ra quân làm đường giao thông nông thôn"], true, true),
        p("Thời gian bắt đầu: 08 giờ 00 phút, ngày 10 tháng 3 năm 2025."),
        p("Địa điểm: Hội trường Ủy ban nhân dân xã An Bình."),
        p("Nội dung:"),
        p("Các bên thống nhất ra quân làm đường giao thông nông thôn vào ngày 15 tháng 3 năm 2025."),
        p("Cuộc họp kết thúc vào 10 giờ 30 phút, cùng ngày; biên bản đã được đọc lại cho các thành viên dự họp cùng nghe và thông qua./."),
        format!("<w:tbl>{trs}</w:tbl>"),
    ]
    .concat();
    let (yaml, imported) = import("bien-ban.docx", &docx(&body, false));
    let y = &imported.yaml;
    assert!(
        y.contains("loai: bien_ban") && y.contains("ten_loai: \"BIÊN BẢN LÀM VIỆC\""),
        "{y}"
    );
    assert!(y.contains("ban_hanh: \"{{...}}\""), "{y}");
    // The note says where the agency's name was missing: beside the Quốc hiệu (paragraph 1).
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.at == 1 && n.text.starts_with("co_quan.ban_hanh")),
        "{:?}",
        imported
            .notes
            .iter()
            .map(|n| (n.at, &n.text))
            .collect::<Vec<_>>()
    );
    assert!(y.contains("cac_ben:"), "{y}");
    let text = build_text(&yaml);
    for (above, title, _) in parties {
        assert!(
            text.contains(above) && text.contains(title),
            "{above} {title}:\n{text}"
        );
    }
    let names: Vec<&str> = parties.iter().map(|p| p.2).collect();
    common::assert_in_order(&text, &names[..2]);
    common::assert_in_order(&text, &names[2..4]);
    common::assert_in_order(&text, &names[4..]);
    common::assert_in_order(&text, &[names[0], names[2], names[4]]);
    let docx_out = common::build_docx(&yaml);
    let xml = {
        use std::io::Read;
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx_out)).unwrap();
        let mut s = String::new();
        z.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    for n in names {
        assert!(xml.contains(n), "{n} not in the .docx");
    }
    let check = common::vanban(&["check", "bien-ban.yaml"], yaml.parent().unwrap());
    let stderr = String::from_utf8_lossy(&check.stderr);
    let source = std::fs::read_to_string(&yaml).unwrap();
    let line = source
        .lines()
        .position(|l| l.trim_start().starts_with("ban_hanh:"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("bien-ban.yaml:{line}:")),
        "{stderr}"
    );
}

/// Footnotes of a Word file (w:footnoteReference and word/footnotes.xml) come back as the
/// model's inline footnotes `^[…]`, printed as footnotes in the PDF and in the .docx.
#[test]
fn footnotes_come_back_as_footnotes() {
    let reference = |id: u32| {
        format!(
            r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
        )
    };
    let body = [
        row(&[
            para(
                &["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "Số: 50/KH-UBND"],
                true,
                true,
            ),
            para(
                &[
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                    "An Bình, ngày 05 tháng 3 năm 2025",
                ],
                true,
                true,
            ),
        ]),
        para(&["KẾ HOẠCH"], true, true),
        para(&["Chuyển đổi số năm 2025"], true, true),
        p("I. MỤC ĐÍCH, YÊU CẦU"),
        format!(
            "<w:p>{}{}{}</w:p>",
            run("Thực hiện Kế hoạch số 12/KH-UBND của huyện", false),
            reference(2),
            run(", xã ban hành kế hoạch này.", false)
        ),
        signature(&["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Văn An"),
    ]
    .concat();
    let notes = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Ban hành ngày 10 tháng 01 năm 2025 [*bản chính*].</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let bytes = docx_with(&body, false, &[("word/footnotes.xml", notes)]);
    let (yaml, imported) = import("chu-thich.docx", &bytes);
    let y = &imported.yaml;
    assert!(
        y.contains(r#"của huyện^[Ban hành ngày 10 tháng 01 năm 2025 [\\*bản chính\\*].], xã"#),
        "{y}"
    );
    let text = build_text(&yaml);
    assert!(text.contains("của huyện1, xã ban hành"), "{text}");
    assert!(
        text.contains("1 Ban hành ngày 10 tháng 01 năm 2025 [*bản chính*]."),
        "{text}"
    );
    // The .docx: a reference in the text and the note in footnotes.xml.
    let out = common::build_docx(&yaml);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/footnotes.xml").unwrap(), &mut xml).unwrap();
    assert!(
        xml.contains("Ban hành ngày 10 tháng 01 năm 2025 [*bản chính*]."),
        "{xml}"
    );
    let mut doc = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut doc).unwrap();
    assert!(doc.contains(r#"<w:footnoteReference w:id="1"/>"#));
    // And the .docx vanban writes imports back to the same footnote.
    let dir = yaml.parent().unwrap();
    let again = dir.join("lai.docx");
    std::fs::write(&again, common::build_docx(&yaml)).unwrap();
    let back = vanban::import::import(&again).unwrap();
    assert!(
        back.yaml.contains("^[Ban hành ngày 10 tháng 01 năm 2025"),
        "{}",
        back.yaml
    );
}

/// Many offices' old `.doc` files are web pages Word saved (Word-HTML): LibreOffice converts
/// them as it converts a Word 97–2003 file, and they import.
#[test]
fn a_word_html_doc_is_converted_through_libreoffice() {
    if !common::soffice_or_skip() {
        return;
    }
    let html = r#"<html xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<table><tr><td><p align="center"><b>ỦY BAN NHÂN DÂN<br>XÃ AN BÌNH</b></p><p align="center">Số: 30/KH-UBND</p></td>
<td><p align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></p><p align="center"><i>An Bình, ngày 05 tháng 3 năm 2025</i></p></td></tr></table>
<p align="center"><b>KẾ HOẠCH</b></p><p align="center"><b>Phòng chống thiên tai năm 2025</b></p>
<p>I. MỤC ĐÍCH, YÊU CẦU</p><p>Chủ động phòng ngừa, ứng phó kịp thời với thiên tai trên địa bàn xã.</p>
<table><tr><td><p><b><i>Nơi nhận:</i></b><br>- UBND huyện;<br>- Lưu: VT.</p></td><td><p align="center"><b>TM. ỦY BAN NHÂN DÂN<br>CHỦ TỊCH<br><br><br>Nguyễn Văn An</b></p></td></tr></table>
</body></html>"#;
    let (yaml, imported) = import("ke-hoach-web.doc", html.as_bytes());
    let y = &imported.yaml;
    assert!(y.contains("loai: ke_hoach") && y.contains("so: 30"), "{y}");
    assert!(
        y.contains("Chủ động phòng ngừa") && y.contains("Nguyễn Văn An"),
        "{y}"
    );
    build_text(&yaml);
}

/// A `+` list straight under a khoản, as offices type it (the Sở Tài chính Hậu Giang báo
/// cáo): the decree puts `+` under a gạch, so the lines stay paragraphs of that khoản, and
/// the khoản after them is still the next of its mục, numbered as the original numbers it.
#[test]
fn a_plus_list_under_a_khoan_keeps_the_numbering_after_it() {
    let body = [
        row(&[
            para(
                &["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH", "Số: 41/UBND-VP"],
                true,
                true,
            ),
            para(
                &[
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                    "An Bình, ngày 05 tháng 3 năm 2025",
                ],
                true,
                true,
            ),
        ]),
        p("Kính gửi: Sở Tài chính."),
        p("I. Diễn biến giá cả"),
        p("1. Lương thực:"),
        p("Giá gạo ổn định so với tháng trước."),
        p("2. Xăng dầu:"),
        p("Trong tháng giá xăng dầu được điều chỉnh hai lần:"),
        p("+ Ngày 04/01/2024 xăng E5 giảm 180đ/lít."),
        p("+ Ngày 11/01/2024 xăng E5 tăng 40đ/lít."),
        p("Giá gas bán lẻ không đổi."),
        p("3. Dịch vụ giao thông công cộng:"),
        p("Giá vé xe buýt giữ nguyên."),
        p("II. Kiến nghị"),
        p("Đề nghị Sở Tài chính theo dõi giá trước Tết."),
        signature(&["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Nguyễn Văn An"),
    ]
    .concat();
    let (yaml, imported) = import("cong-plus.docx", &docx(&body, false));
    let renumbered: Vec<&String> = imported
        .notes
        .iter()
        .map(|n| &n.text)
        .filter(|t| t.contains("không nối tiếp"))
        .collect();
    assert!(renumbered.is_empty(), "{renumbered:?}\n{}", imported.yaml);
    let text = build_text(&yaml);
    for line in [
        "3. Dịch vụ giao thông công cộng:",
        "+ Ngày 04/01/2024 xăng E5 giảm 180đ/lít.",
        "II. KIẾN NGHỊ",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let order: Vec<usize> = [
        "2. Xăng dầu",
        "+ Ngày 11/01",
        "Giá gas",
        "3. Dịch vụ",
        "II. KIẾN",
    ]
    .iter()
    .map(|w| text.find(w).unwrap_or_else(|| panic!("{w}\n{text}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{text}");
}
