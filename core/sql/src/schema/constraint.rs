//! Table constraints (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, MySQL KEY/INDEX/FULLTEXT) and
//! index key parts, shared by CREATE TABLE, ALTER TABLE and CREATE INDEX.

use super::{Builder, Ctx, FkCheck};
use crate::names::{auto_name, fold_ident, split_qualified, AutoName};
use crate::split;
use flash_schema::{
    Check, ForeignKey, Index, IndexPart, PrimaryKey, Provider, ReferentialAction, Schema, Table,
    UniqueConstraint,
};
use sqlparser::ast::{
    Expr, Ident, IndexColumn, IndexOption, IndexType, ObjectNamePart, OrderBySort, Spanned,
    TableConstraint, Value,
};
use sqlparser::tokenizer::{Span, Token, Tokenizer};

/// Adds one table constraint to `table` (which is not inside `b.schema` while this runs).
pub(crate) fn apply_constraint(
    b: &mut Builder,
    ctx: &Ctx,
    table: &mut Table,
    tc: &TableConstraint,
) {
    let at = ctx.span_loc(tc.span());
    match tc {
        TableConstraint::PrimaryKey(pk) => {
            let Some(columns) = key_columns(b, ctx, table, &pk.columns, "PRIMARY KEY") else {
                return;
            };
            if table.primary_key.is_some() {
                b.error(
                    &at,
                    format!("table `{}` has more than one primary key", table.name),
                    Some("declare one PRIMARY KEY, listing all its columns".into()),
                );
                return;
            }
            let name = match b.provider {
                Provider::Mysql => None,
                Provider::Postgresql => Some(match &pk.name {
                    Some(n) => fold_ident(n, b.provider),
                    None => new_name(b, table, &[], AutoName::PrimaryKey),
                }),
                Provider::Sqlite | Provider::Mongodb => {
                    pk.name.as_ref().map(|n| fold_ident(n, b.provider))
                }
            };
            for c in &columns {
                if let Some(i) = b.column_index(table, c) {
                    table.columns[i].nullable = false;
                }
            }
            table.primary_key = Some(PrimaryKey { name, columns });
        }
        TableConstraint::Unique(u) => {
            let explicit = u.name.as_ref().or(u.index_name.as_ref());
            if b.provider == Provider::Mysql {
                let method = method_of(u.index_type.as_ref(), &u.index_options);
                add_index(
                    b,
                    ctx,
                    table,
                    explicit,
                    &u.columns,
                    true,
                    method,
                    None,
                    AutoName::Unique,
                );
                return;
            }
            let Some(columns) = key_columns(b, ctx, table, &u.columns, "UNIQUE constraint") else {
                return;
            };
            let (name, auto_named) = match explicit {
                Some(n) => (fold_ident(n, b.provider), false),
                None => (new_name(b, table, &columns, AutoName::Unique), true),
            };
            let at = explicit.map_or(at, |n| ctx.span_loc(n.span));
            table.uniques.push(UniqueConstraint {
                id: Default::default(),
                name,
                auto_named,
                columns,
                location: Some(at),
            });
        }
        TableConstraint::ForeignKey(fk) => {
            let mut columns = Vec::new();
            let mut ok = true;
            for ident in &fk.columns {
                let name = fold_ident(ident, b.provider);
                match b.column_name(table, &name) {
                    Some(declared) => columns.push(declared),
                    None => {
                        unknown_column(b, ctx, table, ident, "FOREIGN KEY");
                        ok = false;
                    }
                }
            }
            let (ref_schema, ref_table) = split_qualified(&fk.foreign_table, b.provider);
            let ref_columns: Vec<(String, _)> = fk
                .referred_columns
                .iter()
                .map(|i| (fold_ident(i, b.provider), ctx.span_loc(i.span)))
                .collect();
            if !ref_columns.is_empty() && ref_columns.len() != columns.len() {
                b.error(
                    &at,
                    format!(
                        "foreign key on table `{}` has {} column{} but references {}",
                        table.name,
                        columns.len(),
                        if columns.len() == 1 { "" } else { "s" },
                        ref_columns.len()
                    ),
                    Some("list as many referenced columns as referencing ones".into()),
                );
                ok = false;
            }
            if !ok {
                return;
            }
            let (name, auto_named) = match &fk.name {
                Some(n) => (fold_ident(n, b.provider), false),
                None => (new_name(b, table, &columns, AutoName::ForeignKey), true),
            };
            let ref_table_loc = ctx.span_loc(
                fk.foreign_table
                    .0
                    .last()
                    .map_or(fk.foreign_table.span(), |p| p.span()),
            );
            b.fk_checks.push(FkCheck {
                table: (table.schema.clone(), table.name.clone()),
                fk_name: name.clone(),
                fk_index: table.foreign_keys.len(),
                ref_table_loc,
                ref_columns: ref_columns.clone(),
            });
            let deferrable = fk
                .characteristics
                .as_ref()
                .is_some_and(|c| c.deferrable == Some(true));
            table.foreign_keys.push(ForeignKey {
                id: Default::default(),
                name,
                auto_named,
                columns,
                ref_schema,
                ref_table,
                ref_columns: ref_columns.into_iter().map(|(n, _)| n).collect(),
                on_delete: action(fk.on_delete.as_ref()),
                on_update: action(fk.on_update.as_ref()),
                deferrable,
                location: Some(at),
            });
        }
        TableConstraint::Check(c) => {
            let expr = c.expr.to_string();
            let (name, auto_named) = match &c.name {
                Some(n) => (fold_ident(n, b.provider), false),
                None => {
                    let cols = referenced_columns(&expr, b.provider, table);
                    let cols = if cols.len() == 1 { cols } else { Vec::new() };
                    (new_name(b, table, &cols, AutoName::Check), true)
                }
            };
            table.checks.push(Check {
                id: Default::default(),
                name,
                auto_named,
                expr,
                location: Some(at),
            });
        }
        TableConstraint::Index(ic) => {
            let method = method_of(ic.index_type.as_ref(), &ic.index_options);
            add_index(
                b,
                ctx,
                table,
                ic.name.as_ref(),
                &ic.columns,
                false,
                method,
                None,
                AutoName::Index,
            );
        }
        TableConstraint::FulltextOrSpatial(f) => {
            let kind = if f.fulltext { "fulltext" } else { "spatial" };
            add_index(
                b,
                ctx,
                table,
                f.opt_index_name.as_ref(),
                &f.columns,
                false,
                None,
                Some(kind.to_string()),
                AutoName::Index,
            );
        }
        TableConstraint::PrimaryKeyUsingIndex(_)
        | TableConstraint::UniqueUsingIndex(_)
        | TableConstraint::Exclude(_) => {
            let what = tc.to_string();
            let what: String = what
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            b.warn(
                &at,
                format!("constraint `{what} ...` is not part of the schema model; it is ignored by migrate"),
                Some("create it in a migration by hand".into()),
            );
        }
    }
}

/// An index declared inside CREATE TABLE (MySQL KEY/INDEX/UNIQUE KEY/FULLTEXT).
#[allow(clippy::too_many_arguments)]
fn add_index(
    b: &mut Builder,
    ctx: &Ctx,
    table: &mut Table,
    name: Option<&Ident>,
    columns: &[IndexColumn],
    unique: bool,
    method: Option<String>,
    kind: Option<String>,
    auto: AutoName,
) {
    let Some(parts) = index_parts(b, ctx, table, columns, "index") else {
        return;
    };
    let (name_text, auto_named) = match name {
        Some(n) => (fold_ident(n, b.provider), false),
        None => (new_name(b, table, &part_labels(&parts), auto), true),
    };
    let at = match name {
        Some(n) => ctx.span_loc(n.span),
        None => ctx.span_loc(columns.first().map_or(ctx_span(ctx), |c| c.span())),
    };
    table.indexes.push(Index {
        id: Default::default(),
        name: name_text,
        auto_named,
        unique,
        parts,
        method,
        predicate: None,
        include: Vec::new(),
        kind,
        renamed_from: None,
        location: Some(at),
    });
}

fn ctx_span(ctx: &Ctx) -> Span {
    Span::new(ctx.start, ctx.start)
}

/// The column names of a PRIMARY KEY / UNIQUE key, each checked against the table.
fn key_columns(
    b: &mut Builder,
    ctx: &Ctx,
    table: &Table,
    columns: &[IndexColumn],
    what: &str,
) -> Option<Vec<String>> {
    let parts = index_parts(b, ctx, table, columns, what)?;
    let mut out = Vec::new();
    for (part, c) in parts.iter().zip(columns) {
        match &part.column {
            Some(name) => out.push(name.clone()),
            None => {
                let at = ctx.span_loc(c.span());
                b.error(
                    &at,
                    format!("{what} of table `{}` must list column names", table.name),
                    Some("use a unique index (CREATE UNIQUE INDEX) for expressions".into()),
                );
                return None;
            }
        }
    }
    Some(out)
}

/// Index key parts, with unknown columns reported; None when any column is unknown.
pub(crate) fn index_parts(
    b: &mut Builder,
    ctx: &Ctx,
    table: &Table,
    columns: &[IndexColumn],
    what: &str,
) -> Option<Vec<IndexPart>> {
    let mut out = Vec::new();
    let mut ok = true;
    for c in columns {
        let (mut part, ident) = index_part(c, b.provider);
        if let (Some(name), Some(ident)) = (&part.column, ident) {
            match b.column_name(table, name) {
                Some(declared) => part.column = Some(declared),
                None => {
                    unknown_column(b, ctx, table, ident, what);
                    ok = false;
                }
            }
        }
        out.push(part);
    }
    ok.then_some(out)
}

/// One key part: a column (with MySQL prefix length or a collation) or an expression.
fn index_part(c: &IndexColumn, provider: Provider) -> (IndexPart, Option<&Ident>) {
    let mut expr = &c.column.expr;
    while let Expr::Nested(inner) = expr {
        expr = inner;
    }
    let descending = matches!(c.column.options.sort, Some(OrderBySort::Desc));
    let opclass = c.operator_class.as_ref().map(|o| o.to_string());
    let mut part = IndexPart {
        column: None,
        expr: None,
        descending,
        opclass,
        length: None,
    };
    let mut ident_out = None;
    match expr {
        Expr::Identifier(ident) => {
            part.column = Some(fold_ident(ident, provider));
            ident_out = Some(ident);
        }
        Expr::Collate {
            expr: inner,
            collation,
        } if matches!(**inner, Expr::Identifier(_)) => {
            if let Expr::Identifier(ident) = &**inner {
                part.column = Some(fold_ident(ident, provider));
                ident_out = Some(ident);
            }
            part.opclass = Some(format!("COLLATE {collation}"));
        }
        Expr::Function(f) if provider == Provider::Mysql => match prefix_length(f) {
            Some((ident, len)) => {
                part.column = Some(fold_ident(ident, provider));
                part.length = Some(len);
                ident_out = Some(ident);
            }
            None => part.expr = Some(expr.to_string()),
        },
        other => part.expr = Some(other.to_string()),
    }
    (part, ident_out)
}

/// MySQL `name(10)` in a key: the column and its prefix length.
fn prefix_length(f: &sqlparser::ast::Function) -> Option<(&Ident, u32)> {
    use sqlparser::ast::{FunctionArg, FunctionArgExpr, FunctionArguments};
    let [ObjectNamePart::Identifier(ident)] = f.name.0.as_slice() else {
        return None;
    };
    let FunctionArguments::List(list) = &f.args else {
        return None;
    };
    let [FunctionArg::Unnamed(FunctionArgExpr::Expr(Expr::Value(v)))] = list.args.as_slice() else {
        return None;
    };
    match &v.value {
        Value::Number(n, _) => n.to_string().parse().ok().map(|len| (ident, len)),
        _ => None,
    }
}

/// The words PostgreSQL puts in an index name for its parts: column names, or the
/// function name of an expression, or `expr`.
pub(crate) fn part_labels(parts: &[IndexPart]) -> Vec<String> {
    parts
        .iter()
        .map(|p| match (&p.column, &p.expr) {
            (Some(c), _) => c.clone(),
            (None, Some(e)) => function_name(e).unwrap_or_else(|| "expr".to_string()),
            (None, None) => "expr".to_string(),
        })
        .collect()
}

/// `lower(email)` → `lower`.
fn function_name(expr: &str) -> Option<String> {
    let (name, rest) = expr.split_once('(')?;
    let name = name.trim();
    let ok = !name.is_empty()
        && rest.ends_with(')')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    ok.then(|| name.rsplit('.').next().unwrap_or(name).to_lowercase())
}

fn unknown_column(b: &mut Builder, ctx: &Ctx, table: &Table, ident: &Ident, what: &str) {
    let at = ctx.span_loc(ident.span);
    let name = fold_ident(ident, b.provider);
    b.error(
        &at,
        format!(
            "unknown column `{name}` in {what} of table `{}`",
            table.name
        ),
        Some(columns_help(table)),
    );
}

/// `table t has columns: a, b, c`.
pub(crate) fn columns_help(table: &Table) -> String {
    let cols: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    if cols.is_empty() {
        format!("table `{}` has no columns", table.name)
    } else {
        format!("table `{}` has columns: {}", table.name, cols.join(", "))
    }
}

/// `USING BTREE` before or after the key list, lower case.
fn method_of(index_type: Option<&IndexType>, options: &[IndexOption]) -> Option<String> {
    index_type
        .or_else(|| {
            options.iter().find_map(|o| match o {
                IndexOption::Using(t) => Some(t),
                IndexOption::Comment(_) => None,
            })
        })
        .map(method_name)
}

/// An index method name, lower case.
pub(crate) fn method_name(t: &IndexType) -> String {
    match t {
        IndexType::Custom(i) => i.value.to_lowercase(),
        other => other.to_string().to_lowercase(),
    }
}

fn action(a: Option<&sqlparser::ast::ReferentialAction>) -> ReferentialAction {
    use sqlparser::ast::ReferentialAction as A;
    match a {
        None | Some(A::NoAction) => ReferentialAction::NoAction,
        Some(A::Restrict) => ReferentialAction::Restrict,
        Some(A::Cascade) => ReferentialAction::Cascade,
        Some(A::SetNull) => ReferentialAction::SetNull,
        Some(A::SetDefault) => ReferentialAction::SetDefault,
    }
}

/// A PostgreSQL-style name not yet used in the table or (for PostgreSQL and SQLite, whose
/// index names share one namespace per schema) by another index of the schema.
pub(crate) fn new_name(b: &Builder, table: &Table, columns: &[String], kind: AutoName) -> String {
    let taken = |n: &str| name_taken(&b.schema, table, n, b.provider);
    auto_name(&table.name, columns, kind, b.provider, &taken)
}

fn name_taken(schema: &Schema, table: &Table, name: &str, provider: Provider) -> bool {
    let own = table.primary_key.as_ref().and_then(|p| p.name.as_deref()) == Some(name)
        || table.uniques.iter().any(|u| u.name == name)
        || table.checks.iter().any(|c| c.name == name)
        || table.foreign_keys.iter().any(|f| f.name == name)
        || table.indexes.iter().any(|i| i.name == name);
    if own || provider == Provider::Mysql {
        return own;
    }
    schema
        .tables
        .iter()
        .filter(|t| t.schema == table.schema && t.name != table.name)
        .any(|t| {
            t.indexes.iter().any(|i| i.name == name)
                || t.uniques.iter().any(|u| u.name == name)
                || t.primary_key.as_ref().and_then(|p| p.name.as_deref()) == Some(name)
        })
}

/// The columns of `table` an expression mentions (from its tokens: words that name a
/// column and are not function calls), without repeats, in order.
pub(crate) fn referenced_columns(expr: &str, provider: Provider, table: &Table) -> Vec<String> {
    let dialect = split::dialect(provider);
    let Ok(tokens) = Tokenizer::new(dialect.as_ref(), expr).tokenize() else {
        return Vec::new();
    };
    let sig: Vec<&Token> = tokens.iter().filter(|t| !split::is_trivia(t)).collect();
    let mut out: Vec<String> = Vec::new();
    for (i, t) in sig.iter().enumerate() {
        let Token::Word(w) = t else { continue };
        if sig.get(i + 1).is_some_and(|n| **n == Token::LParen) {
            continue;
        }
        let ident = Ident {
            value: w.value.clone(),
            quote_style: w.quote_style,
            span: Span::empty(),
        };
        let name = fold_ident(&ident, provider);
        let declared = table
            .columns
            .iter()
            .find(|c| crate::names::same_name(&c.name, &name, provider));
        if let Some(c) = declared {
            if !out.contains(&c.name) {
                out.push(c.name.clone());
            }
        }
    }
    out
}
