//! One query from start to end: parameters rewritten for the parser, the statement parsed and
//! analysed (SELECT, INSERT, UPDATE, DELETE), overrides applied, unknowns reported.

use super::catalog::Catalog;
use super::ctx::{Ctx, Hint, PosMap};
use super::scope::{Col, Rel, Scope};
use super::{AnalyzedQuery, InsertInto, ParamInfo, ResultColumn};
use crate::error::SqlError;
use crate::queries::Query;
use flash_schema::{Provider, View};
use sqlparser::ast::{
    AssignmentTarget, Delete, FromTable, Insert, OnConflictAction, OnInsert, SelectItem,
    SelectItemQualifiedWildcardKind, Spanned, Statement, TableObject, Update, UpdateTableFromKind,
};
use sqlparser::parser::Parser;

/// The 0-based parameter index of a placeholder written by [`parse_text`] (`$3`, `?3`).
pub(crate) fn param_index(placeholder: &str) -> Option<usize> {
    placeholder
        .strip_prefix(['$', '?'])
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|n| n.checked_sub(1))
}

/// The query text with every parameter use written as a numbered placeholder the dialect
/// parses (`$N`; `?N` on MySQL), and the map back to the original positions.
fn parse_text(query: &Query, provider: Provider) -> (String, PosMap) {
    let mut uses: Vec<(std::ops::Range<usize>, usize)> = query
        .params
        .iter()
        .flat_map(|p| p.uses.iter().map(move |r| (r.clone(), p.number)))
        .collect();
    uses.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(query.sql.len());
    let mut pieces = vec![(0, 0)];
    let mut at = 0;
    for (range, number) in uses {
        out.push_str(query.sql.get(at..range.start).unwrap_or(""));
        pieces.push((out.len(), range.start));
        let mark = if provider == Provider::Mysql {
            '?'
        } else {
            '$'
        };
        out.push_str(&format!("{mark}{number}"));
        pieces.push((out.len(), range.end));
        at = range.end;
    }
    out.push_str(query.sql.get(at..).unwrap_or(""));
    let map = PosMap::new(pieces, &out);
    (out, map)
}

pub(crate) fn analyze(query: &Query, cat: &Catalog<'_>) -> Result<AnalyzedQuery, Vec<SqlError>> {
    let (text, posmap) = parse_text(query, cat.provider);
    let dialect = crate::split::dialect(cat.provider);
    let parsed = Parser::parse_sql(dialect.as_ref(), &text);
    let mut ctx = Ctx::new(cat, query, text, posmap);
    let statements = match parsed {
        Ok(s) => s,
        Err(e) => {
            let (line, column, message) = parser_error_place(&e.to_string());
            let (line, column) = ctx.place(sqlparser::tokenizer::Location { line, column });
            return Err(vec![SqlError::new(
                query.file.clone(),
                line,
                column,
                message,
            )
            .with_help("the query must be one statement the database accepts")]);
        }
    };
    let [stmt] = statements.as_slice() else {
        return Err(vec![SqlError::new(
            query.file.clone(),
            query.sql_line,
            query.sql_column,
            format!("query {} holds {} statements", query.name, statements.len()),
        )
        .with_help("write one statement per `-- name:` block")]);
    };
    let root = Scope::default();
    let cols = ctx.statement(stmt, &root);
    let insert = insert_target(stmt, &ctx);
    let overrides = super::overrides::parse(query, cat);
    let (overrides, mut errors) = match overrides {
        Ok(o) => (o, Vec::new()),
        Err(e) => (Vec::new(), e),
    };
    errors.append(&mut ctx.errors);
    let mut columns: Vec<ResultColumn> = Vec::new();
    let mut params: Vec<ParamInfo> = Vec::new();
    let mut unknown = Vec::new();
    let mut cols = cols;
    let mut params_state = ctx.params.clone();
    if let Err(mut e) =
        super::overrides::apply(&overrides, query, &mut cols, &mut params_state, cat)
    {
        errors.append(&mut e);
    }
    for (i, c) in cols.into_iter().enumerate() {
        match c.ty {
            Some(ty) => columns.push(ResultColumn {
                name: c.name,
                ty,
                nullable: c.nullable,
                source: c.source,
            }),
            None => {
                let label = if c.name.is_empty() {
                    format!("#{}", i + 1)
                } else {
                    format!("`{}`", c.name)
                };
                let span = ctx
                    .unknown_at
                    .iter()
                    .find(|(n, _)| *n == c.name)
                    .map(|(_, s)| *s)
                    .unwrap_or(sqlparser::tokenizer::Span::empty());
                let (line, column) = ctx.place(span.start);
                unknown.push(SqlError::new(query.file.clone(), line, column,
                    format!("query {}: the type of result column {label} cannot be known", query.name))
                    .with_help(format!(
                        "cast it (`CAST(... AS text)`{}), or add `-- flash:column {} <type> [null|not null]` above `-- name: {}`",
                        if cat.provider == Provider::Postgresql { " or `...::text`" } else { "" },
                        if c.name.is_empty() { "<name>".to_string() } else { c.name.clone() },
                        query.name)));
            }
        }
    }
    for (p, syntax) in params_state.into_iter().zip(&query.params) {
        match p.ty {
            Some(ty) => params.push(ParamInfo {
                name: p.name,
                ty,
                nullable: p.nullable,
                slice: p.slice,
            }),
            None => {
                let label = match &syntax.name {
                    Some(n) => format!("`{n}`"),
                    None => format!("${}", syntax.number),
                };
                let target = syntax
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("${}", syntax.number));
                // The text as written where it is used, for the cast suggestion.
                let written = syntax
                    .uses
                    .first()
                    .and_then(|r| query.sql.get(r.clone()))
                    .unwrap_or("?")
                    .to_string();
                let cast = if syntax.style == crate::queries::ParamStyle::Slice {
                    String::new()
                } else if cat.provider == Provider::Postgresql {
                    format!(", or cast it where it is used: `{written}::text`")
                } else if cat.provider == Provider::Mysql {
                    format!(", or cast it where it is used: `CAST({written} AS CHAR)`")
                } else {
                    format!(", or cast it where it is used: `CAST({written} AS TEXT)`")
                };
                unknown.push(
                    SqlError::new(
                        query.file.clone(),
                        syntax.line,
                        syntax.column,
                        format!(
                            "query {}: the type of parameter {label} cannot be known from where it is used",
                            query.name
                        ),
                    )
                    .with_help(format!(
                        "add `-- flash:param {target} <type> [null|not null]` above `-- name: {}`{cast}",
                        query.name
                    )),
                );
            }
        }
    }
    // An unknown type that follows from an error already reported is not reported again.
    if errors.is_empty() {
        errors = unknown;
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| (e.line, e.column));
        errors.dedup();
        return Err(errors);
    }
    let mut query = query.clone();
    query.doc.retain(|l| !super::overrides::is_override(l));
    super::spell::apply(&mut query, std::mem::take(&mut ctx.star_edits));
    Ok(AnalyzedQuery {
        query,
        params,
        columns,
        insert,
    })
}

/// The columns of a view, from its definition.
pub(crate) fn analyze_view(
    view: &View,
    cat: &Catalog<'_>,
) -> Result<Vec<ResultColumn>, Vec<SqlError>> {
    let file = view
        .location
        .as_ref()
        .map(|l| l.file.clone())
        .unwrap_or_default();
    let (line, column) = view
        .location
        .as_ref()
        .map_or((1, 1), |l| (l.line, l.column));
    let query = Query {
        name: view.name.clone(),
        command: crate::queries::QueryCommand::Many,
        doc: Vec::new(),
        sql: view.definition.clone(),
        file,
        line,
        sql_line: line,
        sql_column: column,
        params: Vec::new(),
    };
    analyze(&query, cat).map(|a| {
        let mut cols = a.columns;
        for (c, name) in cols.iter_mut().zip(&view.columns) {
            c.name = name.clone();
        }
        cols
    })
}

impl Ctx<'_> {
    /// The columns of a view, analysed once.
    pub(crate) fn view_columns(&mut self, v: &View) -> Vec<Col> {
        if let Some(Some(cols)) = self.views.get(&v.name) {
            return cols.clone();
        }
        if self.views.contains_key(&v.name) {
            return Vec::new();
        }
        self.views.insert(v.name.clone(), None);
        let cols: Vec<Col> = match analyze_view(v, self.cat) {
            Ok(cols) => cols
                .into_iter()
                .map(|c| Col {
                    source: Some(super::ColumnSource {
                        schema: v.schema.clone(),
                        table: v.name.clone(),
                        column: c.name.clone(),
                    }),
                    name: c.name,
                    ty: Some(c.ty),
                    nullable: c.nullable,
                })
                .collect(),
            Err(errors) => {
                let first = errors.first().map(|e| e.to_string()).unwrap_or_default();
                self.error(
                    sqlparser::tokenizer::Span::empty(),
                    format!("view `{}` cannot be analysed: {first}", v.name),
                    "fix the view's definition in the schema files",
                );
                Vec::new()
            }
        };
        self.views.insert(v.name.clone(), Some(cols.clone()));
        cols
    }

    /// The result columns of a statement (RETURNING for INSERT/UPDATE/DELETE).
    pub(crate) fn statement(&mut self, st: &Statement, scope: &Scope<'_>) -> Vec<Col> {
        match st {
            Statement::Query(q) => self.query(q, scope, &[]),
            Statement::Insert(i) => self.insert(i, scope),
            Statement::Update(u) => self.update(u, scope),
            Statement::Delete(d) => self.delete(d, scope),
            other => {
                if !self.params.is_empty() {
                    self.error(
                        other.span(),
                        "flash analyses SELECT, INSERT, UPDATE and DELETE; this statement's parameters cannot be typed",
                        "add `-- flash:param <name> <type>` lines for its parameters",
                    );
                }
                Vec::new()
            }
        }
    }

    fn target_rel(
        &mut self,
        name: &sqlparser::ast::ObjectName,
        alias: Option<&sqlparser::ast::Ident>,
    ) -> Rel {
        let parts = crate::names::fold_parts(name, self.cat.provider);
        let (schema, table) = crate::names::qualified_from_parts(parts, self.cat.provider);
        let cols = self
            .named_relation(schema.as_deref(), &table, name.span())
            .unwrap_or_default();
        Rel {
            alias: alias.map_or(table, |a| crate::names::fold_ident(a, self.cat.provider)),
            cols,
            nullable: false,
        }
    }

    fn column_hint(&mut self, rel: &Rel, name: &sqlparser::ast::ObjectName) -> Hint {
        let col = crate::names::fold_parts(name, self.cat.provider)
            .pop()
            .unwrap_or_default();
        match rel.cols.iter().find(|c| self.same(&c.name, &col)) {
            Some(c) => Hint {
                ty: c.ty.clone(),
                name: Some(c.name.clone()),
                nullable: c.nullable,
            },
            None => {
                self.error(
                    name.span(),
                    format!("column `{col}` does not exist in `{}`", rel.alias),
                    format!(
                        "`{}` has: {}",
                        rel.alias,
                        rel.cols
                            .iter()
                            .map(|c| c.name.clone())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                Hint::none()
            }
        }
    }

    fn assignments(&mut self, rel: &Rel, list: &[sqlparser::ast::Assignment], scope: &Scope<'_>) {
        for a in list {
            match &a.target {
                AssignmentTarget::ColumnName(n) => {
                    let h = self.column_hint(rel, n);
                    self.expr(&a.value, scope, &h);
                }
                AssignmentTarget::Tuple(names) => {
                    for n in names {
                        self.column_hint(rel, n);
                    }
                    self.expr(&a.value, scope, &Hint::none());
                }
            }
        }
    }

    fn insert(&mut self, i: &Insert, scope: &Scope<'_>) -> Vec<Col> {
        let TableObject::TableName(name) = &i.table else {
            self.error(
                i.table.span(),
                "flash cannot analyse an INSERT into a table function",
                "",
            );
            return Vec::new();
        };
        let alias = i.table_alias.as_ref().map(|a| &a.alias);
        let rel = self.target_rel(name, alias);
        let hints: Vec<Hint> = if i.columns.is_empty() {
            rel.cols
                .iter()
                .map(|c| Hint {
                    ty: c.ty.clone(),
                    name: Some(c.name.clone()),
                    nullable: c.nullable,
                })
                .collect()
        } else {
            i.columns
                .iter()
                .map(|c| self.column_hint(&rel, c))
                .collect()
        };
        if let Some(source) = &i.source {
            let cols = self.query(source, scope, &hints);
            if !hints.is_empty() && cols.len() != hints.len() {
                self.error(
                    source.span(),
                    format!(
                        "INSERT names {} columns but gives {} values",
                        hints.len(),
                        cols.len()
                    ),
                    "give one value per column",
                );
            }
        }
        let mut target = Scope::child(scope);
        target.rels.push(rel.clone());
        self.assignments(&rel, &i.assignments, &target);
        match &i.on {
            Some(OnInsert::DuplicateKeyUpdate(list)) => self.assignments(&rel, list, &target),
            Some(OnInsert::OnConflict(oc)) => {
                if let OnConflictAction::DoUpdate(du) = &oc.action {
                    let mut s = Scope::child(scope);
                    s.rels.push(rel.clone());
                    s.rels.push(Rel {
                        alias: "excluded".into(),
                        cols: rel.cols.clone(),
                        nullable: false,
                    });
                    self.assignments(&rel, &du.assignments, &s);
                    if let Some(w) = &du.selection {
                        self.expr(w, &s, &Hint::ty(flash_schema::TypeKind::Bool));
                    }
                }
            }
            _ => {}
        }
        match &i.returning {
            Some(items) => self.returning(items, &target),
            None => Vec::new(),
        }
    }

    fn update(&mut self, u: &Update, scope: &Scope<'_>) -> Vec<Col> {
        let mut s = Scope::child(scope);
        let target = match &u.table.relation {
            sqlparser::ast::TableFactor::Table { name, alias, .. } => {
                self.target_rel(name, alias.as_ref().map(|a| &a.name))
            }
            other => {
                self.error(
                    other.span(),
                    "flash cannot analyse an UPDATE of this kind of table",
                    "",
                );
                return Vec::new();
            }
        };
        s.rels.push(target.clone());
        // MySQL's multi-table UPDATE joins.
        for j in &u.table.joins {
            let twj = sqlparser::ast::TableWithJoins {
                relation: j.relation.clone(),
                joins: Vec::new(),
            };
            self.add_from_item(&twj, &mut s);
            if let Some(sqlparser::ast::JoinConstraint::On(e)) = join_on(&j.join_operator) {
                self.expr(e, &s, &Hint::ty(flash_schema::TypeKind::Bool));
            }
        }
        if let Some(UpdateTableFromKind::AfterSet(from) | UpdateTableFromKind::BeforeSet(from)) =
            &u.from
        {
            for twj in from {
                self.add_from_item(twj, &mut s);
            }
        }
        self.assignments(&target, &u.assignments, &s);
        if let Some(w) = &u.selection {
            self.expr(w, &s, &Hint::ty(flash_schema::TypeKind::Bool));
        }
        if let Some(l) = &u.limit {
            self.expr(l, &s, &Hint::count("limit"));
        }
        match &u.returning {
            Some(items) => self.returning(items, &s),
            None => Vec::new(),
        }
    }

    fn delete(&mut self, d: &Delete, scope: &Scope<'_>) -> Vec<Col> {
        let mut s = Scope::child(scope);
        let from = match &d.from {
            FromTable::WithFromKeyword(f) | FromTable::WithoutKeyword(f) => f,
        };
        for twj in from {
            self.add_from_item(twj, &mut s);
        }
        if let Some(using) = &d.using {
            for twj in using {
                self.add_from_item(twj, &mut s);
            }
        }
        if let Some(w) = &d.selection {
            self.expr(w, &s, &Hint::ty(flash_schema::TypeKind::Bool));
        }
        for ob in &d.order_by {
            self.expr(&ob.expr, &s, &Hint::none());
        }
        if let Some(l) = &d.limit {
            self.expr(l, &s, &Hint::count("limit"));
        }
        match &d.returning {
            Some(items) => self.returning(items, &s),
            None => Vec::new(),
        }
    }

    /// A RETURNING list: like a select list over the statement's tables.
    fn returning(&mut self, items: &[SelectItem], scope: &Scope<'_>) -> Vec<Col> {
        let mut cols = Vec::new();
        for item in items {
            match item {
                SelectItem::Wildcard(opts) => {
                    if let Some(rel) = scope.rels.first() {
                        cols.extend(rel.cols.iter().cloned());
                        let names: Vec<(Option<String>, String)> =
                            rel.cols.iter().map(|c| (None, c.name.clone())).collect();
                        let list = super::spell::column_list(&names, self.cat.provider);
                        let span = opts.wildcard_token.0.span;
                        self.spell_out(span.start, span.end, list);
                    }
                }
                SelectItem::QualifiedWildcard(
                    SelectItemQualifiedWildcardKind::ObjectName(n),
                    _,
                ) => {
                    let alias = crate::names::fold_parts(n, self.cat.provider)
                        .pop()
                        .unwrap_or_default();
                    let cat = self.cat;
                    if let Some(rel) = scope.relation(&alias, &|a, b| cat.same(a, b)) {
                        cols.extend(rel.cols.iter().cloned());
                    }
                }
                SelectItem::UnnamedExpr(e) => {
                    let x = self.expr(e, scope, &Hint::none());
                    cols.push(Col {
                        name: x.name.clone(),
                        ty: x.ty,
                        nullable: x.nullable,
                        source: x.source,
                    });
                }
                SelectItem::ExprWithAlias { expr, alias } => {
                    let x = self.expr(expr, scope, &Hint::none());
                    cols.push(Col {
                        name: crate::names::fold_ident(alias, self.cat.provider),
                        ty: x.ty,
                        nullable: x.nullable,
                        source: x.source,
                    });
                }
                other => {
                    self.error(other.span(), "flash cannot analyse this RETURNING item", "");
                }
            }
        }
        cols
    }
}

fn join_on(op: &sqlparser::ast::JoinOperator) -> Option<&sqlparser::ast::JoinConstraint> {
    use sqlparser::ast::JoinOperator as J;
    match op {
        J::Join(c)
        | J::Inner(c)
        | J::Left(c)
        | J::LeftOuter(c)
        | J::Right(c)
        | J::RightOuter(c)
        | J::FullOuter(c)
        | J::CrossJoin(c) => Some(c),
        _ => None,
    }
}

/// The table and columns an INSERT writes (for `:copyfrom`).
fn insert_target(st: &Statement, ctx: &Ctx<'_>) -> Option<InsertInto> {
    let Statement::Insert(i) = st else {
        return None;
    };
    let TableObject::TableName(name) = &i.table else {
        return None;
    };
    let parts = crate::names::fold_parts(name, ctx.cat.provider);
    let (schema, table) = crate::names::qualified_from_parts(parts, ctx.cat.provider);
    let columns = if i.columns.is_empty() {
        match ctx.cat.relation(schema.as_deref(), &table) {
            Some(super::catalog::Relation::Table(t)) => {
                t.columns.iter().map(|c| c.name.clone()).collect()
            }
            _ => Vec::new(),
        }
    } else {
        i.columns
            .iter()
            .map(|c| {
                crate::names::fold_parts(c, ctx.cat.provider)
                    .pop()
                    .unwrap_or_default()
            })
            .collect()
    };
    Some(InsertInto {
        schema,
        table,
        columns,
    })
}

/// `sql parser error: ... at Line: 3, Column: 7` -> (3, 7, message).
fn parser_error_place(message: &str) -> (u64, u64, String) {
    let msg = message
        .strip_prefix("sql parser error: ")
        .unwrap_or(message);
    if let Some(at) = msg.rfind(" at Line: ") {
        let rest = &msg[at + 10..];
        let mut it = rest.split(", Column: ");
        let line = it.next().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
        let col = it.next().and_then(|c| c.trim().parse().ok()).unwrap_or(0);
        return (line, col, msg[..at].to_string());
    }
    (0, 0, msg.to_string())
}
