//! `vanban serve` in a real browser: runs tests/browser/test_serve.py, which drives Debian's
//! Chromium with Playwright (PyPI) against the built binary, offline. `.ci/run` installs both;
//! without them this test fails, unless `VANBAN_SKIP_BROWSER=1`.
#![cfg(feature = "serve")]

use std::path::Path;
use std::process::Command;

fn browser_missing() -> Option<String> {
    let chromium = std::env::var("VANBAN_CHROMIUM")
        .ok()
        .into_iter()
        .chain([
            "/usr/bin/chromium".to_string(),
            "/usr/bin/chromium-browser".to_string(),
        ])
        .any(|p| Path::new(&p).exists());
    if !chromium {
        return Some("Chromium is not installed (Debian's chromium)".into());
    }
    let playwright = Command::new("python3")
        .args(["-c", "import playwright.sync_api"])
        .status()
        .is_ok_and(|s| s.success());
    if !playwright {
        return Some("Playwright for Python is not installed (pip install playwright)".into());
    }
    None
}

#[test]
fn the_page_in_chromium_follows_saves_errors_and_edits() {
    if let Some(why) = browser_missing() {
        if std::env::var("VANBAN_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("skipped: {why} and VANBAN_SKIP_BROWSER=1");
            return;
        }
        panic!("{why}: .ci/run installs it; or set VANBAN_SKIP_BROWSER=1 to skip this test");
    }
    if std::env::var("VANBAN_SKIP_BROWSER").as_deref() == Ok("1") {
        eprintln!("skipped: VANBAN_SKIP_BROWSER=1");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .arg(root.join("tests/browser/test_serve.py"))
        .arg(env!("CARGO_BIN_EXE_vanban"))
        .arg(root)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    assert!(
        out.status.success(),
        "browser test failed:\n{stdout}\n{stderr}"
    );
}
