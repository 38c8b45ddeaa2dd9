//! Word's styles (`word/styles.xml`) as the reader needs them: whether a paragraph or run
//! style makes text bold or italic, and whether a paragraph style centres it, following
//! each style's `basedOn` chain down to the document defaults. vanban's own .docx and many
//! agencies' files set the bold of a heading only in its style.

use std::collections::HashMap;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Formatting a style (or direct formatting) sets; `None` where it says nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Props {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub center: Option<bool>,
}

impl Props {
    /// Each field from `self`, else from `under`.
    pub fn over(self, under: Props) -> Props {
        Props {
            bold: self.bold.or(under.bold),
            italic: self.italic.or(under.italic),
            center: self.center.or(under.center),
        }
    }

    /// The emphasis a run's own `w:rPr` sets.
    pub fn of_rpr(rpr: Option<roxmltree::Node>) -> Props {
        let toggle = |name: &str| {
            rpr.and_then(|r| r.children().find(|c| c.has_tag_name((W, name))))
                .map(|b| !matches!(b.attribute((W, "val")), Some("0" | "false" | "off")))
        };
        Props {
            bold: toggle("b"),
            italic: toggle("i"),
            center: None,
        }
    }

    /// The alignment a `w:pPr` sets (`None` when it sets none).
    pub fn of_ppr(ppr: Option<roxmltree::Node>) -> Props {
        let jc = ppr
            .and_then(|p| p.children().find(|c| c.has_tag_name((W, "jc"))))
            .and_then(|j| j.attribute((W, "val")));
        Props {
            center: jc.map(|v| v == "center"),
            ..Props::default()
        }
    }
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

struct Style {
    based_on: Option<String>,
    props: Props,
}

/// The styles of a document, by id.
#[derive(Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    /// `w:docDefaults` run formatting.
    defaults: Props,
    /// The paragraph style used when a paragraph names none (`w:default="1"`).
    default_para: Option<String>,
}

impl Styles {
    /// Reads `word/styles.xml`; an unreadable part gives no styles (direct formatting only).
    pub fn parse(xml: &str) -> Styles {
        let mut out = Styles::default();
        let Ok(doc) = roxmltree::Document::parse(xml) else {
            return out;
        };
        for n in doc.root_element().children().filter(|c| c.is_element()) {
            if n.has_tag_name((W, "docDefaults")) {
                let rpr = child(n, "rPrDefault").and_then(|d| child(d, "rPr"));
                out.defaults = Props::of_rpr(rpr);
                continue;
            }
            if !n.has_tag_name((W, "style")) {
                continue;
            }
            let Some(id) = n.attribute((W, "styleId")) else {
                continue;
            };
            if n.attribute((W, "type")) == Some("paragraph")
                && matches!(n.attribute((W, "default")), Some("1" | "true"))
            {
                out.default_para = Some(id.to_string());
            }
            let props = Props::of_rpr(child(n, "rPr")).over(Props::of_ppr(child(n, "pPr")));
            let based_on = child(n, "basedOn")
                .and_then(|b| b.attribute((W, "val")))
                .map(str::to_string);
            out.styles.insert(id.to_string(), Style { based_on, props });
        }
        out
    }

    /// What a style sets, through its `basedOn` chain (a loop in a damaged file is cut).
    pub fn resolve(&self, id: &str) -> Props {
        let mut props = Props::default();
        let mut at = Some(id);
        for _ in 0..32 {
            let Some(style) = at.and_then(|i| self.styles.get(i)) else {
                break;
            };
            props = props.over(style.props);
            at = style.based_on.as_deref();
        }
        props
    }

    /// The formatting a paragraph's style gives its runs and its alignment, over the
    /// document defaults: its `w:pStyle`, else the default paragraph style.
    pub fn paragraph(&self, ppr: Option<roxmltree::Node>) -> Props {
        let named = ppr
            .and_then(|p| p.children().find(|c| c.has_tag_name((W, "pStyle"))))
            .and_then(|s| s.attribute((W, "val")));
        let style = named.or(self.default_para.as_deref());
        style
            .map(|s| self.resolve(s))
            .unwrap_or_default()
            .over(self.defaults)
    }

    /// A run's emphasis: its direct formatting, over its character style (`w:rStyle`), over
    /// the paragraph's.
    pub fn run(&self, rpr: Option<roxmltree::Node>, paragraph: Props) -> Props {
        let char_style = rpr
            .and_then(|r| r.children().find(|c| c.has_tag_name((W, "rStyle"))))
            .and_then(|s| s.attribute((W, "val")))
            .map(|s| self.resolve(s))
            .unwrap_or_default();
        Props::of_rpr(rpr).over(char_style).over(paragraph)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Tieu"><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TieuNghieng"><w:basedOn w:val="Tieu"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Vong"><w:basedOn w:val="Vong"/></w:style>
<w:style w:type="character" w:styleId="Thuong"><w:rPr><w:b w:val="0"/></w:rPr></w:style>
</w:styles>"#;

    #[test]
    fn a_style_gives_what_its_chain_sets() {
        let s = Styles::parse(XML);
        let p = s.resolve("TieuNghieng");
        assert_eq!(
            (p.bold, p.italic, p.center),
            (Some(true), Some(true), Some(true))
        );
        assert_eq!(s.resolve("Normal").bold, None);
        // A style based on itself is read once, not forever.
        assert_eq!(s.resolve("Vong"), Props::default());
    }

    #[test]
    fn direct_formatting_and_a_character_style_win_over_the_paragraph_style() {
        let s = Styles::parse(XML);
        let doc = roxmltree::Document::parse(
            r#"<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:rPr><w:rStyle w:val="Thuong"/></w:rPr></w:r>"#,
        )
        .unwrap();
        let rpr = doc.root_element().first_element_child();
        let para = s.resolve("Tieu");
        assert_eq!(s.run(rpr, para).bold, Some(false));
        assert_eq!(s.run(None, para).bold, Some(true));
    }
}
