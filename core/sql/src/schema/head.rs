//! Recognising a statement from its first tokens: `CREATE [OR REPLACE] [DEFINER=...] KIND`,
//! `ALTER TABLE`, `COMMENT ON`, or something that is not part of the schema model.

use super::StmtText;
use sqlparser::tokenizer::Token;

/// What a statement is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Head {
    Table,
    /// CREATE INDEX; `kind` is MySQL `fulltext` / `spatial`.
    Index {
        kind: Option<String>,
    },
    View,
    /// CREATE TYPE (an enum, or a raw type).
    Type,
    AlterTable,
    Comment,
    /// An object kept verbatim.
    Raw(RawHead),
    /// A statement outside the schema model (INSERT, SET, GRANT, ...): its first words.
    Ignored(String),
    /// Nothing flash recognises.
    Unknown,
}

/// The kind of a raw object and where its name starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawHead {
    /// Upper-case kind (`FUNCTION`, `EVENT TRIGGER`, `VIRTUAL TABLE`, ...).
    pub kind: String,
    /// Position, among the significant tokens, of the first token after the kind words.
    pub next: usize,
}

/// Statements that are valid SQL but not schema: reported as ignored.
const IGNORED: &[&str] = &[
    "INSERT",
    "UPDATE",
    "DELETE",
    "SELECT",
    "WITH",
    "SET",
    "GRANT",
    "REVOKE",
    "DROP",
    "TRUNCATE",
    "BEGIN",
    "START",
    "COMMIT",
    "END",
    "ROLLBACK",
    "USE",
    "PRAGMA",
    "ANALYZE",
    "VACUUM",
    "COPY",
    "DO",
    "CALL",
    "LOCK",
    "UNLOCK",
    "REPLACE",
    "EXPLAIN",
    "SHOW",
    "DELIMITER",
    "SAVEPOINT",
    "RELEASE",
    "REINDEX",
    "REFRESH",
    "CLUSTER",
    "NOTIFY",
    "LISTEN",
    "SECURITY",
    "ATTACH",
    "DETACH",
    "VALUES",
    "MERGE",
    "LOAD",
    "FLUSH",
    "OPTIMIZE",
    "DECLARE",
    "PREPARE",
    "EXECUTE",
    "DEALLOCATE",
    "RESET",
    "DISCARD",
    "CHECKPOINT",
    "IMPORT",
    "RENAME",
];

/// Object kinds kept verbatim, one word each.
const RAW_KINDS: &[&str] = &[
    "FUNCTION",
    "PROCEDURE",
    "TRIGGER",
    "EXTENSION",
    "DOMAIN",
    "POLICY",
    "SCHEMA",
    "SEQUENCE",
    "RULE",
    "COLLATION",
    "AGGREGATE",
    "CAST",
    "CONVERSION",
    "LANGUAGE",
    "SERVER",
    "PUBLICATION",
    "SUBSCRIPTION",
    "STATISTICS",
    "TRANSFORM",
];

/// Upper-case text of an unquoted word, None for anything else.
pub(crate) fn word_upper(t: &Token) -> Option<String> {
    match t {
        Token::Word(w) if w.quote_style.is_none() => Some(w.value.to_ascii_uppercase()),
        _ => None,
    }
}

/// Recognises a statement.
pub(crate) fn classify(st: &StmtText<'_>) -> Head {
    let sig: Vec<&Token> = st
        .significant()
        .into_iter()
        .map(|(_, t)| &t.token)
        .collect();
    let word = |i: usize| sig.get(i).and_then(|t| word_upper(t));
    let Some(first) = word(0) else {
        return Head::Unknown;
    };
    match first.as_str() {
        "CREATE" => classify_create(&sig),
        "ALTER" => match word(1).as_deref() {
            Some("TABLE") => Head::AlterTable,
            Some(other) => Head::Ignored(format!("ALTER {other}")),
            None => Head::Unknown,
        },
        "COMMENT" if word(1).as_deref() == Some("ON") => Head::Comment,
        w if IGNORED.contains(&w) => Head::Ignored(w.to_string()),
        _ => Head::Unknown,
    }
}

fn classify_create(sig: &[&Token]) -> Head {
    let word = |i: usize| sig.get(i).and_then(|t| word_upper(t));
    let mut index_kind = None;
    let mut i = 1;
    while i < sig.len() {
        let Some(w) = word(i) else {
            return Head::Unknown;
        };
        match w.as_str() {
            "OR" => i += 2,
            "TEMP" | "TEMPORARY" | "UNLOGGED" | "GLOBAL" | "LOCAL" | "RECURSIVE" | "TRUSTED"
            | "PROCEDURAL" | "SECURE" | "DEFAULT" | "UNIQUE" | "MATERIALIZED" | "CONSTRAINT" => {
                i += 1
            }
            "FULLTEXT" | "SPATIAL" => {
                index_kind = Some(w.to_ascii_lowercase());
                i += 1;
            }
            "ALGORITHM" => i += 3,
            "SQL" => i += 3,
            "DEFINER" => {
                // DEFINER = user: skip to the next word that can follow it.
                i += 1;
                while i < sig.len() {
                    match word(i).as_deref() {
                        Some("SQL" | "ALGORITHM") => break,
                        Some(k) if is_kind_word(k) => break,
                        _ => i += 1,
                    }
                }
            }
            "TABLE" => return Head::Table,
            "INDEX" => return Head::Index { kind: index_kind },
            "VIEW" => return Head::View,
            "TYPE" => return Head::Type,
            "VIRTUAL" | "FOREIGN" => {
                let second = word(i + 1).unwrap_or_default();
                let (kind, next) = if w == "FOREIGN" && second == "DATA" {
                    ("FOREIGN DATA WRAPPER".to_string(), i + 4)
                } else {
                    (format!("{w} {second}"), i + 2)
                };
                return raw(kind, next);
            }
            "EVENT" if word(i + 1).as_deref() == Some("TRIGGER") => {
                return raw("EVENT TRIGGER".into(), i + 2)
            }
            "EVENT" => return raw("EVENT".into(), i + 1),
            "OPERATOR" => {
                return match word(i + 1).as_deref() {
                    Some(k @ ("CLASS" | "FAMILY")) => raw(format!("OPERATOR {k}"), i + 2),
                    _ => raw("OPERATOR".into(), i + 1),
                }
            }
            "TEXT" if word(i + 1).as_deref() == Some("SEARCH") => {
                let k = word(i + 2).unwrap_or_default();
                return raw(format!("TEXT SEARCH {k}"), i + 3);
            }
            "ACCESS" => return raw("ACCESS METHOD".into(), i + 2),
            "DATABASE" | "ROLE" | "USER" | "TABLESPACE" | "GROUP" => {
                return Head::Ignored(format!("CREATE {w}"))
            }
            k if RAW_KINDS.contains(&k) => return raw(k.to_string(), i + 1),
            _ => return Head::Unknown,
        }
    }
    Head::Unknown
}

fn is_kind_word(w: &str) -> bool {
    RAW_KINDS.contains(&w) || matches!(w, "TABLE" | "VIEW" | "INDEX" | "EVENT" | "TYPE")
}

fn raw(kind: String, next: usize) -> Head {
    Head::Raw(RawHead { kind, next })
}
