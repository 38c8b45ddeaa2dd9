//! PDF: compiles the generated Typst source in-process with our [`VanbanWorld`] and exports it
//! with typst-pdf. Typst warnings are kept apart from errors; only errors fail a document.

use std::path::Path;

use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::syntax::DiagSpanKind;
use typst::World;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::context::Context;
use crate::diag::{Diagnostic, Pos, Report};
use crate::world::{Shared, VanbanWorld};

/// The date Typst sees as `today()` and the PDF creation date: the document's date, so the
/// same inputs always give the same bytes.
pub fn document_date(ctx: &Context) -> Datetime {
    Datetime::from_ymd(ctx.meta.year, ctx.meta.month as u8, ctx.meta.day as u8)
        .unwrap_or_else(|| Datetime::from_ymd(2000, 1, 1).unwrap())
}

/// Compiles Typst source to a laid-out document. The template files the compilation read
/// are added to `read`.
pub fn compile(
    shared: &Shared,
    source: String,
    today: Datetime,
    report: &mut Report,
    read: &mut Vec<String>,
) -> Option<PagedDocument> {
    let world = VanbanWorld::new(shared, source, today);
    let warned = typst::compile::<PagedDocument>(&world);
    read.extend(world.accessed.lock().unwrap().drain(..));
    for w in &warned.warnings {
        report.push(convert(&world, shared, w));
    }
    match warned.output {
        Ok(doc) => Some(doc),
        Err(errors) => {
            for e in errors.iter() {
                report.push(convert(&world, shared, e));
            }
            None
        }
    }
}

/// A Typst diagnostic, located in the template it comes from.
fn convert(world: &VanbanWorld, shared: &Shared, d: &SourceDiagnostic) -> Diagnostic {
    let (file, pos, line) = match d.span.get() {
        DiagSpanKind::Detached => (crate::t!("mã Typst"), None, None),
        DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => {
            let name = id.vpath().get_without_slash().to_string();
            let file = if id == world.main() {
                crate::t!("mã Typst sinh ra (xem bằng --emit typ)")
            } else {
                shared.templates.display(&name)
            };
            let located = world.source(id).ok().and_then(|src| {
                let range = typst::WorldExt::range(world, d.span)?;
                let (l, c) = src.lines().byte_to_line_column(range.start)?;
                let text = src.text().lines().nth(l).map(str::to_string);
                Some((
                    Pos {
                        line: l + 1,
                        column: c + 1,
                    },
                    text,
                ))
            });
            match located {
                Some((p, t)) => (file, Some(p), t),
                None => (file, None, None),
            }
        }
    };
    let message = vietnamese(&d.message, d.severity);
    let mut out = match d.severity {
        Severity::Error => Diagnostic::error(Path::new(&file), pos, message),
        Severity::Warning => Diagnostic::warning(Path::new(&file), pos, message),
    };
    out.snippet = line;
    if let Some(h) = d.hints.first() {
        out.hint = Some(h.v.to_string());
    }
    out
}

/// The PDF standards a document may be written to, by the names `--pdf-standard` and
/// `trinh_bay.chuan_pdf` take. PDF/A-2b is the default: PDF 1.7 based (inside the 1.4–1.7
/// range of the state's list of formats), it allows the transparent signature and seal images
/// of Điều 15 (PDF/A-1 does not) and later signatures as incremental updates.
pub const STANDARDS: &[(&str, &[PdfStandard])] = &[
    ("a-2b", &[PdfStandard::A_2b]),
    ("a-2u", &[PdfStandard::A_2u]),
    ("a-2a", &[PdfStandard::A_2a]),
    ("ua-1", &[PdfStandard::Ua_1]),
    ("a-2a+ua-1", &[PdfStandard::A_2a, PdfStandard::Ua_1]),
    ("1.7", &[PdfStandard::V_1_7]),
];

/// The default of `--pdf-standard`.
pub const DEFAULT_STANDARD: &str = "a-2b";

/// The standards of one name of [`STANDARDS`].
pub fn standard(name: &str) -> Option<&'static [PdfStandard]> {
    STANDARDS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The names of [`STANDARDS`], for messages: `a-2b, a-2u, …`.
pub fn standard_names() -> String {
    STANDARDS
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Typst's message in Vietnamese words for the cases a clerk can meet (a file or template
/// that is not there, a layout that fails), with Typst's own text kept after it for a
/// developer; other messages (a template author's mistakes) are introduced in Vietnamese.
fn vietnamese(message: &str, severity: Severity) -> String {
    let what = if let Some(rest) = message.strip_prefix("file not found (searched at ") {
        let file = rest.trim_end_matches(')').trim_start_matches('/');
        Some(crate::t!(
            "không tìm thấy tệp `{file}` mà mẫu cần đọc (chỉ các tệp trong bộ mẫu đọc được)",
            file = file
        ))
    } else if message.starts_with("failed to load file")
        || message.starts_with("file is not valid utf-8")
    {
        Some(crate::t!("không đọc được một tệp mà mẫu cần"))
    } else if message.contains("did not converge") {
        Some(crate::t!(
            "dàn trang không ổn định: số trang hoặc tham chiếu vẫn đổi sau nhiều lần dàn"
        ))
    } else if message.contains("maximum") && message.contains("depth") {
        Some(crate::t!(
            "dàn trang quá sâu: nội dung lồng nhau quá nhiều cấp"
        ))
    } else if message.starts_with("unknown font family") {
        Some(crate::t!(
            "mẫu dùng một phông chữ không có (vanban chỉ có Liberation Serif)"
        ))
    } else {
        None
    };
    match (what, severity) {
        (Some(w), _) => format!("{w} (Typst: {message})"),
        (None, Severity::Error) => crate::t!("lỗi trong mẫu (Typst): {m}", m = message),
        (None, Severity::Warning) => crate::t!("cảnh báo của Typst: {m}", m = message),
    }
}

/// Exports a laid-out document to PDF bytes conforming to the named standard (a name of
/// [`STANDARDS`]).
pub fn export(
    doc: &PagedDocument,
    date: Datetime,
    standard_name: &str,
    report: &mut Report,
) -> Option<Vec<u8>> {
    let list = standard(standard_name).unwrap_or(&[PdfStandard::A_2b]);
    let standards = match PdfStandards::new(list) {
        Ok(s) => s,
        Err(e) => {
            report.push(Diagnostic::error(
                Path::new("PDF"),
                None,
                crate::t!("xuất PDF lỗi: {e}", e = e.message()),
            ));
            return None;
        }
    };
    let options = PdfOptions {
        ident: Smart::Auto,
        timestamp: Some(typst_pdf::Timestamp::new_utc(date)),
        standards,
        ..PdfOptions::default()
    };
    match typst_pdf::pdf(doc, &options) {
        Ok(bytes) => Some(bytes),
        Err(errors) => {
            for e in errors.iter() {
                report.push(Diagnostic::error(
                    Path::new("PDF"),
                    None,
                    crate::t!("xuất PDF lỗi: {e}", e = e.message),
                ));
            }
            None
        }
    }
}
