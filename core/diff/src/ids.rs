//! Element ids: carried over from the old schema, made up for new elements.

use crate::hooks::normalize_sql_text;
use flash_schema::{Change, ElementId, Schema};
use std::collections::{BTreeMap, BTreeSet};

/// Gives every table, column, index, constraint, enum and view of `to` an id: the id of the
/// element it continues in `from` (following the renames in `changes`), or a new one derived
/// from its name. Call it before saving `to` as the new snapshot.
pub fn assign_ids(to: &mut Schema, from: &Schema, changes: &[Change]) {
    let mut table_renames: BTreeMap<String, String> = BTreeMap::new(); // new -> old
    let mut column_renames: BTreeMap<(String, String), String> = BTreeMap::new(); // (table,new) -> old
                                                                                  // Enums and views (new -> old), indexes and constraints ((table, new) -> old).
    let mut enum_renames: BTreeMap<String, String> = BTreeMap::new();
    let mut view_renames: BTreeMap<String, String> = BTreeMap::new();
    let mut inner_renames: BTreeMap<(String, String), String> = BTreeMap::new();
    for c in changes {
        match c {
            Change::RenameEnum { from, to } => {
                enum_renames.insert(to.name.clone(), from.name.clone());
            }
            Change::RenameView { from, to } => {
                view_renames.insert(to.name.clone(), from.name.clone());
            }
            Change::RenameIndex { table, from, to }
            | Change::RenameConstraint { table, from, to } => {
                inner_renames.insert((table.name.clone(), to.clone()), from.clone());
            }
            Change::RenameTable { from, to } => {
                table_renames.insert(to.name.clone(), from.name.clone());
            }
            Change::RenameColumn { table, from, to } => {
                column_renames.insert((table.name.clone(), to.clone()), from.clone());
            }
            _ => {}
        }
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    collect_used(from, &mut used);
    let fresh = |base: String, used: &mut BTreeSet<String>| -> ElementId {
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}#{n}");
            n += 1;
        }
        used.insert(id.clone());
        ElementId(id)
    };

    for e in &mut to.enums {
        let old_name = enum_renames.get(&e.name).unwrap_or(&e.name);
        e.id = match from
            .enums
            .iter()
            .find(|o| o.name == *old_name && o.schema == e.schema && !o.id.is_empty())
        {
            Some(o) => o.id.clone(),
            None => fresh(format!("enum:{}", e.name), &mut used),
        };
    }
    let view_names: BTreeSet<String> = to.views.iter().map(|v| v.name.clone()).collect();
    for v in &mut to.views {
        // Renamed in place, or dropped and created where the database cannot rename views.
        let declared = v
            .renamed_from
            .as_ref()
            .filter(|o| !view_names.contains(*o) && !from.views.iter().any(|x| x.name == v.name));
        let old_name = view_renames.get(&v.name).or(declared).unwrap_or(&v.name);
        v.id = match from
            .views
            .iter()
            .find(|o| o.name == *old_name && o.schema == v.schema && !o.id.is_empty())
        {
            Some(o) => o.id.clone(),
            None => fresh(format!("view:{}", v.name), &mut used),
        };
    }
    for t in &mut to.tables {
        let old_name = table_renames
            .get(&t.name)
            .cloned()
            .unwrap_or_else(|| t.name.clone());
        let old = from
            .tables
            .iter()
            .find(|o| o.name == old_name && o.schema == t.schema);
        t.id = match old.filter(|o| !o.id.is_empty()) {
            Some(o) => o.id.clone(),
            None => fresh(format!("table:{}", t.name), &mut used),
        };
        let tname = t.name.clone();
        // The name an index or constraint had before a rename in this migration.
        let was = |name: &str| -> String {
            inner_renames
                .get(&(tname.clone(), name.to_string()))
                .cloned()
                .unwrap_or_else(|| name.to_string())
        };
        for c in &mut t.columns {
            let old_col = column_renames
                .get(&(tname.clone(), c.name.clone()))
                .cloned()
                .unwrap_or_else(|| c.name.clone());
            c.id = match old
                .and_then(|o| o.column(&old_col))
                .filter(|o| !o.id.is_empty())
            {
                Some(o) => o.id.clone(),
                None => fresh(format!("column:{tname}.{}", c.name), &mut used),
            };
        }
        // An element the schema did not name keeps the name the database has for the same
        // definition, so that later changes address it by its real name. An old element
        // whose name is gone from the table, with the definition of a new one, is that one
        // renamed (in place, or dropped and added where the database cannot rename it): its
        // id continues under the new name.
        let index_names: BTreeSet<String> = t.indexes.iter().map(|x| x.name.clone()).collect();
        let unique_names: BTreeSet<String> = t.uniques.iter().map(|x| x.name.clone()).collect();
        let check_names: BTreeSet<String> = t.checks.iter().map(|x| x.name.clone()).collect();
        let fk_names: BTreeSet<String> = t.foreign_keys.iter().map(|x| x.name.clone()).collect();
        for i in &mut t.indexes {
            let prev = old.and_then(|o| {
                o.indexes
                    .iter()
                    .find(|x| x.name == was(&i.name))
                    .or_else(|| {
                        o.indexes.iter().find(|x| {
                            (i.auto_named || !index_names.contains(&x.name)) && x.same_definition(i)
                        })
                    })
            });
            adopt(
                &mut i.name,
                &mut i.id,
                prev.map(|p| (&p.name, &p.id)),
                i.auto_named,
            );
            if i.id.is_empty() {
                i.id = fresh(format!("index:{tname}.{}", i.name), &mut used);
            }
        }
        for u in &mut t.uniques {
            let prev = old.and_then(|o| {
                o.uniques
                    .iter()
                    .find(|x| x.name == was(&u.name))
                    .or_else(|| {
                        o.uniques.iter().find(|x| {
                            (u.auto_named || !unique_names.contains(&x.name))
                                && x.columns == u.columns
                        })
                    })
            });
            adopt(
                &mut u.name,
                &mut u.id,
                prev.map(|p| (&p.name, &p.id)),
                u.auto_named,
            );
            if u.id.is_empty() {
                u.id = fresh(format!("unique:{tname}.{}", u.name), &mut used);
            }
        }
        for k in &mut t.checks {
            let prev = old.and_then(|o| {
                o.checks
                    .iter()
                    .find(|x| x.name == was(&k.name))
                    .or_else(|| {
                        o.checks.iter().find(|x| {
                            (k.auto_named || !check_names.contains(&x.name))
                                && normalize_sql_text(&x.expr) == normalize_sql_text(&k.expr)
                        })
                    })
            });
            adopt(
                &mut k.name,
                &mut k.id,
                prev.map(|p| (&p.name, &p.id)),
                k.auto_named,
            );
            if k.id.is_empty() {
                k.id = fresh(format!("check:{tname}.{}", k.name), &mut used);
            }
        }
        for f in &mut t.foreign_keys {
            let prev = old.and_then(|o| {
                o.foreign_keys
                    .iter()
                    .find(|x| x.name == was(&f.name))
                    .or_else(|| {
                        o.foreign_keys.iter().find(|x| {
                            (f.auto_named || !fk_names.contains(&x.name)) && x.same_definition(f)
                        })
                    })
            });
            adopt(
                &mut f.name,
                &mut f.id,
                prev.map(|p| (&p.name, &p.id)),
                f.auto_named,
            );
            if f.id.is_empty() {
                f.id = fresh(format!("fk:{tname}.{}", f.name), &mut used);
            }
        }
    }
}

/// Takes over the id of the element `prev` continues, if any, and its name when the schema
/// did not name this one (`auto_named`).
fn adopt(
    name: &mut String,
    id: &mut ElementId,
    prev: Option<(&String, &ElementId)>,
    auto_named: bool,
) {
    if let Some((n, i)) = prev {
        if auto_named {
            name.clone_from(n);
        }
        *id = i.clone();
    }
}

fn collect_used(s: &Schema, used: &mut BTreeSet<String>) {
    for e in &s.enums {
        used.insert(e.id.0.clone());
    }
    for v in &s.views {
        used.insert(v.id.0.clone());
    }
    for t in &s.tables {
        used.insert(t.id.0.clone());
        used.extend(t.columns.iter().map(|c| c.id.0.clone()));
        used.extend(t.indexes.iter().map(|c| c.id.0.clone()));
        used.extend(t.uniques.iter().map(|c| c.id.0.clone()));
        used.extend(t.checks.iter().map(|c| c.id.0.clone()));
        used.extend(t.foreign_keys.iter().map(|c| c.id.0.clone()));
    }
}
