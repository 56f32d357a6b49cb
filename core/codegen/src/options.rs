//! What each backend can be asked for: the `[gen.go]`, `[gen.js]` and `[gen.python]` settings
//! after the facade has resolved them (defaults filled, names checked).

use serde::{Deserialize, Serialize};

/// `[gen.go]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoOptions {
    /// The package clause (`db`): by default the output folder's last component.
    pub package: String,
    pub driver: GoDriver,
    /// How nullable values are typed.
    pub nulls: GoNulls,
    /// `json:"..."` tags on struct fields (the column name as written in SQL).
    pub json_tags: bool,
    /// `db:"..."` tags on struct fields.
    pub db_tags: bool,
}

/// The Go driver the code is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoDriver {
    /// `database/sql` with any driver (lib/pq or pgx's stdlib, go-sql-driver/mysql, a SQLite
    /// driver): the generated code imports only the standard library.
    DatabaseSql,
    /// `github.com/jackc/pgx/v5` (PostgreSQL only).
    Pgx,
}

/// Nullable values in Go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoNulls {
    /// `sql.NullString`, `sql.NullInt64`, ... (`pgtype.Text`, ... with pgx).
    SqlNull,
    /// `*string`, `*int64`, ...
    Pointer,
}

/// `[gen.js]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TsOptions {
    pub driver: TsDriver,
    /// TypeScript sources, or JavaScript with `.d.ts` declarations.
    pub emit: TsEmit,
    /// Module format of JavaScript output (TypeScript sources are written as ES modules).
    pub module: TsModule,
    /// How 64-bit integers and decimals arrive.
    pub bigint: TsBigint,
    /// The TypeScript type of JSON values (`unknown` by default; a declared type name works
    /// too, e.g. `JsonValue` from `models`).
    pub json_type: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TsDriver {
    /// `pg` (node-postgres).
    Pg,
    /// `mysql2/promise`.
    Mysql2,
    /// `better-sqlite3` (synchronous).
    BetterSqlite3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TsEmit {
    Ts,
    Js,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TsModule {
    Esm,
    Cjs,
}

/// 64-bit integers (`bigint`, `BIGINT UNSIGNED`) and exact decimals in TypeScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TsBigint {
    /// As strings: exact, and what `pg` and `mysql2` give by default.
    String,
    /// As `bigint` (decimals stay strings: `bigint` cannot hold a fraction).
    Bigint,
}

/// `[gen.python]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PythonOptions {
    pub driver: PyDriver,
    /// `async def` functions. Fixed by the driver except for `psycopg`, which has both.
    #[serde(rename = "async")]
    pub async_: bool,
    /// `@dataclass(frozen=True, slots=True)` rather than `@dataclass(slots=True)`.
    pub frozen: bool,
    pub enums: PyEnums,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PyDriver {
    Asyncpg,
    Psycopg,
    Sqlite3,
    Aiosqlite,
    Pymysql,
    Aiomysql,
}

impl PyDriver {
    /// Whether the driver is async only (`Some(true)`), sync only (`Some(false)`) or both.
    pub fn fixed_async(self) -> Option<bool> {
        match self {
            PyDriver::Asyncpg | PyDriver::Aiosqlite | PyDriver::Aiomysql => Some(true),
            PyDriver::Sqlite3 | PyDriver::Pymysql => Some(false),
            PyDriver::Psycopg => None,
        }
    }
}

/// Enums in Python.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PyEnums {
    /// `class Mood(str, enum.Enum)`.
    Enum,
    /// `Mood = Literal["sad", "ok", "happy"]`.
    Literal,
}
