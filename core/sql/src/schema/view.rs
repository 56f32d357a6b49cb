//! CREATE [OR REPLACE] [MATERIALIZED] VIEW.

use super::head::word_upper;
use super::{Builder, Ctx, StmtText};
use crate::names::{fold_ident, split_qualified};
use flash_schema::View;
use sqlparser::ast::{Spanned, Statement};
use sqlparser::tokenizer::Token;

/// CREATE VIEW: the definition is the query text exactly as written after `AS` (a trailing
/// `WITH CHECK OPTION` or `WITH [NO] DATA` stays part of it, so nothing is lost).
pub(crate) fn create_view(b: &mut Builder, ctx: &Ctx, st: &StmtText<'_>) {
    let sig = st.significant();
    let words: Vec<Option<String>> = sig.iter().map(|(_, t)| word_upper(&t.token)).collect();
    let tail = trailing_clause(&words);
    // sqlparser does not know these trailing clauses: they are cut before parsing.
    let parse_end = match tail {
        0 => st.tokens.len(),
        n => sig.get(sig.len() - n).map_or(st.tokens.len(), |(i, _)| *i),
    };
    let Some(stmt) = b.parse(ctx, &st.tokens[..parse_end]) else {
        return;
    };
    let Statement::CreateView(cv) = stmt else {
        let at = ctx.loc(ctx.start);
        b.error(&at, "expected CREATE VIEW", None);
        return;
    };
    let (schema, name) = split_qualified(&cv.name, b.provider);
    let at = ctx.span_loc(cv.name.0.last().map_or(cv.name.span(), |p| p.span()));
    let first = b
        .schema
        .views
        .iter()
        .find(|v| v.name == name && v.schema == schema)
        .map(|v| v.location.clone())
        .or_else(|| {
            b.schema
                .tables
                .iter()
                .find(|t| t.name == name && t.schema == schema)
                .map(|t| t.location.clone())
        });
    if let Some(first) = first {
        b.error(
            &at,
            format!("duplicate view or table name `{name}`"),
            first.map(|l| format!("`{name}` is first declared at {l}")),
        );
        return;
    }
    let definition = definition(st, &sig, &words).unwrap_or_else(|| cv.query.to_string());
    b.schema.views.push(View {
        id: Default::default(),
        schema,
        name,
        columns: cv
            .columns
            .iter()
            .map(|c| fold_ident(&c.name, b.provider))
            .collect(),
        definition,
        materialized: cv.materialized,
        renamed_from: ctx.renamed_from(u64::from(at.line), true),
        location: Some(at),
    });
}

/// How many words at the end form `WITH [CASCADED|LOCAL] CHECK OPTION` or `WITH [NO] DATA`.
fn trailing_clause(words: &[Option<String>]) -> usize {
    let w = |back: usize| {
        words
            .len()
            .checked_sub(back + 1)
            .and_then(|k| words[k].as_deref())
    };
    match (w(0), w(1), w(2), w(3)) {
        (Some("OPTION"), Some("CHECK"), Some("CASCADED" | "LOCAL"), Some("WITH")) => 4,
        (Some("OPTION"), Some("CHECK"), Some("WITH"), _) => 3,
        (Some("DATA"), Some("NO"), Some("WITH"), _) => 3,
        (Some("DATA"), Some("WITH"), _, _) => 2,
        _ => 0,
    }
}

/// The source text after the first top-level `AS` following `VIEW`, to the end.
fn definition(
    st: &StmtText<'_>,
    sig: &[(usize, &sqlparser::tokenizer::TokenWithSpan)],
    words: &[Option<String>],
) -> Option<String> {
    let view = words.iter().position(|w| w.as_deref() == Some("VIEW"))?;
    let mut depth = 0usize;
    let mut as_pos = None;
    for (k, (_, t)) in sig.iter().enumerate().skip(view + 1) {
        match t.token {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 && words[k].as_deref() == Some("AS") => {
                as_pos = Some(k);
                break;
            }
            _ => {}
        }
    }
    let (start, _) = sig.get(as_pos? + 1)?;
    let (end, _) = sig.last()?;
    let text = st.slice(*start, *end).trim().to_string();
    (!text.is_empty()).then_some(text)
}
