//! `db.go`: the connection interface, `Queries`, and the helpers the query files call.

use super::writer::{self, Imports};
use super::{Ctx, Helpers};
use flash_schema::Provider;

/// The whole `db.go`.
pub fn file(ctx: &Ctx<'_>, helpers: Helpers) -> String {
    let mut imports = Imports::default();
    imports.add("context");
    let mut decls = if ctx.pgx() {
        imports.add("github.com/jackc/pgx/v5");
        imports.add("github.com/jackc/pgx/v5/pgconn");
        pgx_core()
    } else {
        imports.add("database/sql");
        std_core()
    };
    if helpers.batch_closed {
        imports.add("errors");
        decls.push(
            "// ErrBatchAlreadyClosed is what the items of a batch not read before Close report.\n\
             var ErrBatchAlreadyClosed = errors.New(\"batch already closed\")\n"
                .into(),
        );
    }
    if helpers.json_dest {
        imports.add("encoding/json");
        imports.add("fmt");
        decls.push(JSON_DEST.into());
    }
    if helpers.json_arg {
        imports.add("encoding/json");
        decls.push(JSON_ARG.into());
    }
    if helpers.sqlite_time {
        imports.add("database/sql");
        imports.add("fmt");
        imports.add("time");
        decls.push(SQLITE_TIME.into());
    }
    if helpers.sqlite_time_arg {
        decls.push(SQLITE_TIME_ARG.into());
    }
    if helpers.sqlite_date_arg {
        decls.push(SQLITE_DATE_ARG.into());
    }
    if helpers.sqlite_time_arg || helpers.sqlite_date_arg {
        imports.add("database/sql");
        imports.add("time");
        decls.push(SQLITE_TIME_OF.into());
    }
    if helpers.expand_slice {
        imports.add("strings");
        decls.push(EXPAND_SLICE.into());
    }
    if helpers.copy_values {
        imports.add("strings");
        let dollar = ctx.req.provider == Provider::Postgresql;
        if dollar {
            imports.add("strconv");
        }
        decls.push(copy_values(dollar));
    }
    writer::file(&ctx.opts.package, &imports, &decls)
}

fn std_core() -> Vec<String> {
    vec![
        "// DBTX is what the queries run on: *sql.DB, *sql.Tx or *sql.Conn.\n\
         type DBTX interface {\n\
         \tExecContext(context.Context, string, ...any) (sql.Result, error)\n\
         \tPrepareContext(context.Context, string) (*sql.Stmt, error)\n\
         \tQueryContext(context.Context, string, ...any) (*sql.Rows, error)\n\
         \tQueryRowContext(context.Context, string, ...any) *sql.Row\n\
         }\n"
        .into(),
        NEW.into(),
        QUERIES.into(),
        "// WithTx returns the queries run in tx.\n\
         func (q *Queries) WithTx(tx *sql.Tx) *Queries {\n\
         \treturn &Queries{db: tx}\n\
         }\n"
        .into(),
    ]
}

fn pgx_core() -> Vec<String> {
    vec![
        "// DBTX is what the queries run on: *pgx.Conn, *pgxpool.Pool or pgx.Tx.\n\
         type DBTX interface {\n\
         \tExec(context.Context, string, ...any) (pgconn.CommandTag, error)\n\
         \tQuery(context.Context, string, ...any) (pgx.Rows, error)\n\
         \tQueryRow(context.Context, string, ...any) pgx.Row\n\
         \tCopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error)\n\
         \tSendBatch(context.Context, *pgx.Batch) pgx.BatchResults\n\
         }\n"
            .into(),
        NEW.into(),
        QUERIES.into(),
        "// WithTx returns the queries run in tx.\n\
         func (q *Queries) WithTx(tx pgx.Tx) *Queries {\n\
         \treturn &Queries{db: tx}\n\
         }\n"
            .into(),
    ]
}

const NEW: &str = "// New returns the queries, run on db.\n\
func New(db DBTX) *Queries {\n\
\treturn &Queries{db: db}\n\
}\n";

const QUERIES: &str =
    "// Queries has a method per query. It holds nothing but the connection, so it is safe for\n\
// concurrent use when the connection is (a pool is; a transaction is not).\n\
type Queries struct {\n\
\tdb DBTX\n\
}\n";

const JSON_DEST: &str =
    "// jsonDest scans a JSON value, which drivers return as text or bytes, into a\n\
// json.RawMessage; NULL gives nil.\n\
type jsonDest struct {\n\
\tdst *json.RawMessage\n\
}\n\
\n\
// Scan implements sql.Scanner.\n\
func (j jsonDest) Scan(src any) error {\n\
\tswitch s := src.(type) {\n\
\tcase nil:\n\
\t\t*j.dst = nil\n\
\tcase []byte:\n\
\t\t*j.dst = append(json.RawMessage(nil), s...)\n\
\tcase string:\n\
\t\t*j.dst = json.RawMessage(s)\n\
\tdefault:\n\
\t\treturn fmt.Errorf(\"cannot scan %T into json.RawMessage\", src)\n\
\t}\n\
\treturn nil\n\
}\n";

const JSON_ARG: &str =
    "// jsonArg binds a JSON value as text, which every driver sends to a JSON column; nil is\n\
// NULL.\n\
func jsonArg(v json.RawMessage) any {\n\
\tif v == nil {\n\
\t\treturn nil\n\
\t}\n\
\treturn string(v)\n\
}\n";

const SQLITE_TIME: &str =
    "// sqliteTime scans a SQLite date or timestamp into a time.Time, sql.NullTime or *time.Time.\n\
// Drivers parse a column declared DATE, DATETIME or TIMESTAMP, but return the value of an\n\
// expression (max(at), date(at)) as the text SQLite stores, which this parses.\n\
type sqliteTime[T time.Time | sql.NullTime | *time.Time] struct {\n\
\tdst *T\n\
}\n\
\n\
// Scan implements sql.Scanner.\n\
func (s sqliteTime[T]) Scan(src any) error {\n\
\tvar t time.Time\n\
\tswitch v := src.(type) {\n\
\tcase nil:\n\
\t\tswitch d := any(s.dst).(type) {\n\
\t\tcase *sql.NullTime:\n\
\t\t\t*d = sql.NullTime{}\n\
\t\t\treturn nil\n\
\t\tcase **time.Time:\n\
\t\t\t*d = nil\n\
\t\t\treturn nil\n\
\t\t}\n\
\t\treturn fmt.Errorf(\"cannot scan NULL into time.Time\")\n\
\tcase time.Time:\n\
\t\tt = v\n\
\tcase []byte:\n\
\t\treturn s.Scan(string(v))\n\
\tcase string:\n\
\t\tp, err := parseSQLiteTime(v)\n\
\t\tif err != nil {\n\
\t\t\treturn err\n\
\t\t}\n\
\t\tt = p\n\
\tdefault:\n\
\t\treturn fmt.Errorf(\"cannot scan %T into time.Time\", src)\n\
\t}\n\
\tswitch d := any(s.dst).(type) {\n\
\tcase *time.Time:\n\
\t\t*d = t\n\
\tcase *sql.NullTime:\n\
\t\t*d = sql.NullTime{Time: t, Valid: true}\n\
\tcase **time.Time:\n\
\t\t*d = &t\n\
\t}\n\
\treturn nil\n\
}\n\
\n\
// parseSQLiteTime parses the text forms of SQLite's date and time functions (2024-03-01,\n\
// 2024-03-01 08:00:00, with a T, a fraction or a zone); a time without a zone is UTC.\n\
func parseSQLiteTime(s string) (time.Time, error) {\n\
\tfor _, layout := range []string{\n\
\t\t\"2006-01-02 15:04:05Z07:00\",\n\
\t\t\"2006-01-02T15:04:05Z07:00\",\n\
\t\t\"2006-01-02 15:04:05\",\n\
\t\t\"2006-01-02T15:04:05\",\n\
\t\t\"2006-01-02 15:04\",\n\
\t\t\"2006-01-02T15:04\",\n\
\t\t\"2006-01-02\",\n\
\t} {\n\
\t\tif t, err := time.Parse(layout, s); err == nil {\n\
\t\t\treturn t, nil\n\
\t\t}\n\
\t}\n\
\treturn time.Time{}, fmt.Errorf(\"cannot parse %q as a SQLite date or time\", s)\n\
}\n";

const SQLITE_TIME_ARG: &str =
    "// sqliteTimeArg binds a timestamp as the text SQLite's datetime() writes, in UTC\n\
// (2024-03-01 08:00:00, with a fraction when there is one): every SQLite driver sends it as\n\
// it is, and it sorts like the time it holds. NULL stays NULL.\n\
func sqliteTimeArg[T time.Time | sql.NullTime | *time.Time](v T) any {\n\
\tt, ok := sqliteTimeOf(v)\n\
\tif !ok {\n\
\t\treturn nil\n\
\t}\n\
\treturn t.UTC().Format(\"2006-01-02 15:04:05.999999999\")\n\
}\n";

const SQLITE_DATE_ARG: &str =
    "// sqliteDateArg binds a date as the text SQLite's date() writes (2024-03-01): the day as\n\
// written, whatever the time's location. NULL stays NULL.\n\
func sqliteDateArg[T time.Time | sql.NullTime | *time.Time](v T) any {\n\
\tt, ok := sqliteTimeOf(v)\n\
\tif !ok {\n\
\t\treturn nil\n\
\t}\n\
\treturn t.Format(\"2006-01-02\")\n\
}\n";

const SQLITE_TIME_OF: &str =
    "// sqliteTimeOf returns the time a time.Time, sql.NullTime or *time.Time holds; false for\n\
// NULL.\n\
func sqliteTimeOf[T time.Time | sql.NullTime | *time.Time](v T) (time.Time, bool) {\n\
\tswitch x := any(v).(type) {\n\
\tcase time.Time:\n\
\t\treturn x, true\n\
\tcase sql.NullTime:\n\
\t\treturn x.Time, x.Valid\n\
\tcase *time.Time:\n\
\t\tif x != nil {\n\
\t\t\treturn *x, true\n\
\t\t}\n\
\t}\n\
\treturn time.Time{}, false\n\
}\n";

const EXPAND_SLICE: &str =
    "// expandSlice writes one placeholder per element of a list where its marker stands in\n\
// query; an empty list gives NULL, so `IN (NULL)` matches no row.\n\
func expandSlice(query, marker string, n int) string {\n\
\tif n == 0 {\n\
\t\treturn strings.ReplaceAll(query, marker, \"NULL\")\n\
\t}\n\
\treturn strings.ReplaceAll(query, marker, strings.Repeat(\"?, \", n-1)+\"?\")\n\
}\n";

/// `copyValues(rows, cols)`: the VALUES tuples of a multi-row INSERT.
fn copy_values(dollar: bool) -> String {
    let placeholder = if dollar {
        "\t\t\tb.WriteString(\"$\" + strconv.Itoa(r*cols+c+1))\n"
    } else {
        "\t\t\tb.WriteByte('?')\n"
    };
    format!(
        "// copyValues returns the VALUES list of a multi-row INSERT: rows tuples of cols\n\
         // placeholders each.\n\
         func copyValues(rows, cols int) string {{\n\
         \tvar b strings.Builder\n\
         \tfor r := 0; r < rows; r++ {{\n\
         \t\tif r > 0 {{\n\
         \t\t\tb.WriteString(\", \")\n\
         \t\t}}\n\
         \t\tb.WriteByte('(')\n\
         \t\tfor c := 0; c < cols; c++ {{\n\
         \t\t\tif c > 0 {{\n\
         \t\t\t\tb.WriteString(\", \")\n\
         \t\t\t}}\n\
         {placeholder}\
         \t\t}}\n\
         \t\tb.WriteByte(')')\n\
         \t}}\n\
         \treturn b.String()\n\
         }}\n"
    )
}
