//! A query's SQL with its parameters written the way a driver wants them.
//!
//! Query files may use `@name`, `sqlc.arg(name)`, `$1` or `?`; drivers want `$1` (pg, pgx,
//! asyncpg), `?` (mysql2, go-sql-driver/mysql, sqlite3, better-sqlite3), `?NNN` (SQLite) or
//! `%s` (psycopg, pymysql, aiomysql). A `sqlc.slice` list becomes a marked placeholder
//! (`/*SLICE:ids*/?`) that the generated code expands to one placeholder per element.

use crate::queries::{ParamStyle, Query};
use serde::{Deserialize, Serialize};

/// A driver's placeholder style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placeholders {
    /// `$1`, `$2`; a parameter used twice is written twice with its number.
    Dollar,
    /// `?1`, `?2` (SQLite).
    QuestionNumbered,
    /// `?` per use, in order; a parameter used twice is bound twice.
    Question,
    /// `%s` per use, in order; every literal `%` is doubled, as these drivers require.
    Percent,
}

/// The rewritten SQL and what to bind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rewritten {
    pub sql: String,
    /// For each placeholder the driver sees, in order, the 0-based index into the query's
    /// params. Numbered styles bind each parameter once, in order.
    pub binds: Vec<usize>,
}

/// A slice parameter in a style that numbers its placeholders: the list cannot be expanded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("query {query}: sqlc.slice({param}) needs `?` placeholders, not {style:?}")]
pub struct SliceError {
    pub query: String,
    pub param: String,
    pub style: Placeholders,
}

/// The marker the generated code replaces with one placeholder per element of slice `name`.
pub fn slice_marker(name: &str) -> String {
    format!("/*SLICE:{name}*/")
}

/// Writes `query`'s SQL with `style` placeholders.
pub fn rewrite(query: &Query, style: Placeholders) -> Result<Rewritten, SliceError> {
    // Every use of every parameter, in text order.
    let mut uses: Vec<(std::ops::Range<usize>, usize)> = query
        .params
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.uses.iter().map(move |r| (r.clone(), i)))
        .collect();
    uses.sort_by_key(|(r, _)| r.start);

    let mut sql = String::with_capacity(query.sql.len() + 8);
    let mut binds = Vec::new();
    let mut at = 0;
    let literal = |text: &str, sql: &mut String| {
        if style == Placeholders::Percent {
            sql.push_str(&text.replace('%', "%%"));
        } else {
            sql.push_str(text);
        }
    };
    for (range, i) in uses {
        literal(query.sql.get(at..range.start).unwrap_or(""), &mut sql);
        at = range.end;
        let param = &query.params[i];
        if param.style == ParamStyle::Slice {
            if matches!(style, Placeholders::Dollar | Placeholders::QuestionNumbered) {
                return Err(SliceError {
                    query: query.name.clone(),
                    param: param.name.clone().unwrap_or_default(),
                    style,
                });
            }
            sql.push_str(&slice_marker(param.name.as_deref().unwrap_or("")));
        }
        match style {
            Placeholders::Dollar => sql.push_str(&format!("${}", param.number)),
            Placeholders::QuestionNumbered => sql.push_str(&format!("?{}", param.number)),
            Placeholders::Question => {
                sql.push('?');
                binds.push(i);
            }
            Placeholders::Percent => {
                sql.push_str("%s");
                binds.push(i);
            }
        }
    }
    literal(query.sql.get(at..).unwrap_or(""), &mut sql);
    if matches!(style, Placeholders::Dollar | Placeholders::QuestionNumbered) {
        binds = (0..query.params.len()).collect();
    }
    Ok(Rewritten { sql, binds })
}
