//! `flash-runtime`: the few helpers every query module of a driver shares (running a
//! statement with rows read by position, parsing what the driver leaves as text, expanding
//! `sqlc.slice` lists, multi-row inserts).
//!
//! The helpers depend on the driver's types only (`import type`), never on the driver itself:
//! the caller passes the connection.

use super::syntax::{Func, Item, Module};
use crate::options::TsDriver;

/// The module's file name (it cannot clash with a query file's: stems have no `-`).
pub(crate) const NAME: &str = "flash-runtime";

/// The type names the runtime exports for query modules (and `index`).
pub(crate) const TYPES: [&str; 2] = ["Queryable", "ExecResult"];

/// The runtime module for `driver`.
pub(crate) fn module(driver: TsDriver) -> Module {
    let mut items = Vec::new();
    match driver {
        TsDriver::Pg => pg(&mut items),
        TsDriver::Mysql2 => mysql2(&mut items),
        TsDriver::BetterSqlite3 => sqlite(&mut items),
    }
    let type_imports = vec![match driver {
        TsDriver::Pg => (
            "pg".to_string(),
            names(&["QueryArrayConfig", "QueryArrayResult", "QueryResult"]),
        ),
        TsDriver::Mysql2 => (
            "mysql2/promise".to_string(),
            names(&[
                "Connection",
                "QueryValues",
                "ResultSetHeader",
                "RowDataPacket",
            ]),
        ),
        TsDriver::BetterSqlite3 => (
            "better-sqlite3".to_string(),
            names(&["Database", "RunResult", "Statement"]),
        ),
    }];
    Module {
        name: NAME.into(),
        type_imports,
        runtime: false,
        items,
        reexports: Vec::new(),
    }
}

fn names(ns: &[&str]) -> Vec<String> {
    ns.iter().map(|n| n.to_string()).collect()
}

/// An exported helper.
fn func(doc: &str, name: &str, params: &[(&str, &str)], ret: &str, body: &str) -> Item {
    Item::Func(Func {
        doc: doc.lines().map(str::to_string).collect(),
        exported: true,
        is_async: false,
        name: name.into(),
        generics: String::new(),
        params: params
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect(),
        ret: ret.into(),
        body: body.trim_start_matches('\n').into(),
    })
}

fn private_func(doc: &str, name: &str, params: &[(&str, &str)], ret: &str, body: &str) -> Item {
    match func(doc, name, params, ret, body) {
        Item::Func(f) => Item::Func(Func {
            exported: false,
            ..f
        }),
        other => other,
    }
}

fn generic(item: Item, generics: &str) -> Item {
    match item {
        Item::Func(f) => Item::Func(Func {
            generics: generics.into(),
            ..f
        }),
        other => other,
    }
}

fn asynchronous(item: Item) -> Item {
    match item {
        Item::Func(f) => Item::Func(Func {
            is_async: true,
            ..f
        }),
        other => other,
    }
}

fn private_const(doc: &str, name: &str, value: &str) -> Item {
    Item::Const {
        doc: doc.lines().map(str::to_string).collect(),
        exported: false,
        name: name.into(),
        value: value.into(),
        decl: String::new(),
    }
}

fn alias(doc: &str, name: &str, ty: &str) -> Item {
    Item::TypeAlias {
        doc: doc.lines().map(str::to_string).collect(),
        name: name.into(),
        ty: ty.into(),
    }
}

const DB: (&str, &str) = ("db", "Queryable");
const SQL: (&str, &str) = ("sql", "string");
const VALUES: (&str, &str) = ("values", "unknown[]");

fn pg(items: &mut Vec<Item>) {
    items.push(Item::Interface {
        doc: vec![
            "What the query functions run on: a `pg` `Pool`, `PoolClient` or `Client`.".into(),
        ],
        name: "Queryable".into(),
        fields: vec![
            (
                "query(config: QueryArrayConfig<unknown[]>)".into(),
                "Promise<QueryArrayResult<unknown[]>>".into(),
            ),
            (
                "query(text: string, values: unknown[])".into(),
                "Promise<QueryResult>".into(),
            ),
        ],
    });
    items.push(alias(
        "The result of a statement (`:execresult`), as `pg` gives it.",
        "ExecResult",
        "QueryResult",
    ));
    items.push(private_const(
        "The parser of every column: its text as it is.",
        "AS_TEXT",
        "(value«: string») => value",
    ));
    items.push(private_const(
        "Every column as PostgreSQL's text, whatever type parsers are installed: the query\nfunctions convert each column by position to its exact type.",
        "TEXT",
        "{ getTypeParser: () => AS_TEXT }",
    ));
    // A plain `(text, values)` call: `pg` copies a config object on every call, which costs
    // a statement that returns no rows several microseconds for nothing.
    items.push(func(
        "Runs a statement whose rows are not read.",
        "exec",
        &[DB, SQL, VALUES],
        "Promise<ExecResult>",
        "return db.query(sql, values);",
    ));
    // Not `async`: one promise per call fewer (each layer costs ~1 µs a call).
    items.push(func(
        "Runs a statement and returns its rows, each an array of text (or `null`).",
        "query",
        &[DB, SQL, VALUES],
        "Promise<unknown[][]>",
        r#"return db.query({ text: sql, values, rowMode: "array", types: TEXT }).then((result) => result.rows);"#,
    ));
    stamp(items);
    items.push(func(
        "A `date` (`2024-03-05`, `0044-03-15 BC`) as local midnight of that day.",
        "date",
        &[("value", "unknown")],
        "Date",
        "return parseStamp(value« as string», false);",
    ));
    items.push(func(
        "A `timestamp` (local time, as `pg` reads it) or a `timestamptz` (with its offset).",
        "timestamp",
        &[("value", "unknown")],
        "Date",
        "return parseStamp(value« as string», false);",
    ));
    date_param(items);
    items.push(func(
        "A `bytea` in the `hex` output format (`\\x0102`) or the older `escape` one.",
        "bytes",
        &[("value", "unknown")],
        "Buffer",
        r#"
const text = value« as string»;
if (text.startsWith("\\x")) {
  return Buffer.from(text.slice(2), "hex");
}
const out«: number[]» = [];
for (let i = 0; i < text.length; i++) {
  if (text[i] !== "\\") {
    out.push(text.charCodeAt(i));
  } else if (text[i + 1] === "\\") {
    out.push(92);
    i += 1;
  } else {
    out.push(parseInt(text.slice(i + 1, i + 4), 8));
    i += 3;
  }
}
return Buffer.from(out);
"#,
    ));
    items.push(generic(
        func(
            "An array literal (`{1,2,NULL}`, `{{a,b},{c,d}}`, `{\"x y\",z}`), each element read by `leaf`.",
            "array",
            &[("value", "unknown"), ("leaf", "(text: string) => T")],
            "T[]",
            r#"
const text = value« as string»;
// A lower bound other than 1 comes first: `[0:1]={a,b}`.
let at = text.startsWith("[") ? text.indexOf("=") + 1 : 0;
function parse()«: unknown[]» {
  const out«: unknown[]» = [];
  at += 1;
  while (at < text.length) {
    const c = text[at];
    if (c === "}") {
      at += 1;
      return out;
    }
    if (c === ",") {
      at += 1;
    } else if (c === "{") {
      out.push(parse());
    } else if (c === '"') {
      let item = "";
      at += 1;
      while (at < text.length && text[at] !== '"') {
        if (text[at] === "\\") {
          at += 1;
        }
        item += text[at] ?? "";
        at += 1;
      }
      at += 1;
      out.push(leaf(item));
    } else {
      let end = at;
      while (end < text.length && text[end] !== "," && text[end] !== "}") {
        end += 1;
      }
      const item = text.slice(at, end);
      at = end;
      out.push(item === "NULL" ? null : leaf(item));
    }
  }
  return out;
}
return parse()« as T[]»;
"#,
        ),
        "<T>",
    ));
    common(items, true);
}

fn mysql2(items: &mut Vec<Item>) {
    items.push(alias(
        "What the query functions run on: a `mysql2/promise` `Pool`, `PoolConnection` or\n`Connection`.",
        "Queryable",
        "Pick<Connection, \"query\">",
    ));
    items.push(alias(
        "The result of a statement (`:execresult`).",
        "ExecResult",
        "ResultSetHeader",
    ));
    items.push(private_func(
        "JSON as its text (the query functions parse it), `BIT(1)` as a number; everything else as\n`mysql2` reads it.",
        "typeCast",
        &[
            (
                "field",
                "{ type: string; extendedFormat?: string | undefined; length: number; string(encoding?: string): string | null; buffer(): Buffer | null }",
            ),
            ("next", "() => unknown"),
        ],
        "unknown",
        r#"
// MySQL's JSON type; MariaDB's JSON is text marked as JSON.
if (field.type === "JSON" || field.extendedFormat === "json") {
  return field.string("utf8");
}
if (field.type === "BIT" && field.length === 1) {
  const bit = field.buffer();
  return bit === null ? null : bit[0];
}
return next();
"#,
    ));
    items.push(asynchronous(func(
        "Runs a statement and returns its rows, each an array (64-bit integers as strings).",
        "query",
        &[DB, SQL, VALUES],
        "Promise<unknown[][]>",
        r#"
const [rows] = await db.query«<RowDataPacket[]>»(
  {
    sql,
    rowsAsArray: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    namedPlaceholders: false,
    typeCast,
  },
  values« as QueryValues»,
);
return rows« as unknown as unknown[][]»;
"#,
    )));
    items.push(asynchronous(func(
        "Runs a statement that returns no rows.",
        "exec",
        &[DB, SQL, VALUES],
        "Promise<ExecResult>",
        r#"
const [result] = await db.query«<ResultSetHeader>»(
  { sql, namedPlaceholders: false },
  values« as QueryValues»,
);
return result;
"#,
    )));
    common(items, false);
    slices(items);
}

fn sqlite(items: &mut Vec<Item>) {
    items.push(alias(
        "What the query functions run on: a `better-sqlite3` `Database`.",
        "Queryable",
        "Database",
    ));
    items.push(alias(
        "The result of a statement (`:execresult`).",
        "ExecResult",
        "RunResult",
    ));
    items.push(private_const(
        "Prepared statements per database, by SQL text.",
        "STATEMENTS",
        "new WeakMap«<Queryable, Map<string, Statement<unknown[], unknown>>>»()",
    ));
    items.push(private_func(
        "The prepared statement for `sql` on `db`, prepared once.",
        "prepare",
        &[DB, SQL],
        "Statement<unknown[], unknown>",
        r#"
let cache = STATEMENTS.get(db);
if (cache === undefined) {
  cache = new Map();
  STATEMENTS.set(db, cache);
}
let statement = cache.get(sql);
if (statement === undefined) {
  // Lists expanded to their length give many texts: keep the cache bounded.
  if (cache.size >= 1000) {
    cache.clear();
  }
  statement = db.prepare«<unknown[], unknown>»(sql);
  cache.set(sql, statement);
}
return statement;
"#,
    ));
    items.push(func(
        "Runs a statement and returns its rows, each an array (integers as `bigint`).",
        "all",
        &[DB, SQL, VALUES],
        "unknown[][]",
        "return prepare(db, sql).raw(true).safeIntegers(true).all(...values)« as unknown[][]»;",
    ));
    items.push(func(
        "Runs a statement and returns its first row, as an array (integers as `bigint`).",
        "get",
        &[DB, SQL, VALUES],
        "unknown[] | undefined",
        "return prepare(db, sql).raw(true).safeIntegers(true).get(...values)« as unknown[] | undefined»;",
    ));
    items.push(func(
        "Runs a statement that returns no rows.",
        "run",
        &[DB, SQL, VALUES],
        "ExecResult",
        "return prepare(db, sql).safeIntegers(true).run(...values);",
    ));
    stamp(items);
    items.push(func(
        "A date stored as text (`2024-03-05`) as local midnight of that day, or as Unix seconds.",
        "date",
        &[("value", "unknown")],
        "Date",
        r#"return typeof value === "string" ? parseStamp(value, false) : new Date(Number(value) * 1000);"#,
    ));
    items.push(func(
        "A timestamp stored as text (`2024-03-05 13:04:05`, UTC unless it has an offset, as\nSQLite's date functions write it), or as Unix seconds.",
        "timestamp",
        &[("value", "unknown")],
        "Date",
        r#"return typeof value === "string" ? parseStamp(value, true) : new Date(Number(value) * 1000);"#,
    ));
    date_param(items);
    items.push(func(
        "A `Date` as SQLite's date functions write timestamps: UTC, `2024-03-05 13:04:05[.123]`.",
        "timestampParam",
        &[("value", "Date")],
        "string",
        r#"
const iso = value.toISOString();
const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
return text.endsWith(".000") ? text.slice(0, 19) : text;
"#,
    ));
    items.push(func(
        "A blob (or text stored in a blob column) as a `Buffer`.",
        "bytes",
        &[("value", "unknown")],
        "Buffer",
        "return Buffer.isBuffer(value) ? value : Buffer.from(String(value));",
    ));
    items.push(generic(
        func(
            "Runs `fn` in a transaction (a savepoint inside one already open).",
            "transaction",
            &[DB, ("fn", "() => T")],
            "T",
            "return db.transaction(fn)();",
        ),
        "<T>",
    ));
    common(items, false);
    slices(items);
}

/// `parseStamp`: ISO dates and timestamps as PostgreSQL and SQLite write them.
fn stamp(items: &mut Vec<Item>) {
    items.push(private_const(
        "`YYYY-MM-DD`, then optionally a time, an offset and ` BC`.",
        "STAMP",
        r"/^(\d{4,})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?\s*(Z|[+-]\d\d(?::?\d\d){0,2})?( BC)?$/i",
    ));
    items.push(private_func(
        "A date or timestamp in local time (UTC when `utc`) unless it carries an offset;\n`infinity` as the latest (and earliest) time a `Date` holds.",
        "parseStamp",
        &[("text", "string"), ("utc", "boolean")],
        "Date",
        r#"
if (text === "infinity") {
  return new Date(8640000000000000);
}
if (text === "-infinity") {
  return new Date(-8640000000000000);
}
const m = STAMP.exec(text);
if (m === null) {
  return new Date(text);
}
const year = m[9] === undefined ? Number(m[1]) : 1 - Number(m[1]);
const month = Number(m[2]) - 1;
const day = Number(m[3]);
const hours = Number(m[4] ?? 0);
const minutes = Number(m[5] ?? 0);
const seconds = Number(m[6] ?? 0);
const millis = Number((m[7] ?? "").slice(0, 3).padEnd(3, "0"));
const zone = m[8];
// Years below 100 are not shifted to 19xx by the setters (they are by the constructor).
const date = new Date(0);
if (zone === undefined && !utc) {
  date.setFullYear(year, month, day);
  date.setHours(hours, minutes, seconds, millis);
  return date;
}
date.setUTCFullYear(year, month, day);
date.setUTCHours(hours, minutes, seconds, millis);
if (zone === undefined || zone.toUpperCase() === "Z") {
  return date;
}
const digits = zone.slice(1).replace(/:/g, "");
const offset =
  (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60 + Number(digits.slice(4, 6))) *
  (zone.startsWith("-") ? -1 : 1);
return new Date(date.getTime() - offset * 1000);
"#,
    ));
}

/// `dateParam`: a `Date` as the day it falls on locally.
fn date_param(items: &mut Vec<Item>) {
    items.push(func(
        "A `Date` as the calendar day it falls on in local time (`2024-03-05`), for a date\nparameter: the reverse of `date`.",
        "dateParam",
        &[("value", "Date")],
        "string",
        r#"
const year = String(value.getFullYear()).padStart(4, "0");
const month = String(value.getMonth() + 1).padStart(2, "0");
const day = String(value.getDate()).padStart(2, "0");
return `${year}-${month}-${day}`;
"#,
    ));
}

/// Helpers every driver has: booleans and 64-bit integers (mysql2, SQLite), chunks and
/// multi-row inserts (`:copyfrom`).
fn common(items: &mut Vec<Item>, numbered: bool) {
    if !numbered {
        items.push(func(
            "A boolean sent as a number (`0`/`1`, `\"0\"`/`\"1\"`, `0n`/`1n`) or as a boolean.",
            "bool",
            &[("value", "unknown")],
            "boolean",
            r#"return typeof value === "boolean" ? value : Number(value) !== 0;"#,
        ));
        items.push(func(
            "A 64-bit integer sent as a string, number or `bigint`, as a `bigint`.",
            "bigint",
            &[("value", "unknown")],
            "bigint",
            r#"return typeof value === "bigint" ? value : BigInt(value« as string | number»);"#,
        ));
    }
    items.push(generic(
        func(
            "`items` in runs of at most `size`.",
            "chunks",
            &[("items", "readonly T[]"), ("size", "number")],
            "T[][]",
            r#"
const out«: T[][]» = [];
for (let at = 0; at < items.length; at += size) {
  out.push(items.slice(at, at + size));
}
return out;
"#,
        ),
        "<T>",
    ));
    let body = if numbered {
        r#"
const tuples«: string[]» = [];
for (let row = 0; row < rows; row++) {
  const marks«: string[]» = [];
  for (let column = 1; column <= width; column++) {
    marks.push(`$${row * width + column}`);
  }
  tuples.push(`(${marks.join(", ")})`);
}
return head + tuples.join(", ");
"#
    } else {
        r#"
const tuple = `(${"?, ".repeat(width).slice(0, -2)})`;
return head + `${tuple}, `.repeat(rows).slice(0, -2);
"#
    };
    items.push(func(
        "`head` (`INSERT INTO t (a, b) VALUES `) followed by `rows` tuples of `width` placeholders.",
        "insertValues",
        &[("head", "string"), ("width", "number"), ("rows", "number")],
        "string",
        body,
    ));
}

/// `expand`: `sqlc.slice` lists (mysql2, SQLite).
fn slices(items: &mut Vec<Item>) {
    items.push(func(
        "The SQL with each list's marker (`/*SLICE:ids*/?`) replaced by one placeholder per\nelement, or by `NULL` for an empty list (`IN (NULL)` matches nothing, and is valid SQL).",
        "expand",
        &[("sql", "string"), ("lists", "Readonly<Record<string, number>>")],
        "string",
        r#"
let out = sql;
for (const [name, count] of Object.entries(lists)) {
  const marks = count === 0 ? "NULL" : "?, ".repeat(count).slice(0, -2);
  out = out.split(`/*SLICE:${name}*/?`).join(marks);
}
return out;
"#,
    ));
}
