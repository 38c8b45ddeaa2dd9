//! Ngôn ngữ thông báo: every message a clerk reads (errors, warnings, hints, the summary) goes
//! through [`t!`](crate::t) and this one catalogue. The Vietnamese text is the key, so a call site
//! reads as the message it prints; `--lang en` (or an English locale) prints its English entry.
//! Field names and quoted data stay as they are in the YAML, whatever the language.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// The language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language for the rest of the run.
pub fn set(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language of the run (Vietnamese unless set).
pub fn current() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Vi,
    }
}

impl Lang {
    /// `vi` or `en` (with or without a region, any case).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let code = s.split(['_', '-', '.', '@']).next().unwrap_or("");
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the environment's locale, as POSIX ranks the variables: `LC_ALL`,
    /// then `LC_MESSAGES`, then `LANG`. Only an English locale turns messages to English;
    /// `C`, `POSIX`, Vietnamese and anything else keep them Vietnamese.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                return Lang::parse(&v).unwrap_or(Lang::Vi);
            }
        }
        Lang::Vi
    }
}

/// The message for the current language, `{name}` placeholders filled in.
pub fn tr(vi: &'static str, args: &[(&str, String)]) -> String {
    let template = match current() {
        Lang::Vi => vi,
        Lang::En => english().get(vi).copied().unwrap_or(vi),
    };
    fill(template, args)
}

fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after
            .find('}')
            .and_then(|close| Some((close, &args.iter().find(|(k, _)| *k == &after[..close])?.1)));
        match arg {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn english() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| crate::messages::CATALOGUE.iter().copied().collect())
}

/// A message from the catalogue: `t!("không có số liệu tên `{name}`", name = n)`.
#[macro_export]
macro_rules! t {
    ($vi:literal) => {
        $crate::i18n::tr($vi, &[])
    };
    ($vi:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::i18n::tr($vi, &[$((stringify!($k), ($v).to_string())),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_stray_braces_kept() {
        assert_eq!(
            fill("a {x} b {y} {z", &[("x", "1".into()), ("y", "{2}".into())]),
            "a 1 b {2} {z"
        );
    }

    #[test]
    fn locales() {
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("vi_VN"), Some(Lang::Vi));
        assert_eq!(Lang::parse("C.UTF-8"), None);
    }

    /// Every message written with `t!` in the sources has an English entry with the same
    /// placeholders, and every entry is used.
    #[test]
    fn the_catalogue_covers_every_message() {
        let mut used = Vec::new();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs")
                || entry.path().ends_with("i18n.rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let mut rest = text.as_str();
            while let Some(i) = rest.find("t!(") {
                let after = &rest[i + 3..];
                // `format!(`, `print!(` … end in "t!(" too.
                let before = rest[..i].chars().next_back();
                let trimmed = after.trim_start();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    || !trimmed.starts_with('"')
                {
                    rest = after;
                    continue;
                }
                let body = &trimmed[1..];
                let mut end = 0;
                let bytes = body.as_bytes();
                while bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                used.push(unescape(&body[..end]));
                rest = &body[end..];
            }
        }
        let map = english();
        let placeholders = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(k, _)| k.to_string()))
                .filter(|k| {
                    k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !k.is_empty()
                })
                .collect();
            v.sort();
            v
        };
        let mut problems = Vec::new();
        for vi in &used {
            match map.get(vi.as_str()) {
                None => problems.push(format!("no English for: {vi}")),
                Some(en) if placeholders(en) != placeholders(vi) => {
                    problems.push(format!("placeholders differ: {vi} / {en}"))
                }
                _ => {}
            }
        }
        for (vi, _) in crate::messages::CATALOGUE {
            if !used.iter().any(|u| u == vi) {
                problems.push(format!("unused entry: {vi}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('\n') => {
                        // A line continuation: skip the next line's indentation.
                        while chars.clone().next().is_some_and(char::is_whitespace) {
                            chars.next();
                        }
                    }
                    Some(o) => out.push(o),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
