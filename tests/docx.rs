//! Word output read back from its XML: every sample's .docx has the sections, page setup,
//! page numbers, rules, fonts and tables of the decree, every relationship resolves, and
//! the same input gives the same bytes. (`tests/docx_office.rs` renders them through
//! LibreOffice and compares with the PDF.)

mod common;

use std::collections::BTreeMap;
use std::io::Read;

use common::{build, build_docx, root, samples, tempdir, vanban};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of a .docx, name → text.
fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        out.insert(f.name().to_string(), text);
    }
    out
}

fn w<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

fn wattr(n: roxmltree::Node, name: &str) -> Option<i64> {
    n.attribute((W, name)).and_then(|v| v.parse().ok())
}

/// The text of a paragraph as Word copies it: its runs' `w:t`, a non-breaking hyphen as a
/// hyphen, the word joiners after a code's slashes dropped.
fn text(p: roxmltree::Node) -> String {
    p.descendants()
        .filter_map(|d| {
            if d.has_tag_name((W, "t")) {
                d.text().map(|t| t.replace('\u{2060}', ""))
            } else if d.has_tag_name((W, "noBreakHyphen")) {
                Some("-".to_string())
            } else {
                None
            }
        })
        .collect()
}

/// What Word applies to a paragraph: its own properties, then its style's, then the styles
/// it is based on, then docDefaults. Read here from the XML, independently of the writer.
struct Styles<'a> {
    doc: roxmltree::Document<'a>,
}

impl<'a> Styles<'a> {
    fn new(xml: &'a str) -> Styles<'a> {
        Styles {
            doc: roxmltree::Document::parse(xml).unwrap(),
        }
    }

    fn style(&self, id: &str) -> Option<roxmltree::Node<'_, 'a>> {
        self.doc
            .descendants()
            .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id))
    }

    /// The paragraph style's id (Normal when none is named).
    fn id_of(p: roxmltree::Node) -> String {
        w(p, "pPr")
            .and_then(|ppr| w(ppr, "pStyle"))
            .and_then(|s| s.attribute((W, "val")))
            .unwrap_or("Normal")
            .to_string()
    }

    /// `name`'s attribute `attr` in the `kind` (`pPr`/`rPr`) of the style chain from `id`,
    /// then docDefaults. A flag present without `w:val` reads "1".
    fn chain(&self, id: &str, kind: &str, name: &str, attr: &str) -> Option<String> {
        let mut next = Some(id.to_string());
        while let Some(id) = next {
            let style = self.style(&id)?;
            if let Some(v) = w(style, kind)
                .and_then(|k| w(k, name))
                .map(|e| e.attribute((W, attr)).unwrap_or("1").to_string())
            {
                return Some(v);
            }
            next = w(style, "basedOn").and_then(|b| b.attribute((W, "val")).map(String::from));
        }
        let defaults = self
            .doc
            .descendants()
            .find(|n| n.has_tag_name((W, "docDefaults")))?;
        defaults
            .descendants()
            .find(|n| {
                n.has_tag_name((W, name)) && n.parent().is_some_and(|p| p.has_tag_name((W, kind)))
            })
            .map(|e| e.attribute((W, attr)).unwrap_or("1").to_string())
    }

    /// Whether style `id` is `base` or built on it.
    fn based_on(&self, id: &str, base: &str) -> bool {
        let mut next = Some(id.to_string());
        while let Some(id) = next {
            if id == base {
                return true;
            }
            next = self
                .style(&id)
                .and_then(|s| w(s, "basedOn"))
                .and_then(|b| b.attribute((W, "val")).map(String::from));
        }
        false
    }

    /// A paragraph property as applied.
    fn para(&self, p: roxmltree::Node, name: &str, attr: &str) -> Option<String> {
        w(p, "pPr")
            .and_then(|ppr| w(ppr, name))
            .and_then(|e| e.attribute((W, attr)).map(String::from))
            .or_else(|| self.chain(&Self::id_of(p), "pPr", name, attr))
    }

    /// A property of the paragraph's first run as applied.
    fn run(&self, p: roxmltree::Node, name: &str, attr: &str) -> Option<String> {
        p.descendants()
            .find(|d| d.has_tag_name((W, "r")))
            .and_then(|r| w(r, "rPr"))
            .and_then(|rpr| w(rpr, name))
            .map(|e| e.attribute((W, attr)).unwrap_or("1").to_string())
            .or_else(|| self.chain(&Self::id_of(p), "rPr", name, attr))
    }

    /// Half-point size of the paragraph's first run.
    fn size(&self, p: roxmltree::Node) -> Option<i64> {
        self.run(p, "sz", "val").and_then(|v| v.parse().ok())
    }

    fn bold(&self, p: roxmltree::Node) -> bool {
        self.run(p, "b", "val")
            .is_some_and(|v| v != "0" && v != "false")
    }
}

/// Width in twips of the table cell a paragraph sits in.
fn cell_width(p: roxmltree::Node) -> i64 {
    let tc = p
        .ancestors()
        .find(|a| a.has_tag_name((W, "tc")))
        .expect("in a cell");
    wattr(w(w(tc, "tcPr").unwrap(), "tcW").unwrap(), "w").unwrap()
}

/// Length in twips of the rule a paragraph draws with its bottom border.
fn rule_length(p: roxmltree::Node, room: i64) -> Option<i64> {
    let ppr = w(p, "pPr")?;
    w(w(ppr, "pBdr")?, "bottom")?;
    let ind = w(ppr, "ind")?;
    Some(room - wattr(ind, "left").unwrap_or(0) - wattr(ind, "right").unwrap_or(0))
}

fn twips_to_mm(t: i64) -> f64 {
    t as f64 * 25.4 / 1440.0
}

fn pt_width(text: &str, bold: bool, size: f64) -> f64 {
    vanban::fonts::text_width(text, bold, false, size) * 20.0
}

#[test]
fn every_sample_reads_back_as_the_decree_lays_it_out() {
    let mut checked = 0;
    for path in samples() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let built = build(&path);
        let ctx = &built.ctx;
        let parts = parts(&build_docx(&path));
        for (n, text) in &parts {
            roxmltree::Document::parse(text)
                .unwrap_or_else(|e| panic!("{name}: {n} is not well-formed XML: {e}"));
        }
        let doc_xml = &parts["word/document.xml"];
        let doc = roxmltree::Document::parse(doc_xml).unwrap();
        let st = Styles::new(&parts["word/styles.xml"]);

        // Every relationship resolves to a part with a content type.
        let rels = roxmltree::Document::parse(&parts["word/_rels/document.xml.rels"]).unwrap();
        let targets: BTreeMap<&str, &str> = rels
            .descendants()
            .filter(|n| n.has_tag_name("Relationship"))
            .map(|n| (n.attribute("Id").unwrap(), n.attribute("Target").unwrap()))
            .collect();
        let types = &parts["[Content_Types].xml"];
        for t in targets.values() {
            assert!(
                parts.contains_key(&format!("word/{t}")),
                "{name}: missing part {t}"
            );
            assert!(
                types.contains(&format!("/word/{t}")),
                "{name}: no content type for {t}"
            );
        }
        for id in doc.descendants().filter_map(|n| n.attribute((R, "id"))) {
            assert!(
                targets.contains_key(id),
                "{name}: r:id {id} does not resolve"
            );
        }

        // Sections: the document, the attached text, one per phụ lục; landscape as asked.
        let sects: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "sectPr")))
            .collect();
        let mut expected = vec![false];
        if ctx.kem_theo.is_some() {
            expected.push(false);
        }
        expected.extend(ctx.phu_luc.iter().map(|a| a.ngang));
        assert_eq!(sects.len(), expected.len(), "{name}: sections");
        for (s, landscape) in sects.iter().zip(&expected) {
            let sz = w(*s, "pgSz").unwrap();
            let (pw, ph) = (wattr(sz, "w").unwrap(), wattr(sz, "h").unwrap());
            if *landscape {
                assert_eq!((pw, ph), (16838, 11906), "{name}: landscape A4");
                assert_eq!(sz.attribute((W, "orient")), Some("landscape"), "{name}");
            } else {
                assert_eq!((pw, ph), (11906, 16838), "{name}: portrait A4");
            }
            let mar = w(*s, "pgMar").unwrap();
            for (attr, mm) in [
                ("top", ctx.layout.le_tren),
                ("bottom", ctx.layout.le_duoi),
                ("left", ctx.layout.le_trai),
                ("right", ctx.layout.le_phai),
            ] {
                let got = twips_to_mm(wattr(mar, attr).unwrap());
                assert!(
                    (got - mm).abs() < 0.05,
                    "{name}: margin {attr} {got} mm, expected {mm}"
                );
            }
            // No number on a part's first page, numbering from 1 in every part.
            assert!(w(*s, "titlePg").is_some(), "{name}: titlePg");
            assert_eq!(
                wattr(w(*s, "pgNumType").unwrap(), "start"),
                Some(1),
                "{name}"
            );
            // Later sections inherit the first one's headers (Link to Previous).
            let referenced = |kind: &str| {
                sects
                    .iter()
                    .take_while(|x| x.range().start <= s.range().start)
                    .filter_map(|x| {
                        x.children().find(|c| {
                            c.has_tag_name((W, "headerReference"))
                                && c.attribute((W, "type")) == Some(kind)
                        })
                    })
                    .last()
            };
            let default = referenced("default").expect("a default header");
            let target = targets[default.attribute((R, "id")).unwrap()];
            let header = &parts[&format!("word/{target}")];
            assert!(
                header.contains("> PAGE <") && header.contains(r#"w:fldCharType="separate""#),
                "{name}: PAGE field"
            );
            let number = roxmltree::Document::parse(header).unwrap();
            let number = number
                .descendants()
                .find(|n| n.has_tag_name((W, "p")))
                .unwrap();
            assert_eq!(
                st.para(number, "jc", "val").as_deref(),
                Some("center"),
                "{name}: centred page number"
            );
            // A cached value, so Word shows a number before it updates the field.
            assert!(
                header.contains("<w:t>2</w:t>"),
                "{name}: cached page number"
            );
            let first = referenced("first").expect("a first-page header");
            let target = targets[first.attribute((R, "id")).unwrap()];
            assert!(
                !parts[&format!("word/{target}")].contains("PAGE"),
                "{name}: page 1 unnumbered"
            );
        }

        // Header: Quốc hiệu 13 bold on one line of a column wide enough, Tiêu ngữ 14 bold and
        // its rule exactly as long (the PDF's measurement), the agency rule 0.4 × the name.
        let paras: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .collect();
        let find = |t: &str| {
            paras
                .iter()
                .position(|p| text(*p) == t)
                .unwrap_or_else(|| panic!("{name}: no paragraph {t:?}"))
        };
        let qh = paras[find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")];
        let body = ctx.layout.co_chu;
        assert_eq!(
            st.size(qh),
            Some((ctx.spec.sizes.quoc_hieu * 2.0) as i64),
            "{name}: Quốc hiệu size"
        );
        assert!(st.bold(qh), "{name}: Quốc hiệu bold");
        assert!(
            cell_width(qh) as f64
                >= pt_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, body - 1.0),
            "{name}: the Quốc hiệu column is narrower than the Quốc hiệu"
        );
        let tn_i = find("Độc lập - Tự do - Hạnh phúc");
        let tn = paras[tn_i];
        assert_eq!(
            st.size(tn),
            Some((ctx.spec.sizes.tieu_ngu * 2.0) as i64),
            "{name}: Tiêu ngữ size"
        );
        let rule = rule_length(paras[tn_i + 1], cell_width(tn)).expect("a rule under the Tiêu ngữ");
        let tn_w = pt_width("Độc lập - Tự do - Hạnh phúc", true, body);
        assert!(
            (rule as f64 - tn_w).abs() <= 2.0,
            "{name}: Tiêu ngữ rule {rule} twips, text {tn_w}"
        );
        let last_agency = find(ctx.ban_hanh.last().unwrap());
        let agency_rule = rule_length(paras[last_agency + 1], cell_width(paras[last_agency]))
            .expect("a rule under the agency");
        let widest = ctx
            .ban_hanh
            .iter()
            .map(|l| pt_width(l, true, body - 1.0))
            .fold(0.0, f64::max);
        let ratio = agency_rule as f64 / widest;
        assert!(
            (0.33..=0.5).contains(&ratio),
            "{name}: agency rule {ratio} of the name"
        );
        // Số and the place-date in one row, both aligned to its bottom.
        let so = paras[find(&ctx.so_ky_hieu)];
        let date = paras[find(&ctx.dia_danh_ngay)];
        let row = |p: roxmltree::Node| {
            p.ancestors()
                .find(|a| a.has_tag_name((W, "tr")))
                .unwrap()
                .id()
        };
        assert_eq!(row(so), row(date), "{name}: Số and date on one row");

        // Body: justified, the first-line indent of trinh_bay, 6 pt after, Times New Roman
        // in all four slots, Vietnamese.
        let styles = &parts["word/styles.xml"];
        for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
            assert!(
                styles.contains(&format!(r#"w:{slot}="Times New Roman""#)),
                "{name}: {slot} font"
            );
        }
        assert!(
            styles.contains(r#"<w:lang w:val="vi-VN""#),
            "{name}: language"
        );
        let indent = (ctx.layout.thut_dau_dong * 567.0).round() as i64;
        let justified: Vec<_> = paras
            .iter()
            .filter(|p| st.para(**p, "jc", "val").as_deref() == Some("both"))
            .collect();
        assert!(!justified.is_empty(), "{name}: no justified paragraph");
        for p in justified {
            assert_eq!(
                st.para(*p, "ind", "firstLine").and_then(|v| v.parse().ok()),
                Some(indent),
                "{name}: indent"
            );
            assert_eq!(
                st.para(*p, "spacing", "after").as_deref(),
                Some("120"),
                "{name}: 6 pt after"
            );
        }
        assert!(
            !doc_xml.contains("w:jc w:val=\"justified\""),
            "{name}: invalid jc value"
        );

        // Tables: fixed layout with a grid; a bordered table (matrix, results) repeats its
        // header row, which never splits; its other rows may (Word cuts off a can't-split
        // row taller than a page), except the matrix's group rows.
        for t in doc.descendants().filter(|n| n.has_tag_name((W, "tbl"))) {
            let tblpr = w(t, "tblPr").unwrap();
            assert_eq!(
                w(tblpr, "tblLayout").unwrap().attribute((W, "type")),
                Some("fixed")
            );
            assert!(w(t, "tblGrid").is_some(), "{name}: table without a grid");
            let rows: Vec<_> = t.children().filter(|c| c.has_tag_name((W, "tr"))).collect();
            let bordered = w(w(tblpr, "tblBorders").unwrap(), "top")
                .unwrap()
                .attribute((W, "val"))
                == Some("single");
            if bordered {
                let trpr = w(rows[0], "trPr").expect("header row properties");
                assert!(
                    w(trpr, "tblHeader").is_some(),
                    "{name}: header row not repeated"
                );
                assert!(w(trpr, "cantSplit").is_some(), "{name}: header row splits");
                for r in &rows[1..] {
                    let whole = w(*r, "trPr").is_some_and(|t| w(t, "cantSplit").is_some());
                    let cells = r.children().filter(|c| c.has_tag_name((W, "tc"))).count();
                    // A group row: its number and its name across the other columns.
                    let group = cells == 2
                        && rows[0]
                            .children()
                            .filter(|c| c.has_tag_name((W, "tc")))
                            .count()
                            > 2;
                    assert_eq!(whole, group, "{name}: only header and group rows are whole");
                }
            }
        }
        if ctx.phu_luc.iter().any(|a| !a.groups.is_empty()) {
            assert!(doc_xml.contains("<w:tblHeader/>"), "{name}: matrix header");
            assert!(doc_xml.contains("Cơ quan thực hiện"), "{name}: matrix");
        }

        // Nơi nhận: the label bold italic, the list, at the spec's sizes (12 and 11).
        let half = |v: f64| Some((v * 2.0) as i64);
        let nn = paras[find("Nơi nhận:")];
        assert_eq!(
            st.size(nn),
            half(ctx.spec.sizes.noi_nhan_nhan),
            "{name}: Nơi nhận label"
        );
        assert!(st.bold(nn), "{name}: Nơi nhận label bold");
        let first_recipient = paras[find(&ctx.noi_nhan[0])];
        assert_eq!(
            st.size(first_recipient),
            half(ctx.spec.sizes.noi_nhan),
            "{name}: Nơi nhận list"
        );

        // No text boxes, frames or absolute positions anywhere.
        for bad in [
            "w:framePr",
            "w:txbxContent",
            "wp:anchor",
            "w:drawing",
            "w:pict",
        ] {
            assert!(!doc_xml.contains(bad), "{name}: {bad}");
        }
        let settings = &parts["word/settings.xml"];
        assert!(settings.contains(r#"w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15""#));
        assert!(
            !settings.contains("useFELayout"),
            "{name}: East-Asian legacy layout"
        );
        assert!(
            parts["docProps/custom.xml"].contains(env!("CARGO_PKG_VERSION")),
            "{name}: version property"
        );
        let core = &parts["docProps/core.xml"];
        assert!(
            core.contains(&format!(
                "<dc:title>{}</dc:title>",
                xml_escape(&ctx.meta.title)
            )),
            "{name}: title"
        );
        assert!(
            core.contains("<dc:language>vi-VN</dc:language>"),
            "{name}: language"
        );
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} samples");
}

/// Word styles: every paragraph names one of vanban's, headings carry outline levels, the
/// body ends with a paragraph, and the body's size lives in its style alone.
#[test]
fn every_paragraph_has_a_named_style_and_the_styles_drive_the_look() {
    for path in samples() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let built = build(&path);
        let parts = parts(&build_docx(&path));
        let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
        let styles_xml = &parts["word/styles.xml"];
        let st = Styles::new(styles_xml);
        let paras: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .collect();
        for p in &paras {
            let id = w(*p, "pPr").and_then(|ppr| w(ppr, "pStyle"));
            let id = id.and_then(|s| s.attribute((W, "val"))).unwrap_or("");
            assert!(
                id.starts_with("VB") && st.style(id).is_some(),
                "{name}: paragraph {:?} has no style of the set ({id:?})",
                text(*p)
            );
            let shown = st
                .style(id)
                .and_then(|s| w(s, "name"))
                .and_then(|n| n.attribute((W, "val")))
                .unwrap();
            assert!(shown.starts_with("VB - "), "{name}: style name {shown}");
        }

        // The numbered headings of the body and the Chương/Mục lines are in the outline.
        let outline = |p: &roxmltree::Node| st.para(*p, "outlineLvl", "val");
        for b in built
            .ctx
            .body
            .iter()
            .filter(|b| b.bold || b.level == "chuong")
        {
            let label = if b.level == "chuong" {
                b.marker.clone()
            } else {
                format!("{} ", b.marker)
            };
            let p = paras
                .iter()
                .find(|p| !b.marker.is_empty() && text(**p).starts_with(&label))
                .unwrap_or_else(|| panic!("{name}: no paragraph for {label:?}"));
            assert!(
                outline(p).is_some(),
                "{name}: {label:?} has no outline level"
            );
        }
        if built
            .ctx
            .body
            .iter()
            .any(|b| b.bold && !b.marker.is_empty())
        {
            assert!(
                paras.iter().any(|p| outline(p).is_some()),
                "{name}: no outline"
            );
        }

        // Word cannot end the body with a table; a paragraph of 1 pt closes it.
        let body = doc
            .descendants()
            .find(|n| n.has_tag_name((W, "body")))
            .unwrap();
        let last = body
            .children()
            .rfind(|c| c.is_element() && !c.has_tag_name((W, "sectPr")))
            .unwrap();
        assert!(
            last.has_tag_name((W, "p")),
            "{name}: the body ends with a table"
        );

        // The body paragraphs carry no size of their own: switching the body style to the
        // 12/13/13 set (13 pt) switches every one of them.
        let switched = styles_xml.replacen(
            r#"<w:name w:val="VB - Nội dung"/>"#,
            r#"<w:name w:val="VB - Nội dung"/><w:rPr><w:sz w:val="26"/></w:rPr>"#,
            1,
        );
        let st2 = Styles::new(&switched);
        let mut body_paras = 0;
        for p in &paras {
            if !st.based_on(&Styles::id_of(*p), "VBNoiDung") {
                continue;
            }
            for r in p.children().filter(|c| c.has_tag_name((W, "r"))) {
                let direct = w(r, "rPr").and_then(|rpr| w(rpr, "sz"));
                assert!(
                    direct.is_none(),
                    "{name}: a body run with its own size: {:?}",
                    text(*p)
                );
            }
            assert_eq!(st2.size(*p), Some(26), "{name}: {:?}", text(*p));
            body_paras += 1;
        }
        assert!(body_paras > 0, "{name}: no body paragraph");
    }
}

/// The decree's numbers live once, in the context's spec: one changed there reaches the PDF
/// and the Word file alike.
#[test]
fn one_number_of_the_layout_spec_reaches_both_outputs() {
    let path = root().join("data/lang-son/ke-hoach-ntm-2019.yaml");
    let mut ctx = build(&path).ctx;
    assert_eq!(ctx.spec.sizes.noi_nhan, 11.0);
    ctx.spec.sizes.noi_nhan = 9.5;
    let recipient = ctx.noi_nhan[0].clone();

    let pdf = common::build_context(ctx.clone());
    let (runs, _) = common::layout(&pdf.doc);
    let run = common::find(&runs, &recipient);
    assert_eq!(run.size, 9.5, "the PDF's Nơi nhận line");

    let mut report = vanban::diag::Report::default();
    let docx =
        vanban::render::Renderer::render(&vanban::render::docx::DocxRenderer, &ctx, &mut report)
            .expect("a .docx");
    let parts = parts(&docx.bytes);
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let st = Styles::new(&parts["word/styles.xml"]);
    let p = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "p")) && text(*n) == recipient)
        .expect("the recipient's paragraph");
    assert_eq!(st.size(p), Some(19), "the Word file's Nơi nhận line");
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn the_docx_text_is_the_documents_text() {
    // Every paragraph of the context reaches the .docx, in NFC and with no control
    // character. The word-by-word comparison with the PDF is in docx_office.rs.
    let path = root().join("data/lang-son/ke-hoach-ntm-2019.yaml");
    let parts = parts(&build_docx(&path));
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let all: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(text)
        .collect();
    let joined = all.join("\n");
    let ctx = build(&path).ctx;
    let mut from = 0;
    for phrase in [
        ctx.so_ky_hieu.as_str(),
        ctx.dia_danh_ngay.as_str(),
        "KẾ HOẠCH",
        ctx.trich_yeu[0].as_str(),
        "I. MỤC TIÊU CHUNG, MỤC TIÊU CỤ THỂ",
        "Nơi nhận:",
        ctx.nguoi_ky.ho_ten.as_str(),
        "PHỤ LỤC",
    ] {
        let phrase = phrase.to_string();
        let hit = joined[from..]
            .find(&phrase)
            .or_else(|| joined[from..].to_uppercase().find(&phrase.to_uppercase()));
        let i = hit.unwrap_or_else(|| panic!("{phrase:?} not found after byte {from}"));
        from += i;
    }
    use unicode_normalization::UnicodeNormalization;
    assert_eq!(joined.nfc().collect::<String>(), joined, "text not in NFC");
    assert!(!joined.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn same_input_same_bytes() {
    for path in samples().iter().take(4) {
        assert_eq!(build_docx(path), build_docx(path), "{}", path.display());
    }
}

#[test]
fn data_reaches_the_docx_as_text_never_as_markup() {
    // XML's special characters and decomposed Vietnamese (control characters are refused
    // with their place before any renderer runs; `ooxml::escape` drops them all the same).
    let work = tempdir();
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/toi-thieu.yaml")).unwrap();
    let nasty = "A < B && C > D \\\"q\\\" ]]> </w:t><w:t>x Ho\u{0300}a";
    let doc = base.replace(
        "  - doan: Ngày 03/02/2020, Giám đốc Sở chủ trì cuộc họp giao ban.",
        &format!("  - doan: \"{nasty}\""),
    );
    assert_ne!(doc, base);
    let file = work.join("x.yaml");
    std::fs::write(&file, doc).unwrap();
    let parts = parts(&build_docx(&file));
    let xml = &parts["word/document.xml"];
    let parsed = roxmltree::Document::parse(xml).expect("well-formed");
    let body: String = parsed
        .descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        body.contains("A < B && C > D \"q\" ]]> </w:t><w:t>x Hòa"),
        "{body}"
    );
    let _ = std::fs::remove_dir_all(&work);
}

/// The files a build printed as written ("input → output" lines), by extension.
fn written(out: &std::process::Output, ext: &str) -> usize {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.ends_with(&format!(".{ext}")))
        .count()
}

#[test]
fn build_format_writes_docx_beside_pdf_and_skips_per_format() {
    let work = tempdir();
    let data = work.join("data");
    std::fs::create_dir_all(&data).unwrap();
    for f in ["thong-bao-ket-luan-2020.yaml", "cong-van-vpdp-2020.yaml"] {
        std::fs::copy(root().join("data/lang-son").join(f), data.join(f)).unwrap();
    }
    let run = |args: &[&str]| {
        let out = vanban(args, &work);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    // Word alone: no PDF, no Typst.
    let out = run(&["build", "data", "-f", "docx", "--out", "out"]);
    assert_eq!((written(&out, "docx"), written(&out, "pdf")), (2, 0));
    assert!(work.join("out/cong-van-vpdp-2020.docx").exists());
    assert!(!work.join("out/cong-van-vpdp-2020.pdf").exists());
    // Then both: only the PDFs are new.
    let out = run(&["build", "data", "--format", "pdf,docx", "--out", "out"]);
    assert_eq!((written(&out, "docx"), written(&out, "pdf")), (0, 2));
    // Nothing changed: nothing built, in either format.
    let out = run(&["build", "data", "--format", "pdf,docx", "--out", "out"]);
    assert_eq!((written(&out, "docx"), written(&out, "pdf")), (0, 0));
    // A deleted .docx is made again, alone.
    std::fs::remove_file(work.join("out/cong-van-vpdp-2020.docx")).unwrap();
    let out = run(&["build", "data", "--format", "pdf,docx", "--out", "out"]);
    assert_eq!((written(&out, "docx"), written(&out, "pdf")), (1, 0));
    // --force rebuilds both.
    let out = run(&[
        "build", "data", "--format", "pdf,docx", "--out", "out", "--force",
    ]);
    assert_eq!((written(&out, "docx"), written(&out, "pdf")), (2, 2));
    // A bad format is refused with the choices.
    let out = vanban(&["build", "data", "-f", "odt"], &work);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pdf,docx"));
    // A document with an error writes no .docx and loses its old one.
    let file = data.join("cong-van-vpdp-2020.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("ngay:", "ngay: 31/02/2020\nngay_cu:", 1),
    )
    .unwrap();
    let out = vanban(&["build", "data", "-f", "pdf,docx", "--out", "out"], &work);
    assert!(!out.status.success());
    assert!(!work.join("out/cong-van-vpdp-2020.docx").exists());
    assert!(!work.join("out/cong-van-vpdp-2020.pdf").exists());
    assert!(work.join("out/thong-bao-ket-luan-2020.docx").exists());
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn every_sample_is_valid_office_open_xml() {
    // openxml-audit (PyPI, pure Python) checks element order, attribute values and required
    // parts against the Office 2019 schemas, as the Open XML SDK does for Word. `.ci/run`
    // installs it; VANBAN_SKIP_OFFICE=1 skips this test on a machine without it.
    let has = std::process::Command::new("python3")
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
    let dir = tempdir();
    let mut files = Vec::new();
    for path in samples() {
        let file = dir.join(path.file_name().unwrap()).with_extension("docx");
        std::fs::write(&file, build_docx(&path)).unwrap();
        files.push(file);
    }
    let mut bad = Vec::new();
    for file in &files {
        let out = std::process::Command::new("python3")
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
            .arg(file)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || !report.contains(r#""valid": true"#) {
            bad.push(format!("{}:\n{report}", file.display()));
        }
    }
    assert!(bad.is_empty(), "invalid .docx:\n{}", bad.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}
