//! Templates: built-in defaults embedded in the binary, overridden by name by the files of a
//! user's `templates/` folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in templates, by file name. Mẫu 1.4 (a document with a tên loại) lays out every
/// kind but the công văn (Mẫu 1.5); a user's template named after a kind (`ke_hoach.typ.tera`)
/// takes over that kind only.
pub const BUILTIN: [(&str, &str); 4] = [
    ("vanban.typ", include_str!("../templates/vanban.typ")),
    ("macros.tera", include_str!("../templates/macros.tera")),
    (
        "mau_1_4.typ.tera",
        include_str!("../templates/mau_1_4.typ.tera"),
    ),
    (
        "mau_1_5.typ.tera",
        include_str!("../templates/mau_1_5.typ.tera"),
    ),
];

/// One template file and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub text: String,
    /// `None` for a built-in template, or the overriding file.
    pub origin: Option<PathBuf>,
}

/// The template set of a run.
#[derive(Debug, Clone)]
pub struct TemplateSet {
    pub files: BTreeMap<String, TemplateFile>,
}

impl TemplateSet {
    /// The built-ins, with every file of `dir` (if it exists) replacing the one of the same name.
    pub fn load(dir: Option<&Path>) -> std::io::Result<TemplateSet> {
        let mut files: BTreeMap<String, TemplateFile> = BUILTIN
            .iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    TemplateFile {
                        text: t.to_string(),
                        origin: None,
                    },
                )
            })
            .collect();
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            for entry in std::fs::read_dir(dir)? {
                let entry = entry?;
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().to_string();
                if path.is_file() && (name.ends_with(".typ") || name.ends_with(".tera")) {
                    let text = std::fs::read_to_string(&path)?;
                    files.insert(
                        name,
                        TemplateFile {
                            text,
                            origin: Some(path),
                        },
                    );
                }
            }
        }
        Ok(TemplateSet { files })
    }

    /// A Typst file (not a Tera template) that the generated source may import.
    pub fn typst_file(&self, name: &str) -> Option<&TemplateFile> {
        self.files.get(name).filter(|_| name.ends_with(".typ"))
    }

    /// Path of a template for diagnostics: the user's file, or the built-in one as it is in
    /// vanban's repository (`templates/…`), where it can be copied from.
    pub fn display(&self, name: &str) -> String {
        match self.files.get(name).and_then(|f| f.origin.as_ref()) {
            Some(p) => p.display().to_string(),
            None => format!("templates/{name}"),
        }
    }
}
