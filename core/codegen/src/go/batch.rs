//! `:batchexec`, `:batchone` and `:batchmany`: one statement run for each item of a list.
//!
//! With pgx, the items are queued in one `pgx.Batch` sent in one round trip, and the method
//! returns a `<Name>BatchResults` read back with a callback per item, like sqlc's. With
//! `database/sql`, the statement is prepared once and run for each item in order; the method
//! returns every item's result, or stops at the first error (wrapped with the item's index).

use super::plan::Plan;
use super::queries::{doc, Out};
use super::writer::{self, StructField};
use super::Ctx;
use flash_sql::QueryCommand;

pub fn write(ctx: &Ctx<'_>, p: &Plan<'_>, out: &mut Out) {
    if ctx.pgx() {
        pgx(p, out);
    } else {
        std(p, out);
    }
}

/// `database/sql`: a prepared statement run per item.
fn std(p: &Plan<'_>, out: &mut Out) {
    out.imports.add("fmt");
    let m = &p.method;
    let t = p.row.type_text();
    let dests = p.row.dests();
    let args = p.inline_args("a");
    let sig = format!(
        "func (q *Queries) {m}(ctx context.Context, arg []{})",
        p.item_type()
    );
    let prepare = |fail: &str| {
        format!(
            "\tstmt, err := q.db.PrepareContext(ctx, {})\n\
             \tif err != nil {{\n\
             \t\treturn {fail}err\n\
             \t}}\n\
             \tdefer stmt.Close()\n",
            p.sql_const
        )
    };
    let wrap = format!("fmt.Errorf(\"{m} item %d: %w\", n, err)");
    let (semantics, text) = match p.q.command() {
        QueryCommand::BatchExec => (
            format!(
                "{m} runs the statement for each item of arg in order, prepared once. It stops at \
                 the first error, which wraps the driver's error with the item's index."
            ),
            format!(
                "{sig} error {{\n\
                 {}\
                 \tfor n, a := range arg {{\n\
                 \t\tif _, err := stmt.ExecContext(ctx{args}); err != nil {{\n\
                 \t\t\treturn {wrap}\n\
                 \t\t}}\n\
                 \t}}\n\
                 \treturn nil\n\
                 }}\n",
                prepare("")
            ),
        ),
        QueryCommand::BatchOne => {
            out.imports.add("database/sql");
            out.imports.add("errors");
            (
                format!(
                    "{m} runs the statement for each item of arg in order, prepared once, and \
                     returns the row of each: nil for an item without a row. It stops at the \
                     first error, which wraps the driver's error with the item's index."
                ),
                format!(
                    "{sig} ([]*{t}, error) {{\n\
                     {}\
                     \titems := make([]*{t}, 0, len(arg))\n\
                     \tfor n, a := range arg {{\n\
                     \t\tvar i {t}\n\
                     \t\terr := stmt.QueryRowContext(ctx{args}).Scan({dests})\n\
                     \t\tif errors.Is(err, sql.ErrNoRows) {{\n\
                     \t\t\titems = append(items, nil)\n\
                     \t\t\tcontinue\n\
                     \t\t}}\n\
                     \t\tif err != nil {{\n\
                     \t\t\treturn nil, {wrap}\n\
                     \t\t}}\n\
                     \t\titems = append(items, &i)\n\
                     \t}}\n\
                     \treturn items, nil\n\
                     }}\n",
                    prepare("nil, ")
                ),
            )
        }
        _ => (
            format!(
                "{m} runs the statement for each item of arg in order, prepared once, and returns \
                 the rows of each. It stops at the first error, which wraps the driver's error \
                 with the item's index."
            ),
            format!(
                "{sig} ([][]{t}, error) {{\n\
                 {}\
                 \tout := make([][]{t}, 0, len(arg))\n\
                 \tfor n, a := range arg {{\n\
                 \t\tgot, err := func() ([]{t}, error) {{\n\
                 \t\t\trows, err := stmt.QueryContext(ctx{args})\n\
                 \t\t\tif err != nil {{\n\
                 \t\t\t\treturn nil, err\n\
                 \t\t\t}}\n\
                 \t\t\tdefer rows.Close()\n\
                 \t\t\tvar items []{t}\n\
                 \t\t\tfor rows.Next() {{\n\
                 \t\t\t\tvar i {t}\n\
                 \t\t\t\tif err := rows.Scan({dests}); err != nil {{\n\
                 \t\t\t\t\treturn nil, err\n\
                 \t\t\t\t}}\n\
                 \t\t\t\titems = append(items, i)\n\
                 \t\t\t}}\n\
                 \t\t\tif err := rows.Close(); err != nil {{\n\
                 \t\t\t\treturn nil, err\n\
                 \t\t\t}}\n\
                 \t\t\treturn items, rows.Err()\n\
                 \t\t}}()\n\
                 \t\tif err != nil {{\n\
                 \t\t\treturn nil, {wrap}\n\
                 \t\t}}\n\
                 \t\tout = append(out, got)\n\
                 \t}}\n\
                 \treturn out, nil\n\
                 }}\n",
                prepare("nil, ")
            ),
        ),
    };
    let extra = [
        semantics,
        "Items before a failing one stay applied unless q runs in a transaction (WithTx).".into(),
    ];
    out.push(format!("{}{text}", doc(p, &wrap_lines(&extra))));
}

/// pgx: one `SendBatch`, read back through `<Name>BatchResults`.
fn pgx(p: &Plan<'_>, out: &mut Out) {
    out.imports.add("github.com/jackc/pgx/v5");
    out.helpers.batch_closed = true;
    let m = &p.method;
    let results = format!("{m}BatchResults");
    let t = p.row.type_text();
    let dests = p.row.dests();

    let field = |name: &str, ty: &str| StructField {
        name: name.into(),
        ty: ty.into(),
        tag: String::new(),
    };
    let reader = match p.q.command() {
        QueryCommand::BatchExec => "Exec",
        QueryCommand::BatchOne => "QueryRow",
        _ => "Query",
    };
    out.push(writer::struct_decl(
        &wrap_lines(&[format!(
            "{results} holds the results of {m}: read them once with {reader}, or Close."
        )]),
        &results,
        &[
            field("br", "pgx.BatchResults"),
            field("tot", "int"),
            field("closed", "bool"),
        ],
    ));

    let extra = [format!(
        "{m} queues the statement for each item of arg and sends them in one batch."
    )];
    out.push(format!(
        "{}func (q *Queries) {m}(ctx context.Context, arg []{}) *{results} {{\n\
         \tbatch := &pgx.Batch{{}}\n\
         \tfor _, a := range arg {{\n\
         \t\tbatch.Queue({}{})\n\
         \t}}\n\
         \tbr := q.db.SendBatch(ctx, batch)\n\
         \treturn &{results}{{br: br, tot: len(arg)}}\n\
         }}\n",
        doc(p, &extra),
        p.item_type(),
        p.sql_const,
        p.inline_args("a"),
    ));

    let read = match p.q.command() {
        QueryCommand::BatchExec => format!(
            "// Exec runs f (when not nil) with the index and error of each item in order, and\n\
             // closes the batch.\n\
             func (b *{results}) Exec(f func(int, error)) {{\n\
             \tdefer b.br.Close()\n\
             \tfor t := 0; t < b.tot; t++ {{\n\
             \t\tif b.closed {{\n\
             \t\t\tif f != nil {{\n\
             \t\t\t\tf(t, ErrBatchAlreadyClosed)\n\
             \t\t\t}}\n\
             \t\t\tcontinue\n\
             \t\t}}\n\
             \t\t_, err := b.br.Exec()\n\
             \t\tif f != nil {{\n\
             \t\t\tf(t, err)\n\
             \t\t}}\n\
             \t}}\n\
             }}\n"
        ),
        QueryCommand::BatchOne => format!(
            "// QueryRow runs f (when not nil) with the index, row and error of each item in order\n\
             // (pgx.ErrNoRows for an item without a row), and closes the batch.\n\
             func (b *{results}) QueryRow(f func(int, {t}, error)) {{\n\
             \tdefer b.br.Close()\n\
             \tfor t := 0; t < b.tot; t++ {{\n\
             \t\tvar i {t}\n\
             \t\tif b.closed {{\n\
             \t\t\tif f != nil {{\n\
             \t\t\t\tf(t, i, ErrBatchAlreadyClosed)\n\
             \t\t\t}}\n\
             \t\t\tcontinue\n\
             \t\t}}\n\
             \t\trow := b.br.QueryRow()\n\
             \t\terr := row.Scan({dests})\n\
             \t\tif f != nil {{\n\
             \t\t\tf(t, i, err)\n\
             \t\t}}\n\
             \t}}\n\
             }}\n"
        ),
        _ => format!(
            "// Query runs f (when not nil) with the index, rows and error of each item in order,\n\
             // and closes the batch.\n\
             func (b *{results}) Query(f func(int, []{t}, error)) {{\n\
             \tdefer b.br.Close()\n\
             \tfor t := 0; t < b.tot; t++ {{\n\
             \t\tvar items []{t}\n\
             \t\tif b.closed {{\n\
             \t\t\tif f != nil {{\n\
             \t\t\t\tf(t, items, ErrBatchAlreadyClosed)\n\
             \t\t\t}}\n\
             \t\t\tcontinue\n\
             \t\t}}\n\
             \t\terr := func() error {{\n\
             \t\t\trows, err := b.br.Query()\n\
             \t\t\tif err != nil {{\n\
             \t\t\t\treturn err\n\
             \t\t\t}}\n\
             \t\t\tdefer rows.Close()\n\
             \t\t\tfor rows.Next() {{\n\
             \t\t\t\tvar i {t}\n\
             \t\t\t\tif err := rows.Scan({dests}); err != nil {{\n\
             \t\t\t\t\treturn err\n\
             \t\t\t\t}}\n\
             \t\t\t\titems = append(items, i)\n\
             \t\t\t}}\n\
             \t\t\treturn rows.Err()\n\
             \t\t}}()\n\
             \t\tif f != nil {{\n\
             \t\t\tf(t, items, err)\n\
             \t\t}}\n\
             \t}}\n\
             }}\n"
        ),
    };
    out.push(read);
    out.push(format!(
        "// Close closes the batch; items not read yet report ErrBatchAlreadyClosed.\n\
         func (b *{results}) Close() error {{\n\
         \tb.closed = true\n\
         \treturn b.br.Close()\n\
         }}\n"
    ));
}

/// Prose wrapped at about 90 columns, for doc comments.
pub fn wrap_lines(paragraphs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for para in paragraphs {
        for word in para.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > 90 {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}
