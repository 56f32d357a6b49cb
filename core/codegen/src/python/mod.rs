//! Python backend: `asyncpg`, `psycopg` 3, `sqlite3`, `aiosqlite`, `pymysql`, `aiomysql`.
//!
//! The output is a typed package (Python 3.10+, `mypy --strict` clean):
//!
//! - `models.py`: the `JsonValue` alias (when JSON is used), each enum as
//!   `class Mood(str, enum.Enum)` or `Mood = typing.Literal[...]`, and a
//!   `@dataclass(slots=True)` (optionally `frozen=True`) per table and view, named in the
//!   singular (`users` -> `User`);
//! - `<stem>.py` per query file: for each query its SQL constant (`GET_USER`), its row
//!   dataclass (`GetUserRow`, or the table's model when the result is exactly a table's row),
//!   a `<Name>Params` dataclass for batch and `:copyfrom` queries, and the function
//!   (`get_user(conn, *, id: int)`), `async def` for async drivers;
//! - `__init__.py` re-exporting every public name, and `py.typed`.
//!
//! Rows are read by position through a tuple cursor (see [`driver`]), and every value is
//! converted to its exact Python type by the table in [`types`]:
//!
//! | SQL                 | Python               | conversions                                   |
//! |---------------------|----------------------|-----------------------------------------------|
//! | bool                | `bool`               | SQLite/MySQL 0/1 (and BIT(1)) -> `bool`       |
//! | integers            | `int`                |                                               |
//! | float, double       | `float`              | SQLite: `float()`                             |
//! | decimal, numeric    | `decimal.Decimal`    | SQLite: via `str` both ways                   |
//! | text, char, set     | `str`                |                                               |
//! | bytea, blob, binary | `bytes`              |                                               |
//! | date / time         | `datetime.date/time` | SQLite: ISO text; MySQL TIME: from timedelta  |
//! | timestamp           | `datetime.datetime`  | SQLite: ISO text; with time zone: aware (UTC  |
//! |                     |                      | when the database gives no offset)            |
//! | interval            | `datetime.timedelta` | SQLite: seconds                               |
//! | uuid                | `uuid.UUID`          | SQLite/MySQL: text both ways                  |
//! | json, jsonb         | `models.JsonValue`   | asyncpg/SQLite/MySQL: `json.loads`/`dumps`;   |
//! |                     |                      | psycopg: `Json`/`Jsonb` wrappers for params   |
//! | enum                | `models.Mood`        | `Mood(v)` / `.value` (nothing with `Literal`) |
//! | array (PostgreSQL)  | `list[T]`            | per element; psycopg enum arrays parsed       |
//! | other (inet, ...)   | `str`                | PostgreSQL: `str(v)`                          |
//!
//! Nullable values are `T | None` and skip their conversion when None. MySQL `TIMESTAMP`
//! values are taken to be in UTC: the connection's `time_zone` must be `'+00:00'`, which the
//! docstring of each module that reads or writes one says.
//!
//! Known driver issue: aiomysql (0.3.2 and earlier) calls PyMySQL's `escape_bytes_prefixed`,
//! which PyMySQL 1.2 no longer provides, so any `bytes` parameter fails with PyMySQL >= 1.2;
//! PyMySQL 1.1.x works (the runtime tests pin it: tests/codegen/runners/python). The docstring
//! of an aiomysql module with a `bytes` parameter says so.

mod body;
mod classes;
mod driver;
mod helpers;
mod imports;
mod keywords;
mod models;
mod names;
mod queries;
mod source;
mod types;

use crate::ir::IrQuery;
use crate::options::PyDriver;
use crate::{GenError, GenRequest, GeneratedFile, PythonOptions};
use driver::Driver;
use flash_schema::Provider;
use source::{wrap, HEADER};
use std::collections::{BTreeMap, BTreeSet};
use types::{Family, Types};

/// What one generation run knows besides the request.
pub(crate) struct Ctx<'a> {
    pub req: &'a GenRequest,
    pub opts: &'a PythonOptions,
    pub driver: Driver,
    pub types: Types<'a>,
    /// The dataclass of each catalog table, in catalog order.
    pub model_classes: Vec<String>,
    /// Table or view name -> its dataclass (the first of that name).
    pub models: BTreeMap<String, String>,
}

/// Writes `__init__.py`, `models.py`, one module per query file and `py.typed`.
pub fn generate(req: &GenRequest, opts: &PythonOptions) -> Result<Vec<GeneratedFile>, GenError> {
    let driver = check(req.provider, opts)?;
    let enum_names = enum_names(req)?;
    let model_classes = model_classes(req, &enum_names)?;
    let mut models = BTreeMap::new();
    for (t, class) in req.catalog.tables.iter().zip(&model_classes) {
        models
            .entry(t.name.clone())
            .or_insert_with(|| class.clone());
    }
    let ctx = Ctx {
        req,
        opts,
        driver,
        types: Types {
            family: Family::of(opts.driver),
            enums: opts.enums,
            enum_names: &enum_names,
        },
        model_classes,
        models,
    };

    let (models_py, model_exports) = models::file(&ctx)?;
    let mut files = vec![GeneratedFile {
        path: "models.py".into(),
        contents: models_py,
    }];
    let mut exports = vec![("models".to_string(), model_exports)];
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    for f in &req.files {
        let name = keywords::module_name(&f.stem());
        if let Some(other) = modules.insert(name.clone(), f.path.clone()) {
            return Err(GenError::NameClash {
                file: f.path.clone(),
                line: 1,
                message: format!(
                    "query files {other} and {} both give module {name}.py",
                    f.path
                ),
                help: "rename one of the query files".into(),
            });
        }
        let m = queries::module(&ctx, f)?;
        files.push(GeneratedFile {
            path: format!("{name}.py"),
            contents: m.contents,
        });
        exports.push((name, m.exports));
    }
    files.push(GeneratedFile {
        path: "__init__.py".into(),
        contents: init(&exports)?,
    });
    // A marker (PEP 561): the package ships its own types.
    files.push(GeneratedFile {
        path: "py.typed".into(),
        contents: String::new(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The driver, once it is known to fit the database and the `async` option.
fn check(provider: Provider, opts: &PythonOptions) -> Result<Driver, GenError> {
    let db = match opts.driver {
        PyDriver::Asyncpg | PyDriver::Psycopg => Provider::Postgresql,
        PyDriver::Sqlite3 | PyDriver::Aiosqlite => Provider::Sqlite,
        PyDriver::Pymysql | PyDriver::Aiomysql => Provider::Mysql,
    };
    let name = format!("{:?}", opts.driver).to_lowercase();
    if db != provider {
        let fits = match provider {
            Provider::Postgresql => "asyncpg or psycopg",
            Provider::Sqlite => "sqlite3 or aiosqlite",
            Provider::Mysql => "pymysql or aiomysql",
            Provider::Mongodb => "none: typed queries are for SQL databases",
        };
        return Err(GenError::Options {
            message: format!(
                "[gen.python] driver = \"{name}\" is a {} driver, but the database is {}",
                db.as_str(),
                provider.as_str()
            ),
            help: format!("drivers for {}: {fits}", provider.as_str()),
        });
    }
    if let Some(fixed) = opts.driver.fixed_async() {
        if fixed != opts.async_ {
            let (is, set) = if fixed {
                ("async only", "true")
            } else {
                ("synchronous only", "false")
            };
            return Err(GenError::Options {
                message: format!(
                    "[gen.python] driver \"{name}\" is {is}, but async = {}",
                    opts.async_
                ),
                help: format!("set async = {set}, or remove it"),
            });
        }
    }
    Ok(Driver {
        kind: opts.driver,
        async_: opts.async_,
    })
}

/// Database enum name -> Python class name, checked for clashes.
fn enum_names(req: &GenRequest) -> Result<BTreeMap<String, String>, GenError> {
    let mut scope = Scope::default();
    scope.take(models::JSON_VALUE);
    let mut out = BTreeMap::new();
    for e in &req.catalog.enums {
        let class = keywords::class_name(&e.name);
        scope.claim_in_schema(&class, &format!("enum {}", e.name))?;
        out.insert(e.name.clone(), class);
    }
    Ok(out)
}

/// The dataclass of each table and view: the singular name, or the name as written when two
/// tables share a singular.
fn model_classes(
    req: &GenRequest,
    enums: &BTreeMap<String, String>,
) -> Result<Vec<String>, GenError> {
    let tables = &req.catalog.tables;
    let singular: Vec<String> = tables
        .iter()
        .map(|t| names::model_name(t.schema.as_deref(), &t.name))
        .collect();
    let mut scope = Scope::default();
    scope.take(models::JSON_VALUE);
    for class in enums.values() {
        scope.take(class);
    }
    let mut out = Vec::new();
    for (t, s) in tables.iter().zip(&singular) {
        let shared = singular.iter().filter(|o| *o == s).count() > 1;
        let class = if shared {
            names::exact_model_name(t.schema.as_deref(), &t.name)
        } else {
            s.clone()
        };
        let what = if t.view { "view" } else { "table" };
        scope.claim_in_schema(&class, &format!("{what} {}", t.name))?;
        out.push(class);
    }
    Ok(out)
}

/// `__init__.py`: every public name of every module, re-exported.
fn init(exports: &[(String, Vec<String>)]) -> Result<String, GenError> {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (module, names) in exports {
        for n in names {
            if let Some(other) = seen.insert(n, module) {
                return Err(GenError::NameClash {
                    file: format!("{module}.py"),
                    line: 0,
                    message: format!("`{n}` is defined by both {other}.py and {module}.py"),
                    help: "rename one of the queries (or tables): the package re-exports both"
                        .into(),
                });
            }
        }
    }
    let mut lines = vec![
        HEADER.to_string(),
        "\"\"\"Typed database access generated by flash-orm.\"\"\"".to_string(),
        String::new(),
    ];
    let mut modules: Vec<&(String, Vec<String>)> = exports.iter().collect();
    modules.sort_by(|a, b| a.0.cmp(&b.0));
    for (module, names) in modules {
        if names.is_empty() {
            continue;
        }
        let mut names = names.clone();
        names.sort();
        let one = format!("from .{module} import {}", names.join(", "));
        if one.len() <= 88 {
            lines.push(one);
        } else {
            lines.extend(wrap(0, &format!("from .{module} import ("), &names, ")"));
        }
    }
    let mut all: Vec<String> = seen.keys().map(|n| source::quoted(n)).collect();
    all.sort();
    lines.push(String::new());
    lines.extend(wrap(0, "__all__ = [", &all, "]"));
    let mut out = lines.join("\n");
    out.push('\n');
    Ok(out)
}

/// `@dataclass(slots=True)`, or frozen.
pub(crate) fn dataclass_decorator(frozen: bool) -> &'static str {
    if frozen {
        "@dataclass(frozen=True, slots=True)"
    } else {
        "@dataclass(slots=True)"
    }
}

/// Names already defined in one Python scope.
#[derive(Debug, Default)]
pub(crate) struct Scope(BTreeSet<String>);

impl Scope {
    pub fn taken(&self, name: &str) -> bool {
        self.0.contains(name)
    }

    pub fn take(&mut self, name: &str) {
        self.0.insert(name.to_string());
    }

    /// Takes `name` for something `q` defines, or says it is taken.
    pub fn claim(&mut self, name: &str, q: &IrQuery) -> Result<(), GenError> {
        if self.0.insert(name.to_string()) {
            return Ok(());
        }
        Err(GenError::NameClash {
            file: q.query.file.clone(),
            line: q.query.line,
            message: format!(
                "query {}: `{name}` is already defined in its module",
                q.name()
            ),
            help: "rename the query".into(),
        })
    }

    /// Takes `name` for a catalog entry (`what`), or says it is taken.
    fn claim_in_schema(&mut self, name: &str, what: &str) -> Result<(), GenError> {
        if self.0.insert(name.to_string()) {
            return Ok(());
        }
        Err(GenError::NameClash {
            file: "schema".into(),
            line: 0,
            message: format!("{what}: its Python class `{name}` is already taken"),
            help: "rename the table, view or enum".into(),
        })
    }
}
