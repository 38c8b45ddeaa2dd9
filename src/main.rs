//! The `vanban` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use vanban::diag::Report;
use vanban::pipeline::{self, Options};
use vanban::render::typst_source::TypstSource;
use vanban::templates::TemplateSet;
use vanban::world::Shared;

#[derive(Parser)]
#[command(name = "vanban", version = concat!(env!("CARGO_PKG_VERSION"), " (typst 0.15.1)"),
    about = "Soạn văn bản hành chính theo Nghị định 30/2020/NĐ-CP từ dữ liệu YAML")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Dựng PDF từ các tệp YAML (mặc định: thư mục data/ → out/).
    Build {
        /// Tệp YAML hoặc thư mục chứa các tệp YAML.
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        /// Thư mục ghi kết quả.
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// Ghi thêm mã Typst sinh ra (typ) bên cạnh PDF, để sửa tay.
        #[arg(long, value_parser = ["typ"])]
        emit: Vec<String>,
        /// Thư mục mẫu của người dùng, thay mẫu mặc định cùng tên.
        #[arg(long, default_value = "templates")]
        templates: PathBuf,
    },
    /// Kiểm tra dữ liệu, số liệu và dàn trang mà không ghi tệp nào.
    Check {
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        /// Coi cảnh báo là lỗi.
        #[arg(long)]
        deny_warnings: bool,
        #[arg(long, default_value = "templates")]
        templates: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (paths, out, opts, templates, deny) = match cli.command {
        Command::Build {
            paths,
            out,
            emit,
            templates,
        } => (
            paths,
            out,
            Options {
                write: true,
                emit_typ: emit.iter().any(|e| e == "typ"),
            },
            templates,
            false,
        ),
        Command::Check {
            paths,
            deny_warnings,
            templates,
        } => (
            paths,
            PathBuf::from("out"),
            Options {
                write: false,
                emit_typ: false,
            },
            templates,
            deny_warnings,
        ),
    };
    let set = match TemplateSet::load(Some(&templates)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "lỗi: không đọc được thư mục mẫu {}: {e}",
                templates.display()
            );
            return ExitCode::from(2);
        }
    };
    let source = match TypstSource::new(&set) {
        Ok(s) => s,
        Err(diags) => {
            diags.iter().for_each(|d| eprint!("{d}"));
            return ExitCode::from(2);
        }
    };
    let shared = Shared::new(set);
    let jobs = match pipeline::collect(&paths, &out) {
        Ok(j) => j,
        Err(d) => {
            eprint!("{d}");
            return ExitCode::from(2);
        }
    };
    let (mut ok, mut failed, mut warnings) = (0, 0, 0);
    for job in &jobs {
        let outcome = pipeline::process(job, &shared, &source, &opts);
        print_report(&outcome.report);
        warnings += outcome.report.warnings().count();
        if outcome.failed() {
            failed += 1;
            eprintln!("✗ {}", job.input.display());
        } else {
            ok += 1;
            for w in &outcome.written {
                println!("{} → {}", job.input.display(), w.display());
            }
        }
    }
    let verb = if opts.write {
        "đã dựng"
    } else {
        "đã kiểm tra"
    };
    eprintln!("{verb} {ok} văn bản, {failed} lỗi, {warnings} cảnh báo");
    if failed > 0 || (deny && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_report(r: &Report) {
    for d in &r.items {
        eprint!("{d}");
    }
}
