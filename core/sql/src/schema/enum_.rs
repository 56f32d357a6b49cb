//! CREATE TYPE: PostgreSQL enums become [`Enum`]s; other types are kept as raw objects.

use super::head::{word_upper, RawHead};
use super::{raw, Builder, Ctx, StmtText};
use crate::names::split_qualified;
use flash_schema::Enum;
use sqlparser::ast::{Spanned, Statement, UserDefinedTypeRepresentation};

/// CREATE TYPE.
pub(crate) fn create_type(b: &mut Builder, ctx: &Ctx, st: &StmtText<'_>) {
    let sig = st.significant();
    let words: Vec<Option<String>> = sig.iter().map(|(_, t)| word_upper(&t.token)).collect();
    let type_pos = words
        .iter()
        .position(|w| w.as_deref() == Some("TYPE"))
        .unwrap_or(1);
    let is_enum = words
        .windows(2)
        .any(|w| w[0].as_deref() == Some("AS") && w[1].as_deref() == Some("ENUM"));
    let as_raw = |b: &mut Builder| {
        raw::raw_object(
            b,
            ctx,
            st,
            RawHead {
                kind: "TYPE".into(),
                next: type_pos + 1,
            },
        )
    };
    if !is_enum {
        as_raw(b);
        return;
    }
    let Some(stmt) = b.parse(ctx, st.tokens) else {
        return;
    };
    let Statement::CreateType {
        name,
        representation: Some(UserDefinedTypeRepresentation::Enum { labels }),
    } = stmt
    else {
        as_raw(b);
        return;
    };
    let (schema, type_name) = split_qualified(&name, b.provider);
    let at = ctx.span_loc(name.0.last().map_or(name.span(), |p| p.span()));
    if let Some(first) = b
        .schema
        .enums
        .iter()
        .find(|e| e.name == type_name && e.schema == schema)
    {
        let help = first
            .location
            .as_ref()
            .map(|l| format!("`{type_name}` is first declared at {l}"));
        b.error(&at, format!("duplicate enum type `{type_name}`"), help);
        return;
    }
    b.schema.enums.push(Enum {
        id: Default::default(),
        schema,
        name: type_name,
        values: labels.into_iter().map(|l| l.value).collect(),
        renamed_from: ctx.renamed_from(u64::from(at.line), true),
        location: Some(at),
    });
}
