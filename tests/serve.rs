//! `vanban serve` at the socket level: the binary is started on a copy of sample documents
//! with `--port 0`, and a tiny HTTP client checks its security rules (Host, Origin, token,
//! no path from a URL, no link out of the served folder) and that a save reaches the pages.
//! Nothing here measures time: every wait is for a condition, with a generous bound.
#![cfg(feature = "serve")]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const PLAN: &str = "lang-son/ke-hoach-ntm-2019.yaml";

/// A running `vanban serve` on a copy of some samples; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    dir: PathBuf,
    token: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Copies the plan, a công văn and the shared file they read into a new folder.
fn samples() -> PathBuf {
    let dir = common::tempdir().join("data");
    let src = common::root().join("data");
    for f in [
        PLAN,
        "lang-son/cong-van-vpdp-2020.yaml",
        "lang-son/_chung/tinh-lang-son.yaml",
    ] {
        let to = dir.join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src.join(f), to).unwrap();
    }
    dir
}

fn start(dir: &Path) -> Server {
    start_with(dir, &common::root().join("templates"))
}

fn start_with(dir: &Path, templates: &Path) -> Server {
    start_env(dir, templates, &[])
}

fn start_env(dir: &Path, templates: &Path, env: &[(&str, &str)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .envs(env.iter().copied())
        .arg("serve")
        .arg(dir)
        .args(["--port", "0", "--templates"])
        .arg(templates)
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("vanban serve starts");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    // The address with this run's token, as the terminal shows it.
    let (port, token) = loop {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            let _ = child.kill();
            panic!("vanban serve printed no address");
        }
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let token = rest
                .split("/?token=")
                .nth(1)
                .map(|t| t.chars().take_while(char::is_ascii_hexdigit).collect())
                .unwrap_or_default();
            break (digits.parse::<u16>().unwrap(), token);
        }
    };
    // Keep reading stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = out.read_to_end(&mut sink);
    });
    let server = Server {
        child,
        port,
        dir: std::fs::canonicalize(dir).unwrap(),
        token,
    };
    assert_eq!(server.token.len(), 32, "the printed address has the token");
    let page = server.get("/");
    assert_eq!(page.status, 200);
    server
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Server {
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The session cookie the page gets for the token.
    fn cookie(&self) -> String {
        format!("vanban-{}={}", self.port, self.token)
    }

    /// One request on its own connection, with the session cookie (as the page has it);
    /// `Host` is ours unless `headers` names one.
    fn request(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let cookie = self.cookie();
        let mut with: Vec<(&str, &str)> = headers.to_vec();
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("cookie"))
        {
            with.push(("Cookie", &cookie));
        }
        self.bare(method, target, &with, body)
    }

    /// One request with only the headers given (no session cookie unless given).
    fn bare(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let mut req = format!("{method} {target} HTTP/1.1\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            req.push_str(&format!("Host: {}\r\n", self.host()));
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str(&format!(
            "Connection: close\r\nContent-Length: {}\r\n\r\n",
            body.len()
        ));
        s.write_all(req.as_bytes()).unwrap();
        s.write_all(body).unwrap();
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        parse(&raw)
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target, &[], b"")
    }

    /// The id of a document by its file, from the server's list.
    fn id(&self, file: &str) -> String {
        let list = self.get("/api/docs").json();
        list.as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["docs"].as_array().unwrap().iter())
            .find(|d| d["file"] == file)
            .map(|d| d["id"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{file} not listed: {list}"))
    }

    fn files(&self) -> Vec<String> {
        let list = self.get("/api/docs").json();
        list.as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["docs"].as_array().unwrap().iter())
            .map(|d| d["file"].as_str().unwrap().to_string())
            .collect()
    }

    /// Waits (60 s at most) for the document's state to satisfy `ok`.
    fn wait_state(&self, id: &str, what: &str, ok: impl Fn(&Value) -> bool) -> Value {
        let start = Instant::now();
        loop {
            let st = self.get(&format!("/doc/{id}/state")).json();
            if ok(&st) {
                return st;
            }
            if start.elapsed() > Duration::from_secs(60) {
                panic!("waited 60 s for {what}; last state: {st}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn parse(raw: &[u8]) -> Reply {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP reply: {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..end]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(nl) = rest.windows(2).position(|w| w == b"\r\n") {
            let size =
                usize::from_str_radix(String::from_utf8_lossy(&rest[..nl]).trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[nl + 2..nl + 2 + size]);
            rest = &rest[nl + 2 + size + 2..];
        }
        body = out;
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn figure(state: &Value, name: &str) -> Option<String> {
    state["figures"]
        .as_array()?
        .iter()
        .find(|f| f["name"] == name)
        .map(|f| f["value"].as_str().unwrap().to_string())
}

#[test]
fn a_host_that_is_not_ours_is_refused() {
    let server = start(&samples());
    for host in [
        "evil.example".to_string(),
        "evil.example:80".to_string(),
        format!("127.0.0.1:{}", server.port + 1),
        format!("localhost.evil.example:{}", server.port),
    ] {
        let r = server.request("GET", "/", &[("Host", &host)], b"");
        assert_eq!(r.status, 421, "Host {host}");
        assert!(
            !r.text().contains(&server.token),
            "the token leaked to {host}"
        );
        let r = server.request("GET", "/api/docs", &[("Host", &host)], b"");
        assert_eq!(r.status, 421, "Host {host}");
    }
    let alias = format!("localhost:{}", server.port);
    assert_eq!(
        server.request("GET", "/", &[("Host", &alias)], b"").status,
        200
    );
    // Every response forbids outside content.
    let page = server.get("/");
    assert!(page
        .header("content-security-policy")
        .is_some_and(|v| v.starts_with("default-src 'self'")));
    // And another site may not embed anything of it.
    let docs = server.get("/api/docs");
    assert_eq!(
        docs.header("cross-origin-resource-policy"),
        Some("same-origin")
    );
    assert_eq!(docs.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn no_url_reaches_a_file_and_links_out_of_the_folder_are_neither_listed_nor_served() {
    let dir = samples();
    // A document outside the served folder, reached by a link to a file and to a folder.
    let outside = common::tempdir().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let secret = "bí mật bên ngoài";
    std::fs::write(
        outside.join("secret.yaml"),
        format!("# {secret}\n")
            + &std::fs::read_to_string(dir.join("lang-son/cong-van-vpdp-2020.yaml")).unwrap(),
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.join("secret.yaml"), dir.join("linked.yaml")).unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("linked-folder")).unwrap();
    }
    let server = start(&dir);
    let files = server.files();
    assert!(files.iter().any(|f| f == PLAN), "{files:?}");
    assert!(
        !files
            .iter()
            .any(|f| f.contains("linked") || f.contains("secret")),
        "{files:?}"
    );
    // The ids the links would have are not served either.
    for path in [
        server.dir.join("linked.yaml"),
        server.dir.join("linked-folder/secret.yaml"),
    ] {
        let id = vanban::serve::state::id_of(&vanban::pipeline::Job {
            input: path,
            output: PathBuf::new(),
            member: None,
        });
        for what in ["state", "source", "page/1.svg", "download/pdf"] {
            let r = server.get(&format!("/doc/{id}/{what}"));
            assert!((400..500).contains(&r.status), "{what}: {}", r.status);
            assert!(!r.text().contains(secret));
        }
    }
    // Traversal: the id is never a path.
    let id = server.id(PLAN);
    for target in [
        "/doc/../../etc/passwd".to_string(),
        "/doc/../../../../etc/passwd/source".to_string(),
        "/doc/%2e%2e%2f%2e%2e%2fetc%2fpasswd/source".to_string(),
        "/doc/..%2F..%2F..%2Fetc%2Fpasswd/state".to_string(),
        format!("/doc/{id}/page/..%2f..%2f..%2fetc%2fpasswd"),
        format!("/doc/{id}/page/1.svg/../../../../etc/passwd"),
        format!("/doc/{id}/download/..%2f..%2fetc%2fpasswd"),
        "/doc/0000000000000000/source".to_string(),
        "/vendor/../../Cargo.toml".to_string(),
        "/etc/passwd".to_string(),
    ] {
        let r = server.get(&target);
        assert!((400..500).contains(&r.status), "{target}: {}", r.status);
        let text = r.text();
        assert!(
            !text.contains("root:") && !text.contains("[package]"),
            "{target}: {text}"
        );
    }
}

#[test]
fn writes_need_the_token_our_origin_and_the_hash_that_was_opened() {
    let server = start(&samples());
    let id = server.id(PLAN);
    let path = server.dir.join(PLAN);
    let before = std::fs::read(&path).unwrap();
    let opened = server.get(&format!("/doc/{id}/source")).json();
    let hash = opened["hash"].as_str().unwrap().to_string();
    assert_eq!(opened["text"].as_str().unwrap().as_bytes(), &before[..]);
    let target = format!("/doc/{id}/source");
    let origin = server.origin();
    let edited = String::from_utf8(before.clone()).unwrap().replace(
        "# Giao thông: thêm 12",
        "# Giao thông (ghi chú của văn thư): thêm 12",
    );
    let token = server.token.clone();
    for (why, headers) in [
        (
            "no token",
            vec![
                ("Origin", origin.as_str()),
                ("X-Vanban-Base", hash.as_str()),
            ],
        ),
        (
            "wrong token",
            vec![
                ("Origin", origin.as_str()),
                ("X-Vanban-Token", "00000000000000000000000000000000"),
                ("X-Vanban-Base", hash.as_str()),
            ],
        ),
        (
            "no origin",
            vec![
                ("X-Vanban-Token", token.as_str()),
                ("X-Vanban-Base", hash.as_str()),
            ],
        ),
        (
            "another origin",
            vec![
                ("Origin", "http://evil.example"),
                ("X-Vanban-Token", token.as_str()),
                ("X-Vanban-Base", hash.as_str()),
            ],
        ),
    ] {
        let r = server.request("POST", &target, &headers, edited.as_bytes());
        assert!((400..500).contains(&r.status), "{why}: {}", r.status);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{why}: the file changed"
        );
    }
    // A stale hash: the file changed on disk since it was opened.
    let r = server.request(
        "POST",
        &target,
        &[
            ("Origin", &origin),
            ("X-Vanban-Token", &token),
            ("X-Vanban-Base", "0123456789abcdef0123456789abcdef"),
        ],
        edited.as_bytes(),
    );
    assert_eq!(r.status, 409);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // The right one: the text is written as sent, comments and layout kept.
    let r = server.request(
        "POST",
        &target,
        &[
            ("Origin", &origin),
            ("X-Vanban-Token", &token),
            ("X-Vanban-Base", &hash),
        ],
        edited.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    // The WebSocket needs the token and our origin too.
    let upgrade = |query: &str, origin: &str| {
        server
            .request(
                "GET",
                &format!("/ws{query}"),
                &[
                    ("Origin", origin),
                    ("Upgrade", "websocket"),
                    ("Connection", "Upgrade"),
                    ("Sec-WebSocket-Version", "13"),
                    ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                ],
                b"",
            )
            .status
    };
    // With the session cookie (as the page sends it), another site's page is refused.
    assert_eq!(upgrade("", "http://evil.example"), 403);
    // A new document: the token is needed, no path separators, no overwrite.
    let new = |name: &str, token: &str| {
        let body = serde_json::json!({"kind": "cong_van", "name": name}).to_string();
        server.request(
            "POST",
            "/api/new",
            &[("Origin", &origin), ("X-Vanban-Token", token)],
            body.as_bytes(),
        )
    };
    assert_eq!(new("moi", "").status, 403);
    assert!(!server.dir.join("moi.yaml").exists());
    for bad in [
        "../moi",
        "a/b",
        "_chung",
        ".an",
        "",
        "lang-son\\x",
        "CON",
        "nul",
        "com1",
    ] {
        assert_eq!(new(bad, &token).status, 400, "{bad}");
    }
    assert!(new("con", &token)
        .text()
        .contains("tên thiết bị của Windows"));
    // A token of the right length but wrong is refused like any other.
    let wrong: String = token.chars().rev().collect();
    assert_ne!(wrong, token);
    assert_eq!(new("moi", &wrong).status, 403);
    let r = new("cong-van-moi", &token);
    assert_eq!(r.status, 200, "{}", r.text());
    let created = server.dir.join("cong-van-moi.yaml");
    assert!(created.exists());
    assert_eq!(new("cong-van-moi", &token).status, 409);
    let new_id = r.json()["id"].as_str().unwrap().to_string();
    server.wait_state(&new_id, "the new document to build", |s| {
        s["compiled"] == true && !s["pages"].as_array().unwrap().is_empty()
    });
}

#[test]
fn a_save_reaches_the_pages_and_an_error_keeps_the_last_good_pages() {
    let server = start(&samples());
    let id = server.id(PLAN);
    let first = server.wait_state(&id, "the plan's pages", |s| {
        s["compiled"] == true && !s["pages"].as_array().unwrap().is_empty()
    });
    assert!(first["errors"].as_array().unwrap().is_empty(), "{first}");
    assert_eq!(figure(&first, "tc02.tong").as_deref(), Some("61"));
    // The two stated shares that disagree are warnings beside the page.
    assert_eq!(first["warnings"].as_array().unwrap().len(), 2, "{first}");
    let pages: Vec<Value> = first["pages"].as_array().unwrap().clone();
    let p1 = &pages[0];
    let svg = server.get(&format!(
        "/doc/{id}/page/1.svg?h={}",
        p1["hash"].as_str().unwrap()
    ));
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert!(svg.text().starts_with("<svg"), "{}", &svg.text()[..100]);
    assert!(server.get(&format!("/doc/{id}/page/1.svg?h=0")).status == 404);

    // An edit on disk: the changed figure, new hashes for the pages that show it only.
    let path = server.dir.join(PLAN);
    let good = std::fs::read_to_string(&path).unwrap();
    let edited = good.replace(
        "tc02: { da_dat: 49, them: 12, mau_so: so_xa }",
        "tc02: { da_dat: 49, them: 14, mau_so: so_xa }",
    );
    assert_ne!(edited, good);
    std::fs::write(&path, &edited).unwrap();
    let after = server.wait_state(&id, "tc02.tong = 63", |s| {
        figure(s, "tc02.tong").as_deref() == Some("63")
    });
    assert!(after["rev"].as_u64() > first["rev"].as_u64());
    let new_pages = after["pages"].as_array().unwrap();
    let changed = new_pages
        .iter()
        .zip(&pages)
        .filter(|(a, b)| a["hash"] != b["hash"])
        .count();
    assert!(
        changed >= 1 && changed < pages.len(),
        "{changed} pages changed"
    );

    // Broken YAML: the error with its line, over the last good pages.
    let broken_line = edited.lines().position(|l| l.contains("tc02: {")).unwrap() + 1;
    let broken = edited.replace("tc02: { da_dat: 49,", "tc02: { da_dat: [49,");
    std::fs::write(&path, &broken).unwrap();
    let bad = server.wait_state(&id, "an error", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    let e = &bad["errors"][0];
    assert_eq!(e["file"], PLAN, "{bad}");
    assert_eq!(e["own"], true);
    assert!(
        e["line"]
            .as_u64()
            .is_some_and(|l| l as usize >= broken_line),
        "{bad}"
    );
    assert_eq!(bad["pages"], after["pages"], "the last good pages stay");
    // Fixed: the error goes.
    std::fs::write(&path, &good).unwrap();
    let fixed = server.wait_state(&id, "the error to go", |s| {
        s["errors"].as_array().unwrap().is_empty()
            && figure(s, "tc02.tong").as_deref() == Some("61")
    });
    assert_eq!(fixed["pages"], first["pages"]);

    // Downloads.
    let pdf = server.get(&format!("/doc/{id}/download/pdf"));
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.starts_with(b"%PDF"));
    let docx = server.get(&format!("/doc/{id}/download/docx"));
    assert_eq!(docx.status, 200);
    assert!(docx.body.starts_with(b"PK"));
    // It carries its source, as `vanban build`'s does, for `vanban nhap` to bring edits back.
    let record = vanban::render::docx::source::find(&docx.body).expect("the source part");
    assert_eq!(record.text, good);
}

/// Saves that come faster than compiles: the page ends on the newest, and never goes back.
#[test]
fn fast_saves_end_on_the_newest_compile() {
    let server = start(&samples());
    let id = server.id(PLAN);
    server.wait_state(&id, "the plan's pages", |s| {
        s["compiled"] == true && !s["pages"].as_array().unwrap().is_empty()
    });
    let path = server.dir.join(PLAN);
    let good = std::fs::read_to_string(&path).unwrap();
    for them in 20..=29 {
        let text = good.replace(
            "tc02: { da_dat: 49, them: 12,",
            &format!("tc02: {{ da_dat: 49, them: {them},"),
        );
        std::fs::write(&path, text).unwrap();
        std::thread::sleep(Duration::from_millis(5));
    }
    let last = server.wait_state(&id, "tc02.tong = 78 (the last save)", |s| {
        figure(s, "tc02.tong").as_deref() == Some("78")
    });
    // Nothing older comes after it.
    let until = Instant::now() + Duration::from_secs(1);
    while Instant::now() < until {
        let st = server.get(&format!("/doc/{id}/state")).json();
        assert_eq!(figure(&st, "tc02.tong").as_deref(), Some("78"), "{st}");
        assert!(st["rev"].as_u64() >= last["rev"].as_u64());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A template saved with a mistake shows on every document, over its last good pages; the
/// built-in template comes back when the file goes.
#[test]
fn a_template_change_recompiles_and_its_error_shows() {
    let templates = common::tempdir().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let server = start_with(&samples(), &templates);
    let id = server.id(PLAN);
    let good = server.wait_state(&id, "the plan's pages", |s| {
        s["compiled"] == true
            && !s["pages"].as_array().unwrap().is_empty()
            && s["errors"].as_array().unwrap().is_empty()
    });
    let builtin = std::fs::read_to_string(common::root().join("templates/vanban.typ")).unwrap();
    std::fs::write(
        templates.join("vanban.typ"),
        builtin + "\n#let hong(x) = { x + }\n",
    )
    .unwrap();
    let bad = server.wait_state(&id, "the template's error", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    assert!(
        bad["errors"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("vanban.typ"),
        "{bad}"
    );
    assert_eq!(bad["errors"][0]["own"], false);
    assert_eq!(bad["pages"], good["pages"], "the last good pages stay");
    std::fs::remove_file(templates.join("vanban.typ")).unwrap();
    let fixed = server.wait_state(&id, "the error to go", |s| {
        s["errors"].as_array().unwrap().is_empty()
    });
    assert_eq!(fixed["pages"], good["pages"]);
}

/// The routes a reader could use: without this run's cookie (or token) every one is refused
/// with what to do, and nothing of a document comes back.
#[test]
fn every_route_needs_the_session_cookie_or_the_token() {
    let server = start(&samples());
    let id = server.id(PLAN);
    let st = server.wait_state(&id, "the plan's pages", |s| {
        s["compiled"] == true && !s["pages"].as_array().unwrap().is_empty()
    });
    let hash = st["pages"][0]["hash"].as_str().unwrap().to_string();
    let routes = [
        "/".to_string(),
        "/app.js".to_string(),
        "/api/docs".to_string(),
        "/api/starters".to_string(),
        format!("/doc/{id}/state"),
        format!("/doc/{id}/source"),
        format!("/doc/{id}/page/1.svg?h={hash}"),
        format!("/doc/{id}/download/pdf"),
        format!("/doc/{id}/download/docx"),
    ];
    let wrong: String = server.token.chars().rev().collect();
    let wrong_cookie = format!("vanban-{}={wrong}", server.port);
    let other_port = format!("vanban-{}={}", server.port + 1, server.token);
    for route in &routes {
        for (why, headers) in [
            ("no cookie", vec![]),
            ("a wrong cookie", vec![("Cookie", wrong_cookie.as_str())]),
            (
                "another server's cookie",
                vec![("Cookie", other_port.as_str())],
            ),
            // What a cross-site <img> or link sends: no cookie (SameSite=Strict).
            (
                "a cross-site request",
                vec![("Sec-Fetch-Site", "cross-site")],
            ),
        ] {
            let r = server.bare("GET", route, &headers, b"");
            assert_eq!(r.status, 401, "{route} with {why}");
            let text = r.text();
            assert!(text.contains("mã phiên"), "{route}: {text}");
            assert!(
                !text.contains("loai:") && !text.contains("\"pages\"") && !text.contains("<svg"),
                "{route} with {why}: {text}"
            );
        }
        // A wrong token in the address does not open it either.
        let sep = if route.contains('?') { '&' } else { '?' };
        let r = server.bare("GET", &format!("{route}{sep}token={wrong}"), &[], b"");
        assert_eq!(r.status, 401, "{route} with a wrong token");
    }
    // The WebSocket too, even from our own origin.
    let r = server.bare(
        "GET",
        "/ws",
        &[
            ("Origin", &server.origin()),
            ("Upgrade", "websocket"),
            ("Connection", "Upgrade"),
            ("Sec-WebSocket-Version", "13"),
            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
        ],
        b"",
    );
    assert_eq!(r.status, 401, "the WebSocket without the cookie");
    // The address from the terminal: the token becomes an HttpOnly, SameSite=Strict cookie
    // and the address loses it.
    let r = server.bare("GET", &format!("/?token={}", server.token), &[], b"");
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/"));
    let set = r.header("set-cookie").unwrap_or_default().to_string();
    assert!(
        set.starts_with(&server.cookie())
            && set.contains("HttpOnly")
            && set.contains("SameSite=Strict"),
        "{set}"
    );
    // With the cookie every route answers.
    for route in &routes {
        let r = server.get(route);
        assert_eq!(r.status, 200, "{route} with the cookie: {}", r.text());
    }
    // A client that is not a browser may send the token in a header instead.
    let r = server.bare(
        "GET",
        &format!("/doc/{id}/source"),
        &[("X-Vanban-Token", &server.token)],
        b"",
    );
    assert_eq!(r.status, 200);
}

/// A save larger than any document is refused with what to do, in Vietnamese, and the file
/// stays as it was.
#[test]
fn an_oversized_save_is_refused_with_a_message() {
    let server = start(&samples());
    let id = server.id(PLAN);
    let path = server.dir.join(PLAN);
    let before = std::fs::read(&path).unwrap();
    let hash = server.get(&format!("/doc/{id}/source")).json()["hash"]
        .as_str()
        .unwrap()
        .to_string();
    let mut big = before.clone();
    while big.len() <= 3 * 1024 * 1024 {
        big.extend_from_slice(b"# dong chu thich de lam tep lon hon\n");
    }
    let r = server.request(
        "POST",
        &format!("/doc/{id}/source"),
        &[
            ("Origin", &server.origin()),
            ("X-Vanban-Token", &server.token),
            ("X-Vanban-Base", &hash),
        ],
        &big,
    );
    assert_eq!(r.status, 413);
    assert!(r.text().contains("quá lớn"), "{}", r.text());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A compile that panics (a bug; here the test hook `VANBAN_SERVE_PANIC`) shows an internal
/// error on that document, and the others keep being compiled and served.
#[test]
fn a_panicking_compile_leaves_the_other_documents_served() {
    let server = start_env(
        &samples(),
        &common::root().join("templates"),
        &[("VANBAN_SERVE_PANIC", "cong-van-vpdp-2020.yaml")],
    );
    let broken = server.id("lang-son/cong-van-vpdp-2020.yaml");
    let st = server.wait_state(&broken, "the internal error", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    assert!(
        st["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("lỗi bên trong vanban"),
        "{st}"
    );
    let id = server.id(PLAN);
    let first = server.wait_state(&id, "the plan's pages", |s| {
        s["compiled"] == true
            && !s["pages"].as_array().unwrap().is_empty()
            && s["errors"].as_array().unwrap().is_empty()
    });
    assert_eq!(figure(&first, "tc02.tong").as_deref(), Some("61"));
    // The compile thread is still there: a save is followed.
    let path = server.dir.join(PLAN);
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        good.replace(
            "tc02: { da_dat: 49, them: 12,",
            "tc02: { da_dat: 49, them: 14,",
        ),
    )
    .unwrap();
    server.wait_state(&id, "tc02.tong = 63 after the panic", |s| {
        figure(s, "tc02.tong").as_deref() == Some("63")
    });
    // And the broken one's download is an error, not a hang or a dead server.
    let r = server.get(&format!("/doc/{broken}/download/pdf"));
    assert!((400..600).contains(&r.status), "{}", r.status);
    assert_eq!(server.get("/api/docs").status, 200);
}

/// Every file a served document reads must be inside the served folder: a `bao_gom`,
/// `ke_thua` or `bang` that leads out (absolute, `..`, a link to a file or to a folder) is an
/// error located at the field, and no answer shows anything of the file or where it is.
#[test]
fn references_out_of_the_folder_are_located_errors_that_show_nothing_of_the_file() {
    let dir = samples();
    let outside = std::fs::canonicalize(common::tempdir())
        .unwrap()
        .join("ngoai");
    std::fs::create_dir_all(&outside).unwrap();
    const SECRET: &str = "BIMATNGOAITHUMUC";
    // Broken YAML: a parse error would quote the line with the secret.
    std::fs::write(
        outside.join("chung.yaml"),
        format!("co_quan:\n  X: {{ ten: {SECRET}\n"),
    )
    .unwrap();
    std::fs::write(
        outside.join("xa.csv"),
        format!("ma_xa,ten_xa,huyen,so_tieu_chi,dat_chuan\n{SECRET},{SECRET},{SECRET},19,x\n"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        let lang_son = dir.join("lang-son");
        std::os::unix::fs::symlink(
            outside.join("chung.yaml"),
            lang_son.join("_chung/lien-ket.yaml"),
        )
        .unwrap();
        std::os::unix::fs::symlink(&outside, lang_son.join("_chung/thu-muc")).unwrap();
        std::os::unix::fs::symlink(outside.join("xa.csv"), lang_son.join("xa-lien-ket.csv"))
            .unwrap();
    }
    let cong_van =
        std::fs::read_to_string(common::root().join("data/lang-son/cong-van-vpdp-2020.yaml"))
            .unwrap();
    let family =
        std::fs::read_to_string(common::root().join("data/lang-son/cong-nhan-xa-ntm-2019.yaml"))
            .unwrap();
    let abs = outside.join("chung.yaml").display().to_string();
    let abs_csv = outside.join("xa.csv").display().to_string();
    // (file, text, the line the error must be at)
    let mut cases: Vec<(String, String, usize)> = Vec::new();
    let mut refs = vec![
        ("bao-gom-tuyet-doi", format!("bao_gom: [\"{abs}\"]")),
        (
            "bao-gom-cha",
            "bao_gom: [../../ngoai/chung.yaml]".to_string(),
        ),
        (
            "ke-thua-cha",
            "so_lieu:\n  ke_thua:\n    - { tep: ../../ngoai/chung.yaml, ten: kh }".to_string(),
        ),
    ];
    if cfg!(unix) {
        refs.push((
            "bao-gom-lien-ket",
            "bao_gom: [_chung/lien-ket.yaml]".to_string(),
        ));
        refs.push((
            "bao-gom-thu-muc-lien-ket",
            "bao_gom: [_chung/thu-muc/chung.yaml]".to_string(),
        ));
    }
    for (name, line) in refs {
        let text = format!("{cong_van}\n{line}\n");
        let at = text
            .lines()
            .position(|l| l.contains("chung.yaml") || l.contains("lien-ket"))
            .unwrap()
            + 1;
        cases.push((format!("lang-son/{name}.yaml"), text, at));
    }
    let mut bangs = vec![
        ("bang-tuyet-doi", format!("\"{abs_csv}\"")),
        ("bang-cha", "../../ngoai/xa.csv".to_string()),
    ];
    if cfg!(unix) {
        bangs.push(("bang-lien-ket", "xa-lien-ket.csv".to_string()));
    }
    for (name, value) in bangs {
        let text = family.replace("  bang: xa-ntm-2019.csv", &format!("  bang: {value}"));
        assert_ne!(text, family);
        let at = text
            .lines()
            .position(|l| l.starts_with("  bang: "))
            .unwrap()
            + 1;
        cases.push((format!("lang-son/{name}.yaml"), text, at));
    }
    for (file, text, _) in &cases {
        std::fs::write(dir.join(file), text).unwrap();
    }
    let server = start(&dir);
    // Where the outside file is may appear only as the document itself wrote it.
    let leaks = |what: &str, text: &str, written: bool| {
        assert!(
            !text.contains(SECRET),
            "{what} shows the outside file: {text}"
        );
        assert!(
            written || !text.contains(outside.to_str().unwrap()),
            "{what} shows where the outside file is: {text}"
        );
    };
    for (file, text, line) in &cases {
        let written = text.contains(outside.to_str().unwrap());
        let id = server.id(file);
        let st = server.wait_state(&id, &format!("{file}'s error"), |s| {
            s["compiled"] == true && !s["errors"].as_array().unwrap().is_empty()
        });
        let e = &st["errors"][0];
        assert_eq!(e["file"], file.as_str(), "{st}");
        assert_eq!(e["line"].as_u64(), Some(*line as u64), "{file}: {st}");
        assert!(st["pages"].as_array().unwrap().is_empty(), "{file}: {st}");
        leaks(file, &st.to_string(), written);
        for what in ["download/pdf", "download/docx"] {
            let r = server.get(&format!("/doc/{id}/{what}"));
            assert!(
                (400..500).contains(&r.status),
                "{file} {what}: {}",
                r.status
            );
            leaks(what, &r.text(), written);
        }
    }
    leaks("the list", &server.get("/api/docs").text(), false);
    // The sample that reads a table inside the folder still builds (the check is not a
    // blanket refusal).
    let id = server.id("lang-son/cong-van-vpdp-2020.yaml");
    server.wait_state(&id, "the công văn's pages", |s| {
        s["compiled"] == true
            && !s["pages"].as_array().unwrap().is_empty()
            && s["errors"].as_array().unwrap().is_empty()
    });
}
