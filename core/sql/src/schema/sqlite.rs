//! SQLite's CREATE TABLE, where sqlparser is stricter than SQLite: any sequence of words is a
//! column type (`UNSIGNED BIG INT`, `VARYING CHARACTER(255)`), and `STRICT` and `WITHOUT ROWID`
//! may be combined. Both are read from the tokens before sqlparser sees the statement.

use super::head::word_upper;
use super::table::matching_paren;
use crate::split::is_trivia;
use sqlparser::tokenizer::{Token, TokenWithSpan};

/// SQLite table options after the column list.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct SqliteOptions {
    pub without_rowid: bool,
    pub strict: bool,
}

/// Words that end a column type: the start of a column constraint.
const CONSTRAINT_WORDS: &[&str] = &[
    "CONSTRAINT",
    "PRIMARY",
    "NOT",
    "NULL",
    "UNIQUE",
    "CHECK",
    "DEFAULT",
    "COLLATE",
    "REFERENCES",
    "GENERATED",
    "AS",
];

/// Words that start a table constraint instead of a column.
const TABLE_CONSTRAINT_WORDS: &[&str] = &["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

/// `STRICT` / `WITHOUT ROWID` after the column list, read and cut from the tokens.
pub(crate) fn take_options(tokens: &mut Vec<TokenWithSpan>) -> SqliteOptions {
    let mut opts = SqliteOptions::default();
    let Some(open) = tokens.iter().position(|t| t.token == Token::LParen) else {
        return opts;
    };
    let Some(close) = matching_paren(tokens, open) else {
        return opts;
    };
    let tail: Vec<&TokenWithSpan> = tokens[close + 1..]
        .iter()
        .filter(|t| !is_trivia(&t.token))
        .collect();
    if tail.is_empty() {
        return opts;
    }
    for t in &tail {
        match (&t.token, word_upper(&t.token).as_deref()) {
            (Token::Comma, _) => {}
            (_, Some("WITHOUT" | "ROWID")) => opts.without_rowid = true,
            (_, Some("STRICT")) => opts.strict = true,
            _ => return SqliteOptions::default(),
        }
    }
    tokens.truncate(close + 1);
    opts
}

/// Cuts `ON CONFLICT <resolution>` clauses (not part of the model; sqlparser rejects them
/// after table constraints).
pub(crate) fn strip_conflict_clauses(tokens: &mut Vec<TokenWithSpan>) {
    let sig: Vec<usize> = (0..tokens.len())
        .filter(|&i| !is_trivia(&tokens[i].token))
        .collect();
    let mut cut = Vec::new();
    for w in sig.windows(3) {
        let word = |i: usize| word_upper(&tokens[i].token);
        if word(w[0]).as_deref() == Some("ON") && word(w[1]).as_deref() == Some("CONFLICT") {
            cut.extend_from_slice(w);
        }
    }
    let mut i = 0;
    tokens.retain(|_| {
        let keep = !cut.contains(&i);
        i += 1;
        keep
    });
}

/// The declared type of each column, in order, lower-cased as written (empty when none).
/// Types of more than one word are replaced by one placeholder word so sqlparser accepts
/// them; the caller uses the returned texts as the columns' types.
pub(crate) fn take_declared_types(
    tokens: &mut Vec<TokenWithSpan>,
    slice: &dyn Fn(&TokenWithSpan, &TokenWithSpan) -> String,
) -> Vec<String> {
    let Some(open) = tokens.iter().position(|t| t.token == Token::LParen) else {
        return Vec::new();
    };
    let Some(close) = matching_paren(tokens, open) else {
        return Vec::new();
    };
    // Column definitions: split the list at top-level commas.
    let mut defs: Vec<Vec<usize>> = vec![Vec::new()];
    let mut depth = 0usize;
    for (i, tok) in tokens.iter().enumerate().take(close).skip(open + 1) {
        let t = &tok.token;
        match t {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            Token::Comma if depth == 0 => {
                defs.push(Vec::new());
                continue;
            }
            _ => {}
        }
        if !is_trivia(t) {
            if let Some(d) = defs.last_mut() {
                d.push(i);
            }
        }
    }
    let mut types = Vec::new();
    let mut replace: Vec<(usize, usize)> = Vec::new();
    for def in &defs {
        let Some(&first) = def.first() else { continue };
        if word_upper(&tokens[first].token)
            .is_some_and(|w| TABLE_CONSTRAINT_WORDS.contains(&w.as_str()))
        {
            continue;
        }
        let mut k = 1;
        let mut words = Vec::new();
        while let Some(&i) = def.get(k) {
            let is_type_word = matches!(tokens[i].token, Token::Word(_))
                && !word_upper(&tokens[i].token)
                    .is_some_and(|w| CONSTRAINT_WORDS.contains(&w.as_str()));
            if !is_type_word {
                break;
            }
            words.push(i);
            k += 1;
        }
        let (Some(&w0), Some(&wn)) = (words.first(), words.last()) else {
            types.push(String::new());
            continue;
        };
        let mut end = wn;
        if let Some(&p) = def.get(k) {
            if tokens[p].token == Token::LParen {
                end = matching_paren(tokens, p).unwrap_or(wn);
            }
        }
        let text = slice(&tokens[w0], &tokens[end]);
        types.push(
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        );
        if words.len() > 1 {
            replace.push((w0, wn));
        }
    }
    for &(a, z) in replace.iter().rev() {
        let span = tokens[a].span;
        tokens.splice(
            a..=z,
            [TokenWithSpan::new(
                Token::make_word("flash_type", None),
                span,
            )],
        );
    }
    types
}
