//! Objects kept verbatim (functions, procedures, triggers, extensions, domains, policies,
//! schemas, sequences, rules, events, non-enum types, ...), recognised from their tokens so
//! that bodies sqlparser cannot parse (plpgsql, MySQL compound statements) are kept too.

use super::head::{word_upper, RawHead};
use super::table::matching_paren;
use super::{Builder, Ctx, StmtText};
use crate::names::{fold_ident, qualified_from_parts};
use crate::split::{self, is_trivia};
use crate::types::canonical_type;
use flash_schema::{Provider, RawObject, RawPhase};
use sqlparser::ast::Ident;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Location, Token, TokenWithSpan};

/// Adds a raw object to the model.
pub(crate) fn raw_object(b: &mut Builder, ctx: &Ctx, st: &StmtText<'_>, head: RawHead) {
    let sig = st.significant();
    let mut pos = head.next;
    if words_at(&sig, pos, &["IF", "NOT", "EXISTS"]) {
        pos += 3;
    }
    let (name, after, name_loc) = match name_at(&sig, pos, b.provider) {
        Some((parts, next, loc)) => (join_name(parts, b.provider), next, Some(loc)),
        None => (group_or_rest(st, &sig, pos), sig.len(), None),
    };
    let table = match head.kind.as_str() {
        "TRIGGER" | "POLICY" => find_word(&sig, after, "ON")
            .and_then(|on| name_at(&sig, on + 1, b.provider))
            .map(|(parts, _, _)| join_name(parts, b.provider)),
        "RULE" => find_word(&sig, after, "TO")
            .and_then(|to| name_at(&sig, to + 1, b.provider))
            .map(|(parts, _, _)| join_name(parts, b.provider)),
        _ => None,
    };
    let signature = match head.kind.as_str() {
        "FUNCTION" | "PROCEDURE" | "AGGREGATE" => {
            signature(st, &sig, after, &head.kind, b.provider)
        }
        _ => None,
    };
    let phase = match head.kind.as_str() {
        "EXTENSION" | "SCHEMA" | "DOMAIN" | "SEQUENCE" | "TYPE" | "COLLATION" => {
            RawPhase::BeforeTables
        }
        _ => RawPhase::AfterTables,
    };
    b.schema.raw.push(RawObject {
        kind: head.kind,
        name,
        table,
        signature,
        sql: st.text.trim().to_string(),
        phase,
        location: Some(ctx.loc(name_loc.unwrap_or(ctx.start))),
    });
}

/// True when the significant tokens at `pos` are the given words.
fn words_at(sig: &[(usize, &TokenWithSpan)], pos: usize, words: &[&str]) -> bool {
    words.iter().enumerate().all(|(k, w)| {
        sig.get(pos + k)
            .and_then(|(_, t)| word_upper(&t.token))
            .as_deref()
            == Some(*w)
    })
}

/// The position of the first top-level word `word` at or after `from`.
fn find_word(sig: &[(usize, &TokenWithSpan)], from: usize, word: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (k, (_, t)) in sig.iter().enumerate().skip(from) {
        match t.token {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 && word_upper(&t.token).as_deref() == Some(word) => return Some(k),
            _ => {}
        }
    }
    None
}

/// A possibly qualified name (`a`, `s.a`, `"S"."A"`) at significant position `pos`: its
/// folded parts, the position after it and the location of its last part.
fn name_at(
    sig: &[(usize, &TokenWithSpan)],
    pos: usize,
    provider: Provider,
) -> Option<(Vec<String>, usize, Location)> {
    let mut parts = Vec::new();
    let mut k = pos;
    let mut loc;
    loop {
        let (_, t) = sig.get(k)?;
        let Token::Word(w) = &t.token else {
            return None;
        };
        let ident = Ident {
            value: w.value.clone(),
            quote_style: w.quote_style,
            span: t.span,
        };
        parts.push(fold_ident(&ident, provider));
        loc = t.span.start;
        k += 1;
        match sig.get(k) {
            Some((_, t)) if t.token == Token::Period => k += 1,
            _ => break,
        }
    }
    Some((parts, k, loc))
}

/// The name after the word `kind` (and an optional IF NOT EXISTS): used for statements
/// that did not parse.
pub(crate) fn name_after(
    st: &StmtText<'_>,
    kind: &str,
    provider: Provider,
) -> Option<(Vec<String>, usize, Location)> {
    let sig = st.significant();
    let k = sig
        .iter()
        .position(|(_, t)| word_upper(&t.token).as_deref() == Some(kind))?;
    let mut pos = k + 1;
    if words_at(&sig, pos, &["IF", "NOT", "EXISTS"]) {
        pos += 3;
    }
    name_at(&sig, pos, provider)
}

/// `s.name` (the default schema dropped).
fn join_name(parts: Vec<String>, provider: Provider) -> String {
    match qualified_from_parts(parts, provider) {
        (Some(s), n) => format!("{s}.{n}"),
        (None, n) => n,
    }
}

/// For a nameless head (`CREATE CAST (a AS b)`, `CREATE OPERATOR ===`): the parenthesised
/// group at `pos`, or the text up to the first `(`.
fn group_or_rest(st: &StmtText<'_>, sig: &[(usize, &TokenWithSpan)], pos: usize) -> String {
    let Some(&(start, first)) = sig.get(pos) else {
        return String::new();
    };
    if first.token == Token::LParen {
        let end = matching_paren(st.tokens, start).unwrap_or(st.tokens.len().saturating_sub(1));
        return st.slice(start, end).to_string();
    }
    let end = sig
        .iter()
        .skip(pos)
        .take_while(|(_, t)| t.token != Token::LParen)
        .last()
        .map_or(start, |(i, _)| *i);
    st.slice(start, end).trim().to_string()
}

/// The argument types of a function or procedure, `(integer, text)`, for DROP.
fn signature(
    st: &StmtText<'_>,
    sig: &[(usize, &TokenWithSpan)],
    pos: usize,
    kind: &str,
    provider: Provider,
) -> Option<String> {
    let &(open, t) = sig.get(pos)?;
    if t.token != Token::LParen {
        return None;
    }
    let close = matching_paren(st.tokens, open)?;
    // Split the argument list at top-level commas.
    let mut args: Vec<Vec<&TokenWithSpan>> = vec![Vec::new()];
    let mut depth = 0usize;
    for t in &st.tokens[open + 1..close] {
        match t.token {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            Token::Comma if depth == 0 => {
                args.push(Vec::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = args.last_mut() {
            last.push(t);
        }
    }
    let types: Vec<String> = args
        .iter()
        .filter_map(|arg| arg_type(st, arg, kind, provider))
        .collect();
    Some(format!("({})", types.join(", ")))
}

/// The type of one argument: the mode (IN/OUT/INOUT/VARIADIC), the name and the default are
/// dropped; OUT arguments of functions are not part of the signature.
fn arg_type(
    st: &StmtText<'_>,
    arg: &[&TokenWithSpan],
    kind: &str,
    provider: Provider,
) -> Option<String> {
    let mut sig: Vec<&TokenWithSpan> = arg
        .iter()
        .copied()
        .filter(|t| !is_trivia(&t.token))
        .collect();
    if sig.is_empty() {
        return None;
    }
    match word_upper(&sig[0].token).as_deref() {
        Some("OUT") if kind == "FUNCTION" => return None,
        Some("IN" | "OUT" | "INOUT" | "VARIADIC") => {
            sig.remove(0);
        }
        _ => {}
    }
    if let Some(cut) = sig
        .iter()
        .position(|t| t.token == Token::Eq || word_upper(&t.token).as_deref() == Some("DEFAULT"))
    {
        sig.truncate(cut);
    }
    let (first, last) = (sig.first()?, sig.last()?);
    let text = st.lines.slice(first.span.start, last.span.end);
    if let Some(t) = parse_type(text, provider) {
        return Some(t);
    }
    if sig.len() > 1 {
        let rest = st.lines.slice(sig[1].span.start, last.span.end);
        if let Some(t) = parse_type(rest, provider) {
            return Some(t);
        }
        return Some(rest.trim().to_lowercase());
    }
    Some(text.trim().to_lowercase())
}

/// A whole text parsed as one data type, in canonical form.
fn parse_type(text: &str, provider: Provider) -> Option<String> {
    let dialect = split::dialect(provider);
    let mut parser = Parser::new(dialect.as_ref()).try_with_sql(text).ok()?;
    let dt = parser.parse_data_type().ok()?;
    if parser.peek_token().token != Token::EOF {
        return None;
    }
    Some(canonical_type(&dt.to_string(), provider))
}
