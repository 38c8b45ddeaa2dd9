//! Fuzz target: any text as a YAML document goes through load → validate and compute →
//! Typst source. It must never panic; errors are fine.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use vanban::diag::Report;
use vanban::render::typst_source::TypstSource;
use vanban::render::Renderer;
use vanban::templates::TemplateSet;
use vanban::world::Shared;

fn engine() -> &'static (Shared, TypstSource) {
    static ENGINE: OnceLock<(Shared, TypstSource)> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let set = TemplateSet::load(None).expect("built-in templates");
        let source = TypstSource::new(&set).expect("built-in templates parse");
        (Shared::new(set), source)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (shared, source) = engine();
    let mut report = Report::default();
    let Ok(loaded) = vanban::load::load_text(Path::new("fuzz.yaml"), text.to_string()) else { return };
    let prepared = vanban::context::build(&loaded, &shared.fonts, &mut report);
    if !report.has_errors() {
        let _ = source.render(&prepared.ctx, &mut report);
    }
    // Every diagnostic must render (positions inside the text, snippets on char boundaries).
    for d in &report.items {
        let _ = d.to_string();
    }
});
