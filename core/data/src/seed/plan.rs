//! Which tables a seed fills, with how many rows, in which order: the tables asked for (or
//! every table), the parents they need that are empty (added), the parents with rows (their
//! keys reused), parents before children along foreign keys. A cycle is broken at a nullable
//! foreign key, filled in by an UPDATE once the other table is in; a cycle of NOT NULL keys
//! is an error.

use crate::error::DataError;
use flash_schema::{Provider, Schema, Table, LEDGER_TABLE};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Rows per table when no count is given.
pub const DEFAULT_COUNT: u64 = 10;

/// `table:N` on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCount {
    pub table: String,
    pub count: u64,
}

impl std::str::FromStr for TableCount {
    type Err = DataError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            DataError::seed_help(
                s,
                "expected TABLE:N (a table name and a row count)",
                "write counts as `users:100 posts:500`",
            )
        };
        let (table, n) = s.rsplit_once(':').ok_or_else(bad)?;
        if table.is_empty() {
            return Err(bad());
        }
        let count = n.trim().parse::<u64>().map_err(|_| {
            DataError::seed_help(
                table,
                format!("`{n}` is not a row count"),
                "give a whole number of rows, e.g. `users:100`",
            )
        })?;
        Ok(TableCount {
            table: table.to_string(),
            count,
        })
    }
}

/// One table of the plan.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub table: Table,
    pub name: String,
    pub count: u64,
    /// Asked for (named, or every table); false: an empty parent added.
    pub requested: bool,
    /// Foreign keys (indices into `table.foreign_keys`) written NULL first and set by an
    /// UPDATE after their parent is in (a cycle broken here).
    pub deferred: Vec<usize>,
    /// Foreign keys left NULL: their parent is excluded and empty.
    pub nulled: Vec<usize>,
}

/// What a seed will do, before it reads rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    pub tables: Vec<Planned>,
    /// Parents with rows whose keys are referenced as they are.
    pub reused: Vec<String>,
}

/// The table of `live` called `name` (case-insensitive outside PostgreSQL).
pub(crate) fn find<'a>(live: &'a Schema, name: &str, provider: Provider) -> Option<&'a Table> {
    let fold = |s: &str| {
        if provider == Provider::Postgresql {
            s.to_string()
        } else {
            s.to_lowercase()
        }
    };
    live.tables
        .iter()
        .find(|t| fold(&t.name) == fold(name) || fold(&t.display_name()) == fold(name))
}

fn known(live: &Schema) -> String {
    live.tables
        .iter()
        .map(Table::display_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The plan for `counts` (empty: every table, `default` rows each) minus `exclude`;
/// `has_rows` says which tables (display names) hold rows already. `truncating`: the seeded
/// tables are emptied first, so their rows do not count.
pub(crate) fn plan(
    live: &Schema,
    counts: &[TableCount],
    default: u64,
    exclude: &[String],
    has_rows: &BTreeSet<String>,
    provider: Provider,
) -> Result<Plan, DataError> {
    let unknown = |name: &str| DataError::UnknownTable {
        name: name.to_string(),
        known: known(live),
    };
    let mut excluded: BTreeSet<String> = BTreeSet::new();
    for e in exclude {
        excluded.insert(
            find(live, e, provider)
                .ok_or_else(|| unknown(e))?
                .display_name(),
        );
    }
    // name -> (count, requested)
    let mut chosen: BTreeMap<String, (u64, bool)> = BTreeMap::new();
    if counts.is_empty() {
        for t in &live.tables {
            let n = t.display_name();
            if t.name != LEDGER_TABLE && !excluded.contains(&n) {
                chosen.insert(n, (default, true));
            }
        }
    } else {
        for c in counts {
            let t = find(live, &c.table, provider).ok_or_else(|| unknown(&c.table))?;
            let n = t.display_name();
            if t.name == LEDGER_TABLE {
                return Err(DataError::seed_help(
                    n,
                    "the migration history is not seeded",
                    "leave it out of the table counts",
                ));
            }
            if excluded.contains(&n) {
                return Err(DataError::seed_help(
                    n,
                    "the table is both counted and excluded",
                    "drop it from --exclude or from the table counts",
                ));
            }
            if chosen.insert(n.clone(), (c.count, true)).is_some() {
                return Err(DataError::seed_help(
                    n,
                    "the table is counted twice",
                    "give each table one count",
                ));
            }
        }
    }

    // Parents the chosen tables need: reused when they have rows, else seeded too.
    let mut reused: BTreeSet<String> = BTreeSet::new();
    let mut nulled: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut queue: Vec<String> = chosen.keys().cloned().collect();
    while let Some(name) = queue.pop() {
        let Some(t) = find(live, &name, provider) else {
            continue;
        };
        if chosen.get(&name).is_some_and(|(n, _)| *n == 0) {
            continue;
        }
        for (i, fk) in t.foreign_keys.iter().enumerate() {
            let Some(parent) = live
                .tables
                .iter()
                .find(|p| p.name == fk.ref_table && p.schema == fk.ref_schema)
            else {
                continue;
            };
            let pn = parent.display_name();
            if pn == name || chosen.contains_key(&pn) {
                continue;
            }
            if has_rows.contains(&pn) {
                reused.insert(pn);
                continue;
            }
            let nullable = fk
                .columns
                .iter()
                .all(|c| t.column(c).is_none_or(|c| c.nullable));
            if excluded.contains(&pn) {
                if nullable {
                    nulled.entry(name.clone()).or_default().push(i);
                    continue;
                }
                return Err(DataError::seed_help(
                    name.clone(),
                    format!(
                        "its foreign key {} needs rows in {pn}, which is excluded and empty",
                        fk.name
                    ),
                    format!("seed {pn} too (drop it from --exclude), or fill it first"),
                ));
            }
            chosen.insert(pn.clone(), (default, false));
            queue.push(pn);
        }
    }

    let tables: Vec<&Table> = live
        .tables
        .iter()
        .filter(|t| chosen.contains_key(&t.display_name()))
        .collect();
    let (order, deferred) = order(&tables)?;
    let planned = order
        .into_iter()
        .map(|t| {
            let name = t.display_name();
            let (count, requested) = chosen[&name];
            Planned {
                deferred: deferred.get(&name).cloned().unwrap_or_default(),
                nulled: nulled.get(&name).cloned().unwrap_or_default(),
                table: t.clone(),
                name,
                count,
                requested,
            }
        })
        .collect();
    Ok(Plan {
        tables: planned,
        reused: reused.into_iter().collect(),
    })
}

/// Parents first (ties by name). When every remaining table waits for another one, the
/// first nullable foreign key among them (by table, then key name) is deferred.
#[allow(clippy::type_complexity)]
fn order<'t>(
    tables: &[&'t Table],
) -> Result<(Vec<&'t Table>, BTreeMap<String, Vec<usize>>), DataError> {
    let by_name: BTreeMap<String, &Table> = tables.iter().map(|t| (t.display_name(), *t)).collect();
    let parent_of = |fk: &flash_schema::ForeignKey| {
        by_name
            .values()
            .find(|p| p.name == fk.ref_table && p.schema == fk.ref_schema)
            .map(|p| p.display_name())
    };
    let mut deferred: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut remaining: BTreeSet<String> = by_name.keys().cloned().collect();
    let mut out = Vec::new();
    while !remaining.is_empty() {
        let waits = |name: &str, deferred: &BTreeMap<String, Vec<usize>>| {
            let t = by_name[name];
            t.foreign_keys.iter().enumerate().any(|(i, fk)| {
                let d = deferred.get(name).is_some_and(|d| d.contains(&i));
                !d && parent_of(fk).is_some_and(|p| p != name && remaining.contains(&p))
            })
        };
        let ready = remaining.iter().find(|n| !waits(n, &deferred)).cloned();
        if let Some(n) = ready {
            remaining.remove(&n);
            out.push(by_name[&n]);
            continue;
        }
        // A cycle: defer a nullable foreign key inside it.
        let mut broke = false;
        'find: for n in &remaining {
            let t = by_name[n];
            for (i, fk) in t.foreign_keys.iter().enumerate() {
                let inside = parent_of(fk).is_some_and(|p| &p != n && remaining.contains(&p));
                let nullable = fk
                    .columns
                    .iter()
                    .all(|c| t.column(c).is_none_or(|c| c.nullable));
                let already = deferred.get(n).is_some_and(|d| d.contains(&i));
                if inside && nullable && !already {
                    deferred.entry(n.clone()).or_default().push(i);
                    broke = true;
                    break 'find;
                }
            }
        }
        if !broke {
            let keys: Vec<String> = remaining
                .iter()
                .flat_map(|n| {
                    let t = by_name[n];
                    t.foreign_keys
                        .iter()
                        .filter(|fk| {
                            parent_of(fk).is_some_and(|p| &p != n && remaining.contains(&p))
                        })
                        .map(move |fk| {
                            format!("{n}({}) -> {}", fk.columns.join(", "), fk.ref_table)
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            let names: Vec<String> = remaining.iter().cloned().collect();
            return Err(DataError::seed_help(
                names.join(", "),
                format!(
                    "the tables reference each other through NOT NULL foreign keys ({}), so none can be filled first",
                    keys.join("; ")
                ),
                "make one of these foreign key columns nullable, or insert rows into one of the tables and seed the others (seed reuses existing rows)",
            ));
        }
    }
    Ok((out, deferred))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_counts_parse_or_say_what_is_wrong() {
        assert_eq!(
            "users:100".parse::<TableCount>().unwrap(),
            TableCount {
                table: "users".into(),
                count: 100
            }
        );
        assert_eq!(
            "billing.invoices:5".parse::<TableCount>().unwrap().table,
            "billing.invoices"
        );
        let e = "users:many".parse::<TableCount>().unwrap_err();
        assert!(e.to_string().contains("`many` is not a row count"), "{e}");
        assert!("users".parse::<TableCount>().is_err());
        assert!(":5".parse::<TableCount>().is_err());
    }
}
