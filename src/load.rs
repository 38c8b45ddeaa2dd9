//! Load: read a YAML document and turn parser errors into located, Vietnamese diagnostics.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Pos};
use crate::figures::suggest;
use crate::model::Document;
use crate::t;

/// A document as read from disk, with its text kept for snippets.
pub struct Loaded {
    pub path: PathBuf,
    pub source: String,
    pub doc: Document,
    /// For a member of a family: its row's cells, cited as `{{hang.cot}}` (texts), and its
    /// number columns (figures).
    pub row_texts: Vec<(String, String)>,
    pub row_numbers: Vec<(String, rust_decimal::Decimal)>,
}

/// Every key the format knows, for "did you mean" hints on unknown fields.
const KNOWN_KEYS: &[&str] = &[
    "loai",
    "ten_loai",
    "co_quan",
    "chu_quan",
    "ban_hanh",
    "viet_tat",
    "so",
    "don_vi_soan_thao",
    "dia_danh",
    "ngay",
    "trich_yeu",
    "can_cu",
    "kinh_gui",
    "noi_dung",
    "nguoi_ky",
    "quyen_han",
    "chuc_vu",
    "ho_ten",
    "noi_nhan",
    "luu",
    "phu_luc",
    "tieu_de",
    "ngang",
    "ma_tran",
    "nhom",
    "viec",
    "chi_dao",
    "thuc_hien",
    "phoi_hop",
    "thoi_gian",
    "trinh_bay",
    "le_tren",
    "le_duoi",
    "le_trai",
    "le_phai",
    "co_chu",
    "thut_dau_dong",
    "so_lieu",
    "hang_so",
    "chi_tieu",
    "phan_bo",
    "nguon_von",
    "da_dat",
    "them",
    "mau_so",
    "chu_so",
    "tong_ghi",
    "ty_le_ghi",
    "don_vi",
    "dong",
    "so_tien",
    "muc",
    "khoan",
    "diem",
    "gach",
    "cong",
    "doan",
    "dam",
    "chuong",
    "dieu",
    "bang_ket_qua",
    "bang",
    "tham_quyen",
    "do_khan",
    "luu_hanh",
    "nguoi_soan",
    "so_ban",
    "dia_chi",
    "dien_thoai",
    "fax",
    "email",
    "website",
    "cuoc_hop",
    "hinh_thuc",
    "toi_du",
    "bat_dau",
    "ket_thuc",
    "dia_diem",
    "chu_tri",
    "thu_ky",
    "thanh_phan",
    "gioi_thieu",
    "cu_den",
    "ve_viec",
    "gia_tri_den",
    "nghi_phep",
    "nguoi_cap",
    "ngay_don",
    "tu_ngay",
    "den_ngay",
    "noi_nghi",
    "dong_ky",
    "cac_ben",
    "kem_theo",
    "cua",
    "ten",
    "ke_hoach",
    "dat",
    "bao_gom",
    "ho",
    "ke_thua",
    "tep",
    "binh_quan",
    "gia_tri",
    "con_lai",
];

/// Reads and parses one document.
pub fn load(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let (doc, source) = load_as::<Document>(path)?;
    Ok(Loaded {
        path: path.to_path_buf(),
        source,
        doc,
        row_texts: Vec::new(),
        row_numbers: Vec::new(),
    })
}

/// Parses one document from text (for the fuzz target and tools that hold the text already).
pub fn load_text(path: &Path, text: String) -> Result<Loaded, Vec<Diagnostic>> {
    let (doc, source) = parse_as::<Document>(path, text)?;
    Ok(Loaded {
        path: path.to_path_buf(),
        source,
        doc,
        row_texts: Vec::new(),
        row_numbers: Vec::new(),
    })
}

/// The file a document refers to (`bao_gom`, `ke_thua.tep`, `ho.bang`), relative to the
/// document's folder. A clerk on Windows writes `_chung\tinh.yaml`, one on Linux
/// `_chung/tinh.yaml`: both name the same file on both systems, so a data folder moves between
/// them unchanged.
pub fn reference(document: &Path, written: &str) -> PathBuf {
    let portable = written.trim().replace('\\', "/");
    document.parent().unwrap_or(Path::new(".")).join(portable)
}

// ---------------------------------------------------------------------------------------
// Confinement: the files a document may read.

thread_local! {
    /// The folders every read of this thread must stay inside (set by `vanban serve` for its
    /// compiles and its listing); `None`: any file (`vanban build` reads a clerk's shared
    /// folder elsewhere on purpose).
    static CONFINED: std::cell::RefCell<Option<std::sync::Arc<[PathBuf]>>> =
        const { std::cell::RefCell::new(None) };
}

/// While this guard lives, every file this thread reads through [`read`] (a document, its
/// `bao_gom`, `ke_thua` and `bang` files, a family's table) must be a regular file inside one
/// of `folders` (canonical paths), reached without following a link: the path is resolved
/// once, checked, and opened from the folder component by component, none of them a link.
pub struct Confined {
    before: Option<std::sync::Arc<[PathBuf]>>,
}

/// Confines this thread's reads to `folders` until the guard is dropped.
pub fn confine(folders: &[PathBuf]) -> Confined {
    let folders: std::sync::Arc<[PathBuf]> = folders.into();
    let before = CONFINED.with(|c| c.replace(Some(folders)));
    Confined { before }
}

impl Drop for Confined {
    fn drop(&mut self) {
        let before = self.before.take();
        CONFINED.with(|c| *c.borrow_mut() = before);
    }
}

/// Whether this thread's reads are confined.
pub fn is_confined() -> bool {
    CONFINED.with(|c| c.borrow().is_some())
}

/// Why a confined read was refused: the message names neither the file's content nor where it
/// is, and says what to do.
fn refused() -> std::io::Error {
    std::io::Error::other(t!(
        "tệp nằm ngoài thư mục đang mở hoặc đi qua một liên kết (symlink): khi xem trong trình duyệt, vanban chỉ đọc tệp trong thư mục đó; chép tệp vào thư mục rồi sửa đường dẫn"
    ))
}

/// Whether an error is a confined read refused.
pub fn is_refused(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Other && e.to_string() == refused().to_string()
}

/// The file's bytes: any file, or, while [`confine`]d, only one inside the folders.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let folders = CONFINED.with(|c| c.borrow().clone());
    let Some(folders) = folders else {
        return std::fs::read(path);
    };
    let mut file = open_inside(&folders, path)?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes)?;
    Ok(bytes)
}

/// Whether `path` can be read under the current confinement (always, when not confined).
/// Decided without looking at a file outside the folders, so that a refusal tells nothing
/// about what is there.
pub fn readable(path: &Path) -> Result<(), std::io::Error> {
    let folders = CONFINED.with(|c| c.borrow().clone());
    match folders {
        None => Ok(()),
        Some(folders) => open_inside(&folders, path).map(drop),
    }
}

/// `path` made absolute, with `.` and `..` taken away by the letters only (no link is
/// followed to do it: a link on the way is refused later anyway).
fn lexical(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    Some(out)
}

/// Opens a regular file inside one of `folders` (canonical), following no link.
fn open_inside(folders: &[PathBuf], path: &Path) -> std::io::Result<std::fs::File> {
    let wanted = lexical(path).ok_or_else(refused)?;
    let folder = folders
        .iter()
        .filter(|f| wanted.starts_with(f) && wanted != **f)
        .max_by_key(|f| f.components().count())
        .ok_or_else(refused)?;
    let rel = wanted.strip_prefix(folder).map_err(|_| refused())?;
    let file = open_beneath(folder, rel)?;
    if !file.metadata()?.is_file() {
        return Err(refused());
    }
    Ok(file)
}

/// Unix: `openat` from the folder, one component at a time, each with `O_NOFOLLOW`: a
/// folder or the file swapped for a link at any moment makes the open fail, never follow.
#[cfg(unix)]
fn open_beneath(folder: &Path, rel: &Path) -> std::io::Result<std::fs::File> {
    use std::ffi::CString;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    let mut dir: OwnedFd = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_CLOEXEC)
        .open(folder)?
        .into();
    let parts: Vec<_> = rel.components().collect();
    for (i, part) in parts.iter().enumerate() {
        let name = CString::new(part.as_os_str().as_bytes()).map_err(|_| refused())?;
        let last = i + 1 == parts.len();
        // Not a folder at the end: O_NONBLOCK so that a FIFO planted there cannot hang the
        // open (it is refused below as not a regular file).
        let flags = libc::O_RDONLY
            | libc::O_NOFOLLOW
            | libc::O_CLOEXEC
            | if last {
                libc::O_NONBLOCK
            } else {
                libc::O_DIRECTORY
            };
        // SAFETY: `dir` is an open descriptor and `name` a NUL-terminated string, both alive
        // for the call; a non-negative result is a new descriptor that we then own.
        let fd = unsafe { libc::openat(dir.as_raw_fd(), name.as_ptr(), flags) };
        if fd < 0 {
            let e = std::io::Error::last_os_error();
            return Err(match e.raw_os_error() {
                Some(libc::ELOOP) | Some(libc::ENOTDIR) => refused(),
                _ => e,
            });
        }
        // SAFETY: `fd` was just returned by openat and nothing else owns it.
        let owned = unsafe { OwnedFd::from_raw_fd(fd) };
        if last {
            let file = std::fs::File::from(owned);
            // Reads block as usual from here on.
            // SAFETY: fcntl on a descriptor we own, with flags it reported itself.
            unsafe {
                let fl = libc::fcntl(file.as_raw_fd(), libc::F_GETFL);
                if fl >= 0 {
                    libc::fcntl(file.as_raw_fd(), libc::F_SETFL, fl & !libc::O_NONBLOCK);
                }
            }
            return Ok(file);
        }
        dir = owned;
    }
    Err(refused())
}

/// Elsewhere (Windows): every component from the folder down is checked not to be a link (a
/// reparse point), and the file is opened as the reparse point itself, never its target.
#[cfg(not(unix))]
fn open_beneath(folder: &Path, rel: &Path) -> std::io::Result<std::fs::File> {
    let mut at = folder.to_path_buf();
    for part in rel.components() {
        at.push(part.as_os_str());
        let meta = std::fs::symlink_metadata(&at)?;
        if meta.file_type().is_symlink() {
            return Err(refused());
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        // FILE_FLAG_OPEN_REPARSE_POINT: a link swapped in after the check is opened as the
        // link, and refused below as not a regular file.
        options.custom_flags(0x0020_0000);
    }
    let file = options.open(&at)?;
    if file.metadata()?.file_type().is_symlink() {
        return Err(refused());
    }
    Ok(file)
}

/// Text as a Windows editor may save it, read as the same text: Notepad and Excel put a
/// byte-order mark first.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads any YAML file of the format (a document, a shared file) with located errors.
pub fn load_as<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<(T, String), Vec<Diagnostic>> {
    let bytes = read(path).map_err(|e| {
        // A file refused by the confinement is named by its name only, never where it is.
        let shown = if is_refused(&e) {
            PathBuf::from(path.file_name().unwrap_or_default())
        } else {
            path.to_path_buf()
        };
        vec![Diagnostic::error(
            &shown,
            None,
            t!("không đọc được tệp: {e}", e = crate::diag::io_reason(&e)),
        )]
    })?;
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[start..]).chars().count() + 1;
            return Err(vec![Diagnostic::error(
                path,
                Some(Pos { line, column }),
                t!("tệp không phải văn bản UTF-8: có byte không đọc được ở đây"),
            )
            .with_hint(t!("lưu lại tệp với bảng mã UTF-8 (Unicode); văn bản gõ bằng bảng mã TCVN3/VNI phải chuyển sang Unicode"))]);
        }
    };
    parse_as(path, source)
}

/// Parses YAML text of the format, as read from `path` (which only names it in messages).
pub fn parse_as<T: serde::de::DeserializeOwned>(
    path: &Path,
    source: String,
) -> Result<(T, String), Vec<Diagnostic>> {
    // A byte-order mark from Windows editors is not content.
    let source = if source.starts_with('\u{feff}') {
        without_bom(&source).to_string()
    } else {
        source
    };
    let only_comments = source
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if only_comments {
        return Err(vec![Diagnostic::error(
            path,
            None,
            t!("tệp trống: chưa có nội dung văn bản"),
        )
        .with_hint(t!(
            "bắt đầu từ một văn bản mẫu trong data/, bằng `vanban new`, hoặc xem README"
        ))]);
    }
    // The parser stops at the first mistake. To report the others too, the entry it points at
    // is blanked out (lines kept, so every position stays true) and the text parsed again, as
    // long as the mistake is one of a single entry: a wrong key, a wrong value.
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut text = source.clone();
    let mut blanked: Vec<String> = Vec::new();
    for _ in 0..MAX_ERRORS {
        let options = serde_saphyr::options! {
            budget: serde_saphyr::budget! { max_depth: MAX_DEPTH },
        };
        let e = match serde_saphyr::from_str_with_options::<T>(&text, options) {
            Ok(v) if errors.is_empty() => return Ok((v, source)),
            Ok(_) => break,
            Err(e) => e,
        };
        let raw = raw_message(&e);
        // A required key we blanked out ourselves is not the clerk's mistake.
        if let Some(rest) = raw.strip_prefix("missing field `") {
            if blanked.iter().any(|k| rest.starts_with(&format!("{k}`"))) {
                break;
            }
        }
        let d = yaml_error(path, &source, &e);
        let line = d.pos.map(|p| p.line);
        if errors
            .iter()
            .any(|o| o.pos == d.pos && o.message == d.message)
        {
            break;
        }
        errors.push(d);
        match line.filter(|_| single_entry(&raw)) {
            Some(line) => match blank_entry(&text, line) {
                Some((t, key)) => {
                    text = t;
                    blanked.push(key);
                }
                None => break,
            },
            None => break,
        }
    }
    Err(errors)
}

/// At most this many mistakes are reported from one file's YAML.
const MAX_ERRORS: usize = 20;

fn raw_message(e: &serde_saphyr::Error) -> String {
    let raw = e.without_snippet().render_with_options(
        serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off },
    );
    strip_location(&raw)
}

/// Mistakes confined to one `key: value` entry, after which the rest can still be read.
fn single_entry(msg: &str) -> bool {
    msg.starts_with("unknown field")
        || msg.starts_with("unknown variant")
        || msg.starts_with("duplicate mapping key")
        || msg.starts_with("invalid ")
        || msg.contains("invalid type")
        || msg.contains("invalid value")
        || msg.contains("expected string scalar")
        || msg.contains("expected sequence start")
        || !msg.is_empty() && msg.chars().next().is_some_and(|c| c == '`')
}

/// The text with the block entry on `line` (1-based) and the lines nested under it replaced by
/// empty lines, and the entry's key. `None` when the line is not a plain block entry (flow
/// `{…}` or `[…]` values are not taken apart).
fn blank_entry(text: &str, line: usize) -> Option<(String, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let target = lines.get(line.checked_sub(1)?)?;
    let content = target.trim_start();
    let indent = target.len() - content.len();
    let entry = content.strip_prefix("- ").unwrap_or(content);
    let (key, value) = entry.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']).to_string();
    let value = value.trim();
    if key.is_empty()
        || key.contains(' ')
        || value.starts_with(['{', '['])
        || content.starts_with("- ")
    {
        return None;
    }
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    let mut inside = false;
    for (i, l) in lines.iter().enumerate() {
        if i + 1 == line {
            inside = true;
            out.push("");
            continue;
        }
        if inside {
            let t = l.trim_start();
            let deeper = l.len() - t.len() > indent;
            if t.is_empty() || t.starts_with('#') || deeper {
                out.push("");
                continue;
            }
            inside = false;
        }
        out.push(l);
    }
    Some((out.join("\n"), key))
}

fn yaml_error(path: &Path, source: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let pos = e.location().and_then(|l| Pos::from_yaml(&l));
    let message = raw_message(e);
    let (msg, hint) = translate(&message);
    let mut d = Diagnostic::error(path, pos, msg).with_source(source);
    if let Some(h) = hint {
        d = d.with_hint(h);
    }
    d
}

/// The parser appends its own "at line …" text; ours is printed in front instead.
fn strip_location(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw);
    for marker in [" at line ", " at row "] {
        if let Some(i) = first.find(marker) {
            return first[..i].trim_end_matches(',').to_string();
        }
    }
    first.to_string()
}

/// The deepest nesting the YAML may have. A document's deepest real structure (Phần, Chương,
/// Mục, Điều, khoản, điểm, gạch, cộng: a map and a list each) is under 20; each level of
/// nested body elements costs the deserializer stack, and 30 of them (60 levels) overflowed a
/// 2 MiB thread in a debug build, so the limit stays well below.
pub const MAX_DEPTH: usize = 40;

/// The parser's limits (serde-saphyr's `Budget`) in words a clerk understands; the parser's
/// own text follows in brackets for a developer.
fn budget(msg: &str) -> Option<(String, Option<String>)> {
    let breach = msg.strip_prefix("budget breached: ")?;
    let kind = breach.split([' ', '{']).next().unwrap_or(breach);
    Some(match kind {
        "Depth" => (
            t!(
                "nội dung lồng nhau quá sâu: tối đa {max} cấp ({msg})",
                max = MAX_DEPTH,
                msg = msg
            ),
            Some(t!("một văn bản chỉ có vài cấp (Phần, Chương, Mục, Điều, khoản, điểm, gạch đầu dòng): kiểm tra thụt lề, có thể một khối bị thụt vào quá nhiều hoặc lặp lại")),
        ),
        "Aliases" | "Anchors" | "AliasAnchorRatio" | "MergeKeys" => (
            t!("tệp dùng quá nhiều tham chiếu YAML (`&`, `*`, `<<`) ({msg})", msg = msg),
            Some(t!("viết thẳng nội dung thay cho tham chiếu; dùng `bao_gom` để dùng chung giữa các văn bản")),
        ),
        _ => (
            t!("tệp quá lớn để đọc: vượt giới hạn của trình đọc YAML ({msg})", msg = msg),
            Some(t!("một văn bản hành chính nhỏ hơn nhiều: kiểm tra xem có dán nhầm cả một tệp hay không, hoặc tách thành nhiều văn bản")),
        ),
    })
}

/// Puts the parser's English message into words a clerk understands, with a hint.
fn translate(msg: &str) -> (String, Option<String>) {
    if let Some(found) = budget(msg) {
        return found;
    }
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        // The keys valid at this place, as the parser lists them; else every key of the format.
        let here: Vec<String> = msg
            .split_once("expected one of ")
            .map(|(_, list)| {
                list.split(", ")
                    .map(|k| k.trim_matches('`').to_string())
                    .collect()
            })
            .unwrap_or_else(|| KNOWN_KEYS.iter().map(|s| s.to_string()).collect());
        let hint = suggest(field, here.iter())
            .map(|s| t!("có phải `{s}`?", s = s))
            .or_else(|| Some(t!("xoá trường này hoặc xem các trường hợp lệ trong README")));
        return (
            t!(
                "trường `{field}` không có trong mẫu văn bản ({msg})",
                field = field,
                msg = msg
            ),
            hint,
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        return (
            t!("thiếu trường bắt buộc `{field}`", field = field),
            Some(t!("thêm dòng `{field}: …` vào văn bản", field = field)),
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("");
        let kinds: Vec<String> = crate::model::KINDS
            .iter()
            .map(|k| k.1.to_string())
            .collect();
        let urgency = ["khan", "thuong_khan", "hoa_toc"].map(String::from);
        let hint = suggest(value, kinds.iter().chain(urgency.iter()))
            .map(|s| t!("có phải `{s}`?", s = s))
            .unwrap_or_else(|| {
                t!("`loai` là một loại văn bản của Nghị định 30 (bảng trong README: quyet_dinh, ke_hoach, bao_cao, cong_van …); `do_khan` là khan, thuong_khan hoặc hoa_toc")
            });
        return (
            t!(
                "giá trị `{value}` không hợp lệ ({msg})",
                value = value,
                msg = msg
            ),
            Some(hint),
        );
    }
    let type_error = msg.contains("invalid type")
        || msg.contains("invalid value")
        || ["invalid u", "invalid i", "invalid f", "invalid bool"]
            .iter()
            .any(|p| msg.starts_with(p));
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            t!("trường `{key}` được ghi hai lần", key = key),
            Some(t!("giữ một dòng, xoá dòng còn lại")),
        );
    }
    if msg.contains("expected sequence start") {
        return (
            t!("cần một danh sách ({msg})", msg = msg),
            Some(t!(
                "viết mỗi phần tử trên một dòng, bắt đầu bằng `- `, thụt vào dưới tên trường"
            )),
        );
    }
    if msg.contains("mapping values are not allowed") {
        return (
            t!("lỗi cú pháp YAML: dấu `: ` nằm giữa một đoạn chữ ({msg})", msg = msg),
            Some(t!("đặt cả đoạn chữ trong dấu ngoặc kép \"…\" hoặc viết nó dưới dạng `>-` trên các dòng sau")),
        );
    }
    if msg.contains("quoted scalar") {
        return (
            t!(
                "lỗi cú pháp YAML: dấu ngoặc kép chưa đóng ({msg})",
                msg = msg
            ),
            Some(t!(
                "đóng dấu \" ở cuối giá trị, ở dòng này hoặc dòng ngay trên"
            )),
        );
    }
    if msg.contains("expected string scalar") {
        return (
            t!("cần một chuỗi chữ, không phải danh sách hay nhóm trường ({msg})", msg = msg),
            Some(t!("viết giá trị trên cùng dòng; nhiều dòng thì dùng `|` và viết mỗi dòng thụt vào bên dưới")),
        );
    }
    if type_error {
        return (
            t!("sai kiểu dữ liệu ({msg})", msg = msg),
            Some(t!("trường này cần kiểu khác: một số (5), một chuỗi chữ, hoặc một danh sách (- …) như ví dụ trong README")),
        );
    }
    if msg.to_lowercase().contains("tab") {
        return (
            t!("lỗi cú pháp YAML ({msg})", msg = msg),
            Some(t!(
                "YAML không cho phép ký tự Tab để thụt lề: dùng dấu cách"
            )),
        );
    }
    (
        t!("lỗi cú pháp YAML: {msg}", msg = msg),
        Some(t!(
            "kiểm tra thụt lề và dấu `:` ở dòng này hoặc dòng ngay trên"
        )),
    )
}

#[cfg(test)]
mod confinement_tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("vanban-confine-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("served/_chung")).unwrap();
        std::fs::create_dir_all(dir.join("outside")).unwrap();
        std::fs::canonicalize(&dir).unwrap()
    }

    /// Inside the folder: read. Outside it, by an absolute path or `..`: refused, whether the
    /// file is there or not (a refusal tells nothing about what is outside).
    #[test]
    fn reads_stay_inside_the_folders() {
        let dir = folder("paths");
        let served = dir.join("served");
        std::fs::write(served.join("_chung/a.yaml"), "a: 1\n").unwrap();
        std::fs::write(dir.join("outside/secret.yaml"), "bi_mat: 1\n").unwrap();
        // Not confined (`vanban build`): any file.
        assert!(read(&dir.join("outside/secret.yaml")).is_ok());
        let _confined = confine(std::slice::from_ref(&served));
        assert_eq!(read(&served.join("_chung/a.yaml")).unwrap(), b"a: 1\n");
        assert_eq!(
            read(&served.join("_chung/../_chung/./a.yaml")).unwrap(),
            b"a: 1\n"
        );
        for bad in [
            dir.join("outside/secret.yaml"),
            dir.join("outside/missing.yaml"),
            served.join("../outside/secret.yaml"),
            served.join("_chung/../../outside/secret.yaml"),
            served.clone(),
            served.join("_chung"),
        ] {
            let e = read(&bad).expect_err(&bad.display().to_string());
            assert!(is_refused(&e), "{}: {e}", bad.display());
        }
        // A located error names the file by its name only.
        let diags = load_as::<serde_json::Value>(&dir.join("outside/secret.yaml")).unwrap_err();
        assert_eq!(diags[0].file, PathBuf::from("secret.yaml"));
        assert!(diags[0].snippet.is_none());
        drop(_confined);
        assert!(!is_confined());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A link, to a file or to a folder, is never followed; nor is a file swapped for a link
    /// after the folder was listed (the file is opened from the folder without following).
    #[cfg(unix)]
    #[test]
    fn links_are_never_followed_even_when_swapped_in_after_listing() {
        use std::os::unix::fs::symlink;
        let dir = folder("links");
        let served = dir.join("served");
        std::fs::write(dir.join("outside/secret.yaml"), "bi_mat: 1\n").unwrap();
        symlink(
            dir.join("outside/secret.yaml"),
            served.join("_chung/link.yaml"),
        )
        .unwrap();
        symlink(dir.join("outside"), served.join("_chung/folder")).unwrap();
        // A link inside pointing inside is still a link: refused too.
        std::fs::write(served.join("_chung/real.yaml"), "a: 1\n").unwrap();
        symlink(
            served.join("_chung/real.yaml"),
            served.join("_chung/inner.yaml"),
        )
        .unwrap();
        // A FIFO would hang a plain open: refused, at once.
        let fifo = served.join("_chung/fifo.yaml");
        let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        // The document as the folder walk lists it, then swapped for a link before the read.
        let doc = served.join("van-ban.yaml");
        std::fs::write(&doc, "loai: cong_van\n").unwrap();
        let jobs = crate::pipeline::collect(std::slice::from_ref(&served), Path::new("")).unwrap();
        assert!(jobs.iter().any(|j| j.input == doc));
        std::fs::remove_file(&doc).unwrap();
        symlink(dir.join("outside/secret.yaml"), &doc).unwrap();

        let _confined = confine(std::slice::from_ref(&served));
        for bad in [
            served.join("_chung/link.yaml"),
            served.join("_chung/folder/secret.yaml"),
            served.join("_chung/inner.yaml"),
            fifo.clone(),
            doc.clone(),
        ] {
            let e = read(&bad).expect_err(&bad.display().to_string());
            assert!(is_refused(&e), "{}: {e}", bad.display());
        }
        let loaded = load(&doc);
        assert!(loaded.is_err(), "the swapped-in link was followed");
        assert_eq!(read(&served.join("_chung/real.yaml")).unwrap(), b"a: 1\n");
        drop(_confined);
        // `vanban build` keeps following a clerk's links, as before.
        assert_eq!(read(&doc).unwrap(), b"bi_mat: 1\n");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
