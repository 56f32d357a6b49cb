//! What each query becomes before any code is written: the method and constant names, the
//! SQL to send with the order of its arguments, the Go type of each parameter and of the
//! result. Every check that can refuse a query happens here.

use super::keywords;
use super::names::{fields, Origin, Registry, HELPERS};
use super::types::GoType;
use super::Ctx;
use crate::naming::{go_camel, go_pascal};
use crate::{GenError, IrQuery};
use flash_schema::{Provider, TypeKind};
use flash_sql::placeholders::slice_marker;
use flash_sql::{rewrite, Placeholders, QueryCommand};

/// The locals generated bodies use: a parameter may not take one of these names.
const LOCALS: &[&str] = &[
    "a", "affected", "arg", "args", "b", "batch", "br", "ctx", "err", "f", "got", "i", "items",
    "n", "out", "q", "query", "result", "row", "rows", "stmt", "t", "total", "v",
];

/// A query parameter in Go.
#[derive(Debug, Clone)]
pub struct Param {
    /// The field of the `Params` struct (`AuthorID`).
    pub field: String,
    /// The argument name when it is the only parameter (`authorID`).
    pub local: String,
    /// The column name as written in SQL, for the field's tag.
    pub sql_name: String,
    /// The type of the value, or of each element of a slice.
    pub ty: GoType,
    /// A `sqlc.slice` list: `[]T`, its marker expanded at run time.
    pub slice: bool,
    /// The marker that stands for the list in the SQL (`/*SLICE:ids*/?`).
    pub marker: String,
}

impl Param {
    /// The type of the Go argument or field.
    pub fn go_type(&self) -> String {
        if self.slice {
            format!("[]{}", self.ty.text)
        } else {
            self.ty.text.clone()
        }
    }
}

/// How the method takes its parameters.
#[derive(Debug, Clone)]
pub enum Args {
    None,
    /// One parameter, passed as itself.
    Single,
    /// A `<Name>Params` struct.
    Struct(String),
}

/// One field of a result row.
#[derive(Debug, Clone)]
pub struct Column {
    pub field: String,
    pub sql_name: String,
    pub ty: GoType,
}

/// What a row of the result is in Go.
#[derive(Debug, Clone)]
pub enum Row {
    /// The statement returns no rows (or the command ignores them).
    None,
    /// One column: its value itself.
    Scalar(GoType),
    /// A struct: a model of the catalog (`declare: false`) or `<Name>Row`.
    Struct {
        name: String,
        columns: Vec<Column>,
        declare: bool,
    },
}

impl Row {
    /// The Go type of one row.
    pub fn type_text(&self) -> String {
        match self {
            Row::None => String::new(),
            Row::Scalar(t) => t.text.clone(),
            Row::Struct { name, .. } => name.clone(),
        }
    }

    /// The `Scan` destinations of a row held in the local `i`.
    pub fn dests(&self) -> String {
        match self {
            Row::None => String::new(),
            Row::Scalar(t) => t.dest("i"),
            Row::Struct { columns, .. } => columns
                .iter()
                .map(|c| c.ty.dest(&format!("i.{}", c.field)))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// Everything the writers need about one query.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    pub q: &'a IrQuery,
    /// `GetUserByEmail`.
    pub method: String,
    /// `getUserByEmail`: the constant holding the SQL.
    pub sql_const: String,
    /// The SQL to send, in the driver's placeholder style (`/*SLICE:x*/?` markers left in).
    pub sql: String,
    /// For each placeholder in order, the parameter it binds.
    pub binds: Vec<usize>,
    pub params: Vec<Param>,
    pub args: Args,
    pub row: Row,
}

impl Plan<'_> {
    /// The file and line of the query, for errors.
    fn unsupported(q: &IrQuery, message: String, help: &str) -> GenError {
        GenError::Unsupported {
            file: q.query.file.clone(),
            line: q.query.line,
            query: q.query.name.clone(),
            message,
            help: help.to_string(),
        }
    }

    /// Whether any parameter is a slice.
    pub fn has_slice(&self) -> bool {
        self.params.iter().any(|p| p.slice)
    }

    /// The expression of parameter `i`'s value when the arguments are `arg` or the single
    /// parameter's local: `arg.Email`, `email`.
    pub fn value(&self, i: usize) -> String {
        self.value_in(i, "arg")
    }

    /// The expression of parameter `i` inside a struct held by `holder` (`a`, `arg[n]`), or
    /// `holder` itself for a single parameter given as a plain value in a list.
    pub fn value_in(&self, i: usize, holder: &str) -> String {
        match &self.args {
            Args::Struct(_) => format!("{holder}.{}", self.params[i].field),
            Args::Single if holder == "arg" => self.params[i].local.clone(),
            _ => holder.to_string(),
        }
    }

    /// `, arg.A, arg.B`: the bound arguments of a query without slices, each through its
    /// type's binding, after the SQL argument.
    pub fn inline_args(&self, holder: &str) -> String {
        self.binds
            .iter()
            .map(|&i| format!(", {}", self.params[i].ty.arg(&self.value_in(i, holder))))
            .collect()
    }

    /// The method's parameter list after `ctx context.Context`.
    pub fn signature_args(&self) -> String {
        match &self.args {
            Args::None => String::new(),
            Args::Single => format!(", {} {}", self.params[0].local, self.params[0].go_type()),
            Args::Struct(name) => format!(", arg {name}"),
        }
    }

    /// The type of one item of a `:copyfrom` or batch list.
    pub fn item_type(&self) -> String {
        match &self.args {
            Args::Struct(name) => name.clone(),
            Args::Single => self.params[0].go_type(),
            Args::None => "struct{}".into(),
        }
    }
}

/// Plans one query; declares its package-level names in `reg`.
pub fn plan<'a>(ctx: &Ctx<'_>, q: &'a IrQuery, reg: &mut Registry) -> Result<Plan<'a>, GenError> {
    let cmd = q.command();
    let origin = |what: String| Origin {
        file: q.query.file.clone(),
        line: q.query.line,
        what,
    };
    let method = keywords::exported(go_pascal(q.name()), "Query");
    if method == "WithTx" {
        return Err(GenError::NameClash {
            file: q.query.file.clone(),
            line: q.query.line,
            message: format!(
                "query {} would be a method named WithTx, which db.go declares",
                q.name()
            ),
            help: "rename the query".into(),
        });
    }
    reg.claim_method(&method, origin(format!("query {}", q.name())))?;

    // `getUserByEmail`; `selectSQL` for a query named like a keyword or another name.
    let mut sql_const = go_camel(q.name());
    if sql_const.is_empty() || !keywords::is_identifier(&sql_const) {
        sql_const = format!("q{method}");
    }
    if !reg.is_free(&sql_const) {
        sql_const.push_str("SQL");
    }
    let needs_const = !(ctx.pgx() && cmd == QueryCommand::CopyFrom);
    if needs_const {
        reg.claim(&sql_const, origin(format!("the SQL of query {}", q.name())))?;
    }

    let style = if ctx.req.provider == Provider::Postgresql {
        Placeholders::Dollar
    } else {
        Placeholders::Question
    };
    let rewritten = rewrite(&q.query, style).map_err(|e| {
        Plan::unsupported(
            q,
            format!(
                "sqlc.slice({}) cannot be expanded with $N placeholders",
                e.param
            ),
            "on PostgreSQL pass an array instead: `WHERE id = ANY(@ids::bigint[])`",
        )
    })?;

    let params = params(ctx, q, &sql_const);
    let args = match params.len() {
        0 => Args::None,
        1 if !matches!(cmd, QueryCommand::CopyFrom) => Args::Single,
        _ => {
            let name = format!("{method}Params");
            reg.claim(
                &name,
                origin(format!("the parameters of query {}", q.name())),
            )?;
            Args::Struct(name)
        }
    };
    let row = row(ctx, q, &method, reg)?;
    let batch = matches!(
        cmd,
        QueryCommand::BatchExec | QueryCommand::BatchOne | QueryCommand::BatchMany
    );
    if batch && ctx.pgx() {
        reg.claim(
            &format!("{method}BatchResults"),
            origin(format!("the batch results of query {}", q.name())),
        )?;
    }

    let plan = Plan {
        q,
        sql: format!(
            "-- name: {} :{}\n{}\n",
            q.name(),
            command_word(cmd),
            rewritten.sql.trim_end()
        ),
        binds: rewritten.binds,
        method,
        sql_const,
        params,
        args,
        row,
    };
    check(ctx, &plan)?;
    Ok(plan)
}

/// The word after the name in the query file (`one`, `execrows`).
pub fn command_word(cmd: QueryCommand) -> &'static str {
    QueryCommand::ALL
        .iter()
        .find(|(_, c)| *c == cmd)
        .map_or("exec", |(w, _)| w)
}

fn params(ctx: &Ctx<'_>, q: &IrQuery, sql_const: &str) -> Vec<Param> {
    let names = fields(q.params.iter().map(|p| p.name.as_str()));
    q.params
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (p, field))| {
            let mut local = keywords::local(go_camel(&p.name), &format!("p{}", i + 1));
            // A parameter must not hide a local of the body, the query's SQL constant or a
            // helper the body calls.
            if LOCALS.contains(&local.as_str())
                || local == sql_const
                || HELPERS.contains(&local.as_str())
            {
                local.push_str("Arg");
            }
            let marker = q
                .query
                .params
                .get(i)
                .and_then(|s| s.name.as_deref())
                .map(|n| format!("{}?", slice_marker(n)))
                .unwrap_or_default();
            Param {
                field,
                local,
                sql_name: p.name.clone(),
                ty: ctx.types.go(&p.ty, p.nullable),
                slice: p.slice,
                marker,
            }
        })
        .collect()
}

fn row(ctx: &Ctx<'_>, q: &IrQuery, method: &str, reg: &mut Registry) -> Result<Row, GenError> {
    let returns_rows = matches!(
        q.command(),
        QueryCommand::One | QueryCommand::Many | QueryCommand::BatchOne | QueryCommand::BatchMany
    );
    if !returns_rows {
        return Ok(Row::None);
    }
    if q.columns.is_empty() {
        return Err(Plan::unsupported(
            q,
            format!(
                ":{} needs a statement that returns rows",
                command_word(q.command())
            ),
            "add a RETURNING clause, or use :exec or :execrows",
        ));
    }
    if let Some(model) = q.model.as_deref().and_then(|m| ctx.model(m)) {
        return Ok(Row::Struct {
            name: model.name.clone(),
            columns: model.columns.clone(),
            declare: false,
        });
    }
    if let [c] = q.columns.as_slice() {
        return Ok(Row::Scalar(ctx.types.go(&c.ty, c.nullable)));
    }
    let name = format!("{method}Row");
    reg.claim(
        &name,
        Origin {
            file: q.query.file.clone(),
            line: q.query.line,
            what: format!("the row of query {}", q.name()),
        },
    )?;
    let names = fields(q.columns.iter().map(|c| c.name.as_str()));
    Ok(Row::Struct {
        name,
        columns: q
            .columns
            .iter()
            .zip(names)
            .map(|(c, field)| Column {
                field,
                sql_name: c.name.clone(),
                ty: ctx.types.go(&c.ty, c.nullable),
            })
            .collect(),
        declare: true,
    })
}

/// What a command needs of the query beyond its shape.
fn check(ctx: &Ctx<'_>, p: &Plan<'_>) -> Result<(), GenError> {
    let q = p.q;
    let cmd = q.command();
    let batch = matches!(
        cmd,
        QueryCommand::BatchExec | QueryCommand::BatchOne | QueryCommand::BatchMany
    );
    if (batch || cmd == QueryCommand::CopyFrom) && p.has_slice() {
        return Err(Plan::unsupported(
            q,
            format!(
                ":{} runs one statement for many items, which a sqlc.slice list would change per item",
                command_word(cmd)
            ),
            "use :exec, :one or :many for a query with sqlc.slice",
        ));
    }
    if batch && p.params.is_empty() {
        return Err(Plan::unsupported(
            q,
            format!(
                ":{} needs parameters: it runs once per item",
                command_word(cmd)
            ),
            "use :exec, :one or :many",
        ));
    }
    if cmd == QueryCommand::CopyFrom {
        let Some(target) = &q.insert else {
            return Err(Plan::unsupported(
                q,
                ":copyfrom needs an INSERT INTO table (columns) VALUES (...) statement".into(),
                "write the query as `INSERT INTO t (a, b) VALUES (@a, @b)`",
            ));
        };
        if target.columns.is_empty() || target.columns.len() != p.params.len() {
            return Err(Plan::unsupported(
                q,
                ":copyfrom needs one parameter per inserted column".into(),
                "write the query as `INSERT INTO t (a, b) VALUES (@a, @b)` with plain parameters",
            ));
        }
    }
    if cmd == QueryCommand::ExecLastId && ctx.req.provider == Provider::Postgresql {
        let one_int = matches!(q.columns.as_slice(), [c] if matches!(c.ty, TypeKind::Int { .. }));
        if !one_int {
            return Err(Plan::unsupported(
                q,
                ":execlastid on PostgreSQL needs the statement to return the id: one integer column"
                    .into(),
                "add `RETURNING id` to the statement, or use :one to return other columns",
            ));
        }
    }
    Ok(())
}
