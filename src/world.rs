//! Our Typst `World`: the main source comes from memory, fonts only from the embedded set,
//! file reads only from the template set, no packages, and `today()` is the document date.

use std::sync::Mutex;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::Fonts;
use crate::templates::TemplateSet;

/// Shared by every document of a run: the standard library, the fonts and the templates are
/// built once, and the Typst templates are parsed once (the same `Source` every time also
/// lets Typst's memoisation reuse their evaluation across documents).
pub struct Shared {
    pub library: LazyHash<Library>,
    pub fonts: Fonts,
    pub templates: TemplateSet,
    sources: Vec<Source>,
    /// The families (họ văn bản) read so far, each once per state of its files.
    pub families: crate::family::Cache,
}

impl Shared {
    pub fn new(templates: TemplateSet) -> Shared {
        let sources = templates
            .files
            .iter()
            .filter(|(name, _)| name.ends_with(".typ"))
            .filter_map(|(name, f)| Some(Source::new(template_id(name)?, f.text.clone())))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            fonts: Fonts::embedded(),
            templates,
            sources,
            families: crate::family::Cache::default(),
        }
    }
}

/// The file id of a template, as the generated source imports it (`#import "vanban.typ"`).
fn template_id(name: &str) -> Option<FileId> {
    Some(
        RootedPath::new(
            VirtualRoot::Project,
            VirtualPath::new(format!("/{name}")).ok()?,
        )
        .intern(),
    )
}

/// The virtual path of the generated main file. One id for every document: file ids are
/// interned for the life of the process.
pub fn main_id() -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new("/main.typ").expect("valid path"),
    )
    .intern()
}

/// The world of one compilation.
pub struct VanbanWorld<'a> {
    shared: &'a Shared,
    main: Source,
    today: Datetime,
    /// Files the compilation read, as typst-cli tracks them.
    pub accessed: Mutex<Vec<String>>,
}

impl<'a> VanbanWorld<'a> {
    pub fn new(shared: &'a Shared, text: String, today: Datetime) -> Self {
        VanbanWorld {
            shared,
            main: Source::new(main_id(), text),
            today,
            accessed: Mutex::new(Vec::new()),
        }
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }

    /// The template behind a file id, if the id names one of our Typst templates; the read
    /// is recorded.
    fn template(&self, id: FileId) -> FileResult<&'a crate::templates::TemplateFile> {
        let path = id.vpath().get_without_slash().to_string();
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                crate::t!("vanban không dùng gói (package) Typst").into(),
            )));
        }
        match self.shared.templates.typst_file(&path) {
            Some(f) => {
                self.accessed.lock().unwrap().push(path);
                Ok(f)
            }
            None => Err(FileError::NotFound(std::path::PathBuf::from(path))),
        }
    }
}

impl World for VanbanWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        self.template(id)?;
        match self.shared.sources.iter().find(|s| s.id() == id) {
            Some(s) => Ok(s.clone()),
            None => Err(FileError::NotFound(id.vpath().get_without_slash().into())),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.template(id)
            .map(|f| Bytes::from_string(f.text.clone()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Keeps the compiler's caches from growing without bound over a long batch; each of the
/// batch's `workers` calls it after every document. Results unused since the last
/// `1 + workers` evictions are dropped: a document's memoised layout must survive until its
/// own second layout iteration, and each other worker evicts about once meanwhile. Keeping
/// more does not make a batch faster (the documents share little), it only costs memory
/// (evict(10): about twice the resident memory).
pub fn evict(workers: usize) {
    typst::comemo::evict(1 + workers.max(1));
}
