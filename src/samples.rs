//! The sample documents of `data/`, embedded: vanban.exe started from Explorer makes its
//! `data` folder from them when there is none beside it.

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// Writes the samples under `dir`, keeping their folders. A file already there is never
/// overwritten. Returns how many files were written.
pub fn write_samples(dir: &std::path::Path) -> std::io::Result<usize> {
    let mut written = 0;
    for (rel, bytes) in SAMPLES {
        let path = rel
            .split('/')
            .fold(dir.to_path_buf(), |p, part| p.join(part));
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
        written += 1;
    }
    Ok(written)
}
