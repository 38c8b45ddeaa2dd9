//! Typst source: the document's kind template filled with the context by Tera, with our
//! Typst escaper as the autoescape function for every template.

use tera::Tera;

use super::{Artifact, Renderer};
use crate::context::Context;
use crate::diag::{Diagnostic, Report};
use crate::templates::TemplateSet;

/// Renders Typst source from the template set.
pub struct TypstSource {
    tera: Tera,
    templates: TemplateSet,
}

impl TypstSource {
    pub fn new(templates: &TemplateSet) -> Result<TypstSource, Vec<Diagnostic>> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".tera"]);
        tera.set_escape_fn(super::escape::typst_string);
        let raw: Vec<(&str, &str)> = templates
            .files
            .iter()
            .filter(|(n, _)| n.ends_with(".tera"))
            .map(|(n, f)| (n.as_str(), f.text.as_str()))
            .collect();
        tera.add_raw_templates(raw).map_err(|e| {
            vec![Diagnostic::error(
                std::path::Path::new("templates"),
                None,
                format!("lỗi mẫu Tera: {}", chain(&e)),
            )]
        })?;
        Ok(TypstSource {
            tera,
            templates: templates.clone(),
        })
    }

    /// The generated source for one document.
    pub fn source(&self, ctx: &Context, template: &str, report: &mut Report) -> Option<String> {
        let mut tctx = tera::Context::new();
        tctx.insert("ctx", ctx);
        match self.tera.render(template, &tctx) {
            Ok(s) => Some(s),
            Err(e) => {
                let file = self.templates.display(template);
                report.push(Diagnostic::error(
                    std::path::Path::new(&file),
                    None,
                    format!("lỗi khi điền mẫu: {}", chain(&e)),
                ));
                None
            }
        }
    }
}

/// Tera's errors keep the useful part in their sources.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

impl TypstSource {
    /// The Tera files a kind's template may use: its own, and those that belong to no kind
    /// (macros, the Mẫu 1.4 body). Tera does not report its includes, so this is the safe side.
    pub fn templates_of(&self, kind_template: &str) -> Vec<String> {
        const KINDS: [&str; 3] = [
            "ke_hoach.typ.tera",
            "thong_bao.typ.tera",
            "cong_van.typ.tera",
        ];
        self.templates
            .files
            .keys()
            .filter(|n| {
                n.ends_with(".tera")
                    && (n.as_str() == kind_template || !KINDS.contains(&n.as_str()))
            })
            .cloned()
            .collect()
    }
}

impl Renderer for TypstSource {
    fn render(&self, ctx: &Context, report: &mut Report) -> Option<Artifact> {
        let template = ctx.template;
        self.source(ctx, template, report).map(|s| Artifact {
            extension: "typ",
            bytes: s.into_bytes(),
        })
    }
}
