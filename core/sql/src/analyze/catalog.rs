//! The schema as the analysis reads it: tables and views by name, type names resolved.

use crate::names::same_name;
use flash_schema::{Provider, Schema, Table, TypeKind, View};
use sqlparser::ast::DataType;

/// Lookups over the schema model for one provider's naming rules.
pub(crate) struct Catalog<'a> {
    pub schema: &'a Schema,
    pub provider: Provider,
}

/// A relation of the schema a query may name.
pub(crate) enum Relation<'a> {
    Table(&'a Table),
    View(&'a View),
}

impl<'a> Catalog<'a> {
    pub fn new(schema: &'a Schema, provider: Provider) -> Self {
        Catalog { schema, provider }
    }

    /// True when `a` and `b` name the same identifier in this provider.
    pub fn same(&self, a: &str, b: &str) -> bool {
        same_name(a, b, self.provider)
    }

    /// The table or view `name` in `schema` (None: the default schema).
    pub fn relation(&self, schema: Option<&str>, name: &str) -> Option<Relation<'a>> {
        let ns_ok = |s: &Option<String>| match (schema, s) {
            (None, _) => true,
            (Some(want), Some(have)) => self.same(want, have),
            (Some(_), None) => false,
        };
        if let Some(t) = self
            .schema
            .tables
            .iter()
            .find(|t| self.same(&t.name, name) && ns_ok(&t.schema))
        {
            return Some(Relation::Table(t));
        }
        self.schema
            .views
            .iter()
            .find(|v| self.same(&v.name, name) && ns_ok(&v.schema))
            .map(Relation::View)
    }

    /// The neutral type of a type written in a query (`CAST(x AS text)`, `$1::mood`), with
    /// PostgreSQL enum names resolved against the schema.
    pub fn data_type(&self, dt: &DataType) -> TypeKind {
        // MySQL's CAST(x AS SIGNED / UNSIGNED [INTEGER]) targets are 64-bit integers.
        match dt {
            DataType::Signed | DataType::SignedInteger => {
                return TypeKind::Int {
                    bits: 64,
                    unsigned: false,
                }
            }
            DataType::Unsigned | DataType::UnsignedInteger => {
                return TypeKind::Int {
                    bits: 64,
                    unsigned: true,
                }
            }
            _ => {}
        }
        let kind = crate::types::column_type(dt, self.provider).kind;
        self.resolve(kind)
    }

    /// The neutral type of a type text (`numeric(10,2)`, `mood`), enums resolved.
    pub fn type_text(&self, text: &str) -> TypeKind {
        self.resolve(crate::types::type_kind(text, self.provider))
    }

    /// `Other { name }` naming an enum of the schema becomes that enum (arrays too).
    fn resolve(&self, kind: TypeKind) -> TypeKind {
        match kind {
            TypeKind::Other { name } => {
                let bare = name.rsplit('.').next().unwrap_or(&name).trim_matches('"');
                match self.schema.enums.iter().find(|e| self.same(&e.name, bare)) {
                    Some(e) => TypeKind::Enum {
                        name: Some(e.name.clone()),
                        values: e.values.clone(),
                    },
                    None => TypeKind::Other { name },
                }
            }
            TypeKind::Array { element } => TypeKind::Array {
                element: Box::new(self.resolve(*element)),
            },
            other => other,
        }
    }
}
