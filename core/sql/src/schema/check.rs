//! Pass 3: references between tables, enum-typed columns and duplicate names.

use super::constraint::columns_help;
use super::Builder;
use flash_schema::{Location, Provider, Table, TypeKind};
use std::collections::{HashMap, HashSet};

/// Runs the checks that need the whole model.
pub(crate) fn finish(b: &mut Builder) {
    foreign_keys(b);
    enum_columns(b);
    duplicate_names(b);
}

/// The referenced side of every foreign key: the table and its columns exist (a key without
/// columns references the primary key, which is filled in).
fn foreign_keys(b: &mut Builder) {
    let checks = std::mem::take(&mut b.fk_checks);
    for check in checks {
        let Some(ti) = b.table_index(&check.table.0, &check.table.1) else {
            continue;
        };
        let Some(fk) = b.schema.tables[ti]
            .foreign_keys
            .get(check.fk_index)
            .cloned()
        else {
            continue;
        };
        let table_name = b.schema.tables[ti].name.clone();
        let Some(ri) = b.table_index(&fk.ref_schema, &fk.ref_table) else {
            if !b.is_broken(&fk.ref_schema, &fk.ref_table) {
                let help = match suggest(
                    &fk.ref_table,
                    b.schema.tables.iter().map(|t| t.name.as_str()),
                ) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "declare table `{}` in a schema file, or fix the name",
                        fk.ref_table
                    ),
                };
                b.error(
                    &check.ref_table_loc,
                    format!(
                        "foreign key `{}` of table `{table_name}` references unknown table `{}`",
                        check.fk_name, fk.ref_table
                    ),
                    Some(help),
                );
            }
            continue;
        };
        let ref_table = b.schema.tables[ri].clone();
        if let Some(f) = b.schema.tables[ti].foreign_keys.get_mut(check.fk_index) {
            f.ref_table = ref_table.name.clone();
        }
        if check.ref_columns.is_empty() {
            match &ref_table.primary_key {
                Some(pk) if pk.columns.len() == fk.columns.len() => {
                    if let Some(f) = b.schema.tables[ti].foreign_keys.get_mut(check.fk_index) {
                        f.ref_columns = pk.columns.clone();
                    }
                }
                Some(pk) => b.error(
                    &check.ref_table_loc,
                    format!(
                        "foreign key `{}` of table `{table_name}` has {} column(s) but the primary key of `{}` has {}",
                        check.fk_name,
                        fk.columns.len(),
                        ref_table.name,
                        pk.columns.len()
                    ),
                    Some("list the referenced columns: REFERENCES table(column, ...)".into()),
                ),
                None => b.error(
                    &check.ref_table_loc,
                    format!(
                        "foreign key `{}` of table `{table_name}` references table `{}`, which has no primary key",
                        check.fk_name, ref_table.name
                    ),
                    Some("list the referenced columns: REFERENCES table(column, ...)".into()),
                ),
            }
            continue;
        }
        for (k, (col, loc)) in check.ref_columns.iter().enumerate() {
            if let Some(declared) = b.column_name(&ref_table, col) {
                if let Some(c) = b.schema.tables[ti]
                    .foreign_keys
                    .get_mut(check.fk_index)
                    .and_then(|f| f.ref_columns.get_mut(k))
                {
                    *c = declared;
                }
            } else {
                b.error(
                    loc,
                    format!(
                        "foreign key `{}` of table `{table_name}` references unknown column `{col}` of table `{}`",
                        check.fk_name, ref_table.name
                    ),
                    Some(columns_help(&ref_table)),
                );
            }
        }
    }
}

/// A name close to `wanted` (edit distance at most 2), for "did you mean".
fn suggest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Option<String> {
    names
        .map(|n| (distance(wanted, n), n))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n.to_string())
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Columns typed with a declared enum (PostgreSQL `CREATE TYPE ... AS ENUM`) get
/// `TypeKind::Enum { name, values }`.
fn enum_columns(b: &mut Builder) {
    if b.schema.enums.is_empty() {
        return;
    }
    let enums: HashMap<String, Vec<String>> = b
        .schema
        .enums
        .iter()
        .map(|e| {
            let key = match &e.schema {
                Some(s) => format!("{s}.{}", e.name),
                None => e.name.clone(),
            };
            (key, e.values.clone())
        })
        .collect();
    for table in &mut b.schema.tables {
        for col in &mut table.columns {
            resolve(&mut col.ty.kind, &enums);
        }
    }
}

fn resolve(kind: &mut TypeKind, enums: &HashMap<String, Vec<String>>) {
    match kind {
        TypeKind::Other { name } => {
            if let Some(values) = enums.get(name.as_str()) {
                *kind = TypeKind::Enum {
                    name: Some(name.clone()),
                    values: values.clone(),
                };
            }
        }
        TypeKind::Array { element } => resolve(element, enums),
        _ => {}
    }
}

/// Index names (one namespace per schema in PostgreSQL and SQLite, per table in MySQL) and
/// constraint names (per table) must be unique.
fn duplicate_names(b: &mut Builder) {
    let mut found: Vec<(Location, String)> = Vec::new();
    let mut reported: HashSet<(String, u32, u32)> = HashSet::new();
    let key = |l: &Location| (l.file.clone(), l.line, l.column);

    // Index namespace.
    let mut seen: HashMap<(Option<String>, String), Location> = HashMap::new();
    for table in &b.schema.tables {
        if b.provider == Provider::Mysql {
            seen.clear();
        }
        for (name, loc) in index_names(table) {
            let scope = if b.provider == Provider::Mysql {
                None
            } else {
                table.schema.clone()
            };
            match seen.get(&(scope.clone(), name.clone())) {
                Some(first) => {
                    reported.insert(key(&loc));
                    found.push((
                        loc,
                        format!("duplicate index name `{name}` (first declared at {first})"),
                    ));
                }
                None => {
                    seen.insert((scope, name), loc);
                }
            }
        }
    }
    // Constraint names per table.
    for table in &b.schema.tables {
        let mut seen: HashMap<&str, &Location> = HashMap::new();
        let names = table
            .uniques
            .iter()
            .map(|u| (u.name.as_str(), &u.location))
            .chain(table.checks.iter().map(|c| (c.name.as_str(), &c.location)))
            .chain(
                table
                    .foreign_keys
                    .iter()
                    .map(|f| (f.name.as_str(), &f.location)),
            );
        for (name, loc) in names {
            let Some(loc) = loc else { continue };
            match seen.get(name) {
                Some(first) if !reported.contains(&key(loc)) => found.push((
                    loc.clone(),
                    format!(
                        "duplicate constraint name `{name}` in table `{}` (first declared at {first})",
                        table.name
                    ),
                )),
                Some(_) => {}
                None => {
                    seen.insert(name, loc);
                }
            }
        }
    }
    for (loc, msg) in found {
        b.error(
            &loc,
            msg,
            Some("give each index and constraint its own name".into()),
        );
    }
}

/// Names in a table that live in the index namespace, with their locations.
fn index_names(table: &Table) -> Vec<(String, Location)> {
    let fallback = table.location.clone().unwrap_or_default();
    let mut out = Vec::new();
    if let Some(name) = table.primary_key.as_ref().and_then(|p| p.name.clone()) {
        out.push((name, fallback.clone()));
    }
    for u in &table.uniques {
        out.push((
            u.name.clone(),
            u.location.clone().unwrap_or_else(|| fallback.clone()),
        ));
    }
    for i in &table.indexes {
        out.push((
            i.name.clone(),
            i.location.clone().unwrap_or_else(|| fallback.clone()),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let names = ["users", "posts"];
        assert_eq!(suggest("user", names.iter().copied()), Some("users".into()));
        assert_eq!(suggest("comments", names.iter().copied()), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
