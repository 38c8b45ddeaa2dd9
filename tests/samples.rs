//! The samples in `data/`: each builds, its PDF text holds the expected wording in order
//! (computed figures included), its generated Typst source matches the snapshot, and two
//! builds give identical bytes.

mod common;

use std::process::Command;

use common::{assert_in_order, build, pdf_text, root, tempdir};

#[test]
fn every_sample_has_expectations() {
    let mut found: Vec<String> = walkdir::WalkDir::new(root().join("data"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .filter(|e| {
            !e.path()
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('_'))
        })
        .map(|e| {
            e.path()
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    found.sort();
    let mut listed: Vec<String> = SAMPLES.iter().map(|(p, _, _)| p.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed);
}

#[test]
fn sample_pdfs_read_as_expected() {
    for (path, header, body) in SAMPLES {
        let b = build(&root().join(path));
        assert!(!b.report.has_errors());
        let text = pdf_text(&b.pdf);
        // The two header columns may be read in either order; geometry.rs checks where they are.
        for h in header {
            assert!(text.contains(h), "{path}: header lacks {h:?}");
        }
        // "|" separates runs of phrases. The nơi nhận column and the signer column sit side by
        // side and pdftotext may interleave their lines, so the signer run is checked from
        // where the nơi nhận run started; what follows both is checked after both.
        let mut from = 0;
        let mut end = 0;
        for run in body.split(|p| *p == "|") {
            let stop = assert_in_order(&text[from..], run) + from;
            end = end.max(stop);
            if run.first().is_some_and(|p| p.starts_with("Nơi nhận")) {
                continue;
            }
            from = end;
        }
    }
}

/// The generated Typst source of each sample, checked against `tests/snapshots/`. Run with
/// `UPDATE_SNAPSHOTS=1` to accept a deliberate change, then review the diff.
#[test]
fn typst_source_snapshots() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut mismatched = Vec::new();
    for (path, _, _) in SAMPLES {
        let b = build(&root().join(path));
        let name = path
            .trim_start_matches("data/")
            .replace('/', "__")
            .replace(".yaml", ".typ");
        let snap = root().join("tests/snapshots").join(&name);
        if update {
            std::fs::create_dir_all(snap.parent().unwrap()).unwrap();
            std::fs::write(&snap, &b.typ).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&snap).unwrap_or_default();
        if want != b.typ {
            let line = want
                .lines()
                .zip(b.typ.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0)
                + 1;
            mismatched.push(format!("{name} differs from line {line}"));
        }
    }
    assert!(
        mismatched.is_empty(),
        "snapshots differ (UPDATE_SNAPSHOTS=1 to accept): {mismatched:?}"
    );
}

#[test]
fn builds_are_byte_identical() {
    let path = root().join("data/lang-son/thong-bao-ket-luan-2020.yaml");
    assert_eq!(build(&path).pdf, build(&path).pdf);
}

#[test]
fn pdf_metadata_names_title_author_subject_and_language() {
    let b = build(&root().join("data/lang-son/ke-hoach-ntm-2019.yaml"));
    let dir = tempdir();
    let file = dir.join("kh.pdf");
    std::fs::write(&file, &b.pdf).unwrap();
    let out = Command::new("pdfinfo")
        .arg(&file)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&out.stdout);
    assert!(
        info.contains("Title:")
            && info.contains("Kế hoạch Thực hiện Chương trình mục tiêu quốc gia"),
        "{info}"
    );
    assert!(
        info.contains("Author:") && info.contains("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"),
        "{info}"
    );
    assert!(
        info.contains("Subject:") && info.contains("Kế hoạch /KH-UBND"),
        "{info}"
    );
    assert!(
        info.contains("Page size:") && info.contains("595.") && info.contains("841."),
        "{info}"
    );
    let meta = Command::new("pdfinfo")
        .arg("-meta")
        .arg(&file)
        .output()
        .unwrap();
    let meta = String::from_utf8_lossy(&meta.stdout);
    assert!(
        meta.contains("<dc:language><rdf:Bag><rdf:li>vi-VN</rdf:li>"),
        "no Vietnamese language tag: {meta}"
    );
    // Only the embedded font is used.
    let fonts = Command::new("pdffonts").arg(&file).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    for line in fonts.lines().skip(2) {
        assert!(
            line.contains("LiberationSerif") && line.contains(" yes "),
            "unexpected font: {line}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn special_characters_come_out_literally() {
    let b = build(&root().join("tests/fixtures/valid/ky-tu-dac-biet.yaml"));
    let text = pdf_text(&b.pdf);
    for s in [
        "SỞ #NỘI_VỤ $1 @A <B> [C]",
        "Hà Nội \\ = - + ~ / `x`",
        "V/v #set page(width: 1cm) $x^2$ \"quote\" 'single' {{ }} {% raw %} {# c #}",
        "Kính gửi: #pagebreak() [a] <b> @c.",
        "Dấu #include \"/etc/passwd\" và $a$ _b_ @d <e> [f] \\ `g` ~h /i =j -k +l // m /* n {{ x y }} {% if %} {# y #}",
        "- = Not a heading",
        "- - not a list",
        "- + 1. 2) not an enum",
        "#strong[bold?] #emph(\"no\") \\u{41} ]\"",
        "GIÁM ĐỐC #1",
        "Nguyễn [Văn] An*",
        "- Phòng <Tổ chức> & #Cán bộ;",
    ] {
        assert!(text.contains(s), "{s:?} not literal in:\n{text}");
    }
    // Nothing was injected: one page, only the embedded font.
    assert_eq!(b.doc.pages().len(), 1);
}

/// Each sample, the lines its header must show, and the wording its PDF must contain in
/// this order.
type Sample = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);
const SAMPLES: [Sample; 14] = [
    (
        "data/lang-son/ke-hoach-ntm-2019.yaml",
        &[
                        "ỦY BAN NHÂN DÂN",
            "TỈNH LẠNG SƠN",
            "Số: /KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Lạng Sơn, ngày tháng 02 năm 2019",
        ],
        &[
            "KẾ HOẠCH Thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới tỉnh Lạng Sơn năm 2019",
            "Căn cứ Quyết định số 1600/QĐ-TTg ngày 16/8/2016 của Thủ tướng Chính phủ",
            "I. MỤC TIÊU CHUNG, MỤC TIÊU CỤ THỂ",
            "1. Mục tiêu chung",
            "Năm 2019, phấn đấu xây dựng 12 xã đạt chuẩn nông thôn mới, nâng tổng số xã đạt chuẩn nông thôn mới toàn tỉnh lên 60 xã",
            "- Số xã đạt 19 tiêu chí có 60/207 xã, chiếm 28,99%;",
            "- Số xã đạt 15-18 tiêu chí có 02/207 xã, chiếm 0,97%;",
            "- Số xã đạt 10-14 tiêu chí có 35/207 xã, chiếm 16,91%;",
            "- Số xã đạt từ 5-9 tiêu chí có 110/207 xã, chiếm 53,14%.",
            "2. Chỉ tiêu cụ thể",
            "Năm 2019, phấn đấu có thêm 12 xã đạt chuẩn tiêu chí, nâng tổng số xã đạt tiêu chí lên 61/207 xã đạt chuẩn về tiêu chí giao thông, chiếm tỷ lệ 29,5%.",
            "Năm 2019 phấn đấu có thêm 09 xã đạt chuẩn tiêu chí; nâng tổng số xã đạt chuẩn về tiêu chí Thủy lợi toàn tỉnh lên 160/207 chiếm tỷ lệ 77,3%",
            "Nâng tổng số xã có hệ thống đài truyền thanh xã lên 90/207 xã, chiếm tỷ lệ 43,5%, trong đó xã đạt chuẩn tiêu chí là 68/207 xã chiếm tỷ lệ 32,9%",
            "nâng tổng số toàn tỉnh đạt tiêu chí lên 133/207 xã đạt tỷ lệ 64,3%",
            "lên là 194/207 xã chiếm tỷ lệ 93,7%",
            "II. NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN",
            "III. NGUỒN VỐN THỰC HIỆN CHƯƠNG TRÌNH",
            "năm 2019 là 3.002,8 tỷ đồng, trong đó:",
            "1. Vốn đầu tư trực tiếp cho Chương trình: 652,8 tỷ đồng, chiếm 21,7%.",
            "- Vốn ngân sách Trung ương: 495,1 tỷ đồng chiếm 16,5%.",
            "- Vốn ngân sách địa phương: 157,7 tỷ đồng, chiếm 5,3%.",
            "2. Vốn lồng ghép từ các Chương trình, dự án khác: 365 tỷ đồng, chiếm 12,2%.",
            "4. Vốn tín dụng: 1.800 tỷ đồng chiếm 59,9%.",
            "6. Huy động khác: 5 tỷ đồng, chiếm 0,2%.",
            "IV. TỔ CHỨC THỰC HIỆN",
            "8. Ủy ban nhân dân cấp xã",
            "theo chức năng nhiệm vụ được phân công./.",
            "|",
            "Nơi nhận:",
            "- BCĐ TW CTMTQG XDNTM;",
            "- Các sở, ban, ngành, cơ quan thành viên BCĐ các CT MTQG tỉnh;",
            "- Lưu: VT, KTN (VQK).",
            "|",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Phạm Ngọc Thưởng",
            "|",
            "Phụ lục NỘI DUNG CÔNG VIỆC, TIẾN ĐỘ THỜI GIAN, TRÁCH NHIỆM THỰC HIỆN",
            "(Kèm theo Kế hoạch số /KH-UBND ngày /02/2019 của UBND tỉnh)",
            "TT Nội dung công việc Chỉ đạo",
            "I Kiện toàn bộ máy",
            "XIII Chế độ thông tin, báo cáo",
        ],
    ),
    (
        "data/lang-son/thong-bao-ket-luan-2020.yaml",
        &[
                        "ỦY BAN NHÂN DÂN",
            "TỈNH LẠNG SƠN",
            "Số: /TB-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Lạng Sơn, ngày tháng 02 năm 2020",
        ],
        &[
            "THÔNG BÁO Kết luận của Chủ tịch UBND tỉnh tại Hội nghị trực tuyến triển khai nhiệm vụ, kế hoạch xây dựng nông thôn mới năm 2020",
            "Ngày 12/02/2020, đồng chí Phạm Ngọc Thưởng, Chủ tịch UBND tỉnh đã chủ trì",
            "1. Chương trình xây dựng nông thôn mới đến nay đã triển khai thực hiện được 10 năm",
            "2. Những kết quả đạt được năm 2019",
            "- Thuận lợi:",
            "- Khó khăn:",
            "Tổng nhu cầu các nguồn vốn để thực hiện chương trình nông thôn mới năm 2020 ước khoảng 4.111,5 tỷ đồng, trong đó: Vốn Ngân sách đầu tư trực tiếp cho Chương trình 985,7 tỷ đồng, chiếm 24% đã xác định, còn lại 76% là huy động, lồng ghép",
            "3. Qua thảo luận",
            "a) Cấp ủy, chính quyền các cấp",
            "b) Tiếp tục tăng cường",
            "c) Đẩy mạnh phát triển sản xuất",
            "d) Đẩy nhanh tiến độ",
            "đ) Tập trung chỉ đạo nâng cao chất lượng",
            "e) UBND, Ban Chỉ đạo các Chương trình mục tiêu quốc gia",
            "UBND tỉnh thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.",
            "|",
            "Nơi nhận:",
            "- Thường trực Tỉnh ủy;",
            "- Lưu: VT, KTN(PVĐ).",
            "|",
            "TL. CHỦ TỊCH",
            "CHÁNH VĂN PHÒNG",
            "Phạm Hùng Trường",
        ],
    ),
    (
        "data/lang-son/cong-van-vpdp-2020.yaml",
        &[
                        "UBND TỈNH LẠNG SƠN",
            "VĂN PHÒNG ĐIỀU PHỐI",
            "XÂY DỰNG NÔNG THÔN MỚI",
            "Số: /VPĐP-KHTT",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Lạng Sơn, ngày tháng 4 năm 2020",
        ],
        &[
            "V/v đẩy nhanh tiến độ thực hiện Chương trình xây dựng nông thôn mới năm 2020",
            "Kính gửi: - UBND các huyện, thành phố; - Văn phòng Điều phối xây dựng nông thôn mới các huyện, thành phố.",
            "Thực hiện Công văn số 01/BCĐTW-VPĐP",
            "1. Uỷ ban nhân dân, Ban Chỉ đạo các chương trình MTQG các huyện, thành phố khẩn trương rà soát",
            "2. Đối với mục tiêu nhiện vụ xây dựng nông thôn mới năm 2020",
            "- Công tác chỉ đạo các xã phấn đấu đạt chuẩn trong năm 2020",
            "- Đối với Đề án hỗ trợ 189 thôn thuộc 18 xã khu vực biên giới",
            "quan tâm chỉ đạo thực hiện./.",
            "|",
            "Nơi nhận:",
            "- Như trên; - UBND tỉnh (b/c);",
            "- Lưu: VT.",
            "|",
            "CHÁNH VĂN PHÒNG",
            "Lý Việt Hưng",
        ],
    ),
    (
        "data/bac-son/cong-van-ntm-2024.yaml",
        &[
                        "ỦY BAN NHÂN DÂN",
            "HUYỆN BẮC SƠN",
            "Số: /UBND-PNN",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Bắc Sơn, ngày tháng 9 năm 2024",
        ],
        &[
            "V/v đẩy nhanh tiến độ thực hiện các nhiệm vụ xây dựng nông thôn mới năm 2024",
            "Kính gửi: - Văn phòng Điều phối xây dựng nông thôn mới huyện; - Các thành viên Ban Chỉ đạo các Chương trình MTQG phụ trách xây dựng nông thôn mới huyện; - Ủy ban nhân dân các xã.",
            "Năm 2024 với mục tiêu phấn đấu xây dựng thêm 01 xã đạt chuẩn nông thôn mới (xã Tân Thành), nâng tổng số xã đạt chuẩn nông thôn mới toàn huyện lên 13/17 xã",
            "xây dựng thêm 01 xã đạt chuẩn nông thôn mới nâng cao (xã Hưng Vũ), nâng tổng số xã đạt chuẩn nông thôn mới nâng cao toàn huyện lên 02 xã đạt chuẩn",
            "nâng tổng số xã đạt chuẩn nông thôn mới kiểu mẫu trên địa bàn huyện lên 03 xã.",
            "1. Đối với các xã đã đạt chuẩn nông thôn mới, nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
            "2. Đối với xã phấn đấu đạt chuẩn",
            "3. Đối với các xã chưa đạt chuẩn nông thôn mới",
            "4. Đối với Ban Quản lý Dự án đầu tư xây dựng huyện:",
            "(xã Tân Thành, xã Hưng Vũ, xã Bắc Quỳnh)",
            "5. Đối với việc thực hiện xây dựng Vườn mẫu",
            "(qua Phòng Nông nghiệp và PTNT huyện trước ngày 10/11/2024)",
            "6. Các thành viên Ban Chỉ đạo",
            "nghiêm túc triển khai thực hiện các nội dung trên./.",
            "|",
            "Nơi nhận:",
            "- Như trên;",
            "- TT. Huyện ủy (B/c);",
            "- TT. HĐND huyện (B/c);",
            "- CT, các PCT UBND huyện;",
            "- Lưu: VT.",
            "|",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Lộc Quang Hòa",
        ],
    ),
    (
        "data/lang-son/quyet-dinh-quy-che-bcd-2019.yaml",
        &[
            "ỦY BAN NHÂN DÂN",
            "TỈNH LẠNG SƠN",
            "Số: 05/QĐ-UBND",
            "Lạng Sơn, ngày 04 tháng 3 năm 2019",
        ],
        &[
            "QUYẾT ĐỊNH Ban hành Quy chế hoạt động của Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh Lạng Sơn giai đoạn 2019 - 2020",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Theo đề nghị của Giám đốc Sở Nông nghiệp và Phát triển nông thôn tại Tờ trình số 18/TTr-SNN ngày 20/02/2019.",
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế",
            "Điều 2. Quyết định này có hiệu lực",
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh",
            "|",
            "Nơi nhận:",
            "- Như Điều 3;",
            "- Lưu: VT, KTN, NVB.(45).",
            "|",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn Bình",
            "|",
            "QUY CHẾ Hoạt động của Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh Lạng Sơn giai đoạn 2019 - 2020",
            "(Ban hành kèm theo Quyết định số 05/QĐ-UBND ngày 04/3/2019 của Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn)",
            "Chương I QUY ĐỊNH CHUNG",
            "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng",
            "1. Quy chế này quy định nguyên tắc",
            "2. Quy chế này áp dụng đối với",
            "Điều 2. Nguyên tắc làm việc",
            "Chương II NHIỆM VỤ, QUYỀN HẠN",
            "Mục 1 BAN CHỈ ĐẠO",
            "Điều 3. Nhiệm vụ của Ban Chỉ đạo",
            "a) Xây dựng kế hoạch thực hiện hằng năm và giai đoạn;",
            "d) Sơ kết, tổng kết, đề xuất khen thưởng.",
            "Mục 2 THÀNH VIÊN BAN CHỈ ĐẠO",
            "Điều 4. Nhiệm vụ của Trưởng ban",
            "Điều 5. Nhiệm vụ của các thành viên",
            "Chương III TỔ CHỨC THỰC HIỆN",
            "Điều 6. Chế độ họp",
            "Điều 7. Sửa đổi, bổ sung Quy chế",
            "sửa đổi, bổ sung cho phù hợp.",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn Bình",
        ],
    ),
    (
        "data/lang-son/bao-cao-ntm-2019.yaml",
        &["Số: 312/BC-UBND", "Lạng Sơn, ngày 16 tháng 12 năm 2019"],
        &[
            "BÁO CÁO Kết quả thực hiện Kế hoạch xây dựng nông thôn mới tỉnh Lạng Sơn năm 2019",
            "Kính gửi: Ban Chỉ đạo Trung ương các Chương trình mục tiêu quốc gia.",
            "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
            // 61 of the plan's 60: 101,67 % → 101,7 %, one more than planned.
            "toàn tỉnh có thêm 01 xã so với kế hoạch được công nhận đạt chuẩn nông thôn mới: 61/60 xã, đạt 101,7% kế hoạch (vượt kế hoạch).",
            // 63/61 = 103,28 %; 160 of 160; 59/64 = 92,19 %, five short.
            "Tiêu chí Giao thông đạt 63 xã, bằng 103,3% kế hoạch (vượt kế hoạch); tiêu chí Thủy lợi đạt kế hoạch với 160 xã; tiêu chí Trường học chưa đạt kế hoạch, đạt 59/64 xã (92,2%), còn thiếu 05 xã.",
            "1 Xã đạt chuẩn nông thôn mới xã 60 61 101,7",
            "3 Xã đạt tiêu chí Thủy lợi xã 160 160 100",
            "5 Xã đạt tiêu chí Y tế xã 133 135 101,5",
            // 2.874,5 of the plan's 3.002,8 = 95,73 %.
            "6 Vốn huy động thực hiện Chương trình",
            "3.002,8 2.874,5 95,7",
            "Tổng vốn huy động đạt 2.874,5 tỷ đồng trên 3.002,8 tỷ đồng kế hoạch, bằng 95,7%.",
            "II. NHIỆM VỤ TRỌNG TÂM NĂM 2020",
            "Ủy ban nhân dân tỉnh Lạng Sơn trân trọng báo cáo./.",
            "|",
            "Nơi nhận:",
            "- Như trên;",
            "- BCĐ tỉnh;",
            "- Lưu: VT, KTN.",
            "|",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
        ],
    ),
    (
        "data/lang-son/to-trinh-von-ntm-2020.yaml",
        &[
            "UBND TỈNH LẠNG SƠN",
            "SỞ NÔNG NGHIỆP",
            "VÀ PHÁT TRIỂN NÔNG THÔN",
            "Số: 27/TTr-SNN",
            "Lạng Sơn, ngày 10 tháng 01 năm 2020",
        ],
        &[
            "TỜ TRÌNH Đề nghị phân bổ vốn sự nghiệp thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2020",
            "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn.",
            "Căn cứ Nghị quyết số 35/NQ-HĐND ngày 13/12/2019 của Hội đồng nhân dân tỉnh về dự toán ngân sách năm 2020.",
            // 28.450 + 6.200 + 4.830 + 1.520 = 41.000; shares 69,39 / 15,12 / 11,78 / 3,71 %.
            "phân bổ 41.000 triệu đồng vốn sự nghiệp (bốn mươi mốt nghìn triệu đồng)",
            "- Hỗ trợ phát triển sản xuất: 28.450 triệu đồng, chiếm 69,4%;",
            "- Đào tạo nghề cho lao động nông thôn: 6.200 triệu đồng, chiếm 15,1%;",
            "- Cải thiện môi trường nông thôn: 4.830 triệu đồng, chiếm 11,8%;",
            "- Tuyên truyền, đào tạo cán bộ: 1.520 triệu đồng, chiếm 3,7%.",
            "|",
            "Nơi nhận:",
            "- Như trên;",
            "- Sở Tài chính;",
            "- Lưu: VT, KHTC, TMĐ.(6).",
            "|",
            "GIÁM ĐỐC",
            "Trần Minh Đức",
            "|",
            "Địa chỉ: Số 3 đường Lê Lợi, phường Vĩnh Trại, thành phố Lạng Sơn; ĐT: 0205 3812 345; Email: snnptnt@langson.gov.vn",
        ],
    ),
    (
        "data/lang-son/giay-moi-so-ket-ntm-2019.yaml",
        &["BAN CHỈ ĐẠO", "Số: 08/GM-BCĐ", "Lạng Sơn, ngày 08 tháng 7 năm 2019"],
        &[
            "GIẤY MỜI Hội nghị sơ kết 6 tháng đầu năm",
            "Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh Lạng Sơn trân trọng kính mời:",
            "- Thành viên BCĐ tỉnh;",
            "- Văn phòng Điều phối Chương trình xây dựng nông thôn mới tỉnh.",
            "Tới dự: Hội nghị sơ kết 6 tháng đầu năm thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2019.",
            // 16/7/2019 was a Tuesday.
            "Thời gian: từ 08 giờ 00 phút đến 11 giờ 30 phút, thứ Ba, ngày 16 tháng 7 năm 2019.",
            "Địa điểm: Hội trường tầng 3, trụ sở Ủy ban nhân dân tỉnh",
            "Rất mong các đại biểu tham dự đầy đủ, đúng giờ./.",
            "|",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT, VPĐP.",
            "|",
            "KT. TRƯỞNG BAN",
            "PHÓ TRƯỞNG BAN",
            "Nguyễn Văn Bình",
        ],
    ),
    (
        "data/lang-son/bien-ban-hop-bcd-2019.yaml",
        &["Số: 03/BB-BCĐ", "Lạng Sơn, ngày 16 tháng 7 năm 2019"],
        &[
            "BIÊN BẢN Hội nghị sơ kết 6 tháng đầu năm",
            "Thời gian bắt đầu: 08 giờ 00 phút, ngày 16 tháng 7 năm 2019.",
            "Địa điểm: Hội trường tầng 3, trụ sở Ủy ban nhân dân tỉnh Lạng Sơn.",
            "Thành phần tham dự:",
            "- Các thành viên BCĐ tỉnh;",
            "- Lãnh đạo Ủy ban nhân dân 11 huyện, thành phố.",
            "Chủ trì (chủ tọa): Ông Nguyễn Văn Bình, Phó Trưởng ban Thường trực.",
            "Thư ký (người ghi biên bản): Bà Hoàng Thị Mai",
            "Nội dung:",
            "1. Văn phòng Điều phối Chương trình xây dựng nông thôn mới tỉnh báo cáo kết quả 6 tháng đầu năm",
            "3. Kết luận của chủ tọa",
            "Hội nghị kết thúc vào 11 giờ 30 phút, cùng ngày;",
            "THƯ KÝ",
            "CHỦ TỌA",
            "Hoàng Thị Mai",
            "Nguyễn Văn Bình",
            "Nơi nhận:",
            "- Thành viên BCĐ tỉnh;",
            "- Lưu: VT, VPĐP.",
        ],
    ),
    (
        "data/lang-son/cong-dien-dich-ta-lon-2019.yaml",
        &["Số: 02/CĐ-UBND", "Lạng Sơn, ngày 22 tháng 02 năm 2019", "HỎA TỐC"],
        &[
            "CÔNG ĐIỆN Về việc khẩn trương triển khai các biện pháp cấp bách phòng, chống bệnh Dịch tả lợn châu Phi",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN điện:",
            "- Giám đốc các sở, ban, ngành tỉnh;",
            "- Chủ tịch Ủy ban nhân dân các huyện, thành phố.",
            "Để chủ động ngăn chặn, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:",
            "1. Giám đốc Sở Nông nghiệp và Phát triển nông thôn chủ trì",
            "3. Giám đốc Sở Tài chính bố trí kinh phí dự phòng",
            "nghiêm túc thực hiện./.",
            "|",
            "Nơi nhận:",
            "- Như trên;",
            "- Bộ Nông nghiệp và PTNT;",
            "- Lưu: VT, KTN.",
            "|",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn Bình",
        ],
    ),
    (
        "data/lang-son/giay-gioi-thieu-2019.yaml",
        &["Số: 41/GGT-SNN", "Lạng Sơn, ngày 05 tháng 8 năm 2019"],
        &[
            "GIẤY GIỚI THIỆU",
            "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lạng Sơn trân trọng giới thiệu:",
            "Ông (bà): Hoàng Thị Mai",
            "Chức vụ: Chuyên viên Văn phòng Điều phối",
            "Được cử đến: Ủy ban nhân dân huyện Cao Lộc",
            "Về việc: Kiểm tra, thu thập hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới năm 2019.",
            "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ.",
            "Giấy này có giá trị đến hết ngày 30/8/2019./.",
            "|",
            "Nơi nhận:",
            "- Lưu: VT.",
            "|",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Lương Văn Hải",
        ],
    ),
    (
        "data/lang-son/giay-nghi-phep-2019.yaml",
        &["Số: 12/GNP-SNN", "Lạng Sơn, ngày 02 tháng 7 năm 2019"],
        &[
            "GIẤY NGHỈ PHÉP",
            "Xét Đơn đề nghị nghỉ phép ngày 28/6/2019 của ông (bà) Hoàng Thị Mai,",
            "Giám đốc Sở Nông nghiệp và Phát triển nông thôn tỉnh Lạng Sơn cấp cho:",
            "Ông (bà): Hoàng Thị Mai",
            "Chức vụ, đơn vị công tác: Chuyên viên",
            // 8 to 19 July inclusive.
            "Được nghỉ phép trong thời gian: 12 ngày, kể từ ngày 08/7/2019 đến hết ngày 19/7/2019 tại xã Tân Thành, huyện Cao Lộc, tỉnh Lạng Sơn./.",
            "Xác nhận của cơ quan, đơn vị hoặc chính quyền địa phương nơi nghỉ phép",
            "GIÁM ĐỐC",
            "Trần Minh Đức",
            "Nơi nhận:",
            "- Bà Hoàng Thị Mai;",
            "- Lưu: VT, VP.",
        ],
    ),
    (
        // A family: built here as its first member, the first kept row of xa-ntm-2019.csv.
        "data/lang-son/cong-nhan-xa-ntm-2019.yaml",
        &["Số: 2804/QĐ-UBND", "Lạng Sơn, ngày 20 tháng 12 năm 2019"],
        &[
            "QUYẾT ĐỊNH",
            "Công nhận xã Hoàng Đồng, thành phố Lạng Sơn đạt chuẩn nông thôn mới năm 2019",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
            "Theo đề nghị của Chủ tịch Ủy ban nhân dân thành phố Lạng Sơn",
            "QUYẾT ĐỊNH:",
            "Điều 1. Công nhận xã Hoàng Đồng, thành phố Lạng Sơn đạt chuẩn nông thôn mới năm 2019 (đạt 19/19 tiêu chí).",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
            "Chủ tịch Ủy ban nhân dân xã Hoàng Đồng",
            "KT. CHỦ TỊCH",
            "Nguyễn Văn Bình",
        ],
    ),
    (
        // A family from a CSV: its first member, the first invitee.
        "data/lang-son/giay-moi-dai-bieu-2019.yaml",
        &["Số: /GM-BCĐ", "Lạng Sơn, ngày 08 tháng 7 năm 2019"],
        &[
            "GIẤY MỜI",
            "trân trọng kính mời: Ông Hoàng Văn Hùng, Chủ tịch Ủy ban nhân dân huyện Cao Lộc.",
            "Thời gian: từ 08 giờ 00 phút đến 11 giờ 30 phút, thứ Ba, ngày 16 tháng 7 năm 2019.",
            "báo cáo kết quả thực hiện Chương trình của huyện Cao Lộc 6 tháng đầu năm 2019",
            "KT. TRƯỞNG BAN",
            "Nguyễn Văn Bình",
        ],
    ),
];
