//! The `vanban` command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use vanban::batch::{self, BatchOptions, Progress, Summary};
use vanban::i18n::{self, Lang};
use vanban::pipeline::{self, Format, Options};
use vanban::render::typst_source::TypstSource;
use vanban::t;
use vanban::templates::TemplateSet;
use vanban::world::Shared;

#[derive(Parser)]
#[command(
    name = "vanban",
    version = concat!(env!("CARGO_PKG_VERSION"), " (typst 0.15.1)"),
    about = "Soạn văn bản hành chính theo Nghị định 30/2020/NĐ-CP từ dữ liệu YAML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Ngôn ngữ thông báo: vi (mặc định) hoặc en; mặc định theo LC_ALL, LC_MESSAGES, LANG.
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    lang: Option<String>,
}

/// Options shared by the commands that read documents.
#[derive(Args, Clone)]
struct Input {
    /// Tệp YAML hoặc thư mục chứa các tệp YAML.
    #[arg(default_value = "data")]
    paths: Vec<PathBuf>,
    /// Thư mục mẫu của người dùng, thay mẫu mặc định cùng tên.
    #[arg(long, default_value = "templates")]
    templates: PathBuf,
    /// Số luồng dựng song song (mặc định: số lõi CPU).
    #[arg(short, long)]
    jobs: Option<usize>,
}

/// Options of the commands that write files.
#[derive(Args, Clone)]
struct Output {
    /// Thư mục ghi kết quả.
    #[arg(short, long, default_value = "out")]
    out: PathBuf,
    /// Ghi thêm mã Typst sinh ra (typ) bên cạnh PDF, để sửa tay.
    #[arg(long, value_parser = ["typ"])]
    emit: Vec<String>,
    /// Định dạng kết quả: pdf (mặc định), docx (Word), hoặc cả hai: pdf,docx.
    #[arg(short = 'f', long = "format", default_value = "pdf", value_parser = formats)]
    format: Formats,
    /// Chuẩn PDF: a-2b (mặc định, PDF/A để lưu trữ), a-2u, a-2a, ua-1, a-2a+ua-1, 1.7 (PDF thường).
    #[arg(long, default_value = vanban::render::pdf::DEFAULT_STANDARD, value_parser = pdf_standard)]
    pdf_standard: String,
    /// Dựng lại cả những văn bản không thay đổi.
    #[arg(long)]
    force: bool,
    /// In thời gian chạy và bộ nhớ cao nhất.
    #[arg(long)]
    stats: bool,
}

/// The formats of `--format`, e.g. `pdf,docx`.
#[derive(Clone, Debug)]
struct Formats(Vec<Format>);

fn formats(s: &str) -> Result<Formats, String> {
    Format::parse_list(s).map(Formats)
}

fn pdf_standard(s: &str) -> Result<String, String> {
    let name = s.trim().to_ascii_lowercase();
    match vanban::render::pdf::standard(&name) {
        Some(_) => Ok(name),
        None => Err(t!(
            "chọn một trong: {names}",
            names = vanban::render::pdf::standard_names()
        )),
    }
}

#[derive(Subcommand)]
enum Command {
    /// Dựng PDF từ các tệp YAML (mặc định: thư mục data/ → out/).
    Build {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        output: Output,
    },
    /// Kiểm tra dữ liệu, số liệu và dàn trang mà không ghi tệp nào.
    Check {
        #[command(flatten)]
        input: Input,
        /// Coi cảnh báo là lỗi.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Theo dõi thư mục: dựng lại văn bản bị ảnh hưởng mỗi khi một tệp được lưu.
    Watch {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        output: Output,
    },
    /// Tạo một văn bản mẫu có chú thích để bắt đầu (dựng được ngay).
    New {
        /// Loại văn bản.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(vanban::model::KINDS.iter().map(|k| k.1)))]
        kind: String,
        /// Tệp sẽ tạo (mặc định: <loại>.yaml); không ghi đè tệp đã có.
        file: Option<PathBuf>,
    },
    /// Nhập một văn bản có sẵn (.docx, hoặc chữ lấy từ PDF) thành tệp YAML dựng lại được.
    #[command(alias = "import")]
    Nhap {
        /// Tệp .docx hoặc tệp văn bản (.txt, .md).
        file: PathBuf,
        /// Tệp YAML sẽ ghi (mặc định: cùng tên, đuôi .yaml, cạnh tệp gốc).
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        /// Ghi đè tệp YAML đã có.
        #[arg(long)]
        force: bool,
        /// Tệp YAML gốc của tệp .docx do vanban dựng rồi được sửa: dựng lại văn bản gốc từ đây (cần khi tệp .docx không còn mang nguồn hoặc nằm xa các tệp dùng chung).
        #[arg(long = "tu", alias = "from", value_name = "YAML")]
        tu: Option<PathBuf>,
        /// In từng đoạn, mục, ô bảng, nơi nhận, dòng chữ ký đã sửa (trước và sau).
        #[arg(long)]
        diff: bool,
    },
    /// Ghi JSON Schema của định dạng YAML (để trình soạn thảo gợi ý và kiểm tra).
    Schema {
        /// Tệp sẽ ghi (mặc định: in ra màn hình).
        file: Option<PathBuf>,
    },
    /// In script tự hoàn thành lệnh cho shell (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Xem các văn bản trong trình duyệt, cập nhật ngay mỗi khi lưu (chỉ trên máy này).
    #[cfg(feature = "serve")]
    Serve {
        /// Tệp YAML hoặc thư mục chứa các tệp YAML.
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        /// Thư mục mẫu của người dùng, thay mẫu mặc định cùng tên.
        #[arg(long, default_value = "templates")]
        templates: PathBuf,
        /// Cổng trên 127.0.0.1 (0: một cổng trống bất kỳ).
        #[arg(long, default_value_t = 8030)]
        port: u16,
        /// Mở trang trong trình duyệt.
        #[arg(long)]
        open: bool,
    },
}

/// Starting documents written by `vanban new`: commented, and each builds as it is. A kind
/// without its own starts from the Chương/Điều one (Quy chế, Quy định) or the general Mẫu 1.4
/// one, with its `loai` filled in.
const STARTERS: [(&str, &str); 13] = [
    ("ke_hoach", include_str!("starters/ke_hoach.yaml")),
    ("thong_bao", include_str!("starters/thong_bao.yaml")),
    ("cong_van", include_str!("starters/cong_van.yaml")),
    ("quyet_dinh", include_str!("starters/quyet_dinh.yaml")),
    ("nghi_quyet", include_str!("starters/nghi_quyet.yaml")),
    ("bao_cao", include_str!("starters/bao_cao.yaml")),
    ("to_trinh", include_str!("starters/to_trinh.yaml")),
    ("giay_moi", include_str!("starters/giay_moi.yaml")),
    ("bien_ban", include_str!("starters/bien_ban.yaml")),
    ("cong_dien", include_str!("starters/cong_dien.yaml")),
    (
        "giay_gioi_thieu",
        include_str!("starters/giay_gioi_thieu.yaml"),
    ),
    (
        "giay_nghi_phep",
        include_str!("starters/giay_nghi_phep.yaml"),
    ),
    ("quy_che", include_str!("starters/quy_che.yaml")),
];

/// `vanban nhap`: writes the YAML, then lists on the terminal what the clerk must look at.
fn nhap(file: &Path, out: Option<PathBuf>, force: bool, tu: Option<&Path>, diff: bool) -> ExitCode {
    let target = out.unwrap_or_else(|| file.with_extension("yaml"));
    if target.exists() && !force {
        eprintln!(
            "{}",
            t!(
                "lỗi: {file} đã có; chọn tệp khác bằng -o, hoặc thêm --force để ghi đè",
                file = target.display()
            )
        );
        return ExitCode::from(2);
    }
    let bytes = std::fs::read(file).unwrap_or_default();
    let is_docx = bytes.starts_with(b"PK\x03\x04");
    if let Some(found) = is_docx
        .then(|| vanban::import::edit::find_source(file, &bytes, tu))
        .flatten()
    {
        return nhap_edited(file, &bytes, &target, found, diff);
    }
    if let Some(tu) = tu {
        eprintln!(
            "{}",
            t!(
                "lỗi: không đọc được tệp YAML gốc {file} (--tu); kiểm tra lại đường dẫn",
                file = tu.display()
            )
        );
        return ExitCode::from(2);
    }
    let imported = match vanban::import::import(file) {
        Ok(i) => i,
        Err(d) => {
            eprint!("{d}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::write(&target, &imported.yaml) {
        eprintln!(
            "{}",
            t!(
                "lỗi: không ghi được {file}: {e}",
                file = target.display(),
                e = e
            )
        );
        return ExitCode::from(2);
    }
    for n in &imported.notes {
        if n.at > 0 {
            eprintln!(
                "{}",
                t!(
                    "{file}:{line}: xem lại: {text}",
                    file = file.display(),
                    line = n.at,
                    text = n.text
                )
            );
        } else {
            eprintln!(
                "{}",
                t!(
                    "{file}: thiếu: {text}",
                    file = file.display(),
                    text = n.text
                )
            );
        }
    }
    eprintln!(
        "{}",
        t!(
            "đã ghi {out}: {n} điều cần xem lại, {f} tỷ lệ đưa vào so_lieu; kiểm tra bằng: vanban check {out}",
            out = target.display(),
            n = imported.notes.len(),
            f = imported.figures
        )
    );
    ExitCode::SUCCESS
}

/// `vanban nhap` of a .docx vanban built and someone edited: the YAML with the edits in
/// place, and what the clerk must look at.
fn nhap_edited(
    file: &Path,
    bytes: &[u8],
    target: &Path,
    (source, record, embedded): (PathBuf, vanban::render::docx::source::Record, bool),
    diff: bool,
) -> ExitCode {
    use vanban::import::read::Mark;
    let edited = match vanban::import::edit::import_edited(file, bytes, &source, &record, embedded)
    {
        Ok(e) => e,
        Err(d) => {
            eprint!("{d}");
            return ExitCode::from(1);
        }
    };
    if !embedded {
        eprintln!("{}", t!("{file}: tệp không còn mang nguồn YAML của vanban (LibreOffice có thể đã bỏ đi khi lưu): so theo chữ với {src}", file = file.display(), src = source.display()));
    }
    if diff {
        for c in &edited.changes {
            let path = c
                .path
                .as_deref()
                .map(|p| format!(" · {p}"))
                .unwrap_or_default();
            let state = if c.applied {
                ""
            } else {
                " (chưa đưa vào YAML)"
            };
            let cell = c
                .cell
                .map(|(r, k)| format!(" (hàng {r}, cột {k})"))
                .unwrap_or_default();
            println!("{} {}{cell}{path}{state}:", c.label, c.at);
            if let Some(o) = &c.old {
                println!("  - {o}");
            }
            if let Some(n) = &c.new {
                println!("  + {n}");
            }
            if let (Some(o), Some(n)) = (&c.old, &c.new) {
                println!("  ~ {}", vanban::import::edit::text::word_diff(o, n));
            }
        }
    }
    for w in &edited.warnings {
        eprintln!(
            "{}",
            t!("{file}: cảnh báo: {w}", file = file.display(), w = w)
        );
    }
    for m in &edited.marks {
        let line = match m {
            Mark::Inserted { at, text } => t!("đoạn {at}: chữ chèn chưa được chấp nhận “{text}”: YAML không có chữ này; chấp nhận (Accept) trong Word rồi nhập lại nếu muốn giữ", at = at, text = text),
            Mark::Deleted { at, text } => t!("đoạn {at}: chữ xoá chưa được chấp nhận “{text}”: YAML vẫn giữ chữ này; chấp nhận trong Word rồi nhập lại nếu muốn xoá", at = at, text = text),
            Mark::Comment { at, text, .. } if text.is_empty() => t!("đoạn {at}: có nhận xét nhưng tệp không có nội dung của nó; mở tệp bằng Word để xem", at = at),
            Mark::Comment { at, author, text } if author.is_empty() => t!("đoạn {at}: nhận xét: “{text}”", at = at, text = text),
            Mark::Comment { at, author, text } => t!("đoạn {at}: nhận xét của {author}: “{text}”", at = at, author = author, text = text),
        };
        eprintln!("{}: {line}", file.display());
    }
    if let Err(e) = std::fs::write(target, &edited.yaml) {
        eprintln!(
            "{}",
            t!(
                "lỗi: không ghi được {file}: {e}",
                file = target.display(),
                e = e
            )
        );
        return ExitCode::from(2);
    }
    let applied = edited.changes.iter().filter(|c| c.applied).count();
    eprintln!(
        "{}",
        t!(
            "đã ghi {out} từ {src}: {n} sửa đổi đưa vào, {w} cảnh báo, {m} chỗ sửa chưa chấp nhận hoặc nhận xét; kiểm tra bằng: vanban check {out}",
            out = target.display(),
            src = source.display(),
            n = applied,
            w = edited.warnings.len(),
            m = edited.marks.len()
        )
    );
    ExitCode::SUCCESS
}

fn starter(kind: &str) -> String {
    if let Some((_, t)) = STARTERS.iter().find(|(k, _)| *k == kind) {
        return t.to_string();
    }
    if kind == "quy_dinh" {
        return include_str!("starters/quy_che.yaml").replace("loai: quy_che", "loai: quy_dinh");
    }
    include_str!("starters/chung.yaml").replace("LOAI", kind)
}

/// Everything loaded once per run (or per template change in watch mode).
struct Engine {
    shared: Shared,
    source: TypstSource,
}

fn engine(templates: &Path) -> Result<Engine, ExitCode> {
    let set = TemplateSet::load(Some(templates)).map_err(|e| {
        eprintln!(
            "{}",
            t!(
                "lỗi: không đọc được thư mục mẫu {dir}: {e}",
                dir = templates.display(),
                e = e
            )
        );
        ExitCode::from(2)
    })?;
    let source = TypstSource::new(&set).map_err(|diags| {
        diags.iter().for_each(|d| eprint!("{d}"));
        ExitCode::from(2)
    })?;
    Ok(Engine {
        shared: Shared::new(set),
        source,
    })
}

fn jobs(n: Option<usize>) -> usize {
    n.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    })
}

/// One pass over the documents: prints each outcome and a summary.
fn pass(
    engine: &Engine,
    input: &Input,
    opts: &Options,
    batch_opts: &BatchOptions,
) -> Result<Summary, ExitCode> {
    let jobs = pipeline::collect(&input.paths, &batch_opts.out).map_err(|d| {
        eprint!("{d}");
        ExitCode::from(2)
    })?;
    let progress = Progress::new();
    let summary = batch::run(
        &jobs,
        &engine.shared,
        &engine.source,
        opts,
        batch_opts,
        |outcome, done, total| {
            if !outcome.report.items.is_empty() || outcome.failed() {
                progress.clear();
                batch::print_report(&outcome.report);
            }
            if outcome.failed() {
                progress.clear();
                eprintln!("✗ {}", outcome.job.input.display());
            } else {
                for w in &outcome.written {
                    println!("{} → {}", outcome.job.input.display(), w.display());
                }
            }
            progress.tick(done, total);
        },
    );
    let line = if opts.write {
        t!(
            "đã dựng {built} văn bản, {unchanged} không đổi, {failed} lỗi, {warnings} cảnh báo",
            built = summary.built,
            unchanged = summary.unchanged,
            failed = summary.failed.len(),
            warnings = summary.warnings
        )
    } else {
        t!(
            "đã kiểm tra {built} văn bản, {failed} lỗi, {warnings} cảnh báo",
            built = summary.built,
            failed = summary.failed.len(),
            warnings = summary.warnings
        )
    };
    eprintln!("{line}");
    for f in &summary.removed {
        eprintln!(
            "  {}",
            t!(
                "đã xoá {file}: hàng của nó không còn trong bảng của họ văn bản",
                file = f.display()
            )
        );
    }
    if summary.unchanged_warnings > 0 {
        eprintln!(
            "  {}",
            t!(
                "(các văn bản không đổi có {n} cảnh báo từ lần dựng trước: xem bằng `vanban check`)",
                n = summary.unchanged_warnings
            )
        );
    }
    for (path, first) in &summary.failed {
        match first {
            Some(d) => match d.pos {
                Some(p) => eprintln!(
                    "  ✗ {} ({}:{}:{})",
                    path.display(),
                    d.file.display(),
                    p.line,
                    p.column
                ),
                None => eprintln!("  ✗ {} ({})", path.display(), d.file.display()),
            },
            None => eprintln!("  ✗ {}", path.display()),
        }
    }
    Ok(summary)
}

fn main() -> ExitCode {
    vanban::platform::init_console();
    // The language is needed before parsing, for the help texts.
    let args: Vec<String> = std::env::args().collect();
    let asked = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).and_then(|v| Lang::parse(v)),
            Some(v) => v.strip_prefix('=').and_then(Lang::parse),
            None => None,
        });
    i18n::set(asked.unwrap_or_else(Lang::from_env));
    let mut command = Cli::command();
    if i18n::current() == Lang::En {
        command = english_help(command);
    }
    #[cfg(feature = "serve")]
    if args.len() == 1 && vanban::platform::started_from_explorer() {
        return explorer();
    }
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let started = Instant::now();
    match cli.command {
        Command::Build { input, output } => {
            let engine = match engine(&input.templates) {
                Ok(e) => e,
                Err(code) => return code,
            };
            let opts = Options {
                write: true,
                emit_typ: output.emit.iter().any(|e| e == "typ"),
                formats: output.format.0.clone(),
                pdf_standard: output.pdf_standard.clone(),
            };
            let batch_opts = BatchOptions {
                jobs: jobs(input.jobs),
                force: output.force,
                out: output.out.clone(),
            };
            let result = pass(&engine, &input, &opts, &batch_opts);
            if output.stats {
                print_stats(started, result.as_ref().ok());
            }
            match result {
                Ok(s) if s.failed.is_empty() => ExitCode::SUCCESS,
                Ok(_) => ExitCode::from(1),
                Err(code) => code,
            }
        }
        Command::Check {
            input,
            deny_warnings,
        } => {
            let engine = match engine(&input.templates) {
                Ok(e) => e,
                Err(code) => return code,
            };
            let opts = Options::default();
            let batch_opts = BatchOptions {
                jobs: jobs(input.jobs),
                force: true,
                out: PathBuf::from("out"),
            };
            match pass(&engine, &input, &opts, &batch_opts) {
                Ok(s) if s.failed.is_empty() && !(deny_warnings && s.warnings > 0) => {
                    ExitCode::SUCCESS
                }
                Ok(_) => ExitCode::from(1),
                Err(code) => code,
            }
        }
        Command::Watch { input, output } => watch(&input, &output),
        Command::Nhap {
            file,
            out,
            force,
            tu,
            diff,
        } => nhap(&file, out, force, tu.as_deref(), diff),
        Command::New { kind, file } => {
            let file = file.unwrap_or_else(|| PathBuf::from(format!("{kind}.yaml")));
            let text = starter(&kind);
            if file.exists() {
                eprintln!(
                    "{}",
                    t!(
                        "lỗi: {file} đã có; chọn tên tệp khác để không ghi đè",
                        file = file.display()
                    )
                );
                return ExitCode::from(2);
            }
            match std::fs::write(&file, text) {
                Ok(()) => {
                    eprintln!(
                        "{}",
                        t!(
                            "đã tạo {file}; sửa nội dung rồi chạy: vanban build {file}",
                            file = file.display()
                        )
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!(
                        "{}",
                        t!(
                            "lỗi: không ghi được {file}: {e}",
                            file = file.display(),
                            e = e
                        )
                    );
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema { file } => {
            let text = vanban::schema::json();
            match file {
                Some(f) => match std::fs::write(&f, text) {
                    Ok(()) => {
                        eprintln!("{}", t!("đã ghi {file}", file = f.display()));
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!(
                            "{}",
                            t!("lỗi: không ghi được {file}: {e}", file = f.display(), e = e)
                        );
                        ExitCode::from(2)
                    }
                },
                None => {
                    println!("{text}");
                    ExitCode::SUCCESS
                }
            }
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "vanban", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            paths,
            templates,
            port,
            open,
        } => vanban::serve::run(vanban::serve::ServeOptions {
            paths,
            templates,
            port,
            open,
            any_port: false,
            starters: starters(),
        }),
    }
}

/// "New document" in the browser offers the starters of `vanban new`.
#[cfg(feature = "serve")]
fn starters() -> vanban::serve::state::Starters {
    vanban::model::KINDS
        .iter()
        .map(|k| (k.1.to_string(), k.2.to_string(), starter(k.1)))
        .collect()
}

/// vanban.exe double-clicked in Explorer: the documents in the `data` folder beside it (made
/// from the samples the first time) in the browser. The console window is the program: it
/// says so, and on a failure it stays open until the clerk has read why.
#[cfg(feature = "serve")]
fn explorer() -> ExitCode {
    let base = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let data = base.join("data");
    if !data.is_dir() {
        match vanban::samples::write_samples(&data) {
            Ok(n) => eprintln!(
                "{}",
                t!(
                    "đã tạo thư mục {dir} với {n} tệp mẫu",
                    dir = data.display(),
                    n = n
                )
            ),
            Err(e) => {
                eprintln!(
                    "{}",
                    t!(
                        "lỗi: không tạo được thư mục {dir}: {e}",
                        dir = data.display(),
                        e = e
                    )
                );
                eprintln!("{}", t!("Nhấn Enter để đóng cửa sổ này."));
                vanban::platform::wait_for_enter();
                return ExitCode::from(2);
            }
        }
    }
    eprintln!(
        "{}",
        t!(
            "vanban đang chạy: trang làm việc mở trong trình duyệt, văn bản nằm trong thư mục {dir}. Đóng cửa sổ này sẽ dừng vanban.",
            dir = data.display()
        )
    );
    let code = vanban::serve::run(vanban::serve::ServeOptions {
        paths: vec![data],
        templates: base.join("templates"),
        port: 8030,
        open: true,
        any_port: true,
        starters: starters(),
    });
    eprintln!("{}", t!("Nhấn Enter để đóng cửa sổ này."));
    vanban::platform::wait_for_enter();
    code
}

fn print_stats(started: Instant, summary: Option<&Summary>) {
    let rss = batch::peak_rss_mib()
        .map(|m| format!("{m:.0} MiB"))
        .unwrap_or_else(|| "?".into());
    eprintln!(
        "{}",
        t!(
            "thời gian {s} s, bộ nhớ cao nhất {rss}",
            s = format!("{:.3}", started.elapsed().as_secs_f64()),
            rss = rss
        )
    );
    if let Some(s) = summary {
        let [load, typ, layout, pdf, docx] = s.phases.map(|p| format!("{:.0}", p * 1000.0));
        eprintln!(
            "  {}",
            t!(
                "cộng dồn: dữ liệu {load} ms, mã Typst {typ} ms, dàn trang {layout} ms, xuất PDF {pdf} ms, Word {docx} ms",
                load = load,
                typ = typ,
                layout = layout,
                pdf = pdf,
                docx = docx
            )
        );
    }
}

/// Rebuilds what a saved file affects, keeping Typst's caches warm between builds.
fn watch(input: &Input, output: &Output) -> ExitCode {
    let opts = Options {
        write: true,
        emit_typ: output.emit.iter().any(|e| e == "typ"),
        formats: output.format.0.clone(),
        pdf_standard: output.pdf_standard.clone(),
    };
    let batch_opts = BatchOptions {
        jobs: jobs(input.jobs),
        force: false,
        out: output.out.clone(),
    };
    let mut engine = match engine(&input.templates) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let mut watched: Vec<PathBuf> = input.paths.clone();
    if input.templates.is_dir() {
        watched.push(input.templates.clone());
    }
    let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let _watcher = match vanban::pipeline::watch(&watched, move |paths| {
        let _ = tx.send(paths);
    }) {
        Ok(w) => w,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let out_dir = std::fs::canonicalize(&output.out).unwrap_or_else(|_| output.out.clone());
    let mut waiting = locked_outputs(pass(&engine, input, &opts, &batch_opts));
    eprintln!(
        "{}",
        t!(
            "đang theo dõi {paths} (Ctrl+C để dừng)",
            paths = watched
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    );
    loop {
        // An output held open by a viewer is written again as soon as it is closed.
        let first = if waiting.is_empty() {
            match rx.recv() {
                Ok(e) => e,
                Err(_) => return ExitCode::SUCCESS,
            }
        } else {
            match rx.recv_timeout(Duration::from_secs(1)) {
                Ok(e) => e,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if waiting.iter().any(|p| released(p)) {
                        waiting = locked_outputs(pass(&engine, input, &opts, &batch_opts));
                    }
                    continue;
                }
                Err(_) => return ExitCode::SUCCESS,
            }
        };
        // Editors save in several steps: wait for the burst to end, then build once.
        let mut events = vec![first];
        while let Ok(e) = rx.recv_timeout(Duration::from_millis(250)) {
            events.push(e);
        }
        let paths: Vec<PathBuf> = events
            .into_iter()
            .flatten()
            .filter(|p| !p.starts_with(&out_dir))
            .collect();
        if paths.is_empty() {
            continue;
        }
        let templates_dir = std::fs::canonicalize(&input.templates).ok();
        if paths
            .iter()
            .any(|p| templates_dir.as_ref().is_some_and(|t| p.starts_with(t)))
        {
            match self::engine(&input.templates) {
                Ok(e) => engine = e,
                Err(_) => continue,
            }
        }
        waiting = locked_outputs(pass(&engine, input, &opts, &batch_opts));
    }
}

/// The outputs a pass could not replace because a program holds them, announced once. Only
/// Windows lets a program hold a file against replacement; elsewhere the same refusal is a
/// permission the clerk changes, and the next save rebuilds.
fn locked_outputs(summary: Result<Summary, ExitCode>) -> Vec<PathBuf> {
    if !cfg!(windows) {
        return Vec::new();
    }
    let locked = summary.map(|s| s.locked).unwrap_or_default();
    for p in &locked {
        eprintln!(
            "{}",
            t!("đang chờ đóng {file} để ghi lại", file = p.display())
        );
    }
    locked
}

/// Whether another program has let go of a file it held open: it can be opened for writing
/// again (or it is gone).
fn released(path: &Path) -> bool {
    match std::fs::OpenOptions::new().append(true).open(path) {
        Ok(_) => true,
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Clap drops the final "." of a doc comment.
fn same_help(catalogue: &str, shown: &str) -> bool {
    catalogue.trim_end_matches('.') == shown.trim().trim_end_matches('.')
}

/// The help texts in English, from the catalogue.
fn english_help(command: clap::Command) -> clap::Command {
    let en = |s: &str| {
        vanban::messages::HELP
            .iter()
            .find(|(vi, _)| same_help(vi, s))
            .map(|(_, en)| en.trim_end_matches('.'))
    };
    let mut command = command;
    if let Some(t) = command.get_about().and_then(|a| en(&a.to_string())) {
        command = command.about(t);
    }
    let args: Vec<(clap::Id, Option<&str>)> = command
        .get_arguments()
        .map(|a| {
            (
                a.get_id().clone(),
                a.get_help().and_then(|h| en(&h.to_string())),
            )
        })
        .collect();
    for (id, help) in args {
        if let Some(h) = help {
            command = command.mut_arg(id, |a| a.help(h));
        }
    }
    let subs: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in subs {
        command = command.mut_subcommand(name, english_help);
    }
    command
}

#[cfg(test)]
mod tests {
    /// Every help text of the command line has its English in the catalogue.
    #[test]
    fn every_help_text_has_english() {
        fn walk(c: &clap::Command, missing: &mut Vec<String>) {
            let mut known = |s: String| {
                if !vanban::messages::HELP
                    .iter()
                    .any(|(vi, _)| super::same_help(vi, &s))
                {
                    missing.push(s);
                }
            };
            if let Some(a) = c.get_about() {
                known(a.to_string());
            }
            for a in c.get_arguments() {
                if let Some(h) = a.get_help() {
                    known(h.to_string());
                }
            }
            for s in c.get_subcommands() {
                walk(s, missing);
            }
        }
        let mut missing = Vec::new();
        walk(
            &<super::Cli as clap::CommandFactory>::command(),
            &mut missing,
        );
        assert!(missing.is_empty(), "{missing:?}");
    }
}
