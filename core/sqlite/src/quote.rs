//! Quoting of identifiers and literals, and the small token scan the planner uses to find out
//! which names a stored SQL text mentions.

use std::collections::BTreeSet;

/// An identifier in double quotes (`"order"`), embedded quotes doubled.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A comma-separated list of quoted identifiers.
pub fn ident_list(names: &[String]) -> String {
    names.iter().map(|n| ident(n)).collect::<Vec<_>>().join(", ")
}

/// A string literal in single quotes, embedded quotes doubled.
pub fn literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// One lexical piece of SQL text, as far as name lookups and comparisons care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// An identifier (bare or quoted), unquoted and lower-cased: SQLite names are
    /// case-insensitive.
    Ident(String),
    /// A string literal or blob literal, kept verbatim with its quotes.
    Literal(String),
    /// A number, operator or punctuation, lower-cased.
    Other(String),
}

/// Splits SQL text into identifiers, literals and the rest. This is a lexer, not a parser: it
/// only knows SQLite's quoting rules (`'...'`, `"..."`, `` `...` ``, `[...]`, `--` and `/* */`
/// comments), which is all that name lookups and text comparisons need.
pub(crate) fn pieces(sql: &str) -> Vec<Piece> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '\'' || ((c == 'x' || c == 'X') && chars.get(i + 1) == Some(&'\'')) {
            let start = i;
            if c != '\'' {
                i += 1;
            }
            let (end, _) = quoted(&chars, i, '\'');
            let mut text: String = chars[start..end].iter().collect();
            if c != '\'' {
                text = text.to_lowercase();
            }
            out.push(Piece::Literal(text));
            i = end;
        } else if c == '"' || c == '`' || c == '[' {
            let close = if c == '[' { ']' } else { c };
            let (end, inner) = quoted(&chars, i, close);
            out.push(Piece::Ident(inner.to_lowercase()));
            i = end;
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect::<String>().to_lowercase();
            if word.starts_with(|d: char| d.is_ascii_digit()) {
                out.push(Piece::Other(word));
            } else {
                out.push(Piece::Ident(word));
            }
        } else {
            // Two-character operators stay together so that `<>` and `< >` differ.
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if matches!(two.as_str(), "<>" | "<=" | ">=" | "!=" | "==" | "||" | "<<" | ">>") {
                out.push(Piece::Other(two));
                i += 2;
            } else {
                out.push(Piece::Other(c.to_string()));
                i += 1;
            }
        }
    }
    out
}

/// Reads a quoted run starting at `open` (the opening quote). Returns the index after the
/// closing quote and the unquoted content (doubled quotes collapsed).
fn quoted(chars: &[char], open: usize, close: char) -> (usize, String) {
    let mut i = open + 1;
    let mut inner = String::new();
    while i < chars.len() {
        if chars[i] == close {
            if close != ']' && chars.get(i + 1) == Some(&close) {
                inner.push(close);
                i += 2;
                continue;
            }
            return (i + 1, inner);
        }
        inner.push(chars[i]);
        i += 1;
    }
    (i, inner)
}

/// Every identifier the text mentions, unquoted and lower-cased. Used to find the views and
/// triggers that must be dropped and re-created around a table rebuild; a false positive only
/// costs an extra drop and create.
pub(crate) fn identifiers(sql: &str) -> BTreeSet<String> {
    pieces(sql)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Ident(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// True when `sql` mentions the name `name` (case-insensitively, quoted or not).
pub(crate) fn mentions(sql: &str, name: &str) -> bool {
    identifiers(sql).contains(&name.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_identifiers_and_literals() {
        assert_eq!(ident("order"), "\"order\"");
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(literal("it's"), "'it''s'");
    }

    #[test]
    fn finds_identifiers_quoted_or_not_and_skips_literals() {
        let ids = identifiers("SELECT \"Users\".id, [x], `y` FROM users WHERE n = 'users' -- z\n");
        assert!(ids.contains("users"));
        assert!(ids.contains("x"));
        assert!(ids.contains("y"));
        assert!(!ids.contains("z"));
        assert!(mentions("CHECK (\"age\" > 0)", "AGE"));
        assert!(!mentions("CHECK (x = 'age')", "age"));
    }
}
