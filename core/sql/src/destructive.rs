//! Which hand-written statements lose data: `DROP TABLE`, `ALTER TABLE ... DROP COLUMN`,
//! `TRUNCATE`, `DELETE` without `WHERE`, `DROP SCHEMA` / `DROP DATABASE`.
//!
//! Generated migrations say what they lose in their header; this reads migrations that people
//! (or the Go tool) wrote, so that `flash apply` asks before running them too.

use crate::split::dialect;
use flash_schema::Provider;
use sqlparser::tokenizer::{Token, Tokenizer};

/// Why running `sql` may lose data, or None. Works on tokens, so text in strings and comments
/// never counts.
pub fn destructive_reason(sql: &str, provider: Provider) -> Option<String> {
    let d = dialect(provider);
    let tokens = Tokenizer::new(d.as_ref(), sql).tokenize().ok()?;
    // Words (keywords and identifiers) and a few punctuation marks, upper-cased keywords.
    let words: Vec<(String, bool)> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some((w.value.clone(), w.quote_style.is_none())),
            Token::Comma => Some((",".into(), false)),
            Token::Period => Some((".".into(), false)),
            _ => None,
        })
        .collect();
    let kw = |i: usize, k: &str| {
        words
            .get(i)
            .is_some_and(|(w, bare)| *bare && w.eq_ignore_ascii_case(k))
    };
    let name_after = |mut i: usize| -> String {
        // Skip IF EXISTS / TABLE / COLUMN noise, then read a possibly qualified name.
        while kw(i, "IF") || kw(i, "EXISTS") || kw(i, "TABLE") || kw(i, "COLUMN") || kw(i, "ONLY") {
            i += 1;
        }
        let mut name = words.get(i).map(|(w, _)| w.clone()).unwrap_or_default();
        while words.get(i + 1).is_some_and(|(w, _)| w == ".") {
            i += 2;
            if let Some((w, _)) = words.get(i) {
                name = w.clone();
            }
        }
        name
    };
    if kw(0, "DROP") && kw(1, "TABLE") {
        return Some(format!("drops table {}", name_after(2)));
    }
    if kw(0, "DROP") && (kw(1, "SCHEMA") || kw(1, "DATABASE")) {
        return Some(format!(
            "drops {} {}",
            words[1].0.to_lowercase(),
            name_after(2)
        ));
    }
    if kw(0, "TRUNCATE") {
        return Some(format!("empties table {}", name_after(1)));
    }
    if kw(0, "DELETE")
        && !words
            .iter()
            .any(|(w, bare)| *bare && w.eq_ignore_ascii_case("WHERE"))
    {
        let from = words
            .iter()
            .position(|(w, bare)| *bare && w.eq_ignore_ascii_case("FROM"));
        return Some(format!(
            "deletes every row of {}",
            from.map(|i| name_after(i + 1)).unwrap_or_default()
        ));
    }
    if kw(0, "ALTER") && kw(1, "TABLE") {
        let table = name_after(2);
        for i in 0..words.len() {
            if kw(i, "DROP")
                && !kw(i + 1, "CONSTRAINT")
                && !kw(i + 1, "INDEX")
                && !kw(i + 1, "KEY")
                && !kw(i + 1, "DEFAULT")
                && !kw(i + 1, "NOT")
                && !kw(i + 1, "FOREIGN")
                && !kw(i + 1, "PRIMARY")
                && !kw(i + 1, "CHECK")
                && !kw(i + 1, "IDENTITY")
                && !kw(i + 1, "EXPRESSION")
                && !kw(i + 1, "PARTITION")
                && (i == 0 || !kw(i - 1, "SET") && !kw(i - 1, "ALTER"))
            {
                let col = name_after(i + 1);
                return Some(format!("drops column {table}.{col}"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::destructive_reason;
    use flash_schema::Provider::{Mysql, Postgresql, Sqlite};

    #[test]
    fn finds_what_loses_data() {
        assert_eq!(
            destructive_reason("DROP TABLE IF EXISTS public.users", Postgresql).as_deref(),
            Some("drops table users")
        );
        assert_eq!(
            destructive_reason("ALTER TABLE users DROP COLUMN email", Postgresql).as_deref(),
            Some("drops column users.email")
        );
        assert_eq!(
            destructive_reason("ALTER TABLE `users` DROP `email`", Mysql).as_deref(),
            Some("drops column users.email")
        );
        assert_eq!(
            destructive_reason("TRUNCATE TABLE logs", Mysql).as_deref(),
            Some("empties table logs")
        );
        assert_eq!(
            destructive_reason("DELETE FROM logs", Sqlite).as_deref(),
            Some("deletes every row of logs")
        );
        assert_eq!(
            destructive_reason("DROP SCHEMA app CASCADE", Postgresql).as_deref(),
            Some("drops schema app")
        );
    }

    #[test]
    fn leaves_the_rest_alone() {
        for sql in [
            "DELETE FROM logs WHERE id < 10",
            "ALTER TABLE users DROP CONSTRAINT users_email_key",
            "ALTER TABLE users ALTER COLUMN email DROP NOT NULL",
            "ALTER TABLE users ALTER COLUMN email DROP DEFAULT",
            "ALTER TABLE users DROP INDEX users_email",
            "ALTER TABLE users DROP FOREIGN KEY fk",
            "ALTER TABLE users DROP PRIMARY KEY",
            "DROP INDEX users_email_idx",
            "DROP VIEW v",
            "CREATE TABLE t (note TEXT DEFAULT 'DROP TABLE x')",
            "-- DROP TABLE users\nSELECT 1",
        ] {
            assert_eq!(destructive_reason(sql, Postgresql), None, "{sql}");
        }
    }
}
