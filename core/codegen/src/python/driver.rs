//! How each driver runs a statement: the connection type, the cursor that reads rows as
//! tuples, and the calls for each kind of result.
//!
//! Rows are always read by position. A connection may have been configured to give dicts
//! (psycopg's `row_factory`, sqlite3's `row_factory`, pymysql's `cursorclass`), so the
//! generated code asks for a tuple cursor explicitly; asyncpg's `Record` is read by index.

use super::imports::Needs;
use super::source::{tuple, Writer};
use crate::options::PyDriver;
use flash_sql::Placeholders;

/// The driver and whether the code is `async`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Driver {
    pub kind: PyDriver,
    pub async_: bool,
}

/// What a statement's rows are fetched as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fetch {
    /// The first row or None.
    One,
    /// All rows.
    All,
}

impl Driver {
    /// The placeholder style the driver's SQL uses.
    pub fn placeholders(self) -> Placeholders {
        match self.kind {
            PyDriver::Asyncpg => Placeholders::Dollar,
            PyDriver::Psycopg | PyDriver::Pymysql | PyDriver::Aiomysql => Placeholders::Percent,
            PyDriver::Sqlite3 | PyDriver::Aiosqlite => Placeholders::Question,
        }
    }

    /// One placeholder of an expanded `sqlc.slice` list.
    pub fn slice_placeholder(self) -> &'static str {
        match self.placeholders() {
            Placeholders::Percent => "%s",
            _ => "?",
        }
    }

    /// `def` or `async def`.
    pub fn def(self) -> &'static str {
        if self.async_ {
            "async def"
        } else {
            "def"
        }
    }

    fn aw(self) -> &'static str {
        if self.async_ {
            "await "
        } else {
            ""
        }
    }

    /// The import lines of the driver (third-party; `sqlite3` is in the standard library and
    /// goes to `needs`).
    pub fn imports(self, needs: &mut Needs) -> Vec<String> {
        match self.kind {
            PyDriver::Asyncpg => vec!["import asyncpg".into(), "import asyncpg.pool".into()],
            PyDriver::Psycopg => vec!["import psycopg".into(), "import psycopg.rows".into()],
            PyDriver::Sqlite3 => {
                needs.add("sqlite3");
                Vec::new()
            }
            PyDriver::Aiosqlite => vec!["import aiosqlite".into()],
            PyDriver::Pymysql => vec![
                "import pymysql.connections".into(),
                "import pymysql.cursors".into(),
            ],
            // aiomysql ships no type information; `unused-ignore` keeps mypy quiet should it
            // ever do.
            PyDriver::Aiomysql => {
                vec!["import aiomysql  # type: ignore[import-untyped, unused-ignore]".into()]
            }
        }
    }

    /// Module-level declarations the driver's functions rely on (asyncpg's connection alias).
    pub fn preamble(self, needs: &mut Needs) -> Vec<String> {
        match self.kind {
            PyDriver::Asyncpg => {
                needs.add("TypeAlias");
                vec![
                    "# A connection, a pool, or a connection acquired from a pool.".into(),
                    "Executor: TypeAlias = (".into(),
                    "    \"asyncpg.Connection[asyncpg.Record]\"".into(),
                    "    \" | asyncpg.Pool[asyncpg.Record]\"".into(),
                    "    \" | asyncpg.pool.PoolConnectionProxy[asyncpg.Record]\"".into(),
                    ")".into(),
                ]
            }
            _ => Vec::new(),
        }
    }

    /// The annotation of the first argument.
    pub fn connection(self, needs: &mut Needs) -> String {
        match self.kind {
            PyDriver::Asyncpg => "Executor".into(),
            PyDriver::Psycopg => {
                needs.add("Any");
                if self.async_ {
                    "psycopg.AsyncConnection[Any]".into()
                } else {
                    "psycopg.Connection[Any]".into()
                }
            }
            PyDriver::Sqlite3 => "sqlite3.Connection".into(),
            PyDriver::Aiosqlite => "aiosqlite.Connection".into(),
            PyDriver::Pymysql => {
                needs.add("Any");
                "pymysql.connections.Connection[Any]".into()
            }
            PyDriver::Aiomysql => "aiomysql.Connection".into(),
        }
    }

    /// The annotation of one fetched row, as the decoders take it.
    pub fn row(self, needs: &mut Needs) -> String {
        match self.kind {
            PyDriver::Asyncpg => "asyncpg.Record".into(),
            _ => {
                needs.add("Sequence");
                needs.add("Any");
                "Sequence[Any]".into()
            }
        }
    }

    /// What `:execresult` returns.
    pub fn result_type(self, needs: &mut Needs) -> String {
        match self.kind {
            PyDriver::Asyncpg => "str".into(),
            PyDriver::Psycopg => {
                needs.add("Any");
                if self.async_ {
                    "psycopg.AsyncCursor[Any]".into()
                } else {
                    "psycopg.Cursor[Any]".into()
                }
            }
            PyDriver::Sqlite3 => "sqlite3.Cursor".into(),
            PyDriver::Aiosqlite => "aiosqlite.Cursor".into(),
            PyDriver::Pymysql => "pymysql.cursors.Cursor".into(),
            PyDriver::Aiomysql => "aiomysql.Cursor".into(),
        }
    }

    /// Whether the driver has type information (aiomysql does not: its values are `Any`,
    /// which a typed function must not return as is).
    fn typed(self) -> bool {
        self.kind != PyDriver::Aiomysql
    }

    /// `return expr`, through an annotated local where `expr` would be `Any`.
    pub fn return_typed(self, w: &mut Writer, expr: &str, ty: &str) {
        if self.typed() {
            w.line(format!("return {expr}"));
        } else {
            w.line(format!("value: {ty} = {expr}"));
            w.line("return value");
        }
    }

    /// Opens the tuple cursor `cur` (not for asyncpg, which runs statements on the
    /// connection) and writes `body` inside it.
    pub fn with_cursor(
        self,
        w: &mut Writer,
        needs: &mut Needs,
        body: impl FnOnce(&mut Writer, &mut Needs),
    ) {
        let open = match self.kind {
            PyDriver::Asyncpg => None,
            PyDriver::Psycopg => Some("conn.cursor(row_factory=psycopg.rows.tuple_row)"),
            PyDriver::Sqlite3 => {
                needs.add("_cursor");
                w.line("cur = _cursor(conn)");
                None
            }
            PyDriver::Aiosqlite => Some("conn.cursor()"),
            PyDriver::Pymysql => Some("conn.cursor(pymysql.cursors.Cursor)"),
            PyDriver::Aiomysql => Some("conn.cursor(aiomysql.Cursor)"),
        };
        match open {
            Some(open) => {
                let with = if self.async_ { "async with" } else { "with" };
                w.line(format!("{with} {open} as cur:"));
                w.indented(|w| {
                    if self.kind == PyDriver::Aiosqlite {
                        // Rows are read by position, whatever the connection's row_factory.
                        w.line("cur.row_factory = None");
                    }
                    body(w, needs);
                });
            }
            None => body(w, needs),
        }
    }

    /// The call arguments after the SQL: asyncpg takes them spread, the others as one
    /// sequence. A long tuple is bound to `args` first.
    fn args(self, w: &mut Writer, args: &[String]) -> String {
        let long = args.iter().map(|a| a.len() + 2).sum::<usize>() > 48;
        match self.kind {
            PyDriver::Asyncpg if args.is_empty() => String::new(),
            PyDriver::Asyncpg if !long => format!(", {}", args.join(", ")),
            _ if !long => format!(", {}", tuple(args)),
            PyDriver::Asyncpg => {
                w.wrapped("args = (", args, ")");
                ", *args".into()
            }
            _ => {
                w.wrapped("args = (", args, ")");
                ", args".into()
            }
        }
    }

    /// Runs `sql` and binds `var` to its first row (or None) or to all its rows; inside
    /// [`Driver::with_cursor`].
    pub fn fetch(self, w: &mut Writer, sql: &str, args: &[String], fetch: Fetch, var: &str) {
        let a = self.args(w, args);
        let aw = self.aw();
        match self.kind {
            PyDriver::Asyncpg => {
                let method = match fetch {
                    Fetch::One => "fetchrow",
                    Fetch::All => "fetch",
                };
                w.line(format!("{var} = await conn.{method}({sql}{a})"));
            }
            _ => {
                let method = match fetch {
                    Fetch::One => "fetchone",
                    Fetch::All => "fetchall",
                };
                w.line(format!("{aw}cur.execute({sql}{a})"));
                w.line(format!("{var} = {aw}cur.{method}()"));
            }
        }
    }

    /// Runs `sql` for its effect; inside [`Driver::with_cursor`].
    pub fn execute(self, w: &mut Writer, sql: &str, args: &[String]) {
        let a = self.args(w, args);
        match self.kind {
            PyDriver::Asyncpg => w.line(format!("await conn.execute({sql}{a})")),
            _ => w.line(format!("{}cur.execute({sql}{a})", self.aw())),
        }
    }

    /// Runs `sql` and returns the number of rows it changed (`:execrows`).
    pub fn exec_rows(self, w: &mut Writer, needs: &mut Needs, sql: &str, args: &[String]) {
        if self.kind == PyDriver::Asyncpg {
            needs.add("_rows_affected");
            let a = self.args(w, args);
            w.line(format!(
                "return _rows_affected(await conn.execute({sql}{a}))"
            ));
            return;
        }
        self.with_cursor(w, needs, |w, _| {
            self.execute(w, sql, args);
            self.return_typed(w, "cur.rowcount", "int");
        });
    }

    /// Runs `sql` and returns the driver's result (`:execresult`).
    pub fn exec_result(self, w: &mut Writer, sql: &str, args: &[String]) {
        let a = self.args(w, args);
        match self.kind {
            PyDriver::Asyncpg => w.line(format!("return await conn.execute({sql}{a})")),
            PyDriver::Psycopg | PyDriver::Sqlite3 | PyDriver::Aiosqlite => {
                w.line(format!("return {}conn.execute({sql}{a})", self.aw()));
            }
            PyDriver::Pymysql => {
                w.line("cur = conn.cursor(pymysql.cursors.Cursor)");
                w.line(format!("cur.execute({sql}{a})"));
                w.line("return cur");
            }
            PyDriver::Aiomysql => {
                w.line("cur = await conn.cursor(aiomysql.Cursor)");
                w.line(format!("await cur.execute({sql}{a})"));
                w.line("return cur");
            }
        }
    }

    /// Runs `sql` and returns the id the database gave the inserted row (`:execlastid`) on
    /// SQLite and MySQL. `what` names the query in the error.
    pub fn last_row_id(
        self,
        w: &mut Writer,
        needs: &mut Needs,
        sql: &str,
        args: &[String],
        what: &str,
    ) {
        self.with_cursor(w, needs, |w, _| {
            self.execute(w, sql, args);
            match self.kind {
                PyDriver::Sqlite3 | PyDriver::Aiosqlite => {
                    w.line("lastrowid = cur.lastrowid");
                }
                _ => self.return_typed(w, "cur.lastrowid", "int"),
            }
        });
        if matches!(self.kind, PyDriver::Sqlite3 | PyDriver::Aiosqlite) {
            w.line("if lastrowid is None:");
            w.indented(|w| {
                w.line(format!(
                    "raise RuntimeError({})",
                    super::source::quoted(&format!("{what}: no row was inserted"))
                ))
            });
            w.line("return lastrowid");
        }
    }

    /// Runs `sql` once per tuple of `seq` (an expression of a list of tuples); inside
    /// [`Driver::with_cursor`].
    pub fn execute_many(self, w: &mut Writer, sql: &str, seq: &str) {
        let head = match self.kind {
            PyDriver::Asyncpg => "await conn.executemany(".to_string(),
            _ => format!("{}cur.executemany(", self.aw()),
        };
        w.wrapped(&head, &[sql.to_string(), seq.to_string()], ")");
    }

    /// The bulk insert of `:copyfrom` on PostgreSQL: `table`, `schema` and `columns` of the
    /// insert, `sql` the COPY statement (psycopg), `record` the tuple of one `item`.
    pub fn copy(self, w: &mut Writer, needs: &mut Needs, target: &CopyTarget<'_>) {
        let record = tuple(target.record);
        match self.kind {
            PyDriver::Asyncpg => {
                needs.add("_rows_affected");
                let columns: Vec<String> = target
                    .columns
                    .iter()
                    .map(|c| super::source::quoted(c))
                    .collect();
                let mut items = vec![
                    super::source::quoted(target.table),
                    format!("records=[{record} for item in items]"),
                    format!("columns=[{}]", columns.join(", ")),
                ];
                if let Some(s) = target.schema {
                    items.push(format!("schema_name={}", super::source::quoted(s)));
                }
                w.wrapped("status = await conn.copy_records_to_table(", &items, ")");
                w.line("return _rows_affected(status)");
            }
            _ => {
                let (with, aw) = if self.async_ {
                    ("async with", "await ")
                } else {
                    ("with", "")
                };
                w.line(format!("{with} conn.cursor() as cur:"));
                w.indented(|w| {
                    w.line(format!("{with} cur.copy({}) as copy:", target.sql));
                    w.indented(|w| {
                        w.line("for item in items:");
                        w.indented(|w| w.line(format!("{aw}copy.write_row({record})")));
                    });
                    w.line("return cur.rowcount");
                });
            }
        }
    }
}

/// What [`Driver::copy`] needs to know about the insert.
pub(crate) struct CopyTarget<'a> {
    pub table: &'a str,
    pub schema: Option<&'a str>,
    pub columns: &'a [String],
    pub sql: &'a str,
    pub record: &'a [String],
}
