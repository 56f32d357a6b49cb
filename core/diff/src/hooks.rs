//! The questions the differ asks of a database.

use flash_schema::{Column, ColumnType, View};

/// Database-specific equivalence rules. The defaults compare normalized text, which is right
/// for two schemas that came from the same parser (schema files against a snapshot); a
/// database crate overrides them so that introspected values compare equal to parsed ones.
pub trait DiffHooks {
    /// Are two column types the same type?
    fn types_equal(&self, a: &ColumnType, b: &ColumnType) -> bool {
        normalize_sql_text(&a.raw) == normalize_sql_text(&b.raw)
    }

    /// Are two DEFAULT expressions the same? Called with the column for context.
    fn defaults_equal(&self, _column: &Column, a: Option<&str>, b: Option<&str>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => self.exprs_equal(a, b),
            _ => false,
        }
    }

    /// Are two SQL expressions (check, generated column, index key, predicate) the same?
    fn exprs_equal(&self, a: &str, b: &str) -> bool {
        normalize_sql_text(a) == normalize_sql_text(b)
    }

    /// Do two views have the same definition?
    fn views_equal(&self, a: &View, b: &View) -> bool {
        a.materialized == b.materialized
            && a.columns == b.columns
            && self.exprs_equal(&a.definition, &b.definition)
    }

    /// Are two collation names the same (None is the default collation)?
    fn collations_equal(&self, a: Option<&str>, b: Option<&str>) -> bool {
        a.map(str::to_ascii_lowercase) == b.map(str::to_ascii_lowercase)
    }

    /// Does changing a column from `from` to `to` lose data or fail on some values? Returns
    /// the reason. The default treats every type change as possibly narrowing unless the
    /// database says otherwise.
    fn narrowing(&self, from: &ColumnType, to: &ColumnType) -> Option<String> {
        if self.types_equal(from, to) {
            None
        } else {
            Some(format!(
                "changes type from {} to {}, which may fail or lose data",
                from.raw, to.raw
            ))
        }
    }

    /// Does the database store comments? SQLite does not, so comment changes are ignored there.
    fn supports_comments(&self) -> bool {
        true
    }

    /// Can the database rename a view in place? SQLite cannot: a renamed view is dropped and
    /// created again there.
    fn renames_views(&self) -> bool {
        true
    }

    /// Can the database rename a unique, check or foreign-key constraint in place
    /// (PostgreSQL's `RENAME CONSTRAINT`)? Elsewhere a renamed one is dropped and added.
    fn renames_constraints(&self) -> bool {
        false
    }
}

/// Normalizes SQL text for comparison: collapses white space, drops white space next to
/// punctuation, lower-cases everything outside quoted strings and quoted identifiers, and
/// strips redundant outer parentheses.
pub fn normalize_sql_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.trim().trim_end_matches(';').trim().chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' | '`' => {
                if pending_space && needs_space(out.chars().last(), c) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                // Copy the quoted run verbatim, honouring doubled quotes.
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == c {
                        if chars.peek() == Some(&c) {
                            if let Some(e) = chars.next() {
                                out.push(e);
                            }
                            continue;
                        }
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = true,
            c => {
                if pending_space && needs_space(out.chars().last(), c) {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            }
        }
    }
    strip_outer_parens(&out).to_string()
}

fn needs_space(prev: Option<char>, next: char) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '\'' || c == '"' || c == '`';
    match prev {
        None => false,
        Some(p) => is_word(p) && is_word(next),
    }
}

fn strip_outer_parens(mut s: &str) -> &str {
    loop {
        let bytes = s.as_bytes();
        if bytes.len() < 2 || bytes[0] != b'(' || bytes[bytes.len() - 1] != b')' {
            return s;
        }
        // Only strip when the first '(' closes at the very end.
        let mut depth = 0i32;
        let mut in_quote: Option<u8> = None;
        for (i, &b) in bytes.iter().enumerate() {
            if let Some(q) = in_quote {
                if b == q {
                    in_quote = None;
                }
                continue;
            }
            match b {
                b'\'' | b'"' | b'`' => in_quote = Some(b),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 && i != bytes.len() - 1 {
                        return s;
                    }
                }
                _ => {}
            }
        }
        s = &s[1..s.len() - 1];
    }
}
