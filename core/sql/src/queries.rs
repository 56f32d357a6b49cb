//! Query files for code generation: blocks of annotated SQL, one statement each.
//!
//! ```sql
//! -- Finds a user by e-mail.            <- doc comment (the comment lines right above the name)
//! -- name: GetUserByEmail :one
//! SELECT * FROM users WHERE email = @email;
//! ```
//!
//! The command after the name says what the generated function returns: `:one`, `:many`,
//! `:exec`, `:execrows`, `:execresult`, `:execlastid`, `:copyfrom`, `:batchexec`,
//! `:batchmany`, `:batchone`. Parameters are positional (`$1` on PostgreSQL and SQLite, `?` on
//! MySQL and SQLite, `?NNN` on SQLite) or named (`@name`, `sqlc.arg(name)`, `sqlc.narg(name)`
//! for a nullable one, `sqlc.slice(name)` for an `IN (...)` list on MySQL and SQLite); one query
//! uses one style. Every problem of a file is reported, each at its `file:line:column`.

use crate::error::SqlError;
use crate::schema::SourceFile;
use crate::split::{is_trivia, split_tokens, to_u32, tokenize, LineIndex};
use flash_schema::Provider;
use serde::{Deserialize, Serialize};
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Whitespace};

/// What a query's generated function returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QueryCommand {
    /// Exactly one row (an error when there is none).
    One,
    /// Every row.
    Many,
    /// Nothing.
    Exec,
    /// The number of affected rows.
    ExecRows,
    /// The driver's result object.
    ExecResult,
    /// The id of the inserted row.
    ExecLastId,
    /// A bulk insert (COPY on PostgreSQL, multi-row INSERT elsewhere).
    CopyFrom,
    /// The statement run for each of many parameter sets, returning nothing.
    BatchExec,
    /// The statement run for each of many parameter sets, returning every row of each.
    BatchMany,
    /// The statement run for each of many parameter sets, returning one row of each.
    BatchOne,
}

impl QueryCommand {
    /// The commands, as written after the name.
    pub const ALL: [(&'static str, QueryCommand); 10] = [
        ("one", QueryCommand::One),
        ("many", QueryCommand::Many),
        ("exec", QueryCommand::Exec),
        ("execrows", QueryCommand::ExecRows),
        ("execresult", QueryCommand::ExecResult),
        ("execlastid", QueryCommand::ExecLastId),
        ("copyfrom", QueryCommand::CopyFrom),
        ("batchexec", QueryCommand::BatchExec),
        ("batchmany", QueryCommand::BatchMany),
        ("batchone", QueryCommand::BatchOne),
    ];

    fn parse(word: &str) -> Option<QueryCommand> {
        let word = word.to_ascii_lowercase();
        QueryCommand::ALL
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, c)| *c)
    }
}

/// How a parameter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamStyle {
    /// `$1`, `?`, `?1`.
    Positional,
    /// `@name` or `sqlc.arg(name)`.
    Named,
    /// `sqlc.narg(name)`: named and nullable.
    NullableNamed,
    /// `sqlc.slice(name)`: a list for `IN (...)` (MySQL, SQLite).
    Slice,
}

/// One parameter of a query, in the order the generated function takes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryParam {
    /// 1-based position among the query's parameters.
    pub number: usize,
    /// The name of a named parameter.
    pub name: Option<String>,
    pub style: ParamStyle,
    /// Where it is first used in the file (1-based).
    pub line: u32,
    pub column: u32,
    /// Every place it is used, as byte ranges of the query's `sql`, for rewriting.
    pub uses: Vec<std::ops::Range<usize>>,
}

/// One query of a query file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    pub name: String,
    pub command: QueryCommand,
    /// The comment lines right above the name line, without `--`.
    pub doc: Vec<String>,
    /// The statement, without the final `;`.
    pub sql: String,
    pub file: String,
    /// The line of `-- name:`.
    pub line: u32,
    /// Where the statement starts.
    pub sql_line: u32,
    pub sql_column: u32,
    pub params: Vec<QueryParam>,
}

/// A `-- name:` line found in the token stream.
struct Header {
    token: usize,
    line: u32,
    column: u32,
    name: String,
    command: QueryCommand,
    doc: Vec<String>,
    /// False for a name line with an error (already reported): its statement is skipped
    /// rather than reported again as a statement without a name.
    valid: bool,
}

/// Reads the queries of one file. Every problem is reported; a file with any error gives none.
pub fn parse_queries(file: &SourceFile, provider: Provider) -> Result<Vec<Query>, Vec<SqlError>> {
    let at = |line: u32, column: u32, message: String| {
        SqlError::new(file.path.clone(), line, column, message)
    };
    let tokens = tokenize(&file.text, provider).map_err(|mut e| {
        e.file = file.path.clone();
        vec![e]
    })?;
    let lines = LineIndex::new(&file.text);
    let mut errors = Vec::new();
    let headers = headers(&tokens, &file.path, &mut errors);
    let statements = split_tokens(&tokens, &lines);

    let mut queries: Vec<Query> = Vec::new();
    let mut used = vec![false; headers.len()];
    for st in &statements {
        let line = to_u32(st.start.line);
        let column = to_u32(st.start.column);
        // The statement belongs to the last header before it.
        let Some(h) = headers.iter().rposition(|h| h.token < st.tokens.start) else {
            errors.push(
                at(line, column, "a statement without a `-- name:` line".into()).with_help(
                    "start each query with a line like `-- name: GetUser :one` right above it",
                ),
            );
            continue;
        };
        let header = &headers[h];
        if !header.valid {
            used[h] = true;
            continue;
        }
        if used[h] {
            errors.push(
                at(
                    line,
                    column,
                    format!("query {} has more than one statement", header.name),
                )
                .with_help("give each statement its own `-- name:` line"),
            );
            continue;
        }
        used[h] = true;
        let sql = file.text.get(st.bytes.clone()).unwrap_or("").to_string();
        let base = st.bytes.start;
        match params(
            &tokens[st.tokens.clone()],
            &lines,
            base,
            provider,
            &file.path,
        ) {
            Ok(params) => queries.push(Query {
                name: header.name.clone(),
                command: header.command,
                doc: header.doc.clone(),
                sql,
                file: file.path.clone(),
                line: header.line,
                sql_line: line,
                sql_column: column,
                params,
            }),
            Err(mut e) => errors.append(&mut e),
        }
    }
    for (h, header) in headers.iter().enumerate() {
        if !header.valid {
            continue;
        }
        if !used[h] {
            errors.push(at(
                header.line,
                header.column,
                format!("query {} has no statement", header.name),
            ));
        }
        if let Some(first) = headers[..h]
            .iter()
            .find(|o| o.valid && o.name == header.name)
        {
            errors.push(
                at(
                    header.line,
                    header.column,
                    format!(
                        "query {} is defined twice (first at line {})",
                        header.name, first.line
                    ),
                )
                .with_help("query names become function names: each must be unique"),
            );
        }
    }
    if errors.is_empty() {
        Ok(queries)
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

/// The `-- name:` lines, each with the doc comment right above it.
fn headers(tokens: &[TokenWithSpan], path: &str, errors: &mut Vec<SqlError>) -> Vec<Header> {
    let mut out = Vec::new();
    // Comment lines since the last significant token: (line, text).
    let mut comments: Vec<(u32, String)> = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        match &tok.token {
            Token::Whitespace(Whitespace::SingleLineComment { comment, .. }) => {
                let line = to_u32(tok.span.start.line);
                let text = comment.trim_end_matches(['\n', '\r']);
                match name_line(text) {
                    None => comments.push((line, text.trim().to_string())),
                    Some(Ok((name, command))) => {
                        out.push(Header {
                            token: i,
                            line,
                            column: to_u32(tok.span.start.column),
                            name,
                            command,
                            doc: doc_above(&comments, line),
                            valid: true,
                        });
                        comments.clear();
                    }
                    Some(Err(message)) => {
                        let column = to_u32(tok.span.start.column);
                        errors.push(
                            SqlError::new(path, line, column, message)
                                .with_help("write it as `-- name: GetUser :one` (or :many, :exec, :execrows, :execresult, :execlastid, :copyfrom, :batchexec, :batchmany, :batchone)"),
                        );
                        out.push(Header {
                            token: i,
                            line,
                            column,
                            name: String::new(),
                            command: QueryCommand::Exec,
                            doc: Vec::new(),
                            valid: false,
                        });
                        comments.clear();
                    }
                }
            }
            t if is_trivia(t) || *t == Token::EOF => {}
            _ => comments.clear(),
        }
    }
    out
}

/// The comments that end on the line right above `line`, as one unbroken run of lines.
fn doc_above(comments: &[(u32, String)], line: u32) -> Vec<String> {
    let mut want = line.saturating_sub(1);
    let mut doc = Vec::new();
    for (l, text) in comments.iter().rev() {
        if *l != want {
            break;
        }
        doc.push(text.clone());
        want = want.saturating_sub(1);
    }
    doc.reverse();
    doc
}

/// Reads the text of a `--` comment: None when it is not a name line, else the name and
/// command or what is wrong with them.
fn name_line(comment: &str) -> Option<Result<(String, QueryCommand), String>> {
    let rest = comment.trim_start().strip_prefix("name:")?;
    let mut words = rest.split_whitespace();
    let Some(name) = words.next() else {
        return Some(Err("a `-- name:` line without a name".into()));
    };
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return Some(Err(format!(
            "`{name}` is not a valid query name: use letters, digits and _, starting with a letter"
        )));
    }
    let Some(command) = words.next() else {
        return Some(Err(format!("query {name} has no command")));
    };
    let Some(word) = command.strip_prefix(':') else {
        return Some(Err(format!(
            "query {name}: expected a command like :one, found `{command}`"
        )));
    };
    let Some(command) = QueryCommand::parse(word) else {
        return Some(Err(format!("query {name}: unknown command `:{word}`")));
    };
    if let Some(extra) = words.next() {
        return Some(Err(format!(
            "query {name}: unexpected `{extra}` after the command"
        )));
    }
    Some(Ok((name.to_string(), command)))
}

/// A parameter occurrence found in the tokens.
struct Found {
    key: Key,
    style: ParamStyle,
    start: Location,
    bytes: std::ops::Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    /// `$N` / `?N`: its number.
    Number(usize),
    /// A bare `?`: the next position.
    Next,
    Name(String),
}

/// The parameters of one statement, in order.
fn params(
    tokens: &[TokenWithSpan],
    lines: &LineIndex<'_>,
    base: usize,
    provider: Provider,
    path: &str,
) -> Result<Vec<QueryParam>, Vec<SqlError>> {
    let found = find_params(tokens, lines, provider);
    let mut errors = Vec::new();
    let err = |f: &Found, message: String| {
        SqlError::new(path, to_u32(f.start.line), to_u32(f.start.column), message)
    };
    let positional = found.iter().find(|f| f.style == ParamStyle::Positional);
    let named = found.iter().find(|f| f.style != ParamStyle::Positional);
    if let (Some(_), Some(n)) = (positional, named) {
        errors.push(
            err(n, "this query mixes positional and named parameters".into())
                .with_help("use one style per query: all `$1`/`?`, or all `@name`"),
        );
        return Err(errors);
    }
    let mut out: Vec<QueryParam> = Vec::new();
    for f in &found {
        if f.style == ParamStyle::Slice && provider == Provider::Postgresql {
            errors.push(
                err(f, "sqlc.slice is for MySQL and SQLite".into())
                    .with_help("on PostgreSQL pass an array: `WHERE id = ANY(@ids)`"),
            );
            continue;
        }
        let range = (f.bytes.start - base)..(f.bytes.end - base);
        let existing = match &f.key {
            Key::Next => None,
            Key::Number(n) => out.iter_mut().find(|p| p.number == *n && p.name.is_none()),
            Key::Name(name) => out.iter_mut().find(|p| p.name.as_deref() == Some(name)),
        };
        if let Some(p) = existing {
            if p.style != f.style {
                errors.push(err(
                    f,
                    format!(
                        "parameter {} is used both as {:?} and as {:?}",
                        p.name.as_deref().unwrap_or("?"),
                        p.style,
                        f.style
                    ),
                ));
            }
            p.uses.push(range);
            continue;
        }
        let number = match &f.key {
            Key::Number(n) => *n,
            _ => out.len() + 1,
        };
        out.push(QueryParam {
            number,
            name: match &f.key {
                Key::Name(n) => Some(n.clone()),
                _ => None,
            },
            style: f.style,
            line: to_u32(f.start.line),
            column: to_u32(f.start.column),
            uses: vec![range],
        });
    }
    if found.iter().any(|f| f.key == Key::Next)
        && found.iter().any(|f| matches!(f.key, Key::Number(_)))
    {
        if let Some(f) = found.iter().find(|f| matches!(f.key, Key::Number(_))) {
            errors.push(err(
                f,
                "this query mixes `?` and numbered parameters".into(),
            ));
        }
    }
    out.sort_by_key(|p| p.number);
    // Numbered parameters must be 1..=N without holes: a hole is a parameter nobody can pass.
    for (i, p) in out.iter().enumerate() {
        if p.number != i + 1 {
            errors.push(
                SqlError::new(
                    path,
                    p.line,
                    p.column,
                    format!("${} is used but ${} is not", p.number, i + 1),
                )
                .with_help("number the parameters $1, $2, ... without gaps"),
            );
            break;
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Every parameter occurrence of a statement's tokens, in order.
fn find_params(tokens: &[TokenWithSpan], lines: &LineIndex<'_>, provider: Provider) -> Vec<Found> {
    let mut out = Vec::new();
    let significant: Vec<&TokenWithSpan> = tokens.iter().filter(|t| !is_trivia(&t.token)).collect();
    let adjacent = |a: &TokenWithSpan, b: &TokenWithSpan| a.span.end == b.span.start;
    let bytes =
        |a: &TokenWithSpan, b: &TokenWithSpan| lines.offset(a.span.start)..lines.offset(b.span.end);
    let mut i = 0;
    while let Some(t) = significant.get(i) {
        let next = significant.get(i + 1);
        match &t.token {
            Token::Placeholder(p) => {
                if let Some(key) = placeholder_key(p, provider) {
                    let style = match key {
                        Key::Name(_) => ParamStyle::Named,
                        _ => ParamStyle::Positional,
                    };
                    out.push(Found {
                        key,
                        style,
                        start: t.span.start,
                        bytes: bytes(t, t),
                    });
                }
            }
            // MySQL reads `@name` as one word (it is also a user variable there; `@@x` is a
            // system variable and never a parameter).
            Token::Word(w)
                if w.quote_style.is_none()
                    && w.value.starts_with('@')
                    && !w.value.starts_with("@@") =>
            {
                out.push(Found {
                    key: Key::Name(w.value[1..].to_string()),
                    style: ParamStyle::Named,
                    start: t.span.start,
                    bytes: bytes(t, t),
                });
            }
            // PostgreSQL and SQLite read `@name` as `@` then a word; only when they touch is it
            // a parameter (`@ x` is PostgreSQL's absolute-value operator).
            Token::AtSign => {
                if let Some(n) = next.filter(|n| adjacent(t, n)) {
                    if let Token::Word(w) = &n.token {
                        if w.quote_style.is_none() {
                            out.push(Found {
                                key: Key::Name(w.value.clone()),
                                style: ParamStyle::Named,
                                start: t.span.start,
                                bytes: bytes(t, n),
                            });
                            i += 2;
                            continue;
                        }
                    }
                }
            }
            // `sqlc.arg(name)`, `sqlc.narg(name)`, `sqlc.slice(name)`.
            Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("sqlc") => {
                if let Some(found) = sqlc_call(&significant[i..], &bytes) {
                    out.push(found);
                    i += 6;
                    continue;
                }
            }
            // PostgreSQL has no `?` parameters: there `?` is a JSON operator.
            Token::Question if provider != Provider::Postgresql => {
                out.push(Found {
                    key: Key::Next,
                    style: ParamStyle::Positional,
                    start: t.span.start,
                    bytes: bytes(t, t),
                });
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// A placeholder token's parameter: `$N` and `?N` are numbered, `?` is the next one, `$name`
/// `:name` (SQLite) are named. None for what is not a parameter on this database.
fn placeholder_key(p: &str, provider: Provider) -> Option<Key> {
    if p == "?" {
        return (provider != Provider::Postgresql).then_some(Key::Next);
    }
    let (sigil, rest) = p.split_at(p.char_indices().nth(1).map_or(p.len(), |(i, _)| i));
    if let Ok(n) = rest.parse::<usize>() {
        return match sigil {
            "$" if provider != Provider::Mysql => Some(Key::Number(n)),
            "?" if provider == Provider::Sqlite => Some(Key::Number(n)),
            _ => None,
        };
    }
    match sigil {
        "$" | ":" | "@" if provider == Provider::Sqlite && !rest.is_empty() => {
            Some(Key::Name(rest.to_string()))
        }
        _ => None,
    }
}

/// Reads `sqlc . fn ( name )` at the start of `t`.
fn sqlc_call(
    t: &[&TokenWithSpan],
    bytes: &dyn Fn(&TokenWithSpan, &TokenWithSpan) -> std::ops::Range<usize>,
) -> Option<Found> {
    let [sqlc, dot, func, open, arg, close, ..] = t else {
        return None;
    };
    if dot.token != Token::Period || open.token != Token::LParen || close.token != Token::RParen {
        return None;
    }
    let Token::Word(f) = &func.token else {
        return None;
    };
    let style = match f.value.to_ascii_lowercase().as_str() {
        "arg" => ParamStyle::Named,
        "narg" => ParamStyle::NullableNamed,
        "slice" => ParamStyle::Slice,
        _ => return None,
    };
    let name = match &arg.token {
        Token::Word(w) => w.value.clone(),
        Token::SingleQuotedString(s) => s.clone(),
        _ => return None,
    };
    Some(Found {
        key: Key::Name(name),
        style,
        start: sqlc.span.start,
        bytes: bytes(sqlc, close),
    })
}
