//! COMMENT ON TABLE / COLUMN.

use super::constraint::columns_help;
use super::head::word_upper;
use super::{Builder, Ctx, Deferred, DeferredKind, StmtText};
use crate::names::{fold_parts, qualified_from_parts};
use sqlparser::ast::{CommentObject, Spanned, Statement};

/// COMMENT ON: parsed now, applied in pass 2.
pub(crate) fn comment_on(b: &mut Builder, ctx: &Ctx, st: &StmtText<'_>) {
    let sig = st.significant();
    let object = sig.get(2).and_then(|(_, t)| word_upper(&t.token));
    if !matches!(object.as_deref(), Some("TABLE" | "COLUMN")) {
        let at = ctx.loc(ctx.start);
        let what = object.unwrap_or_default();
        b.warn(
            &at,
            format!("COMMENT ON {what} is not part of the schema model; it is ignored by migrate"),
            None,
        );
        return;
    }
    let Some(stmt) = b.parse(ctx, st.tokens) else {
        return;
    };
    if matches!(stmt, Statement::Comment { .. }) {
        b.deferred.push(Deferred {
            ctx: ctx.clone(),
            kind: DeferredKind::Comment(Box::new(stmt)),
        });
    }
}

/// Sets (or, with `IS NULL`, clears) a table or column comment.
pub(crate) fn apply_comment(b: &mut Builder, ctx: &Ctx, stmt: &Statement) {
    let Statement::Comment {
        object_type,
        object_name,
        comment,
        ..
    } = stmt
    else {
        return;
    };
    let at = ctx.span_loc(object_name.span());
    let mut parts = fold_parts(object_name, b.provider);
    let column = match object_type {
        CommentObject::Table => None,
        CommentObject::Column => match parts.pop() {
            Some(c) if !parts.is_empty() => Some(c),
            _ => {
                b.error(&at, "COMMENT ON COLUMN needs `table.column`", None);
                return;
            }
        },
        other => {
            b.warn(
                &at,
                format!(
                    "COMMENT ON {other} is not part of the schema model; it is ignored by migrate"
                ),
                None,
            );
            return;
        }
    };
    let (schema, table_name) = qualified_from_parts(parts, b.provider);
    let Some(idx) = b.table_index(&schema, &table_name) else {
        if !b.is_broken(&schema, &table_name) {
            b.error(
                &at,
                format!("COMMENT ON unknown table `{table_name}`"),
                Some(
                    "declare the table with CREATE TABLE in a schema file, or fix the name".into(),
                ),
            );
        }
        return;
    };
    match column {
        None => b.schema.tables[idx].comment = comment.clone(),
        Some(c) => match b.column_index(&b.schema.tables[idx], &c) {
            Some(ci) => b.schema.tables[idx].columns[ci].comment = comment.clone(),
            None => {
                let table = &b.schema.tables[idx];
                let help = columns_help(table);
                let name = table.name.clone();
                b.error(
                    &at,
                    format!("COMMENT ON unknown column `{c}` of table `{name}`"),
                    Some(help),
                );
            }
        },
    }
}
