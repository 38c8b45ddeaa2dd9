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
                crate::t!("lỗi mẫu Tera: {e}", e = chain(&e)),
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
                let text = chain(&e);
                // A template that includes or imports one the set does not have: named in
                // Vietnamese, at the line that asks for it.
                let missing = text
                    .split_once("Template '")
                    .and_then(|(_, rest)| rest.split_once("' not found"))
                    .map(|(name, _)| name.trim_matches(['[', ']']).to_string());
                let d = match missing {
                    Some(name) => {
                        let source = self.templates.files.get(template).map(|f| f.text.as_str());
                        let pos = source.and_then(|src| {
                            src.lines().enumerate().find_map(|(i, l)| {
                                l.find(&name).map(|c| crate::diag::Pos {
                                    line: i + 1,
                                    column: l[..c].chars().count() + 1,
                                })
                            })
                        });
                        let mut d = Diagnostic::error(
                            std::path::Path::new(&file),
                            pos,
                            crate::t!(
                                "không có mẫu `{name}` mà mẫu này gọi đến (Tera: {e})",
                                name = name,
                                e = text
                            ),
                        )
                        .with_hint(crate::t!(
                            "đặt tệp mẫu đó vào thư mục templates/ hoặc sửa tên trong lệnh include/import"
                        ));
                        if let Some(src) = source {
                            d = d.with_source(src);
                        }
                        d
                    }
                    None => Diagnostic::error(
                        std::path::Path::new(&file),
                        None,
                        crate::t!("lỗi khi điền mẫu: {e}", e = text),
                    ),
                };
                report.push(d);
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
    /// The template that renders a document: one named after its kind (`ke_hoach.typ.tera`)
    /// when the template set has it, else the built-in layout of its Mẫu.
    /// The user's files (of `--templates`) that change this document's layout: the PDF
    /// follows them, the Word file keeps vanban's own layout. A copy of a built-in template
    /// left as it is (this repository's own `templates/`) changes nothing.
    pub fn overrides_of(&self, ctx: &Context) -> Vec<String> {
        let mut used = self.templates_of(&self.template_for(ctx));
        used.push("vanban.typ".to_string());
        let builtin = |n: &str| {
            crate::templates::BUILTIN
                .iter()
                .find(|(name, _)| *name == n)
                .map(|(_, text)| *text)
        };
        used.into_iter()
            .filter(|n| {
                self.templates
                    .files
                    .get(n)
                    .is_some_and(|f| f.origin.is_some() && builtin(n).is_none_or(|b| b != f.text))
            })
            .map(|n| self.templates.display(&n))
            .collect()
    }

    pub fn template_for(&self, ctx: &Context) -> String {
        let own = format!("{}.typ.tera", ctx.loai);
        if self.templates.files.contains_key(&own) {
            own
        } else {
            ctx.template.to_string()
        }
    }

    /// The Tera files a document's template may use: its own, those that belong to no kind
    /// and no Mẫu (macros), and, for a kind's own template, every Mẫu it may include. Tera
    /// does not report its includes, so this is the safe side.
    pub fn templates_of(&self, template: &str) -> Vec<String> {
        let kind_files: Vec<String> = crate::model::KINDS
            .iter()
            .map(|k| format!("{}.typ.tera", k.1))
            .collect();
        let is_mau = |n: &str| n.starts_with("mau_");
        let own_kind = kind_files.iter().any(|k| k == template);
        self.templates
            .files
            .keys()
            .filter(|n| {
                n.ends_with(".tera")
                    && (n.as_str() == template
                        || (!kind_files.contains(n) && (!is_mau(n) || own_kind)))
            })
            .cloned()
            .collect()
    }
}

impl Renderer for TypstSource {
    fn render(&self, ctx: &Context, report: &mut Report) -> Option<Artifact> {
        let template = self.template_for(ctx);
        self.source(ctx, &template, report).map(|s| Artifact {
            extension: "typ",
            bytes: s.into_bytes(),
        })
    }
}
