//! MySQL client conventions turned into plain SQL before tokenizing, keeping every byte
//! offset, line and column of the text:
//!
//! - version comments `/*!50003 ... */` (mysqldump writes them): their markers become spaces,
//!   so the tokens inside keep their true positions and statement texts are what MySQL runs
//!   (sqlparser expands such comments itself, but with positions at the comment start);
//! - `DELIMITER //` lines: the line becomes spaces and each later `//` becomes `;` (the
//!   `BEGIN ... END` handling of the splitter keeps routine bodies whole), until `DELIMITER ;`.

use flash_schema::Provider;
use std::borrow::Cow;

/// The text as sqlparser should see it (unchanged for PostgreSQL and SQLite).
pub(crate) fn prepare(text: &str, provider: Provider) -> Cow<'_, str> {
    if provider != Provider::Mysql
        || !(text.contains("/*!") || text.to_ascii_lowercase().contains("delimiter"))
    {
        return Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    let mut in_hint = false;
    let mut delimiter: Option<Vec<u8>> = None;
    let mut line_start = true;
    while i < b.len() {
        if line_start {
            line_start = false;
            let mut j = i;
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                j += 1;
            }
            if let Some(d) = delimiter_command(&b[j..]) {
                let end = line_end(b, i);
                out[i..end].fill(b' ');
                delimiter = (d != b";").then(|| d.to_vec());
                i = end;
                continue;
            }
        }
        if let Some(d) = &delimiter {
            if b[i..].starts_with(d) {
                out[i] = b';';
                out[i + 1..i + d.len()].fill(b' ');
                i += d.len();
                continue;
            }
        }
        match b[i] {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            q @ (b'\'' | b'"' | b'`') => i = string_end(b, i, q),
            b'#' => i = line_end(b, i),
            b'-' if b.get(i + 1) == Some(&b'-')
                && !matches!(b.get(i + 2), Some(c) if !c.is_ascii_whitespace()) =>
            {
                i = line_end(b, i)
            }
            b'/' if !in_hint && b.get(i + 1) == Some(&b'*') && b.get(i + 2) == Some(&b'!') => {
                let mut j = i + 3;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                out[i..j].fill(b' ');
                in_hint = true;
                i = j;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 2;
            }
            b'*' if in_hint && b.get(i + 1) == Some(&b'/') => {
                out[i..i + 2].fill(b' ');
                in_hint = false;
                i += 2;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes were replaced, by ASCII bytes, so the text is still UTF-8.
    match String::from_utf8(out) {
        Ok(s) => Cow::Owned(s),
        Err(_) => Cow::Borrowed(text),
    }
}

/// `DELIMITER x` at the start of `rest`: the new delimiter `x`.
fn delimiter_command(rest: &[u8]) -> Option<&[u8]> {
    const WORD: &[u8] = b"delimiter";
    let head = rest.get(..WORD.len())?;
    if !head.eq_ignore_ascii_case(WORD) {
        return None;
    }
    let after = &rest[WORD.len()..];
    if !after.first().is_some_and(|c| *c == b' ' || *c == b'\t') {
        return None;
    }
    let start = after.iter().position(|c| !c.is_ascii_whitespace())?;
    let token = &after[start..];
    let len = token
        .iter()
        .position(|c| c.is_ascii_whitespace())
        .unwrap_or(token.len());
    (len > 0).then(|| &token[..len])
}

/// The index just after the string or quoted identifier starting at `i`.
fn string_end(b: &[u8], mut i: usize, q: u8) -> usize {
    i += 1;
    while i < b.len() {
        if b[i] == b'\\' && q != b'`' {
            i += 2;
            continue;
        }
        if b[i] == q {
            if b.get(i + 1) == Some(&q) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

/// The index of the newline ending the line that contains `i` (or the end).
fn line_end(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split_statements;

    #[test]
    fn other_providers_are_untouched() {
        let t = "/*!40101 SET x */; DELIMITER //";
        assert!(matches!(prepare(t, Provider::Postgresql), Cow::Borrowed(_)));
        assert!(matches!(
            prepare("SELECT 1", Provider::Mysql),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn offsets_are_kept() {
        let t = "/*!40101 SET é */;\nDELIMITER $$\nSELECT 1$$\nDELIMITER ;\n";
        let p = prepare(t, Provider::Mysql);
        assert_eq!(p.len(), t.len());
        assert_eq!(p.lines().count(), t.lines().count());
        assert_eq!(
            p.as_ref(),
            "         SET é   ;\n            \nSELECT 1; \n           \n"
        );
    }

    #[test]
    fn delimiter_blocks_split_like_the_mysql_client() {
        let sql = "DELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  SELECT '//';\n  SELECT 2;\nEND //\nCREATE FUNCTION f() RETURNS INT RETURN 1//\nDELIMITER ;\nSELECT 3;\ndelimiter $$\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END$$\ndelimiter ;";
        let got = split_statements(sql, Provider::Mysql).unwrap();
        let texts: Vec<&str> = got.iter().map(|s| s.sql.as_str()).collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert!(texts[0].starts_with("CREATE PROCEDURE p()") && texts[0].ends_with("END"));
        assert!(texts[0].contains("SELECT '//';"));
        assert_eq!(texts[1], "CREATE FUNCTION f() RETURNS INT RETURN 1");
        assert_eq!(texts[2], "SELECT 3");
        assert!(texts[3].starts_with("CREATE TRIGGER t") && texts[3].ends_with("END"));
        assert_eq!((got[2].line, got[2].column), (9, 1));
    }
}
