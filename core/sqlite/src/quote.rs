//! Quoting of identifiers and literals, and the small token scan the planner uses to find out
//! which names a stored SQL text mentions.

use std::collections::BTreeSet;

/// An identifier in double quotes (`"order"`), embedded quotes doubled.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A comma-separated list of quoted identifiers.
pub fn ident_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| ident(n))
        .collect::<Vec<_>>()
        .join(", ")
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
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            // A number: digits, a point, an exponent with its sign, hex digits.
            let start = i;
            while i < chars.len() {
                let d = chars[i];
                let exp_sign = (d == '+' || d == '-')
                    && i > start
                    && matches!(chars[i - 1], 'e' | 'E')
                    && !chars[start..i].iter().any(|x| matches!(x, 'x' | 'X'));
                if d.is_ascii_alphanumeric() || d == '.' || d == '_' || exp_sign {
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(Piece::Other(
                chars[start..i].iter().collect::<String>().to_lowercase(),
            ));
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            out.push(Piece::Ident(
                chars[start..i].iter().collect::<String>().to_lowercase(),
            ));
        } else {
            // Two-character operators stay together so that `<>` and `< >` differ.
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if matches!(
                two.as_str(),
                "<>" | "<=" | ">=" | "!=" | "==" | "||" | "<<" | ">>"
            ) {
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

/// The text without redundant outer parentheses (`((a > 0))` → `a > 0`), trimmed.
pub(crate) fn strip_outer_parens(text: &str) -> &str {
    let mut s = text.trim();
    while s.starts_with('(') && s.ends_with(')') && first_paren_closes_at_end(s) {
        s = s[1..s.len() - 1].trim();
    }
    s
}

fn first_paren_closes_at_end(s: &str) -> bool {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let last = s.len() - 1;
    for (i, c) in s.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '`' => quote = Some(c),
            '[' => quote = Some(']'),
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return i == last;
                }
            }
            _ => {}
        }
    }
    false
}

/// True when the text is a constant SQLite accepts as `ALTER TABLE ADD COLUMN ... DEFAULT`:
/// a string or blob literal, a signed number, NULL, TRUE or FALSE (not CURRENT_TIMESTAMP and
/// not an expression).
pub(crate) fn is_constant(text: &str) -> bool {
    let p = pieces(text);
    let number = |x: &Piece| matches!(x, Piece::Other(n) if n.starts_with(|c: char| c.is_ascii_digit() || c == '.'));
    match p.as_slice() {
        [Piece::Literal(_)] => true,
        [n] if number(n) => true,
        [Piece::Other(sign), n] if (sign == "-" || sign == "+") && number(n) => true,
        [Piece::Ident(k)] => matches!(k.as_str(), "null" | "true" | "false"),
        _ => false,
    }
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

    #[test]
    fn strips_only_enclosing_parentheses() {
        assert_eq!(strip_outer_parens(" ((a > 0)) "), "a > 0");
        assert_eq!(strip_outer_parens("(a) + (b)"), "(a) + (b)");
        assert_eq!(strip_outer_parens("(')')"), "')'");
    }

    #[test]
    fn constants_are_literals_numbers_and_null() {
        assert!(is_constant("'draft'"));
        assert!(is_constant("-1.5e-3"));
        assert!(is_constant("0"));
        assert!(is_constant("NULL"));
        assert!(is_constant("x'00ff'"));
        assert!(!is_constant("CURRENT_TIMESTAMP"));
        assert!(!is_constant("1 + 1"));
        assert!(!is_constant("datetime('now')"));
    }
}
