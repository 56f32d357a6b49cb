//! Statement splitting on sqlparser's tokenizer.
//!
//! A `;` ends a statement unless it is inside a string, a quoted identifier, a comment, a
//! dollar-quoted body or a `BEGIN ... END` block of a `CREATE TRIGGER/FUNCTION/PROCEDURE/EVENT`.

use crate::error::SqlError;
use flash_schema::Provider;
use sqlparser::dialect::{Dialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer, Whitespace};
use std::ops::Range;

/// One statement of a SQL text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SplitStatement {
    /// The statement text, trimmed, without the final `;` and without comments before it.
    pub sql: String,
    /// 1-based line of the statement's first token.
    pub line: u32,
    /// 1-based column (in characters) of the statement's first token.
    pub column: u32,
}

/// The sqlparser dialect for a provider (MongoDB has no SQL: it gets PostgreSQL's).
pub(crate) fn dialect(provider: Provider) -> Box<dyn Dialect> {
    match provider {
        Provider::Mysql => Box::new(MySqlDialect {}),
        Provider::Sqlite => Box::new(SQLiteDialect {}),
        Provider::Postgresql | Provider::Mongodb => Box::new(PostgreSqlDialect {}),
    }
}

/// Maps tokenizer locations (line, character column) to byte offsets of the text.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        LineIndex { text, line_starts }
    }

    /// The byte offset of a tokenizer location (clamped to the text).
    pub(crate) fn offset(&self, loc: Location) -> usize {
        let line = usize::try_from(loc.line).unwrap_or(usize::MAX).max(1);
        let Some(&start) = self.line_starts.get(line - 1) else {
            return self.text.len();
        };
        let col = usize::try_from(loc.column).unwrap_or(usize::MAX).max(1) - 1;
        let rest = self.text.get(start..).unwrap_or("");
        match rest.char_indices().nth(col) {
            Some((i, _)) => start + i,
            None => self.text.len(),
        }
    }

    /// The source text between two tokenizer locations.
    pub(crate) fn slice(&self, from: Location, to: Location) -> &'a str {
        let a = self.offset(from);
        let b = self.offset(to).max(a);
        self.text.get(a..b).unwrap_or("")
    }
}

/// True for whitespace and comment tokens.
pub(crate) fn is_trivia(token: &Token) -> bool {
    matches!(token, Token::Whitespace(_))
}

/// A statement found by [`split_tokens`]: the index range of its tokens (first to last
/// significant token) and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TokenStatement {
    pub tokens: Range<usize>,
    pub bytes: Range<usize>,
    pub start: Location,
}

/// Tokenizes `text` for `provider`, keeping locations; tokenizer errors carry file "".
pub(crate) fn tokenize(text: &str, provider: Provider) -> Result<Vec<TokenWithSpan>, SqlError> {
    let dialect = dialect(provider);
    Tokenizer::new(dialect.as_ref(), text)
        .tokenize_with_location()
        .map_err(|e| {
            SqlError::new(
                "",
                to_u32(e.location.line),
                to_u32(e.location.column),
                e.message,
            )
        })
}

pub(crate) fn to_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// True when the token is the unquoted word `word` (compared case-insensitively; `word` is
/// upper case).
pub(crate) fn is_word(token: &Token, word: &str) -> bool {
    matches!(token, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(word))
}

/// Splits a token list into statements (see the module docs).
pub(crate) fn split_tokens(tokens: &[TokenWithSpan], lines: &LineIndex<'_>) -> Vec<TokenStatement> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_significant = 0usize;
    let mut depth = 0usize;
    let mut header = Header::default();

    let finish = |start: usize, last: usize, out: &mut Vec<TokenStatement>| {
        let (Some(first), Some(end)) = (tokens.get(start), tokens.get(last)) else {
            return;
        };
        out.push(TokenStatement {
            tokens: start..last + 1,
            bytes: lines.offset(first.span.start)..lines.offset(end.span.end),
            start: first.span.start,
        });
    };

    for (i, tok) in tokens.iter().enumerate() {
        if is_trivia(&tok.token) || tok.token == Token::EOF {
            continue;
        }
        if tok.token == Token::SemiColon && depth == 0 {
            if let Some(s) = start.take() {
                finish(s, last_significant, &mut out);
            }
            header = Header::default();
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        last_significant = i;
        header.feed(&tok.token);
        if !header.block_statement {
            continue;
        }
        if is_word(&tok.token, "BEGIN") || is_word(&tok.token, "CASE") {
            depth += 1;
        } else if is_word(&tok.token, "END") && depth > 0 {
            let next = tokens[i + 1..].iter().find(|t| !is_trivia(&t.token));
            let continues = next.is_some_and(|t| {
                ["IF", "LOOP", "WHILE", "REPEAT"]
                    .iter()
                    .any(|k| is_word(&t.token, k))
            });
            if !continues {
                depth -= 1;
            }
        }
    }
    if let Some(s) = start {
        finish(s, last_significant, &mut out);
    }
    out
}

/// Watches the first tokens of a statement to learn whether it is a `CREATE` of a routine
/// (trigger, function, procedure, event) whose body may hold `BEGIN ... END` blocks.
#[derive(Debug, Default)]
struct Header {
    seen: usize,
    done: bool,
    is_create: bool,
    block_statement: bool,
}

impl Header {
    fn feed(&mut self, token: &Token) {
        if self.done {
            return;
        }
        self.seen += 1;
        if self.seen == 1 {
            self.is_create = is_word(token, "CREATE");
            self.done = !self.is_create;
            return;
        }
        if self.seen > 16 || *token == Token::LParen {
            self.done = true;
            return;
        }
        let Token::Word(w) = token else { return };
        if w.quote_style.is_some() {
            return;
        }
        match w.value.to_ascii_uppercase().as_str() {
            "TRIGGER" | "FUNCTION" | "PROCEDURE" | "EVENT" => {
                self.block_statement = true;
                self.done = true;
            }
            "TABLE" | "VIEW" | "INDEX" | "TYPE" | "SCHEMA" | "SEQUENCE" | "DOMAIN"
            | "EXTENSION" | "POLICY" | "DATABASE" | "ROLE" | "USER" => self.done = true,
            _ => {}
        }
    }
}

/// Splits SQL text into statements using sqlparser's tokenizer.
///
/// Handles quotes, `$$` dollar quoting, comments, and the `BEGIN ... END` bodies of
/// `CREATE TRIGGER/FUNCTION/PROCEDURE/EVENT` (BEGIN and CASE open a block; END closes one
/// unless followed by IF/LOOP/WHILE/REPEAT). Comment-only chunks are dropped. A tokenizer
/// error is returned with an empty `file`, which the caller fills in.
pub fn split_statements(text: &str, provider: Provider) -> Result<Vec<SplitStatement>, SqlError> {
    let text = crate::prepare::prepare(text, provider);
    let text = text.as_ref();
    let tokens = tokenize(text, provider)?;
    let lines = LineIndex::new(text);
    Ok(split_tokens(&tokens, &lines)
        .into_iter()
        .map(|s| SplitStatement {
            sql: text.get(s.bytes.clone()).unwrap_or("").trim().to_string(),
            line: to_u32(s.start.line),
            column: to_u32(s.start.column),
        })
        .collect())
}

/// The comments of a token list, by line: used for `-- flash:` annotations.
pub(crate) fn line_comments(tokens: &[TokenWithSpan]) -> Vec<LineComment> {
    let mut out = Vec::new();
    let mut line_has_code: Option<u64> = None;
    for tok in tokens {
        match &tok.token {
            Token::Whitespace(Whitespace::SingleLineComment { comment, .. }) => {
                out.push(LineComment {
                    line: tok.span.start.line,
                    text: comment.trim().to_string(),
                    trailing: line_has_code == Some(tok.span.start.line),
                });
            }
            Token::Whitespace(_) => {}
            _ => line_has_code = Some(tok.span.end.line),
        }
    }
    out
}

/// A `--` comment: its line, its text, and whether code precedes it on that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineComment {
    pub line: u64,
    pub text: String,
    pub trailing: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, p: Provider) -> Vec<(String, u32, u32)> {
        split_statements(text, p)
            .unwrap()
            .into_iter()
            .map(|s| (s.sql, s.line, s.column))
            .collect()
    }

    #[test]
    fn plain_statements_with_positions() {
        let got = split("SELECT 1;\n  SELECT 2 ;\n\nSELECT 3", Provider::Postgresql);
        assert_eq!(
            got,
            vec![
                ("SELECT 1".into(), 1, 1),
                ("SELECT 2".into(), 2, 3),
                ("SELECT 3".into(), 4, 1)
            ]
        );
    }

    #[test]
    fn strings_and_identifiers_with_semicolons() {
        let got = split(
            "INSERT INTO t VALUES ('a;b', \"c;d\");\nSELECT 'it''s;';",
            Provider::Postgresql,
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "INSERT INTO t VALUES ('a;b', \"c;d\")");
        assert_eq!(got[1].0, "SELECT 'it''s;'");
        let got = split("SELECT `a;b` FROM t; SELECT 'x\\';y';", Provider::Mysql);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].0, "SELECT 'x\\';y'");
    }

    #[test]
    fn comments_are_not_statements() {
        let got = split(
            "-- header; not a statement\n/* block; comment */\nSELECT 1; -- trailing;\n-- only a comment;\n",
            Provider::Postgresql,
        );
        assert_eq!(got, vec![("SELECT 1".into(), 3, 1)]);
        let got = split("# mysql comment;\nSELECT 1;", Provider::Mysql);
        assert_eq!(got, vec![("SELECT 1".into(), 2, 1)]);
    }

    #[test]
    fn dollar_quoted_bodies() {
        let sql = "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.x := 1;\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\nCREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;";
        let got = split(sql, Provider::Postgresql);
        assert_eq!(got.len(), 2);
        assert!(got[0].0.ends_with("LANGUAGE plpgsql"));
        assert_eq!(got[1].1, 7);
    }

    #[test]
    fn mysql_trigger_begin_end() {
        let sql = "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  IF NEW.a IS NULL THEN\n    SET NEW.a = 1;\n  END IF;\n  SET NEW.b = CASE WHEN NEW.a > 1 THEN 2 ELSE 3 END;\nEND;\nSELECT 1;";
        let got = split(sql, Provider::Mysql);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].0.ends_with("END"));
        assert_eq!(got[1], ("SELECT 1".into(), 8, 1));
    }

    #[test]
    fn mysql_procedure_with_loops() {
        let sql = "CREATE DEFINER=`root`@`localhost` PROCEDURE p()\nBEGIN\n  WHILE 1 DO\n    SELECT 1;\n  END WHILE;\n  l: LOOP\n    LEAVE l;\n  END LOOP;\nEND;\nSELECT 2;";
        let got = split(sql, Provider::Mysql);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].0, "SELECT 2");
    }

    #[test]
    fn sqlite_trigger() {
        let sql = "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = n + 1;\n  DELETE FROM c;\nEND;\nCREATE TABLE x (id integer);";
        let got = split(sql, Provider::Sqlite);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].1, 5);
    }

    #[test]
    fn transactions_are_not_blocks() {
        let got = split(
            "BEGIN;\nCREATE TABLE t (a int);\nCOMMIT;",
            Provider::Postgresql,
        );
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn unterminated_string_is_an_error() {
        let err = split_statements("SELECT 1;\nSELECT 'oops;", Provider::Postgresql).unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.file, "");
    }

    #[test]
    fn mysql_version_comments_are_opened() {
        let sql = "/*!40101 SET NAMES utf8 */;\n/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = '/*!'; END */;;\n/* plain; comment */ SELECT 1; -- x /*!\nSELECT 2;";
        let got = split(sql, Provider::Mysql);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0], ("SET NAMES utf8".into(), 1, 10));
        assert!(got[1].0.starts_with("CREATE"), "{got:?}");
        let squeezed = got[1].0.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(squeezed.starts_with("CREATE DEFINER=`root`@`localhost` TRIGGER t BEFORE"));
        assert!(got[1].0.ends_with("SET NEW.a = '/*!'; END"), "{got:?}");
        assert_eq!(got[2], ("SELECT 1".into(), 3, 22));
        assert_eq!(got[3], ("SELECT 2".into(), 4, 1));
    }

    #[test]
    fn line_index_maps_unicode_columns() {
        let text = "héllo\nwörld x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(Location::new(2, 7)), text.find('x').unwrap());
    }
}
