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
use crate::pipeline::{self, Job, Options, Outcome, Reads};
use crate::render::typst_source::TypstSource;
use crate::world::Shared;

/// File name of the manifest inside the output folder.
pub const MANIFEST: &str = ".vanban-manifest.json";

/// What produced the outputs: a change here rebuilds everything.
pub fn stamp(opts: &Options) -> String {
    format!(
        "vanban {} / typst 0.15.1 / fonts {:032x} / {}",
        env!("CARGO_PKG_VERSION"),
        crate::fonts::fingerprint(),
        if opts.emit_typ { "pdf+typ" } else { "pdf" }
    )
}

/// The record of one document's last build.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// `ok` or `failed`: a failed document is always rebuilt.
    pub status: String,
    /// Input file (or `template:NAME`) → content hash.
    pub inputs: BTreeMap<String, String>,
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

/// Whether the recorded build of a document is still current.
fn current(entry: &Entry, shared: &Shared) -> bool {
    if entry.status != "ok" || !entry.outputs.iter().all(|o| o.exists()) {
        return false;
    }
    entry
        .inputs
        .iter()
        .all(|(key, hash)| match key.strip_prefix("template:") {
            Some(name) => {
                shared
                    .templates
                    .files
                    .get(name)
                    .map(|f| hash_bytes(f.text.as_bytes()))
                    .as_ref()
                    == Some(hash)
            }
            None => hash_file(Path::new(key)).as_ref() == Some(hash),
        })
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
    /// Seconds summed over documents: load + compute, Typst source, layout, PDF export.
    pub phases: [f64; 4],
}

/// One document's record after a build.
fn entry_for(outcome: &Outcome, reads: &Reads, shared: &Shared) -> Entry {
    let mut inputs = BTreeMap::new();
    for p in std::iter::once(&outcome.job.input).chain(&reads.files) {
        if let Some(h) = hash_file(p) {
            inputs.insert(p.to_string_lossy().to_string(), h);
        }
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

    // Documents whose recorded inputs are unchanged are not touched.
    let todo: Vec<&Job> = jobs
        .iter()
        .filter(|job| {
            let key = job.input.to_string_lossy().to_string();
            let fresh = opts.write
                && !batch.force
                && manifest
                    .documents
                    .get(&key)
                    .is_some_and(|e| current(e, shared));
            if fresh {
                summary.unchanged += 1;
                summary.unchanged_warnings += manifest.documents[&key].warnings;
            }
            !fresh
        })
        .collect();

    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(Outcome, Reads)>();
    let total = todo.len();
    let workers = batch.jobs.clamp(1, total.max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, todo) = (&next, &todo);
            let work = move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(job) = todo.get(i) else { break };
                let outcome = pipeline::process(job, shared, source, opts);
                crate::world::evict(workers);
                if tx.send(outcome).is_err() {
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
        for (outcome, reads) in rx {
            done += 1;
            summary.warnings += outcome.report.warnings().count();
            for (total, p) in summary.phases.iter_mut().zip(outcome.phases) {
                *total += p;
            }
            if outcome.failed() {
                summary.failed.push((
                    outcome.job.input.clone(),
                    outcome.report.errors().next().cloned(),
                ));
            } else {
                summary.built += 1;
            }
            if opts.write {
                let key = outcome.job.input.to_string_lossy().to_string();
                manifest
                    .documents
                    .insert(key, entry_for(&outcome, &reads, shared));
            }
            on_outcome(&outcome, done, total);
        }
    });
    if opts.write {
        // Forget documents whose input is gone, so the manifest does not grow forever.
        let known: std::collections::BTreeSet<String> = jobs
            .iter()
            .map(|j| j.input.to_string_lossy().to_string())
            .collect();
        manifest
            .documents
            .retain(|k, _| known.contains(k) || Path::new(k).exists());
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
            on: std::io::stderr().is_terminal(),
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
