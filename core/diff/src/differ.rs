//! The differ: two schemas in, ordered changes out.

use crate::hooks::DiffHooks;
use crate::renames::{DiffOptions, Rename, RenameCandidate};
use flash_schema::change::is_append_only;
use flash_schema::{
    Change, Check, Column, ColumnType, Enum, ForeignKey, Index, IndexPart, Schema, Table,
    TableOptions, TypeKind, UniqueConstraint, View,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What [`diff`] found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiffResult {
    /// The changes, in the order a planner must emit them.
    pub changes: Vec<Change>,
    /// Drops paired with adds that look like renames nobody declared.
    pub rename_candidates: Vec<RenameCandidate>,
}

impl DiffResult {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The renames these changes perform, turned around: what a diff in the other direction
    /// (for the Down section) must be told.
    pub fn reverse_renames(&self) -> Vec<Rename> {
        let mut out = Vec::new();
        for c in &self.changes {
            match c {
                Change::RenameTable { from, to } => out.push(Rename::Table {
                    from: to.name.clone(),
                    to: from.name.clone(),
                }),
                Change::RenameColumn { table, from, to } => out.push(Rename::Column {
                    table: table.name.clone(),
                    from: to.clone(),
                    to: from.clone(),
                }),
                // Enums and views are named like tables in the flag form (`old=new`).
                Change::RenameEnum { from, to } => out.push(Rename::Table {
                    from: to.name.clone(),
                    to: from.name.clone(),
                }),
                Change::RenameView { from, to } => out.push(Rename::Table {
                    from: to.name.clone(),
                    to: from.name.clone(),
                }),
                _ => {}
            }
        }
        out
    }
}

/// Computes the changes that turn `from` into `to`.
pub fn diff(from: &Schema, to: &Schema, hooks: &dyn DiffHooks, opts: &DiffOptions) -> DiffResult {
    let mut d = Differ {
        hooks,
        opts,
        changes: Vec::new(),
        candidates: Vec::new(),
    };
    d.raw(from, to);
    let enum_renames = d.enums(from, to);
    if enum_renames.is_empty() {
        d.tables(from, to);
    } else {
        // Columns of a renamed enum type are not changed by the rename.
        let mut from = from.clone();
        retype_enum_columns(&mut from, &enum_renames);
        d.tables(&from, to);
    }
    d.views(from, to);
    let mut changes = d.changes;
    order(&mut changes);
    DiffResult {
        changes,
        rename_candidates: d.candidates,
    }
}

/// The inverse of a list of changes, in the order a planner must emit them.
pub fn invert(changes: &[Change]) -> Vec<Change> {
    let mut out: Vec<Change> = changes.iter().rev().map(Change::inverse).collect();
    order(&mut out);
    out
}

/// Sorts changes by phase (and within it by [`Change::rank_in_phase`]); tables are created
/// parents first and dropped children first.
pub fn order(changes: &mut [Change]) {
    changes.sort_by_key(|c| (c.phase(), c.rank_in_phase()));
    let created: Vec<Table> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let dropped: Vec<Table> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropTable(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let create_order = topo_order(&created);
    let mut drop_order = topo_order(&dropped);
    drop_order.reverse();
    let rank = |names: &[String], t: &Table| names.iter().position(|n| *n == t.name);
    changes.sort_by_key(|c| {
        let sub = match c {
            Change::CreateTable(t) => rank(&create_order, t),
            Change::DropTable(t) => rank(&drop_order, t),
            _ => None,
        };
        (c.phase(), c.rank_in_phase(), sub.unwrap_or(0))
    });
}

/// Table names ordered so that a table comes after the tables its foreign keys reference
/// (cycles are broken in declaration order).
fn topo_order(tables: &[Table]) -> Vec<String> {
    let names: BTreeSet<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    let mut done: Vec<String> = Vec::new();
    let mut visiting: BTreeSet<String> = BTreeSet::new();
    fn visit(
        t: &Table,
        all: &[Table],
        names: &BTreeSet<&str>,
        done: &mut Vec<String>,
        visiting: &mut BTreeSet<String>,
    ) {
        if done.contains(&t.name) || !visiting.insert(t.name.clone()) {
            return;
        }
        for fk in &t.foreign_keys {
            if fk.ref_table != t.name && names.contains(fk.ref_table.as_str()) {
                if let Some(parent) = all.iter().find(|p| p.name == fk.ref_table) {
                    visit(parent, all, names, done, visiting);
                }
            }
        }
        done.push(t.name.clone());
    }
    for t in tables {
        visit(t, tables, &names, &mut done, &mut visiting);
    }
    done
}

struct Differ<'a> {
    hooks: &'a dyn DiffHooks,
    opts: &'a DiffOptions,
    changes: Vec<Change>,
    candidates: Vec<RenameCandidate>,
}

impl Differ<'_> {
    fn raw(&mut self, from: &Schema, to: &Schema) {
        let old: BTreeMap<String, _> = from.raw.iter().map(|r| (r.key(), r)).collect();
        let new: BTreeMap<String, _> = to.raw.iter().map(|r| (r.key(), r)).collect();
        for (k, r) in &old {
            if !new.contains_key(k) {
                self.changes.push(Change::DropRaw((*r).clone()));
            }
        }
        // Keep declaration order for creation: functions before the triggers that use them.
        for r in &to.raw {
            match old.get(&r.key()) {
                None => self.changes.push(Change::CreateRaw(r.clone())),
                Some(o) if !self.hooks.exprs_equal(&o.sql, &r.sql) => {
                    self.changes.push(Change::ReplaceRaw {
                        from: (*o).clone(),
                        to: r.clone(),
                    })
                }
                Some(_) => {}
            }
        }
    }

    /// The old name of an enum or view (`name`, in `schema`), from a flag (`--rename
    /// old=new`) or a `renamed_from` declaration, when the old one exists only in `from`
    /// and the new name is new.
    fn declared_rename(
        &self,
        declared: Option<&String>,
        name: &str,
        exists: impl Fn(&str, bool) -> bool,
    ) -> Option<String> {
        let flagged = self.opts.renames.iter().find_map(|r| match r {
            Rename::Table { from, to } if to == name => Some(from.clone()),
            _ => None,
        });
        let old = flagged.or_else(|| declared.cloned())?;
        (old != name && exists(&old, true) && !exists(&old, false) && !exists(name, true))
            .then_some(old)
    }

    /// Enum changes; returns the renames (old name, new enum) so that column types can
    /// follow them.
    fn enums(&mut self, from: &Schema, to: &Schema) -> Vec<(Enum, Enum)> {
        let find = |s: &'_ Schema, name: &str, schema: &Option<String>| -> Option<Enum> {
            s.enums
                .iter()
                .find(|e| e.name == name && e.schema == *schema)
                .cloned()
        };
        let mut renames: Vec<(Enum, Enum)> = Vec::new();
        for e in &to.enums {
            let exists = |n: &str, before: bool| {
                find(if before { from } else { to }, n, &e.schema).is_some()
            };
            if let Some(old) = self.declared_rename(e.renamed_from.as_ref(), &e.name, exists) {
                if let Some(o) = find(from, &old, &e.schema) {
                    renames.push((o, e.clone()));
                }
            }
        }
        let renamed_from = |e: &Enum| {
            renames
                .iter()
                .any(|(o, _)| o.name == e.name && o.schema == e.schema)
        };
        for e in &from.enums {
            if !renamed_from(e)
                && !to
                    .enums
                    .iter()
                    .any(|n| n.name == e.name && n.schema == e.schema)
            {
                self.changes.push(Change::DropEnum(e.clone()));
            }
        }
        for e in &to.enums {
            let old = match renames
                .iter()
                .find(|(_, n)| n.name == e.name && n.schema == e.schema)
            {
                Some((o, _)) => {
                    self.changes.push(Change::RenameEnum {
                        from: o.clone(),
                        to: e.clone(),
                    });
                    // Value changes apply to the type under its new name.
                    let mut o = o.clone();
                    o.name.clone_from(&e.name);
                    Some(o)
                }
                None => find(from, &e.name, &e.schema),
            };
            match old {
                None => self.changes.push(Change::CreateEnum(e.clone())),
                Some(o) if o.values == e.values => {}
                Some(o) if is_append_only(&o.values, &e.values) => {
                    self.changes.push(Change::AddEnumValues {
                        from: o,
                        to: e.clone(),
                    })
                }
                Some(o) => self.changes.push(Change::RebuildEnum {
                    from: o,
                    to: e.clone(),
                }),
            }
        }
        renames
    }

    fn views(&mut self, from: &Schema, to: &Schema) {
        let find = |s: &'_ Schema, name: &str, schema: &Option<String>| -> Option<View> {
            s.views
                .iter()
                .find(|v| v.name == name && v.schema == *schema)
                .cloned()
        };
        let mut renames: Vec<(View, View)> = Vec::new();
        for v in &to.views {
            let exists = |n: &str, before: bool| {
                find(if before { from } else { to }, n, &v.schema).is_some()
            };
            if let Some(old) = self.declared_rename(v.renamed_from.as_ref(), &v.name, exists) {
                if let Some(o) = find(from, &old, &v.schema) {
                    renames.push((o, v.clone()));
                }
            }
        }
        // A database that cannot rename a view drops it and creates it again.
        if !self.hooks.renames_views() {
            renames.clear();
        }
        let renamed_from = |v: &View| {
            renames
                .iter()
                .any(|(o, _)| o.name == v.name && o.schema == v.schema)
        };
        for v in &from.views {
            if !renamed_from(v)
                && !to
                    .views
                    .iter()
                    .any(|n| n.name == v.name && n.schema == v.schema)
            {
                self.changes.push(Change::DropView(v.clone()));
            }
        }
        for v in &to.views {
            let old = match renames
                .iter()
                .find(|(_, n)| n.name == v.name && n.schema == v.schema)
            {
                Some((o, _)) => {
                    self.changes.push(Change::RenameView {
                        from: o.clone(),
                        to: v.clone(),
                    });
                    // A definition change applies to the view under its new name.
                    let mut o = o.clone();
                    o.name.clone_from(&v.name);
                    Some(o)
                }
                None => find(from, &v.name, &v.schema),
            };
            match old {
                None => self.changes.push(Change::CreateView(v.clone())),
                Some(o) if !self.hooks.views_equal(&o, v) => {
                    self.changes.push(Change::ReplaceView {
                        from: o,
                        to: v.clone(),
                    })
                }
                Some(_) => {}
            }
        }
    }

    /// The old name of table `t`, from a flag or a `renamed_from` declaration.
    fn declared_table_rename(&self, from: &Schema, to: &Schema, t: &Table) -> Option<String> {
        let flagged = self.opts.renames.iter().find_map(|r| match r {
            Rename::Table { from, to } if *to == t.name => Some(from.clone()),
            _ => None,
        });
        let old = flagged.or_else(|| t.renamed_from.clone())?;
        // Only a rename if the old table exists and is gone from the new schema.
        let exists_before = from
            .tables
            .iter()
            .any(|o| o.name == old && o.schema == t.schema);
        let still_there = to
            .tables
            .iter()
            .any(|n| n.name == old && n.schema == t.schema);
        // ... and the new name is new: a `renamed_from` comment left in the file after its
        // rename was applied must not pair a later table of the old name with this one.
        let name_taken = from
            .tables
            .iter()
            .any(|o| o.name == t.name && o.schema == t.schema);
        (exists_before && !still_there && !name_taken && old != t.name).then_some(old)
    }

    fn declared_column_rename(
        &self,
        old_table: &Table,
        new_table: &Table,
        c: &Column,
    ) -> Option<String> {
        let flagged = self.opts.renames.iter().find_map(|r| match r {
            Rename::Column { table, from, to }
                if *to == c.name && (*table == new_table.name || *table == old_table.name) =>
            {
                Some(from.clone())
            }
            _ => None,
        });
        let old = flagged.or_else(|| c.renamed_from.clone())?;
        let exists_before = old_table.column(&old).is_some();
        let still_there = new_table.column(&old).is_some();
        let name_taken = old_table.column(&c.name).is_some();
        (exists_before && !still_there && !name_taken && old != c.name).then_some(old)
    }

    fn tables(&mut self, from: &Schema, to: &Schema) {
        // Pair every new table with its old self (same name, or declared rename).
        let mut pairs: Vec<(&Table, &Table)> = Vec::new();
        let mut matched_old: BTreeSet<(Option<String>, String)> = BTreeSet::new();
        let mut created: Vec<&Table> = Vec::new();
        for t in &to.tables {
            let old_name = self.declared_table_rename(from, to, t);
            let lookup = old_name.as_deref().unwrap_or(&t.name);
            match from
                .tables
                .iter()
                .find(|o| o.name == lookup && o.schema == t.schema)
            {
                Some(o) => {
                    matched_old.insert((o.schema.clone(), o.name.clone()));
                    pairs.push((o, t));
                }
                None => created.push(t),
            }
        }
        let dropped: Vec<&Table> = from
            .tables
            .iter()
            .filter(|o| !matched_old.contains(&(o.schema.clone(), o.name.clone())))
            .collect();

        // A dropped table and a created one that share most of their columns look like a
        // rename (perhaps with column changes): each dropped table pairs with its most similar
        // created table, one to one.
        let mut paired: BTreeSet<String> = BTreeSet::new();
        for d in &dropped {
            let best = created
                .iter()
                .filter(|c| c.schema == d.schema && !paired.contains(&c.name))
                .map(|c| (self.shared_columns(d, c), *c))
                .filter(|(n, c)| looks_renamed(*n, d.columns.len(), c.columns.len()))
                .max_by_key(|(n, _)| *n);
            if let Some((_, c)) = best {
                paired.insert(c.name.clone());
                self.candidates.push(RenameCandidate::Table {
                    from: d.table_ref(),
                    to: c.table_ref(),
                });
            }
        }

        // The old schema with every table rename applied, so that references compare equal.
        let table_renames: BTreeMap<String, String> = pairs
            .iter()
            .filter(|(o, n)| o.name != n.name)
            .map(|(o, n)| (o.name.clone(), n.name.clone()))
            .collect();

        // Column renames per (new) table name, old -> new.
        let mut column_renames: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (o, n) in &pairs {
            for c in &n.columns {
                if let Some(old) = self.declared_column_rename(o, n, c) {
                    column_renames
                        .entry(n.name.clone())
                        .or_default()
                        .insert(old, c.name.clone());
                }
            }
        }

        for d in dropped {
            self.changes.push(Change::DropTable(d.clone()));
        }
        for c in created {
            self.changes.push(Change::CreateTable(c.clone()));
        }
        for (o, n) in pairs {
            if o.name != n.name {
                self.changes.push(Change::RenameTable {
                    from: o.table_ref(),
                    to: n.table_ref(),
                });
            }
            let renamed = rename_table(o, &n.name, &table_renames, &column_renames);
            self.table(&renamed, n, column_renames.get(&n.name));
        }
    }

    /// How many columns of `a` exist in `b` with the same name and type.
    fn shared_columns(&self, a: &Table, b: &Table) -> usize {
        a.columns
            .iter()
            .filter(|c| {
                b.column(&c.name)
                    .is_some_and(|d| self.hooks.types_equal(&c.ty, &d.ty))
            })
            .count()
    }

    /// Diffs one table whose old form already carries the new table and column names.
    fn table(&mut self, old: &Table, new: &Table, renames: Option<&BTreeMap<String, String>>) {
        let tref = new.table_ref();
        if let Some(renames) = renames {
            for (from, to) in renames {
                self.changes.push(Change::RenameColumn {
                    table: tref.clone(),
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
        let mut dropped_cols: Vec<&Column> = Vec::new();
        for c in &old.columns {
            if new.column(&c.name).is_none() {
                dropped_cols.push(c);
                self.changes.push(Change::DropColumn {
                    table: tref.clone(),
                    column: c.clone(),
                });
            }
        }
        for c in &new.columns {
            match old.column(&c.name) {
                None => {
                    // One dropped column pairs with one added column at most.
                    if let Some(i) = dropped_cols
                        .iter()
                        .position(|d| self.hooks.types_equal(&d.ty, &c.ty))
                    {
                        let d = dropped_cols.remove(i);
                        self.candidates.push(RenameCandidate::Column {
                            table: tref.clone(),
                            from: d.name.clone(),
                            to: c.name.clone(),
                        });
                    }
                    self.changes.push(Change::AddColumn {
                        table: tref.clone(),
                        column: c.clone(),
                    })
                }
                Some(o) if !self.columns_equal(o, c) => self.changes.push(Change::AlterColumn {
                    table: tref.clone(),
                    from: o.clone(),
                    to: c.clone(),
                }),
                Some(_) => {}
            }
        }

        let old_pk = old.primary_key.as_ref().map(|p| &p.columns);
        let new_pk = new.primary_key.as_ref().map(|p| &p.columns);
        if old_pk != new_pk {
            self.changes.push(Change::SetPrimaryKey {
                table: tref.clone(),
                from: old.primary_key.clone(),
                to: new.primary_key.clone(),
            });
        }

        let (drop, add) = match_named(
            &old.uniques,
            &new.uniques,
            |u| (&u.name, u.auto_named),
            |a, b| a.columns == b.columns,
        );
        let (drop, add) = self.constraint_renames(
            &tref,
            drop,
            add,
            |u: &UniqueConstraint| (&u.name, u.auto_named),
            |a, b| a.columns == b.columns,
        );
        for u in drop {
            self.changes.push(Change::DropUnique {
                table: tref.clone(),
                unique: u.clone(),
            });
        }
        for u in add {
            self.changes.push(Change::AddUnique {
                table: tref.clone(),
                unique: u.clone(),
            });
        }

        let hooks = self.hooks;
        let (drop, add) = match_named(
            &old.checks,
            &new.checks,
            |c: &Check| (&c.name, c.auto_named),
            |a, b| hooks.exprs_equal(&a.expr, &b.expr),
        );
        let (drop, add) = self.constraint_renames(
            &tref,
            drop,
            add,
            |c: &Check| (&c.name, c.auto_named),
            |a, b| hooks.exprs_equal(&a.expr, &b.expr),
        );
        for c in drop {
            self.changes.push(Change::DropCheck {
                table: tref.clone(),
                check: c.clone(),
            });
        }
        for c in add {
            self.changes.push(Change::AddCheck {
                table: tref.clone(),
                check: c.clone(),
            });
        }

        let (drop, add) = match_named(
            &old.foreign_keys,
            &new.foreign_keys,
            |f: &ForeignKey| (&f.name, f.auto_named),
            |a, b| a.same_definition(b),
        );
        let (drop, add) = self.constraint_renames(
            &tref,
            drop,
            add,
            |f: &ForeignKey| (&f.name, f.auto_named),
            |a, b| a.same_definition(b),
        );
        for fk in drop {
            self.changes.push(Change::DropForeignKey {
                table: tref.clone(),
                fk: fk.clone(),
            });
        }
        for fk in add {
            self.changes.push(Change::AddForeignKey {
                table: tref.clone(),
                fk: fk.clone(),
            });
        }

        let (drop, add) = match_named(
            &old.indexes,
            &new.indexes,
            |i: &Index| (&i.name, i.auto_named),
            |a, b| self.indexes_equal(a, b),
        );
        // Same definition under a new explicit name: a rename.
        let mut renamed_drop: BTreeSet<String> = BTreeSet::new();
        let mut renamed_add: BTreeSet<String> = BTreeSet::new();
        for a in &add {
            let declared = a.renamed_from.as_deref();
            if let Some(d) = drop.iter().find(|d| {
                !renamed_drop.contains(&d.name)
                    && (declared == Some(d.name.as_str()) || !a.auto_named)
                    && self.indexes_equal(d, a)
            }) {
                renamed_drop.insert(d.name.clone());
                renamed_add.insert(a.name.clone());
                self.changes.push(Change::RenameIndex {
                    table: tref.clone(),
                    from: d.name.clone(),
                    to: a.name.clone(),
                });
            }
        }
        for i in drop.into_iter().filter(|i| !renamed_drop.contains(&i.name)) {
            self.changes.push(Change::DropIndex {
                table: tref.clone(),
                index: i.clone(),
            });
        }
        for i in add.into_iter().filter(|i| !renamed_add.contains(&i.name)) {
            self.changes.push(Change::CreateIndex {
                table: tref.clone(),
                index: i.clone(),
            });
        }

        if options_changed(&old.options, &new.options) {
            self.changes.push(Change::SetTableOptions {
                table: tref.clone(),
                from: old.options.clone(),
                to: new.options.clone(),
            });
        }

        if self.hooks.supports_comments() && old.comment != new.comment {
            self.changes.push(Change::SetTableComment {
                table: tref,
                from: old.comment.clone(),
                to: new.comment.clone(),
            });
        }
    }

    /// Among dropped and added constraints of one table, an added one with an explicit name
    /// and the definition of a dropped one is that one renamed (where the database renames
    /// constraints in place). Returns the drops and adds left.
    fn constraint_renames<'t, T>(
        &mut self,
        table: &flash_schema::TableRef,
        drop: Vec<&'t T>,
        add: Vec<&'t T>,
        name: impl Fn(&T) -> (&String, bool),
        same: impl Fn(&T, &T) -> bool,
    ) -> (Vec<&'t T>, Vec<&'t T>) {
        if !self.hooks.renames_constraints() {
            return (drop, add);
        }
        let mut used = vec![false; drop.len()];
        let mut left_add = Vec::new();
        for a in add {
            let (an, auto) = name(a);
            let found = (!auto)
                .then(|| {
                    drop.iter()
                        .enumerate()
                        .position(|(i, d)| !used[i] && same(d, a))
                })
                .flatten();
            match found {
                Some(i) => {
                    used[i] = true;
                    self.changes.push(Change::RenameConstraint {
                        table: table.clone(),
                        from: name(drop[i]).0.clone(),
                        to: an.clone(),
                    });
                }
                None => left_add.push(a),
            }
        }
        let left_drop = drop
            .into_iter()
            .zip(used)
            .filter(|(_, u)| !u)
            .map(|(d, _)| d)
            .collect();
        (left_drop, left_add)
    }

    fn columns_equal(&self, a: &Column, b: &Column) -> bool {
        let h = self.hooks;
        h.types_equal(&a.ty, &b.ty)
            && a.nullable == b.nullable
            && h.defaults_equal(b, a.default.as_deref(), b.default.as_deref())
            && a.identity.as_ref().map(|i| i.kind) == b.identity.as_ref().map(|i| i.kind)
            && match (&a.generated, &b.generated) {
                (None, None) => true,
                (Some(x), Some(y)) => x.stored == y.stored && h.exprs_equal(&x.expr, &y.expr),
                _ => false,
            }
            && h.collations_equal(a.collation.as_deref(), b.collation.as_deref())
            && (!h.supports_comments() || a.comment == b.comment)
            && match (&a.on_update, &b.on_update) {
                (None, None) => true,
                (Some(x), Some(y)) => h.exprs_equal(x, y),
                _ => false,
            }
    }

    fn indexes_equal(&self, a: &Index, b: &Index) -> bool {
        let h = self.hooks;
        let parts_equal = |x: &IndexPart, y: &IndexPart| {
            x.column == y.column
                && match (&x.expr, &y.expr) {
                    (None, None) => true,
                    (Some(p), Some(q)) => h.exprs_equal(p, q),
                    _ => false,
                }
                && x.descending == y.descending
                && x.opclass.as_deref().map(str::to_ascii_lowercase)
                    == y.opclass.as_deref().map(str::to_ascii_lowercase)
                && x.length == y.length
        };
        a.unique == b.unique
            && a.parts.len() == b.parts.len()
            && a.parts.iter().zip(&b.parts).all(|(x, y)| parts_equal(x, y))
            && a.method.as_deref().map(str::to_ascii_lowercase)
                == b.method.as_deref().map(str::to_ascii_lowercase)
            && match (&a.predicate, &b.predicate) {
                (None, None) => true,
                (Some(p), Some(q)) => h.exprs_equal(p, q),
                _ => false,
            }
            && a.include == b.include
            && a.kind.as_deref().map(str::to_ascii_lowercase)
                == b.kind.as_deref().map(str::to_ascii_lowercase)
    }
}

/// Whether two tables sharing `shared` columns look like one renamed: at least half of the
/// larger one is shared, and more than a lone column unless both have nothing else.
fn looks_renamed(shared: usize, a: usize, b: usize) -> bool {
    let larger = a.max(b);
    shared > 0 && shared * 2 >= larger && (shared >= 2 || (a == shared && b == shared))
}

/// Whether table options differ. ENGINE, CHARSET and COLLATE count only when the new schema
/// states them (an unstated option means "whatever the server defaults to"); SQLite's STRICT and
/// WITHOUT ROWID always count.
fn options_changed(old: &TableOptions, new: &TableOptions) -> bool {
    let stated_and_different = |o: &Option<String>, n: &Option<String>| match n {
        Some(n) => !o.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(n)),
        None => false,
    };
    stated_and_different(&old.engine, &new.engine)
        || stated_and_different(&old.charset, &new.charset)
        || stated_and_different(&old.collation, &new.collation)
        || old.without_rowid != new.without_rowid
        || old.strict != new.strict
}

/// Pairs old and new named elements. An element is kept when a counterpart has the same
/// definition and the same name, or the same definition and a new name that flash made up (the
/// schema did not name it, so the name the database has is as good). A new explicit name that
/// differs is a change. Returns (dropped, added): a changed element appears in both.
fn match_named<'a, T>(
    old: &'a [T],
    new: &'a [T],
    name: impl Fn(&T) -> (&String, bool),
    same: impl Fn(&T, &T) -> bool,
) -> (Vec<&'a T>, Vec<&'a T>) {
    let mut used = vec![false; old.len()];
    let mut added = Vec::new();
    for n in new {
        let (nn, n_auto) = name(n);
        let found = old.iter().enumerate().position(|(i, o)| {
            let (on, _) = name(o);
            !used[i] && same(o, n) && (on == nn || n_auto)
        });
        match found {
            Some(i) => used[i] = true,
            None => added.push(n),
        }
    }
    let dropped = old
        .iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(o, _)| o)
        .collect();
    (dropped, added)
}

/// A copy of `t` named `new_name`, with table and column renames applied to its columns and
/// to every reference it makes.
fn rename_table(
    t: &Table,
    new_name: &str,
    table_renames: &BTreeMap<String, String>,
    column_renames: &BTreeMap<String, BTreeMap<String, String>>,
) -> Table {
    let mut out = t.clone();
    out.name = new_name.to_string();
    let own = column_renames.get(new_name);
    let col = |c: &str, map: Option<&BTreeMap<String, String>>| -> String {
        map.and_then(|m| m.get(c).cloned())
            .unwrap_or_else(|| c.to_string())
    };
    for c in &mut out.columns {
        c.name = col(&c.name, own);
    }
    if let Some(pk) = &mut out.primary_key {
        pk.columns = pk.columns.iter().map(|c| col(c, own)).collect();
    }
    for u in &mut out.uniques {
        u.columns = u.columns.iter().map(|c| col(c, own)).collect();
    }
    for i in &mut out.indexes {
        for p in &mut i.parts {
            if let Some(c) = &p.column {
                p.column = Some(col(c, own));
            }
        }
        i.include = i.include.iter().map(|c| col(c, own)).collect();
    }
    for fk in &mut out.foreign_keys {
        fk.columns = fk.columns.iter().map(|c| col(c, own)).collect();
        let target = table_renames
            .get(&fk.ref_table)
            .cloned()
            .unwrap_or_else(|| fk.ref_table.clone());
        let theirs = column_renames.get(&target);
        fk.ref_columns = fk.ref_columns.iter().map(|c| col(c, theirs)).collect();
        fk.ref_table = target;
    }
    out
}

/// Column types (and array element types) that name an enum renamed by `renames` name it by
/// its new name.
fn retype_enum_columns(schema: &mut Schema, renames: &[(Enum, Enum)]) {
    fn follow(kind: &mut TypeKind, renames: &[(Enum, Enum)]) -> bool {
        match kind {
            TypeKind::Enum {
                name: Some(n),
                values,
            } => {
                let found = renames.iter().find(|(o, _)| {
                    *n == o.name
                        || o.schema
                            .as_ref()
                            .is_some_and(|s| *n == format!("{s}.{}", o.name))
                });
                match found {
                    Some((o, e)) => {
                        *n = match &e.schema {
                            Some(s) if *n != o.name => format!("{s}.{}", e.name),
                            _ => e.name.clone(),
                        };
                        values.clone_from(&e.values);
                        true
                    }
                    None => false,
                }
            }
            TypeKind::Array { element } => follow(element, renames),
            _ => false,
        }
    }
    for t in &mut schema.tables {
        for c in &mut t.columns {
            let mut kind = c.ty.kind.clone();
            if follow(&mut kind, renames) {
                let raw = match &kind {
                    TypeKind::Enum { name: Some(n), .. } => n.clone(),
                    TypeKind::Array { element } => match element.as_ref() {
                        TypeKind::Enum { name: Some(n), .. } => format!("{n}[]"),
                        _ => c.ty.raw.clone(),
                    },
                    _ => c.ty.raw.clone(),
                };
                c.ty = ColumnType::new(raw, kind);
            }
        }
    }
}
