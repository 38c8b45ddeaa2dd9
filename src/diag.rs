//! Diagnostics: every error or warning a clerk sees names the file, the line and the column,
//! shows the offending line with a caret, and may carry a hint on how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_saphyr::Location;

/// How serious a diagnostic is. Only errors stop a document from being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file (1-based line and column, counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    /// Position of a YAML value; `None` when the value has no known place (a default).
    pub fn from_yaml(loc: &Location) -> Option<Pos> {
        if *loc == Location::UNKNOWN || loc.line() == 0 {
            None
        } else {
            Some(Pos {
                line: loc.line() as usize,
                column: loc.column().max(1) as usize,
            })
        }
    }
}

/// Finds `needle` in the YAML source from a value's start on, so that a message about part of a
/// long value points at that part (a citation, a bad character) and not at the value's start.
pub fn locate_in(source: &str, start: &Location, needle: &str) -> Option<Pos> {
    let begin = Pos::from_yaml(start)?;
    for (i, line) in source.lines().enumerate().skip(begin.line - 1).take(400) {
        let from = if i + 1 == begin.line {
            begin.column - 1
        } else {
            0
        };
        let rest: String = line.chars().skip(from).collect();
        if let Some(idx) = rest.find(needle) {
            return Some(Pos {
                line: i + 1,
                column: from + rest[..idx].chars().count() + 1,
            });
        }
    }
    Some(begin)
}

/// One error or warning.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: Option<String>,
    /// The source line the position points into, kept to print a snippet.
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            pos,
            message: message.into(),
            hint: None,
            snippet: None,
        }
    }

    pub fn warning(file: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attach the source line so that the caret can be drawn.
    pub fn with_source(mut self, source: &str) -> Self {
        if let Some(pos) = self.pos {
            self.snippet = source
                .lines()
                .nth(pos.line.saturating_sub(1))
                .map(str::to_string);
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => crate::t!("lỗi"),
            Severity::Warning => crate::t!("cảnh báo"),
        };
        match self.pos {
            Some(p) => writeln!(
                f,
                "{}:{}:{}: {label}: {}",
                self.file.display(),
                p.line,
                p.column,
                self.message
            )?,
            None => writeln!(f, "{}: {label}: {}", self.file.display(), self.message)?,
        }
        if let (Some(p), Some(line)) = (self.pos, &self.snippet) {
            let gutter = p.line.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{} | {}", p.line, line.replace('\t', " "))?;
            let pad = " ".repeat(line.chars().take(p.column.saturating_sub(1)).count());
            writeln!(f, "{:gutter$} | {pad}^", "")?;
        }
        if let Some(h) = &self.hint {
            writeln!(f, "  {}: {h}", crate::t!("gợi ý"))?;
        }
        Ok(())
    }
}

/// The diagnostics of one document, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub items: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }
    pub fn extend(&mut self, other: Report) {
        self.items.extend(other.items);
    }
}

/// Why a file could not be read or written, in the clerk's words and the same on every
/// system; the system's own text (English on Linux, localised on Windows) only for the rarer
/// failures.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => crate::t!("không tìm thấy tệp hoặc thư mục này"),
        ErrorKind::PermissionDenied => crate::t!("không có quyền truy cập tệp này"),
        ErrorKind::IsADirectory => crate::t!("đây là một thư mục, không phải một tệp"),
        _ => e.to_string(),
    }
}
