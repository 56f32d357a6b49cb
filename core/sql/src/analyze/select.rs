//! Queries: WITH, set operations, SELECT with its FROM clause and joins, ORDER BY, LIMIT.

use super::ctx::{Ctx, Hint};
use super::scope::{Col, Rel, Scope, Typed};
use super::types as t;
use super::ColumnSource;
use flash_schema::TypeKind;
use sqlparser::ast::{
    BinaryOperator, Expr, GroupByExpr, JoinConstraint, JoinOperator, LimitClause, ObjectName,
    Query, Select, SelectItem, SelectItemQualifiedWildcardKind, SetExpr, Spanned, TableAlias,
    TableFactor, TableWithJoins,
};

impl Ctx<'_> {
    /// The result columns of a query. `expect` types parameters that are whole result columns
    /// (`INSERT ... SELECT $1, ...`, `x IN (SELECT $1)`), by position.
    pub(crate) fn query(&mut self, q: &Query, scope: &Scope<'_>, expect: &[Hint]) -> Vec<Col> {
        let pushed = self.ctes.len();
        if let Some(with) = &q.with {
            for cte in &with.cte_tables {
                let name = crate::names::fold_ident(&cte.alias.name, self.cat.provider);
                let cols = if with.recursive {
                    self.recursive_cte(&name, &cte.query, &cte.alias, scope)
                } else {
                    let cols = self.query(&cte.query, scope, &[]);
                    rename(cols, &cte.alias, self)
                };
                self.ctes.push((name, cols));
            }
        }
        let order_by: Vec<&Expr> = q
            .order_by
            .as_ref()
            .map(|ob| match &ob.kind {
                sqlparser::ast::OrderByKind::Expressions(list) => {
                    list.iter().map(|o| &o.expr).collect()
                }
                sqlparser::ast::OrderByKind::All(_) => Vec::new(),
            })
            .unwrap_or_default();
        let cols = match q.body.as_ref() {
            SetExpr::Select(s) => self.select(s, scope, &order_by, expect),
            other => {
                let cols = self.set_expr(other, scope, expect);
                // ORDER BY of a UNION names its output columns.
                let mut out = Scope::child(scope);
                out.rels.push(Rel {
                    alias: String::new(),
                    cols: cols.clone(),
                    nullable: false,
                });
                for e in &order_by {
                    self.expr(e, &out, &Hint::none());
                }
                cols
            }
        };
        if let Some(limit) = &q.limit_clause {
            let (limit, offset) = match limit {
                LimitClause::LimitOffset { limit, offset, .. } => {
                    (limit.as_ref(), offset.as_ref().map(|o| &o.value))
                }
                LimitClause::OffsetCommaLimit { offset, limit } => (Some(limit), Some(offset)),
            };
            for (e, name) in [(limit, "limit"), (offset, "offset")] {
                if let Some(e) = e {
                    self.expr(e, scope, &Hint::count(name));
                }
            }
        }
        self.ctes.truncate(pushed);
        cols
    }

    /// `WITH RECURSIVE name AS (anchor UNION [ALL] step)`: the anchor's columns, widened by the
    /// step's nullability.
    fn recursive_cte(
        &mut self,
        name: &str,
        q: &Query,
        alias: &TableAlias,
        scope: &Scope<'_>,
    ) -> Vec<Col> {
        let SetExpr::SetOperation { left, right, .. } = q.body.as_ref() else {
            let cols = self.query(q, scope, &[]);
            return rename(cols, alias, self);
        };
        let anchor = self.set_expr(left, scope, &[]);
        let anchor = rename(anchor, alias, self);
        self.ctes.push((name.to_string(), anchor.clone()));
        // Errors of the step are reported once, on the final pass.
        let before = self.errors.len();
        let step = self.set_expr(right, scope, &[]);
        self.errors.truncate(before);
        let merged = merge(anchor, &step);
        if let Some(last) = self.ctes.last_mut() {
            last.1 = merged.clone();
        }
        let step = self.set_expr(right, scope, &[]);
        self.ctes.pop();
        merge(merged, &step)
    }

    pub(crate) fn set_expr(
        &mut self,
        body: &SetExpr,
        scope: &Scope<'_>,
        expect: &[Hint],
    ) -> Vec<Col> {
        match body {
            SetExpr::Select(s) => self.select(s, scope, &[], expect),
            SetExpr::Query(q) => self.query(q, scope, expect),
            SetExpr::SetOperation { left, right, .. } => {
                let l = self.set_expr(left, scope, expect);
                let hints: Vec<Hint> = l
                    .iter()
                    .map(|c| Hint {
                        ty: c.ty.clone(),
                        name: Some(c.name.clone()),
                        nullable: false,
                    })
                    .collect();
                let r = self.set_expr(right, scope, &hints);
                if l.len() != r.len() {
                    self.error(
                        right_span(right),
                        format!(
                            "each side of a set operation must return the same number of columns ({} and {})",
                            l.len(),
                            r.len()
                        ),
                        "",
                    );
                }
                merge(l, &r)
                    .into_iter()
                    .map(|mut c| {
                        // A UNION's column is not a plain table column any more.
                        c.source = None;
                        c
                    })
                    .collect()
            }
            SetExpr::Values(values) => {
                let mut cols: Vec<Col> = Vec::new();
                for row in &values.rows {
                    for (i, e) in row.iter().enumerate() {
                        let hint = expect.get(i).cloned().unwrap_or_default();
                        let x = self.expr(e, scope, &hint);
                        match cols.get_mut(i) {
                            Some(c) => {
                                c.nullable |= x.nullable;
                                if c.ty.is_none() {
                                    c.ty = x.ty;
                                }
                            }
                            None => cols.push(Col {
                                name: format!("column{}", i + 1),
                                ty: x.ty,
                                nullable: x.nullable,
                                source: None,
                            }),
                        }
                    }
                }
                cols
            }
            SetExpr::Insert(st) | SetExpr::Update(st) | SetExpr::Delete(st) => {
                self.statement(st, scope)
            }
            SetExpr::Table(tbl) => {
                let name = tbl.table_name.clone().unwrap_or_default();
                self.named_relation(
                    tbl.schema_name.as_deref(),
                    &name,
                    sqlparser::tokenizer::Span::empty(),
                )
                .unwrap_or_default()
            }
            other => {
                self.error(other.span(), "flash cannot analyse this kind of query", "");
                Vec::new()
            }
        }
    }

    fn select(
        &mut self,
        s: &Select,
        parent: &Scope<'_>,
        order_by: &[&Expr],
        expect: &[Hint],
    ) -> Vec<Col> {
        let mut scope = Scope::child(parent);
        for twj in &s.from {
            self.add_from_item(twj, &mut scope);
        }
        if let Some(w) = &s.selection {
            self.expr(w, &scope, &Hint::ty(TypeKind::Bool));
        }
        let grouped = match &s.group_by {
            GroupByExpr::Expressions(exprs, _) => {
                for e in exprs {
                    // GROUP BY may name a select-list alias (MySQL, SQLite, PostgreSQL).
                    if !is_alias_of(e, s) {
                        self.expr(e, &scope, &Hint::none());
                    }
                }
                !exprs.is_empty()
            }
            GroupByExpr::All(_) => true,
        };
        // Proven not null by the WHERE clause (`x IS NOT NULL`, `x = ...`).
        let proven = s
            .selection
            .as_ref()
            .map(|w| not_null_columns(w, self))
            .unwrap_or_default();

        let was = self.grouped;
        self.grouped = grouped;
        let mut cols: Vec<Col> = Vec::new();
        for item in &s.projection {
            match item {
                SelectItem::Wildcard(opts) => {
                    // PostgreSQL and MySQL show USING / NATURAL columns first, once; SQLite
                    // keeps the left table's in place and drops the right one's.
                    let front = self.cat.provider != flash_schema::Provider::Sqlite;
                    let mut names: Vec<(Option<String>, String)> = Vec::new();
                    if front {
                        cols.extend(scope.merged.iter().cloned());
                        names.extend(scope.merged.iter().map(|c| (None, c.name.clone())));
                    }
                    for (i, rel) in scope.rels.iter().enumerate() {
                        for c in &rel.cols {
                            let hidden = scope
                                .hidden
                                .iter()
                                .any(|(r, n)| *r == i && self.cat.same(n, &c.name));
                            if !hidden {
                                cols.push(with_rel(c, rel));
                                names.push((Some(rel.alias.clone()), c.name.clone()));
                            }
                        }
                    }
                    let span = opts.wildcard_token.0.span;
                    let list = super::spell::column_list(&names, self.cat.provider);
                    self.spell_out(span.start, span.end, list);
                }
                SelectItem::QualifiedWildcard(kind, opts) => {
                    let alias = match kind {
                        SelectItemQualifiedWildcardKind::ObjectName(n) => last_name(n, self),
                        SelectItemQualifiedWildcardKind::Expr(e) => e.to_string(),
                    };
                    let same = |a: &str, b: &str| self.cat.same(a, b);
                    match scope.rels.iter().find(|r| same(&r.alias, &alias)) {
                        Some(rel) => {
                            cols.extend(rel.cols.iter().map(|c| with_rel(c, rel)));
                            if let SelectItemQualifiedWildcardKind::ObjectName(n) = kind {
                                let names: Vec<(Option<String>, String)> = rel
                                    .cols
                                    .iter()
                                    .map(|c| (Some(rel.alias.clone()), c.name.clone()))
                                    .collect();
                                let list = super::spell::column_list(&names, self.cat.provider);
                                let end = opts.wildcard_token.0.span.end;
                                self.spell_out(n.span().start, end, list);
                            }
                        }
                        None => self.error(
                            item.span(),
                            format!("unknown table or alias `{alias}` in `{alias}.*`"),
                            "name a table of the FROM clause or its alias",
                        ),
                    }
                }
                SelectItem::UnnamedExpr(e) => {
                    let hint = expect.get(cols.len()).cloned().unwrap_or_default();
                    let x = self.expr(e, &scope, &hint);
                    let nullable = x.nullable && !proven.iter().any(|p| refers_to(e, p, self));
                    if x.ty.is_none() {
                        self.unknown_at.push((x.name.clone(), e.span()));
                    }
                    cols.push(col(x, nullable, None));
                }
                SelectItem::ExprWithAlias { expr, alias } => {
                    let hint = expect.get(cols.len()).cloned().unwrap_or_default();
                    let x = self.expr(expr, &scope, &hint);
                    let nullable = x.nullable && !proven.iter().any(|p| refers_to(expr, p, self));
                    let name = crate::names::fold_ident(alias, self.cat.provider);
                    if x.ty.is_none() {
                        self.unknown_at.push((name.clone(), expr.span()));
                    }
                    cols.push(col(x, nullable, Some(name)));
                }
                SelectItem::ExprWithAliases { expr, aliases } => {
                    let x = self.expr(expr, &scope, &Hint::none());
                    for a in aliases {
                        let name = crate::names::fold_ident(a, self.cat.provider);
                        cols.push(col(x.clone(), x.nullable, Some(name)));
                    }
                }
            }
        }
        if let Some(h) = &s.having {
            self.expr(h, &scope, &Hint::ty(TypeKind::Bool));
        }
        for ob in order_by {
            let mut with_aliases = Scope::child(&scope);
            with_aliases.aliases = cols
                .iter()
                .map(|c| {
                    (
                        c.name.clone(),
                        Typed {
                            ty: c.ty.clone(),
                            nullable: c.nullable,
                            name: c.name.clone(),
                            source: c.source.clone(),
                            param: None,
                        },
                    )
                })
                .collect();
            self.expr(ob, &with_aliases, &Hint::none());
        }
        self.grouped = was;
        if let Some(sqlparser::ast::Distinct::On(exprs)) = &s.distinct {
            for e in exprs {
                self.expr(e, &scope, &Hint::none());
            }
        }
        cols
    }

    /// Adds the relations of one FROM item (a table and its joins) to `scope`.
    pub(crate) fn add_from_item(&mut self, twj: &TableWithJoins, scope: &mut Scope<'_>) {
        let start = scope.rels.len();
        let rels = self.factor(&twj.relation, scope);
        scope.rels.extend(rels);
        for join in &twj.joins {
            let mut rels = self.factor(&join.relation, scope);
            let (left_null, right_null, constraint) = match &join.join_operator {
                JoinOperator::Left(c) | JoinOperator::LeftOuter(c) => (false, true, Some(c)),
                JoinOperator::Right(c) | JoinOperator::RightOuter(c) => (true, false, Some(c)),
                JoinOperator::FullOuter(c) => (true, true, Some(c)),
                JoinOperator::Join(c)
                | JoinOperator::Inner(c)
                | JoinOperator::CrossJoin(c)
                | JoinOperator::Semi(c)
                | JoinOperator::LeftSemi(c)
                | JoinOperator::RightSemi(c)
                | JoinOperator::Anti(c)
                | JoinOperator::LeftAnti(c)
                | JoinOperator::RightAnti(c)
                | JoinOperator::StraightJoin(c) => (false, false, Some(c)),
                JoinOperator::OuterApply => (false, true, None),
                _ => (false, false, None),
            };
            if right_null {
                for r in &mut rels {
                    r.nullable = true;
                }
            }
            if left_null {
                for r in &mut scope.rels[start..] {
                    r.nullable = true;
                }
            }
            let left_end = scope.rels.len();
            scope.rels.extend(rels);
            // USING / NATURAL: the shared columns are shown once by `*`.
            let shared: Vec<String> = match constraint {
                Some(JoinConstraint::Using(names)) => names
                    .iter()
                    .filter_map(|n| crate::names::fold_parts(n, self.cat.provider).pop())
                    .collect(),
                Some(JoinConstraint::Natural) => {
                    let left: Vec<&str> = scope.rels[start..left_end]
                        .iter()
                        .flat_map(|r| r.cols.iter().map(|c| c.name.as_str()))
                        .collect();
                    scope.rels[left_end..]
                        .iter()
                        .flat_map(|r| r.cols.iter().map(|c| c.name.clone()))
                        .filter(|n| left.iter().any(|l| self.cat.same(l, n)))
                        .collect()
                }
                _ => Vec::new(),
            };
            for name in shared {
                self.merge_column(scope, start, left_end, &name, left_null, right_null);
            }
            match constraint {
                Some(JoinConstraint::On(e)) => {
                    self.expr(e, scope, &Hint::ty(TypeKind::Bool));
                }
                Some(JoinConstraint::Using(names)) => {
                    for n in names {
                        let e = Expr::CompoundIdentifier(
                            n.0.iter().filter_map(|p| p.as_ident().cloned()).collect(),
                        );
                        self.expr(&e, scope, &Hint::none());
                    }
                }
                _ => {}
            }
        }
    }

    /// Records the merged column `name` of a USING / NATURAL join between the relations
    /// `start..left_end` and those after `left_end`.
    fn merge_column(
        &mut self,
        scope: &mut Scope<'_>,
        start: usize,
        left_end: usize,
        name: &str,
        left_null: bool,
        right_null: bool,
    ) {
        let find = |range: std::ops::Range<usize>, scope: &Scope<'_>| {
            range.into_iter().find_map(|i| {
                let r = &scope.rels[i];
                r.cols
                    .iter()
                    .find(|c| self.cat.same(&c.name, name))
                    .map(|c| (i, with_rel(c, r)))
            })
        };
        let left = find(start..left_end, scope);
        let right = find(left_end..scope.rels.len(), scope);
        let (Some((li, l)), Some((ri, r))) = (left, right) else {
            return;
        };
        // The merged value is COALESCE(left, right): NULL only when both sides may be.
        let mut merged = match (left_null, right_null) {
            (true, false) => r.clone(),
            _ => l.clone(),
        };
        // FULL JOIN: every row has one side at least, so the merged value is NULL only when a
        // present side's column may be.
        let raw = |i: usize| {
            scope.rels[i]
                .cols
                .iter()
                .find(|c| self.cat.same(&c.name, name))
                .is_none_or(|c| c.nullable)
        };
        merged.nullable = match (left_null, right_null) {
            (true, true) => raw(li) || raw(ri),
            (true, false) => r.nullable,
            _ => l.nullable,
        };
        if merged.source != l.source {
            merged.source = None;
        }
        let front = self.cat.provider != flash_schema::Provider::Sqlite;
        if front {
            scope.merged.push(merged);
            scope.hidden.push((li, l.name.clone()));
        }
        scope.hidden.push((ri, r.name.clone()));
    }

    /// The relations one table factor brings.
    fn factor(&mut self, f: &TableFactor, scope: &Scope<'_>) -> Vec<Rel> {
        match f {
            TableFactor::Table {
                name, alias, args, ..
            } => {
                let parts = crate::names::fold_parts(name, self.cat.provider);
                let (schema, table) = crate::names::qualified_from_parts(parts, self.cat.provider);
                if let Some(args) = args {
                    let call = sqlparser::ast::Function {
                        name: name.clone(),
                        uses_odbc_syntax: false,
                        parameters: sqlparser::ast::FunctionArguments::None,
                        args: sqlparser::ast::FunctionArguments::List(
                            sqlparser::ast::FunctionArgumentList {
                                duplicate_treatment: None,
                                args: args.args.clone(),
                                clauses: Vec::new(),
                            },
                        ),
                        filter: None,
                        null_treatment: None,
                        over: None,
                        within_group: Vec::new(),
                    };
                    return vec![self.table_function(&table, &call, alias.as_ref(), scope)];
                }
                let cols = self.named_relation(schema.as_deref(), &table, name.span());
                let missing = cols.is_none();
                let rel = Rel {
                    alias: table.clone(),
                    cols: cols.unwrap_or_default(),
                    nullable: false,
                };
                let rel = aliased(rel, alias.as_ref(), self);
                if missing {
                    self.opaque.push(rel.alias.clone());
                }
                vec![rel]
            }
            TableFactor::Derived {
                subquery,
                alias,
                lateral,
                ..
            } => {
                let cols = if *lateral {
                    self.query(subquery, scope, &[])
                } else {
                    let outer = Scope {
                        rels: Vec::new(),
                        parent: scope.parent,
                        ..Scope::default()
                    };
                    self.query(subquery, &outer, &[])
                };
                let rel = Rel {
                    alias: String::new(),
                    cols,
                    nullable: false,
                };
                vec![aliased(rel, alias.as_ref(), self)]
            }
            TableFactor::Function {
                name, args, alias, ..
            } => {
                let table = last_name(name, self);
                let call = sqlparser::ast::Function {
                    name: name.clone(),
                    uses_odbc_syntax: false,
                    parameters: sqlparser::ast::FunctionArguments::None,
                    args: sqlparser::ast::FunctionArguments::List(
                        sqlparser::ast::FunctionArgumentList {
                            duplicate_treatment: None,
                            args: args.clone(),
                            clauses: Vec::new(),
                        },
                    ),
                    filter: None,
                    null_treatment: None,
                    over: None,
                    within_group: Vec::new(),
                };
                vec![self.table_function(&table, &call, alias.as_ref(), scope)]
            }
            TableFactor::UNNEST {
                alias,
                array_exprs,
                with_ordinality,
                ..
            } => {
                let mut cols = Vec::new();
                for e in array_exprs {
                    let x = self.expr(e, scope, &Hint::none());
                    let ty = match x.ty {
                        Some(TypeKind::Array { element }) => Some(*element),
                        other => other,
                    };
                    cols.push(Col {
                        name: "unnest".into(),
                        ty,
                        nullable: false,
                        source: None,
                    });
                }
                if *with_ordinality {
                    cols.push(Col {
                        name: "ordinality".into(),
                        ty: Some(t::int(64)),
                        nullable: false,
                        source: None,
                    });
                }
                let rel = Rel {
                    alias: "unnest".into(),
                    cols,
                    nullable: false,
                };
                vec![aliased(rel, alias.as_ref(), self)]
            }
            TableFactor::NestedJoin {
                table_with_joins,
                alias,
            } => {
                let mut inner = Scope::child(scope);
                self.add_from_item(table_with_joins, &mut inner);
                let rels = inner.rels;
                match alias {
                    Some(a) => {
                        let cols = rels
                            .iter()
                            .flat_map(|r| r.cols.iter().map(|c| with_rel(c, r)))
                            .collect();
                        let rel = Rel {
                            alias: String::new(),
                            cols,
                            nullable: false,
                        };
                        vec![aliased(rel, Some(a), self)]
                    }
                    None => rels,
                }
            }
            other => {
                self.error(
                    other.span(),
                    "flash cannot analyse this kind of FROM item",
                    "use a table, a subquery or a function",
                );
                Vec::new()
            }
        }
    }

    /// A set-returning function in FROM (`generate_series`, `unnest`, `json_each`, ...).
    fn table_function(
        &mut self,
        name: &str,
        call: &sqlparser::ast::Function,
        alias: Option<&TableAlias>,
        scope: &Scope<'_>,
    ) -> Rel {
        let lower = name.to_lowercase();
        // Functions whose columns are known here: only their arguments need typing.
        let known = matches!(
            lower.as_str(),
            "json_each"
                | "json_tree"
                | "jsonb_each"
                | "json_each_text"
                | "jsonb_each_text"
                | "jsonb_array_elements"
                | "json_array_elements"
                | "jsonb_array_elements_text"
                | "json_array_elements_text"
                | "jsonb_object_keys"
                | "json_object_keys"
        );
        let x = if known {
            if let sqlparser::ast::FunctionArguments::List(list) = &call.args {
                for a in &list.args {
                    if let sqlparser::ast::FunctionArg::Unnamed(
                        sqlparser::ast::FunctionArgExpr::Expr(e),
                    ) = a
                    {
                        self.expr(e, scope, &Hint::none());
                    }
                }
            }
            Typed::unknown(false)
        } else {
            self.function(call, scope, &Hint::none())
        };
        let col = |name: &str, ty: TypeKind, nullable: bool| Col {
            name: name.into(),
            ty: Some(ty),
            nullable,
            source: None,
        };
        let cols = match lower.as_str() {
            "json_each" | "json_tree" => vec![
                col("key", t::text(), true),
                Col {
                    name: "value".into(),
                    ty: None,
                    nullable: true,
                    source: None,
                },
                col("type", t::text(), false),
                Col {
                    name: "atom".into(),
                    ty: None,
                    nullable: true,
                    source: None,
                },
                col("id", t::int(64), false),
                col("parent", t::int(64), true),
                col("fullkey", t::text(), false),
                col("path", t::text(), false),
            ],
            "jsonb_each" | "json_each_text" | "jsonb_each_text" => vec![
                col("key", t::text(), false),
                col(
                    "value",
                    if lower.ends_with("text") {
                        t::text()
                    } else {
                        t::json(true)
                    },
                    true,
                ),
            ],
            "jsonb_array_elements" | "json_array_elements" => {
                vec![col("value", t::json(lower.starts_with("jsonb")), true)]
            }
            "jsonb_array_elements_text" | "json_array_elements_text" => {
                vec![col("value", t::text(), true)]
            }
            "jsonb_object_keys" | "json_object_keys" => vec![col(&lower, t::text(), false)],
            // A function returning one value per row: its column is named after the alias
            // (`generate_series(1, 7) AS g` has column `g`).
            _ => vec![Col {
                name: match alias {
                    Some(a) if a.columns.is_empty() => {
                        crate::names::fold_ident(&a.name, self.cat.provider)
                    }
                    _ => lower.clone(),
                },
                ty: x.ty,
                nullable: false,
                source: None,
            }],
        };
        let rel = Rel {
            alias: lower,
            cols,
            nullable: false,
        };
        aliased(rel, alias, self)
    }

    /// The columns of a CTE, table or view called `name`; an error when there is none.
    pub(crate) fn named_relation(
        &mut self,
        schema: Option<&str>,
        name: &str,
        span: sqlparser::tokenizer::Span,
    ) -> Option<Vec<Col>> {
        if schema.is_none() {
            if let Some(cols) = self.cte(name) {
                return Some(cols);
            }
        }
        match self.cat.relation(schema, name) {
            Some(super::catalog::Relation::Table(t)) => Some(
                t.columns
                    .iter()
                    .map(|c| Col {
                        name: c.name.clone(),
                        ty: Some(c.ty.kind.clone()),
                        nullable: c.nullable,
                        source: Some(ColumnSource {
                            schema: t.schema.clone(),
                            table: t.name.clone(),
                            column: c.name.clone(),
                        }),
                    })
                    .collect(),
            ),
            Some(super::catalog::Relation::View(v)) => Some(self.view_columns(v)),
            None => {
                let mut known: Vec<String> = self
                    .cat
                    .schema
                    .tables
                    .iter()
                    .map(|t| t.name.clone())
                    .collect();
                known.extend(self.cat.schema.views.iter().map(|v| v.name.clone()));
                let shown = if known.len() > 30 {
                    format!("{} tables and views", known.len())
                } else {
                    known.join(", ")
                };
                let full = match schema {
                    Some(s) => format!("{s}.{name}"),
                    None => name.to_string(),
                };
                self.error(
                    span,
                    format!("table `{full}` does not exist in the schema"),
                    format!("the schema files declare: {shown}"),
                );
                None
            }
        }
    }
}

/// Whether a query surely returns exactly one row: a SELECT of aggregates (or of no FROM)
/// without GROUP BY, HAVING, LIMIT or OFFSET.
pub(crate) fn always_one_row(q: &Query) -> bool {
    if q.limit_clause.is_some() || q.fetch.is_some() {
        return false;
    }
    let SetExpr::Select(s) = q.body.as_ref() else {
        return false;
    };
    let no_group = matches!(&s.group_by, GroupByExpr::Expressions(e, _) if e.is_empty());
    if !no_group || s.having.is_some() {
        return false;
    }
    if s.from.is_empty() && s.selection.is_none() {
        return true;
    }
    s.projection.iter().all(|item| match item {
        SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } => {
            is_aggregate_call(e)
        }
        _ => false,
    })
}

fn is_aggregate_call(e: &Expr) -> bool {
    match e {
        Expr::Function(f) => {
            let name = f.name.to_string().to_lowercase();
            f.over.is_none()
                && matches!(
                    name.as_str(),
                    "count"
                        | "sum"
                        | "avg"
                        | "min"
                        | "max"
                        | "string_agg"
                        | "array_agg"
                        | "json_agg"
                        | "jsonb_agg"
                        | "group_concat"
                        | "json_arrayagg"
                        | "json_group_array"
                        | "bool_and"
                        | "bool_or"
                        | "total"
                        | "coalesce"
                )
                && (name != "coalesce"
                    || matches!(&f.args, sqlparser::ast::FunctionArguments::List(l)
                        if l.args.first().is_some_and(|a| matches!(a,
                            sqlparser::ast::FunctionArg::Unnamed(sqlparser::ast::FunctionArgExpr::Expr(x)) if is_aggregate_call(x)))))
        }
        Expr::Nested(x) | Expr::Cast { expr: x, .. } => is_aggregate_call(x),
        _ => false,
    }
}

fn col(x: Typed, nullable: bool, alias: Option<String>) -> Col {
    Col {
        name: alias.unwrap_or(x.name),
        ty: x.ty,
        nullable,
        source: x.source,
    }
}

/// A relation's column as seen through the relation (outer joins make it nullable).
fn with_rel(c: &Col, rel: &Rel) -> Col {
    Col {
        nullable: c.nullable || rel.nullable,
        ..c.clone()
    }
}

fn last_name(n: &ObjectName, ctx: &Ctx<'_>) -> String {
    crate::names::fold_parts(n, ctx.cat.provider)
        .pop()
        .unwrap_or_default()
}

/// Applies `AS alias(col, ...)` to a relation.
fn aliased(mut rel: Rel, alias: Option<&TableAlias>, ctx: &Ctx<'_>) -> Rel {
    if let Some(a) = alias {
        rel.alias = crate::names::fold_ident(&a.name, ctx.cat.provider);
        rel.cols = rename(rel.cols, a, ctx);
    }
    rel
}

fn rename(mut cols: Vec<Col>, alias: &TableAlias, ctx: &Ctx<'_>) -> Vec<Col> {
    for (c, a) in cols.iter_mut().zip(&alias.columns) {
        c.name = crate::names::fold_ident(&a.name, ctx.cat.provider);
        c.source = None;
    }
    cols
}

/// Two result shapes put together (UNION): a column is nullable when either side's is.
fn merge(left: Vec<Col>, right: &[Col]) -> Vec<Col> {
    left.into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            if let Some(r) = right.get(i) {
                c.nullable |= r.nullable;
                if c.ty.is_none() {
                    c.ty = r.ty.clone();
                }
                if c.source != r.source {
                    c.source = None;
                }
            }
            c
        })
        .collect()
}

fn right_span(e: &SetExpr) -> sqlparser::tokenizer::Span {
    e.span()
}

/// True when `e` is a bare name that a select-list alias defines.
fn is_alias_of(e: &Expr, s: &Select) -> bool {
    let Expr::Identifier(id) = e else {
        return false;
    };
    s.projection.iter().any(|item| {
        matches!(item, SelectItem::ExprWithAlias { alias, .. } if alias.value.eq_ignore_ascii_case(&id.value))
    })
}

/// Column references the WHERE clause proves not null: the operands of top-level AND-ed
/// `IS NOT NULL` tests and comparisons (a NULL would make them not true).
fn not_null_columns(w: &Expr, ctx: &Ctx<'_>) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut stack = vec![w];
    while let Some(e) = stack.pop() {
        match e {
            Expr::BinaryOp {
                left,
                op: BinaryOperator::And,
                right,
            } => {
                stack.push(left);
                stack.push(right);
            }
            Expr::Nested(x) => stack.push(x),
            Expr::IsNotNull(x) => out.extend(column_of(x, ctx)),
            Expr::BinaryOp {
                left,
                op:
                    BinaryOperator::Eq
                    | BinaryOperator::NotEq
                    | BinaryOperator::Lt
                    | BinaryOperator::LtEq
                    | BinaryOperator::Gt
                    | BinaryOperator::GtEq,
                right,
            } => {
                out.extend(column_of(left, ctx));
                out.extend(column_of(right, ctx));
            }
            Expr::Like { expr, .. }
            | Expr::ILike { expr, .. }
            | Expr::InList {
                expr,
                negated: false,
                ..
            }
            | Expr::Between {
                expr,
                negated: false,
                ..
            } => out.extend(column_of(expr, ctx)),
            _ => {}
        }
    }
    out
}

fn column_of(e: &Expr, ctx: &Ctx<'_>) -> Option<(Option<String>, String)> {
    let p = ctx.cat.provider;
    match e {
        Expr::Identifier(id) => Some((None, crate::names::fold_ident(id, p))),
        Expr::CompoundIdentifier(parts) => match parts.as_slice() {
            [.., q, c] => Some((
                Some(crate::names::fold_ident(q, p)),
                crate::names::fold_ident(c, p),
            )),
            _ => None,
        },
        Expr::Nested(x) => column_of(x, ctx),
        _ => None,
    }
}

/// True when select item `e` is the column `proven` names.
fn refers_to(e: &Expr, proven: &(Option<String>, String), ctx: &Ctx<'_>) -> bool {
    match column_of(e, ctx) {
        Some((q, c)) => {
            ctx.cat.same(&c, &proven.1)
                && match (&q, &proven.0) {
                    (Some(a), Some(b)) => ctx.cat.same(a, b),
                    // One side unqualified: the same name means the same column unless
                    // ambiguous, which the database would reject.
                    _ => true,
                }
        }
        None => false,
    }
}
