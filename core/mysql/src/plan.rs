//! Changes -> MySQL statements. Pure: no connection.
//!
//! Every statement is valid on both MySQL 8 and MariaDB 10.5+: no `IF [NOT] EXISTS` on columns
//! or indexes, no `CREATE OR REPLACE TABLE`, no `RETURNING` (MariaDB-only), no `DROP CHECK`
//! (MySQL-only: both accept `DROP CONSTRAINT` for checks since MySQL 8.0.19).
//!
//! MySQL specifics handled here:
//! - DDL is not transactional, so every statement is small and self-contained: a failed
//!   migration resumes after the last statement that succeeded.
//! - An AUTO_INCREMENT column must always be a key. When a table's primary key changes, the
//!   key change and all of that table's column additions, drops and modifications go into one
//!   `ALTER TABLE` so that the table is never left without the key the column needs.
//! - A foreign key needs an index on its columns. MySQL creates one named after the constraint
//!   when none exists and refuses to drop an index a foreign key still uses: dropping a foreign
//!   key also drops that implicit index, and dropping the only index that served a kept foreign
//!   key first re-creates the implicit one.
//! - Drops of constraints and indexes run before table renames (phase order), so they name the
//!   table by its old name.

use crate::dialect::{strip_outer_parens, MysqlDialect};
use crate::quote::{ident, ident_list, literal};
use flash_diff::{DiffHooks, PlanError};
use flash_schema::{
    Change, Check, Column, ForeignKey, Index, IndexPart, Phase, Plan, PrimaryKey, RawObject,
    ReferentialAction, Schema, Table, TableRef, TypeKind, View,
};
use std::collections::{BTreeMap, BTreeSet};

/// Plans `changes` (already in phase order) that turn `from` into `to`.
pub(crate) fn plan(
    dialect: &MysqlDialect,
    changes: &[Change],
    from: &Schema,
    to: &Schema,
) -> Result<Plan, PlanError> {
    let mut p = Planner::new(dialect, changes, from, to);
    // Sorting (stably) again makes the planner independent of the order the changes come in.
    let mut ordered: Vec<&Change> = changes.iter().collect();
    ordered.sort_by_key(|c| (c.phase(), c.rank_in_phase()));
    for c in ordered {
        p.change(c)?;
    }
    p.rebuild_keys_of_retyped_columns(changes);
    let mut plan = p.plan;
    plan.sort();
    Ok(plan)
}

/// One clause of an `ALTER TABLE` with the reason it may lose data.
struct Clause {
    sql: String,
    destructive: Option<String>,
}

struct Planner<'a> {
    dialect: &'a MysqlDialect,
    from: &'a Schema,
    to: &'a Schema,
    /// New table name -> old table name, for tables renamed by this plan.
    old_names: BTreeMap<String, String>,
    /// Tables whose primary key changes: their column clauses are merged into the key change.
    pk_tables: BTreeSet<String>,
    merged: BTreeMap<String, Vec<Clause>>,
    /// Tables created by this plan, in creation order.
    created: Vec<String>,
    /// Tables dropped by this plan, in drop order.
    dropped: Vec<String>,
    /// Indexes (table, name as after this plan) created again, under their new name, after
    /// their column was dropped and added again: a RenameIndex of them has nothing to do.
    recreated_indexes: BTreeSet<(String, String)>,
    /// The changes being planned.
    changes: &'a [Change],
    plan: Plan,
}

impl<'a> Planner<'a> {
    fn new(
        dialect: &'a MysqlDialect,
        changes: &'a [Change],
        from: &'a Schema,
        to: &'a Schema,
    ) -> Self {
        let mut old_names = BTreeMap::new();
        let mut pk_tables = BTreeSet::new();
        let mut created = Vec::new();
        let mut dropped = Vec::new();
        for c in changes {
            match c {
                Change::RenameTable { from, to } => {
                    old_names.insert(to.name.clone(), from.name.clone());
                }
                Change::SetPrimaryKey { table, .. } => {
                    pk_tables.insert(table.name.clone());
                }
                Change::CreateTable(t) => created.push(t.name.clone()),
                Change::DropTable(t) => dropped.push(t.name.clone()),
                _ => {}
            }
        }
        Planner {
            dialect,
            from,
            to,
            old_names,
            pk_tables,
            merged: BTreeMap::new(),
            created,
            dropped,
            recreated_indexes: BTreeSet::new(),
            changes,
            plan: Plan::new(),
        }
    }

    /// The table as it is named before this plan's renames.
    fn old_ref(&self, t: &TableRef) -> TableRef {
        TableRef {
            schema: t.schema.clone(),
            name: self
                .old_names
                .get(&t.name)
                .cloned()
                .unwrap_or_else(|| t.name.clone()),
        }
    }

    fn old_table(&self, t: &TableRef) -> Option<&'a Table> {
        let old = self.old_ref(t);
        self.from
            .table_ref(&old)
            .or_else(|| self.from.table(&old.name))
    }

    fn new_table(&self, t: &TableRef) -> Option<&'a Table> {
        self.to.table_ref(t).or_else(|| self.to.table(&t.name))
    }

    fn push(&mut self, phase: Phase, sql: String, destructive: Option<String>) {
        match destructive {
            Some(why) => self.plan.push_destructive(phase, sql, why),
            None => self.plan.push(phase, sql),
        }
    }

    fn change(&mut self, c: &Change) -> Result<(), PlanError> {
        let phase = c.phase();
        match c {
            Change::CreateRaw(r) => self.push(phase, raw_sql(r), None),
            Change::DropRaw(r) => self.push(phase, drop_raw(r), None),
            Change::ReplaceRaw { from, to } => {
                // MySQL has no CREATE OR REPLACE for triggers, procedures, functions or events.
                self.push(phase, drop_raw(from), None);
                self.push(phase, raw_sql(to), None);
            }
            Change::CreateEnum(e) | Change::DropEnum(e) => return Err(no_enum_types(&e.name)),
            Change::AddEnumValues { to, .. } | Change::RebuildEnum { to, .. } => {
                return Err(no_enum_types(&to.name))
            }
            Change::CreateTable(t) => self.create_table(t)?,
            Change::DropTable(t) => self.drop_table(t),
            Change::RenameTable { from, to } => self.push(
                phase,
                format!("RENAME TABLE {} TO {}", table_name(from), table_name(to)),
                None,
            ),
            Change::AddColumn { table, column } => {
                self.column_clause(
                    table,
                    Clause {
                        sql: format!("ADD COLUMN {}", column_def(column)),
                        destructive: None,
                    },
                );
            }
            Change::DropColumn { table, column } => {
                let pk = self
                    .old_table(table)
                    .and_then(|t| t.primary_key.as_ref())
                    .is_some_and(|pk| pk.columns.contains(&column.name));
                // A generated column holds nothing that cannot be computed again.
                let why = column.generated.is_none().then(|| {
                    format!(
                        "drops column {}.{}{} and its data",
                        table.name,
                        column.name,
                        if pk { " (part of the primary key)" } else { "" }
                    )
                });
                self.column_clause(
                    table,
                    Clause {
                        sql: format!("DROP COLUMN {}", ident(&column.name)),
                        destructive: why,
                    },
                );
            }
            Change::RenameColumn { table, from, to } => self.push(
                phase,
                format!(
                    "ALTER TABLE {} RENAME COLUMN {} TO {}",
                    table_name(table),
                    ident(from),
                    ident(to)
                ),
                None,
            ),
            Change::AlterColumn { table, from, to } => self.alter_column(table, from, to)?,
            Change::SetPrimaryKey { table, from, to } => self.set_primary_key(table, from, to),
            Change::AddUnique { table, unique } => self.push(
                phase,
                format!(
                    "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({})",
                    table_name(table),
                    ident(&unique.name),
                    ident_list(&unique.columns)
                ),
                None,
            ),
            Change::DropUnique { table, unique } => {
                let cols: Vec<IndexPart> = unique.columns.iter().map(IndexPart::column).collect();
                self.drop_index(phase, table, &unique.name, &cols);
            }
            Change::AddCheck { table, check } => self.push(
                phase,
                format!("ALTER TABLE {} ADD {}", table_name(table), check_def(check)),
                None,
            ),
            Change::DropCheck { table, check } => self.push(
                phase,
                format!(
                    "ALTER TABLE {} DROP CONSTRAINT {}",
                    table_name(&self.old_ref(table)),
                    ident(&check.name)
                ),
                None,
            ),
            Change::AddForeignKey { table, fk } => self.push(
                phase,
                format!("ALTER TABLE {} ADD {}", table_name(table), fk_def(fk)),
                None,
            ),
            Change::DropForeignKey { table, fk } => self.drop_foreign_key(table, fk),
            Change::CreateIndex { table, index } => {
                let sql = create_index(table, index)?;
                self.push(phase, sql, None);
            }
            Change::DropIndex { table, index } => {
                self.drop_index(phase, table, &index.name, &index.parts);
            }
            Change::RenameIndex { table, to, .. }
                if self
                    .recreated_indexes
                    .contains(&(table.name.clone(), to.clone())) => {}
            Change::RenameIndex { table, from, to } => self.push(
                phase,
                format!(
                    "ALTER TABLE {} RENAME INDEX {} TO {}",
                    table_name(table),
                    ident(from),
                    ident(to)
                ),
                None,
            ),
            Change::SetTableOptions { table, from, to } => {
                // Only what the target states: an unstated option keeps the server's value.
                let differs = |o: &Option<String>, n: &Option<String>| {
                    n.as_deref()
                        .filter(|n| !o.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(n)))
                        .map(str::to_string)
                };
                if let Some(e) = differs(&from.engine, &to.engine) {
                    self.push(
                        phase,
                        format!("ALTER TABLE {} ENGINE = {e}", table_name(table)),
                        None,
                    );
                }
                let charset = differs(&from.charset, &to.charset);
                let collation = differs(&from.collation, &to.collation);
                if charset.is_some() || collation.is_some() {
                    // CONVERT TO re-encodes the existing text columns too, so the table ends up
                    // as a fresh CREATE TABLE with these options would be; changing only the
                    // default would leave every existing column on the old collation.
                    let cs = to.charset.clone().or_else(|| {
                        to.collation
                            .as_deref()
                            .and_then(|c| c.split('_').next())
                            .map(str::to_string)
                    });
                    if let Some(cs) = cs {
                        let mut sql = format!(
                            "ALTER TABLE {} CONVERT TO CHARACTER SET {cs}",
                            table_name(table)
                        );
                        if let Some(c) = &to.collation {
                            sql.push_str(&format!(" COLLATE {c}"));
                        }
                        // utf8mb4 holds every character; any other target may not.
                        let why = charset.filter(|c| !c.eq_ignore_ascii_case("utf8mb4")).map(|c| {
                            format!("table {}: converts its text columns to character set {c}; characters it cannot hold are lost", table.name)
                        });
                        self.push(phase, sql, why);
                    }
                }
            }
            Change::SetTableComment { table, to, .. } => self.push(
                phase,
                format!(
                    "ALTER TABLE {} COMMENT = {}",
                    table_name(table),
                    literal(to.as_deref().unwrap_or(""))
                ),
                None,
            ),
            Change::CreateView(v) => self.push(phase, view_sql("CREATE VIEW", v), None),
            Change::ReplaceView { to, .. } => {
                self.push(phase, view_sql("CREATE OR REPLACE VIEW", to), None)
            }
            Change::DropView(v) => self.push(
                phase,
                format!("DROP VIEW {}", qualified(v.schema.as_deref(), &v.name)),
                None,
            ),
            // A view lives in the table namespace: RENAME TABLE renames it.
            Change::RenameView { from, to } => self.push(
                phase,
                format!(
                    "RENAME TABLE {} TO {}",
                    qualified(from.schema.as_deref(), &from.name),
                    qualified(to.schema.as_deref(), &to.name)
                ),
                None,
            ),
            Change::RenameEnum { from, .. } => return Err(no_enum_types(&from.name)),
            // The differ does not ask for it (MysqlDialect::renames_constraints is false).
            Change::RenameConstraint { table, from, .. } => {
                return Err(PlanError::new(format!(
                    "MySQL cannot rename constraint {table}.{from} in place"
                )))
            }
        }
        Ok(())
    }

    /// Both servers refuse to change the type (or collation) of a column a foreign key uses,
    /// on either end of the key. Such keys are dropped before the column changes and added
    /// again after, unless the changes already drop or add them.
    fn rebuild_keys_of_retyped_columns(&mut self, changes: &[Change]) {
        let mut retyped: BTreeSet<(String, String)> = BTreeSet::new();
        let mut touched: BTreeSet<(String, String)> = BTreeSet::new();
        for c in changes {
            match c {
                Change::AlterColumn { table, from, to }
                    if !self.dialect.types_equal(&from.ty, &to.ty)
                        || !self.dialect.collations_equal(
                            from.collation.as_deref(),
                            to.collation.as_deref(),
                        ) =>
                {
                    retyped.insert((table.name.clone(), to.name.clone()));
                }
                Change::DropForeignKey { table, fk } | Change::AddForeignKey { table, fk } => {
                    touched.insert((table.name.clone(), fk.name.clone()));
                }
                Change::DropTable(t) | Change::CreateTable(t) => {
                    for fk in &t.foreign_keys {
                        touched.insert((t.name.clone(), fk.name.clone()));
                    }
                }
                _ => {}
            }
        }
        if retyped.is_empty() {
            return;
        }
        let hit = |table: &str, cols: &[String]| {
            cols.iter()
                .any(|c| retyped.contains(&(table.to_string(), c.clone())))
        };
        let mut rebuild: Vec<(TableRef, ForeignKey)> = Vec::new();
        for t in &self.to.tables {
            for fk in &t.foreign_keys {
                if touched.contains(&(t.name.clone(), fk.name.clone())) {
                    continue;
                }
                let existed = self
                    .old_table(&t.table_ref())
                    .is_some_and(|o| o.foreign_keys.iter().any(|f| f.name == fk.name));
                if existed && (hit(&t.name, &fk.columns) || hit(&fk.ref_table, &fk.ref_columns)) {
                    rebuild.push((t.table_ref(), fk.clone()));
                }
            }
        }
        for (table, fk) in rebuild {
            self.drop_foreign_key(&table, &fk);
            self.push(
                Phase::CreateForeignKeys,
                format!("ALTER TABLE {} ADD {}", table_name(&table), fk_def(&fk)),
                None,
            );
        }
    }

    /// Emits a column clause, or keeps it for the table's primary key change.
    fn column_clause(&mut self, table: &TableRef, clause: Clause) {
        if self.pk_tables.contains(&table.name) {
            self.merged
                .entry(table.name.clone())
                .or_default()
                .push(clause);
        } else {
            self.push(
                Phase::Columns,
                format!("ALTER TABLE {} {}", table_name(table), clause.sql),
                clause.destructive,
            );
        }
    }

    fn create_table(&mut self, t: &Table) -> Result<(), PlanError> {
        let mut lines: Vec<String> = t.columns.iter().map(column_def).collect();
        if let Some(pk) = &t.primary_key {
            lines.push(format!("PRIMARY KEY ({})", ident_list(&pk.columns)));
        }
        for u in &t.uniques {
            lines.push(format!(
                "CONSTRAINT {} UNIQUE ({})",
                ident(&u.name),
                ident_list(&u.columns)
            ));
        }
        // Indexes go inside CREATE TABLE: an AUTO_INCREMENT column may need one of them as its
        // key, and the table is then complete in one statement.
        for i in &t.indexes {
            check_index_supported(&t.name, i)?;
            let kw = match (
                i.kind.as_deref().map(str::to_ascii_lowercase).as_deref(),
                i.unique,
            ) {
                (Some("fulltext"), _) => "FULLTEXT KEY",
                (Some("spatial"), _) => "SPATIAL KEY",
                (_, true) => "UNIQUE KEY",
                _ => "KEY",
            };
            lines.push(format!(
                "{kw} {} {}{}",
                ident(&i.name),
                index_parts(&i.parts),
                index_method(i)
            ));
        }
        for c in &t.checks {
            lines.push(check_def(c));
        }
        let position = self.created.iter().position(|n| *n == t.name).unwrap_or(0);
        let created_before: BTreeSet<&String> = self.created[..position].iter().collect();
        let mut later: Vec<&ForeignKey> = Vec::new();
        for fk in &t.foreign_keys {
            if self.fk_inline(t, fk, &created_before) {
                lines.push(fk_def(fk));
            } else {
                later.push(fk);
            }
        }
        let mut sql = format!(
            "CREATE TABLE {} (\n  {}\n)",
            table_name(&t.table_ref()),
            lines.join(",\n  ")
        );
        if let Some(e) = &t.options.engine {
            sql.push_str(&format!(" ENGINE={e}"));
        }
        if let Some(cs) = &t.options.charset {
            sql.push_str(&format!(" DEFAULT CHARSET={cs}"));
        }
        if let Some(co) = &t.options.collation {
            sql.push_str(&format!(" COLLATE={co}"));
        }
        if let Some(cm) = &t.comment {
            sql.push_str(&format!(" COMMENT={}", literal(cm)));
        }
        self.push(Phase::CreateTables, sql, None);
        for fk in later {
            self.push(
                Phase::CreateForeignKeys,
                format!(
                    "ALTER TABLE {} ADD {}",
                    table_name(&t.table_ref()),
                    fk_def(fk)
                ),
                None,
            );
        }
        Ok(())
    }

    /// Can `fk` be declared inside `t`'s CREATE TABLE? Only when the referenced table and the
    /// index on the referenced columns exist by then: the table itself, a table created earlier
    /// in this plan, or an existing table referenced by its primary key.
    fn fk_inline(&self, t: &Table, fk: &ForeignKey, created_before: &BTreeSet<&String>) -> bool {
        if fk.ref_schema.is_some() && fk.ref_schema != t.schema {
            return false;
        }
        if fk.ref_table == t.name || created_before.contains(&fk.ref_table) {
            return true;
        }
        if self.created.contains(&fk.ref_table) {
            return false;
        }
        let r = TableRef {
            schema: t.schema.clone(),
            name: fk.ref_table.clone(),
        };
        match (self.old_table(&r), self.new_table(&r)) {
            (Some(old), Some(new)) => {
                old.primary_key.as_ref().map(|p| &p.columns) == Some(&fk.ref_columns)
                    && new.primary_key.as_ref().map(|p| &p.columns) == Some(&fk.ref_columns)
            }
            _ => false,
        }
    }

    fn drop_table(&mut self, t: &Table) {
        // Tables are dropped children first; in a reference cycle, the foreign keys pointing at
        // a table dropped earlier must go first.
        let me = self.dropped.iter().position(|n| *n == t.name).unwrap_or(0);
        for fk in &t.foreign_keys {
            let target = self.dropped.iter().position(|n| *n == fk.ref_table);
            if matches!(target, Some(p) if p < me) {
                self.push(
                    Phase::DropForeignKeys,
                    format!(
                        "ALTER TABLE {} DROP FOREIGN KEY {}",
                        table_name(&t.table_ref()),
                        ident(&fk.name)
                    ),
                    None,
                );
            }
        }
        self.push(
            Phase::DropTables,
            format!("DROP TABLE {}", table_name(&t.table_ref())),
            Some(format!("drops table {} and all its rows", t.display_name())),
        );
    }

    fn alter_column(
        &mut self,
        table: &TableRef,
        from: &Column,
        to: &Column,
    ) -> Result<(), PlanError> {
        let narrowing = self
            .dialect
            .narrowing(&from.ty, &to.ty)
            .map(|why| format!("column {}.{}: {why}", table.name, to.name));
        let modify = |destructive: Option<String>| Clause {
            sql: format!("MODIFY COLUMN {}", column_def(to)),
            destructive,
        };
        match (&from.generated, &to.generated) {
            (Some(f), Some(t)) if f.stored == t.stored => {
                self.column_clause(table, modify(narrowing))
            }
            (None, None) => self.column_clause(table, modify(narrowing)),
            // Plain -> STORED and STORED -> plain are in-place on both servers.
            (None, Some(t)) if t.stored => {
                let why = format!(
                    "column {}.{} becomes generated: its values are replaced by the expression",
                    table.name, to.name
                );
                self.column_clause(table, modify(Some(why)));
            }
            (Some(f), None) if f.stored => self.column_clause(table, modify(narrowing)),
            // VIRTUAL <-> STORED, plain <-> VIRTUAL: neither server alters these in place.
            (f, t) => {
                let why = match (f, t) {
                    (None, _) => Some(format!(
                        "column {}.{} becomes a generated column: its data is dropped",
                        table.name, to.name
                    )),
                    (Some(_), None) => Some(format!(
                        "column {}.{} stops being generated: it is re-created empty",
                        table.name, to.name
                    )),
                    _ => None,
                };
                let t = table_name(table);
                self.push(
                    Phase::Columns,
                    format!("ALTER TABLE {t} DROP COLUMN {}", ident(&from.name)),
                    why,
                );
                self.push(
                    Phase::Columns,
                    format!("ALTER TABLE {t} ADD COLUMN {}", column_def(to)),
                    None,
                );
                self.recreate_indexes_on(table, &to.name)?;
            }
        }
        Ok(())
    }

    /// After column `column` was dropped and added again (which drops the indexes on it):
    /// creates again the indexes and unique constraints of the new table on it that no change
    /// of this plan creates anyway, under their new names.
    fn recreate_indexes_on(&mut self, table: &TableRef, column: &str) -> Result<(), PlanError> {
        let Some(t) = self.new_table(table) else {
            return Ok(());
        };
        let created = |name: &str| {
            self.changes.iter().any(|c| match c {
                Change::CreateIndex { table: tr, index } => tr == table && index.name == name,
                Change::AddUnique { table: tr, unique } => tr == table && unique.name == name,
                _ => false,
            })
        };
        // The name an index has in the database at that point.
        let name_now = |name: &str| {
            self.changes
                .iter()
                .find_map(|c| match c {
                    Change::RenameIndex {
                        table: tr,
                        from,
                        to,
                    } if tr == table && to == name => Some(from.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| name.to_string())
        };
        let mut drops = Vec::new();
        let mut sqls = Vec::new();
        for i in &t.indexes {
            let uses = i.parts.iter().any(|p| p.column.as_deref() == Some(column));
            if uses && !created(&i.name) {
                // Dropping one column of several leaves the index on the others.
                if i.parts.len() > 1 {
                    drops.push(name_now(&i.name));
                }
                sqls.push((i.name.clone(), create_index(table, i)?));
            }
        }
        for u in &t.uniques {
            if u.columns.iter().any(|c| c == column) && !created(&u.name) {
                if u.columns.len() > 1 {
                    drops.push(name_now(&u.name));
                }
                sqls.push((
                    u.name.clone(),
                    format!(
                        "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({})",
                        table_name(table),
                        ident(&u.name),
                        ident_list(&u.columns)
                    ),
                ));
            }
        }
        for name in drops {
            let sql = format!(
                "ALTER TABLE {} DROP INDEX {}",
                table_name(table),
                ident(&name)
            );
            self.push(Phase::Columns, sql, None);
        }
        for (name, sql) in sqls {
            self.recreated_indexes.insert((table.name.clone(), name));
            self.push(Phase::CreateIndexes, sql, None);
        }
        Ok(())
    }

    fn set_primary_key(
        &mut self,
        table: &TableRef,
        from: &Option<PrimaryKey>,
        to: &Option<PrimaryKey>,
    ) {
        let mut clauses: Vec<Clause> = Vec::new();
        if from.is_some() {
            clauses.push(Clause {
                sql: "DROP PRIMARY KEY".into(),
                destructive: None,
            });
        }
        clauses.extend(self.merged.remove(&table.name).unwrap_or_default());
        if let Some(pk) = to {
            clauses.push(Clause {
                sql: format!("ADD PRIMARY KEY ({})", ident_list(&pk.columns)),
                destructive: None,
            });
        }
        let reasons: Vec<String> = clauses
            .iter()
            .filter_map(|c| c.destructive.clone())
            .collect();
        let body: Vec<String> = clauses.into_iter().map(|c| c.sql).collect();
        let sql = if body.len() == 1 {
            format!("ALTER TABLE {} {}", table_name(table), body.join(""))
        } else {
            format!(
                "ALTER TABLE {}\n  {}",
                table_name(table),
                body.join(",\n  ")
            )
        };
        let why = (!reasons.is_empty()).then(|| reasons.join("; "));
        self.push(Phase::Columns, sql, why);
    }

    fn drop_foreign_key(&mut self, table: &TableRef, fk: &ForeignKey) {
        let old = self.old_ref(table);
        self.push(
            Phase::DropForeignKeys,
            format!(
                "ALTER TABLE {} DROP FOREIGN KEY {}",
                table_name(&old),
                ident(&fk.name)
            ),
            None,
        );
        // MySQL made an index named after the constraint unless another index already served
        // it; the index outlives the constraint, so drop it as well.
        if let Some(t) = self.old_table(table) {
            let cols = t
                .foreign_keys
                .iter()
                .find(|f| f.name == fk.name)
                .map(|f| f.columns.clone())
                .unwrap_or_else(|| fk.columns.clone());
            let covered = covering_index_exists(t, &cols, |_| true);
            let declared = t.indexes.iter().any(|i| i.name == fk.name);
            if !covered && !declared {
                self.push(
                    Phase::DropForeignKeys,
                    format!(
                        "ALTER TABLE {} DROP INDEX {}",
                        table_name(&old),
                        ident(&fk.name)
                    ),
                    None,
                );
            }
        }
    }

    /// Drops an index (or unique constraint). If a foreign key that stays relies on it and no
    /// other remaining index serves that key, re-creates the key's implicit index first:
    /// MySQL refuses to drop an index a foreign key needs.
    fn drop_index(&mut self, phase: Phase, table: &TableRef, name: &str, parts: &[IndexPart]) {
        let old = self.old_ref(table);
        if let (Some(ft), Some(tt)) = (self.old_table(table), self.new_table(table)) {
            for fk in &ft.foreign_keys {
                let kept = tt
                    .foreign_keys
                    .iter()
                    .any(|f| f.name == fk.name && same_reference(f, fk));
                if !kept || !leads_with(parts, &fk.columns) {
                    continue;
                }
                // Indexes that survive this plan (same name and definition on both sides).
                let survives = |i: &Index| {
                    i.name != name
                        && tt
                            .indexes
                            .iter()
                            .any(|n| n.name == i.name && n.parts == i.parts)
                };
                let pk_kept = ft.primary_key.as_ref().map(|p| &p.columns)
                    == tt.primary_key.as_ref().map(|p| &p.columns);
                let served = (pk_kept
                    && ft
                        .primary_key
                        .as_ref()
                        .is_some_and(|p| p.columns.starts_with(&fk.columns)))
                    || ft
                        .indexes
                        .iter()
                        .any(|i| survives(i) && leads_with(&i.parts, &fk.columns));
                if !served {
                    self.push(
                        phase,
                        format!(
                            "CREATE INDEX {} ON {} ({})",
                            ident(&fk.name),
                            table_name(&old),
                            ident_list(&fk.columns)
                        ),
                        None,
                    );
                }
            }
        }
        self.push(
            phase,
            format!("DROP INDEX {} ON {}", ident(name), table_name(&old)),
            None,
        );
    }
}

/// True when both keys tie the same columns to the same referenced columns (the actions
/// do not matter for which index a key needs).
fn same_reference(a: &ForeignKey, b: &ForeignKey) -> bool {
    a.columns == b.columns && a.ref_table == b.ref_table && a.ref_columns == b.ref_columns
}

/// True when the index's first parts are exactly `cols` (plain columns), in order.
fn leads_with(parts: &[IndexPart], cols: &[String]) -> bool {
    parts.len() >= cols.len()
        && parts
            .iter()
            .zip(cols)
            .all(|(p, c)| p.column.as_deref() == Some(c.as_str()) && p.expr.is_none())
}

/// True when the table has a key (primary, unique or plain index) whose leading columns are
/// `cols`, so that MySQL did not need an implicit foreign key index.
fn covering_index_exists(t: &Table, cols: &[String], keep: impl Fn(&Index) -> bool) -> bool {
    t.primary_key
        .as_ref()
        .is_some_and(|p| p.columns.starts_with(cols))
        || t.uniques.iter().any(|u| u.columns.starts_with(cols))
        || t.indexes
            .iter()
            .any(|i| keep(i) && leads_with(&i.parts, cols))
}

fn no_enum_types(name: &str) -> PlanError {
    PlanError::new(format!("MySQL has no named enum types (enum `{name}`)"))
        .with_help("declare the values inline on the column: `status ENUM('a', 'b')`")
}

/// A possibly schema-qualified name.
fn qualified(schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(s) => format!("{}.{}", ident(s), ident(name)),
        None => ident(name),
    }
}

fn table_name(t: &TableRef) -> String {
    qualified(t.schema.as_deref(), &t.name)
}

/// True when `text` can follow DEFAULT without parentheses: a literal or CURRENT_TIMESTAMP.
fn is_plain_default(text: &str) -> bool {
    let t = text.trim();
    if crate::quote::unquote_literal(t).is_some() || t.parse::<f64>().is_ok() {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    if ["null", "true", "false"].contains(&lower.as_str()) {
        return true;
    }
    if (lower.starts_with("b'") || lower.starts_with("x'")) && lower.ends_with('\'') {
        return true;
    }
    if lower.starts_with("0x") || lower.starts_with("0b") {
        return true;
    }
    let canon = crate::dialect::canonical_expr(t);
    canon.first().map(String::as_str) == Some("current_timestamp")
        && (canon.len() == 1 || (canon.len() == 4 && canon[1] == "(" && canon[3] == ")"))
}

/// The DEFAULT clause value: literals as they are, expressions in parentheses (MySQL 8 needs
/// them; MariaDB accepts them).
fn default_sql(text: &str) -> String {
    if is_plain_default(text) {
        text.trim().to_string()
    } else {
        format!("({})", strip_outer_parens(text))
    }
}

/// A full column definition, as CREATE TABLE / ADD COLUMN / MODIFY COLUMN want it.
pub(crate) fn column_def(c: &Column) -> String {
    let mut s = format!("{} {}", ident(&c.name), c.ty.raw);
    if let Some(coll) = &c.collation {
        s.push_str(&format!(" COLLATE {coll}"));
    }
    if let Some(g) = &c.generated {
        s.push_str(&format!(
            " GENERATED ALWAYS AS ({}) {}",
            strip_outer_parens(&g.expr),
            if g.stored { "STORED" } else { "VIRTUAL" }
        ));
        // MySQL 8 accepts NOT NULL on a generated column; MariaDB does not (its generated
        // columns are always nullable), so it is only written when the schema asks for it.
        if !c.nullable {
            s.push_str(" NOT NULL");
        }
    } else {
        if !c.nullable {
            s.push_str(" NOT NULL");
        } else if matches!(c.ty.kind, TypeKind::Timestamp { tz: true }) {
            // With explicit_defaults_for_timestamp off (older servers) a bare TIMESTAMP is
            // NOT NULL: say NULL explicitly.
            s.push_str(" NULL");
        }
        if let Some(d) = &c.default {
            s.push_str(&format!(" DEFAULT {}", default_sql(d)));
        }
        if let Some(u) = &c.on_update {
            s.push_str(&format!(" ON UPDATE {}", u.trim()));
        }
        if c.identity.is_some() {
            s.push_str(" AUTO_INCREMENT");
        }
    }
    if let Some(cm) = &c.comment {
        s.push_str(&format!(" COMMENT {}", literal(cm)));
    }
    s
}

fn check_def(c: &Check) -> String {
    format!(
        "CONSTRAINT {} CHECK ({})",
        ident(&c.name),
        strip_outer_parens(&c.expr)
    )
}

fn action(kw: &str, a: ReferentialAction) -> String {
    if a.is_default() {
        String::new()
    } else {
        format!(" ON {kw} {}", a.sql())
    }
}

fn fk_def(fk: &ForeignKey) -> String {
    format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}){}{}",
        ident(&fk.name),
        ident_list(&fk.columns),
        qualified(fk.ref_schema.as_deref(), &fk.ref_table),
        ident_list(&fk.ref_columns),
        action("DELETE", fk.on_delete),
        action("UPDATE", fk.on_update)
    )
}

/// `(a, b(10) DESC, (lower(c)))`
fn index_parts(parts: &[IndexPart]) -> String {
    let items: Vec<String> = parts
        .iter()
        .map(|p| {
            let mut s = match (&p.column, &p.expr) {
                (Some(c), _) => ident(c),
                // Functional key parts (MySQL 8.0.13+) need their own parentheses.
                (None, Some(e)) => format!("({})", strip_outer_parens(e)),
                (None, None) => String::new(),
            };
            if let Some(l) = p.length {
                s.push_str(&format!("({l})"));
            }
            if p.descending {
                s.push_str(" DESC");
            }
            s
        })
        .collect();
    format!("({})", items.join(", "))
}

fn index_method(i: &Index) -> String {
    match &i.method {
        Some(m) => format!(" USING {}", m.to_ascii_uppercase()),
        None => String::new(),
    }
}

fn check_index_supported(table: &str, i: &Index) -> Result<(), PlanError> {
    if i.predicate.is_some() {
        return Err(PlanError::new(format!(
            "index {table}.{} has a WHERE clause: MySQL has no partial indexes",
            i.name
        ))
        .with_help("remove the WHERE clause, or index a generated column instead"));
    }
    if !i.include.is_empty() {
        return Err(PlanError::new(format!(
            "index {table}.{} has INCLUDE columns: MySQL does not support them",
            i.name
        ))
        .with_help("add the columns to the index key instead"));
    }
    Ok(())
}

fn create_index(table: &TableRef, i: &Index) -> Result<String, PlanError> {
    check_index_supported(&table.name, i)?;
    let kw = match (
        i.kind.as_deref().map(str::to_ascii_lowercase).as_deref(),
        i.unique,
    ) {
        (Some("fulltext"), _) => "CREATE FULLTEXT INDEX",
        (Some("spatial"), _) => "CREATE SPATIAL INDEX",
        (_, true) => "CREATE UNIQUE INDEX",
        _ => "CREATE INDEX",
    };
    Ok(format!(
        "{kw} {} ON {} {}{}",
        ident(&i.name),
        table_name(table),
        index_parts(&i.parts),
        index_method(i)
    ))
}

fn view_sql(verb: &str, v: &View) -> String {
    let cols = if v.columns.is_empty() {
        String::new()
    } else {
        format!(" ({})", ident_list(&v.columns))
    };
    format!(
        "{verb} {}{cols} AS\n{}",
        qualified(v.schema.as_deref(), &v.name),
        v.definition.trim().trim_end_matches(';').trim_end()
    )
}

fn raw_sql(r: &RawObject) -> String {
    r.sql.trim().trim_end_matches(';').trim_end().to_string()
}

/// `DROP TRIGGER IF EXISTS name` and the like. IF EXISTS because dropping a table already
/// dropped its triggers.
fn drop_raw(r: &RawObject) -> String {
    format!(
        "DROP {} IF EXISTS {}",
        r.kind.to_ascii_uppercase(),
        ident(&r.name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::column_type;
    use flash_diff::Dialect;
    use flash_schema::{Enum, UniqueConstraint};

    fn col(name: &str, ty: &str) -> Column {
        Column::new(name, column_type(ty))
    }

    fn index(name: &str, cols: &[&str]) -> Index {
        Index {
            id: Default::default(),
            name: name.into(),
            auto_named: false,
            unique: false,
            parts: cols.iter().map(|c| IndexPart::column(*c)).collect(),
            method: None,
            predicate: None,
            include: Vec::new(),
            kind: None,
            renamed_from: None,
            location: None,
        }
    }

    fn fk(name: &str, cols: &[&str], ref_table: &str) -> ForeignKey {
        ForeignKey {
            id: Default::default(),
            name: name.into(),
            auto_named: false,
            columns: cols.iter().map(|c| c.to_string()).collect(),
            ref_schema: None,
            ref_table: ref_table.into(),
            ref_columns: vec!["id".into()],
            on_delete: ReferentialAction::NoAction,
            on_update: ReferentialAction::NoAction,
            deferrable: false,
            location: None,
        }
    }

    fn sqls(changes: &[Change], from: &Schema, to: &Schema) -> Vec<String> {
        MysqlDialect
            .plan(changes, from, to)
            .unwrap()
            .statements
            .into_iter()
            .map(|s| s.sql)
            .collect()
    }

    #[test]
    fn column_definitions() {
        let mut c = col("created", "timestamp");
        assert_eq!(column_def(&c), "created timestamp NULL");
        c.default = Some("current_timestamp()".into());
        c.on_update = Some("current_timestamp()".into());
        assert_eq!(
            column_def(&c),
            "created timestamp NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()"
        );
        let mut c = col("token", "varchar(36)");
        c.default = Some("uuid()".into());
        c.comment = Some("it's random".into());
        assert_eq!(
            column_def(&c),
            "token varchar(36) DEFAULT (uuid()) COMMENT 'it''s random'"
        );
        let mut c = col("n", "int");
        c.default = Some("-1".into());
        c.nullable = false;
        assert_eq!(column_def(&c), "n int NOT NULL DEFAULT -1");
    }

    #[test]
    fn partial_and_include_indexes_are_refused() {
        let mut t = Table::new("t");
        t.columns.push(col("a", "int"));
        let mut i = index("t_a_idx", &["a"]);
        i.predicate = Some("a > 0".into());
        let changes = vec![Change::CreateIndex {
            table: t.table_ref(),
            index: i.clone(),
        }];
        let err = MysqlDialect
            .plan(&changes, &Schema::default(), &Schema::default())
            .unwrap_err();
        assert!(err.message.contains("partial"), "{err}");
        assert!(err.help.is_some());
        i.predicate = None;
        i.include = vec!["b".into()];
        let err = MysqlDialect
            .plan(
                &[Change::CreateIndex {
                    table: t.table_ref(),
                    index: i,
                }],
                &Schema::default(),
                &Schema::default(),
            )
            .unwrap_err();
        assert!(err.message.contains("INCLUDE"), "{err}");
    }

    #[test]
    fn named_enum_types_are_refused() {
        let e = Enum {
            id: Default::default(),
            schema: None,
            name: "mood".into(),
            values: vec!["a".into()],
            renamed_from: None,
            location: None,
        };
        let err = MysqlDialect
            .plan(
                &[Change::CreateEnum(e)],
                &Schema::default(),
                &Schema::default(),
            )
            .unwrap_err();
        assert!(err.message.contains("mood"));
    }

    #[test]
    fn drops_before_a_table_rename_use_the_old_name() {
        let mut old = Table::new("a");
        old.columns.push(col("x", "int"));
        old.indexes.push(index("a_x_idx", &["x"]));
        let mut new = old.clone();
        new.name = "b".into();
        new.indexes.clear();
        let from = Schema {
            tables: vec![old],
            ..Default::default()
        };
        let to = Schema {
            tables: vec![new.clone()],
            ..Default::default()
        };
        let changes = vec![
            Change::RenameTable {
                from: TableRef::new("a"),
                to: TableRef::new("b"),
            },
            Change::DropIndex {
                table: TableRef::new("b"),
                index: index("a_x_idx", &["x"]),
            },
        ];
        let mut changes = changes;
        flash_diff::order(&mut changes);
        assert_eq!(
            sqls(&changes, &from, &to),
            vec!["DROP INDEX a_x_idx ON a", "RENAME TABLE a TO b"]
        );
    }

    #[test]
    fn dropping_a_foreign_key_drops_its_implicit_index_only() {
        let mut t = Table::new("posts");
        t.columns.push(col("user_id", "int"));
        t.foreign_keys
            .push(fk("posts_user_fk", &["user_id"], "users"));
        let from = Schema {
            tables: vec![t.clone()],
            ..Default::default()
        };
        let change = Change::DropForeignKey {
            table: t.table_ref(),
            fk: t.foreign_keys[0].clone(),
        };
        assert_eq!(
            sqls(std::slice::from_ref(&change), &from, &Schema::default()),
            vec![
                "ALTER TABLE posts DROP FOREIGN KEY posts_user_fk",
                "ALTER TABLE posts DROP INDEX posts_user_fk"
            ]
        );
        // A user index serves the key: MySQL made none.
        let mut covered = t.clone();
        covered
            .indexes
            .push(index("posts_user_created_idx", &["user_id", "created"]));
        let from = Schema {
            tables: vec![covered],
            ..Default::default()
        };
        assert_eq!(
            sqls(&[change], &from, &Schema::default()),
            vec!["ALTER TABLE posts DROP FOREIGN KEY posts_user_fk"]
        );
    }

    #[test]
    fn unique_constraints_from_unnormalized_schemas() {
        let u = UniqueConstraint {
            id: Default::default(),
            name: "t_a_key".into(),
            auto_named: true,
            columns: vec!["a".into(), "b".into()],
            location: None,
        };
        let t = TableRef::new("t");
        let changes = vec![
            Change::DropUnique {
                table: t.clone(),
                unique: u.clone(),
            },
            Change::AddUnique {
                table: t,
                unique: u,
            },
        ];
        assert_eq!(
            sqls(&changes, &Schema::default(), &Schema::default()),
            vec![
                "DROP INDEX t_a_key ON t",
                "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a, b)"
            ]
        );
    }

    #[test]
    fn dropped_tables_in_a_reference_cycle_lose_their_keys_first() {
        let mut a = Table::new("a");
        a.columns.push(col("b_id", "int"));
        a.foreign_keys.push(fk("a_b_fk", &["b_id"], "b"));
        let mut b = Table::new("b");
        b.columns.push(col("a_id", "int"));
        b.foreign_keys.push(fk("b_a_fk", &["a_id"], "a"));
        let from = Schema {
            tables: vec![a.clone(), b.clone()],
            ..Default::default()
        };
        let mut changes = vec![Change::DropTable(a), Change::DropTable(b)];
        flash_diff::order(&mut changes);
        let out = sqls(&changes, &from, &Schema::default());
        assert_eq!(out.len(), 3, "{out:?}");
        assert!(out[0].contains("DROP FOREIGN KEY"), "{out:?}");
        assert!(out[1].starts_with("DROP TABLE") && out[2].starts_with("DROP TABLE"));
    }
}
