//! The methods of `:one`, `:many`, `:exec`, `:execrows`, `:execresult` and `:execlastid`.

use super::plan::Plan;
use super::queries::{doc, Out};
use super::Ctx;
use flash_schema::Provider;
use flash_sql::QueryCommand;

/// How a method hands its SQL and arguments to the driver.
pub struct Call {
    /// Statements run first (building `query` and `args` for a slice).
    pub prelude: String,
    /// `, getUser, arg.A, arg.B` or `, query, args...`: what follows `ctx` in the call.
    pub tail: String,
}

/// The call of a query: the SQL constant with its arguments inline, or, with a `sqlc.slice`,
/// the SQL with each list's marker expanded and the arguments collected in order.
pub fn call(p: &Plan<'_>, out: &mut Out) -> Call {
    if !p.has_slice() {
        return Call {
            prelude: String::new(),
            tail: format!(", {}{}", p.sql_const, p.inline_args("arg")),
        };
    }
    out.helpers.expand_slice = true;
    let mut pre = format!("\tquery := {}\n", p.sql_const);
    for (i, prm) in p.params.iter().enumerate() {
        if prm.slice {
            pre.push_str(&format!(
                "\tquery = expandSlice(query, {}, len({}))\n",
                super::writer::quote(&prm.marker),
                p.value(i)
            ));
        }
    }
    pre.push_str("\tvar args []any\n");
    // Consecutive plain arguments go in one append; each list is appended element by element.
    let mut pending: Vec<String> = Vec::new();
    let flush = |pending: &mut Vec<String>, pre: &mut String| {
        if !pending.is_empty() {
            pre.push_str(&format!("\targs = append(args, {})\n", pending.join(", ")));
            pending.clear();
        }
    };
    for &i in &p.binds {
        let prm = &p.params[i];
        if prm.slice {
            flush(&mut pending, &mut pre);
            pre.push_str(&format!(
                "\tfor _, v := range {} {{\n\t\targs = append(args, {})\n\t}}\n",
                p.value(i),
                prm.ty.arg("v")
            ));
        } else {
            pending.push(prm.ty.arg(&p.value(i)));
        }
    }
    flush(&mut pending, &mut pre);
    Call {
        prelude: pre,
        tail: ", query, args...".into(),
    }
}

/// The method of a query run once.
pub fn write(ctx: &Ctx<'_>, p: &Plan<'_>, out: &mut Out) {
    let pgx = ctx.pgx();
    let (exec, query, query_row) = if pgx {
        ("Exec", "Query", "QueryRow")
    } else {
        ("ExecContext", "QueryContext", "QueryRowContext")
    };
    let c = call(p, out);
    let pre = &c.prelude;
    let tail = &c.tail;
    let head = format!(
        "{}func (q *Queries) {}(ctx context.Context{})",
        doc(p, &[]),
        p.method,
        p.signature_args()
    );
    let t = p.row.type_text();
    let dests = p.row.dests();
    let body = match p.q.command() {
        QueryCommand::One => format!(
            " ({t}, error) {{\n\
             {pre}\
             \trow := q.db.{query_row}(ctx{tail})\n\
             \tvar i {t}\n\
             \terr := row.Scan({dests})\n\
             \treturn i, err\n\
             }}\n"
        ),
        QueryCommand::Many => {
            // database/sql reports an error of closing the rows only from Close.
            let close = if pgx {
                ""
            } else {
                "\tif err := rows.Close(); err != nil {\n\
                 \t\treturn nil, err\n\
                 \t}\n"
            };
            format!(
                " ([]{t}, error) {{\n\
                 {pre}\
                 \trows, err := q.db.{query}(ctx{tail})\n\
                 \tif err != nil {{\n\
                 \t\treturn nil, err\n\
                 \t}}\n\
                 \tdefer rows.Close()\n\
                 \tvar items []{t}\n\
                 \tfor rows.Next() {{\n\
                 \t\tvar i {t}\n\
                 \t\tif err := rows.Scan({dests}); err != nil {{\n\
                 \t\t\treturn nil, err\n\
                 \t\t}}\n\
                 \t\titems = append(items, i)\n\
                 \t}}\n\
                 {close}\
                 \tif err := rows.Err(); err != nil {{\n\
                 \t\treturn nil, err\n\
                 \t}}\n\
                 \treturn items, nil\n\
                 }}\n"
            )
        }
        QueryCommand::ExecRows => {
            let affected = if pgx {
                "result.RowsAffected(), nil"
            } else {
                "result.RowsAffected()"
            };
            format!(
                " (int64, error) {{\n\
                 {pre}\
                 \tresult, err := q.db.{exec}(ctx{tail})\n\
                 \tif err != nil {{\n\
                 \t\treturn 0, err\n\
                 \t}}\n\
                 \treturn {affected}\n\
                 }}\n"
            )
        }
        QueryCommand::ExecResult => {
            let t = if pgx {
                out.imports.add("github.com/jackc/pgx/v5/pgconn");
                "pgconn.CommandTag"
            } else {
                out.imports.add("database/sql");
                "sql.Result"
            };
            format!(
                " ({t}, error) {{\n\
                 {pre}\
                 \treturn q.db.{exec}(ctx{tail})\n\
                 }}\n"
            )
        }
        QueryCommand::ExecLastId if ctx.req.provider == Provider::Postgresql => format!(
            " (int64, error) {{\n\
             {pre}\
             \trow := q.db.{query_row}(ctx{tail})\n\
             \tvar i int64\n\
             \terr := row.Scan(&i)\n\
             \treturn i, err\n\
             }}\n"
        ),
        QueryCommand::ExecLastId => format!(
            " (int64, error) {{\n\
             {pre}\
             \tresult, err := q.db.{exec}(ctx{tail})\n\
             \tif err != nil {{\n\
             \t\treturn 0, err\n\
             \t}}\n\
             \treturn result.LastInsertId()\n\
             }}\n"
        ),
        // `:exec`; the batch and copy commands have their own writers.
        _ => format!(
            " error {{\n\
             {pre}\
             \t_, err := q.db.{exec}(ctx{tail})\n\
             \treturn err\n\
             }}\n"
        ),
    };
    out.push(format!("{head}{body}"));
}
