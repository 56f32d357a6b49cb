//! Schema files to the [`Schema`] model.
//!
//! Every file is tokenized once and split into statements; each statement is recognised from
//! its first tokens (`head.rs`) and, when flash models it, parsed alone with sqlparser. The run
//! has three passes so that files and statements may come in any order:
//!
//! 1. CREATE TABLE / TYPE / VIEW and raw objects, in file order;
//! 2. CREATE INDEX, ALTER TABLE and COMMENT ON, in file order (all tables exist by then);
//! 3. reference checks (foreign keys, duplicate names) and enum column types.
//!
//! All errors of all files are collected; the run fails at the end if there is any.

mod check;
mod comment;
mod constraint;
mod enum_;
mod head;
mod index;
mod outline;
mod raw;
mod sqlite;
mod table;
mod view;

pub use outline::{element_key, fold_name, outline, OutlineItem, Owner};

use crate::error::{SchemaErrors, SqlError, SqlWarning};
use crate::split::{self, is_trivia, to_u32, LineComment, LineIndex, TokenStatement};
use flash_schema::{Location, Provider, Schema};
use sqlparser::ast::Statement;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Location as SqlLocation, Span, TokenWithSpan};
use std::rc::Rc;

/// A schema file: its path (for messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }
}

/// The model of a set of schema files, with the warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSchema {
    pub schema: Schema,
    pub warnings: Vec<SqlWarning>,
}

/// Parses every schema file (in the given order) into one model.
///
/// Returns all errors of the run together (syntax errors, unknown tables and columns,
/// duplicates, ...), each at its `file:line:col`.
pub fn parse_schema(
    files: &[SourceFile],
    provider: Provider,
) -> Result<ParsedSchema, SchemaErrors> {
    let mut b = Builder::new(provider);
    for file in files {
        b.file(file);
    }
    b.run_deferred();
    check::finish(&mut b);
    // Report in file order, then by position.
    let order = |file: &str| {
        files
            .iter()
            .position(|f| f.path == file)
            .unwrap_or(usize::MAX)
    };
    b.errors.sort_by_key(|e| (order(&e.file), e.line, e.column));
    b.warnings
        .sort_by_key(|w| (order(&w.file), w.line, w.column));
    if b.errors.is_empty() {
        Ok(ParsedSchema {
            schema: b.schema,
            warnings: b.warnings,
        })
    } else {
        Err(SchemaErrors {
            errors: b.errors,
            warnings: b.warnings,
        })
    }
}

/// Where a statement comes from: the file, its `--` comments, and where the statement
/// starts and ends (used when sqlparser gives no location).
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub file: Rc<str>,
    pub comments: Rc<Vec<LineComment>>,
    pub start: SqlLocation,
    pub end: SqlLocation,
}

impl Ctx {
    /// The model location of a sqlparser location (the statement start when unknown).
    pub fn loc(&self, l: SqlLocation) -> Location {
        let l = if l.line == 0 { self.start } else { l };
        Location {
            file: self.file.to_string(),
            line: to_u32(l.line),
            column: to_u32(l.column),
        }
    }

    /// The location of a span's start.
    pub fn span_loc(&self, span: Span) -> Location {
        self.loc(span.start)
    }

    /// `-- flash:renamed_from <old>` at the end of `line`, or alone on the line above it.
    /// With `same_line` false only the line above counts.
    pub fn renamed_from(&self, line: u64, same_line: bool) -> Option<String> {
        let find = |l: u64, trailing_ok: bool| {
            self.comments
                .iter()
                .filter(|c| c.line == l && (trailing_ok || !c.trailing))
                .find_map(|c| renamed_from_text(&c.text))
        };
        if same_line {
            if let Some(name) = find(line, true) {
                return Some(name);
            }
        }
        line.checked_sub(1).and_then(|above| find(above, false))
    }
}

/// The old name in a `flash:renamed_from old` comment text.
fn renamed_from_text(text: &str) -> Option<String> {
    let rest = text.trim().strip_prefix("flash:renamed_from")?;
    let word = rest.split_whitespace().next()?;
    let word = word.trim_matches(|c| c == '"' || c == '`' || c == '[' || c == ']');
    (!word.is_empty()).then(|| word.to_string())
}

/// A statement's tokens and text, for the recognisers that work on tokens.
pub(crate) struct StmtText<'a> {
    pub tokens: &'a [TokenWithSpan],
    pub lines: &'a LineIndex<'a>,
    pub text: &'a str,
}

impl StmtText<'_> {
    /// The significant (non-whitespace, non-comment) tokens with their indexes.
    pub fn significant(&self) -> Vec<(usize, &TokenWithSpan)> {
        self.tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| !is_trivia(&t.token))
            .collect()
    }

    /// The source text from the start of token `from` to the end of token `to` (inclusive).
    pub fn slice(&self, from: usize, to: usize) -> &str {
        match (self.tokens.get(from), self.tokens.get(to)) {
            (Some(a), Some(b)) => self.lines.slice(a.span.start, b.span.end),
            _ => "",
        }
    }
}

/// A statement whose effect waits for pass 2.
pub(crate) struct Deferred {
    pub ctx: Ctx,
    pub kind: DeferredKind,
}

pub(crate) enum DeferredKind {
    Index(Box<sqlparser::ast::CreateIndex>, Option<String>),
    Alter(Box<sqlparser::ast::AlterTable>, table::IdentityOptions),
    Comment(Box<Statement>),
}

/// A foreign key whose referenced side is checked in pass 3.
#[derive(Debug, Clone)]
pub(crate) struct FkCheck {
    pub table: (Option<String>, String),
    pub fk_name: String,
    /// Position of the foreign key in its table's `foreign_keys`.
    pub fk_index: usize,
    pub ref_table_loc: Location,
    pub ref_columns: Vec<(String, Location)>,
}

/// The state of one parse run.
pub(crate) struct Builder {
    pub provider: Provider,
    pub schema: Schema,
    pub errors: Vec<SqlError>,
    pub warnings: Vec<SqlWarning>,
    pub deferred: Vec<Deferred>,
    pub fk_checks: Vec<FkCheck>,
    /// Tables whose CREATE TABLE did not parse: references to them are not reported again.
    pub broken_tables: Vec<(Option<String>, String)>,
}

impl Builder {
    fn new(provider: Provider) -> Self {
        Builder {
            provider,
            schema: Schema::default(),
            errors: Vec::new(),
            warnings: Vec::new(),
            deferred: Vec::new(),
            fk_checks: Vec::new(),
            broken_tables: Vec::new(),
        }
    }

    /// Records an error at a model location.
    pub fn error(&mut self, at: &Location, message: impl Into<String>, help: Option<String>) {
        self.errors.push(SqlError {
            file: at.file.clone(),
            line: at.line,
            column: at.column,
            message: message.into(),
            help,
        });
    }

    /// Records a warning at a model location.
    pub fn warn(&mut self, at: &Location, message: impl Into<String>, help: Option<String>) {
        self.warnings.push(SqlWarning {
            file: at.file.clone(),
            line: at.line,
            column: at.column,
            message: message.into(),
            help,
        });
    }

    /// Pass 1 over one file.
    fn file(&mut self, file: &SourceFile) {
        let prepared = crate::prepare::prepare(&file.text, self.provider);
        let text: &str = prepared.as_ref();
        let tokens = match split::tokenize(text, self.provider) {
            Ok(t) => t,
            Err(mut e) => {
                e.file = file.path.clone();
                self.errors.push(e);
                return;
            }
        };
        let lines = LineIndex::new(text);
        let comments = Rc::new(split::line_comments(&tokens));
        let path: Rc<str> = Rc::from(file.path.as_str());
        for st in split::split_tokens(&tokens, &lines) {
            let stmt_tokens = tokens.get(st.tokens.clone()).unwrap_or(&[]);
            let ctx = Ctx {
                file: path.clone(),
                comments: comments.clone(),
                start: st.start,
                end: stmt_tokens.last().map_or(st.start, |t| t.span.end),
            };
            let text = StmtText {
                tokens: stmt_tokens,
                lines: &lines,
                text: statement_text(text, &st),
            };
            self.statement(&ctx, &text);
        }
    }

    /// Recognises one statement and hands it to its family.
    fn statement(&mut self, ctx: &Ctx, st: &StmtText<'_>) {
        use head::Head;
        match head::classify(st) {
            Head::Table => table::create_table(self, ctx, st),
            Head::Index { kind } => index::create_index(self, ctx, st, kind),
            Head::View => view::create_view(self, ctx, st),
            Head::Type => enum_::create_type(self, ctx, st),
            Head::AlterTable => table::alter_table(self, ctx, st),
            Head::Comment => comment::comment_on(self, ctx, st),
            Head::Raw(raw_head) => raw::raw_object(self, ctx, st, raw_head),
            Head::Ignored(what) => {
                let at = ctx.loc(ctx.start);
                self.warn(
                    &at,
                    format!("{what} statement is not part of the schema model; it is ignored by migrate"),
                    Some("keep data and one-off statements in seed files or migrations".into()),
                );
            }
            Head::Unknown => {
                let at = ctx.loc(ctx.start);
                let why = match parse_tokens(self.provider, st.tokens) {
                    Ok(_) => String::new(),
                    Err(e) => format!(" ({})", e.message),
                };
                self.warn(
                    &at,
                    format!("cannot identify this statement{why}; it is ignored"),
                    Some("schema files hold CREATE TABLE, CREATE INDEX, CREATE VIEW, CREATE TYPE, ALTER TABLE ... ADD and COMMENT ON statements, and functions, triggers and other objects kept verbatim".into()),
                );
            }
        }
    }

    /// Pass 2: CREATE INDEX, ALTER TABLE and COMMENT ON, in file order.
    fn run_deferred(&mut self) {
        let deferred = std::mem::take(&mut self.deferred);
        for d in deferred {
            match d.kind {
                DeferredKind::Index(ci, kind) => index::apply_index(self, &d.ctx, &ci, kind),
                DeferredKind::Alter(at, ids) => table::apply_alter(self, &d.ctx, &at, ids),
                DeferredKind::Comment(stmt) => comment::apply_comment(self, &d.ctx, &stmt),
            }
        }
    }

    /// Parses a statement with sqlparser, recording a syntax error at its place on failure.
    pub fn parse(&mut self, ctx: &Ctx, tokens: &[TokenWithSpan]) -> Option<Statement> {
        match parse_tokens(self.provider, tokens) {
            Ok(stmt) => Some(stmt),
            Err(e) => {
                let at = ctx.loc(e.location.unwrap_or(ctx.end));
                self.error(&at, format!("syntax error: {}", e.message), e.help);
                None
            }
        }
    }

    /// The index of a table in the model.
    pub fn table_index(&self, schema: &Option<String>, name: &str) -> Option<usize> {
        self.schema.tables.iter().position(|t| {
            let same = match self.provider {
                Provider::Sqlite => t.name.eq_ignore_ascii_case(name),
                _ => t.name == name,
            };
            same && &t.schema == schema
        })
    }

    /// The position of a column in a table, by name (see [`crate::names::same_name`]).
    pub fn column_index(&self, table: &flash_schema::Table, name: &str) -> Option<usize> {
        table
            .columns
            .iter()
            .position(|c| crate::names::same_name(&c.name, name, self.provider))
    }

    /// The declared name of a column of a table.
    pub fn column_name(&self, table: &flash_schema::Table, name: &str) -> Option<String> {
        self.column_index(table, name)
            .map(|i| table.columns[i].name.clone())
    }

    /// True when a CREATE TABLE of this name failed to parse.
    pub fn is_broken(&self, schema: &Option<String>, name: &str) -> bool {
        self.broken_tables
            .iter()
            .any(|(s, n)| s == schema && n == name)
    }
}

fn statement_text<'a>(text: &'a str, st: &TokenStatement) -> &'a str {
    text.get(st.bytes.clone()).unwrap_or("")
}

/// A sqlparser error with its location pulled out of the message.
pub(crate) struct ParseFailure {
    pub message: String,
    pub location: Option<SqlLocation>,
    pub help: Option<String>,
}

/// Parses exactly one statement from tokens that carry file locations.
pub(crate) fn parse_tokens(
    provider: Provider,
    tokens: &[TokenWithSpan],
) -> Result<Statement, ParseFailure> {
    let dialect = split::dialect(provider);
    let mut parser = Parser::new(dialect.as_ref()).with_tokens_with_locations(tokens.to_vec());
    let mut stmts = parser.parse_statements().map_err(failure)?;
    match stmts.len() {
        1 => stmts.pop().ok_or_else(|| ParseFailure {
            message: "empty statement".into(),
            location: None,
            help: None,
        }),
        0 => Err(ParseFailure {
            message: "empty statement".into(),
            location: None,
            help: None,
        }),
        _ => Err(ParseFailure {
            message: "more than one statement where one was expected".into(),
            location: None,
            help: Some("end each statement with `;`".into()),
        }),
    }
}

fn failure(e: ParserError) -> ParseFailure {
    let raw = match e {
        ParserError::TokenizerError(s) | ParserError::ParserError(s) => s,
        ParserError::RecursionLimitExceeded => "statement nested too deeply".to_string(),
    };
    let (message, location) = split_location(&raw);
    ParseFailure {
        message,
        location,
        help: None,
    }
}

/// `Expected: x, found: y at Line: 3, Column: 7` → (`Expected: x, found: y`, 3:7).
fn split_location(msg: &str) -> (String, Option<SqlLocation>) {
    let Some(pos) = msg.rfind(" at Line: ") else {
        return (msg.to_string(), None);
    };
    let tail = &msg[pos + " at Line: ".len()..];
    let mut parts = tail.split(", Column: ");
    let line = parts.next().and_then(|l| l.trim().parse::<u64>().ok());
    let col = parts.next().and_then(|c| c.trim().parse::<u64>().ok());
    match (line, col) {
        (Some(l), Some(c)) if l > 0 => (msg[..pos].to_string(), Some(SqlLocation::new(l, c))),
        _ => (msg.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_messages_lose_their_location_suffix() {
        let (m, l) = split_location("Expected: ), found: x at Line: 3, Column: 7");
        assert_eq!(m, "Expected: ), found: x");
        assert_eq!(l, Some(SqlLocation::new(3, 7)));
        let (m, l) = split_location("Expected: ), found: EOF");
        assert_eq!(m, "Expected: ), found: EOF");
        assert_eq!(l, None);
    }

    #[test]
    fn renamed_from_comment_text() {
        assert_eq!(
            renamed_from_text(" flash:renamed_from people"),
            Some("people".into())
        );
        assert_eq!(
            renamed_from_text("flash:renamed_from \"Old\" because"),
            Some("Old".into())
        );
        assert_eq!(renamed_from_text("flash:renamed_from"), None);
        assert_eq!(renamed_from_text("just a comment"), None);
    }
}
