//! Batches: many documents compiled on all cores, incrementally. A manifest in the output
//! folder records, per document, a hash of every input it read (its YAML, shared and
//! inherited files, templates) and of vanban itself (version, fonts); unchanged documents
//! are skipped.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Report};
use crate::pipeline::{self, Format, Job, Options, Outcome, Reads};
use crate::render::typst_source::TypstSource;
use crate::world::Shared;

/// File name of the manifest inside the output folder.
pub const MANIFEST: &str = ".vanban-manifest.json";

/// What produced the outputs: a change here rebuilds everything. The formats are not part
/// of it: each entry records its outputs, so asking for another format builds only that one.
pub fn stamp(opts: &Options) -> String {
    format!(
        "vanban {} / typst 0.15.1 / fonts {:032x} / pdf {}",
        env!("CARGO_PKG_VERSION"),
        crate::fonts::fingerprint(),
        opts.pdf_standard
    )
}

/// The record of one document's last build.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// `ok` or `failed`: a failed document is always rebuilt.
    pub status: String,
    /// Input file (or `template:NAME`) → content hash.
    pub inputs: BTreeMap<String, String>,
    /// Every file written for the document (`.pdf`, `.docx`, `.typ`), each made from the
    /// inputs above.
    pub outputs: Vec<PathBuf>,
    /// Warnings of that build, so that skipping the document does not hide them.
    #[serde(default)]
    pub warnings: usize,
}

/// The manifest of an output folder.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Manifest {
    pub stamp: String,
    /// Input document path → its entry.
    pub documents: BTreeMap<String, Entry>,
}

impl Manifest {
    pub fn read(out: &Path) -> Manifest {
        std::fs::read_to_string(out.join(MANIFEST))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }

    pub fn write(&self, out: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(out)?;
        let tmp = out.join(format!("{MANIFEST}.tmp"));
        std::fs::write(
            &tmp,
            serde_json::to_string_pretty(self).expect("manifest serialises"),
        )?;
        std::fs::rename(tmp, out.join(MANIFEST))
    }
}

pub fn hash_bytes(bytes: &[u8]) -> String {
    format!("{:032x}", typst::utils::hash128(bytes))
}

fn hash_file(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| hash_bytes(&b))
}

/// Whether the recorded inputs of a document are unchanged since its last good build.
fn inputs_current(entry: &Entry, job: &Job, shared: &Shared) -> bool {
    if entry.status != "ok" {
        return false;
    }
    entry.inputs.iter().all(|(key, hash)| {
        if let Some(name) = key.strip_prefix("template:") {
            shared
                .templates
                .files
                .get(name)
                .map(|f| hash_bytes(f.text.as_bytes()))
                .as_ref()
                == Some(hash)
        } else if key.starts_with(ROW) {
            // A family member depends on its own row, not on the whole table.
            job.member.as_ref().map(|(_, h)| h) == Some(hash)
        } else {
            hash_file(Path::new(key)).as_ref() == Some(hash)
        }
    })
}

/// The manifest input that stands for a family member's row.
const ROW: &str = "row:";

/// Whether the entry records an output with this extension that is still on disk.
fn has_output(entry: &Entry, ext: &str) -> bool {
    entry
        .outputs
        .iter()
        .any(|o| o.extension().is_some_and(|e| e == ext) && o.exists())
}

/// One document to build and the outputs to make of it.
struct Task<'a> {
    job: &'a Job,
    opts: Options,
    /// The entry of the last build when only outputs it lacks are made now: the new
    /// outputs are added to it.
    previous: Option<Entry>,
}

/// How a batch is run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub jobs: usize,
    /// Rebuild even unchanged documents.
    pub force: bool,
    /// Where the outputs and the manifest go.
    pub out: PathBuf,
}

/// The result of a batch.
#[derive(Debug, Default)]
pub struct Summary {
    pub built: usize,
    pub unchanged: usize,
    pub failed: Vec<(PathBuf, Option<Diagnostic>)>,
    pub warnings: usize,
    /// Warnings recorded for the documents skipped as unchanged.
    pub unchanged_warnings: usize,
    /// Outputs removed because their family member's row is gone.
    pub removed: Vec<PathBuf>,
    /// Outputs held open by another program (a PDF viewer, Word), left as they were.
    pub locked: Vec<PathBuf>,
    /// Seconds summed over documents: load + compute, Typst source, layout, PDF export,
    /// .docx.
    pub phases: [f64; 5],
}

/// One document's record after a build.
fn entry_for(outcome: &Outcome, reads: &Reads, shared: &Shared) -> Entry {
    let mut inputs = BTreeMap::new();
    for p in std::iter::once(&outcome.job.input).chain(&reads.files) {
        if let Some(h) = hash_file(p) {
            inputs.insert(p.to_string_lossy().to_string(), h);
        }
    }
    if let Some((name, hash)) = &outcome.job.member {
        inputs.insert(format!("{ROW}{name}"), hash.clone());
    }
    for name in &reads.templates {
        if let Some(f) = shared.templates.files.get(name) {
            inputs.insert(format!("template:{name}"), hash_bytes(f.text.as_bytes()));
        }
    }
    Entry {
        status: if outcome.failed() { "failed" } else { "ok" }.into(),
        inputs,
        outputs: outcome.written.clone(),
        warnings: outcome.report.warnings().count(),
    }
}

/// Typst's layout recurses deeply on long documents: workers and their pools get a roomy stack.
const WORKER_STACK: usize = 64 << 20;

/// Builds (or checks) the documents on `opts.jobs` worker threads. `on_outcome` sees every
/// document as it finishes, on the calling thread, in completion order.
pub fn run(
    jobs: &[Job],
    shared: &Shared,
    source: &TypstSource,
    opts: &Options,
    batch: &BatchOptions,
    mut on_outcome: impl FnMut(&Outcome, usize, usize),
) -> Summary {
    let mut summary = Summary::default();
    let stamp = stamp(opts);
    let mut manifest = if opts.write {
        Manifest::read(&batch.out)
    } else {
        Manifest::default()
    };
    if manifest.stamp != stamp {
        manifest = Manifest {
            stamp,
            documents: BTreeMap::new(),
        };
    }
    if opts.write {
        clean_temporaries(&batch.out);
    }

    // Documents whose recorded inputs are unchanged are not touched, but for the outputs
    // their last build did not make (a format asked for the first time).
    let wanted = opts.extensions();
    let mut todo: Vec<Task> = jobs
        .iter()
        .filter_map(|job| {
            let key = job.key();
            let previous = manifest
                .documents
                .get(&key)
                .filter(|e| opts.write && !batch.force && inputs_current(e, job, shared));
            let Some(previous) = previous else {
                return Some(Task {
                    job,
                    opts: opts.clone(),
                    previous: None,
                });
            };
            let missing: Vec<Format> = opts
                .formats
                .iter()
                .copied()
                .filter(|f| {
                    let exts: &[&str] = match f {
                        Format::Pdf if wanted.contains(&"typ") => &["pdf", "typ"],
                        f => &[f.extension()],
                    };
                    exts.iter().any(|e| !has_output(previous, e))
                })
                .collect();
            if missing.is_empty() {
                summary.unchanged += 1;
                summary.unchanged_warnings += previous.warnings;
                return None;
            }
            Some(Task {
                job,
                opts: Options {
                    formats: missing,
                    ..opts.clone()
                },
                previous: Some(previous.clone()),
            })
        })
        .collect();

    // A family's merged file typesets every copy again, on one worker: started first, it
    // runs beside the copies instead of alone after them.
    todo.sort_by_key(|t| {
        t.job
            .member
            .as_ref()
            .is_none_or(|(name, _)| name != crate::family::MERGED)
    });
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, Outcome, Reads)>();
    let total = todo.len();
    let workers = batch.jobs.clamp(1, total.max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, todo) = (&next, &todo);
            let work = move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(task) = todo.get(i) else { break };
                let (outcome, reads) = pipeline::process(task.job, shared, source, &task.opts);
                crate::world::evict(workers);
                if tx.send((i, outcome, reads)).is_err() {
                    break;
                }
            };
            std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, move || {
                    // Typst and its PDF writer parallelise with rayon. One document alone
                    // uses the global pool (all cores); with several workers each runs its
                    // documents on a pool of its own single thread, so the workers do not
                    // queue behind one another in the shared pool (measured: 8-10 % faster
                    // on 2 cores, and the spare pool threads no longer spin for work).
                    if workers > 1 {
                        rayon::ThreadPoolBuilder::new()
                            .num_threads(1)
                            .stack_size(WORKER_STACK)
                            .build()
                            .expect("worker thread pool")
                            .install(work)
                    } else {
                        work()
                    }
                })
                .expect("worker thread");
        }
        drop(tx);
        let mut done = 0;
        for (i, outcome, reads) in rx {
            done += 1;
            summary.warnings += outcome.report.warnings().count();
            for (total, p) in summary.phases.iter_mut().zip(outcome.phases) {
                *total += p;
            }
            summary.locked.extend(outcome.locked.iter().cloned());
            if outcome.failed() {
                summary.failed.push((
                    outcome.job.input.clone(),
                    outcome.report.errors().next().cloned(),
                ));
            } else {
                summary.built += 1;
            }
            if opts.write {
                let key = outcome.job.key();
                let mut entry = entry_for(&outcome, &reads, shared);
                if let (Some(previous), false) = (&todo[i].previous, outcome.failed()) {
                    // Same inputs: the outputs made before stay current beside the new ones.
                    let mut merged = previous.clone();
                    merged.inputs.extend(entry.inputs);
                    for o in entry.outputs {
                        if !merged.outputs.contains(&o) {
                            merged.outputs.push(o);
                        }
                    }
                    merged.outputs.sort();
                    merged.warnings = merged.warnings.max(entry.warnings);
                    entry = merged;
                }
                manifest.documents.insert(key, entry);
            }
            on_outcome(&outcome, done, total);
        }
    });
    if opts.write {
        // A family member whose row is gone (deleted, or no longer kept by the filter) loses
        // its outputs: a copy that looks current but is no longer issued must not stay.
        let keys: std::collections::BTreeSet<String> = jobs.iter().map(Job::key).collect();
        let inputs: std::collections::BTreeSet<String> = jobs
            .iter()
            .map(|j| j.input.to_string_lossy().to_string())
            .collect();
        let gone: Vec<String> = manifest
            .documents
            .keys()
            .filter(|k| {
                k.split_once('#')
                    .is_some_and(|(input, _)| inputs.contains(input) && !keys.contains(*k))
            })
            .cloned()
            .collect();
        for k in gone {
            if let Some(entry) = manifest.documents.remove(&k) {
                for o in entry.outputs.iter().filter(|o| o.exists()) {
                    if std::fs::remove_file(o).is_ok() {
                        summary.removed.push(o.clone());
                    }
                }
            }
        }
        // Forget documents whose input is gone, so the manifest does not grow forever.
        manifest.documents.retain(|k, _| {
            keys.contains(k)
                || Path::new(k.split_once('#').map_or(k.as_str(), |(input, _)| input)).exists()
        });
        if let Err(e) = manifest.write(&batch.out) {
            eprintln!(
                "{}",
                crate::t!(
                    "cảnh báo: không ghi được {file}: {e}",
                    file = MANIFEST,
                    e = e
                )
            );
        }
    }
    summary
}

/// Removes temporary files a killed run may have left (never a finished PDF).
fn clean_temporaries(out: &Path) {
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.contains(".vanban-tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Progress on a terminal: one line rewritten in place; nothing when not a terminal.
pub struct Progress {
    on: bool,
    started: Instant,
}

impl Progress {
    pub fn new() -> Progress {
        Progress {
            on: std::io::stderr().is_terminal() && crate::platform::ansi(),
            started: Instant::now(),
        }
    }

    pub fn tick(&self, done: usize, total: usize) {
        if self.on && total > 1 {
            let width = 30;
            let filled = width * done / total.max(1);
            eprint!(
                "\r[{}{}] {}",
                "#".repeat(filled),
                ".".repeat(width - filled),
                crate::t!(
                    "{done}/{total} văn bản, {s} s",
                    done = done,
                    total = total,
                    s = format!("{:.1}", self.started.elapsed().as_secs_f64())
                )
            );
            if done == total {
                eprintln!();
            }
        }
    }

    /// Clears the progress line before other output.
    pub fn clear(&self) {
        if self.on {
            eprint!("\r\x1b[2K");
        }
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}

/// Peak resident memory of this process in MiB (Linux), for `--stats` and the benchmark.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Prints a report's diagnostics.
pub fn print_report(r: &Report) {
    for d in &r.items {
        eprint!("{d}");
    }
}
