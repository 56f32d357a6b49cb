//! `[gen.*]` sections turned into each backend's options: values checked, defaults filled
//! from the provider (the driver) and the output folder (the Go package name).

use crate::config::GenTarget;
use crate::error::Error;
use flash_codegen::options::{
    GoDriver, GoNulls, GoOptions, PyDriver, PyEnums, PythonOptions, TsBigint, TsDriver, TsEmit,
    TsModule, TsOptions,
};
use flash_schema::Provider;

/// A language flash generates code for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Go,
    Js,
    Python,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Go, Language::Js, Language::Python];

    /// The `[gen.<name>]` section name.
    pub fn key(self) -> &'static str {
        match self {
            Language::Go => "go",
            Language::Js => "js",
            Language::Python => "python",
        }
    }

    /// Parses `go`, `js` (`ts`, `typescript`, `javascript`) or `python` (`py`).
    pub fn parse(s: &str) -> Option<Language> {
        match s.to_ascii_lowercase().as_str() {
            "go" => Some(Language::Go),
            "js" | "ts" | "typescript" | "javascript" | "node" => Some(Language::Js),
            "python" | "py" => Some(Language::Python),
            _ => None,
        }
    }
}

/// A language's resolved settings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum LangOptions {
    Go(GoOptions),
    Js(TsOptions),
    Python(PythonOptions),
}

fn bad(key: String, value: &str, allowed: &[&str]) -> Error {
    Error::GenOption {
        key,
        message: format!("`{value}` is not one of: {}", allowed.join(", ")),
    }
}

fn choose<T: Copy>(
    key: &str,
    value: Option<&str>,
    default: T,
    table: &[(&str, T)],
) -> Result<T, Error> {
    match value {
        None => Ok(default),
        Some(v) => table
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(v))
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                bad(
                    key.to_string(),
                    v,
                    &table.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
                )
            }),
    }
}

/// The default output folder of a language, relative to the project.
pub fn default_out(lang: Language, t: &GenTarget) -> String {
    match lang {
        Language::Go => "gen/go/db".into(),
        Language::Js => {
            if t.emit.as_deref() == Some("js") {
                "gen/js".into()
            } else {
                "gen/ts".into()
            }
        }
        Language::Python => "gen/python/db".into(),
    }
}

/// Checks a `[gen.<lang>]` section and fills its defaults. `prefix` names the section in
/// errors (`gen.go`, `databases.gen.go`); `out` is the resolved output folder.
pub fn resolve(
    lang: Language,
    t: &GenTarget,
    provider: Provider,
    prefix: &str,
    out: &std::path::Path,
) -> Result<LangOptions, Error> {
    let key = |k: &str| format!("{prefix}.{k}");
    match lang {
        Language::Go => {
            let driver = choose(
                &key("driver"),
                t.driver.as_deref(),
                GoDriver::DatabaseSql,
                &[
                    ("database/sql", GoDriver::DatabaseSql),
                    ("database_sql", GoDriver::DatabaseSql),
                    ("pgx", GoDriver::Pgx),
                    ("pgx/v5", GoDriver::Pgx),
                ],
            )?;
            if driver == GoDriver::Pgx && provider != Provider::Postgresql {
                return Err(Error::GenOption {
                    key: key("driver"),
                    message: format!("pgx is a PostgreSQL driver; this database is {provider}"),
                });
            }
            let nulls = choose(
                &key("nulls"),
                t.nulls.as_deref(),
                GoNulls::SqlNull,
                &[
                    ("sql_null", GoNulls::SqlNull),
                    ("pointer", GoNulls::Pointer),
                ],
            )?;
            let package = match &t.package {
                Some(p) => p.clone(),
                None => out
                    .file_name()
                    .and_then(|n| n.to_str())
                    .map(go_package_name)
                    .unwrap_or_else(|| "db".into()),
            };
            if package.is_empty()
                || !package
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                || package.starts_with(|c: char| c.is_ascii_digit())
            {
                return Err(Error::GenOption {
                    key: key("package"),
                    message: format!("`{package}` is not a Go package name"),
                });
            }
            Ok(LangOptions::Go(GoOptions {
                package,
                driver,
                nulls,
                json_tags: t.json_tags.unwrap_or(true),
                db_tags: t.db_tags.unwrap_or(true),
            }))
        }
        Language::Js => {
            let default_driver = match provider {
                Provider::Mysql => TsDriver::Mysql2,
                Provider::Sqlite => TsDriver::BetterSqlite3,
                _ => TsDriver::Pg,
            };
            let driver = choose(
                &key("driver"),
                t.driver.as_deref(),
                default_driver,
                &[
                    ("pg", TsDriver::Pg),
                    ("mysql2", TsDriver::Mysql2),
                    ("better-sqlite3", TsDriver::BetterSqlite3),
                ],
            )?;
            let fits = matches!(
                (driver, provider),
                (TsDriver::Pg, Provider::Postgresql)
                    | (TsDriver::Mysql2, Provider::Mysql)
                    | (TsDriver::BetterSqlite3, Provider::Sqlite)
            );
            if !fits {
                return Err(Error::GenOption {
                    key: key("driver"),
                    message: format!("this driver does not talk to {provider}"),
                });
            }
            Ok(LangOptions::Js(TsOptions {
                driver,
                emit: choose(
                    &key("emit"),
                    t.emit.as_deref(),
                    TsEmit::Ts,
                    &[("ts", TsEmit::Ts), ("js", TsEmit::Js)],
                )?,
                module: choose(
                    &key("module"),
                    t.module.as_deref(),
                    TsModule::Esm,
                    &[("esm", TsModule::Esm), ("cjs", TsModule::Cjs)],
                )?,
                bigint: choose(
                    &key("bigint"),
                    t.bigint.as_deref(),
                    TsBigint::String,
                    &[("string", TsBigint::String), ("bigint", TsBigint::Bigint)],
                )?,
                json_type: t.json_type.clone().unwrap_or_else(|| "unknown".into()),
            }))
        }
        Language::Python => {
            let default_driver = match (provider, t.async_) {
                (Provider::Postgresql, true) => PyDriver::Asyncpg,
                (Provider::Postgresql, false) => PyDriver::Psycopg,
                (Provider::Mysql, true) => PyDriver::Aiomysql,
                (Provider::Mysql, false) => PyDriver::Pymysql,
                (_, true) => PyDriver::Aiosqlite,
                (_, false) => PyDriver::Sqlite3,
            };
            let driver = choose(
                &key("driver"),
                t.driver.as_deref(),
                default_driver,
                &[
                    ("asyncpg", PyDriver::Asyncpg),
                    ("psycopg", PyDriver::Psycopg),
                    ("psycopg3", PyDriver::Psycopg),
                    ("sqlite3", PyDriver::Sqlite3),
                    ("aiosqlite", PyDriver::Aiosqlite),
                    ("pymysql", PyDriver::Pymysql),
                    ("aiomysql", PyDriver::Aiomysql),
                ],
            )?;
            let fits = match driver {
                PyDriver::Asyncpg | PyDriver::Psycopg => provider == Provider::Postgresql,
                PyDriver::Pymysql | PyDriver::Aiomysql => provider == Provider::Mysql,
                PyDriver::Sqlite3 | PyDriver::Aiosqlite => provider == Provider::Sqlite,
            };
            if !fits {
                return Err(Error::GenOption {
                    key: key("driver"),
                    message: format!("this driver does not talk to {provider}"),
                });
            }
            let async_ = match driver.fixed_async() {
                Some(false) if t.async_ => {
                    return Err(Error::GenOption {
                        key: key("async"),
                        message: "this driver is synchronous; use aiosqlite, aiomysql, asyncpg or psycopg for async code".into(),
                    })
                }
                Some(fixed) => fixed,
                None => t.async_,
            };
            Ok(LangOptions::Python(PythonOptions {
                driver,
                async_,
                frozen: t.frozen.unwrap_or(true),
                enums: choose(
                    &key("enums"),
                    t.enums.as_deref(),
                    PyEnums::Enum,
                    &[("enum", PyEnums::Enum), ("literal", PyEnums::Literal)],
                )?,
            }))
        }
    }
}

/// A folder name as a Go package name: lower case, letters and digits.
fn go_package_name(dir: &str) -> String {
    let s: String = dir
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("db{s}")
    } else {
        s
    }
}
