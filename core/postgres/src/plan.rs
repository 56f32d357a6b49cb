//! The planner: [`Change`]s → PostgreSQL statements. Pure: no connection.
//!
//! Every statement is pushed with a [`Phase`] and the plan is sorted by phase at the end, so a
//! change may emit statements in several phases (a primary key is dropped before columns
//! change and added after). Statements that run before tables are renamed (drops of
//! constraints, enum rebuilds) name tables by their old names.

use crate::dialect::PostgresDialect;
use crate::quote::{dotted, ident, ident_list, literal, qualified};
use crate::{canon, types};
use flash_diff::{DiffHooks, PlanError};
use flash_schema::{
    Change, Check, Column, Enum, ForeignKey, IdentityKind, Index, Phase, Plan, PrimaryKey,
    RawObject, Schema, Table, TableRef, TypeKind, UniqueConstraint, View,
};
use std::collections::{BTreeMap, BTreeSet};

/// Plans `changes` (which turn `from` into `to`) as PostgreSQL statements.
pub fn plan(
    dialect: &PostgresDialect,
    changes: &[Change],
    from: &Schema,
    to: &Schema,
) -> Result<Plan, PlanError> {
    let mut p = Planner::new(dialect, changes, from, to);
    // Changes arrive in phase order from the differ; sorting (stably) again makes the planner
    // independent of that, and it relies on it: views are planned after column changes.
    let mut ordered: Vec<&Change> = changes.iter().collect();
    ordered.sort_by_key(|c| (c.phase(), c.rank_in_phase()));
    for c in ordered {
        p.change(c)?;
    }
    p.add_regenerated();
    p.cyclic_foreign_keys();
    p.dependent_views();
    p.sync_names();
    p.finish_views();
    let mut plan = p.plan;
    plan.sort();
    Ok(plan)
}

struct Planner<'a> {
    d: &'a PostgresDialect,
    changes: &'a [Change],
    from: &'a Schema,
    to: &'a Schema,
    plan: Plan,
    /// New table → old table, from RenameTable changes.
    renamed: BTreeMap<TableRef, TableRef>,
    /// (new table name, new column) → old column, from RenameColumn changes.
    col_renames: BTreeMap<(String, String), String>,
    /// Tables (by old ref) whose column types are rewritten: views reading them must be
    /// dropped first and recreated after.
    retyped_tables: BTreeSet<String>,
    /// Views to drop (as they were), emitted at the end, dependents first.
    view_drops: Vec<View>,
    /// Views to create (as they will be; true: CREATE OR REPLACE), emitted at the end.
    view_creates: Vec<(View, bool)>,
    /// Views renamed (old, new): renamed first, before any view is dropped.
    view_renames: Vec<(View, View)>,
    /// Foreign keys dropped and re-added because a key they reference is rebuilt.
    fks_rebuilt: BTreeSet<(String, String)>,
    /// Generated columns (new table name, new column name) already dropped and added again
    /// with their new definition, around a type change of a column they are computed from:
    /// their own AlterColumn has nothing left to do.
    regenerated: BTreeSet<(String, String)>,
    /// Indexes (new table name, index name as after this migration) created again under
    /// their new name after their column was dropped and added again: a RenameIndex of them
    /// has nothing to do.
    recreated_indexes: BTreeSet<(String, String)>,
    /// The generated columns dropped for that, to add again after every column change.
    regenerate: Vec<(TableRef, &'a Column)>,
    /// Generated columns (new table name, new column name) whose expression was already
    /// dropped (they become plain) before a type change of a column they are computed from.
    expression_dropped: BTreeSet<(String, String)>,
}

impl<'a> Planner<'a> {
    fn new(
        d: &'a PostgresDialect,
        changes: &'a [Change],
        from: &'a Schema,
        to: &'a Schema,
    ) -> Self {
        let mut renamed = BTreeMap::new();
        let mut col_renames = BTreeMap::new();
        for c in changes {
            match c {
                Change::RenameTable { from, to } => {
                    renamed.insert(to.clone(), from.clone());
                }
                Change::RenameColumn { table, from, to } => {
                    col_renames.insert((table.name.clone(), to.clone()), from.clone());
                }
                _ => {}
            }
        }
        Planner {
            d,
            changes,
            from,
            to,
            plan: Plan::new(),
            renamed,
            col_renames,
            retyped_tables: BTreeSet::new(),
            view_drops: Vec::new(),
            view_creates: Vec::new(),
            view_renames: Vec::new(),
            fks_rebuilt: BTreeSet::new(),
            regenerated: BTreeSet::new(),
            regenerate: Vec::new(),
            recreated_indexes: BTreeSet::new(),
            expression_dropped: BTreeSet::new(),
        }
    }

    // ---- names ------------------------------------------------------------------------

    /// The table's ref before this migration.
    fn old_ref(&self, t: &TableRef) -> TableRef {
        self.renamed.get(t).cloned().unwrap_or_else(|| t.clone())
    }

    /// The table's name as it is in the database when a statement of `phase` runs.
    fn table_at(&self, phase: Phase, t: &TableRef) -> String {
        let r = if phase < Phase::RenameTables {
            self.old_ref(t)
        } else {
            t.clone()
        };
        qualified(r.schema.as_deref(), &r.name)
    }

    fn table_before(&self, t: &TableRef) -> Option<&'a Table> {
        self.from.table_ref(&self.old_ref(t))
    }

    fn table_after(&self, t: &TableRef) -> Option<&'a Table> {
        self.to.table_ref(t)
    }

    /// An index or other schema-scoped object name in the table's namespace.
    fn in_schema(&self, t: &TableRef, name: &str) -> String {
        qualified(t.schema.as_deref(), name)
    }

    fn push(&mut self, phase: Phase, sql: impl Into<String>) {
        self.plan.push(phase, sql);
    }

    fn push_destructive(&mut self, phase: Phase, sql: impl Into<String>, why: impl Into<String>) {
        self.plan.push_destructive(phase, sql, why);
    }

    // ---- dispatch ---------------------------------------------------------------------

    fn change(&mut self, c: &Change) -> Result<(), PlanError> {
        let phase = c.phase();
        match c {
            Change::CreateRaw(r) => self.push(phase, r.sql.trim().trim_end_matches(';').trim_end()),
            Change::DropRaw(r) => self.drop_raw(phase, r),
            Change::ReplaceRaw { from, to } => self.replace_raw(phase, from, to),
            Change::CreateEnum(e) => self.push(phase, create_enum(e)),
            Change::DropEnum(e) => self.push(phase, format!("DROP TYPE {}", enum_name(e))),
            Change::AddEnumValues { from, to } => self.add_enum_values(phase, from, to),
            Change::RebuildEnum { from, to } => self.rebuild_enum(phase, from, to),
            Change::CreateTable(t) => self.create_table(t),
            Change::DropTable(t) => {
                let name = qualified(t.schema.as_deref(), &t.name);
                self.push_destructive(
                    phase,
                    format!("DROP TABLE {name}"),
                    format!("drops table {} and all its rows", t.display_name()),
                );
            }
            Change::RenameTable { from, to } => {
                let sql = format!(
                    "ALTER TABLE {} RENAME TO {}",
                    qualified(from.schema.as_deref(), &from.name),
                    ident(&to.name)
                );
                self.push(phase, sql);
            }
            Change::AddColumn { table, column } => self.add_column(table, column),
            Change::DropColumn { table, column } => {
                let sql = format!(
                    "ALTER TABLE {} DROP COLUMN {}",
                    self.table_at(phase, table),
                    ident(&column.name)
                );
                self.push_destructive(
                    phase,
                    sql,
                    format!("drops column {table}.{} and its data", column.name),
                );
            }
            Change::RenameColumn { table, from, to } => {
                let sql = format!(
                    "ALTER TABLE {} RENAME COLUMN {} TO {}",
                    self.table_at(phase, table),
                    ident(from),
                    ident(to)
                );
                self.push(phase, sql);
            }
            Change::AlterColumn { table, from, to } => self.alter_column(table, from, to),
            Change::SetPrimaryKey { table, from, to } => self.set_primary_key(table, from, to),
            Change::AddUnique { table, unique } => {
                let sql = format!(
                    "ALTER TABLE {} ADD {}",
                    self.table_at(phase, table),
                    unique_def(unique)
                );
                self.push(phase, sql);
            }
            Change::DropUnique { table, unique } => {
                self.rebuild_referencing_fks(table, &unique.columns);
                let sql = format!(
                    "ALTER TABLE {} DROP CONSTRAINT {}",
                    self.table_at(phase, table),
                    ident(&unique.name)
                );
                self.push(phase, sql);
            }
            Change::AddCheck { table, check } => {
                let sql = format!(
                    "ALTER TABLE {} ADD {}",
                    self.table_at(phase, table),
                    check_def(check)
                );
                self.push(phase, sql);
            }
            Change::DropCheck { table, check } => {
                let sql = format!(
                    "ALTER TABLE {} DROP CONSTRAINT {}",
                    self.table_at(phase, table),
                    ident(&check.name)
                );
                self.push(phase, sql);
            }
            Change::AddForeignKey { table, fk } => {
                let sql = format!(
                    "ALTER TABLE {} ADD {}",
                    self.table_at(phase, table),
                    fk_def(fk)
                );
                self.push(phase, sql);
            }
            Change::DropForeignKey { table, fk } => {
                let sql = format!(
                    "ALTER TABLE {} DROP CONSTRAINT {}",
                    self.table_at(phase, table),
                    ident(&fk.name)
                );
                self.push(phase, sql);
            }
            Change::CreateIndex { table, index } => {
                let sql = self.create_index(table, index);
                self.push(phase, sql);
            }
            Change::DropIndex { table, index } => {
                let sql = format!("DROP INDEX {}", self.in_schema(table, &index.name));
                self.push(phase, sql);
            }
            Change::RenameIndex { table, to, .. }
                if self
                    .recreated_indexes
                    .contains(&(table.name.clone(), to.clone())) => {}
            Change::RenameIndex { table, from, to } => {
                let sql = format!(
                    "ALTER INDEX {} RENAME TO {}",
                    self.in_schema(table, from),
                    ident(to)
                );
                self.push(phase, sql);
            }
            // PostgreSQL tables have none of the options the model knows (they are MySQL's
            // and SQLite's), and the PostgreSQL parser never sets them.
            Change::SetTableOptions { .. } => {}
            Change::SetTableComment { table, to, .. } => {
                let sql = format!(
                    "COMMENT ON TABLE {} IS {}",
                    self.table_at(phase, table),
                    comment_text(to.as_deref())
                );
                self.push(phase, sql);
            }
            Change::CreateView(v) => self.view_creates.push((v.clone(), false)),
            Change::DropView(v) => self.view_drops.push(v.clone()),
            Change::ReplaceView { from, to } => self.replace_view(from, to),
            Change::RenameView { from, to } => {
                self.view_renames.push((from.clone(), to.clone()));
            }
            Change::RenameEnum { from, to } => {
                let sql = format!(
                    "ALTER TYPE {} RENAME TO {}",
                    enum_name(from),
                    ident(&to.name)
                );
                self.push(phase, sql);
            }
            Change::RenameConstraint { table, from, to } => {
                let sql = format!(
                    "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
                    self.table_at(phase, table),
                    ident(from),
                    ident(to)
                );
                self.push(phase, sql);
            }
        }
        Ok(())
    }

    // ---- raw objects ------------------------------------------------------------------

    fn drop_raw(&mut self, phase: Phase, r: &RawObject) {
        match drop_raw_sql(r) {
            Some((sql, destructive)) => match destructive {
                Some(why) => self.push_destructive(phase, sql, why),
                None => self.push(phase, sql),
            },
            None => self.plan.warnings.push(format!(
                "{} {} was removed from the schema, but flash cannot drop a {} by itself: drop it by hand if needed",
                r.kind.to_lowercase(),
                r.name,
                r.kind.to_lowercase()
            )),
        }
    }

    fn replace_raw(&mut self, phase: Phase, from: &RawObject, to: &RawObject) {
        let create = to.sql.trim().trim_end_matches(';').trim_end().to_string();
        let same_signature = from.signature.as_deref().map(normalize_signature)
            == to.signature.as_deref().map(normalize_signature);
        let kind = to.kind.trim().to_ascii_uppercase();
        // A function, procedure, trigger or view of the same signature is replaced in place:
        // dropping it would fail while something (a trigger, a view) depends on it.
        if same_signature && from.kind.eq_ignore_ascii_case(&to.kind) {
            if let Some(sql) = or_replace(&create, &kind) {
                self.push(phase, sql);
                return;
            }
        }
        if let Some((sql, _)) = drop_raw_sql(from) {
            self.push(phase, sql);
        }
        self.push(phase, create);
    }

    // ---- enums ------------------------------------------------------------------------

    fn add_enum_values(&mut self, phase: Phase, from: &Enum, to: &Enum) {
        let name = enum_name(to);
        let existing: BTreeSet<&str> = from.values.iter().map(String::as_str).collect();
        for (i, v) in to.values.iter().enumerate() {
            if existing.contains(v.as_str()) {
                continue;
            }
            // A value followed only by new values is appended; others are placed next to a
            // neighbour that exists by then, which keeps the declared order.
            let tail = to.values[i..]
                .iter()
                .all(|w| !existing.contains(w.as_str()));
            let sql = if tail {
                format!("ALTER TYPE {name} ADD VALUE {}", literal(v))
            } else if i > 0 {
                format!(
                    "ALTER TYPE {name} ADD VALUE {} AFTER {}",
                    literal(v),
                    literal(&to.values[i - 1])
                )
            } else {
                format!(
                    "ALTER TYPE {name} ADD VALUE {} BEFORE {}",
                    literal(v),
                    literal(&to.values[1])
                )
            };
            self.push(phase, sql);
        }
    }

    /// Removed or reordered values: rename the old type away, create the new one, move every
    /// column that keeps using it over through text, drop the old type at the end (after
    /// columns that are dropped in this migration are gone).
    fn rebuild_enum(&mut self, phase: Phase, from: &Enum, to: &Enum) {
        let name = enum_name(to);
        let old_name = format!("{}__old", to.name);
        let old = qualified(to.schema.as_deref(), &old_name);
        let removed: Vec<&String> = from
            .values
            .iter()
            .filter(|v| !to.values.contains(v))
            .collect();
        self.push(
            phase,
            format!("ALTER TYPE {name} RENAME TO {}", ident(&old_name)),
        );
        self.push(phase, create_enum(to));
        let from_schema: &'a Schema = self.from;
        for t in &from_schema.tables {
            for c in &t.columns {
                let base = types::canonical(&c.ty.raw);
                let is_array = base.ends_with("[]");
                if base.trim_end_matches("[]") != from.name {
                    continue;
                }
                // The column after this migration, if it keeps this enum type.
                let Some(new_c) = self.follow_column(t, &c.name) else {
                    continue;
                };
                if types::canonical(&new_c.ty.raw) != base {
                    continue;
                }
                let table = qualified(t.schema.as_deref(), &t.name);
                let col = ident(&c.name);
                // Indexes whose predicate or expression mention the column compare it with a
                // literal of the old type (`WHERE status = 'published'`): PostgreSQL cannot
                // rebuild them across the type change, so they are dropped and re-created.
                let dependent: Vec<&Index> = t
                    .indexes
                    .iter()
                    .filter(|i| !self.index_dropped(t, &i.name) && index_mentions(i, &c.name))
                    .collect();
                for i in &dependent {
                    let sql = format!("DROP INDEX {}", qualified(t.schema.as_deref(), &i.name));
                    self.push(phase, sql);
                }
                // Checks likewise.
                let checks: Vec<&Check> = t
                    .checks
                    .iter()
                    .filter(|k| {
                        canon::mentions_identifier(&k.expr, &c.name)
                            && !self.changes.iter().any(|ch| {
                                matches!(ch, Change::DropCheck { check, .. } if check.name == k.name)
                            })
                    })
                    .collect();
                for k in &checks {
                    self.push(
                        phase,
                        format!("ALTER TABLE {table} DROP CONSTRAINT {}", ident(&k.name)),
                    );
                }
                if c.default.is_some() {
                    self.push(
                        phase,
                        format!("ALTER TABLE {table} ALTER COLUMN {col} DROP DEFAULT"),
                    );
                }
                let (text, target) = if is_array {
                    ("text[]", format!("{name}[]"))
                } else {
                    ("text", name.clone())
                };
                let sql = format!(
                    "ALTER TABLE {table} ALTER COLUMN {col} TYPE {target} USING {col}::{text}::{target}"
                );
                self.push(phase, sql);
                if let Some(d) = &new_c.default {
                    self.push(
                        phase,
                        format!(
                            "ALTER TABLE {table} ALTER COLUMN {col} SET DEFAULT {}",
                            canon::default_sql(d)
                        ),
                    );
                }
                for i in dependent {
                    let sql = self.create_index(&t.table_ref(), i);
                    self.push(phase, sql);
                }
                for k in checks {
                    self.push(phase, format!("ALTER TABLE {table} ADD {}", check_def(k)));
                }
                self.retyped_tables.insert(t.name.clone());
            }
        }
        let drop = format!("DROP TYPE {old}");
        if removed.is_empty() {
            self.push(Phase::DropEnums, drop);
        } else {
            let list = removed
                .iter()
                .map(|v| literal(v))
                .collect::<Vec<_>>()
                .join(", ");
            self.push_destructive(
                Phase::DropEnums,
                drop,
                format!(
                    "enum {}: removes {list}; the rebuild fails on rows that hold them",
                    to.name
                ),
            );
        }
    }

    /// A column of `from` followed into `to` through table and column renames.
    fn follow_column(&self, t: &Table, col: &str) -> Option<&'a Column> {
        let old_ref = t.table_ref();
        let new_ref = self
            .renamed
            .iter()
            .find(|(_, o)| **o == old_ref)
            .map(|(n, _)| n.clone())
            .unwrap_or(old_ref);
        let new_t = self.to.table_ref(&new_ref)?;
        let new_col = self
            .col_renames
            .iter()
            .find(|((tn, _), o)| *tn == new_t.name && o.as_str() == col)
            .map(|((_, n), _)| n.clone())
            .unwrap_or_else(|| col.to_string());
        new_t.column(&new_col)
    }

    // ---- tables and columns -----------------------------------------------------------

    fn create_table(&mut self, t: &Table) {
        let tref = t.table_ref();
        let name = qualified(t.schema.as_deref(), &t.name);
        let mut lines: Vec<String> = t.columns.iter().map(column_def).collect();
        if let Some(pk) = &t.primary_key {
            lines.push(format!(
                "CONSTRAINT {} PRIMARY KEY ({})",
                ident(&pk_name(&t.name, Some(pk))),
                ident_list(&pk.columns)
            ));
        }
        lines.extend(t.uniques.iter().map(unique_def));
        lines.extend(t.checks.iter().map(check_def));
        let body = lines
            .iter()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join(",\n");
        self.push(
            Phase::CreateTables,
            format!("CREATE TABLE {name} (\n{body}\n)"),
        );
        // Foreign keys after every table of the migration exists: tables may reference each
        // other in a cycle.
        for fk in &t.foreign_keys {
            self.push(
                Phase::CreateForeignKeys,
                format!("ALTER TABLE {name} ADD {}", fk_def(fk)),
            );
        }
        for i in &t.indexes {
            let sql = self.create_index(&tref, i);
            self.push(Phase::CreateIndexes, sql);
        }
        if let Some(c) = &t.comment {
            self.push(
                Phase::Comments,
                format!("COMMENT ON TABLE {name} IS {}", literal(c)),
            );
        }
        for c in &t.columns {
            if let Some(text) = &c.comment {
                self.push(
                    Phase::Comments,
                    format!(
                        "COMMENT ON COLUMN {name}.{} IS {}",
                        ident(&c.name),
                        literal(text)
                    ),
                );
            }
        }
    }

    fn add_column(&mut self, table: &TableRef, column: &Column) {
        let name = self.table_at(Phase::Columns, table);
        if !column.nullable
            && column.default.is_none()
            && column.identity.is_none()
            && column.generated.is_none()
        {
            self.plan.warnings.push(format!(
                "adding NOT NULL column {table}.{} without a default fails if the table has rows",
                column.name
            ));
        }
        self.push(
            Phase::Columns,
            format!("ALTER TABLE {name} ADD COLUMN {}", column_def(column)),
        );
        if let Some(text) = &column.comment {
            self.push(
                Phase::Comments,
                format!(
                    "COMMENT ON COLUMN {name}.{} IS {}",
                    ident(&column.name),
                    literal(text)
                ),
            );
        }
    }

    fn alter_column(&mut self, table: &TableRef, from: &Column, to: &Column) {
        let ph = Phase::Columns;
        let t = self.table_at(ph, table);
        let col = ident(&to.name);
        let alter = |what: String| format!("ALTER TABLE {t} ALTER COLUMN {col} {what}");
        let key = (table.name.clone(), to.name.clone());
        if self.regenerated.contains(&key) {
            return;
        }

        let same_generated = match (&from.generated, &to.generated) {
            (None, None) => true,
            (Some(a), Some(b)) => a.stored == b.stored && self.d.exprs_equal(&a.expr, &b.expr),
            _ => false,
        };
        // A generation expression cannot be added or changed in place: the column is dropped
        // and added again (at the end of the table).
        if !same_generated && to.generated.is_some() {
            let drop = format!("ALTER TABLE {t} DROP COLUMN {col}");
            if from.generated.is_none() {
                self.push_destructive(
                    ph,
                    drop,
                    format!(
                        "column {table}.{} becomes generated: its stored values are replaced",
                        to.name
                    ),
                );
            } else {
                self.push(ph, drop);
            }
            self.push(ph, format!("ALTER TABLE {t} ADD COLUMN {}", column_def(to)));
            self.recreate_column_dependents(table, &to.name);
            self.retyped_tables.insert(self.old_ref(table).name);
            if to.comment.is_some() {
                self.push(
                    Phase::Comments,
                    format!(
                        "COMMENT ON COLUMN {t}.{col} IS {}",
                        comment_text(to.comment.as_deref())
                    ),
                );
            }
            return;
        }
        if !same_generated && self.expression_dropped.insert(key) {
            // Generated → plain keeps the computed values as ordinary data.
            self.push(ph, alter("DROP EXPRESSION".into()));
        }

        let from_id = from.identity.as_ref().map(|i| normalize_identity(i.kind));
        let to_id = to.identity.as_ref().map(|i| normalize_identity(i.kind));

        // 1. Identity removal (before the type, default and NOT NULL change).
        match (from_id, to_id) {
            (Some(IdentityKind::Serial), t2) if t2 != Some(IdentityKind::Serial) => {
                self.push(ph, alter("DROP DEFAULT".into()));
                self.push(ph, drop_owned_sequence(&t, &to.name));
            }
            (Some(a @ (IdentityKind::Always | IdentityKind::ByDefault)), t2) if t2 != Some(a) => {
                match t2 {
                    Some(IdentityKind::Always) => {
                        self.push(ph, alter("SET GENERATED ALWAYS".into()))
                    }
                    Some(IdentityKind::ByDefault) => {
                        self.push(ph, alter("SET GENERATED BY DEFAULT".into()))
                    }
                    _ => self.push(ph, alter("DROP IDENTITY".into())),
                }
            }
            _ => {}
        }

        // 2. Type and collation.
        let type_changed = !self.d.types_equal(&from.ty, &to.ty);
        let coll_changed = !self
            .d
            .collations_equal(from.collation.as_deref(), to.collation.as_deref());
        let mut default_dropped = false;
        if type_changed || coll_changed {
            let mut using = None;
            let mut new_family = false;
            if type_changed {
                let fk = effective_kind(&from.ty);
                let tk = effective_kind(&to.ty);
                new_family = std::mem::discriminant(&fk) != std::mem::discriminant(&tk);
                if types::needs_using(&fk, &tk) {
                    using = Some(using_expr(&to.name, &fk, &tk, &type_sql(&to.ty.raw)));
                }
            }
            // Without an assignment cast the old default does not convert either: take it off
            // and put the new one back after.
            let has_plain_default = from.default.is_some() && from_id != Some(IdentityKind::Serial);
            if has_plain_default && using.is_some() {
                self.push(ph, alter("DROP DEFAULT".into()));
                default_dropped = true;
            }
            if using.is_some() || new_family {
                self.drop_literal_dependents(table, &from.name);
            }
            // PostgreSQL cannot change the type of a column a generated column is computed
            // from: those columns are dropped first and added again after.
            self.release_generated_dependents(table, &to.name);
            let mut what = format!("TYPE {}", type_sql(&to.ty.raw));
            if coll_changed {
                what.push_str(&format!(
                    " COLLATE {}",
                    ident_always(to.collation.as_deref().unwrap_or("default"))
                ));
            }
            if let Some(u) = using {
                what.push_str(&format!(" USING {u}"));
            }
            let sql = alter(what);
            match self.d.narrowing(&from.ty, &to.ty) {
                Some(why) if type_changed => {
                    self.push_destructive(ph, sql, format!("column {table}.{}: {why}", to.name))
                }
                _ => self.push(ph, sql),
            }
            if type_changed {
                self.retyped_tables.insert(self.old_ref(table).name);
            }
        }

        // 3. NULL / NOT NULL.
        if from.nullable != to.nullable {
            self.push(
                ph,
                alter(
                    if to.nullable {
                        "DROP NOT NULL"
                    } else {
                        "SET NOT NULL"
                    }
                    .into(),
                ),
            );
        }

        // 4. Default (identity and serial columns have none of their own).
        let to_plain_default = to
            .default
            .as_ref()
            .filter(|_| to_id.is_none() && to.generated.is_none());
        let from_plain_default = from
            .default
            .as_ref()
            .filter(|_| from_id != Some(IdentityKind::Serial) && from.generated.is_none());
        let defaults_same = self.d.defaults_equal(
            to,
            from_plain_default.map(String::as_str),
            to_plain_default.map(String::as_str),
        );
        if !defaults_same || default_dropped {
            match to_plain_default {
                Some(d) => self.push(ph, alter(format!("SET DEFAULT {}", canon::default_sql(d)))),
                None if from_plain_default.is_some() && !default_dropped => {
                    self.push(ph, alter("DROP DEFAULT".into()))
                }
                None => {}
            }
        }

        // 5. Identity addition.
        let qualified_table = t.clone();
        match (from_id, to_id) {
            (f, Some(IdentityKind::Serial)) if f != Some(IdentityKind::Serial) => {
                let seq_name = format!("{}_{}_seq", table.name, to.name);
                let seq = qualified(table.schema.as_deref(), &seq_name);
                self.push(
                    ph,
                    format!(
                        "CREATE SEQUENCE {seq} AS {} OWNED BY {qualified_table}.{col}",
                        type_sql(&to.ty.raw)
                    ),
                );
                self.push(ph, alter(format!("SET DEFAULT nextval({})", literal(&seq))));
                self.push(ph, sync_sequence(&qualified_table, &to.name));
            }
            (f, Some(k @ (IdentityKind::Always | IdentityKind::ByDefault)))
                if !matches!(f, Some(IdentityKind::Always | IdentityKind::ByDefault)) =>
            {
                let how = if k == IdentityKind::Always {
                    "ALWAYS"
                } else {
                    "BY DEFAULT"
                };
                let opts = identity_options(to);
                self.push(ph, alter(format!("ADD GENERATED {how} AS IDENTITY{opts}")));
                self.push(ph, sync_sequence(&qualified_table, &to.name));
            }
            _ => {}
        }

        // 6. Comment.
        if from.comment != to.comment {
            self.push(
                Phase::Comments,
                format!(
                    "COMMENT ON COLUMN {t}.{col} IS {}",
                    comment_text(to.comment.as_deref())
                ),
            );
        }
    }

    /// Before the type of `column` (named as after this migration) of `table` changes: every
    /// generated column that is computed from it in the database at that point (it exists
    /// before this migration and is not dropped by it; generated columns are added and
    /// redefined after the other column changes, see [`Change::rank_in_phase`]) loses its
    /// expression. One that stays generated is dropped here and added again, with its new
    /// definition, by [`Self::add_regenerated`]; one that becomes plain gets `DROP
    /// EXPRESSION`, which keeps its values.
    fn release_generated_dependents(&mut self, table: &TableRef, column: &str) {
        let (Some(old_t), Some(new_t)) = (self.table_before(table), self.table_after(table)) else {
            return;
        };
        let old_col = self
            .col_renames
            .get(&(table.name.clone(), column.to_string()))
            .cloned()
            .unwrap_or_else(|| column.to_string());
        let t = self.table_at(Phase::Columns, table);
        for g in &old_t.columns {
            let Some(gen) = &g.generated else {
                continue;
            };
            if g.name == old_col || !canon::mentions_identifier(&gen.expr, &old_col) {
                continue;
            }
            // Dropped by this migration (drops run before alters): gone already.
            let Some(new_g) = self.follow_column(old_t, &g.name) else {
                continue;
            };
            if !new_t.columns.iter().any(|c| c.name == new_g.name) {
                continue;
            }
            let key = (table.name.clone(), new_g.name.clone());
            if new_g.generated.is_some() {
                if self.regenerated.insert(key) {
                    self.push(
                        Phase::Columns,
                        format!("ALTER TABLE {t} DROP COLUMN {}", ident(&new_g.name)),
                    );
                    self.regenerate.push((table.clone(), new_g));
                }
            } else if self.expression_dropped.insert(key) {
                self.push(
                    Phase::Columns,
                    format!(
                        "ALTER TABLE {t} ALTER COLUMN {} DROP EXPRESSION",
                        ident(&new_g.name)
                    ),
                );
            }
        }
    }

    /// Adds again, after every other column change, the generated columns
    /// [`Self::release_generated_dependents`] dropped, with the indexes and constraints on them.
    fn add_regenerated(&mut self) {
        for (table, g) in std::mem::take(&mut self.regenerate) {
            let t = self.table_at(Phase::Columns, &table);
            self.push(
                Phase::Columns,
                format!("ALTER TABLE {t} ADD COLUMN {}", column_def(g)),
            );
            self.recreate_column_dependents(&table, &g.name);
            self.retyped_tables.insert(self.old_ref(&table).name);
            if g.comment.is_some() {
                self.push(
                    Phase::Comments,
                    format!(
                        "COMMENT ON COLUMN {t}.{} IS {}",
                        ident(&g.name),
                        comment_text(g.comment.as_deref())
                    ),
                );
            }
        }
    }

    /// After a column was dropped and added again, the indexes and unique constraints of `to`
    /// that use it (and that no change of this migration creates anyway) are created again.
    /// Before a type change to another type family, indexes whose expression or
    /// predicate and checks whose expression mention the column compare it with literals of
    /// the old type, and PostgreSQL cannot carry them over (`operator does not exist: enum =
    /// text`): drop them here and create them again with the other indexes and constraints.
    fn drop_literal_dependents(&mut self, table: &TableRef, column: &str) {
        let Some(t) = self.table_after(table) else {
            return;
        };
        let name = self.table_at(Phase::Columns, table);
        let touched_index = |n: &str| {
            self.changes.iter().any(|c| match c {
                Change::CreateIndex { table: tr, index } => tr == table && index.name == n,
                Change::RenameIndex { table: tr, to, .. } => tr == table && to == n,
                _ => false,
            })
        };
        let mut later = Vec::new();
        for i in &t.indexes {
            let mentions = i
                .parts
                .iter()
                .filter_map(|p| p.expr.as_deref())
                .chain(i.predicate.as_deref())
                .any(|e| canon::mentions_identifier(e, column));
            if mentions && !touched_index(&i.name) {
                self.push(
                    Phase::Columns,
                    format!("DROP INDEX {}", self.in_schema(table, &i.name)),
                );
                later.push((Phase::CreateIndexes, self.create_index(table, i)));
            }
        }
        for k in &t.checks {
            let added = self.changes.iter().any(|c| matches!(c, Change::AddCheck { table: tr, check } if tr == table && check.name == k.name));
            if canon::mentions_identifier(&k.expr, column) && !added {
                self.push(
                    Phase::Columns,
                    format!("ALTER TABLE {name} DROP CONSTRAINT {}", ident(&k.name)),
                );
                later.push((
                    Phase::CreateConstraints,
                    format!(
                        "ALTER TABLE {} ADD {}",
                        qualified(table.schema.as_deref(), &table.name),
                        check_def(k)
                    ),
                ));
            }
        }
        for (phase, sql) in later {
            self.push(phase, sql);
        }
    }

    fn recreate_column_dependents(&mut self, table: &TableRef, column: &str) {
        let Some(t) = self.table_after(table) else {
            return;
        };
        let name = qualified(table.schema.as_deref(), &table.name);
        for i in &t.indexes {
            let uses = i.parts.iter().any(|p| {
                p.column.as_deref() == Some(column)
                    || p.expr
                        .as_deref()
                        .is_some_and(|e| canon::mentions_identifier(e, column))
            }) || i.include.iter().any(|c| c == column)
                || i.predicate
                    .as_deref()
                    .is_some_and(|e| canon::mentions_identifier(e, column));
            let created = self.changes.iter().any(|c| matches!(c, Change::CreateIndex { table: tr, index } if tr == table && index.name == i.name));
            if uses && !created {
                let sql = self.create_index(table, i);
                self.push(Phase::CreateIndexes, sql);
                self.recreated_indexes
                    .insert((table.name.clone(), i.name.clone()));
            }
        }
        for u in &t.uniques {
            let created = self.changes.iter().any(|c| matches!(c, Change::AddUnique { table: tr, unique } if tr == table && unique.name == u.name));
            if u.columns.iter().any(|c| c == column) && !created {
                self.push(
                    Phase::CreateConstraints,
                    format!("ALTER TABLE {name} ADD {}", unique_def(u)),
                );
            }
        }
        for k in &t.checks {
            let created = self.changes.iter().any(|c| matches!(c, Change::AddCheck { table: tr, check } if tr == table && check.name == k.name));
            if canon::mentions_identifier(&k.expr, column) && !created {
                self.push(
                    Phase::CreateConstraints,
                    format!("ALTER TABLE {name} ADD {}", check_def(k)),
                );
            }
        }
    }

    // ---- keys -------------------------------------------------------------------------

    fn set_primary_key(
        &mut self,
        table: &TableRef,
        from: &Option<PrimaryKey>,
        to: &Option<PrimaryKey>,
    ) {
        if let Some(pk) = from {
            self.rebuild_referencing_fks(table, &pk.columns);
            let old = self.old_ref(table);
            // Dropped before columns change: a column cannot lose NOT NULL while in the key.
            let sql = format!(
                "ALTER TABLE {} DROP CONSTRAINT {}",
                self.table_at(Phase::DropConstraints, table),
                ident(&pk_name(&old.name, Some(pk)))
            );
            self.push(Phase::DropConstraints, sql);
        }
        if let Some(pk) = to {
            let sql = format!(
                "ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY ({})",
                self.table_at(Phase::PrimaryKeys, table),
                ident(&pk_name(&table.name, Some(pk))),
                ident_list(&pk.columns)
            );
            self.push(Phase::PrimaryKeys, sql);
        }
    }

    /// Foreign keys of other tables that reference `columns` of `table` keep the key's index
    /// alive: they are dropped before the key is and added again at the end (when `to` still
    /// has them and no change of this migration handles them already).
    fn rebuild_referencing_fks(&mut self, table: &TableRef, columns: &[String]) {
        let old = self.old_ref(table);
        let mut found: Vec<(TableRef, ForeignKey)> = Vec::new();
        for t in &self.from.tables {
            for fk in &t.foreign_keys {
                if fk.ref_table == old.name
                    && fk.ref_schema == old.schema
                    && fk.ref_columns == columns
                {
                    found.push((t.table_ref(), fk.clone()));
                }
            }
        }
        for (tref, fk) in found {
            let handled = self.changes.iter().any(|c| match c {
                Change::DropForeignKey { fk: f, .. } => f.name == fk.name,
                Change::DropTable(t) => t.table_ref() == tref,
                _ => false,
            });
            if handled
                || !self
                    .fks_rebuilt
                    .insert((tref.name.clone(), fk.name.clone()))
            {
                continue;
            }
            let name = qualified(tref.schema.as_deref(), &tref.name);
            self.push(
                Phase::DropForeignKeys,
                format!("ALTER TABLE {name} DROP CONSTRAINT {}", ident(&fk.name)),
            );
            // Re-add the key as `to` has it, under the table's new name.
            let new_ref = self
                .renamed
                .iter()
                .find(|(_, o)| **o == tref)
                .map(|(n, _)| n.clone())
                .unwrap_or(tref);
            let Some(nt) = self.to.table_ref(&new_ref) else {
                continue;
            };
            let added = self
                .changes
                .iter()
                .any(|c| matches!(c, Change::AddForeignKey { fk: f, .. } if f.name == fk.name));
            if let Some(nfk) = nt
                .foreign_keys
                .iter()
                .find(|f| f.name == fk.name || f.same_definition(&fk))
            {
                if !added {
                    let sql = format!(
                        "ALTER TABLE {} ADD {}",
                        qualified(new_ref.schema.as_deref(), &new_ref.name),
                        fk_def(nfk)
                    );
                    self.push(Phase::CreateForeignKeys, sql);
                }
            }
        }
    }

    // ---- indexes ----------------------------------------------------------------------

    /// Whether this plan drops index `name` of (old) table `t` anyway.
    fn index_dropped(&self, t: &Table, name: &str) -> bool {
        self.changes.iter().any(|c| match c {
            Change::DropIndex { index, .. } => {
                index.name == name
                    && (self
                        .from
                        .table_ref(&t.table_ref())
                        .is_some_and(|o| o.index(name).is_some()))
            }
            _ => false,
        })
    }

    fn create_index(&self, table: &TableRef, i: &Index) -> String {
        let mut sql = String::from("CREATE ");
        if i.unique {
            sql.push_str("UNIQUE ");
        }
        sql.push_str(&format!(
            "INDEX {} ON {}",
            ident(&i.name),
            qualified(table.schema.as_deref(), &table.name)
        ));
        if let Some(m) = &i.method {
            if !m.eq_ignore_ascii_case("btree") {
                sql.push_str(&format!(" USING {}", m.to_ascii_lowercase()));
            }
        }
        let parts: Vec<String> = i
            .parts
            .iter()
            .map(|p| {
                let mut s = match (&p.column, &p.expr) {
                    (Some(c), _) => ident(c),
                    (None, Some(e)) if canon::is_function_call(e) => e.clone(),
                    (None, Some(e)) => format!("({e})"),
                    (None, None) => String::new(),
                };
                if let Some(op) = &p.opclass {
                    s.push(' ');
                    s.push_str(op);
                }
                if p.descending {
                    s.push_str(" DESC");
                }
                s
            })
            .collect();
        sql.push_str(&format!(" ({})", parts.join(", ")));
        if !i.include.is_empty() {
            sql.push_str(&format!(" INCLUDE ({})", ident_list(&i.include)));
        }
        if let Some(p) = &i.predicate {
            sql.push_str(&format!(" WHERE {p}"));
        }
        sql
    }

    // ---- views ------------------------------------------------------------------------
    //
    // View statements are collected and emitted at the end: drops with dependents first,
    // creations with dependencies first, after the cascade of views that must be rebuilt
    // because something they read is dropped and created again.

    fn replace_view(&mut self, from: &View, to: &View) {
        let in_place = !from.materialized
            && !to.materialized
            && !self.reads_retyped_table(from)
            && match (
                canon::output_names(&from.definition, &from.columns),
                canon::output_names(&to.definition, &to.columns),
            ) {
                // CREATE OR REPLACE VIEW may only add columns at the end.
                (Some(a), Some(b)) => b.len() >= a.len() && b[..a.len()] == a[..],
                _ => false,
            };
        if !in_place {
            self.view_drops.push(from.clone());
        }
        self.view_creates.push((to.clone(), in_place));
    }

    fn reads_retyped_table(&self, v: &View) -> bool {
        self.retyped_tables
            .iter()
            .any(|t| canon::mentions_identifier(&v.definition, t))
    }

    /// Views that this migration leaves alone but that read a table whose column types are
    /// rewritten (PostgreSQL refuses to change the type of a column a view uses), or a view
    /// that is dropped and created again: they are dropped first and created again after.
    /// (Changed views were handled by [`Self::replace_view`], which runs after every column
    /// change.)
    fn dependent_views(&mut self) {
        let to_schema: &'a Schema = self.to;
        // The views before the migration, under the name they have once renamed (renames
        // run first), with their old name: definitions name the views they read by it.
        let before: Vec<(View, String)> = self
            .from
            .views
            .iter()
            .map(|v| {
                let mut now = v.clone();
                if let Some((_, n)) = self
                    .view_renames
                    .iter()
                    .find(|(o, _)| o.name == v.name && o.schema == v.schema)
                {
                    now.name.clone_from(&n.name);
                }
                (now, v.name.clone())
            })
            .collect();
        loop {
            let mut dropping: BTreeSet<String> =
                self.view_drops.iter().map(|v| v.name.clone()).collect();
            for (now, old) in &before {
                if dropping.contains(&now.name) {
                    dropping.insert(old.clone());
                }
            }
            let mut more = Vec::new();
            for (v, _) in &before {
                if dropping.contains(&v.name) {
                    continue;
                }
                let reads_dropped = dropping
                    .iter()
                    .any(|d| canon::mentions_identifier(&v.definition, d));
                if reads_dropped || self.reads_retyped_table(v) {
                    more.push(v.clone());
                }
            }
            if more.is_empty() {
                break;
            }
            for v in more {
                // Created again as `to` has it, unless a change creates it anyway.
                if let Some(c) = self.view_creates.iter_mut().find(|(c, _)| c.name == v.name) {
                    c.1 = false;
                } else if let Some(nv) = to_schema.view(&v.name) {
                    self.view_creates.push((nv.clone(), false));
                }
                self.view_drops.push(v);
            }
        }
    }

    /// Emits the view statements in dependency order.
    fn finish_views(&mut self) {
        // Renames first: the drops and creates below use the new names.
        for (from, to) in std::mem::take(&mut self.view_renames) {
            let kind = if from.materialized {
                "MATERIALIZED VIEW"
            } else {
                "VIEW"
            };
            let sql = format!(
                "ALTER {kind} {} RENAME TO {}",
                qualified(from.schema.as_deref(), &from.name),
                ident(&to.name)
            );
            self.push(Phase::DropViews, sql);
        }
        let drops = std::mem::take(&mut self.view_drops);
        let order = view_order(&self.from.views);
        let rank = |name: &str| order.iter().position(|n| n == name).unwrap_or(0);
        let mut drops: Vec<View> = drops;
        drops.sort_by_key(|v| std::cmp::Reverse(rank(&v.name)));
        let mut seen = BTreeSet::new();
        for v in drops {
            if !seen.insert(v.name.clone()) {
                continue;
            }
            let kind = if v.materialized {
                "MATERIALIZED VIEW"
            } else {
                "VIEW"
            };
            let sql = format!("DROP {kind} {}", qualified(v.schema.as_deref(), &v.name));
            self.push(Phase::DropViews, sql);
        }
        let mut creates = std::mem::take(&mut self.view_creates);
        let order = view_order(&self.to.views);
        let rank = |name: &str| order.iter().position(|n| n == name).unwrap_or(usize::MAX);
        creates.sort_by_key(|(v, _)| rank(&v.name));
        let mut seen = BTreeSet::new();
        for (v, or_replace) in creates {
            if seen.insert(v.name.clone()) {
                self.push(Phase::CreateViews, create_view(&v, or_replace));
            }
        }
    }

    /// Tables dropped together may reference each other in a cycle; a table's drop fails
    /// while a table dropped after it still references it, so such keys are dropped first.
    fn cyclic_foreign_keys(&mut self) {
        let dropped: Vec<&'a Table> = self
            .changes
            .iter()
            .filter_map(|c| match c {
                Change::DropTable(t) => Some(t),
                _ => None,
            })
            .collect();
        let pos = |name: &str| dropped.iter().position(|t| t.name == name);
        for (i, t) in dropped.iter().enumerate() {
            for fk in &t.foreign_keys {
                if pos(&fk.ref_table).is_some_and(|j| j < i) {
                    let sql = format!(
                        "ALTER TABLE {} DROP CONSTRAINT {}",
                        qualified(t.schema.as_deref(), &t.name),
                        ident(&fk.name)
                    );
                    self.push(Phase::DropForeignKeys, sql);
                }
            }
        }
    }

    // ---- names of constraints after renames ---------------------------------------------

    /// Table and column renames leave the names PostgreSQL (or flash) derived from them
    /// behind: `old_pkey`, `old_email_key`, `old_email_idx`. The model names them after the
    /// new table and columns, so they are renamed to match, keeping later drops by name valid.
    fn sync_names(&mut self) {
        let mut tables: BTreeSet<TableRef> = self.renamed.keys().cloned().collect();
        for (t, _) in self.col_renames.keys() {
            if let Some(r) = self.to.tables.iter().find(|x| &x.name == t) {
                tables.insert(r.table_ref());
            }
        }
        for tref in tables {
            let (Some(old), Some(new)) = (self.table_before(&tref), self.table_after(&tref)) else {
                continue;
            };
            let map_col = |c: &String| -> String {
                self.col_renames
                    .iter()
                    .find(|((t, _), o)| *t == tref.name && *o == c)
                    .map(|((_, n), _)| n.clone())
                    .unwrap_or_else(|| c.clone())
            };
            let map_cols = |cs: &[String]| cs.iter().map(map_col).collect::<Vec<_>>();
            let table = qualified(tref.schema.as_deref(), &tref.name);
            let mut renames: Vec<(String, String, bool)> = Vec::new(); // (old, new, is_index)

            let pk_changed = self
                .changes
                .iter()
                .any(|c| matches!(c, Change::SetPrimaryKey { table: t, .. } if *t == tref));
            if let (Some(a), Some(b), false) = (&old.primary_key, &new.primary_key, pk_changed) {
                if map_cols(&a.columns) == b.columns {
                    renames.push((
                        pk_name(&old.name, Some(a)),
                        pk_name(&new.name, Some(b)),
                        false,
                    ));
                }
            }
            let changed = |name: &str| {
                self.changes.iter().any(|c| match c {
                    Change::DropUnique { table: t, unique } => *t == tref && unique.name == name,
                    Change::AddUnique { table: t, unique } => *t == tref && unique.name == name,
                    Change::DropCheck { table: t, check } => *t == tref && check.name == name,
                    Change::AddCheck { table: t, check } => *t == tref && check.name == name,
                    Change::DropForeignKey { table: t, fk } => *t == tref && fk.name == name,
                    Change::AddForeignKey { table: t, fk } => *t == tref && fk.name == name,
                    Change::DropIndex { table: t, index } => *t == tref && index.name == name,
                    Change::CreateIndex { table: t, index } => *t == tref && index.name == name,
                    Change::RenameIndex { table: t, from, to } => {
                        *t == tref && (from == name || to == name)
                    }
                    _ => false,
                })
            };
            for u in &new.uniques {
                if let Some(o) = old
                    .uniques
                    .iter()
                    .find(|o| map_cols(&o.columns) == u.columns && o.name != u.name)
                {
                    if !changed(&o.name) && !changed(&u.name) {
                        renames.push((o.name.clone(), u.name.clone(), false));
                    }
                }
            }
            for k in &new.checks {
                if let Some(o) = old
                    .checks
                    .iter()
                    .find(|o| o.name != k.name && self.d.exprs_equal(&o.expr, &k.expr))
                {
                    if !changed(&o.name) && !changed(&k.name) {
                        renames.push((o.name.clone(), k.name.clone(), false));
                    }
                }
            }
            for f in &new.foreign_keys {
                if let Some(o) = old.foreign_keys.iter().find(|o| {
                    o.name != f.name
                        && map_cols(&o.columns) == f.columns
                        && o.on_delete == f.on_delete
                        && o.on_update == f.on_update
                }) {
                    if !changed(&o.name) && !changed(&f.name) {
                        renames.push((o.name.clone(), f.name.clone(), false));
                    }
                }
            }
            for i in &new.indexes {
                if let Some(o) = old.indexes.iter().find(|o| {
                    o.name != i.name
                        && o.unique == i.unique
                        && o.parts.len() == i.parts.len()
                        && o.parts.iter().zip(&i.parts).all(|(a, b)| {
                            a.column.as_ref().map(map_col) == b.column
                                && a.expr.is_none() == b.expr.is_none()
                        })
                }) {
                    if !changed(&o.name) && !changed(&i.name) {
                        renames.push((o.name.clone(), i.name.clone(), true));
                    }
                }
            }
            for (a, b, is_index) in renames {
                if a == b {
                    continue;
                }
                let sql = if is_index {
                    format!(
                        "ALTER INDEX {} RENAME TO {}",
                        self.in_schema(&tref, &a),
                        ident(&b)
                    )
                } else {
                    format!(
                        "ALTER TABLE {table} RENAME CONSTRAINT {} TO {}",
                        ident(&a),
                        ident(&b)
                    )
                };
                self.push(Phase::Columns, sql);
            }
        }
    }
}

// ---- statement text -------------------------------------------------------------------

/// The primary key's name: as recorded, or PostgreSQL's default `{table}_pkey`.
pub fn pk_name(table: &str, pk: Option<&PrimaryKey>) -> String {
    pk.and_then(|p| p.name.clone())
        .unwrap_or_else(|| format!("{table}_pkey"))
}

fn enum_name(e: &Enum) -> String {
    qualified(e.schema.as_deref(), &e.name)
}

fn create_enum(e: &Enum) -> String {
    let values = e
        .values
        .iter()
        .map(|v| literal(v))
        .collect::<Vec<_>>()
        .join(", ");
    format!("CREATE TYPE {} AS ENUM ({values})", enum_name(e))
}

/// A type for DDL: built-in spellings as they are, user type names quoted when needed.
pub fn type_sql(raw: &str) -> String {
    let mut base = raw.trim();
    let mut dims = String::new();
    while let Some(b) = base.strip_suffix("[]") {
        base = b;
        dims.push_str("[]");
    }
    // Built-in spellings carry parentheses or spaces (`varchar(20)`, `double precision`) or
    // are plain words that need no quotes; a user type name is quoted when it needs it.
    let base_sql = if base.contains(['(', ' ', '"']) {
        base.to_string()
    } else {
        dotted(base)
    };
    format!("{base_sql}{dims}")
}

/// An identifier that is always quoted (collation names are case-sensitive).
fn ident_always(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn normalize_identity(k: IdentityKind) -> IdentityKind {
    match k {
        // PostgreSQL has no AUTO_INCREMENT; the closest is an identity by default.
        IdentityKind::AutoIncrement => IdentityKind::ByDefault,
        k => k,
    }
}

fn identity_options(c: &Column) -> String {
    match c
        .identity
        .as_ref()
        .and_then(|i| i.options.as_deref())
        .map(str::trim)
    {
        Some(o) if !o.is_empty() => {
            if o.starts_with('(') {
                format!(" {o}")
            } else {
                format!(" ({o})")
            }
        }
        _ => String::new(),
    }
}

/// View names ordered so that a view comes after the views it reads (declaration order
/// otherwise; cycles are impossible in a valid schema and broken by declaration order).
fn view_order(views: &[View]) -> Vec<String> {
    fn visit(v: &View, all: &[View], done: &mut Vec<String>, visiting: &mut BTreeSet<String>) {
        if done.contains(&v.name) || !visiting.insert(v.name.clone()) {
            return;
        }
        for dep in all {
            if dep.name != v.name && canon::mentions_identifier(&v.definition, &dep.name) {
                visit(dep, all, done, visiting);
            }
        }
        done.push(v.name.clone());
    }
    let mut done = Vec::new();
    let mut visiting = BTreeSet::new();
    for v in views {
        visit(v, views, &mut done, &mut visiting);
    }
    done
}

/// One column of CREATE TABLE / ADD COLUMN.
pub fn column_def(c: &Column) -> String {
    let id = c.identity.as_ref().map(|i| normalize_identity(i.kind));
    let ty = if id == Some(IdentityKind::Serial) {
        types::serial_name(&c.ty).to_string()
    } else {
        type_sql(&c.ty.raw)
    };
    let mut s = format!("{} {ty}", ident(&c.name));
    if let Some(coll) = &c.collation {
        s.push_str(&format!(" COLLATE {}", ident_always(coll)));
    }
    match id {
        Some(IdentityKind::Always) => s.push_str(&format!(
            " GENERATED ALWAYS AS IDENTITY{}",
            identity_options(c)
        )),
        Some(IdentityKind::ByDefault) => s.push_str(&format!(
            " GENERATED BY DEFAULT AS IDENTITY{}",
            identity_options(c)
        )),
        _ => {}
    }
    if let Some(g) = &c.generated {
        s.push_str(&format!(" GENERATED ALWAYS AS ({}) STORED", g.expr));
    } else if let (Some(d), None) = (&c.default, id) {
        s.push_str(&format!(" DEFAULT {}", canon::default_sql(d)));
    }
    if !c.nullable {
        s.push_str(" NOT NULL");
    }
    s
}

fn unique_def(u: &UniqueConstraint) -> String {
    format!(
        "CONSTRAINT {} UNIQUE ({})",
        ident(&u.name),
        ident_list(&u.columns)
    )
}

fn check_def(k: &Check) -> String {
    format!("CONSTRAINT {} CHECK ({})", ident(&k.name), k.expr.trim())
}

fn fk_def(fk: &ForeignKey) -> String {
    let mut s = format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
        ident(&fk.name),
        ident_list(&fk.columns),
        qualified(fk.ref_schema.as_deref(), &fk.ref_table),
        ident_list(&fk.ref_columns)
    );
    if !fk.on_delete.is_default() {
        s.push_str(&format!(" ON DELETE {}", fk.on_delete.sql()));
    }
    if !fk.on_update.is_default() {
        s.push_str(&format!(" ON UPDATE {}", fk.on_update.sql()));
    }
    if fk.deferrable {
        s.push_str(" DEFERRABLE INITIALLY DEFERRED");
    }
    s
}

fn comment_text(c: Option<&str>) -> String {
    match c {
        Some(t) => literal(t),
        None => "NULL".into(),
    }
}

fn create_view(v: &View, or_replace: bool) -> String {
    let kind = if v.materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    };
    let head = if or_replace {
        format!("CREATE OR REPLACE {kind}")
    } else {
        format!("CREATE {kind}")
    };
    let cols = if v.columns.is_empty() {
        String::new()
    } else {
        format!(" ({})", ident_list(&v.columns))
    };
    let def = v.definition.trim().trim_end_matches(';').trim_end();
    format!(
        "{head} {}{cols} AS\n{def}",
        qualified(v.schema.as_deref(), &v.name)
    )
}

/// The kind to reason about casts with: enum kinds are known only from the model.
fn effective_kind(ty: &flash_schema::ColumnType) -> TypeKind {
    match &ty.kind {
        TypeKind::Enum { .. } => ty.kind.clone(),
        TypeKind::Array { element } if matches!(element.as_ref(), TypeKind::Enum { .. }) => {
            ty.kind.clone()
        }
        _ => types::kind(&types::canonical(&ty.raw)),
    }
}

/// The USING expression converting a column to a type with no assignment cast from its own.
fn using_expr(col: &str, from: &TypeKind, to: &TypeKind, to_sql: &str) -> String {
    let c = ident(col);
    match (from, to) {
        // Enums convert to and from text only.
        (TypeKind::Enum { .. }, _) | (_, TypeKind::Enum { .. }) => format!("{c}::text::{to_sql}"),
        (TypeKind::Array { .. }, TypeKind::Array { element })
            if matches!(element.as_ref(), TypeKind::Enum { .. }) =>
        {
            format!("{c}::text[]::{to_sql}")
        }
        // There is no bigint → boolean cast; a comparison works for every integer.
        (TypeKind::Int { .. }, TypeKind::Bool) => format!("{c} <> 0"),
        _ => format!("{c}::{to_sql}"),
    }
}

/// Drops the sequence a SERIAL column owns. Its name is looked up, since a table rename does
/// not rename it.
fn drop_owned_sequence(table: &str, column: &str) -> String {
    format!(
        "DO $$ BEGIN EXECUTE 'DROP SEQUENCE ' || pg_get_serial_sequence({}, {}); END $$",
        literal(table),
        literal(column)
    )
}

/// Moves a column's sequence past the values already in the table.
fn sync_sequence(table: &str, column: &str) -> String {
    let c = ident(column);
    format!(
        "SELECT setval(pg_get_serial_sequence({}, {}), coalesce(max({c}), 0) + 1, false) FROM {table}",
        literal(table),
        literal(column)
    )
}

/// `CREATE [OR REPLACE] {FUNCTION|PROCEDURE|TRIGGER|VIEW} ...` as `CREATE OR REPLACE ...`;
/// None for statements that cannot be replaced in place.
fn or_replace(sql: &str, kind: &str) -> Option<String> {
    if !matches!(kind, "FUNCTION" | "PROCEDURE" | "TRIGGER" | "VIEW" | "RULE") {
        return None;
    }
    let words: Vec<&str> = sql.split_whitespace().take(4).collect();
    let upper: Vec<String> = words.iter().map(|w| w.to_ascii_uppercase()).collect();
    match upper
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["CREATE", "OR", "REPLACE", ..] => Some(sql.to_string()),
        ["CREATE", k, ..] if *k == kind => {
            // Keep the text after `CREATE` as written.
            let rest = sql.trim_start().get(6..)?;
            Some(format!("CREATE OR REPLACE{rest}"))
        }
        _ => None,
    }
}

fn normalize_signature(s: &str) -> String {
    let t = flash_diff::normalize_sql_text(s);
    t.trim_start_matches('(').trim_end_matches(')').to_string()
}

/// The DROP statement for a raw object, and why it is destructive (if it is). None when the
/// kind cannot be dropped by name (grants, comments, ...).
fn drop_raw_sql(r: &RawObject) -> Option<(String, Option<String>)> {
    let kind = r.kind.trim().to_ascii_uppercase();
    let name = dotted(&r.name);
    let sql = match kind.as_str() {
        "FUNCTION" | "PROCEDURE" | "AGGREGATE" | "ROUTINE" => {
            let sig = match r.signature.as_deref().map(str::trim) {
                Some(s) if s.starts_with('(') => s.to_string(),
                Some(s) => format!("({s})"),
                None => String::new(),
            };
            format!("DROP {kind} IF EXISTS {name}{sig}")
        }
        "TRIGGER" | "POLICY" | "RULE" => match &r.table {
            Some(t) => format!("DROP {kind} IF EXISTS {name} ON {}", dotted(t)),
            None => return None,
        },
        "EXTENSION"
        | "DOMAIN"
        | "SEQUENCE"
        | "SCHEMA"
        | "TYPE"
        | "COLLATION"
        | "EVENT TRIGGER"
        | "PUBLICATION"
        | "SUBSCRIPTION"
        | "SERVER"
        | "FOREIGN TABLE"
        | "TEXT SEARCH CONFIGURATION"
        | "TEXT SEARCH DICTIONARY"
        | "CAST"
        | "OPERATOR"
        | "CONVERSION"
        | "LANGUAGE"
        | "STATISTICS"
        | "INDEX"
        | "VIEW"
        | "MATERIALIZED VIEW"
        | "TABLE" => format!("DROP {kind} IF EXISTS {name}"),
        _ => return None,
    };
    let destructive = match kind.as_str() {
        "SEQUENCE" => Some(format!("drops sequence {} and its current value", r.name)),
        "SCHEMA" => Some(format!("drops schema {}", r.name)),
        "EXTENSION" => Some(format!("drops extension {} (and what it provides)", r.name)),
        "TABLE" | "FOREIGN TABLE" | "MATERIALIZED VIEW" => {
            Some(format!("drops {} {}", kind.to_lowercase(), r.name))
        }
        _ => None,
    };
    Some((sql, destructive))
}

/// Whether an index's expressions or predicate name `column`.
fn index_mentions(i: &Index, column: &str) -> bool {
    i.parts
        .iter()
        .filter_map(|p| p.expr.as_deref())
        .chain(i.predicate.as_deref())
        .any(|e| canon::mentions_identifier(e, column))
}
