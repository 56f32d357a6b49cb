//! One Python module per query file: for each query its SQL constant, its row (and batch
//! parameter) dataclass, and its function.

use super::helpers;
use super::imports::Needs;
use super::keywords::{function_name, param_name};
use super::source::{docstring, triple_quoted, Writer, HEADER};
use super::{Ctx, Scope};
use crate::ir::{IrParam, IrQuery, QueryFile};
use crate::naming::screaming_snake;
use crate::options::PyDriver;
use crate::GenError;
use flash_sql::placeholders::slice_marker;
use flash_sql::QueryCommand;
use std::collections::BTreeSet;

/// A generated query module.
pub(crate) struct Module {
    pub contents: String,
    /// The public names it defines, for `__init__.py`.
    pub exports: Vec<String>,
}

/// The module of `file`.
pub(crate) fn module(ctx: &Ctx<'_>, file: &QueryFile) -> Result<Module, GenError> {
    let mut m = ModuleState::default();
    for q in &file.queries {
        query(ctx, q, &mut m)?;
    }
    let ModuleState {
        mut needs,
        body,
        exports,
        ..
    } = m;

    let mut w = Writer::new();
    w.line(HEADER);
    w.line(triple_quoted(&module_doc(ctx, file, &needs)));
    w.blank();
    let third = ctx.driver.imports(&mut needs);
    let preamble = ctx.driver.preamble(&mut needs);
    let used_helpers = needs.helpers();
    w.lines(needs.render(&third));
    if !preamble.is_empty() {
        w.blank();
        w.lines(preamble);
    }
    for h in used_helpers {
        w.blank();
        w.blank();
        w.lines(helpers::source(h).lines().map(str::to_string));
    }
    let mut contents = w.finish();
    contents.push_str(&body.finish());
    Ok(Module { contents, exports })
}

/// The module docstring: the query file, and what the code asks of the connection.
fn module_doc(ctx: &Ctx<'_>, file: &QueryFile, needs: &Needs) -> String {
    let mut doc = format!("The queries of {}.", file.path);
    // MySQL shows a TIMESTAMP in the session's time zone, and the conversions (`_aware`,
    // `_utc_naive`) take it to be UTC: a user must know to set it.
    let utc = needs.has("_aware") || needs.has("_utc_naive");
    let connect = match ctx.driver.kind {
        PyDriver::Pymysql => Some("pymysql.connect"),
        PyDriver::Aiomysql => Some("aiomysql.connect"),
        _ => None,
    };
    if let Some(connect) = connect.filter(|_| utc) {
        doc.push_str(&format!(
            "\n\nTIMESTAMP values are read and written as UTC: the connection's session time zone\n\
             must be UTC, e.g. `{connect}(..., init_command=\"SET time_zone = '+00:00'\")`.\n"
        ));
    }
    // aiomysql (0.3.2) escapes bytes with a PyMySQL function that PyMySQL 1.2 dropped.
    let bytes = file
        .queries
        .iter()
        .flat_map(|q| &q.params)
        .any(|p| matches!(p.ty, flash_schema::TypeKind::Bytes { .. }));
    if ctx.driver.kind == PyDriver::Aiomysql && bytes {
        if !doc.ends_with('\n') {
            doc.push('\n');
        }
        doc.push_str(
            "\naiomysql cannot bind bytes parameters with PyMySQL 1.2 or newer, which no longer\n\
             provides the `escape_bytes_prefixed` it calls: use PyMySQL 1.1.\n",
        );
    }
    doc
}

/// What the queries of one module have written and claimed so far.
#[derive(Default)]
pub(super) struct ModuleState {
    pub needs: Needs,
    pub body: Writer,
    pub exports: Vec<String>,
    pub scope: Scope,
    /// Row decoders already defined.
    pub decoders: BTreeSet<String>,
}

/// A parameter as the function takes it.
pub(super) struct Param<'a> {
    /// The Python name (keyword-escaped).
    pub name: String,
    pub ir: &'a IrParam,
    /// For a `sqlc.slice` list, the text its placeholder has in the rewritten SQL.
    pub marker: Option<String>,
}

/// The result type of a query that returns rows.
pub(super) struct RowType {
    /// The class as the module refers to it (`models.User`, `ListPostsRow`).
    pub class: String,
    /// Its decoder function.
    pub decoder: String,
}

/// The rest of the module: what `q` adds to it.
fn query(ctx: &Ctx<'_>, q: &IrQuery, m: &mut ModuleState) -> Result<(), GenError> {
    let d = ctx.driver;
    let cmd = q.command();
    let style = d.placeholders();
    let rw = flash_sql::rewrite(&q.query, style).map_err(|e| {
        unsupported(
            q,
            format!(
                "sqlc.slice({}) cannot be expanded with `$N` placeholders",
                e.param
            ),
            "on PostgreSQL, pass an array instead: `WHERE id = ANY(@ids)`",
        )
    })?;

    let params = params(q, style)?;
    let returns_rows = matches!(
        cmd,
        QueryCommand::One | QueryCommand::Many | QueryCommand::BatchOne | QueryCommand::BatchMany
    );
    let batch = matches!(
        cmd,
        QueryCommand::CopyFrom
            | QueryCommand::BatchExec
            | QueryCommand::BatchOne
            | QueryCommand::BatchMany
    );
    if returns_rows && q.columns.is_empty() {
        return Err(unsupported(
            q,
            format!(
                "{} returns rows, but the statement returns no columns",
                command_word(cmd)
            ),
            "use :exec (or :execrows), or add a RETURNING clause",
        ));
    }
    let pg = matches!(d.kind, PyDriver::Asyncpg | PyDriver::Psycopg);
    if cmd == QueryCommand::ExecLastId && pg && q.columns.len() != 1 {
        return Err(unsupported(
            q,
            ":execlastid on PostgreSQL needs the statement to return the id".into(),
            "add `RETURNING id` (one column) to the INSERT",
        ));
    }
    if cmd == QueryCommand::CopyFrom {
        if pg && q.insert.is_none() {
            return Err(unsupported(
                q,
                ":copyfrom needs an `INSERT INTO table (columns) VALUES (...)` statement".into(),
                "write the query as one INSERT with a placeholder per column",
            ));
        }
        if params.iter().any(|p| p.marker.is_some()) {
            return Err(unsupported(
                q,
                ":copyfrom cannot take a sqlc.slice list".into(),
                "insert one value per column",
            ));
        }
    }

    let func = function_name(q.name());
    let constant = constant_name(q.name());
    m.scope.claim(&func, q)?;
    m.scope.claim(&constant, q)?;
    m.exports.push(func.clone());

    // The SQL constant: for psycopg's COPY, the COPY statement instead of the INSERT.
    let sql = match (&q.insert, cmd, d.kind) {
        (Some(t), QueryCommand::CopyFrom, PyDriver::Psycopg) => copy_statement(t),
        _ => rw.sql.clone(),
    };
    m.body.blank();
    m.body.blank();
    m.body.line(format!("{constant} = {}", triple_quoted(&sql)));

    let row = if returns_rows {
        Some(super::classes::row_type(ctx, q, m)?)
    } else {
        None
    };
    let params_class = if batch {
        Some(super::classes::params_class(ctx, q, &params, m)?)
    } else {
        None
    };

    // The signature.
    let mut needs = std::mem::take(&mut m.needs);
    let mut args = vec![format!("conn: {}", d.connection(&mut needs))];
    if let Some(pc) = &params_class {
        needs.add("Sequence");
        args.push(format!("items: Sequence[{pc}]"));
    } else if !params.is_empty() {
        args.push("*".into());
        for p in &params {
            args.push(format!(
                "{}: {}",
                p.name,
                param_annotation(ctx, p, &mut needs)
            ));
        }
    }
    let returns = return_annotation(ctx, q, row.as_ref(), &mut needs);
    let w = &mut m.body;
    w.blank();
    w.blank();
    w.wrapped(
        &format!("{} {func}(", d.def()),
        &args,
        &format!(") -> {returns}:"),
    );
    w.indented(|w| {
        docstring(w, &q.query.doc);
        super::body::function_body(
            ctx,
            q,
            &rw.binds,
            &params,
            row.as_ref(),
            &constant,
            w,
            &mut needs,
        );
    });
    m.needs = needs;
    Ok(())
}

/// The function's parameters, named and checked for clashes.
fn params<'a>(q: &'a IrQuery, style: flash_sql::Placeholders) -> Result<Vec<Param<'a>>, GenError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, p) in q.params.iter().enumerate() {
        let name = param_name(&p.name);
        if !seen.insert(name.clone()) {
            return Err(GenError::NameClash {
                file: q.query.file.clone(),
                line: q.query.line,
                message: format!(
                    "query {}: two parameters are named `{name}` in Python",
                    q.name()
                ),
                help: "rename one of them (`sqlc.arg(other_name)`)".into(),
            });
        }
        let syntax = q.query.params.get(i);
        let marker = (p.slice || syntax.is_some_and(|s| s.style == flash_sql::ParamStyle::Slice))
            .then(|| {
                let mark = match style {
                    flash_sql::Placeholders::Percent => "%s",
                    _ => "?",
                };
                let n = syntax.and_then(|s| s.name.as_deref()).unwrap_or(&p.name);
                format!("{}{mark}", slice_marker(n))
            });
        out.push(Param {
            name,
            ir: p,
            marker,
        });
    }
    Ok(out)
}

/// The annotation of a parameter: `Sequence[T]` for a list, `T | None` when nullable.
pub(super) fn param_annotation(ctx: &Ctx<'_>, p: &Param<'_>, needs: &mut Needs) -> String {
    if p.marker.is_some() {
        needs.add("Sequence");
        let t = ctx.types.annotation(&p.ir.ty, "models.", needs);
        let t = format!("Sequence[{t}]");
        if p.ir.nullable {
            format!("{t} | None")
        } else {
            t
        }
    } else {
        ctx.types
            .annotation_of(&p.ir.ty, p.ir.nullable, "models.", needs)
    }
}

/// What the function of `q` returns.
fn return_annotation(
    ctx: &Ctx<'_>,
    q: &IrQuery,
    row: Option<&RowType>,
    needs: &mut Needs,
) -> String {
    let class = row.map(|r| r.class.as_str()).unwrap_or("None");
    match q.command() {
        QueryCommand::One => format!("{class} | None"),
        QueryCommand::Many => format!("list[{class}]"),
        QueryCommand::Exec | QueryCommand::BatchExec => "None".into(),
        QueryCommand::ExecRows | QueryCommand::CopyFrom => "int".into(),
        QueryCommand::ExecResult => ctx.driver.result_type(needs),
        QueryCommand::ExecLastId => match (ctx.driver.kind, q.columns.first()) {
            (PyDriver::Asyncpg | PyDriver::Psycopg, Some(c)) => {
                ctx.types.annotation_of(&c.ty, c.nullable, "models.", needs)
            }
            _ => "int".into(),
        },
        QueryCommand::BatchMany => format!("list[list[{class}]]"),
        QueryCommand::BatchOne => format!("list[{class} | None]"),
    }
}

/// `COPY "schema"."table" ("a", "b") FROM STDIN` for psycopg's `cursor.copy()`.
fn copy_statement(t: &crate::ir::InsertTarget) -> String {
    let ident = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let table = match &t.schema {
        Some(s) => format!("{}.{}", ident(s), ident(&t.table)),
        None => ident(&t.table),
    };
    let cols: Vec<String> = t.columns.iter().map(|c| ident(c)).collect();
    format!("COPY {table} ({}) FROM STDIN", cols.join(", "))
}

/// The SQL constant of a query: `GET_USER_BY_EMAIL`.
fn constant_name(query: &str) -> String {
    let s = screaming_snake(query);
    if s.is_empty() {
        "QUERY".into()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Q_{s}")
    } else {
        s
    }
}

fn command_word(cmd: QueryCommand) -> String {
    QueryCommand::ALL
        .iter()
        .find(|(_, c)| *c == cmd)
        .map(|(w, _)| format!(":{w}"))
        .unwrap_or_default()
}

fn unsupported(q: &IrQuery, message: String, help: &str) -> GenError {
    GenError::Unsupported {
        file: q.query.file.clone(),
        line: q.query.line,
        query: q.name().to_string(),
        message,
        help: help.to_string(),
    }
}
