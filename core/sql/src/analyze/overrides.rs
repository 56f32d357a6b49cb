//! Override lines in a query's doc block: what the analysis cannot know, said by the user.
//!
//! ```sql
//! -- flash:column total numeric(12,2) not null
//! -- flash:param since timestamptz null
//! -- flash:param $2 bigint
//! ```
//!
//! After the name comes a type (the database's spelling), `null` / `not null`, or both.

use super::catalog::Catalog;
use super::ctx::ParamState;
use super::scope::Col;
use crate::error::SqlError;
use crate::queries::Query;
use flash_schema::TypeKind;

/// What an override line targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Column(String),
    Param(String),
}

/// One override line.
#[derive(Debug, Clone)]
pub(crate) struct Override {
    pub target: Target,
    pub ty: Option<TypeKind>,
    pub nullable: Option<bool>,
    pub line: u32,
}

/// True for a doc line that is an override, not documentation.
pub(crate) fn is_override(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("flash:column") || l.starts_with("flash:param")
}

/// The override lines of `query`.
pub(crate) fn parse(query: &Query, cat: &Catalog<'_>) -> Result<Vec<Override>, Vec<SqlError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let first_line = query.line.saturating_sub(query.doc.len() as u32);
    for (i, raw) in query.doc.iter().enumerate() {
        let line = first_line + i as u32;
        let l = raw.trim();
        let (kind, rest) = if let Some(r) = l.strip_prefix("flash:column") {
            ("column", r)
        } else if let Some(r) = l.strip_prefix("flash:param") {
            ("param", r)
        } else {
            continue;
        };
        let mut words = rest.split_whitespace();
        let Some(name) = words.next() else {
            errors.push(
                SqlError::new(
                    query.file.clone(),
                    line,
                    1,
                    format!("`flash:{kind}` needs a name"),
                )
                .with_help(format!(
                    "write `-- flash:{kind} <name> <type> [null|not null]`"
                )),
            );
            continue;
        };
        let rest: Vec<&str> = words.collect();
        let lower: Vec<String> = rest.iter().map(|w| w.to_ascii_lowercase()).collect();
        let (nullable, type_words) = match lower.as_slice() {
            [.., a, b] if a == "not" && b == "null" => (Some(false), &rest[..rest.len() - 2]),
            [.., b] if b == "null" => (Some(true), &rest[..rest.len() - 1]),
            _ => (None, &rest[..]),
        };
        let ty = (!type_words.is_empty()).then(|| cat.type_text(&type_words.join(" ")));
        if ty.is_none() && nullable.is_none() {
            errors.push(
                SqlError::new(
                    query.file.clone(),
                    line,
                    1,
                    format!("`flash:{kind} {name}` says nothing"),
                )
                .with_help(format!(
                    "add a type and/or `null` / `not null`: `-- flash:{kind} {name} text not null`"
                )),
            );
            continue;
        }
        let target = if kind == "column" {
            Target::Column(name.to_string())
        } else {
            Target::Param(name.to_string())
        };
        out.push(Override {
            target,
            ty,
            nullable,
            line,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Applies overrides to the result columns and parameters; a name that matches nothing is an
/// error.
pub(crate) fn apply(
    overrides: &[Override],
    query: &Query,
    cols: &mut [Col],
    params: &mut [ParamState],
    cat: &Catalog<'_>,
) -> Result<(), Vec<SqlError>> {
    let mut errors = Vec::new();
    for o in overrides {
        match &o.target {
            Target::Column(name) => {
                let mut hit = false;
                for c in cols.iter_mut().filter(|c| cat.same(&c.name, name)) {
                    hit = true;
                    if let Some(ty) = &o.ty {
                        c.ty = Some(ty.clone());
                    }
                    if let Some(n) = o.nullable {
                        c.nullable = n;
                    }
                }
                if !hit {
                    let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
                    errors.push(
                        SqlError::new(
                            query.file.clone(),
                            o.line,
                            1,
                            format!("query {} has no result column `{name}`", query.name),
                        )
                        .with_help(format!("its columns are: {}", names.join(", "))),
                    );
                }
            }
            Target::Param(name) => {
                let index = match super::statement::param_index(name) {
                    Some(i) => Some(i),
                    None => params
                        .iter()
                        .position(|p| p.name.as_deref().is_some_and(|n| cat.same(n, name))),
                };
                match index.and_then(|i| params.get_mut(i)) {
                    Some(p) => {
                        if let Some(ty) = &o.ty {
                            p.ty = Some(ty.clone());
                        }
                        if let Some(n) = o.nullable {
                            p.nullable = n;
                        }
                    }
                    None => {
                        let names: Vec<String> = params
                            .iter()
                            .enumerate()
                            .map(|(i, p)| p.name.clone().unwrap_or_else(|| format!("${}", i + 1)))
                            .collect();
                        errors.push(
                            SqlError::new(
                                query.file.clone(),
                                o.line,
                                1,
                                format!("query {} has no parameter `{name}`", query.name),
                            )
                            .with_help(format!("its parameters are: {}", names.join(", "))),
                        );
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
