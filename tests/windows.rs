//! vanban.exe under Wine (Debian's `wine64`): the Windows build makes the same bytes as the
//! Linux one, reads data saved by Windows editors, says so when a viewer holds an output and
//! writes it once it is closed, serves on 127.0.0.1, and starts from a double-click.
//!
//! It needs `vanban.exe` (`bash scripts/windows-release.sh` builds it; `VANBAN_WINDOWS_EXE`
//! names another), `wine64` and `x86_64-w64-mingw32-gcc`, which builds the two helpers of
//! `tests/windows/`: the `ProcessPrng` shim that Wine 8 lacks (never shipped) and a program
//! that holds a file open as a PDF viewer does. `.ci/run` provides all three. Without them
//! this test fails, unless `VANBAN_SKIP_WINDOWS=1`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{check_messages, differing, files, outputs, root, tempdir, vanban, windows_copy};

/// Generous: Wine starts slowly on a loaded machine. Never a timing assertion.
const BOUND: Duration = Duration::from_secs(300);

struct Wine {
    wine: PathBuf,
    prefix: PathBuf,
    /// vanban.exe, the shim and the locker.
    bin: PathBuf,
}

impl Wine {
    fn command(&self, program: &str, cwd: &Path) -> Command {
        let mut c = Command::new(&self.wine);
        c.arg(self.bin.join(program))
            .current_dir(cwd)
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            // No Mono or Gecko installer dialogs.
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        c
    }

    fn vanban(&self, args: &[&str], cwd: &Path) -> std::process::Output {
        self.command("vanban.exe", cwd).args(args).output().unwrap()
    }

    /// vanban.exe left running (`watch`, `serve`), its output collected.
    fn start(&self, args: &[&str], cwd: &Path) -> Running {
        let mut c = self.command("vanban.exe", cwd);
        c.args(args);
        Running::start(c)
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// The Windows build of this source, or why it cannot be used.
fn exe() -> Result<PathBuf, String> {
    let exe = match std::env::var_os("VANBAN_WINDOWS_EXE") {
        Some(p) => PathBuf::from(p),
        None => {
            // target/debug/vanban → target/x86_64-pc-windows-gnu/release/vanban.exe
            let target = Path::new(env!("CARGO_BIN_EXE_vanban"))
                .parent()
                .and_then(Path::parent)
                .unwrap();
            target.join("x86_64-pc-windows-gnu/release/vanban.exe")
        }
    };
    if !exe.is_file() {
        return Err(format!(
            "{} is missing: `bash scripts/windows-release.sh` builds it",
            exe.display()
        ));
    }
    // A stale .exe would test old code against the new Linux build.
    let built = std::fs::metadata(&exe).and_then(|m| m.modified()).unwrap();
    for dir in ["src", "templates", "data", "fonts"] {
        for (rel, p) in files(&root().join(dir)) {
            if std::fs::metadata(&p).and_then(|m| m.modified()).unwrap() > built {
                return Err(format!(
                    "{} is older than {dir}/{rel}: build it again with `bash scripts/windows-release.sh`",
                    exe.display()
                ));
            }
        }
    }
    Ok(exe)
}

fn setup() -> Result<Wine, String> {
    let exe = exe()?;
    let wine = which("wine64")
        .or_else(|| Some(PathBuf::from("/usr/lib/wine/wine64")).filter(|p| p.is_file()))
        .ok_or("wine64 is not installed (Debian's wine64)")?;
    let gcc = which("x86_64-w64-mingw32-gcc")
        .ok_or("x86_64-w64-mingw32-gcc is not installed (Debian's gcc-mingw-w64-x86-64)")?;
    let target = exe.parent().unwrap().join("wine-test");
    let bin = target.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(&exe, bin.join("vanban.exe")).unwrap();
    let helpers = root().join("tests/windows");
    for (out, src, flags) in [
        (
            "bcryptprimitives.dll",
            "bcryptprimitives.c",
            &["-shared", "-ladvapi32"][..],
        ),
        ("locker.exe", "locker.c", &["-municode"][..]),
    ] {
        let status = Command::new(&gcc)
            .arg("-O2")
            .arg("-o")
            .arg(bin.join(out))
            .arg(helpers.join(src))
            .args(flags)
            .status()
            .unwrap();
        assert!(status.success(), "mingw could not build {src}");
    }
    let w = Wine {
        wine,
        prefix: target.join("prefix"),
        bin,
    };
    // The first start makes the prefix; later ones reuse it.
    let version = w.vanban(&["--version"], &root());
    if !version.status.success() {
        return Err(format!(
            "vanban.exe does not start under Wine: {}",
            String::from_utf8_lossy(&version.stderr)
        ));
    }
    Ok(w)
}

fn wine() -> Option<&'static Wine> {
    static WINE: OnceLock<Result<Wine, String>> = OnceLock::new();
    match WINE.get_or_init(setup) {
        Ok(w) => Some(w),
        Err(why) if std::env::var("VANBAN_SKIP_WINDOWS").as_deref() == Ok("1") => {
            eprintln!("skipped: {why} and VANBAN_SKIP_WINDOWS=1");
            None
        }
        Err(why) => panic!("{why}; .ci/run provides it, or set VANBAN_SKIP_WINDOWS=1 to skip"),
    }
}

fn copy_data(to: &Path) {
    for (rel, p) in files(&root().join("data")) {
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(p, dest).unwrap();
    }
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < BOUND, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Reads a child's output on a thread, so a test can wait for a line in it.
fn collect(stream: impl Read + Send + 'static) -> std::sync::Arc<std::sync::Mutex<String>> {
    let text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = text.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            let mut t = sink.lock().unwrap();
            t.push_str(&line);
            t.push('\n');
        }
    });
    text
}

struct Running {
    child: Child,
    stdout: std::sync::Arc<std::sync::Mutex<String>>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Running {
    fn start(mut c: Command) -> Running {
        let mut child = c
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        Running {
            child,
            stdout,
            stderr,
        }
    }

    fn out(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    fn err(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The port of the `http://127.0.0.1:N/` line a server printed.
fn port_in(text: &str) -> Option<u16> {
    let rest = &text[text.find("http://127.0.0.1:")? + "http://127.0.0.1:".len()..];
    rest.split('/').next()?.parse().ok()
}

/// The token of the `http://127.0.0.1:N/?token=…` line a server printed (what the browser
/// is opened on).
fn token_in(text: &str) -> Option<String> {
    let rest = &text[text.find("/?token=")? + "/?token=".len()..];
    let token: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
    (token.len() == 32).then_some(token)
}

/// A GET with the session cookie the page has after opening the printed address.
fn get(port: u16, token: &str, path: &str) -> String {
    request(port, token, "GET", path, &[], b"")
}

fn request(
    port: u16,
    token: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !token.is_empty() {
        head.push_str(&format!("Cookie: vanban-{port}={token}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut reply = String::new();
    let _ = s.read_to_string(&mut reply);
    reply
}

/// The body of a reply, as JSON.
fn json(reply: &str) -> serde_json::Value {
    let body = &reply[reply.find("\r\n\r\n").expect("a body") + 4..];
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {reply}"))
}

/// The samples, and a copy of them as Windows editors save them (CRLF, BOM, `\`), built by
/// vanban.exe: every PDF and Word file equals the Linux build's, byte for byte.
#[test]
fn the_windows_build_makes_the_same_bytes() {
    let Some(w) = wine() else { return };
    let dir = tempdir();
    copy_data(&dir.join("data"));
    windows_copy(&dir.join("data-windows"));
    let linux = vanban(&["build", "data", "-f", "pdf,docx", "--out", "linux"], &dir);
    assert!(
        linux.status.success(),
        "{}",
        String::from_utf8_lossy(&linux.stderr)
    );
    for (data, out) in [("data", "windows"), ("data-windows", "windows-crlf")] {
        let built = w.vanban(&["build", data, "-f", "pdf,docx", "--out", out], &dir);
        assert!(
            built.status.success(),
            "vanban.exe build {data}:\n{}",
            String::from_utf8_lossy(&built.stderr)
        );
    }
    let linux = outputs(&dir.join("linux"));
    assert!(linux.len() > 20, "too few outputs: {:?}", linux.keys());
    for out in ["windows", "windows-crlf"] {
        let windows = outputs(&dir.join(out));
        assert_eq!(
            linux.keys().collect::<Vec<_>>(),
            windows.keys().collect::<Vec<_>>()
        );
        // The CRLF copy's .docx carry that copy's text as their source: only that part
        // differs.
        let differ = differing(&linux, &windows, out == "windows");
        assert!(differ.is_empty(), "{out}: not the Linux bytes: {differ:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `check` on the invalid fixtures says the same as on Linux, paths aside; its Vietnamese
/// comes through a pipe as UTF-8.
#[test]
fn the_windows_build_says_the_same() {
    let Some(w) = wine() else { return };
    let invalid = root().join("tests/fixtures/invalid");
    let linux = check_messages(&invalid, |f| vanban(&["check", f], &invalid));
    let windows = check_messages(&invalid, |f| w.vanban(&["check", f], &invalid));
    assert!(linux.len() > 40, "{} cases", linux.len());
    for (a, b) in linux.iter().zip(&windows) {
        assert_eq!(a, b, "vanban.exe says something else");
    }
    assert!(windows.iter().any(|m| m.contains("lỗi: ")), "{windows:?}");
}

/// A PDF held open by a viewer: `build` names it and says to close it, keeps the old file
/// whole, and builds the other documents; `watch` writes it once the viewer lets go.
#[test]
fn an_output_held_by_a_viewer_is_named_then_written_when_closed() {
    let Some(w) = wine() else { return };
    let dir = tempdir();
    copy_data(&dir.join("data"));
    let first = w.vanban(&["build", "data", "--out", "out"], &dir);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let held = dir.join("out/bac-son/cong-van-ntm-2024.pdf");
    let other = dir.join("out/lang-son/thong-bao-ket-luan-2020.pdf");
    let old = std::fs::read(&held).unwrap();
    let old_other = std::fs::read(&other).unwrap();

    // The viewer opens the PDF; then both documents change.
    let mut locker = w.command("locker.exe", &dir);
    locker.args(["out\\bac-son\\cong-van-ntm-2024.pdf", "release.flag"]);
    let locker = Running::start(locker);
    wait_for("the locker to hold the file", || {
        locker.out().contains("locked")
    });
    for doc in [
        "data/bac-son/cong-van-ntm-2024.yaml",
        "data/lang-son/thong-bao-ket-luan-2020.yaml",
    ] {
        let p = dir.join(doc);
        let text = std::fs::read_to_string(&p).unwrap();
        let changed = text.replace("nông thôn mới", "nông thôn mới kiểu mẫu");
        assert_ne!(text, changed, "{doc}");
        std::fs::write(&p, changed).unwrap();
    }

    let built = w.vanban(&["build", "data", "--out", "out"], &dir);
    let stderr = String::from_utf8_lossy(&built.stderr).replace('\\', "/");
    assert_eq!(built.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "cong-van-ntm-2024.pdf: lỗi: không ghi đè được: tệp đang mở trong một chương trình khác"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("đóng tệp trong chương trình đang mở nó"),
        "{stderr}"
    );
    assert!(
        std::fs::read(&held).unwrap() == old,
        "the held PDF was changed"
    );
    assert!(
        std::fs::read(&other).unwrap() != old_other,
        "the other document was not built"
    );
    let left: Vec<String> = files(&dir.join("out"))
        .into_keys()
        .filter(|k| k.contains("vanban-tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");

    // `watch` builds, finds the PDF held, and writes it when the viewer closes it.
    let watch = w.start(&["watch", "data", "--out", "out"], &dir);
    wait_for("watch to say it waits for the file", || {
        watch.err().contains("đang chờ đóng")
    });
    assert!(std::fs::read(&held).unwrap() == old);
    std::fs::write(dir.join("release.flag"), "").unwrap();
    wait_for("the locker to let go", || locker.out().contains("released"));
    wait_for("watch to write the PDF", || {
        std::fs::read(&held).is_ok_and(|b| b != old && b.starts_with(b"%PDF-"))
    });
    drop(watch);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `watch` sees the ways Windows programs save: Notepad writes the file in place; Word and
/// many editors write a temporary file, move the old one aside and rename the new one in.
#[test]
fn watch_sees_notepad_and_word_saves() {
    let Some(w) = wine() else { return };
    let dir = tempdir();
    copy_data(&dir.join("data"));
    let doc = dir.join("data/bac-son/cong-van-ntm-2024.yaml");
    let pdf = dir.join("out/bac-son/cong-van-ntm-2024.pdf");
    let watch = w.start(&["watch", "data", "--out", "out"], &dir);
    wait_for("watch to start", || watch.err().contains("đang theo dõi"));
    let text = std::fs::read_to_string(&doc).unwrap();
    let mut last = std::fs::read(&pdf).unwrap();
    for (n, save) in ["notepad", "word"].into_iter().enumerate() {
        let changed = text.replace("nông thôn mới", &format!("nông thôn mới lần {n}"));
        match save {
            "notepad" => {
                let mut f = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(&doc)
                    .unwrap();
                f.write_all(changed.as_bytes()).unwrap();
            }
            _ => {
                let tmp = dir.join("data/bac-son/~WRL0001.tmp");
                let aside = dir.join("data/bac-son/~WRD0000.tmp");
                std::fs::write(&tmp, changed.as_bytes()).unwrap();
                std::fs::rename(&doc, &aside).unwrap();
                std::fs::rename(&tmp, &doc).unwrap();
                std::fs::remove_file(&aside).unwrap();
            }
        }
        wait_for(&format!("watch to rebuild after a {save} save"), || {
            std::fs::read(&pdf).is_ok_and(|b| b != last && b.starts_with(b"%PDF-"))
        });
        last = std::fs::read(&pdf).unwrap();
    }
    drop(watch);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `serve` answers on 127.0.0.1 under Wine, and a save of a document that another program
/// holds is refused with what to do, then accepted once it lets go.
#[test]
fn serve_answers_on_loopback_and_names_a_held_file() {
    let Some(w) = wine() else { return };
    let dir = tempdir();
    copy_data(&dir.join("data"));
    let server = w.start(&["serve", "data", "--port", "0"], &dir);
    wait_for("the server's address", || port_in(&server.out()).is_some());
    let port = port_in(&server.out()).unwrap();
    let token = token_in(&server.out()).expect("the printed address has the token");
    let page = get(port, &token, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}\n{}", server.err());

    let file = "bac-son/cong-van-ntm-2024.yaml";
    let list = json(&get(port, &token, "/api/docs"));
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["docs"].as_array().unwrap().iter())
        .find(|d| d["file"].as_str().map(|f| f.replace('\\', "/")) == Some(file.into()))
        .and_then(|d| d["id"].as_str())
        .unwrap_or_else(|| panic!("{file} not listed: {list}"))
        .to_string();
    let source = json(&get(port, &token, &format!("/doc/{id}/source")));
    let hash = source["hash"].as_str().unwrap().to_string();
    let edited = source["text"]
        .as_str()
        .unwrap()
        .replace("nông thôn mới", "nông thôn mới kiểu mẫu");
    let origin = format!("http://127.0.0.1:{port}");
    let save = || {
        request(
            port,
            &token,
            "POST",
            &format!("/doc/{id}/source"),
            &[
                ("Origin", &origin),
                ("X-Vanban-Token", &token),
                ("X-Vanban-Base", &hash),
            ],
            edited.as_bytes(),
        )
    };
    let mut locker = w.command("locker.exe", &dir);
    locker.args(["data\\bac-son\\cong-van-ntm-2024.yaml", "release.flag"]);
    let locker = Running::start(locker);
    wait_for("the locker to hold the file", || {
        locker.out().contains("locked")
    });
    let refused = save();
    assert!(refused.starts_with("HTTP/1.1 409"), "{refused}");
    assert!(
        refused.contains("đang mở trong một chương trình khác"),
        "{refused}"
    );
    std::fs::write(dir.join("release.flag"), "").unwrap();
    wait_for("the locker to let go", || locker.out().contains("released"));
    let saved = save();
    assert!(saved.starts_with("HTTP/1.1 200"), "{saved}");
    let on_disk = std::fs::read_to_string(dir.join("data").join(file)).unwrap();
    assert_eq!(on_disk, edited);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Double-clicked in Explorer (no arguments, a console of its own; `VANBAN_EXPLORER=1` stands
/// for that under Wine): vanban.exe makes `data` beside itself from the samples, says in
/// Vietnamese that closing the window stops it, and serves the folder.
#[test]
fn a_double_click_serves_the_data_folder_beside_the_exe() {
    let Some(w) = wine() else { return };
    let dir = tempdir();
    for f in ["vanban.exe", "bcryptprimitives.dll"] {
        std::fs::copy(w.bin.join(f), dir.join(f)).unwrap();
    }
    let mut c = Command::new(&w.wine);
    c.arg(dir.join("vanban.exe"))
        .current_dir(&dir)
        .env("WINEPREFIX", &w.prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=;winebrowser.exe=")
        .env("VANBAN_EXPLORER", "1")
        .env_remove("DISPLAY")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    let started = Running::start(c);
    wait_for("the server's address", || port_in(&started.out()).is_some());
    let port = port_in(&started.out()).unwrap();
    assert!(
        started.err().contains("Đóng cửa sổ này sẽ dừng vanban"),
        "{}",
        started.err()
    );
    let made = files(&dir.join("data"));
    assert_eq!(
        made.keys().collect::<Vec<_>>(),
        files(&root().join("data")).keys().collect::<Vec<_>>()
    );
    // The browser is opened on the address with the token; without it nothing is served.
    let token = token_in(&started.out()).expect("the printed address has the token");
    let refused = get(port, "", "/");
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
    let reply = get(port, &token, "/");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    drop(started);
    let _ = std::fs::remove_dir_all(&dir);
}
