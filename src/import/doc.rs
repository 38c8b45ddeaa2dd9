//! Word 97–2003 (`.doc`, also one Word saved as RTF or as a web page): converted to `.docx`
//! by LibreOffice when `soffice` is on the machine, with a profile of its own in a temporary folder (so that it neither waits on nor
//! changes the clerk's running LibreOffice) and a time limit.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long LibreOffice may take to convert one file (its first start with a fresh profile
/// takes a few seconds).
const LIMIT: Duration = Duration::from_secs(120);

/// The first bytes of an OLE compound file: a Word 97–2003 document (or another old Office file).
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
}

/// A `.doc` or `.rtf` that Word saved as RTF or as a web page (Word-HTML), as many offices'
/// older files are: LibreOffice reads those too.
pub fn is_word_text(ext: &str, bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    matches!(ext, "doc" | "rtf") && (head.starts_with("{\\rtf") || head.contains("<html"))
}

/// The LibreOffice program: `VANBAN_SOFFICE` if set (empty: none), else `soffice` or
/// `libreoffice` on the PATH, else where LibreOffice installs itself on Windows.
fn soffice() -> Option<PathBuf> {
    if let Some(chosen) = std::env::var_os("VANBAN_SOFFICE") {
        return (!chosen.is_empty()).then(|| PathBuf::from(chosen));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["soffice", "libreoffice", "soffice.exe"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    ["ProgramFiles", "ProgramFiles(x86)"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|d| PathBuf::from(d).join("LibreOffice/program/soffice.exe"))
        .find(|p| p.is_file())
}

/// A folder of our own under the temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("vanban-doc-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Why a `.doc` was not converted: `None` when there is no LibreOffice at all.
pub type Failure = Option<String>;

/// The `.docx` bytes of a `.doc`.
pub fn convert(bytes: &[u8]) -> Result<Vec<u8>, Failure> {
    let program = soffice().ok_or(None)?;
    let dir = TempDir::new().map_err(|e| Some(e.to_string()))?;
    let input = dir.0.join("van-ban.doc");
    std::fs::write(&input, bytes).map_err(|e| Some(e.to_string()))?;
    let profile = dir.0.join("profile");
    let mut child = Command::new(program)
        .arg(format!("-env:UserInstallation={}", file_url(&profile)))
        // The filter named: a Word-HTML file opens as a web page, which has no .docx export
        // unless it is asked for by name.
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(&dir.0)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Some(e.to_string()))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Some(crate::t!(
                    "LibreOffice không chuyển xong sau {s} giây",
                    s = LIMIT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(Some(e.to_string())),
        }
    }
    std::fs::read(dir.0.join("van-ban.docx"))
        .map_err(|_| Some(crate::t!("LibreOffice không chuyển được tệp")))
}

/// `file:///…` for a folder, as LibreOffice's `-env:UserInstallation` takes it.
fn file_url(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let s = s.replace(' ', "%20");
    if s.starts_with('/') {
        format!("file://{s}")
    } else {
        format!("file:///{s}")
    }
}
