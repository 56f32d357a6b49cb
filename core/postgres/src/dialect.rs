//! [`PostgresDialect`]: PostgreSQL's answers to the differ's questions, schema normalization,
//! and the entry point of the planner.

use crate::{canon, plan, temporal, types};
use flash_diff::{Dialect, DiffHooks, PlanError};
use flash_schema::{Change, Column, ColumnType, Plan, Provider, Schema, TypeKind, View};

/// PostgreSQL's diff hooks and planner.
///
/// Comparisons between an inspected database and a parsed schema go through canonical forms:
/// types through [`types::canonical`], defaults and expressions through [`canon::expr`] (casts
/// and redundant parentheses ignored, catalog rewrites such as `= ANY (ARRAY[..])` undone), and
/// views through [`canon::view`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PostgresDialect;

impl DiffHooks for PostgresDialect {
    /// `ALTER TABLE ... RENAME CONSTRAINT` keeps the constraint (and a unique constraint's
    /// index) instead of dropping and re-validating it.
    fn renames_constraints(&self) -> bool {
        true
    }

    fn types_equal(&self, a: &ColumnType, b: &ColumnType) -> bool {
        types::canonical(&a.raw).to_lowercase() == types::canonical(&b.raw).to_lowercase()
    }

    fn defaults_equal(&self, column: &Column, a: Option<&str>, b: Option<&str>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                let (a, b) = (canon::expr(a), canon::expr(b));
                // `'08:00'` written, `'08:00:00'::time` stored: the same value.
                a == b || temporal::same_literal(&column.ty.kind, &a, &b)
            }
            _ => false,
        }
    }

    fn exprs_equal(&self, a: &str, b: &str) -> bool {
        a == b || canon::expr(a) == canon::expr(b)
    }

    /// Views compare by canonical query text (see [`canon`]). The catalog cannot tell whether a
    /// column list was declared, so a declared list is folded into output aliases on both
    /// sides. A `SELECT *` view compares equal to the expanded, qualified column list that
    /// PostgreSQL stores for it.
    fn views_equal(&self, a: &View, b: &View) -> bool {
        if a.materialized != b.materialized {
            return false;
        }
        if a.definition == b.definition && a.columns == b.columns {
            return true;
        }
        if canon::view(&a.definition, &a.columns) == canon::view(&b.definition, &b.columns) {
            return true;
        }
        let (wa, wb) = (
            canon::view_has_wildcard(&a.definition),
            canon::view_has_wildcard(&b.definition),
        );
        if wa != wb && a.columns.is_empty() && b.columns.is_empty() {
            let (x, y) = (
                canon::view_as_wildcard(&a.definition),
                canon::view_as_wildcard(&b.definition),
            );
            return x.is_some() && x == y;
        }
        false
    }

    fn narrowing(&self, from: &ColumnType, to: &ColumnType) -> Option<String> {
        types::narrowing(from, to)
    }
}

impl Dialect for PostgresDialect {
    fn provider(&self) -> Provider {
        Provider::Postgresql
    }

    /// Brings a parsed schema into the form inspection produces: canonical type spellings
    /// (enum columns marked as such), `public` as no schema, the default primary key name
    /// `{table}_pkey` as no name, NOT NULL on primary key, identity and serial columns, and
    /// `btree` (the default index method) as no method.
    fn normalize(&self, schema: &mut Schema) {
        normalize_schema(schema);
    }

    fn plan(&self, changes: &[Change], from: &Schema, to: &Schema) -> Result<Plan, PlanError> {
        plan::plan(self, changes, from, to)
    }
}

fn public_to_none(s: &mut Option<String>) {
    if s.as_deref() == Some("public") {
        *s = None;
    }
}

/// See [`PostgresDialect::normalize`]; also applied to inspected schemas.
pub fn normalize_schema(schema: &mut Schema) {
    for e in &mut schema.enums {
        public_to_none(&mut e.schema);
    }
    for v in &mut schema.views {
        public_to_none(&mut v.schema);
    }
    let enums = schema.enums.clone();
    for t in &mut schema.tables {
        public_to_none(&mut t.schema);
        if let Some(pk) = &mut t.primary_key {
            if pk.name.as_deref() == Some(format!("{}_pkey", t.name).as_str()) {
                pk.name = None;
            }
            for c in &pk.columns {
                if let Some(col) = t.columns.iter_mut().find(|x| &x.name == c) {
                    col.nullable = false;
                }
            }
        }
        for c in &mut t.columns {
            if c.identity.is_some() {
                c.nullable = false;
            }
            c.ty = normalize_type(&c.ty, &enums);
        }
        for fk in &mut t.foreign_keys {
            public_to_none(&mut fk.ref_schema);
        }
        for i in &mut t.indexes {
            if i.method
                .as_deref()
                .is_some_and(|m| m.eq_ignore_ascii_case("btree"))
            {
                i.method = None;
            }
            if let Some(m) = &mut i.method {
                *m = m.to_ascii_lowercase();
            }
        }
    }
}

/// Canonical raw text, and the kind recomputed from it (enum types looked up by name).
pub fn normalize_type(ty: &ColumnType, enums: &[flash_schema::Enum]) -> ColumnType {
    let raw = types::canonical(&ty.raw);
    // By qualified name first (`billing.state` and `state` may both exist); then by bare
    // name, for an enum of a schema on the search path that the catalog prints unqualified.
    let enum_kind = |name: &str| {
        let name = name.strip_prefix("public.").unwrap_or(name);
        enums
            .iter()
            .find(|e| qualified_enum(e).eq_ignore_ascii_case(name))
            .or_else(|| enums.iter().find(|e| e.name.eq_ignore_ascii_case(name)))
            .map(|e| TypeKind::Enum {
                name: Some(qualified_enum(e)),
                values: e.values.clone(),
            })
    };
    let kind = match raw.strip_suffix("[]") {
        Some(elem) if enum_kind(elem).is_some() => TypeKind::Array {
            element: Box::new(enum_kind(elem).unwrap_or(TypeKind::Other { name: elem.into() })),
        },
        _ => match enum_kind(&raw) {
            Some(k) => k,
            None => match &ty.kind {
                // Kinds the raw text cannot tell (domains, extension types) are kept.
                k @ TypeKind::Enum { .. } => k.clone(),
                _ => types::kind(&raw),
            },
        },
    };
    ColumnType::new(raw, kind)
}

fn qualified_enum(e: &flash_schema::Enum) -> String {
    match &e.schema {
        Some(s) => format!("{s}.{}", e.name),
        None => e.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enum_(schema: Option<&str>, name: &str, values: &[&str]) -> flash_schema::Enum {
        flash_schema::Enum {
            id: Default::default(),
            schema: schema.map(str::to_string),
            name: name.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
            renamed_from: None,
            location: None,
        }
    }

    fn enum_name(raw: &str, enums: &[flash_schema::Enum]) -> Option<String> {
        match normalize_type(
            &ColumnType::new(raw, TypeKind::Other { name: raw.into() }),
            enums,
        )
        .kind
        {
            TypeKind::Enum { name, .. } => name,
            _ => None,
        }
    }

    #[test]
    fn enums_resolve_by_qualified_name_first() {
        let enums = [
            enum_(Some("billing"), "state", &["open", "paid"]),
            enum_(None, "state", &["on", "off"]),
        ];
        assert_eq!(enum_name("state", &enums).as_deref(), Some("state"));
        assert_eq!(enum_name("public.state", &enums).as_deref(), Some("state"));
        assert_eq!(
            enum_name("billing.state", &enums).as_deref(),
            Some("billing.state")
        );
        // Printed unqualified (on the search path) and the only one of that name.
        assert_eq!(
            enum_name("state", &enums[..1]).as_deref(),
            Some("billing.state")
        );
        assert_eq!(enum_name("text", &enums), None);
    }
}
