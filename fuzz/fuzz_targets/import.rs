//! Fuzz target: any bytes as a Word file, a text or a Markdown file go through `vanban nhap`
//! (read → recognise → figures → YAML). It must never panic; a refusal is fine, and the YAML
//! it writes must load.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A .doc would be handed to LibreOffice: the fuzzer tests vanban's own reading only.
    std::env::set_var("VANBAN_SOFFICE", "");
    let Some((&kind, bytes)) = data.split_first() else { return };
    let name = match kind % 3 {
        0 => "fuzz.docx",
        1 => "fuzz.txt",
        _ => "fuzz.md",
    };
    let Ok(imported) = vanban::import::import_bytes(Path::new(name), bytes) else { return };
    vanban::load::load_text(Path::new("fuzz.yaml"), imported.yaml)
        .expect("the YAML an import writes always loads");
});
