//! Escaping data for Typst. Every value that enters generated Typst source goes through
//! [`typst_string`] inside a string literal, so data can never become Typst code.

/// Escapes text for the inside of a Typst string literal (`"…"`).
pub fn typst_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::typst_string;

    #[test]
    fn escapes_quotes_backslashes_and_controls() {
        assert_eq!(typst_string(r#"a"b\c"#), r#"a\"b\\c"#);
        assert_eq!(typst_string("x\ny\u{7}"), "x\\ny\\u{7}");
        assert_eq!(
            typst_string("#let x = 1 $a$ [b] {{c}}"),
            "#let x = 1 $a$ [b] {{c}}"
        );
    }
}
