//! Geometry of the typeset documents against Nghị định 30/2020/NĐ-CP, Phụ lục I: page size,
//! margins, the header grid, sizes and weights per element, rules, page numbers.

mod common;

use common::{boxes, build, find, find_line, layout, line_text, root, Rule, Run};

const PT: f64 = 25.4 / 72.0; // mm per point
const TEXT_LEFT: f64 = 30.0;
const TEXT_RIGHT: f64 = 210.0 - 15.0;
const TEXT_CENTER: f64 = (TEXT_LEFT + TEXT_RIGHT) / 2.0;

fn center(r: &Run) -> f64 {
    r.x + r.width / 2.0
}

fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// The smallest valid Thông báo with `extra` YAML appended, built in a temporary folder.
fn toi_thieu_with(extra: &str) -> common::Built {
    let dir = common::tempdir();
    let src = std::fs::read_to_string(root().join("tests/fixtures/valid/toi-thieu.yaml")).unwrap();
    let file = dir.join("toi-thieu.yaml");
    std::fs::write(&file, format!("{src}{extra}")).unwrap();
    let b = build(&file);
    let _ = std::fs::remove_dir_all(dir);
    b
}

/// The rule drawn just below a run (within 4 mm), on the same page.
fn rule_below<'a>(rules: &'a [Rule], run: &Run) -> &'a Rule {
    rules
        .iter()
        .filter(|r| r.page == run.page && r.y > run.y && r.y - run.y < 4.0)
        .filter(|r| r.x < run.x + run.width && r.x + r.length > run.x)
        .min_by(|a, b| a.y.partial_cmp(&b.y).unwrap())
        .unwrap_or_else(|| panic!("no rule under {:?}", run.text))
}

#[test]
fn ke_hoach_page_one_follows_the_decree() {
    let b = build(&root().join("data/lang-son/ke-hoach-ntm-2019.yaml"));
    let (runs, rules) = layout(&b.doc);
    let pages = b.doc.pages();
    // A4 portrait.
    assert!(
        near(pages[0].frame.width().to_mm(), 210.0, 0.1)
            && near(pages[0].frame.height().to_mm(), 297.0, 0.1)
    );

    // Everything on the portrait pages sits inside the margins 20/20/30/15, except the page
    // number, which is centred in the top margin.
    for r in runs
        .iter()
        .filter(|r| pages[r.page - 1].frame.width().to_mm() < 211.0)
    {
        let is_page_number = r.y < 20.0;
        if is_page_number {
            assert!(r.page > 1, "a page number on page 1: {r:?}");
            assert!(
                near(center(r), TEXT_CENTER, 1.0),
                "page number not centred: {r:?}"
            );
            assert!(near(r.size, 13.0, 0.01) && !r.bold && !r.italic);
            continue;
        }
        assert!(r.x >= TEXT_LEFT - 0.05, "left of the margin: {r:?}");
        assert!(
            r.x + r.width <= TEXT_RIGHT + 0.3,
            "right of the margin: {r:?}"
        );
        assert!(r.y <= 297.0 - 20.0, "below the bottom margin: {r:?}");
    }
    let numbered: Vec<&Run> = runs.iter().filter(|r| r.y < 20.0).collect();
    assert!(
        numbered.iter().any(|r| r.page == 2 && r.text == "2"),
        "page 2 carries no page number 2: {numbered:?}"
    );

    // Ô 1: Quốc hiệu 13 bold, Tiêu ngữ 14 bold, centred on each other in the right column,
    // a rule exactly as long as the Tiêu ngữ.
    let qh = find(&runs, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(qh.page == 1 && near(qh.size, 13.0, 0.01) && qh.bold && !qh.italic);
    assert!(
        center(qh) > TEXT_CENTER,
        "Quốc hiệu not in the right column"
    );
    let tn = find(&runs, "Độc lập - Tự do - Hạnh phúc");
    assert!(near(tn.size, 14.0, 0.01) && tn.bold);
    assert!(near(center(tn), center(qh), 0.3));
    let tn_rule = rule_below(&rules, tn);
    assert!(
        near(tn_rule.length, tn.width, 0.2),
        "Tiêu ngữ rule {} vs text {}",
        tn_rule.length,
        tn.width
    );
    assert!(near(tn_rule.x + tn_rule.length / 2.0, center(tn), 0.3));

    // Ô 2: cơ quan ban hành 13 bold in the left column, rule 1/3–1/2 of the name, centred.
    let cq = find(&runs, "ỦY BAN NHÂN DÂN");
    assert!(cq.page == 1 && near(cq.size, 13.0, 0.01) && cq.bold && center(cq) < TEXT_CENTER);
    let tinh = find(&runs, "TỈNH LẠNG SƠN");
    assert!(tinh.bold && near(center(tinh), center(cq), 0.3) && tinh.y > cq.y);
    let cq_rule = rule_below(&rules, tinh);
    let widest = cq.width.max(tinh.width);
    assert!(cq_rule.length >= widest / 3.0 && cq_rule.length <= widest / 2.0);
    assert!(near(cq_rule.x + cq_rule.length / 2.0, center(cq), 0.3));
    // The two columns start level.
    assert!(near(cq.y, qh.y, 0.1));

    // Ô 3 and 4 on one baseline: Số 13 upright, place-date 14 italic.
    let so = &find_line(&runs, "Số:");
    assert!(near(so.size, 13.0, 0.01) && !so.bold && !so.italic);
    assert!(near(center(so), center(cq), 6.0), "Số not under the agency");
    let date = find(&runs, "Lạng Sơn, ngày");
    assert!(near(date.size, 14.0, 0.01) && date.italic && !date.bold);
    assert!(
        near(so.y, date.y, 0.05),
        "Số and the date are not on one line"
    );
    assert!(so.y > tn_rule.y && so.y > cq_rule.y);

    // Ô 5a: tên loại and trích yếu 14 bold, centred on the page's text area, with a rule.
    let kh = find(&runs, "KẾ HOẠCH");
    assert!(near(kh.size, 14.0, 0.01) && kh.bold && near(center(kh), TEXT_CENTER, 0.3));
    assert!(kh.y > so.y + 5.0);
    let ty = find(&runs, "Thực hiện Chương trình");
    assert!(near(ty.size, 14.0, 0.01) && ty.bold && near(center(ty), TEXT_CENTER, 0.5));
    let ty_lines: Vec<&Run> = runs
        .iter()
        .filter(|r| r.page == 1 && r.bold && r.y > kh.y && r.y < kh.y + 20.0)
        .collect();
    let ty_last = ty_lines
        .iter()
        .max_by(|a, b| a.y.partial_cmp(&b.y).unwrap())
        .unwrap();
    let ty_rule = rule_below(&rules, ty_last);
    let ty_widest = ty_lines.iter().map(|r| r.width).fold(0.0, f64::max);
    assert!(ty_rule.length >= ty_widest / 3.0 && ty_rule.length <= ty_widest / 2.0);
    assert!(near(ty_rule.x + ty_rule.length / 2.0, TEXT_CENTER, 0.3));

    // Ô 6: body 14 upright, first-line indent 1 cm, justified to both margins.
    let first = find(&runs, "Căn cứ Quyết định số ");
    assert!(near(first.size, 14.0, 0.01) && !first.bold && !first.italic);
    assert!(
        near(first.x, TEXT_LEFT + 10.0, 0.05),
        "first-line indent is not 1 cm: {}",
        first.x
    );
    let second_line = runs
        .iter()
        .filter(|r| r.page == 1 && r.y > first.y + 1.0 && !r.bold)
        .min_by(|a, b| a.y.partial_cmp(&b.y).unwrap())
        .unwrap();
    let pitch = second_line.y - first.y;
    assert!(
        (1.15 * 14.0 * PT - 0.05..=1.725 * 14.0 * PT).contains(&pitch),
        "line spacing {pitch} mm"
    );
    let line_end = runs
        .iter()
        .filter(|r| r.page == 1 && near(r.y, first.y, 0.05))
        .map(|r| r.x + r.width)
        .fold(0.0, f64::max);
    assert!(
        near(line_end, TEXT_RIGHT, 0.3),
        "first body line does not reach the right margin: {line_end}"
    );
    // Mục heading: bold, capitals, indented like every paragraph.
    let muc = find(&runs, "I.");
    assert!(muc.bold && near(muc.size, 14.0, 0.01) && near(muc.x, TEXT_LEFT + 10.0, 0.05));
    // At least 6 pt between paragraphs: two one-line items of the distribution list.
    let a = find(&runs, "- Số xã đạt 19 tiêu chí");
    let b2 = find(&runs, "- Số xã đạt 15-18 tiêu chí");
    assert_eq!(a.page, b2.page);
    let extra = b2.y - a.y - pitch;
    assert!(
        extra >= 6.0 * PT - 0.01,
        "paragraph spacing {} pt",
        extra / PT
    );
    // Headings keep at least the same distance from the paragraph before them.
    let para_end = runs
        .iter()
        .filter(|r| r.page == muc.page && r.y < muc.y - 0.1)
        .map(|r| r.y)
        .fold(0.0, f64::max);
    assert!(
        muc.y - para_end >= pitch + 5.5 * PT,
        "heading spacing {}",
        (muc.y - para_end - pitch) / PT
    );
}

#[test]
fn ke_hoach_signature_noi_nhan_and_phu_luc() {
    let b = build(&root().join("data/lang-son/ke-hoach-ntm-2019.yaml"));
    let (runs, _) = layout(&b.doc);
    let pages = b.doc.pages();

    // Ô 7 and 9b side by side: "Nơi nhận:" 12 bold italic level with the first signer line.
    let nn = find(&runs, "Nơi nhận:");
    assert!(near(nn.size, 12.0, 0.01) && nn.bold && nn.italic && near(nn.x, TEXT_LEFT, 0.05));
    let tm = find(&runs, "TM. ỦY BAN NHÂN DÂN");
    assert!(near(tm.size, 14.0, 0.01) && tm.bold && center(tm) > TEXT_CENTER);
    assert_eq!(nn.page, tm.page);
    assert!(
        near(nn.y, tm.y, 0.1),
        "Nơi nhận {} not level with {}",
        nn.y,
        tm.y
    );
    let ct = runs
        .iter()
        .find(|r| r.text == "CHỦ TỊCH" && r.page == tm.page)
        .expect("chức vụ");
    assert!(ct.bold && near(center(ct), center(tm), 0.3) && ct.y > tm.y);
    let name = find(&runs, "Phạm Ngọc Thưởng");
    assert!(name.bold && near(center(name), center(tm), 0.3) && name.y > ct.y + 20.0);
    let luu = find(&runs, "- Lưu: VT, KTN (VQK).");
    assert!(near(luu.size, 11.0, 0.01) && !luu.bold && !luu.italic);

    // Phụ lục: a new landscape page, page numbers restarting at 1 (not shown) then 2.
    let pl = find(&runs, "Phụ lục");
    let p = &pages[pl.page - 1];
    assert!(
        near(p.frame.width().to_mm(), 297.0, 0.1) && near(p.frame.height().to_mm(), 210.0, 0.1)
    );
    assert!(pl.bold && near(pl.size, 14.0, 0.01));
    assert!(
        !runs.iter().any(|r| r.page == pl.page && r.y < 20.0),
        "page number on the phụ lục's first page"
    );
    let next: Vec<&Run> = runs
        .iter()
        .filter(|r| r.page == pl.page + 1 && r.y < 20.0)
        .collect();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].text, "2");
    let title = find(&runs, "NỘI DUNG CÔNG VIỆC");
    assert!(title.bold && title.page == pl.page);
    let kem = find(&runs, "(Kèm theo Kế hoạch số");
    assert!(kem.italic && kem.y > title.y);
    // The matrix header is repeated on every page of the phụ lục.
    let headers = runs.iter().filter(|r| r.text == "TT" && r.bold).count();
    assert_eq!(
        headers,
        pages.len() - pl.page + 1,
        "table header not repeated on each phụ lục page"
    );
}

#[test]
fn cong_van_header_vv_and_kinh_gui() {
    let b = build(&root().join("data/bac-son/cong-van-ntm-2024.yaml"));
    let (runs, _) = layout(&b.doc);
    let so = &find_line(&runs, "Số:");
    let date = find(&runs, "Bắc Sơn, ngày");
    assert!(near(so.y, date.y, 0.05));
    // Ô 5b: V/v 13 upright, centred under Số, in the left column.
    let vv = find(&runs, "V/v");
    assert!(near(vv.size, 13.0, 0.01) && !vv.bold && vv.y > so.y && center(vv) < TEXT_CENTER);
    assert!(vv.y - so.y >= 6.0 * PT, "V/v less than 6 pt under Số");
    // No tên loại.
    assert!(!runs.iter().any(|r| r.text.starts_with("CÔNG VĂN")));
    // Ô 9a: Kính gửi 14, several recipients on "- …;" lines, the last ending with ".".
    let kg = find(&runs, "Kính gửi:");
    assert!(near(kg.size, 14.0, 0.01) && !kg.bold);
    let first = find(&runs, "- Văn phòng Điều phối");
    assert!(near(first.y, kg.y, 0.05) && first.x > kg.x);
    let last = find(&runs, "- Ủy ban nhân dân các xã.");
    assert!(near(last.x, first.x, 0.05));
    // KT. signer on two lines.
    let kt = find(&runs, "KT. CHỦ TỊCH");
    let pct = find(&runs, "PHÓ CHỦ TỊCH");
    assert!(pct.y > kt.y && near(center(pct), center(kt), 0.3));
    let nn = find(&runs, "Nơi nhận:");
    assert!(near(nn.y, kt.y, 0.1));
    assert_eq!(find(&runs, "- Như trên;").size, 11.0);
}

#[test]
fn twelve_thirteen_size_set_and_wider_margins_are_applied() {
    let b = toi_thieu_with(
        "trinh_bay: { co_chu: 13, le_trai: 35, le_tren: 25, thut_dau_dong: 1.27 }\n",
    );
    let (runs, _) = layout(&b.doc);
    assert!(near(find(&runs, "CỘNG HÒA").size, 12.0, 0.01));
    assert!(near(find(&runs, "Độc lập").size, 13.0, 0.01));
    assert!(near(find(&runs, "Lạng Sơn, ngày").size, 13.0, 0.01));
    assert!(near(find(&runs, "Số:").size, 13.0, 0.01));
    let body = find(&runs, "Ngày 03/02/2020");
    assert!(near(body.size, 13.0, 0.01) && near(body.x, 35.0 + 12.7, 0.05));
    assert!(runs.iter().all(|r| r.x >= 35.0 - 0.05));
}

#[test]
fn quyet_dinh_authority_lead_dieu_and_its_quy_che() {
    let b = build(&root().join("data/lang-son/quyet-dinh-quy-che-bcd-2019.yaml"));
    let (runs, rules) = layout(&b.doc);
    // Thẩm quyền ban hành: IN HOA, bold, centred under the title's rule (Mẫu 1.2).
    let tq = find(&runs, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN");
    let title_rule = rule_below(
        &rules,
        find(&runs, "mục tiêu quốc gia tỉnh Lạng Sơn giai đoạn"),
    );
    assert!(tq.page == 1 && tq.bold && near(tq.size, 14.0, 0.01) && tq.y > title_rule.y);
    assert!(near(center(tq), TEXT_CENTER, 0.3));
    // Căn cứ italic, then QUYẾT ĐỊNH: bold and centred, then the Điều.
    let cc = find(&runs, "Căn cứ Luật");
    assert!(cc.italic && cc.y > tq.y);
    let lead = find(&runs, "QUYẾT ĐỊNH:");
    assert!(lead.bold && near(center(lead), TEXT_CENTER, 0.3) && lead.y > cc.y);
    // "Điều 1." bold at the paragraph indent; in a Quyết định its text is upright regular.
    let d1 = find(&runs, "Điều 1.");
    assert!(d1.bold && near(d1.x, TEXT_LEFT + 10.0, 0.05) && d1.y > lead.y);
    let d1_text = runs
        .iter()
        .find(|r| {
            r.page == d1.page && near(r.y, d1.y, 0.05) && r.text.contains("Ban hành kèm theo")
        })
        .expect("text of Điều 1 on its line");
    assert!(!d1_text.bold);
    // The Quy chế starts a new page with the agency and Quốc hiệu but no Số, shows no page
    // number on its first page, and numbers its own pages from 1.
    let qc = find(&runs, "QUY CHẾ");
    assert!(qc.page > 1 && qc.bold && near(center(qc), TEXT_CENTER, 0.3));
    assert!(runs
        .iter()
        .filter(|r| r.text.starts_with("CỘNG HÒA"))
        .any(|r| r.page == qc.page));
    assert!(!runs
        .iter()
        .any(|r| r.page == qc.page && r.text.starts_with("Số:")));
    let kt = find(&runs, "(Ban hành kèm theo");
    assert!(kt.italic && kt.page == qc.page);
    assert!(!runs.iter().any(|r| r.page == qc.page && r.y < 20.0));
    let last = b.doc.pages().len();
    if last > qc.page {
        let n = runs
            .iter()
            .find(|r| r.page == qc.page + 1 && r.y < 20.0)
            .expect("page number");
        assert_eq!(n.text, "2");
    }
    // Phụ lục I, 6a: "Chương I" and its title bold, centred, body size; "Mục 1" one point
    // smaller; a Điều of the Quy chế has a bold title; an untitled khoản is regular.
    let ch = find(&runs, "Chương I");
    let ch_title = find(&runs, "QUY ĐỊNH CHUNG");
    for r in [ch, ch_title] {
        assert!(
            r.bold && near(r.size, 14.0, 0.01) && near(center(r), TEXT_CENTER, 0.3),
            "{r:?}"
        );
    }
    assert!(ch_title.y > ch.y);
    let muc = find(&runs, "Mục 1");
    assert!(muc.bold && near(muc.size, 13.0, 0.01) && near(center(muc), TEXT_CENTER, 0.3));
    assert!(find(&runs, "BAN CHỈ ĐẠO").size < 13.5);
    let pham_vi = runs
        .iter()
        .find(|r| r.page >= qc.page && r.text.contains("Phạm vi điều chỉnh"))
        .unwrap();
    assert!(pham_vi.bold);
    let k1 = find(&runs, "1. Quy chế này");
    assert!(!k1.bold && near(k1.x, TEXT_LEFT + 10.0, 0.05));
    // Điều run on through chương: the last one is Điều 7.
    assert!(runs.iter().any(|r| r.text.starts_with("Điều 7.")));
    // The signer closes the Quy chế on its last page, right half.
    let signer = runs
        .iter()
        .rev()
        .find(|r| r.text.starts_with("PHÓ CHỦ TỊCH"))
        .unwrap();
    assert!(signer.page > qc.page - 1 && center(signer) > TEXT_CENTER);
}

#[test]
fn cong_dien_urgency_mark_and_sender_line() {
    let b = build(&root().join("data/lang-son/cong-dien-dich-ta-lon-2019.yaml"));
    let (runs, _) = layout(&b.doc);
    // Ô 10b: HỎA TỐC bold in a 30 × 8 mm frame, in the left column under Số.
    let so = &find_line(&runs, "Số:");
    let mark = find(&runs, "HỎA TỐC");
    assert!(
        mark.bold && near(mark.size, 14.0, 0.01) && mark.y > so.y && center(mark) < TEXT_CENTER
    );
    let frame = boxes(&b.doc)
        .into_iter()
        .find(|f| f.page == 1 && f.x <= mark.x && f.x + f.width >= mark.x + mark.width)
        .expect("a frame around the urgency mark");
    assert!(
        near(frame.width, 30.0, 0.05) && near(frame.height, 8.0, 0.05),
        "{frame:?}"
    );
    assert!(frame.y < mark.y && frame.y + frame.height > mark.y);
    assert!(near(frame.x + frame.width / 2.0, center(so), 0.5));
    // Mẫu 1.6: the sender and "điện:" bold, centred; recipients on "- …;" lines.
    let sender = find(&runs, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN");
    let line = line_text(&runs, sender.page, sender.y);
    assert!(line.ends_with("điện:"), "{line}");
    assert!(sender.bold && near(sender.size, 14.0, 0.01));
    let r1 = find(&runs, "- Giám đốc các sở");
    let r2 = find(&runs, "- Chủ tịch Ủy ban nhân dân các huyện");
    assert!(r1.y > sender.y && near(r1.x, r2.x, 0.05) && !r1.bold);
}

#[test]
fn bien_ban_two_signers_then_noi_nhan() {
    let b = build(&root().join("data/lang-son/bien-ban-hop-bcd-2019.yaml"));
    let (runs, _) = layout(&b.doc);
    let tk = find(&runs, "THƯ KÝ");
    let ct = find(&runs, "CHỦ TỌA");
    // Thư ký on the left, chủ tọa on the right, level; both names level too.
    assert!(
        tk.page == ct.page
            && near(tk.y, ct.y, 0.05)
            && center(tk) < TEXT_CENTER
            && center(ct) > TEXT_CENTER
    );
    assert!(tk.bold && ct.bold && near(tk.size, 14.0, 0.01));
    let n1 = find(&runs, "Hoàng Thị Mai");
    let n2 = runs
        .iter()
        .rev()
        .find(|r| r.text.starts_with("Nguyễn Văn Bình"))
        .unwrap();
    assert!(near(n1.y, n2.y, 0.05) && n1.y - tk.y > 25.0);
    assert!(near(center(n1), center(tk), 0.5) && near(center(n2), center(ct), 0.5));
    // Nơi nhận under both, flush left, 12 bold italic.
    let nn = find(&runs, "Nơi nhận:");
    assert!(
        nn.y > n1.y
            && near(nn.x, TEXT_LEFT, 0.05)
            && nn.bold
            && nn.italic
            && near(nn.size, 12.0, 0.01)
    );
    // The closing line is on the signers' page: they never stand alone.
    let end = find(&runs, "Hội nghị kết thúc vào");
    assert_eq!(end.page, tk.page);
}

#[test]
fn address_footer_on_page_one_only_under_a_full_width_rule() {
    let b = build(&root().join("data/lang-son/to-trinh-von-ntm-2020.yaml"));
    let (runs, rules) = layout(&b.doc);
    let addr: Vec<&Run> = runs
        .iter()
        .filter(|r| r.text.starts_with("Địa chỉ:"))
        .collect();
    assert_eq!(addr.len(), 1, "ô 13 on page 1 only");
    let a = addr[0];
    assert!(a.page == 1 && near(a.size, 11.0, 0.01) && !a.bold && near(a.x, TEXT_LEFT, 0.05));
    // At the foot of the text area: above the bottom margin (which many printers cannot
    // print), near it, and below every other line of page 1.
    let bottom = 297.0 - b.ctx.layout.le_duoi;
    let last = runs
        .iter()
        .filter(|r| r.page == 1 && r.y >= a.y)
        .map(|r| r.y)
        .fold(a.y, f64::max);
    assert!(
        last < bottom && last > bottom - 10.0,
        "address ends at {last} mm, margin at {bottom}"
    );
    let rule = rules
        .iter()
        .filter(|r| r.page == 1 && r.y < a.y && a.y - r.y < 8.0)
        .max_by(|x, y| x.y.partial_cmp(&y.y).unwrap())
        .expect("rule above the address");
    assert!(near(rule.x, TEXT_LEFT, 0.05) && near(rule.length, TEXT_RIGHT - TEXT_LEFT, 0.1));
    let above = runs
        .iter()
        .filter(|r| r.page == 1 && r.y < rule.y)
        .map(|r| r.y)
        .fold(0.0, f64::max);
    let text_below = runs
        .iter()
        .filter(|r| r.page == 1 && r.y > rule.y)
        .all(|r| r.size <= 11.0 && (r.y - a.y).abs() < 12.0);
    assert!(
        above > 100.0 && above < rule.y && text_below,
        "the address is under the page's last text"
    );
    // Tờ trình: Kính gửi under the title, one recipient on its line.
    let kg = find(&runs, "Kính gửi:");
    assert!(near(kg.size, 14.0, 0.01) && near(center(kg), TEXT_CENTER, 25.0));
    assert!(line_text(&runs, kg.page, kg.y).contains("Ủy ban nhân dân tỉnh Lạng Sơn."));
}

#[test]
fn bao_cao_results_table_is_in_the_text_width() {
    let b = build(&root().join("data/lang-son/bao-cao-ntm-2019.yaml"));
    let (runs, _) = layout(&b.doc);
    let head = find(&runs, "Chỉ tiêu");
    assert!(head.bold && near(head.size, 12.0, 0.01));
    let row = find(&runs, "Xã đạt tiêu chí Thủy lợi");
    let rate = runs
        .iter()
        .filter(|r| r.page == row.page && near(r.y, row.y, 0.3))
        .max_by(|a, b| a.x.partial_cmp(&b.x).unwrap())
        .unwrap();
    assert_eq!(rate.text, "100");
    // Figures are right-aligned inside the table, which stays inside the margins.
    assert!(rate.x + rate.width <= TEXT_RIGHT && rate.x + rate.width > TEXT_RIGHT - 3.0);
}

#[test]
fn forms_without_trich_yeu_have_the_rule_under_the_title() {
    for (file, title) in [
        ("data/lang-son/giay-gioi-thieu-2019.yaml", "GIẤY GIỚI THIỆU"),
        ("data/lang-son/giay-nghi-phep-2019.yaml", "GIẤY NGHỈ PHÉP"),
    ] {
        let b = build(&root().join(file));
        let (runs, rules) = layout(&b.doc);
        let t = find(&runs, title);
        assert!(t.bold && near(t.size, 14.0, 0.01) && near(center(t), TEXT_CENTER, 0.3));
        let r = rule_below(&rules, t);
        assert!(r.length >= t.width / 3.0 - 0.1 && r.length <= t.width / 2.0 + 0.1);
        assert!(near(r.x + r.length / 2.0, center(t), 0.3));
    }
}

#[test]
fn several_phu_luc_are_numbered_and_each_restarts_the_pages() {
    let long: String = (1..=40)
        .map(|i| format!("    - doan: Đoạn thứ {i} của phụ lục, đủ dài để sang trang mới khi in ra giấy khổ A4.\n"))
        .collect();
    let b = toi_thieu_with(&format!(
        "phu_luc:\n  - tieu_de: Danh sách thứ nhất\n    noi_dung:\n{long}  - tieu_de: Danh sách thứ hai\n    noi_dung:\n    - doan: Một đoạn.\n"
    ));
    let (runs, _) = layout(&b.doc);
    let p1 = find(&runs, "Phụ lục I");
    let p2 = runs
        .iter()
        .find(|r| r.text == "Phụ lục II")
        .expect("Phụ lục II");
    assert!(p1.bold && near(p1.size, 14.0, 0.01) && near(center(p1), TEXT_CENTER, 0.3));
    assert!(
        p1.page > 1 && p2.page > p1.page + 1,
        "each phụ lục on its own pages"
    );
    assert_eq!(find(&runs, "DANH SÁCH THỨ NHẤT").page, p1.page);
    // No number on the first page of either; the page after Phụ lục I's first is 2.
    let number = |page: usize| {
        runs.iter()
            .find(|r| r.page == page && r.y < 20.0)
            .map(|r| r.text.clone())
    };
    assert_eq!(number(p1.page), None);
    assert_eq!(number(p2.page), None);
    assert_eq!(number(p1.page + 1).as_deref(), Some("2"));
}

/// The elements every document shares, checked on every sample in `data/`: A4, margins, ô 1–4,
/// the tên loại, the body's size and indent, the signer and Nơi nhận.
#[test]
fn every_sample_has_the_common_elements_in_their_places() {
    let samples: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root().join("data"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter(|p| !p.to_string_lossy().contains("/_"))
        .collect();
    assert!(samples.len() >= 12);
    for path in samples {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let b = build(&path);
        let (runs, rules) = layout(&b.doc);
        let pages = b.doc.pages();
        for (i, p) in pages.iter().enumerate() {
            let (w, h) = (p.frame.width().to_mm(), p.frame.height().to_mm());
            assert!(
                (near(w, 210.0, 0.1) && near(h, 297.0, 0.1))
                    || (near(w, 297.0, 0.1) && near(h, 210.0, 0.1)),
                "{name}: page {} is not A4",
                i + 1
            );
        }
        let portrait = |r: &Run| pages[r.page - 1].frame.width().to_mm() < 211.0;
        let footer_top = runs
            .iter()
            .filter(|r| r.text.starts_with("Địa chỉ:"))
            .map(|r| r.y - 4.0)
            .fold(f64::MAX, f64::min);
        for r in runs
            .iter()
            .filter(|r| portrait(r) && r.y >= 20.0 && r.y < footer_top)
        {
            assert!(
                r.x >= TEXT_LEFT - 0.05 && r.x + r.width <= TEXT_RIGHT + 0.3,
                "{name}: outside the margins: {r:?}"
            );
            assert!(
                r.y <= 297.0 - 20.0,
                "{name}: below the bottom margin: {r:?}"
            );
        }
        // Ô 1.
        let qh = find(&runs, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        let tn = find(&runs, "Độc lập - Tự do - Hạnh phúc");
        assert!(
            qh.page == 1 && qh.bold && near(qh.size, 13.0, 0.01) && center(qh) > TEXT_CENTER,
            "{name}"
        );
        assert!(
            tn.bold && near(tn.size, 14.0, 0.01) && near(center(tn), center(qh), 0.3),
            "{name}"
        );
        assert!(
            near(rule_below(&rules, tn).length, tn.width, 0.2),
            "{name}: Tiêu ngữ rule"
        );
        // Ô 2: the issuing agency's last line is bold, in the left column, over a 1/3–1/2 rule.
        let so = &find_line(&runs, "Số:");
        let agency = runs
            .iter()
            .filter(|r| r.page == 1 && r.bold && r.y < so.y && center(r) < TEXT_CENTER)
            .max_by(|a, b| a.y.partial_cmp(&b.y).unwrap())
            .unwrap_or_else(|| panic!("{name}: no bold agency name"));
        assert!(near(agency.size, 13.0, 0.01), "{name}: {agency:?}");
        let rule = rule_below(&rules, agency);
        let widest = runs
            .iter()
            .filter(|r| r.page == 1 && r.bold && r.y < so.y && center(r) < TEXT_CENTER)
            .map(|r| r.width)
            .fold(0.0, f64::max);
        assert!(
            rule.length >= widest / 3.0 - 0.1 && rule.length <= widest / 2.0 + 0.1,
            "{name}: agency rule"
        );
        // Ô 3 and 4 on one baseline.
        let date = runs
            .iter()
            .find(|r| r.page == 1 && r.italic && r.text.contains(", ngày"))
            .unwrap_or_else(|| panic!("{name}: no place and date"));
        assert!(
            near(so.size, 13.0, 0.01) && !so.bold && near(so.y, date.y, 0.05),
            "{name}"
        );
        assert!(
            near(date.size, 14.0, 0.01) && center(date) > TEXT_CENTER,
            "{name}"
        );
        // Ô 5a: the tên loại, bold 14, centred (a công văn has none).
        if let Some(title) = &b.ctx.ten_loai {
            let t = runs
                .iter()
                .find(|r| r.page == 1 && r.text == *title)
                .unwrap_or_else(|| panic!("{name}: no tên loại {title}"));
            assert!(
                t.bold && near(t.size, 14.0, 0.01) && near(center(t), TEXT_CENTER, 0.3),
                "{name}"
            );
            assert!(t.y > so.y, "{name}");
        }
        // Signer: chức vụ bold 14 in the right half; Nơi nhận 12 bold italic, flush left.
        let chuc_vu = &b.ctx.nguoi_ky.chuc_vu;
        let cv = runs
            .iter()
            .rev()
            .find(|r| r.text == *chuc_vu)
            .unwrap_or_else(|| panic!("{name}: no chức vụ {chuc_vu}"));
        assert!(
            cv.bold && near(cv.size, 14.0, 0.01) && center(cv) > TEXT_CENTER,
            "{name}"
        );
        let nn = find(&runs, "Nơi nhận:");
        assert!(
            nn.bold && nn.italic && near(nn.size, 12.0, 0.01) && near(nn.x, TEXT_LEFT, 0.05),
            "{name}"
        );
        let lines: Vec<&Run> = runs
            .iter()
            .filter(|r| r.text.starts_with("- Lưu:"))
            .collect();
        assert!(
            lines.len() == 1 && near(lines[0].size, 11.0, 0.01),
            "{name}: one Lưu line, 11 pt"
        );
    }
}

#[test]
fn khan_mark_and_circulation_note_sit_under_so() {
    let b = toi_thieu_with("do_khan: khan\nluu_hanh: xem xong trả lại\n");
    let (runs, _) = layout(&b.doc);
    let so = &find_line(&runs, "Số:");
    let mark = find(&runs, "KHẨN");
    // KHẨN fits the smallest frame of the decree, 20 × 8 mm.
    let frame = boxes(&b.doc)
        .into_iter()
        .find(|f| f.x <= mark.x && f.x + f.width >= mark.x + mark.width)
        .unwrap();
    assert!(
        near(frame.width, 20.0, 0.05) && near(frame.height, 8.0, 0.05),
        "{frame:?}"
    );
    // Ô 11 IN HOA, bold, under the mark, in the left column; both above the tên loại.
    let note = find(&runs, "XEM XONG TRẢ LẠI");
    assert!(
        note.bold
            && near(note.size, 14.0, 0.01)
            && note.y > frame.y + frame.height
            && center(note) < TEXT_CENTER
    );
    assert!(mark.y > so.y && find(&runs, "THÔNG BÁO").y > note.y);
}

#[test]
fn a_matrix_group_row_never_ends_a_page() {
    // In the sample plan, group V fell last on the phụ lục's first page, its tasks on the next.
    let b = build(&root().join("data/lang-son/ke-hoach-ntm-2019.yaml"));
    let (runs, _) = layout(&b.doc);
    // Enough of a title to tell "Công tác lập kế hoạch" from "Công tác lập Quy hoạch".
    let start = |text: &str| -> String { text.chars().take(28).collect() };
    let mut checked = 0;
    for annex in &b.ctx.phu_luc {
        for g in &annex.groups {
            let title = runs
                .iter()
                .find(|r| r.bold && r.text.starts_with(&start(&g.ten)))
                .unwrap_or_else(|| panic!("no group title {:?}", g.ten));
            let first = &g.rows[0].noi_dung;
            let task = runs
                .iter()
                .find(|r| r.page >= title.page && r.text.starts_with(&start(first)))
                .unwrap_or_else(|| panic!("no task {first:?}"));
            assert_eq!(
                title.page, task.page,
                "group {:?} on page {}, its first task on {}",
                g.ten, title.page, task.page
            );
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked} groups");
}

/// Điều 8: a số/ký hiệu ("134/KH-UBND", "30/2020/NĐ-CP") never breaks across lines.
#[test]
fn no_document_code_is_broken_across_lines() {
    let mut broken = Vec::new();
    let mut seen = 0;
    for path in common::samples() {
        let b = build(&path);
        let text = common::pdftotext_lines(&b.pdf);
        seen += vanban::context::spec::codes(&text).count();
        for code in common::broken_codes(&b.ctx, &text) {
            broken.push(format!("{}: {code}", path.display()));
        }
    }
    assert!(seen > 20, "only {seen} codes in the samples");
    assert!(broken.is_empty(), "broken across lines: {broken:#?}");
}
