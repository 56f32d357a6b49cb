//! The planner: changes to SQLite statements. Pure; needs no connection.
//!
//! SQLite's ALTER TABLE can only rename a table, rename/add/drop a column. Every other table
//! change (type, nullability, default, primary key, foreign keys, unique and check constraints,
//! generated expressions, AUTOINCREMENT, a column ADD COLUMN or DROP COLUMN refuses) is done
//! with the table rebuild of <https://www.sqlite.org/lang_altertable.html#otheralter>: one
//! rebuild per table, applying all of that table's changes at once:
//!
//! ```text
//! CREATE TABLE "_flash_new_t" (...the new definition...)
//! INSERT INTO "_flash_new_t" (kept columns) SELECT (their old names) FROM "t"
//! DROP TABLE "t"
//! ALTER TABLE "_flash_new_t" RENAME TO "t"
//! CREATE INDEX ... (the table's indexes)
//! ```
//!
//! Views and triggers that mention a rebuilt table are dropped before and re-created after
//! (their text is taken from the target schema). `PRAGMA foreign_keys=OFF` and the final
//! `PRAGMA foreign_key_check` are the driver's job: they cannot run inside the migration's
//! transaction, so they are not part of the plan.

use crate::dialect::SqliteDialect;
use crate::quote::{ident, ident_list, identifiers, is_constant, mentions, strip_outer_parens};
use flash_diff::{DiffHooks, PlanError};
use flash_schema::{
    Change, Column, ForeignKey, IdentityKind, Index, Phase, Plan, RawObject, Schema, Table, View,
};
use std::collections::{BTreeMap, BTreeSet};

/// The name prefix of the new table of a rebuild. Tables with this prefix are never inspected.
pub const REBUILD_PREFIX: &str = "_flash_new_";

/// Plans `changes` (from `from` to `to`) as SQLite statements.
pub(crate) fn plan(
    dialect: &SqliteDialect,
    changes: &[Change],
    from: &Schema,
    to: &Schema,
) -> Result<Plan, PlanError> {
    let mut p = Planner {
        hooks: dialect,
        changes,
        from,
        to,
        plan: Plan::new(),
        renamed_from: BTreeMap::new(),
    };
    p.run()?;
    let mut plan = p.plan;
    plan.sort();
    Ok(plan)
}

struct Planner<'a> {
    hooks: &'a SqliteDialect,
    changes: &'a [Change],
    from: &'a Schema,
    to: &'a Schema,
    plan: Plan,
    /// New table name → old name, for the tables this plan renames.
    renamed_from: BTreeMap<String, String>,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn find_table<'s>(s: &'s Schema, name: &str) -> Option<&'s Table> {
    s.tables
        .iter()
        .find(|t| t.name == name)
        .or_else(|| s.tables.iter().find(|t| same(&t.name, name)))
}

fn find_column<'t>(t: &'t Table, name: &str) -> Option<&'t Column> {
    t.column(name)
        .or_else(|| t.columns.iter().find(|c| same(&c.name, name)))
}

fn is_trigger(r: &RawObject) -> bool {
    r.kind.eq_ignore_ascii_case("TRIGGER")
}

impl Planner<'_> {
    fn run(&mut self) -> Result<(), PlanError> {
        for c in self.changes {
            if let Change::RenameTable { from, to } = c {
                self.renamed_from.insert(to.name.clone(), from.name.clone());
            }
            // SqliteDialect asks the differ for neither (renames_views and
            // renames_constraints are false): a view is created again, a constraint rebuilt.
            if let Change::RenameView { from, .. } = c {
                return Err(PlanError::new(format!(
                    "SQLite cannot rename view `{}` in place",
                    from.name
                )));
            }
            if let Change::RenameConstraint { table, from, .. } = c {
                return Err(PlanError::new(format!(
                    "SQLite cannot rename constraint {table}.{from} in place"
                )));
            }
            if let Change::CreateEnum(e)
            | Change::DropEnum(e)
            | Change::AddEnumValues { to: e, .. }
            | Change::RebuildEnum { to: e, .. }
            | Change::RenameEnum { to: e, .. } = c
            {
                return Err(PlanError::new(format!(
                    "SQLite has no enum types, so enum `{}` cannot be created or changed",
                    e.name
                ))
                .with_help(
                    "declare the column as TEXT with a CHECK constraint, e.g. \
                     `status TEXT CHECK (status IN ('draft', 'published'))`",
                ));
            }
        }

        // The table-level changes of each table, in order of first appearance.
        let mut order: Vec<String> = Vec::new();
        let mut by_table: BTreeMap<String, Vec<&Change>> = BTreeMap::new();
        for c in self.changes {
            if is_table_level(c) {
                if let Some(t) = c.table() {
                    if !by_table.contains_key(&t.name) {
                        order.push(t.name.clone());
                    }
                    by_table.entry(t.name).or_default().push(c);
                }
            }
        }
        let mut rebuilt: Vec<String> = Vec::new();
        for t in &order {
            let changes = by_table.get(t).map(Vec::as_slice).unwrap_or_default();
            if self.needs_rebuild(t, changes)? {
                rebuilt.push(t.clone());
            }
        }
        let rebuilt_set: BTreeSet<&str> = rebuilt.iter().map(String::as_str).collect();

        // Views and triggers this plan creates, drops or replaces by itself.
        let mut views_touched: BTreeSet<String> = BTreeSet::new();
        let mut views_dropped: BTreeSet<String> = BTreeSet::new();
        let mut raw_touched: BTreeSet<String> = BTreeSet::new();
        for c in self.changes {
            match c {
                Change::CreateView(v) => {
                    views_touched.insert(lower(&v.name));
                }
                Change::DropView(v) | Change::ReplaceView { from: v, .. } => {
                    views_touched.insert(lower(&v.name));
                    views_dropped.insert(lower(&v.name));
                }
                Change::CreateRaw(r) | Change::DropRaw(r) | Change::ReplaceRaw { to: r, .. } => {
                    raw_touched.insert(lower(&r.key()));
                }
                _ => {}
            }
        }
        let (dep_views, dep_triggers) =
            self.dependents(&rebuilt, &views_dropped, &views_touched, &raw_touched);

        for c in self.changes {
            if let Some(t) = c.table() {
                if is_table_level(c) && rebuilt_set.contains(t.name.as_str()) {
                    continue;
                }
            }
            self.change(c)?;
        }

        // Dependents of rebuilt tables and of dropped views: dropped before, created after.
        for v in &self.to.views {
            if dep_views.contains(&lower(&v.name)) {
                self.plan
                    .push(Phase::DropViews, format!("DROP VIEW {}", ident(&v.name)));
            }
        }
        for r in &self.to.raw {
            if dep_triggers.contains(&lower(&r.key())) {
                self.plan.push(Phase::DropRawAfter, drop_raw_sql(r));
            }
        }

        for t in &rebuilt {
            let changes = by_table.get(t).map(Vec::as_slice).unwrap_or_default();
            self.rebuild(t, changes)?;
        }

        self.create_views_and_raw(dep_views, dep_triggers)
    }

    /// Creates the new, replaced and dependent views and raw objects, in the target schema's
    /// order, which is the order the user declared them in: a view after the views it selects
    /// from, a trigger after the function it calls.
    fn create_views_and_raw(
        &mut self,
        dep_views: BTreeSet<String>,
        dep_triggers: BTreeSet<String>,
    ) -> Result<(), PlanError> {
        let mut create_views: BTreeSet<String> = dep_views;
        let mut create_raw: BTreeSet<String> = dep_triggers;
        for c in self.changes {
            match c {
                Change::CreateView(v) | Change::ReplaceView { to: v, .. } => {
                    create_views.insert(lower(&v.name));
                }
                Change::CreateRaw(r) | Change::ReplaceRaw { to: r, .. } => {
                    create_raw.insert(lower(&r.key()));
                }
                _ => {}
            }
        }
        let mut views: Vec<&View> = self
            .to
            .views
            .iter()
            .filter(|v| create_views.remove(&lower(&v.name)))
            .collect();
        // Views named by a change but missing from `to` (a caller passing a partial schema).
        for c in self.changes {
            if let Change::CreateView(v) | Change::ReplaceView { to: v, .. } = c {
                if create_views.remove(&lower(&v.name)) {
                    views.push(v);
                }
            }
        }
        for v in views {
            let sql = create_view_sql(v)?;
            self.plan.push(Phase::CreateViews, sql);
        }
        let mut raws: Vec<&RawObject> = self
            .to
            .raw
            .iter()
            .filter(|r| create_raw.remove(&lower(&r.key())))
            .collect();
        for c in self.changes {
            if let Change::CreateRaw(r) | Change::ReplaceRaw { to: r, .. } = c {
                if create_raw.remove(&lower(&r.key())) {
                    raws.push(r);
                }
            }
        }
        for r in raws {
            let phase = Change::CreateRaw(r.clone()).phase();
            self.plan
                .push(phase, r.sql.trim().trim_end_matches(';').trim_end());
        }
        Ok(())
    }

    /// The views and triggers that exist before and after, are not changed themselves, but
    /// mention a rebuilt table or a view that is dropped (directly or through other views).
    /// SQLite re-checks every view and trigger when a table is renamed, so they must not exist
    /// while the rebuild runs.
    fn dependents(
        &self,
        rebuilt: &[String],
        views_dropped: &BTreeSet<String>,
        views_touched: &BTreeSet<String>,
        raw_touched: &BTreeSet<String>,
    ) -> (BTreeSet<String>, BTreeSet<String>) {
        let mut names: BTreeSet<String> = views_dropped.clone();
        for t in rebuilt {
            names.insert(lower(t));
            if let Some(old) = self.renamed_from.get(t) {
                names.insert(lower(old));
            }
        }
        let mut views: BTreeSet<String> = BTreeSet::new();
        let mut triggers: BTreeSet<String> = BTreeSet::new();
        if names.is_empty() {
            return (views, triggers);
        }
        let candidates: Vec<&View> = self
            .to
            .views
            .iter()
            .filter(|v| {
                !views_touched.contains(&lower(&v.name))
                    && self.from.views.iter().any(|o| same(&o.name, &v.name))
            })
            .collect();
        loop {
            let mut grew = false;
            for v in &candidates {
                let key = lower(&v.name);
                if views.contains(&key) {
                    continue;
                }
                if identifiers(&v.definition).iter().any(|i| names.contains(i)) {
                    views.insert(key.clone());
                    names.insert(key);
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        for r in &self.to.raw {
            let key = lower(&r.key());
            if !is_trigger(r)
                || raw_touched.contains(&key)
                || !self.from.raw.iter().any(|o| same(&o.key(), &r.key()))
            {
                continue;
            }
            let on_table = r
                .table
                .as_deref()
                .is_some_and(|t| names.contains(&lower(t)));
            if on_table || identifiers(&r.sql).iter().any(|i| names.contains(i)) {
                triggers.insert(key);
            }
        }
        (views, triggers)
    }

    /// Whether SQLite's ALTER TABLE can carry out all of a table's changes.
    fn needs_rebuild(&self, table: &str, changes: &[&Change]) -> Result<bool, PlanError> {
        for c in changes {
            let rebuild = match c {
                Change::AlterColumn { .. }
                | Change::SetPrimaryKey { .. }
                | Change::AddUnique { .. }
                | Change::DropUnique { .. }
                | Change::AddCheck { .. }
                | Change::DropCheck { .. }
                | Change::AddForeignKey { .. }
                | Change::DropForeignKey { .. }
                | Change::SetTableOptions { .. } => true,
                Change::AddColumn { column, .. } => {
                    let t = self.new_table(table)?;
                    !can_add_column(t, column)
                }
                Change::DropColumn { column, .. } => {
                    !self.can_drop_column(table, &column.name, changes)?
                }
                _ => false,
            };
            if rebuild {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn new_table(&self, name: &str) -> Result<&Table, PlanError> {
        find_table(self.to, name).ok_or_else(|| {
            PlanError::new(format!(
                "table `{name}` is changed but missing from the target schema"
            ))
        })
    }

    fn old_table(&self, name: &str) -> Result<&Table, PlanError> {
        let old = self
            .renamed_from
            .get(name)
            .map(String::as_str)
            .unwrap_or(name);
        find_table(self.from, old).ok_or_else(|| {
            PlanError::new(format!(
                "table `{old}` is changed but missing from the current schema"
            ))
        })
    }

    /// ALTER TABLE DROP COLUMN works only when nothing else in the schema uses the column
    /// (<https://www.sqlite.org/lang_altertable.html#altertabdropcol>).
    fn can_drop_column(
        &self,
        table: &str,
        column: &str,
        changes: &[&Change],
    ) -> Result<bool, PlanError> {
        let t = self.old_table(table)?;
        let is = |c: &String| same(c, column);
        if t.primary_key
            .as_ref()
            .is_some_and(|p| p.columns.iter().any(is))
            || t.uniques.iter().any(|u| u.columns.iter().any(is))
            || t.foreign_keys.iter().any(|f| f.columns.iter().any(is))
            || t.checks.iter().any(|k| mentions(&k.expr, column))
            || t.columns.iter().any(|c| {
                !same(&c.name, column)
                    && c.generated
                        .as_ref()
                        .is_some_and(|g| mentions(&g.expr, column))
            })
        {
            return Ok(false);
        }
        // An index on the column is fine only if this plan drops it first.
        let dropped_index = |name: &str| {
            changes.iter().any(|c| {
                matches!(c, Change::DropIndex { index, .. } if same(&index.name, name))
                    || matches!(c, Change::RenameIndex { from, .. } if same(from, name))
            })
        };
        for i in &t.indexes {
            let uses = i.parts.iter().any(|p| {
                p.column.as_ref().is_some_and(is)
                    || p.expr.as_deref().is_some_and(|e| mentions(e, column))
            }) || i.predicate.as_deref().is_some_and(|p| mentions(p, column));
            if uses && !dropped_index(&i.name) {
                return Ok(false);
            }
        }
        // Views and triggers that stay and mention both the table and the column.
        let names = [lower(table), lower(&t.name)];
        let in_view = self.to.views.iter().any(|v| {
            let ids = identifiers(&v.definition);
            ids.contains(&lower(column)) && names.iter().any(|n| ids.contains(n))
        });
        let in_trigger = self.to.raw.iter().filter(|r| is_trigger(r)).any(|r| {
            let ids = identifiers(&r.sql);
            ids.contains(&lower(column)) && names.iter().any(|n| ids.contains(n))
        });
        Ok(!in_view && !in_trigger)
    }

    /// One change, for everything that is not part of a rebuild.
    fn change(&mut self, c: &Change) -> Result<(), PlanError> {
        let phase = c.phase();
        match c {
            Change::CreateTable(t) => {
                let sql = create_table_sql(t, &t.name)?;
                self.plan.push(phase, sql);
                // With the other new indexes: after every index this plan drops, so that
                // a name moving from a dropped or rebuilt table to this one is free.
                for i in &t.indexes {
                    let sql = create_index_sql(&t.name, i)?;
                    self.plan.push(Phase::CreateIndexes, sql);
                }
            }
            Change::DropTable(t) => self.plan.push_destructive(
                phase,
                format!("DROP TABLE {}", ident(&t.name)),
                format!("drops table {} and all its rows", t.name),
            ),
            Change::RenameTable { from, to } => self.plan.push(
                phase,
                format!(
                    "ALTER TABLE {} RENAME TO {}",
                    ident(&from.name),
                    ident(&to.name)
                ),
            ),
            Change::AddColumn { table, column } => {
                let sql = format!(
                    "ALTER TABLE {} ADD COLUMN {}",
                    ident(&table.name),
                    column_sql(column, InlinePk::No)
                );
                self.plan.push(phase, sql);
            }
            Change::DropColumn { table, column } => {
                let sql = format!(
                    "ALTER TABLE {} DROP COLUMN {}",
                    ident(&table.name),
                    ident(&column.name)
                );
                if column.generated.is_some() {
                    // Computed from the other columns: nothing is lost.
                    self.plan.push(phase, sql);
                } else {
                    self.plan.push_destructive(
                        phase,
                        sql,
                        format!("drops column {}.{} and its data", table.name, column.name),
                    );
                }
            }
            Change::RenameColumn { table, from, to } => self.plan.push(
                phase,
                format!(
                    "ALTER TABLE {} RENAME COLUMN {} TO {}",
                    ident(&table.name),
                    ident(from),
                    ident(to)
                ),
            ),
            Change::CreateIndex { table, index } => {
                let sql = create_index_sql(&table.name, index)?;
                self.plan.push(phase, sql);
            }
            Change::DropIndex { index, .. } => self
                .plan
                .push(phase, format!("DROP INDEX {}", ident(&index.name))),
            Change::RenameIndex { table, from, to } => {
                // SQLite cannot rename an index: drop it and create it under the new name.
                let t = self.new_table(&table.name)?;
                let index = t
                    .indexes
                    .iter()
                    .find(|i| same(&i.name, to))
                    .ok_or_else(|| {
                        PlanError::new(format!(
                            "index `{to}` of table `{}` is missing from the target schema",
                            table.name
                        ))
                    })?;
                let sql = create_index_sql(&table.name, index)?;
                self.plan.push(phase, format!("DROP INDEX {}", ident(from)));
                self.plan.push(phase, sql);
            }
            Change::SetTableComment { table, to, .. } => {
                if to.is_some() {
                    self.plan.warnings.push(format!(
                        "SQLite does not store comments: the comment on table {} is ignored",
                        table.name
                    ));
                }
            }
            Change::CreateView(_) | Change::CreateRaw(_) => {
                // Created in one pass at the end, in the target schema's order.
            }
            Change::DropView(v) | Change::ReplaceView { from: v, .. } => self
                .plan
                .push(Phase::DropViews, format!("DROP VIEW {}", ident(&v.name))),
            Change::DropRaw(r) => self.plan.push(phase, drop_raw_sql(r)),
            Change::ReplaceRaw { from, .. } => {
                // Dropped early (it may use what the migration changes), created at the end.
                self.plan.push(Phase::DropRawAfter, drop_raw_sql(from));
            }
            Change::AlterColumn { table, .. }
            | Change::SetPrimaryKey { table, .. }
            | Change::AddUnique { table, .. }
            | Change::DropUnique { table, .. }
            | Change::AddCheck { table, .. }
            | Change::DropCheck { table, .. }
            | Change::AddForeignKey { table, .. }
            | Change::DropForeignKey { table, .. }
            | Change::SetTableOptions { table, .. } => {
                // needs_rebuild() sends every one of these to a rebuild.
                return Err(PlanError::new(format!(
                    "internal: change to table `{}` needs a rebuild but none was planned",
                    table.name
                )));
            }
            Change::CreateEnum(_)
            | Change::DropEnum(_)
            | Change::AddEnumValues { .. }
            | Change::RebuildEnum { .. }
            | Change::RenameEnum { .. }
            | Change::RenameView { .. }
            | Change::RenameConstraint { .. } => {
                // Refused in run().
            }
        }
        Ok(())
    }

    /// The 12-step rebuild of one table, applying all its changes at once.
    fn rebuild(&mut self, table: &str, changes: &[&Change]) -> Result<(), PlanError> {
        let new = self.new_table(table)?.clone();
        let old = self.old_table(table)?.clone();
        // New column name → old column name.
        let mut renames: BTreeMap<String, String> = BTreeMap::new();
        for c in changes {
            if let Change::RenameColumn { from, to, .. } = c {
                renames.insert(lower(to), from.clone());
            }
        }
        let tmp = format!("{REBUILD_PREFIX}{}", new.name);
        let phase = Phase::Columns;
        // Renames go first, with ALTER TABLE: SQLite then rewrites every reference to the
        // column (foreign keys of other tables, indexes), which a copy would leave stale.
        for c in changes {
            if let Change::RenameColumn { from, to, .. } = c {
                self.plan.push(
                    phase,
                    format!(
                        "ALTER TABLE {} RENAME COLUMN {} TO {}",
                        ident(&new.name),
                        ident(from),
                        ident(to)
                    ),
                );
            }
        }
        self.plan.push(phase, create_table_sql(&new, &tmp)?);

        let mut reasons: Vec<String> = Vec::new();
        let mut targets: Vec<String> = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        let mut used: BTreeSet<String> = BTreeSet::new();
        for c in new.columns.iter().filter(|c| c.generated.is_none()) {
            let src_name = renames
                .get(&lower(&c.name))
                .cloned()
                .unwrap_or_else(|| c.name.clone());
            let Some(oc) = find_column(&old, &src_name) else {
                continue;
            };
            used.insert(lower(&oc.name));
            // A renamed column already has its new name (renamed above).
            let mut expr = ident(&c.name);
            if !c.nullable && oc.nullable {
                if let Some(d) = &c.default {
                    expr = format!("COALESCE({expr}, {})", default_sql(d));
                }
            }
            if let Some(why) = self.hooks.narrowing(&oc.ty, &c.ty) {
                reasons.push(format!("column {}.{}: {why}", new.name, c.name));
            }
            targets.push(c.name.clone());
            sources.push(expr);
        }
        for oc in &old.columns {
            if oc.generated.is_none() && !used.contains(&lower(&oc.name)) {
                reasons.push(format!(
                    "drops column {}.{} and its data",
                    new.name, oc.name
                ));
            }
        }
        if !targets.is_empty() {
            self.plan.push(
                phase,
                format!(
                    "INSERT INTO {} ({}) SELECT {} FROM {}",
                    ident(&tmp),
                    ident_list(&targets),
                    sources.join(", "),
                    ident(&new.name)
                ),
            );
        } else if !old.columns.is_empty() {
            reasons.push(format!(
                "keeps no column of table {}, so its rows are lost",
                new.name
            ));
        }
        // Keep the AUTOINCREMENT high-water mark: the new table would restart after the
        // largest id still present instead of the largest id ever used.
        if autoincrement_column(&old).is_some() && autoincrement_column(&new).is_some() {
            self.plan.push(
                phase,
                format!(
                    "DELETE FROM sqlite_sequence WHERE name = {}",
                    crate::quote::literal(&tmp)
                ),
            );
            self.plan.push(
                phase,
                format!(
                    "INSERT INTO sqlite_sequence (name, seq) SELECT {}, seq FROM sqlite_sequence WHERE name = {}",
                    crate::quote::literal(&tmp),
                    crate::quote::literal(&new.name)
                ),
            );
        }
        let drop = format!("DROP TABLE {}", ident(&new.name));
        if reasons.is_empty() {
            self.plan.push(phase, drop);
        } else {
            self.plan.push_destructive(phase, drop, reasons.join("; "));
        }
        self.plan.push(
            phase,
            format!("ALTER TABLE {} RENAME TO {}", ident(&tmp), ident(&new.name)),
        );
        for i in &new.indexes {
            let sql = create_index_sql(&new.name, i)?;
            self.plan.push(phase, sql);
        }
        Ok(())
    }
}

/// The changes that belong to one existing table (as opposed to whole tables, views, ...).
fn is_table_level(c: &Change) -> bool {
    matches!(
        c,
        Change::AddColumn { .. }
            | Change::DropColumn { .. }
            | Change::RenameColumn { .. }
            | Change::AlterColumn { .. }
            | Change::SetPrimaryKey { .. }
            | Change::AddUnique { .. }
            | Change::DropUnique { .. }
            | Change::AddCheck { .. }
            | Change::DropCheck { .. }
            | Change::AddForeignKey { .. }
            | Change::DropForeignKey { .. }
            | Change::CreateIndex { .. }
            | Change::DropIndex { .. }
            | Change::RenameIndex { .. }
            | Change::SetTableComment { .. }
            | Change::SetTableOptions { .. }
    )
}

/// ALTER TABLE ADD COLUMN's rules (<https://www.sqlite.org/lang_altertable.html#altertabaddcol>):
/// no PRIMARY KEY or UNIQUE, no STORED generated column, NOT NULL only with a non-NULL
/// default (and not on a generated column), and only a constant default.
fn can_add_column(t: &Table, c: &Column) -> bool {
    let is = |n: &String| same(n, &c.name);
    if t.primary_key
        .as_ref()
        .is_some_and(|p| p.columns.iter().any(is))
        || t.uniques.iter().any(|u| u.columns.iter().any(is))
        || t.foreign_keys.iter().any(|f| f.columns.iter().any(is))
        || c.identity.is_some()
    {
        return false;
    }
    if let Some(g) = &c.generated {
        return !g.stored && c.nullable;
    }
    match c.default.as_deref().map(strip_outer_parens) {
        None => c.nullable,
        Some(d) => {
            // The default must be written without parentheses for SQLite to take it.
            is_constant(d) && (c.nullable || !d.eq_ignore_ascii_case("null"))
        }
    }
}

/// The column that is `INTEGER PRIMARY KEY AUTOINCREMENT`, if any.
fn autoincrement_column(t: &Table) -> Option<&Column> {
    let pk = t.primary_key.as_ref()?;
    if pk.columns.len() != 1 {
        return None;
    }
    find_column(t, &pk.columns[0]).filter(|c| {
        c.identity
            .as_ref()
            .is_some_and(|i| i.kind == IdentityKind::AutoIncrement)
    })
}

/// `CREATE TABLE name (...)` for a table: one column per line, then the primary key, unique,
/// check and foreign key constraints, each with its name.
pub(crate) fn create_table_sql(t: &Table, name: &str) -> Result<String, PlanError> {
    let auto = autoincrement_column(t).map(|c| c.name.clone());
    for c in &t.columns {
        if let Some(id) = &c.identity {
            if id.kind != IdentityKind::AutoIncrement {
                return Err(PlanError::new(format!(
                    "column {}.{}: SQLite has no identity or serial columns",
                    t.name, c.name
                ))
                .with_help(
                    "use `id INTEGER PRIMARY KEY` (or `INTEGER PRIMARY KEY AUTOINCREMENT`)",
                ));
            }
            if auto.as_deref() != Some(c.name.as_str()) || !same(c.ty.raw.trim(), "integer") {
                return Err(PlanError::new(format!(
                    "column {}.{}: AUTOINCREMENT is only allowed on a single INTEGER PRIMARY KEY column",
                    t.name, c.name
                ))
                .with_help("declare it as `INTEGER PRIMARY KEY AUTOINCREMENT`"));
            }
        }
    }
    // A single-column primary key without a name is written on its column, the way people
    // write it (`id INTEGER PRIMARY KEY`); AUTOINCREMENT can only be written there.
    let inline_pk = match &t.primary_key {
        Some(pk) if pk.columns.len() == 1 && (auto.is_some() || pk.name.is_none()) => {
            Some(pk.columns[0].clone())
        }
        _ => None,
    };
    let mut lines: Vec<String> = t
        .columns
        .iter()
        .map(|c| {
            let pk = if inline_pk.as_deref() != Some(c.name.as_str()) {
                InlinePk::No
            } else if auto.is_some() {
                InlinePk::AutoIncrement
            } else {
                InlinePk::Yes
            };
            column_sql(c, pk)
        })
        .collect();
    if let Some(pk) = &t.primary_key {
        if inline_pk.is_none() {
            lines.push(format!(
                "{}PRIMARY KEY ({})",
                constraint(pk.name.as_deref()),
                ident_list(&pk.columns)
            ));
        }
    }
    for u in &t.uniques {
        lines.push(format!(
            "{}UNIQUE ({})",
            constraint(Some(&u.name)),
            ident_list(&u.columns)
        ));
    }
    for k in &t.checks {
        lines.push(format!(
            "{}CHECK ({})",
            constraint(Some(&k.name)),
            strip_outer_parens(&k.expr)
        ));
    }
    for f in &t.foreign_keys {
        lines.push(foreign_key_sql(f));
    }
    let mut sql = format!(
        "CREATE TABLE {} (\n  {}\n)",
        ident(name),
        lines.join(",\n  ")
    );
    let mut options = Vec::new();
    if t.options.without_rowid {
        options.push("WITHOUT ROWID");
    }
    if t.options.strict {
        options.push("STRICT");
    }
    if !options.is_empty() {
        sql.push(' ');
        sql.push_str(&options.join(", "));
    }
    Ok(sql)
}

fn constraint(name: Option<&str>) -> String {
    match name {
        Some(n) if !n.is_empty() => format!("CONSTRAINT {} ", ident(n)),
        _ => String::new(),
    }
}

fn foreign_key_sql(f: &ForeignKey) -> String {
    let mut s = format!(
        "{}FOREIGN KEY ({}) REFERENCES {}",
        constraint(Some(&f.name)),
        ident_list(&f.columns),
        ident(&f.ref_table)
    );
    if !f.ref_columns.is_empty() {
        s.push_str(&format!(" ({})", ident_list(&f.ref_columns)));
    }
    if !f.on_delete.is_default() {
        s.push_str(&format!(" ON DELETE {}", f.on_delete.sql()));
    }
    if !f.on_update.is_default() {
        s.push_str(&format!(" ON UPDATE {}", f.on_update.sql()));
    }
    if f.deferrable {
        s.push_str(" DEFERRABLE INITIALLY DEFERRED");
    }
    s
}

/// How a column carries the table's primary key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InlinePk {
    No,
    /// `PRIMARY KEY` on the column.
    Yes,
    /// `PRIMARY KEY AUTOINCREMENT`, which SQLite only accepts as a column constraint.
    AutoIncrement,
}

/// A column definition, as in CREATE TABLE and ADD COLUMN.
pub(crate) fn column_sql(c: &Column, pk: InlinePk) -> String {
    let mut s = ident(&c.name);
    let ty = c.ty.raw.trim();
    if !ty.is_empty() {
        s.push(' ');
        s.push_str(ty);
    }
    if let Some(coll) = &c.collation {
        s.push_str(" COLLATE ");
        s.push_str(&collation_sql(coll));
    }
    if !c.nullable {
        s.push_str(" NOT NULL");
    }
    match pk {
        InlinePk::No => {}
        InlinePk::Yes => s.push_str(" PRIMARY KEY"),
        InlinePk::AutoIncrement => s.push_str(" PRIMARY KEY AUTOINCREMENT"),
    }
    if let Some(d) = &c.default {
        s.push_str(" DEFAULT ");
        s.push_str(&default_sql(d));
    }
    if let Some(g) = &c.generated {
        s.push_str(&format!(
            " GENERATED ALWAYS AS ({}) {}",
            strip_outer_parens(&g.expr),
            if g.stored { "STORED" } else { "VIRTUAL" }
        ));
    }
    s
}

fn collation_sql(name: &str) -> String {
    let n = name.trim().trim_matches('"');
    if !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        n.to_string()
    } else {
        ident(n)
    }
}

/// A DEFAULT as SQLite accepts it: a constant or CURRENT_* as is, any other expression in
/// parentheses.
pub(crate) fn default_sql(text: &str) -> String {
    let d = strip_outer_parens(text);
    let keyword = ["current_timestamp", "current_date", "current_time"]
        .iter()
        .any(|k| d.eq_ignore_ascii_case(k));
    if is_constant(d) || keyword {
        d.to_string()
    } else {
        format!("({d})")
    }
}

/// `CREATE [UNIQUE] INDEX name ON table (parts) [WHERE predicate]`.
pub(crate) fn create_index_sql(table: &str, i: &Index) -> Result<String, PlanError> {
    if i.method.is_some() || i.kind.is_some() || !i.include.is_empty() {
        return Err(PlanError::new(format!(
            "index {}: SQLite indexes have no USING method, FULLTEXT/SPATIAL kind or INCLUDE columns",
            i.name
        ))
        .with_help("write a plain CREATE INDEX (use an FTS5 virtual table for full-text search)"));
    }
    let parts: Vec<String> = i
        .parts
        .iter()
        .map(|p| {
            let mut s = match (&p.column, &p.expr) {
                (Some(c), _) => ident(c),
                (None, Some(e)) => e.trim().to_string(),
                (None, None) => String::new(),
            };
            if let Some(coll) = &p.opclass {
                // flash-sql keeps the clause as written (`COLLATE NOCASE`).
                let c = coll.trim();
                let name = match c.get(..8) {
                    Some(head) if head.eq_ignore_ascii_case("collate ") => &c[8..],
                    _ => c,
                };
                s.push_str(" COLLATE ");
                s.push_str(&collation_sql(name));
            }
            if p.descending {
                s.push_str(" DESC");
            }
            s
        })
        .collect();
    let mut sql = format!(
        "CREATE {}INDEX {} ON {} ({})",
        if i.unique { "UNIQUE " } else { "" },
        ident(&i.name),
        ident(table),
        parts.join(", ")
    );
    if let Some(p) = &i.predicate {
        sql.push_str(" WHERE ");
        sql.push_str(strip_outer_parens(p));
    }
    Ok(sql)
}

/// `CREATE VIEW name [(columns)] AS definition`.
pub(crate) fn create_view_sql(v: &View) -> Result<String, PlanError> {
    if v.materialized {
        return Err(
            PlanError::new(format!("view {}: SQLite has no materialized views", v.name))
                .with_help("use a plain view, or a table filled by the application"),
        );
    }
    let cols = if v.columns.is_empty() {
        String::new()
    } else {
        format!(" ({})", ident_list(&v.columns))
    };
    Ok(format!(
        "CREATE VIEW {}{cols} AS {}",
        ident(&v.name),
        v.definition.trim().trim_end_matches(';').trim_end()
    ))
}

/// The statement that drops a raw object (a trigger, mostly).
pub(crate) fn drop_raw_sql(r: &RawObject) -> String {
    let kind = r.kind.trim().to_ascii_uppercase();
    let what = match kind.as_str() {
        "VIRTUAL TABLE" | "TABLE" => "TABLE".to_string(),
        k => k.to_string(),
    };
    format!("DROP {what} IF EXISTS {}", ident(&r.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flash_diff::{diff, Dialect, DiffOptions};
    use flash_schema::{Enum, Provider, TableRef};
    use flash_sql::{parse_schema, SourceFile};

    fn parse(text: &str) -> Schema {
        let mut s = parse_schema(&[SourceFile::new("t.sql", text)], Provider::Sqlite)
            .unwrap()
            .schema;
        SqliteDialect.normalize(&mut s);
        s
    }

    fn plan_between(from: &str, to: &str) -> Plan {
        let (from, to) = (parse(from), parse(to));
        let changes = diff(&from, &to, &SqliteDialect, &DiffOptions::default()).changes;
        SqliteDialect.plan(&changes, &from, &to).unwrap()
    }

    fn sql(plan: &Plan) -> Vec<&str> {
        plan.statements.iter().map(|s| s.sql.as_str()).collect()
    }

    #[test]
    fn enums_are_refused_with_help() {
        let e = Enum {
            id: Default::default(),
            schema: None,
            name: "mood".into(),
            values: vec!["happy".into()],
            renamed_from: None,
            location: None,
        };
        let err = SqliteDialect
            .plan(
                &[Change::CreateEnum(e)],
                &Schema::default(),
                &Schema::default(),
            )
            .unwrap_err();
        assert!(err.message.contains("mood"));
        assert!(err.help.unwrap_or_default().contains("CHECK"));
    }

    #[test]
    fn a_table_comment_is_a_warning_not_a_statement() {
        let change = Change::SetTableComment {
            table: TableRef::new("users"),
            from: None,
            to: Some("people".into()),
        };
        let plan = SqliteDialect
            .plan(&[change], &Schema::default(), &Schema::default())
            .unwrap();
        assert!(plan.statements.is_empty());
        assert_eq!(plan.warnings.len(), 1);
    }

    #[test]
    fn autoincrement_needs_a_single_integer_primary_key() {
        let mut s = parse("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT);");
        s.tables[0].columns[0].ty.raw = "bigint".into();
        assert!(create_table_sql(&s.tables[0], "t").is_err());
    }

    #[test]
    fn materialized_views_are_refused() {
        let v = View {
            id: Default::default(),
            schema: None,
            name: "m".into(),
            columns: vec![],
            definition: "SELECT 1".into(),
            materialized: true,
            renamed_from: None,
            location: None,
        };
        assert!(create_view_sql(&v).is_err());
    }

    #[test]
    fn add_column_follows_sqlite_rules() {
        let t = parse(
            "CREATE TABLE t (
                id INTEGER PRIMARY KEY,
                a TEXT,
                b INTEGER NOT NULL DEFAULT 0,
                c INTEGER NOT NULL,
                d TEXT DEFAULT CURRENT_TIMESTAMP,
                e TEXT DEFAULT (lower('X')),
                f TEXT UNIQUE,
                g REAL AS (b * 2) VIRTUAL,
                h REAL AS (b * 2) STORED,
                i INTEGER DEFAULT (-1),
                j TEXT NOT NULL DEFAULT NULL
            );",
        )
        .tables
        .remove(0);
        let ok = |name: &str| can_add_column(&t, t.column(name).unwrap());
        assert!(ok("a"));
        assert!(ok("b"));
        assert!(!ok("c"), "NOT NULL without a default");
        assert!(!ok("d"), "CURRENT_TIMESTAMP");
        assert!(!ok("e"), "expression default");
        assert!(!ok("f"), "UNIQUE");
        assert!(ok("g"), "VIRTUAL generated");
        assert!(!ok("h"), "STORED generated");
        assert!(
            ok("i"),
            "a parenthesized constant is written without parentheses"
        );
        assert!(!ok("j"), "NOT NULL DEFAULT NULL");
        assert!(!ok("id"), "primary key");
    }

    #[test]
    fn defaults_are_written_the_way_sqlite_accepts_them() {
        assert_eq!(default_sql("'a'"), "'a'");
        assert_eq!(default_sql("(-1)"), "-1");
        assert_eq!(default_sql("current_timestamp"), "current_timestamp");
        assert_eq!(default_sql("datetime('now')"), "(datetime('now'))");
        assert_eq!(default_sql("((1 + 2))"), "(1 + 2)");
    }

    #[test]
    fn dropping_a_column_named_in_a_check_rebuilds() {
        let plan = plan_between(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, CONSTRAINT ab CHECK (a < 10 OR b > 0));",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, CONSTRAINT ab CHECK (a < 10));",
        );
        assert!(
            sql(&plan)[0].starts_with("CREATE TABLE \"_flash_new_t\""),
            "{:?}",
            sql(&plan)
        );
        assert!(plan.destructive_reasons()[0].contains("t.b"));
    }

    #[test]
    fn dropping_a_plain_column_uses_alter_table() {
        let plan = plan_between(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER);",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);",
        );
        assert_eq!(sql(&plan), ["ALTER TABLE \"t\" DROP COLUMN \"b\""]);
    }

    #[test]
    fn a_rebuild_drops_and_recreates_views_over_views_and_triggers_that_mention_the_table() {
        let from = "
            CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);
            CREATE TABLE other (id INTEGER PRIMARY KEY, n INTEGER);
            CREATE VIEW v1 AS SELECT a FROM t;
            CREATE VIEW v2 AS SELECT a FROM v1;
            CREATE VIEW unrelated AS SELECT n FROM other;
            CREATE TRIGGER on_other AFTER INSERT ON other BEGIN DELETE FROM t WHERE id = NEW.n; END;
            CREATE TRIGGER only_other AFTER DELETE ON other BEGIN SELECT 1; END;";
        let to = from.replace("a TEXT)", "a TEXT NOT NULL DEFAULT 'x')");
        let plan = plan_between(from, &to);
        let s = sql(&plan);
        assert!(s.contains(&"DROP VIEW \"v1\""));
        assert!(s.contains(&"DROP VIEW \"v2\""));
        assert!(s.contains(&"DROP TRIGGER IF EXISTS \"on_other\""));
        assert!(
            !s.iter()
                .any(|x| x.contains("unrelated") || x.contains("only_other")),
            "{s:#?}"
        );
        let pos = |needle: &str| s.iter().position(|x| x.starts_with(needle)).unwrap();
        assert!(pos("DROP VIEW \"v1\"") < pos("CREATE TABLE \"_flash_new_t\""));
        assert!(pos("ALTER TABLE \"_flash_new_t\" RENAME") < pos("CREATE VIEW \"v1\""));
        assert!(pos("CREATE VIEW \"v1\"") < pos("CREATE VIEW \"v2\""));
    }

    #[test]
    fn a_replaced_view_takes_the_views_that_select_from_it_along() {
        let plan = plan_between(
            "CREATE TABLE t (a TEXT, b TEXT); CREATE VIEW v1 AS SELECT a FROM t; CREATE VIEW v2 AS SELECT a FROM v1;",
            "CREATE TABLE t (a TEXT, b TEXT); CREATE VIEW v1 AS SELECT a, b FROM t; CREATE VIEW v2 AS SELECT a FROM v1;",
        );
        assert_eq!(
            sql(&plan),
            [
                "DROP VIEW \"v1\"",
                "DROP VIEW \"v2\"",
                "CREATE VIEW \"v1\" AS SELECT a, b FROM t",
                "CREATE VIEW \"v2\" AS SELECT a FROM v1",
            ]
        );
    }
}
