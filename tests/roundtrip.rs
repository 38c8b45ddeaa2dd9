//! Word edits come back: a sample's .docx, edited the way Word stores edits (runs split and
//! merged, a paragraph rewritten, an item added, a recipient removed, a tracked insertion and
//! deletion, a comment, a computed figure typed over), imported with `vanban nhap` gives the
//! YAML with exactly those edits and every other byte as it was; the same after LibreOffice
//! saves the file again. Also: the importer reads bold and centring given only by a style.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{root, tempdir, vanban};

const SAMPLE: &str = "ke-hoach-ntm-2019";

/// A copy of the Lạng Sơn data (with its shared files) and the sample's .docx built there by
/// the binary.
fn built() -> (PathBuf, Vec<u8>) {
    let dir = tempdir();
    let data = dir.join("lang-son");
    std::fs::create_dir_all(data.join("_chung")).unwrap();
    let from = root().join("data/lang-son");
    for f in [format!("{SAMPLE}.yaml"), "_chung/tinh-lang-son.yaml".into()] {
        std::fs::copy(from.join(&f), data.join(&f)).unwrap();
    }
    let out = vanban(
        &[
            "build",
            &format!("lang-son/{SAMPLE}.yaml"),
            "-f",
            "docx",
            "-o",
            "out",
        ],
        &dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docx = std::fs::read(dir.join(format!("out/{SAMPLE}.docx"))).unwrap();
    (dir, docx)
}

/// The parts of a zip, in order.
fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}

fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// `xml` with the one occurrence of `from` replaced.
fn once(xml: &str, from: &str, to: &str) -> String {
    assert_eq!(xml.matches(from).count(), 1, "expected once: {from}");
    xml.replacen(from, to, 1)
}

/// The `<w:t>` element holding `text` whole: (start of the element, end of the element).
fn t_element(xml: &str, text: &str) -> (usize, usize) {
    t_element_nth(xml, text, 0)
}

/// [`t_element`] of the `n`th (from 0) occurrence of `text`.
fn t_element_nth(xml: &str, text: &str, n: usize) -> (usize, usize) {
    let at = xml
        .match_indices(text)
        .nth(n)
        .unwrap_or_else(|| panic!("no text {text} ({n})"))
        .0;
    let start = xml[..at].rfind("<w:t").unwrap();
    let end = at + xml[at..].find("</w:t>").unwrap() + "</w:t>".len();
    (start, end)
}

/// The text of the Số line inside its run: from the `<w:t>` holding `Số:` to the end of the
/// ký hiệu's last `<w:t>` (the agency's letters after its non-breaking hyphen).
fn so_line(xml: &str) -> (usize, usize) {
    let (start, _) = t_element(xml, "Số:");
    let hyphen = start + xml[start..].find("<w:noBreakHyphen/>").unwrap();
    let end = hyphen + xml[hyphen..].find("</w:t>").unwrap() + "</w:t>".len();
    (start, end)
}

/// The `<w:p>` element holding `text`.
fn p_element(xml: &str, text: &str) -> (usize, usize) {
    let at = xml.find(text).unwrap_or_else(|| panic!("no text {text}"));
    let start = xml[..at]
        .rfind("<w:p>")
        .max(xml[..at].rfind("<w:p "))
        .unwrap();
    let end = at + xml[at..].find("</w:p>").unwrap() + "</w:p>".len();
    (start, end)
}

fn t(s: &str) -> String {
    format!("<w:t xml:space=\"preserve\">{s}</w:t>")
}

const TC02: &str = "Tiêu chí số 2 về Giao thông: Năm 2019, thực hiện xây dựng được 350km đường GTNT các loại, nâng tỷ lệ cứng hóa đường đến trung tâm xã trên địa bàn toàn tỉnh lên đạt 79%. Năm 2019, phấn đấu có thêm 12 xã đạt chuẩn tiêu chí, nâng tổng số xã đạt tiêu chí lên 61/207 xã đạt chuẩn về tiêu chí giao thông, chiếm tỷ lệ 29,5%.";
const REWRITTEN_OLD: &str = "Các cơ quan truyền thông của tỉnh tăng cường tuyên truyền sâu rộng về các chủ trương, chính sách của Đảng và nhà nước, của tỉnh về thực hiện Chương trình MTQG xây dựng nông thôn mới; thường xuyên cập nhật, thông tin đầy đủ về hoạt động xây dựng nông thôn mới trên địa bàn tỉnh; tuyên truyền về các mô hình, các điển hình tiên tiến, sáng kiến và kinh nghiệm hay trong thực hiện xây dựng nông thôn mới trên các phương tiện thông tin đại chúng.";
const REWRITTEN_NEW: &str = "Các cơ quan báo chí của tỉnh đẩy mạnh tuyên truyền về chủ trương của Đảng và nhà nước về xây dựng nông thôn mới; thường xuyên đưa tin về các mô hình, điển hình tiên tiến trên các phương tiện thông tin đại chúng.";
const ADDED: &str = "Duy trì và bảo dưỡng các tuyến đường giao thông nông thôn đã cứng hóa.";
/// Added right after a heading that has paragraphs of its own: it becomes the first of them.
const FIRST_CHILD: &str = "Năm 2019 ưu tiên tuyên truyền các mô hình điển hình.";
const RECIPIENT: &str = "Văn phòng ĐP CTXDNTM tỉnh";
const NEW_RECIPIENT: &str = "Sở Tài chính";
const TRACKED: &str = "Thực hiện có hiệu quả công tác quản lý, khai thác sử dụng";
const COMMENTED: &str = "Tiếp tục đổi mới công tác tuyên truyền theo hướng thiết thực";
const CELL_OLD: &str = "Kiện toàn, phân công các thành viên BCĐ, BQL xây dựng NTM các cấp";
const CELL_NEW: &str = "Kiện toàn, phân công lại các thành viên BCĐ, BQL xây dựng NTM các cấp";
const SIGNER_OLD: &str = "Phạm Ngọc Thưởng";
const SIGNER_NEW: &str = "Phạm Ngọc Thương";
/// Printed twice (the huyện's and the xã's last duty): only the second is edited.
const TWICE_OLD: &str = "Thực hiện chế độ thông tin, báo cáo định kỳ, đột xuất theo quy định.";
const TWICE_NEW: &str = "Thực hiện chế độ thông tin, báo cáo hằng tháng, đột xuất theo quy định.";

/// document.xml edited as Word stores edits.
fn edit_document(xml: &str) -> String {
    // Runs split (a language mark on part of a sentence) and a figure typed over in them.
    let (a, b) = t_element(xml, TC02);
    let (head, tail) = TC02.split_once("lên 61/207").unwrap();
    let (first, second) = head.split_once("nâng tổng số").unwrap();
    let split = format!(
        "{}</w:r><w:r><w:rPr><w:lang w:val=\"vi-VN\"/></w:rPr>{}</w:r><w:r>{}</w:r><w:r>{}",
        t(first),
        t(&format!("nâng tổng số{second}lên ")),
        t("63"),
        t(&format!("/207{tail}"))
    );
    let mut xml = format!("{}{split}{}", &xml[..a], &xml[b..]);
    // An item added after it, in a paragraph Word wrote.
    let (_, end) = p_element(&xml, "/207 xã đạt chuẩn về tiêu chí giao thông");
    let added = format!("<w:p><w:r>{}</w:r></w:p>", t(&format!("- {ADDED}")));
    xml.insert_str(end, &added);
    let title = xml.find(">Công tác tuyên truyền</w:t>").unwrap();
    let end = title + xml[title..].find("</w:p>").unwrap() + "</w:p>".len();
    let first = format!("<w:p><w:r>{}</w:r></w:p>", t(FIRST_CHILD));
    xml.insert_str(end, &first);
    // The văn thư fills in the number the YAML leaves blank (over the runs of the ký hiệu,
    // which vanban keeps on one line with a non-breaking hyphen and a word joiner).
    let (a, b) = so_line(&xml);
    xml.replace_range(a..b, &t("Số: 12/KH-UBND"));
    // Runs merged: the next item's mark and text in one run.
    let at = xml.find("Tiêu chí số 3 về Thuỷ lợi").unwrap();
    let (p_start, _) = p_element(&xml, "Tiêu chí số 3 về Thuỷ lợi");
    let mark = xml[..at].rfind(&t("- ")).unwrap();
    assert!(
        mark > p_start,
        "the item's mark is a run of its own paragraph"
    );
    let mark_end = mark + t("- ").len() - "</w:t>".len();
    let text_start = xml[..at].rfind('>').unwrap() + 1;
    xml.replace_range(mark_end..text_start, "");
    // A paragraph rewritten.
    let (a, b) = t_element(&xml, REWRITTEN_OLD);
    xml.replace_range(a..b, &t(REWRITTEN_NEW));
    // A cell of the phụ lục's table and the signer's name.
    let (a, b) = t_element(&xml, CELL_OLD);
    xml.replace_range(a..b, &t(CELL_NEW));
    let (a, b) = t_element(&xml, SIGNER_OLD);
    xml.replace_range(a..b, &t(SIGNER_NEW));
    let (a, b) = t_element_nth(&xml, TWICE_OLD, 1);
    xml.replace_range(a..b, &t(TWICE_NEW));
    // A recipient added (with the `;` vanban prints after each).
    let (_, end) = p_element(&xml, "- BCĐ TW CTMTQG XDNTM;");
    let added = format!(
        "<w:p><w:r>{}</w:r></w:p>",
        t(&format!("- {NEW_RECIPIENT};"))
    );
    xml.insert_str(end, &added);
    // A recipient removed.
    let (a, b) = p_element(&xml, &format!("- {RECIPIENT};"));
    xml.replace_range(a..b, "");
    // A tracked deletion and insertion, not accepted.
    let (a, b) = t_element(&xml, TRACKED);
    let whole = &xml[a..b];
    let text = &whole[whole.find('>').unwrap() + 1..whole.len() - "</w:t>".len()];
    let rest = text
        .strip_prefix("Thực hiện có hiệu quả công tác ")
        .unwrap();
    let tracked = format!(
        "{}</w:r><w:del w:id=\"901\" w:author=\"Lãnh đạo\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:delText xml:space=\"preserve\">công tác </w:delText></w:r></w:del><w:ins w:id=\"902\" w:author=\"Lãnh đạo\" w:date=\"2026-01-01T00:00:00Z\"><w:r>{}</w:r></w:ins><w:r>{}",
        t("Thực hiện có hiệu quả "),
        t("việc "),
        t(rest)
    );
    xml.replace_range(a..b, &tracked);
    // A comment on a paragraph.
    let (a, b) = p_element(&xml, COMMENTED);
    // After the paragraph's properties, or after its start tag when it has none.
    let ppr_end = match xml[a..b].find("</w:pPr>") {
        Some(i) => a + i + "</w:pPr>".len(),
        None => a + xml[a..b].find('>').unwrap() + 1,
    };
    xml.insert_str(ppr_end, "<w:commentRangeStart w:id=\"0\"/>");
    let (_, end) = p_element(&xml, COMMENTED);
    xml.insert_str(
        end - "</w:p>".len(),
        "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>",
    );
    xml
}

/// The .docx with every edit, the comment's part and its relationship.
fn edited(docx: &[u8]) -> Vec<u8> {
    let mut all = parts(docx);
    for (name, bytes) in all.iter_mut() {
        let text = String::from_utf8(bytes.clone()).unwrap_or_default();
        let new = match name.as_str() {
            "word/document.xml" => edit_document(&text),
            "word/_rels/document.xml.rels" => once(&text, "</Relationships>", "<Relationship Id=\"rIdComments\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/></Relationships>"),
            "[Content_Types].xml" => once(&text, "</Types>", "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/></Types>"),
            _ => continue,
        };
        *bytes = new.into_bytes();
    }
    all.push((
        "word/comments.xml".into(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:comment w:id=\"0\" w:author=\"Lãnh đạo\" w:date=\"2026-01-01T00:00:00Z\" w:initials=\"LĐ\"><w:p><w:r><w:t>Xem lại số liệu tuyên truyền</w:t></w:r></w:p></w:comment></w:comments>".as_bytes().to_vec(),
    ));
    zip_of(&all)
}

/// The sample's YAML with exactly the edits that must come back.
fn expected(yaml: &str) -> String {
    let y = once(yaml, REWRITTEN_OLD, REWRITTEN_NEW);
    let tc02_line = y.find("Tiêu chí số 2 về Giao thông").unwrap();
    let end = tc02_line + y[tc02_line..].find('\n').unwrap() + 1;
    let mut y = y;
    y.insert_str(end, &format!("          - gach: {ADDED}\n"));
    let heading = "      - khoan: Công tác tuyên truyền\n        noi_dung:\n";
    let y = once(
        &y,
        heading,
        &format!("{heading}          - doan: {FIRST_CHILD}\n"),
    );
    let y = once(&y, CELL_OLD, CELL_NEW);
    let second = y.match_indices(TWICE_OLD).nth(1).unwrap().0;
    let mut y = y;
    y.replace_range(second..second + TWICE_OLD.len(), TWICE_NEW);
    let y = once(
        &y,
        &format!("ho_ten: {SIGNER_OLD}"),
        &format!("ho_ten: {SIGNER_NEW}"),
    );
    let y = once(
        &y,
        "  - BCĐ TW CTMTQG XDNTM\n",
        &format!("  - BCĐ TW CTMTQG XDNTM\n  - {NEW_RECIPIENT}\n"),
    );
    once(&y, &format!("  - {RECIPIENT}\n"), "")
}

/// The reader's paragraph number of the paragraph holding `text`.
fn paragraph_of(docx: &[u8], text: &str) -> usize {
    let (items, _) = vanban::import::read::read_docx_edits(docx).unwrap();
    items
        .iter()
        .find_map(|i| match i {
            vanban::import::read::Item::Line(l) if l.plain().contains(text) => Some(l.at),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no paragraph with {text}"))
}

/// Runs `vanban nhap` on `docx` (in `dir`), returning the YAML written, stdout and stderr.
fn nhap(dir: &Path, docx: &Path, extra: &[&str]) -> (String, String, String) {
    let out_yaml = dir.join("nhap.yaml");
    let mut args = vec![
        "nhap".to_string(),
        docx.display().to_string(),
        "-o".into(),
        out_yaml.display().to_string(),
        "--force".into(),
        "--diff".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = vanban(&args, dir);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "{stdout}\n{stderr}");
    (std::fs::read_to_string(out_yaml).unwrap(), stdout, stderr)
}

/// What the report must say about the edits of [`edit_document`], `docx` being the file
/// imported (for its paragraph numbers).
fn check_report(docx: &[u8], stdout: &str, stderr: &str) {
    let at = paragraph_of(docx, "/207 xã đạt chuẩn về tiêu chí giao thông");
    let warning = format!(
        "đoạn {at}: sửa 61 thành 63, nhưng `tc02.tong` tính ra 61 — sửa số liệu trong `so_lieu`"
    );
    assert!(stderr.contains(&warning), "{warning}\n---\n{stderr}");
    let number = format!(
        "đoạn {}: số văn bản 12 điền trong tệp Word: thêm dòng `so: 12` vào YAML (trước `dia_danh`)",
        paragraph_of(docx, "Số: 12/KH-UBND")
    );
    assert!(stderr.contains(&number), "{number}\n---\n{stderr}");
    let tracked = paragraph_of(docx, "khai thác sử dụng các công trình đã và được");
    for line in [
        format!("đoạn {tracked}: chữ chèn chưa được chấp nhận “việc”"),
        format!("đoạn {tracked}: chữ xoá chưa được chấp nhận “công tác”"),
        format!(
            "đoạn {}: nhận xét của Lãnh đạo: “Xem lại số liệu tuyên truyền”",
            paragraph_of(docx, COMMENTED)
        ),
    ] {
        assert!(stderr.contains(&line), "{line}\n---\n{stderr}");
    }
    for (label, text) in [
        ("mục danh sách", format!("+ - {ADDED}")),
        ("nơi nhận", format!("- - {RECIPIENT};")),
        ("nơi nhận", format!("+ - {NEW_RECIPIENT};")),
        ("đoạn", format!("+ {REWRITTEN_NEW}")),
        ("ô bảng", format!("+ {CELL_NEW}")),
        ("chữ ký", format!("+ {SIGNER_NEW}")),
        ("mục danh sách", format!("+ - {TWICE_NEW}")),
        ("đoạn", format!("+ {FIRST_CHILD}")),
    ] {
        let shown = stdout
            .split("\n")
            .collect::<Vec<_>>()
            .windows(3)
            .any(|w| w[0].starts_with(label) && w[1..].iter().any(|l| l.trim() == text));
        assert!(shown, "{label}: {text}\n---\n{stdout}");
    }
    // Unchanged paragraphs (split or merged runs, pending changes, a comment) are no change.
    assert_eq!(
        stdout.lines().filter(|l| !l.starts_with(' ')).count(),
        10,
        "{stdout}"
    );
}

#[test]
fn word_edits_come_back_into_the_yaml_and_nothing_else_changes() {
    let (dir, docx) = built();
    let yaml = std::fs::read_to_string(dir.join(format!("lang-son/{SAMPLE}.yaml"))).unwrap();
    // The unedited file comes back as the very same YAML.
    let plain = dir.join("out").join(format!("{SAMPLE}.docx"));
    let (same, stdout, _) = nhap(&dir, &plain, &["--tu", &format!("lang-son/{SAMPLE}.yaml")]);
    assert_eq!(same, yaml);
    assert!(stdout.is_empty(), "{stdout}");

    let bytes = edited(&docx);
    let file = dir.join("out/sua.docx");
    std::fs::write(&file, &bytes).unwrap();
    let (got, stdout, stderr) = nhap(&dir, &file, &["--tu", &format!("lang-son/{SAMPLE}.yaml")]);
    assert_eq!(got, expected(&yaml), "{stderr}");
    check_report(&bytes, &stdout, &stderr);
    // The YAML keeps the citation, not the number typed over it.
    assert!(got.contains("lên {{tc02.tong}}/{{tc02.mau_so}} xã đạt chuẩn về tiêu chí giao thông"));
}

/// Without `--tu`, the source is the part the .docx carries, beside its YAML.
#[test]
fn the_source_travels_in_the_docx() {
    let (dir, docx) = built();
    let beside = dir.join("lang-son/sua.docx");
    std::fs::write(&beside, edited(&docx)).unwrap();
    // The YAML the .docx was built from has changed since: the edits still go to the text
    // the .docx carries.
    let yaml_path = dir.join(format!("lang-son/{SAMPLE}.yaml"));
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    std::fs::write(&yaml_path, format!("{yaml}# sửa sau\n")).unwrap();
    let (got, _, stderr) = nhap(&dir, &beside, &[]);
    assert_eq!(got, expected(&yaml));
    assert!(stderr.contains("đã sửa sau khi dựng tệp .docx"), "{stderr}");
}

/// `soffice` on PATH, or None.
fn soffice() -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("soffice"))
            .find(|p| p.is_file())
    })
}

/// LibreOffice saves `input` again as .docx into `outdir`, with a profile of its own; a
/// generous bound, and its process group killed past it.
fn libreoffice_save(soffice: &Path, input: &Path, outdir: &Path, profile: &Path) {
    use std::os::unix::process::CommandExt;
    let log = std::fs::File::create(outdir.join("soffice.log")).unwrap();
    let mut child = Command::new(soffice)
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(outdir)
        .arg(input)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .process_group(0)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(300);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = Command::new("kill")
                .args(["-s", "KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            panic!("soffice did not finish");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn word_edits_come_back_after_a_libreoffice_save() {
    let Some(soffice) = soffice() else {
        if std::env::var("VANBAN_SKIP_OFFICE").as_deref() == Ok("1") {
            eprintln!("skipped: soffice is not on PATH and VANBAN_SKIP_OFFICE=1");
            return;
        }
        panic!(
            "soffice is not on PATH: install libreoffice-writer-nogui, or set VANBAN_SKIP_OFFICE=1"
        );
    };
    let (dir, docx) = built();
    let yaml = std::fs::read_to_string(dir.join(format!("lang-son/{SAMPLE}.yaml"))).unwrap();
    let input = dir.join("sua.docx");
    std::fs::write(&input, edited(&docx)).unwrap();
    let saved_dir = dir.join("lo");
    std::fs::create_dir_all(&saved_dir).unwrap();
    libreoffice_save(&soffice, &input, &saved_dir, &dir.join("profile"));
    let saved = saved_dir.join("sua.docx");
    assert!(saved.is_file(), "LibreOffice wrote no .docx");
    let bytes = std::fs::read(&saved).unwrap();
    let tu = format!("lang-son/{SAMPLE}.yaml");
    let (got, stdout, stderr) = nhap(&dir, &saved, &["--tu", &tu]);
    assert_eq!(got, expected(&yaml), "{stderr}");
    check_report(&bytes, &stdout, &stderr);
    // Some LibreOffice versions drop custom XML parts: then the text is matched against the
    // YAML named by --tu, with the same result, and the clerk is told.
    let dropped: Vec<(String, Vec<u8>)> = parts(&bytes)
        .into_iter()
        .filter(|(n, _)| !n.starts_with("customXml/"))
        .collect();
    let bare = saved_dir.join("khong-nguon.docx");
    std::fs::write(&bare, zip_of(&dropped)).unwrap();
    let (got, _, stderr) = nhap(&dir, &bare, &["--tu", &tu]);
    assert_eq!(got, expected(&yaml), "{stderr}");
    assert!(
        stderr.contains("tệp không còn mang nguồn YAML của vanban"),
        "{stderr}"
    );
    // Without --tu: the YAML of the same name beside it, the file being vanban's (its
    // document property survives the save).
    let beside = dir.join(format!("lang-son/{SAMPLE}.docx"));
    std::fs::copy(&bare, &beside).unwrap();
    let (got, _, stderr) = nhap(&dir, &beside, &[]);
    assert_eq!(got, expected(&yaml), "{stderr}");
}

/// A .docx vanban did not make, beside a YAML of the same name, is imported afresh: the YAML
/// beside is not taken for its source.
#[test]
fn an_ordinary_docx_beside_a_yaml_is_imported_afresh() {
    let (dir, docx) = built();
    let foreign: Vec<(String, Vec<u8>)> = parts(&edited(&docx))
        .into_iter()
        .filter(|(n, _)| !n.starts_with("customXml/") && n != "docProps/custom.xml")
        .collect();
    let beside = dir.join(format!("lang-son/{SAMPLE}.docx"));
    std::fs::write(&beside, zip_of(&foreign)).unwrap();
    let (got, stdout, _) = nhap(&dir, &beside, &[]);
    assert!(
        got.starts_with(&format!("# Nhập từ {SAMPLE}.docx bằng `vanban nhap`")),
        "{got}"
    );
    assert!(stdout.is_empty(), "{stdout}");
}

/// A heading whose bold and centring are only in its paragraph style (based on another), and
/// a run whose character style takes the bold off.
#[test]
fn the_importer_reads_emphasis_given_by_styles() {
    let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="TieuDeGoc"><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TenLoai"><w:basedOn w:val="TieuDeGoc"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style><w:style w:type="character" w:styleId="Thuong"><w:rPr><w:b w:val="0"/></w:rPr></w:style></w:styles>"#;
    let document = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="TenLoai"/></w:pPr><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="TenLoai"/></w:pPr><w:r><w:t xml:space="preserve">Tiêu đề </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Thuong"/></w:rPr><w:t>thường</w:t></w:r></w:p><w:p><w:r><w:t>Đoạn văn</w:t></w:r></w:p></w:body></w:document>"#;
    let docx = zip_of(&[
        ("word/document.xml".into(), document.as_bytes().to_vec()),
        ("word/styles.xml".into(), styles.as_bytes().to_vec()),
    ]);
    let (_, items) = vanban::import::read::read_bytes(Path::new("a.docx"), &docx).unwrap();
    let lines: Vec<&vanban::import::read::Line> = items
        .iter()
        .filter_map(|i| match i {
            vanban::import::read::Item::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!((lines[0].all_bold(), lines[0].centered), (Some(true), true));
    assert_eq!(lines[1].markup(0, false, false), "**Tiêu đề** thường");
    assert_eq!(
        (lines[2].all_bold(), lines[2].centered),
        (Some(false), false)
    );
}

/// A number of a results table typed over: located, with the cell, and not written; the
/// document's number corrected on its Số line: written as `so`.
#[test]
fn a_table_figure_typed_over_is_reported_not_written() {
    let dir = tempdir();
    let mut copy = Command::new("cp");
    copy.arg("-r").arg(root().join("data")).arg(&dir);
    assert!(copy.status().unwrap().success());
    let yaml_path = "data/lang-son/bao-cao-ntm-2019.yaml";
    let out = vanban(&["build", yaml_path, "-f", "docx", "-o", "out"], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut all = parts(&std::fs::read(dir.join("out/bao-cao-ntm-2019.docx")).unwrap());
    for (name, bytes) in all.iter_mut() {
        if name == "word/document.xml" {
            let xml = String::from_utf8(bytes.clone()).unwrap();
            let xml = once(&xml, &t("103,3"), &t("105,0"));
            *bytes = once(&xml, &t("312/\u{2060}BC"), &t("315/\u{2060}BC")).into_bytes();
        }
    }
    let bytes = zip_of(&all);
    let file = dir.join("out/sua.docx");
    std::fs::write(&file, &bytes).unwrap();
    let (got, stdout, stderr) = nhap(&dir, &file, &["--tu", yaml_path]);
    // The number the văn thư corrected on the Số line is the YAML's `so`.
    let yaml = std::fs::read_to_string(dir.join(yaml_path)).unwrap();
    assert_eq!(got, once(&yaml, "\nso: 312\n", "\nso: 315\n"));
    let (items, _) = vanban::import::read::read_docx_edits(&bytes).unwrap();
    let table = items
        .iter()
        .find_map(|i| match i {
            vanban::import::read::Item::Table(t)
                if t.rows.iter().flatten().any(|c| c == "105,0") =>
            {
                Some(t)
            }
            _ => None,
        })
        .expect("the results table");
    let row = table
        .rows
        .iter()
        .position(|r| r.iter().any(|c| c == "105,0"))
        .unwrap();
    let col = table.rows[row].iter().position(|c| c == "105,0").unwrap();
    let warning = format!(
        "đoạn {}: sửa 103,3 thành 105,0, nhưng số này vanban in từ `so_lieu` — sửa số liệu trong `so_lieu`",
        table.at
    );
    assert!(stderr.contains(&warning), "{warning}\n---\n{stderr}");
    let header = format!(
        "ô bảng {} (hàng {}, cột {}) (chưa đưa vào YAML):",
        table.at,
        row + 1,
        col + 1
    );
    assert!(stdout.contains(&header), "{header}\n---\n{stdout}");
    assert!(stdout.starts_with("số văn bản "), "{stdout}");
}

/// Every sample's .docx (each member of a family too), imported unedited, gives its YAML
/// back byte for byte, with no change and no warning: nothing is found that was not edited.
#[test]
fn every_unedited_sample_comes_back_as_its_yaml() {
    let dir = tempdir();
    let mut copy = Command::new("cp");
    copy.arg("-r").arg(root().join("data")).arg(&dir);
    assert!(copy.status().unwrap().success());
    let out = vanban(&["build", "data", "-f", "docx", "-o", "out"], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: Vec<PathBuf> = walkdir::WalkDir::new(dir.join("out"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    assert!(docs.len() >= 15, "{docs:?}");
    for docx in docs {
        let bytes = std::fs::read(&docx).unwrap();
        let record = vanban::render::docx::source::find(&bytes)
            .unwrap_or_else(|| panic!("{} carries no source", docx.display()));
        let region = docx.parent().unwrap().file_name().unwrap();
        let source = Path::new("data").join(region).join(&record.name);
        let yaml = std::fs::read_to_string(dir.join(&source)).unwrap();
        assert_eq!(record.text, yaml, "{}", docx.display());
        let (got, stdout, stderr) = nhap(&dir, &docx, &["--tu", source.to_str().unwrap()]);
        assert_eq!(got, yaml, "{}: {stderr}", docx.display());
        assert!(stdout.is_empty(), "{}: {stdout}", docx.display());
        assert!(
            !stderr.contains("cảnh báo:"),
            "{}: {stderr}",
            docx.display()
        );
    }
}

/// The .docx as `vanban build` writes it, with its source part, is built to the same bytes
/// again and is valid Office Open XML (openxml-audit against the Office 2019 schemas, as
/// tests/docx.rs checks the writer's parts).
#[test]
fn the_docx_with_its_source_is_valid_office_open_xml() {
    let (dir, docx) = built();
    assert!(vanban::render::docx::source::find(&docx).is_some());
    // The part keeps the bytes deterministic: built again elsewhere, the same bytes.
    let out = vanban(
        &[
            "build",
            &format!("lang-son/{SAMPLE}.yaml"),
            "-f",
            "docx",
            "-o",
            "lai",
            "--force",
        ],
        &dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(dir.join(format!("lai/{SAMPLE}.docx"))).unwrap() == docx);
    let has = Command::new("python3")
        .args(["-c", "import openxml_audit"])
        .status()
        .is_ok_and(|s| s.success());
    if !has {
        if std::env::var("VANBAN_SKIP_OFFICE").as_deref() == Ok("1") {
            eprintln!("skipped: openxml-audit is not installed");
            return;
        }
        panic!(
            "openxml-audit is needed: python3 -m pip install openxml-audit==0.8.0 (.ci/run does)"
        );
    }
    let file = dir.join(format!("out/{SAMPLE}.docx"));
    let out = Command::new("python3")
        .args([
            "-m",
            "openxml_audit",
            "-f",
            "office2019",
            "-m",
            "0",
            "-o",
            "json",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.contains(r#""valid": true"#),
        "{report}"
    );
}

/// Pending changes read as rejected — an insertion or a move's arrival left out, a deletion or
/// a move's source kept — and each listed with its paragraph, as is a comment.
#[test]
fn pending_changes_are_read_as_rejected_and_listed() {
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let document = format!(
        "<w:document {w}><w:body>\
         <w:p><w:r><w:t xml:space=\"preserve\">Một </w:t></w:r><w:ins w:id=\"1\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\">mới </w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText xml:space=\"preserve\">cũ </w:delText></w:r></w:del><w:r><w:t>hai</w:t></w:r></w:p>\
         <w:p><w:moveFrom w:id=\"3\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\">dời </w:t></w:r></w:moveFrom><w:r><w:t>ba</w:t></w:r><w:moveTo w:id=\"4\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\"> dời</w:t></w:r></w:moveTo><w:r><w:commentReference w:id=\"7\"/></w:r></w:p>\
         </w:body></w:document>"
    );
    let comments = format!(
        "<w:comments {w}><w:comment w:id=\"7\" w:author=\"Lãnh đạo\"><w:p><w:r><w:t>Xem lại</w:t></w:r></w:p></w:comment></w:comments>"
    );
    let docx = zip_of(&[
        ("word/document.xml".into(), document.into_bytes()),
        ("word/comments.xml".into(), comments.into_bytes()),
    ]);
    let (items, marks) = vanban::import::read::read_docx_edits(&docx).unwrap();
    let texts: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            vanban::import::read::Item::Line(l) => Some(l.plain()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, ["Một cũ hai", "dời ba"]);
    use vanban::import::read::Mark;
    assert_eq!(
        marks,
        [
            Mark::Inserted {
                at: 1,
                text: "mới".into()
            },
            Mark::Deleted {
                at: 1,
                text: "cũ".into()
            },
            Mark::Deleted {
                at: 2,
                text: "dời".into()
            },
            Mark::Inserted {
                at: 2,
                text: "dời".into()
            },
            Mark::Comment {
                at: 2,
                author: "Lãnh đạo".into(),
                text: "Xem lại".into()
            },
        ]
    );
    // An ordinary import still reads the changes as accepted, as it always has.
    let (_, items) = vanban::import::read::read_bytes(Path::new("a.docx"), &docx).unwrap();
    let first = match &items[0] {
        vanban::import::read::Item::Line(l) => l.plain(),
        other => panic!("{other:?}"),
    };
    assert_eq!(first, "Một mới hai");
}

/// A YAML saved on Windows (byte-order mark, CRLF, `\` in its paths) comes back as saved:
/// the .docx carries the file as read, and the edit goes into that very text.
#[test]
fn a_yaml_saved_on_windows_comes_back_as_saved() {
    let (dir, _) = built();
    let path = dir.join(format!("lang-son/{SAMPLE}.yaml"));
    let lf = std::fs::read_to_string(&path).unwrap();
    let windows = format!(
        "\u{feff}{}",
        lf.replace("_chung/", "_chung\\").replace('\n', "\r\n")
    );
    std::fs::write(&path, &windows).unwrap();
    let out = vanban(
        &[
            "build",
            &format!("lang-son/{SAMPLE}.yaml"),
            "-f",
            "docx",
            "-o",
            "win",
        ],
        &dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docx = std::fs::read(dir.join(format!("win/{SAMPLE}.docx"))).unwrap();
    assert_eq!(
        vanban::render::docx::source::find(&docx).unwrap().text,
        windows
    );
    let mut all = parts(&docx);
    for (name, bytes) in all.iter_mut() {
        if name == "word/document.xml" {
            let xml = String::from_utf8(bytes.clone()).unwrap();
            let (a, b) = t_element(&xml, REWRITTEN_OLD);
            *bytes = format!("{}{}{}", &xml[..a], t(REWRITTEN_NEW), &xml[b..]).into_bytes();
        }
    }
    let file = dir.join("win/sua.docx");
    std::fs::write(&file, zip_of(&all)).unwrap();
    let (got, _, stderr) = nhap(&dir, &file, &["--tu", &format!("lang-son/{SAMPLE}.yaml")]);
    assert_eq!(
        got,
        once(&windows, REWRITTEN_OLD, REWRITTEN_NEW),
        "{stderr}"
    );
}
