//! The state of one analysis: the catalog, the parameters found so far, the CTEs in view,
//! the errors, and the map from positions in the parsed text back to the query file.

use super::catalog::Catalog;
use super::scope::Col;
use crate::error::SqlError;
use crate::queries::{ParamStyle, Query};
use flash_schema::TypeKind;
use sqlparser::tokenizer::{Location, Span};
use std::collections::HashMap;

/// What is known about one parameter.
#[derive(Debug, Clone)]
pub(crate) struct ParamState {
    pub ty: Option<TypeKind>,
    pub nullable: bool,
    pub name: Option<String>,
    pub slice: bool,
}

/// What the place a parameter sits in says about it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hint {
    pub ty: Option<TypeKind>,
    pub name: Option<String>,
    pub nullable: bool,
}

impl Hint {
    pub fn none() -> Hint {
        Hint::default()
    }
    pub fn ty(ty: TypeKind) -> Hint {
        Hint {
            ty: Some(ty),
            ..Hint::default()
        }
    }
    /// A LIMIT / OFFSET count: a 64-bit integer called `name`.
    pub fn count(name: &str) -> Hint {
        Hint {
            ty: Some(super::types::int(64)),
            name: Some(name.into()),
            nullable: false,
        }
    }
    /// Hint from a typed expression: its type and its column's name.
    pub fn like(t: &super::scope::Typed) -> Hint {
        Hint {
            ty: t.ty.clone(),
            name: (!t.name.is_empty() && t.source.is_some()).then(|| t.name.clone()),
            nullable: false,
        }
    }
}

/// Maps byte offsets of the parsed text (parameters rewritten) back to the query's own text.
pub(crate) struct PosMap {
    /// `(parsed offset, original offset)` at the start of each piece, ascending.
    pieces: Vec<(usize, usize)>,
    parsed_lines: Vec<usize>,
}

impl PosMap {
    pub fn new(pieces: Vec<(usize, usize)>, parsed: &str) -> PosMap {
        let mut parsed_lines = vec![0];
        parsed_lines.extend(parsed.match_indices('\n').map(|(i, _)| i + 1));
        PosMap {
            pieces,
            parsed_lines,
        }
    }

    /// The original byte offset of a tokenizer location (1-based line, column in chars).
    fn original(&self, loc: Location, parsed: &str) -> usize {
        let line = (loc.line as usize).saturating_sub(1);
        let start = self.parsed_lines.get(line).copied().unwrap_or(parsed.len());
        let col = (loc.column as usize).saturating_sub(1);
        let offset = parsed
            .get(start..)
            .unwrap_or("")
            .char_indices()
            .nth(col)
            .map_or(parsed.len(), |(i, _)| start + i);
        match self.pieces.iter().rev().find(|(p, _)| *p <= offset) {
            Some((p, o)) => o + (offset - p),
            None => offset,
        }
    }
}

/// One query being analysed.
pub(crate) struct Ctx<'a> {
    pub cat: &'a Catalog<'a>,
    pub query: &'a Query,
    /// The text sqlparser parsed: the query with parameters written `$N` / `?N`.
    pub parsed: String,
    pub posmap: PosMap,
    pub params: Vec<ParamState>,
    pub errors: Vec<SqlError>,
    /// Common table expressions in view, innermost last.
    pub ctes: Vec<(String, Vec<Col>)>,
    /// Views' columns, analysed once each; `None` while one is being analysed (a cycle).
    pub views: HashMap<String, Option<Vec<Col>>>,
    /// True while typing the select list of a grouped SELECT (every group has a row, so an
    /// aggregate of non-null values is not null).
    pub grouped: bool,
    /// Where top-level select items of unknown type are, by result column name.
    pub unknown_at: Vec<(String, Span)>,
    /// `*` and `t.*` spelled out: (byte range of the query's text, the column list). The SQL
    /// the generated code sends names its columns, so a column added to a table later (or
    /// drift) cannot shift what the code reads by position.
    pub star_edits: Vec<(std::ops::Range<usize>, String)>,
    /// Aliases of relations that could not be resolved (already reported): references to
    /// their columns are not reported again.
    pub opaque: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub fn new(cat: &'a Catalog<'a>, query: &'a Query, parsed: String, posmap: PosMap) -> Self {
        let params = query
            .params
            .iter()
            .map(|p| ParamState {
                ty: None,
                nullable: p.style == ParamStyle::NullableNamed,
                name: p.name.clone(),
                slice: p.style == ParamStyle::Slice,
            })
            .collect();
        Ctx {
            cat,
            query,
            parsed,
            posmap,
            params,
            errors: Vec::new(),
            ctes: Vec::new(),
            views: HashMap::new(),
            grouped: false,
            unknown_at: Vec::new(),
            star_edits: Vec::new(),
            opaque: Vec::new(),
        }
    }

    /// The byte offset in the query's own text of a position in the parsed text.
    pub fn offset(&self, loc: Location) -> usize {
        self.posmap.original(loc, &self.parsed)
    }

    /// Records that the text of `span` (a `*` or `t.*`) is to be written as `cols`.
    pub fn spell_out(&mut self, from: Location, to: Location, cols: Option<String>) {
        let Some(cols) = cols else {
            return;
        };
        if from.line == 0 || to.line == 0 {
            return;
        }
        let (start, end) = (self.offset(from), self.offset(to));
        if start < end && end <= self.query.sql.len() {
            self.star_edits.push((start..end, cols));
        }
    }

    /// `file:line:column` of a position in the parsed text.
    pub fn place(&self, loc: Location) -> (u32, u32) {
        if loc.line == 0 {
            return (self.query.sql_line, self.query.sql_column);
        }
        let offset = self.posmap.original(loc, &self.parsed);
        let before = self.query.sql.get(..offset).unwrap_or(&self.query.sql);
        let line = before.matches('\n').count() as u32;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        if line == 0 {
            (self.query.sql_line, self.query.sql_column + col - 1)
        } else {
            (self.query.sql_line + line, col)
        }
    }

    /// Records an error at `span` (the query's start when the span is empty).
    pub fn error(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        let (line, column) = self.place(span.start);
        let help: String = help.into();
        let mut e = SqlError::new(self.query.file.clone(), line, column, message);
        if !help.is_empty() {
            e = e.with_help(help);
        }
        self.errors.push(e);
    }

    /// Whether two identifiers name the same thing.
    pub fn same(&self, a: &str, b: &str) -> bool {
        self.cat.same(a, b)
    }

    /// Uses what a parameter's place says about it: the first type and name win; any place
    /// that allows NULL makes it nullable.
    pub fn bind(&mut self, index: usize, hint: &Hint) {
        let Some(p) = self.params.get_mut(index) else {
            return;
        };
        if p.ty.is_none() {
            p.ty = hint.ty.clone();
        }
        if p.name.is_none() {
            p.name = hint.name.clone();
        }
        p.nullable |= hint.nullable;
    }

    /// The CTE called `name`, innermost first.
    pub fn cte(&self, name: &str) -> Option<Vec<Col>> {
        self.ctes
            .iter()
            .rev()
            .find(|(n, _)| self.same(n, name))
            .map(|(_, c)| c.clone())
    }
}
