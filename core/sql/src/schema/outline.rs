//! The outline of a schema file: where each statement is, and which table, enum or view it
//! belongs to. `flash pull` uses it to rewrite a file table by table, keeping everything else
//! (other statements, comments, layout) byte for byte.

use super::head::{self, word_upper, Head};
use super::StmtText;
use crate::error::SqlError;
use crate::split::{self, is_word, LineIndex};
use flash_schema::Provider;
use sqlparser::tokenizer::Token;
use std::ops::Range;

/// The element a statement defines or changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    /// CREATE TABLE, CREATE INDEX ... ON, ALTER TABLE, COMMENT ON TABLE/COLUMN/CONSTRAINT.
    Table(String),
    /// CREATE TYPE ... AS ENUM.
    Enum(String),
    /// CREATE [MATERIALIZED] VIEW, COMMENT ON VIEW.
    View(String),
}

impl Owner {
    /// The element's key: its name folded as the database compares it (see [`fold_name`]),
    /// prefixed with `schema.` on PostgreSQL when the element is in a schema other than the
    /// default one (see [`element_key`]).
    pub fn name(&self) -> &str {
        match self {
            Owner::Table(n) | Owner::Enum(n) | Owner::View(n) => n,
        }
    }
}

/// One statement of a schema file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    /// Bytes of the statement in the file: from its first token through its `;` (when it
    /// has one).
    pub bytes: Range<usize>,
    /// 1-based line of the statement's first token.
    pub line: u32,
    /// True for `CREATE TABLE/TYPE/VIEW`: the statement that defines its owner.
    pub defines: bool,
    /// The element it belongs to; None for functions, triggers and everything else flash
    /// keeps verbatim or ignores.
    pub owner: Option<Owner>,
}

/// A name as the database compares it: PostgreSQL folds unquoted names to lower case and
/// keeps quoted ones; MySQL and SQLite compare table names without case.
pub fn fold_name(name: &str, quoted: bool, provider: Provider) -> String {
    match provider {
        Provider::Postgresql | Provider::Mongodb if quoted => name.to_string(),
        _ => name.to_lowercase(),
    }
}

/// The owner key of an element of the model: `name`, or `schema.name` for a PostgreSQL
/// element outside the default schema. Model names are already folded.
pub fn element_key(schema: Option<&str>, name: &str, provider: Provider) -> String {
    match schema {
        Some(s) if provider == Provider::Postgresql && s != "public" => format!("{s}.{name}"),
        _ => fold_name(name, true, provider),
    }
}

/// The key of a dotted name's parts (see [`element_key`]): only PostgreSQL's schemas are
/// managed, so other qualifiers (a MySQL database) are dropped.
fn key_of(mut parts: Vec<String>, provider: Provider) -> Option<String> {
    let name = parts.pop()?;
    let schema = parts.pop();
    Some(element_key(schema.as_deref(), &name, provider))
}

/// The statements of `text` with their owners. Fails only when the text cannot be
/// tokenized (an unterminated string or comment); the error's `file` is empty.
pub fn outline(text: &str, provider: Provider) -> Result<Vec<OutlineItem>, SqlError> {
    let prepared = crate::prepare::prepare(text, provider);
    // `prepare` keeps every byte offset, so ranges in its text are ranges in `text`.
    let prepared: &str = prepared.as_ref();
    let tokens = split::tokenize(prepared, provider)?;
    let lines = LineIndex::new(prepared);
    let mut out = Vec::new();
    for st in split::split_tokens(&tokens, &lines) {
        let stmt_tokens = tokens.get(st.tokens.clone()).unwrap_or(&[]);
        let view = StmtText {
            tokens: stmt_tokens,
            lines: &lines,
            text: prepared.get(st.bytes.clone()).unwrap_or(""),
        };
        let sig: Vec<&Token> = view
            .significant()
            .into_iter()
            .map(|(_, t)| &t.token)
            .collect();
        let (owner, defines) = match head::classify(&view) {
            Head::Table => (after_kind(&sig, "TABLE", provider).map(Owner::Table), true),
            Head::View => (after_kind(&sig, "VIEW", provider).map(Owner::View), true),
            Head::Type if sig.iter().any(|t| is_word(t, "ENUM")) => {
                (after_kind(&sig, "TYPE", provider).map(Owner::Enum), true)
            }
            Head::Index { .. } => (index_table(&sig, provider).map(Owner::Table), false),
            Head::AlterTable => (after_kind(&sig, "TABLE", provider).map(Owner::Table), false),
            Head::Comment => (comment_owner(&sig, provider), false),
            _ => (None, false),
        };
        // Through the `;` that ends the statement, when there is one.
        let mut end = st.bytes.end;
        let rest = prepared.get(end..).unwrap_or("");
        let skipped = rest.len() - rest.trim_start().len();
        if rest.trim_start().starts_with(';') {
            end += skipped + 1;
        }
        out.push(OutlineItem {
            bytes: st.bytes.start..end,
            line: split::to_u32(st.start.line),
            defines,
            owner,
        });
    }
    Ok(out)
}

/// The key of the qualified name after the first `kind` word, skipping `IF [NOT]
/// EXISTS` and `ONLY`.
fn after_kind(sig: &[&Token], kind: &str, provider: Provider) -> Option<String> {
    let at = sig.iter().position(|t| is_word(t, kind))?;
    name_at(sig, at + 1, provider)
}

/// The table of `CREATE INDEX ... ON [ONLY] table`.
fn index_table(sig: &[&Token], provider: Provider) -> Option<String> {
    let at = sig.iter().position(|t| is_word(t, "ON"))?;
    name_at(sig, at + 1, provider)
}

/// `COMMENT ON TABLE t`, `COLUMN t.c` (or `s.t.c`), `CONSTRAINT c ON t`, `VIEW v`,
/// `MATERIALIZED VIEW v`, `INDEX i` (unknown table: None).
fn comment_owner(sig: &[&Token], provider: Provider) -> Option<Owner> {
    let kind = sig.get(2).and_then(|t| word_upper(t))?;
    match kind.as_str() {
        "TABLE" => name_at(sig, 3, provider).map(Owner::Table),
        "VIEW" => name_at(sig, 3, provider).map(Owner::View),
        "MATERIALIZED" => name_at(sig, 4, provider).map(Owner::View),
        "COLUMN" => {
            let mut parts = qualified_at(sig, 3, provider);
            // The table is the part before the column.
            parts.pop()?;
            key_of(parts, provider).map(Owner::Table)
        }
        "CONSTRAINT" => {
            let on = sig.iter().skip(3).position(|t| is_word(t, "ON"))? + 3;
            name_at(sig, on + 1, provider).map(Owner::Table)
        }
        _ => None,
    }
}

/// The key of the qualified name starting at `i` (after IF [NOT] EXISTS / ONLY).
fn name_at(sig: &[&Token], i: usize, provider: Provider) -> Option<String> {
    key_of(qualified_at(sig, i, provider), provider)
}

/// Every part of the dotted name starting at `i`, each folded.
fn qualified_at(sig: &[&Token], mut i: usize, provider: Provider) -> Vec<String> {
    loop {
        let skip = match sig.get(i).and_then(|t| word_upper(t)).as_deref() {
            Some("IF") => {
                if sig.get(i + 1).is_some_and(|t| is_word(t, "NOT")) {
                    3
                } else {
                    2
                }
            }
            Some("ONLY") => 1,
            _ => 0,
        };
        if skip == 0 {
            break;
        }
        i += skip;
    }
    let mut parts = Vec::new();
    while let Some(Token::Word(w)) = sig.get(i) {
        parts.push(fold_name(&w.value, w.quote_style.is_some(), provider));
        if !matches!(sig.get(i + 1), Some(Token::Period)) {
            break;
        }
        i += 2;
    }
    parts
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn owners(text: &str, provider: Provider) -> Vec<(Option<Owner>, bool, String)> {
        outline(text, provider)
            .unwrap()
            .into_iter()
            .map(|i| (i.owner, i.defines, text[i.bytes].to_string()))
            .collect()
    }

    #[test]
    fn statements_belong_to_their_elements() {
        let text = "-- users\nCREATE TABLE IF NOT EXISTS public.\"Users\" (id int);\n\
            CREATE UNIQUE INDEX u ON ONLY \"Users\" (id);\n\
            ALTER TABLE posts ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES x (id);\n\
            COMMENT ON COLUMN public.posts.title IS 'x';\n\
            COMMENT ON CONSTRAINT f ON posts IS 'y';\n\
            CREATE TYPE Mood AS ENUM ('a');\n\
            CREATE TYPE pair AS (a int, b int);\n\
            CREATE MATERIALIZED VIEW v AS SELECT 1;\n\
            CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n\
            SELECT 1";
        let got = owners(text, Provider::Postgresql);
        let t = |n: &str| Some(Owner::Table(n.into()));
        assert_eq!(got[0].0, t("Users"));
        assert!(got[0].1);
        assert_eq!(
            got[0].2,
            "CREATE TABLE IF NOT EXISTS public.\"Users\" (id int);"
        );
        assert_eq!(got[1].0, t("Users"));
        assert!(!got[1].1);
        assert_eq!(got[2].0, t("posts"));
        assert_eq!(got[3].0, t("posts"));
        assert_eq!(got[4].0, t("posts"));
        assert_eq!(got[5].0, Some(Owner::Enum("mood".into())));
        assert_eq!(got[6].0, None);
        assert_eq!(got[7].0, Some(Owner::View("v".into())));
        assert_eq!(got[8].0, None);
        assert_eq!(got[9].2, "SELECT 1");
    }

    #[test]
    fn other_postgres_schemas_are_part_of_the_key() {
        let text = "CREATE TABLE billing.invoices (id int);\n\
            CREATE INDEX i ON billing.invoices (id);\n\
            ALTER TABLE ONLY billing.invoices ADD CHECK (id > 0);\n\
            COMMENT ON COLUMN billing.invoices.id IS 'x';\n\
            COMMENT ON COLUMN invoices.id IS 'y';\n\
            CREATE TYPE \"Billing\".state AS ENUM ('a');\n\
            CREATE VIEW public.v AS SELECT 1;";
        let got = owners(text, Provider::Postgresql);
        let t = |n: &str| Some(Owner::Table(n.into()));
        for (owner, _, text) in &got[..4] {
            assert_eq!(*owner, t("billing.invoices"), "{text}");
        }
        assert_eq!(got[4].0, t("invoices"));
        assert_eq!(got[5].0, Some(Owner::Enum("Billing.state".into())));
        assert_eq!(got[6].0, Some(Owner::View("v".into())));
        // A MySQL qualifier is a database, not managed: the table alone.
        let got = owners("CREATE TABLE app.Users (id int);", Provider::Mysql);
        assert_eq!(got[0].0, t("users"));
        assert_eq!(
            element_key(Some("billing"), "invoices", Provider::Postgresql),
            "billing.invoices"
        );
        assert_eq!(element_key(None, "Users", Provider::Mysql), "users");
    }

    #[test]
    fn mysql_names_compare_without_case() {
        let got = owners(
            "CREATE TABLE `Users` (id int);\nCREATE INDEX i ON Users (id);",
            Provider::Mysql,
        );
        assert_eq!(got[0].0, Some(Owner::Table("users".into())));
        assert_eq!(got[1].0, Some(Owner::Table("users".into())));
    }
}
