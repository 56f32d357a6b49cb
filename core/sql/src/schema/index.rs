//! CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX.

use super::constraint::{index_parts, method_name, new_name, part_labels};
use super::head::word_upper;
use super::{Builder, Ctx, Deferred, DeferredKind, StmtText};
use crate::names::{fold_ident, split_qualified, AutoName};
use flash_schema::Index;
use sqlparser::ast::{CreateIndex, IndexOption, ObjectNamePart, Spanned, Statement};

/// CREATE INDEX: parsed now, applied in pass 2 (when every table exists).
pub(crate) fn create_index(b: &mut Builder, ctx: &Ctx, st: &StmtText<'_>, kind: Option<String>) {
    let mut tokens = st.tokens.to_vec();
    if kind.is_some() {
        // sqlparser does not know CREATE FULLTEXT/SPATIAL INDEX: the kind word is cut out.
        if let Some(i) = tokens.iter().position(|t| {
            matches!(
                word_upper(&t.token).as_deref(),
                Some("FULLTEXT" | "SPATIAL")
            )
        }) {
            tokens.remove(i);
        }
    }
    let Some(stmt) = b.parse(ctx, &tokens) else {
        return;
    };
    match stmt {
        Statement::CreateIndex(ci) => b.deferred.push(Deferred {
            ctx: ctx.clone(),
            kind: DeferredKind::Index(Box::new(ci), kind),
        }),
        other => {
            let at = ctx.loc(ctx.start);
            b.error(&at, format!("expected CREATE INDEX, found `{other}`"), None);
        }
    }
}

/// Adds an index to its table.
pub(crate) fn apply_index(b: &mut Builder, ctx: &Ctx, ci: &CreateIndex, kind: Option<String>) {
    let (schema, table_name) = split_qualified(&ci.table_name, b.provider);
    let Some(idx) = b.table_index(&schema, &table_name) else {
        let at = ctx.span_loc(ci.table_name.span());
        let on_view = b
            .schema
            .views
            .iter()
            .any(|v| v.name == table_name && v.schema == schema);
        if on_view {
            b.warn(
                &at,
                format!("index on view `{table_name}` is not part of the schema model; it is ignored by migrate"),
                Some("create indexes on materialized views in a migration".into()),
            );
        } else if !b.is_broken(&schema, &table_name) {
            b.error(
                &at,
                format!("index on unknown table `{table_name}`"),
                Some(
                    "declare the table with CREATE TABLE in a schema file, or fix the name".into(),
                ),
            );
        }
        return;
    };
    let mut table = std::mem::take(&mut b.schema.tables[idx]);
    if let Some(parts) = index_parts(b, ctx, &table, &ci.columns, "index") {
        let name_ident = ci.name.as_ref().and_then(|n| match n.0.last() {
            Some(ObjectNamePart::Identifier(i)) => Some(i),
            _ => None,
        });
        let (name, auto_named) = match name_ident {
            Some(i) => (fold_ident(i, b.provider), false),
            None => (
                new_name(b, &table, &part_labels(&parts), AutoName::Index),
                true,
            ),
        };
        let method = ci.using.as_ref().map(method_name).or_else(|| {
            ci.index_options.iter().find_map(|o| match o {
                IndexOption::Using(t) => Some(method_name(t)),
                IndexOption::Comment(_) => None,
            })
        });
        let at = ctx.loc(name_ident.map_or(ctx.start, |i| i.span.start));
        table.indexes.push(Index {
            id: Default::default(),
            name,
            auto_named,
            unique: ci.unique,
            parts,
            method,
            predicate: ci.predicate.as_ref().map(|p| p.to_string()),
            include: ci
                .include
                .iter()
                .map(|i| fold_ident(i, b.provider))
                .collect(),
            kind,
            renamed_from: ctx.renamed_from(ctx.start.line, true),
            location: Some(at),
        });
    }
    b.schema.tables[idx] = table;
}
