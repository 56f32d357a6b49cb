//! `:copyfrom`: many rows inserted at once, from `[]<Name>Params`.
//!
//! pgx uses COPY into the insert's table and columns. `database/sql` builds multi-row
//! INSERT statements at run time, each with as many rows as the driver's placeholder limit
//! allows, and returns the total of rows inserted.

use super::batch::wrap_lines;
use super::plan::Plan;
use super::queries::{doc, Out};
use super::writer;
use super::Ctx;
use flash_schema::Provider;

/// The most placeholders one statement may have.
fn placeholder_limit(provider: Provider) -> usize {
    match provider {
        // SQLITE_MAX_VARIABLE_NUMBER since SQLite 3.32.
        Provider::Sqlite => 32766,
        // A 16-bit count in the protocols of both.
        _ => 65535,
    }
}

/// `"name"`, or `` `name` `` on MySQL.
fn quote_ident(provider: Provider, name: &str) -> String {
    match provider {
        Provider::Mysql => format!("`{}`", name.replace('`', "``")),
        _ => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

pub fn write(ctx: &Ctx<'_>, p: &Plan<'_>, out: &mut Out) {
    // `plan` refuses a :copyfrom without a target, so this only guards the invariant.
    let Some(target) = &p.q.insert else {
        return;
    };
    let m = &p.method;
    let cols = target.columns.len();
    if ctx.pgx() {
        out.imports.add("github.com/jackc/pgx/v5");
        let mut table: Vec<String> = target.schema.iter().cloned().collect();
        table.push(target.table.clone());
        let table = table.iter().map(|s| writer::quote(s)).collect::<Vec<_>>();
        let columns = target
            .columns
            .iter()
            .map(|s| writer::quote(s))
            .collect::<Vec<_>>();
        let values = (0..p.params.len())
            .map(|i| p.value_in(i, "arg[n]"))
            .collect::<Vec<_>>()
            .join(", ");
        let extra = [format!(
            "{m} copies arg into {} with COPY, and returns the number of rows copied.",
            target.table
        )];
        out.push(format!(
            "{}func (q *Queries) {m}(ctx context.Context, arg []{}) (int64, error) {{\n\
             \trows := pgx.CopyFromSlice(len(arg), func(n int) ([]any, error) {{\n\
             \t\treturn []any{{{values}}}, nil\n\
             \t}})\n\
             \treturn q.db.CopyFrom(ctx, pgx.Identifier{{{}}}, []string{{{}}}, rows)\n\
             }}\n",
            doc(p, &wrap_lines(&extra)),
            p.item_type(),
            table.join(", "),
            columns.join(", "),
        ));
        return;
    }

    out.helpers.copy_values = true;
    let provider = ctx.req.provider;
    let mut table = target
        .schema
        .iter()
        .map(|s| quote_ident(provider, s))
        .collect::<Vec<_>>();
    table.push(quote_ident(provider, &target.table));
    let columns = target
        .columns
        .iter()
        .map(|c| quote_ident(provider, c))
        .collect::<Vec<_>>();
    let insert = format!(
        "-- name: {} :copyfrom\nINSERT INTO {} ({}) VALUES ",
        p.q.name(),
        table.join("."),
        columns.join(", ")
    );
    out.push(format!(
        "const {} = {}\n",
        p.sql_const,
        writer::raw(&insert)
    ));
    let values = (0..p.params.len())
        .map(|i| p.params[i].ty.arg(&p.value_in(i, "a")))
        .collect::<Vec<_>>()
        .join(", ");
    let limit = placeholder_limit(provider);
    let extra = [
        format!(
            "{m} inserts arg into {} with multi-row INSERT statements of up to {} rows \
             each ({limit} placeholders), and returns the number of rows inserted.",
            target.table,
            limit / cols
        ),
        "The statements are not atomic together: run it in a transaction (WithTx) for all or \
         nothing."
            .into(),
    ];
    out.push(format!(
        "{}func (q *Queries) {m}(ctx context.Context, arg []{}) (int64, error) {{\n\
         \tconst maxRows = {limit} / {cols}\n\
         \tvar total int64\n\
         \tfor len(arg) > 0 {{\n\
         \t\tn := min(len(arg), maxRows)\n\
         \t\targs := make([]any, 0, n*{cols})\n\
         \t\tfor _, a := range arg[:n] {{\n\
         \t\t\targs = append(args, {values})\n\
         \t\t}}\n\
         \t\tquery := {} + copyValues(n, {cols})\n\
         \t\tresult, err := q.db.ExecContext(ctx, query, args...)\n\
         \t\tif err != nil {{\n\
         \t\t\treturn total, err\n\
         \t\t}}\n\
         \t\taffected, err := result.RowsAffected()\n\
         \t\tif err != nil {{\n\
         \t\t\treturn total, err\n\
         \t\t}}\n\
         \t\ttotal += affected\n\
         \t\targ = arg[n:]\n\
         \t}}\n\
         \treturn total, nil\n\
         }}\n",
        doc(p, &wrap_lines(&extra)),
        p.item_type(),
        p.sql_const,
    ));
}
