//! `vanban serve`: the documents of a folder in the browser, live as they are edited.
//!
//! Three threads: the file watcher (notify), the compile thread (all Typst work, with warm
//! caches; saves that come fast are coalesced so only the newest compile of a document is
//! rendered), and one current-thread tokio runtime serving HTTP and the WebSocket. Pages are
//! SVG, one per page, served from memory by hash; the WebSocket tells the browser the new
//! hashes and it fetches only the pages that changed.
//!
//! Security: bound to 127.0.0.1 only; a request whose `Host` is not this server's is refused
//! (DNS rebinding); the WebSocket and every write need this run's random token and our own
//! `Origin`; documents are addressed by id from the server's own list, never by a path from
//! the URL, and files are read and written only inside the served folders (links are refused).

pub mod state;

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::t;
use state::{Compiler, Doc, DocState, Starters};

/// What `vanban serve` was asked for.
pub struct ServeOptions {
    pub paths: Vec<PathBuf>,
    pub templates: PathBuf,
    pub port: u16,
    pub open: bool,
    /// Take any free port when `port` is taken (vanban.exe started from Explorer, while
    /// another copy is still open).
    pub any_port: bool,
    pub starters: Starters,
}

/// Work for the compile thread.
enum Work {
    /// Files changed on disk, and when the watcher said so.
    Changed(Vec<PathBuf>, std::time::Instant),
    /// Compile this document next (it was just selected or created).
    First(String),
    /// A download: the document as PDF or Word.
    Export {
        id: String,
        docx: bool,
        reply: tokio::sync::oneshot::Sender<Result<Vec<u8>, Vec<state::Message>>>,
    },
}

/// Everything the documents' side shares with the server.
struct Index {
    docs: Vec<Doc>,
    states: HashMap<String, DocState>,
    /// SVG of the current and previous pages of each document, by page hash.
    svgs: HashMap<String, HashMap<String, Arc<str>>>,
    /// Files each document was computed from, itself included.
    deps: HashMap<String, Vec<PathBuf>>,
    /// Documents a page has asked for: only their pages are rendered to SVG and kept (the
    /// others are compiled for their state in the list only).
    viewed: std::collections::HashSet<String>,
    /// The document a page showed last: compiled first after a change.
    focus: Option<String>,
    rev: u64,
}

struct Hub {
    roots: Vec<PathBuf>,
    /// The folders a document may read from: the served folders, and the folder of a served
    /// file (see [`crate::load::confine`]).
    folders: Vec<PathBuf>,
    /// Documents with a download being made: one at a time each.
    exporting: Mutex<std::collections::HashSet<String>>,
    port: u16,
    token: String,
    starters: Starters,
    index: Mutex<Index>,
    events: tokio::sync::broadcast::Sender<Arc<str>>,
    work: Mutex<mpsc::Sender<Work>>,
}

impl Hub {
    /// The index, even after a panic elsewhere while it was held: its data stays consistent
    /// (every change to it is one assignment), and the other documents must keep working.
    fn index(&self) -> std::sync::MutexGuard<'_, Index> {
        self.index.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn doc(&self, id: &str) -> Option<Doc> {
        let idx = self.index();
        idx.docs.iter().find(|d| d.id == id).cloned()
    }

    fn send(&self, w: Work) {
        let _ = self.work.lock().unwrap().send(w);
    }

    /// Reads the list again; returns the ids that are new. Announces a changed list.
    fn rescan(&self) -> Vec<String> {
        let docs = {
            let _confined = crate::load::confine(&self.folders);
            state::list(&self.roots)
        };
        let mut idx = self.index();
        let added: Vec<String> = docs
            .iter()
            .filter(|d| !idx.docs.iter().any(|o| o.id == d.id))
            .map(|d| d.id.clone())
            .collect();
        let changed = !added.is_empty() || docs.len() != idx.docs.len();
        idx.docs = docs;
        let live: Vec<String> = idx.docs.iter().map(|d| d.id.clone()).collect();
        idx.states.retain(|id, _| live.contains(id));
        idx.svgs.retain(|id, _| live.contains(id));
        if changed {
            self.announce_list(&idx);
        }
        added
    }

    fn announce_list(&self, idx: &Index) {
        let msg = serde_json::json!({"type": "list", "folders": state::list_json(&idx.docs, &idx.states)});
        let _ = self.events.send(Arc::from(msg.to_string()));
    }

    fn allowed_hosts(&self) -> [String; 3] {
        let p = self.port;
        [
            format!("127.0.0.1:{p}"),
            format!("localhost:{p}"),
            format!("[::1]:{p}"),
        ]
    }
}

/// Runs the server until the process is stopped.
pub fn run(opts: ServeOptions) -> std::process::ExitCode {
    use std::process::ExitCode;
    let mut roots = Vec::new();
    for p in &opts.paths {
        match std::fs::canonicalize(p) {
            Ok(r) => roots.push(r),
            Err(_) => {
                eprint!(
                    "{}",
                    crate::diag::Diagnostic::error(
                        p,
                        None,
                        t!("không tìm thấy tệp hoặc thư mục này")
                    )
                );
                return ExitCode::from(2);
            }
        }
    }
    let compiler = match Compiler::new(&opts.templates) {
        Ok(c) => c,
        Err(diags) => {
            diags.iter().for_each(|d| eprint!("{d}"));
            return ExitCode::from(2);
        }
    };
    // 127.0.0.1 only: never another address.
    let bound = std::net::TcpListener::bind(("127.0.0.1", opts.port));
    let bound = match bound {
        Err(_) if opts.any_port => std::net::TcpListener::bind(("127.0.0.1", 0)),
        other => other,
    };
    let listener = match bound {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "{}",
                t!(
                    "lỗi: không mở được cổng {port} trên 127.0.0.1: {e}",
                    port = opts.port,
                    e = e
                )
            );
            return ExitCode::from(2);
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(opts.port);
    let (work_tx, work_rx) = mpsc::channel();
    let (events, _) = tokio::sync::broadcast::channel(256);
    let folders: Vec<PathBuf> = roots
        .iter()
        .filter_map(|r| {
            if r.is_dir() {
                Some(r.clone())
            } else {
                r.parent().map(|p| p.to_path_buf())
            }
        })
        .collect();
    let hub = Arc::new(Hub {
        roots: roots.clone(),
        folders,
        exporting: Mutex::new(Default::default()),
        port,
        token: token(),
        starters: opts.starters,
        index: Mutex::new(Index {
            docs: Vec::new(),
            states: HashMap::new(),
            svgs: HashMap::new(),
            deps: HashMap::new(),
            viewed: Default::default(),
            focus: None,
            rev: 0,
        }),
        events,
        work: Mutex::new(work_tx.clone()),
    });
    hub.rescan();

    // The watcher: the served folders and the templates.
    let tx = work_tx.clone();
    let templates_dir = std::fs::canonicalize(&opts.templates).ok();
    let mut watched: Vec<PathBuf> = roots.clone();
    watched.extend(templates_dir.clone());
    let watcher = match crate::pipeline::watch(&watched, move |paths| {
        let _ = tx.send(Work::Changed(paths, std::time::Instant::now()));
    }) {
        Ok(w) => w,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };

    let compile_hub = hub.clone();
    std::thread::Builder::new()
        .name("vanban-compile".into())
        .spawn(move || compile_loop(compile_hub, compiler, templates_dir, work_rx))
        .expect("compile thread");

    // Jupyter's way: the address with the token is printed here only (and opened with
    // `--open`); the page trades it for a cookie and drops it from the address.
    let url = format!("http://127.0.0.1:{port}/?token={}", hub.token);
    println!(
        "{}",
        t!(
            "vanban serve: mở {url} trong trình duyệt (Ctrl+C để dừng)",
            url = url
        )
    );
    if opts.open {
        open_browser(&url);
    }
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{}", t!("lỗi: {e}", e = e));
            return ExitCode::from(2);
        }
    };
    let result = rt.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, router(hub)).await
    });
    drop(watcher);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", t!("lỗi: {e}", e = e));
            ExitCode::from(2)
        }
    }
}

/// A random token for this run, from the system's random source.
fn token() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let from_os = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if from_os.is_err() {
        // No /dev/urandom (Windows): std's per-process random hash keys.
        use std::hash::{BuildHasher, Hasher};
        for chunk in bytes.chunks_mut(8) {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0),
            );
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares a token in a time that does not depend on where the first difference is.
fn same_token(given: &str, ours: &str) -> bool {
    given.len() == ours.len()
        && given
            .bytes()
            .zip(ours.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Opens the browser on the address with the token. On Unix, another user sees a process's
/// command line (`ps`), and a browser started for it keeps the address there: the browser is
/// given a file readable by this user only that leads to the address (as Jupyter does).
fn open_browser(url: &str) {
    #[cfg(unix)]
    let target = redirect_file(url)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| url.to_string());
    #[cfg(not(unix))]
    let target = url.to_string();
    if let Err(e) = crate::platform::open_url(&target) {
        eprintln!("{}", t!("không mở được trình duyệt: {e}", e = e));
    }
}

/// A page in a new folder only this user may open, which sends the browser on to `url` (made
/// of ASCII letters, digits and `:/.?=` only: nothing to escape).
#[cfg(unix)]
fn redirect_file(url: &str) -> std::io::Result<PathBuf> {
    use std::io::Write;
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    if !url
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ":/.?=".contains(c))
    {
        return Err(std::io::Error::other("address"));
    }
    let dir = std::env::temp_dir().join(format!("vanban-mo-{}", &token()[..16]));
    std::fs::DirBuilder::new().mode(0o700).create(&dir)?;
    let file = dir.join("vanban.html");
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&file)?;
    writeln!(
        f,
        "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={url}\"><title>vanban</title><a href=\"{url}\">vanban</a>"
    )?;
    Ok(file)
}

/// The compile thread: every Typst compile and SVG render happens here, one at a time,
/// newest first.
fn compile_loop(
    hub: Arc<Hub>,
    mut compiler: Compiler,
    templates_dir: Option<PathBuf>,
    rx: mpsc::Receiver<Work>,
) {
    // Every file a document reads, from here on, is inside the served folders.
    let _confined = crate::load::confine(&hub.folders);
    let mut dirty: VecDeque<String> = {
        let idx = hub.index();
        idx.docs.iter().map(|d| d.id.clone()).collect()
    };
    // When the last change was seen and how long its wait and list took (for the timings).
    let mut clock: Option<Clock> = None;
    loop {
        let first = if dirty.is_empty() {
            match rx.recv() {
                Ok(w) => Some(w),
                Err(_) => return,
            }
        } else {
            rx.try_recv().ok()
        };
        let Some(first) = first else {
            let id = dirty.pop_front().expect("not empty");
            guarded(&hub, &id, || {
                compile_one(&hub, &compiler, &id, clock.as_ref())
            });
            if dirty.is_empty() {
                clock = None;
            }
            continue;
        };
        let mut changed = Vec::new();
        let mut seen: Option<std::time::Instant> = None;
        // When the newest piece of work arrived.
        let mut last = std::time::Instant::now();
        let mut pending = vec![first];
        while let Some(w) = pending.pop() {
            match w {
                Work::Changed(paths, at) => {
                    changed.extend(paths);
                    seen = Some(seen.map_or(at, |s| s.min(at)));
                    // Editors save in several steps (truncate and write, or write a copy
                    // and rename it), a few milliseconds apart at most: wait for a short
                    // quiet moment so a half-written file is not shown as an error (and at
                    // most 300 ms, for a file that something writes without end).
                    // (A change that came during an earlier wait has had its quiet moment.)
                    let until = std::time::Instant::now() + Duration::from_millis(300);
                    while last.elapsed() < QUIET && std::time::Instant::now() < until {
                        match rx.recv_timeout(QUIET) {
                            Ok(more) => {
                                last = std::time::Instant::now();
                                pending.push(more);
                            }
                            Err(_) => break,
                        }
                    }
                }
                Work::First(id) => {
                    dirty.retain(|d| d != &id);
                    dirty.push_front(id);
                }
                Work::Export { id, docx, reply } => {
                    // The one who asked has gone (closed the tab, cancelled): not made.
                    if !reply.is_closed() {
                        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            export(&hub, &compiler, &id, docx)
                        }))
                        .unwrap_or_else(|_| Err(vec![internal_error(&hub, &id)]));
                        let _ = reply.send(made);
                    }
                }
            }
            if pending.is_empty() {
                while let Ok(more) = rx.try_recv() {
                    last = std::time::Instant::now();
                    pending.push(more);
                }
            }
        }
        if changed.is_empty() {
            continue;
        }
        let waited = std::time::Instant::now();
        let changed: Vec<PathBuf> = changed
            .into_iter()
            .map(|p| std::fs::canonicalize(&p).unwrap_or(p))
            .collect();
        let templates_changed = templates_dir
            .as_ref()
            .is_some_and(|t| changed.iter().any(|p| p.starts_with(t)));
        if templates_changed {
            compiler.reload();
        }
        // The list is read again only when the change can alter it: not when a listed
        // document's text or a shared file changed.
        let added = if list_unchanged(&hub, &changed) {
            Vec::new()
        } else {
            hub.rescan()
        };
        if let Some(seen) = seen {
            clock = Some(Clock {
                seen,
                waited,
                listed: std::time::Instant::now(),
            });
        }
        let idx = hub.index();
        let focus = idx.focus.clone();
        for d in &idx.docs {
            let deps = idx.deps.get(&d.id);
            let failed = idx.states.get(&d.id).is_none_or(|s| !s.errors.is_empty());
            let affected = templates_changed
                || failed
                || added.contains(&d.id)
                || deps.is_none_or(|deps| changed.iter().any(|c| deps.contains(c)));
            if affected && !dirty.contains(&d.id) {
                // What a page shows goes first: it is what the clerk is editing.
                if idx.viewed.contains(&d.id) {
                    dirty.push_front(d.id.clone());
                } else {
                    dirty.push_back(d.id.clone());
                }
            }
        }
        // And the one on screen before any other.
        if let Some(f) = focus {
            if let Some(at) = dirty.iter().position(|d| *d == f) {
                let f = dirty.remove(at).expect("present");
                dirty.push_front(f);
            }
        }
    }
}

/// How long the watcher must be quiet before a change is compiled: the steps of one save.
const QUIET: Duration = Duration::from_millis(8);

/// Whether changes to `changed` (canonical paths) leave the list of documents as it is: each
/// is a listed document that is not a family (a family's members come from its text and
/// table) and still is not one, or a shared YAML file (under a name starting with `_`).
fn list_unchanged(hub: &Hub, changed: &[PathBuf]) -> bool {
    let idx = hub.index();
    changed.iter().all(|c| {
        let yaml = c
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        if !yaml || !c.is_file() {
            return false;
        }
        let plain_doc = idx
            .docs
            .iter()
            .any(|d| d.job.member.is_none() && d.job.input == *c);
        if plain_doc {
            let text = {
                let _confined = crate::load::confine(&hub.folders);
                crate::load::read(c)
            };
            return text.is_ok_and(|t| !crate::family::is_family(&String::from_utf8_lossy(&t)));
        }
        let shared = hub.folders.iter().any(|f| {
            c.strip_prefix(f).is_ok_and(|rel| {
                rel.components()
                    .any(|p| p.as_os_str().to_string_lossy().starts_with('_'))
            })
        });
        shared
    })
}

/// Runs one document's compile; a panic in it (a bug in vanban or Typst) becomes an error on
/// that document, and the thread goes on with the others.
fn guarded(hub: &Hub, id: &str, f: impl FnOnce()) {
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_ok() {
        return;
    }
    let error = internal_error(hub, id);
    let mut idx = hub.index();
    if !idx.docs.iter().any(|d| d.id == id) {
        return;
    }
    idx.rev += 1;
    let rev = idx.rev;
    let mut st = idx.states.remove(id).unwrap_or_default();
    st.id = id.to_string();
    st.rev = rev;
    st.compiled = true;
    st.errors = vec![error];
    st.warnings.clear();
    let mut msg = serde_json::to_value(&st).unwrap_or_default();
    msg["type"] = "doc".into();
    idx.states.insert(id.to_string(), st);
    let _ = hub.events.send(Arc::from(msg.to_string()));
    hub.announce_list(&idx);
}

/// The message for a compile that panicked.
fn internal_error(hub: &Hub, id: &str) -> state::Message {
    state::Message {
        file: hub.doc(id).map(|d| d.rel).unwrap_or_default(),
        line: None,
        col: None,
        message: t!(
            "lỗi bên trong vanban khi dựng văn bản này; các văn bản khác vẫn dựng bình thường"
        ),
        hint: Some(t!(
            "lưu lại tệp để thử dựng lại; nếu vẫn lỗi, gửi tệp YAML này cho người bảo trì vanban"
        )),
        snippet: None,
        own: false,
    }
}

/// A test hook: `VANBAN_SERVE_PANIC=name.yaml` makes every compile and export of that file panic, to
/// check that one failing document leaves the others served.
fn panic_hook_for(doc: &Doc) -> bool {
    static NAME: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    NAME.get_or_init(|| std::env::var("VANBAN_SERVE_PANIC").ok())
        .as_deref()
        .is_some_and(|n| doc.job.input.file_name().is_some_and(|f| f == n))
}

/// When the compile thread saw the last change, ended its wait for the rest of the save, and
/// had the list read again.
struct Clock {
    seen: std::time::Instant,
    waited: std::time::Instant,
    listed: std::time::Instant,
}

/// `VANBAN_SERVE_TIMING=1`: one line on standard error per compile after a change, with where
/// the time went (read by `tests/browser/bench_serve.py`).
fn timing_on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var("VANBAN_SERVE_TIMING").as_deref() == Ok("1"))
}

fn ms(from: std::time::Instant, to: std::time::Instant) -> f64 {
    to.saturating_duration_since(from).as_secs_f64() * 1000.0
}

/// Compiles one document and publishes its new state.
fn compile_one(hub: &Hub, compiler: &Compiler, id: &str, clock: Option<&Clock>) {
    let Some(doc) = hub.doc(id) else { return };
    if panic_hook_for(&doc) {
        panic!("VANBAN_SERVE_PANIC: {}", doc.rel);
    }
    let started = std::time::Instant::now();
    let compiled = compiler.compile(&doc.job);
    let compiled_at = std::time::Instant::now();
    let own = std::fs::canonicalize(&doc.job.input).unwrap_or_else(|_| doc.job.input.clone());
    let (cache, viewed) = {
        let idx = hub.index();
        (
            idx.svgs.get(id).cloned().unwrap_or_default(),
            idx.viewed.contains(id),
        )
    };
    // The SVG is rendered outside the lock, reusing every page whose hash is unchanged.
    let rendered = compiled
        .pages
        .as_ref()
        .filter(|_| viewed)
        .map(|pages| state::render_pages(pages, &cache));
    let rendered_at = std::time::Instant::now();
    let mut idx = hub.index();
    idx.rev += 1;
    let rev = idx.rev;
    let mut deps = compiled.deps.clone();
    deps.push(own.clone());
    idx.deps.insert(id.to_string(), deps);
    let old = idx.states.remove(id).unwrap_or_default();
    let mut st = DocState {
        id: id.to_string(),
        rev,
        compiled: true,
        kind: compiled.kind.clone().unwrap_or_else(|| {
            if old.kind.is_empty() {
                crate::load::read(&own)
                    .ok()
                    .and_then(|t| state::kind_in_text(&String::from_utf8_lossy(&t)))
                    .unwrap_or_default()
            } else {
                old.kind.clone()
            }
        }),
        title: compiled.title.clone().unwrap_or(old.title.clone()),
        pages: old.pages.clone(),
        errors: Vec::new(),
        warnings: Vec::new(),
        figures: compiled.figures.clone().unwrap_or(old.figures.clone()),
    };
    for d in &compiled.report.items {
        let m = state::message(d, &hub.folders, &own);
        if d.is_error() {
            st.errors.push(m);
        } else {
            st.warnings.push(m);
        }
    }
    // The SVG of the pages that changed goes with the state: the page shows them without
    // asking for each one (a page that connects later fetches them by hash).
    let mut fresh = serde_json::Map::new();
    if let (Some((pages, mut svgs)), true) = (rendered, st.errors.is_empty()) {
        for p in &pages {
            if !old.pages.iter().any(|o| o.hash == p.hash) {
                if let Some(svg) = svgs.get(&p.hash) {
                    fresh.insert(p.hash.clone(), serde_json::Value::from(&**svg));
                }
            }
        }
        // Keep the previous pages' SVG too: a browser may still be fetching them.
        for p in &old.pages {
            if let Some(s) = cache.get(&p.hash) {
                svgs.entry(p.hash.clone()).or_insert_with(|| s.clone());
            }
        }
        idx.svgs.insert(id.to_string(), svgs);
        st.pages = pages;
    }
    let mut msg = serde_json::to_value(&st).unwrap_or_default();
    msg["type"] = "doc".into();
    msg["svgs"] = serde_json::Value::Object(fresh);
    idx.states.insert(id.to_string(), st);
    let _ = hub.events.send(Arc::from(msg.to_string()));
    let pushed = std::time::Instant::now();
    hub.announce_list(&idx);
    drop(idx);
    if let (true, Some(c)) = (timing_on(), clock) {
        eprintln!(
            "timing: doc={} wait={:.1}ms list={:.1}ms queue={:.1}ms compile={:.1}ms svg={:.1}ms push={:.1}ms total={:.1}ms",
            doc.rel,
            ms(c.seen, c.waited),
            ms(c.waited, c.listed),
            ms(c.listed, started),
            ms(started, compiled_at),
            ms(compiled_at, rendered_at),
            ms(rendered_at, pushed),
            ms(c.seen, pushed),
        );
    }
}

fn export(
    hub: &Hub,
    compiler: &Compiler,
    id: &str,
    docx: bool,
) -> Result<Vec<u8>, Vec<state::Message>> {
    let Some(doc) = hub.doc(id) else {
        return Err(Vec::new());
    };
    if panic_hook_for(&doc) {
        panic!("VANBAN_SERVE_PANIC: {}", doc.rel);
    }
    let own = std::fs::canonicalize(&doc.job.input).unwrap_or_else(|_| doc.job.input.clone());
    compiler.export(&doc.job, docx).map_err(|diags| {
        diags
            .iter()
            .map(|d| state::message(d, &hub.folders, &own))
            .collect()
    })
}

// ---------------------------------------------------------------------------------------
// HTTP

const PAGE: &str = include_str!("page.html");
const APP_JS: &str = include_str!("app.js");
const APP_CSS: &str = include_str!("app.css");
const CM_JS: &str = include_str!("vendor/codemirror-5.65.21/codemirror.js");
const CM_CSS: &str = include_str!("vendor/codemirror-5.65.21/codemirror.css");
const CM_YAML: &str = include_str!("vendor/codemirror-5.65.21/yaml.js");

type Shared = State<Arc<Hub>>;

fn router(hub: Arc<Hub>) -> Router {
    Router::new()
        .route("/", get(index))
        .route(
            "/app.js",
            get(|| async { asset(APP_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/app.css",
            get(|| async { asset(APP_CSS, "text/css; charset=utf-8") }),
        )
        .route(
            "/vendor/codemirror.js",
            get(|| async { asset(CM_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/vendor/codemirror.css",
            get(|| async { asset(CM_CSS, "text/css; charset=utf-8") }),
        )
        .route(
            "/vendor/yaml.js",
            get(|| async { asset(CM_YAML, "text/javascript; charset=utf-8") }),
        )
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/api/docs", get(docs))
        .route("/api/starters", get(starters))
        .route("/api/new", axum::routing::post(new_doc))
        .route("/doc/{id}/state", get(doc_state))
        .route("/doc/{id}/page/{file}", get(page_svg))
        .route("/doc/{id}/source", get(source).post(save))
        .route("/doc/{id}/download/{format}", get(download))
        .route("/ws", get(ws))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(hub.clone(), guard))
        .with_state(hub)
}

/// Every request: `Host` must be this server's (DNS rebinding); then this run's token, from
/// the `HttpOnly; SameSite=Strict` cookie the page got in exchange for the `?token=` of the
/// address printed on the terminal (or, for a client that is not a browser, from the
/// `X-Vanban-Token` header or a `?token=` query). Every write must also come from our own page
/// (`Origin`) with the token in a header. Every response forbids outside content.
async fn guard(State(hub): Shared, req: Request, next: Next) -> Response {
    let hosts = hub.allowed_hosts();
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !hosts.iter().any(|h| h == host) {
        return secured(
            (StatusCode::MISDIRECTED_REQUEST, t!("máy chủ không đúng")).into_response(),
        );
    }
    let from_cookie =
        cookie_token(req.headers(), hub.port).is_some_and(|t| same_token(t, &hub.token));
    let from_query = query_token(req.uri()).map(|t| same_token(t, &hub.token));
    let from_header = req
        .headers()
        .get("x-vanban-token")
        .and_then(|h| h.to_str().ok())
        .is_some_and(|t| same_token(t, &hub.token));
    // The address from the terminal: the token becomes a cookie, and the address loses it
    // (so it is not left in the history, a bookmark or a screen share).
    if req.method() == Method::GET && from_query == Some(true) && req.uri().path() == "/" {
        let cookie = format!(
            "{}={}; HttpOnly; SameSite=Strict; Path=/",
            cookie_name(hub.port),
            hub.token
        );
        let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().insert(header::SET_COOKIE, v);
        }
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return secured(res);
    }
    if !(from_cookie || from_header || from_query == Some(true)) {
        return secured(
            (
                StatusCode::UNAUTHORIZED,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                t!("cần mã phiên: mở địa chỉ có `?token=…` mà vanban in ra trong cửa sổ dòng lệnh khi chạy `vanban serve`"),
            )
                .into_response(),
        );
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        if !origin_ok(&hub, req.headers()) {
            return secured(
                (
                    StatusCode::FORBIDDEN,
                    t!("yêu cầu không đến từ trang của vanban"),
                )
                    .into_response(),
            );
        }
        if !from_header {
            return secured(
                (
                    StatusCode::FORBIDDEN,
                    t!("thiếu mã phiên hoặc mã phiên sai"),
                )
                    .into_response(),
            );
        }
    }
    secured(next.run(req).await)
}

/// The cookie of this server: one per port, as two servers on one machine share cookies.
fn cookie_name(port: u16) -> String {
    format!("vanban-{port}")
}

/// The token in this server's cookie, if the request has it.
fn cookie_token(headers: &HeaderMap, port: u16) -> Option<&str> {
    let name = cookie_name(port);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The `token=` of a query.
fn query_token(uri: &axum::http::Uri) -> Option<&str> {
    uri.query()?
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="))
}

/// The headers every response has: nothing from elsewhere, and nothing of it elsewhere.
fn secured(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Another site may not even embed our pages or data (as an image, a script …).
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// The request comes from a page of this server.
fn origin_ok(hub: &Hub, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    hub.allowed_hosts()
        .iter()
        .any(|h| origin == format!("http://{h}"))
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

fn json(value: &impl serde::Serialize) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        serde_json::to_string(value).unwrap_or_default(),
    )
        .into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, t!("không có văn bản này")).into_response()
}

/// The strings of the page, in the run's language.
fn ui_strings() -> serde_json::Value {
    serde_json::json!({
        "documents": t!("Văn bản"),
        "new_document": t!("Văn bản mới"),
        "kind": t!("Loại"),
        "file_name": t!("Tên tệp (không dấu cách)"),
        "create": t!("Tạo"),
        "pick": t!("Chọn một văn bản ở bên trái."),
        "edit": t!("Sửa YAML"),
        "save": t!("Lưu"),
        "close": t!("Đóng"),
        "saved": t!("Đã lưu."),
        "save_failed": t!("Không lưu được:"),
        "conflict": t!("Tệp đã đổi trên đĩa từ khi mở nên không lưu đè. Chép lại phần cần giữ, bấm Đóng hai lần để bỏ bản đang sửa, rồi mở lại."),
        "unsaved_close": t!("Có thay đổi chưa lưu: bấm Đóng lần nữa để bỏ chúng."),
        "unsaved": t!("Có thay đổi chưa lưu."),
        "download_pdf": t!("Tải PDF"),
        "download_docx": t!("Tải Word (.docx)"),
        "errors": t!("Lỗi — đang hiện bản dựng tốt gần nhất"),
        "errors_none_yet": t!("Lỗi — văn bản chưa dựng được lần nào"),
        "warnings": t!("Cảnh báo"),
        "figures": t!("Số liệu tính được"),
        "figures_help": t!("Trích dẫn trong văn bản bằng {{tên}}; bấm vào tên để chép."),
        "figure_name": t!("Tên"),
        "figure_value": t!("Giá trị"),
        "figure_how": t!("Cách tính"),
        "no_figures": t!("Văn bản này không có số liệu tính."),
        "hint": t!("gợi ý"),
        "page": t!("Trang"),
        "compiling": t!("đang dựng…"),
        "built": t!("đã dựng"),
        "n_errors": t!("{n} lỗi"),
        "n_warnings": t!("{n} cảnh báo"),
        "connected": t!("đang theo dõi"),
        "disconnected": t!("mất kết nối, đang thử lại…"),
        "copied": t!("đã chép"),
        "show_line": t!("bấm để xem dòng này"),
        "create_failed": t!("Không tạo được:"),
    })
}

async fn index(State(hub): Shared) -> Response {
    let ui = serde_json::json!({"token": hub.token, "strings": ui_strings()});
    // JSON inside <script type="application/json">: no "<" may close the element.
    let ui = ui.to_string().replace('<', "\\u003c");
    let lang = match crate::i18n::current() {
        crate::i18n::Lang::Vi => "vi",
        crate::i18n::Lang::En => "en",
    };
    let html = PAGE.replace("{{UI}}", &ui).replace("{{LANG}}", lang);
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

async fn docs(State(hub): Shared) -> Response {
    let idx = hub.index();
    json(&state::list_json(&idx.docs, &idx.states))
}

async fn starters(State(hub): Shared) -> Response {
    let list: Vec<serde_json::Value> = hub
        .starters
        .iter()
        .map(|(kind, name, _)| serde_json::json!({"kind": kind, "name": name}))
        .collect();
    json(&list)
}

async fn doc_state(State(hub): Shared, UrlPath(id): UrlPath<String>) -> Response {
    let (st, first_view) = {
        let mut idx = hub.index();
        if !idx.docs.iter().any(|d| d.id == id) {
            return not_found();
        }
        idx.focus = Some(id.clone());
        (idx.states.get(&id).cloned(), idx.viewed.insert(id.clone()))
    };
    // A document seen for the first time is compiled again at once, with its pages.
    if first_view {
        hub.send(Work::First(id.clone()));
    }
    match st {
        Some(st) => json(&st),
        None => json(&DocState {
            id,
            ..DocState::default()
        }),
    }
}

async fn page_svg(
    State(hub): Shared,
    UrlPath((id, file)): UrlPath<(String, String)>,
    req: Request,
) -> Response {
    let Some(n) = file
        .strip_suffix(".svg")
        .and_then(|n| n.parse::<usize>().ok())
    else {
        return not_found();
    };
    let asked = req
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("h=")))
        .map(str::to_string);
    let idx = hub.index();
    let Some(svgs) = idx.svgs.get(&id) else {
        return not_found();
    };
    // The page asked by hash (it may be one of the previous pages), or the current page n.
    let hash = asked.or_else(|| {
        idx.states
            .get(&id)
            .and_then(|s| s.pages.iter().find(|p| p.n == n))
            .map(|p| p.hash.clone())
    });
    match hash.and_then(|h| svgs.get(&h)) {
        Some(svg) => (
            [
                (header::CONTENT_TYPE, "image/svg+xml"),
                (
                    header::CACHE_CONTROL,
                    "private, max-age=31536000, immutable",
                ),
            ],
            Body::from(svg.to_string()),
        )
            .into_response(),
        None => not_found(),
    }
}

/// The largest text a save or a new document may send: a document of the format is a few
/// tens of kilobytes; anything near this is not one.
pub const MAX_BODY: usize = 1024 * 1024;

/// A body that could not be read, in the clerk's language: too large, or cut off.
fn body_refused(e: BytesRejection) -> Response {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            t!(
                "nội dung quá lớn (hơn {n} MB): văn bản YAML không lớn đến vậy; kiểm tra xem có dán nhầm nội dung khác vào không",
                n = MAX_BODY / (1024 * 1024)
            ),
        )
            .into_response()
    } else {
        (
            StatusCode::BAD_REQUEST,
            t!("không nhận đủ nội dung gửi lên: lưu lại lần nữa"),
        )
            .into_response()
    }
}

/// The hash of a file's bytes the editor loaded, to refuse saving over a newer file.
fn text_hash(bytes: &[u8]) -> String {
    format!("{:032x}", typst::utils::hash128(bytes))
}

/// The document's own file, when it is still a regular file inside the served folders.
fn own_file(hub: &Hub, id: &str) -> Option<PathBuf> {
    let doc = hub.doc(id)?;
    state::inside(&hub.roots, &doc.job.input).then_some(doc.job.input)
}

async fn source(State(hub): Shared, UrlPath(id): UrlPath<String>) -> Response {
    let Some(path) = own_file(&hub, &id) else {
        return not_found();
    };
    let read = {
        let _confined = crate::load::confine(&hub.folders);
        crate::load::read(&path)
    };
    match read {
        Ok(bytes) => json(&serde_json::json!({
            "hash": text_hash(&bytes),
            "file": hub.doc(&id).map(|d| d.rel).unwrap_or_default(),
            "text": String::from_utf8_lossy(&bytes),
        })),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// Saves the editor's text as it is (never re-serialised, so comments and layout stay),
/// atomically, unless the file changed on disk since the editor loaded it.
async fn save(
    State(hub): Shared,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => return body_refused(e),
    };
    let Some(path) = own_file(&hub, &id) else {
        return not_found();
    };
    let Some(base) = headers.get("x-vanban-base").and_then(|h| h.to_str().ok()) else {
        return (StatusCode::BAD_REQUEST, t!("thiếu mã của bản đã mở")).into_response();
    };
    if std::str::from_utf8(&body).is_err() {
        return (StatusCode::BAD_REQUEST, t!("nội dung không phải UTF-8")).into_response();
    }
    let current = {
        let _confined = crate::load::confine(&hub.folders);
        crate::load::read(&path)
    };
    let current = match current {
        Ok(b) => b,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    if text_hash(&current) != base {
        return (
            StatusCode::CONFLICT,
            t!("tệp đã đổi trên đĩa từ khi mở; không ghi đè"),
        )
            .into_response();
    }
    match crate::pipeline::write_atomic(&path, &body) {
        Ok(()) => json(&serde_json::json!({"hash": text_hash(&body)})),
        // The editor keeps the text: the clerk closes the other program and saves again.
        Err(e) if crate::pipeline::is_locked(&e) => (
            StatusCode::CONFLICT,
            t!("tệp đang mở trong một chương trình khác hoặc chỉ cho đọc: đóng tệp ở đó rồi lưu lại"),
        )
            .into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::diag::io_reason(&e),
        )
            .into_response(),
    }
}

/// A new document from a starter of `vanban new`, in the first served folder.
async fn new_doc(State(hub): Shared, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => return body_refused(e),
    };
    let bad = |m: String| (StatusCode::BAD_REQUEST, m).into_response();
    let Ok(req) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return bad(t!("yêu cầu không đọc được"));
    };
    let kind = req["kind"].as_str().unwrap_or("");
    let Some((_, _, text)) = hub.starters.iter().find(|(k, _, _)| k == kind) else {
        return bad(t!("không có loại văn bản này"));
    };
    let name = req["name"].as_str().unwrap_or("").trim();
    let name = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(name);
    let valid = !name.is_empty()
        && name.chars().count() <= 80
        && !name.starts_with(['_', '.', '-'])
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return bad(t!(
            "tên tệp chỉ gồm chữ, số, `-` và `_`, không bắt đầu bằng `_`, `-` hay `.`"
        ));
    }
    if crate::platform::reserved_on_windows(name) {
        return bad(t!(
            "`{name}` là tên thiết bị của Windows (CON, NUL, COM1…), không dùng làm tên tệp được",
            name = name
        ));
    }
    let Some(dir) = hub.roots.iter().find(|r| r.is_dir()) else {
        return bad(t!("không có thư mục để tạo văn bản"));
    };
    let path = dir.join(format!("{name}.yaml"));
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    if let Err(e) = created {
        return if e.kind() == std::io::ErrorKind::AlreadyExists {
            (
                StatusCode::CONFLICT,
                t!(
                    "lỗi: {file} đã có; chọn tên tệp khác để không ghi đè",
                    file = format!("{name}.yaml")
                ),
            )
                .into_response()
        } else {
            (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response()
        };
    }
    hub.rescan();
    let id = {
        let idx = hub.index();
        idx.docs
            .iter()
            .find(|d| d.job.input == path)
            .map(|d| d.id.clone())
    };
    match id {
        Some(id) => {
            hub.send(Work::First(id.clone()));
            json(&serde_json::json!({"id": id}))
        }
        None => (StatusCode::INTERNAL_SERVER_ERROR, String::new()).into_response(),
    }
}

async fn download(
    State(hub): Shared,
    UrlPath((id, format)): UrlPath<(String, String)>,
) -> Response {
    let docx = match format.as_str() {
        "pdf" => false,
        "docx" => true,
        _ => return not_found(),
    };
    let Some(doc) = hub.doc(&id) else {
        return not_found();
    };
    // One download of a document at a time; the mark goes when this request ends, answered
    // or dropped because the client left.
    let Some(_busy) = Exporting::start(&hub, &id) else {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            t!("văn bản này đang được tạo tệp để tải về: chờ tệp đó xong rồi tải lại"),
        )
            .into_response();
    };
    let (reply, answer) = tokio::sync::oneshot::channel();
    hub.send(Work::Export {
        id: id.clone(),
        docx,
        reply,
    });
    match answer.await {
        Ok(Ok(bytes)) => {
            let stem: String = doc
                .job
                .output
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let ext = if docx { "docx" } else { "pdf" };
            let kind = if docx {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            } else {
                "application/pdf"
            };
            (
                [
                    (header::CONTENT_TYPE, kind.to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{stem}.{ext}\""),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(Err(messages)) => {
            let text: Vec<String> = messages
                .iter()
                .map(|m| match m.line {
                    Some(l) => format!("{}:{}: {}", m.file, l, m.message),
                    None => format!("{}: {}", m.file, m.message),
                })
                .collect();
            (StatusCode::UNPROCESSABLE_ENTITY, text.join("\n")).into_response()
        }
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, String::new()).into_response(),
    }
}

/// A download being made, unmarked when dropped.
struct Exporting<'h> {
    hub: &'h Hub,
    id: String,
}

impl<'h> Exporting<'h> {
    fn start(hub: &'h Hub, id: &str) -> Option<Exporting<'h>> {
        let mut busy = hub.exporting.lock().unwrap_or_else(|e| e.into_inner());
        busy.insert(id.to_string()).then(|| Exporting {
            hub,
            id: id.to_string(),
        })
    }
}

impl Drop for Exporting<'_> {
    fn drop(&mut self) {
        let mut busy = self.hub.exporting.lock().unwrap_or_else(|e| e.into_inner());
        busy.remove(&self.id);
    }
}

/// The WebSocket: this run's token (checked by `guard`: the browser sends the cookie with
/// the upgrade) and our own `Origin` (browsers do not apply CORS to a WebSocket).
async fn ws(State(hub): Shared, headers: HeaderMap, upgrade: WebSocketUpgrade) -> Response {
    if !origin_ok(&hub, &headers) {
        return (
            StatusCode::FORBIDDEN,
            t!("yêu cầu không đến từ trang của vanban"),
        )
            .into_response();
    }
    let rx = hub.events.subscribe();
    upgrade
        .max_message_size(4096)
        .on_upgrade(move |socket| push(socket, rx))
}

async fn push(mut socket: WebSocket, mut rx: tokio::sync::broadcast::Receiver<Arc<str>>) {
    use tokio::sync::broadcast::error::RecvError;
    loop {
        tokio::select! {
            event = rx.recv() => {
                let text = match event {
                    Ok(t) => t.to_string(),
                    // Too slow a reader: the page fetches the state again.
                    Err(RecvError::Lagged(_)) => "{\"type\":\"resync\"}".to_string(),
                    Err(RecvError::Closed) => return,
                };
                if socket.send(WsMessage::Text(text.into())).await.is_err() {
                    return;
                }
            }
            incoming = socket.recv() => {
                match incoming {
                    Some(Ok(WsMessage::Close(_))) | None | Some(Err(_)) => return,
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--open` hands the browser a file only this user can read, not the address with the
    /// token on a command line others can list.
    #[cfg(unix)]
    #[test]
    fn the_browser_is_opened_through_a_private_file() {
        use std::os::unix::fs::PermissionsExt;
        let url = "http://127.0.0.1:8030/?token=0123456789abcdef0123456789abcdef";
        let file = redirect_file(url).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains(&format!("content=\"0;url={url}\"")), "{text}");
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(file.parent().unwrap()), 0o700);
        assert!(redirect_file("http://127.0.0.1:1/?token=\"><script>").is_err());
        let _ = std::fs::remove_dir_all(file.parent().unwrap());
    }

    #[test]
    fn the_session_cookie_is_read_by_this_server_s_name_only() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; vanban-8031=other; vanban-8030=ours"),
        );
        assert_eq!(cookie_token(&h, 8030), Some("ours"));
        assert_eq!(cookie_token(&h, 8031), Some("other"));
        assert_eq!(cookie_token(&h, 8032), None);
        assert!(same_token("abc", "abc") && !same_token("abd", "abc") && !same_token("ab", "abc"));
    }
}
