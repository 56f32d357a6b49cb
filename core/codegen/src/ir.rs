//! The intermediate representation every backend reads: a serialisable request.
//!
//! It is built by [`GenRequest::new`] from the schema model and the analysed queries, which
//! settles every question a backend would otherwise answer differently: each enum has a name and
//! sits in the catalog (MySQL's inline `ENUM(...)` columns become `<table>_<column>`), each
//! parameter and result field has a unique name within its query, and a query whose result is
//! exactly a table's row names that table as its `model`.

use flash_schema::{Provider, Schema, TypeKind};
use flash_sql::analyze::{AnalyzedQuery, ColumnSource};
use flash_sql::{Query, QueryCommand};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Everything a backend needs, and nothing more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenRequest {
    pub provider: Provider,
    pub catalog: Catalog,
    /// The query files, in path order.
    pub files: Vec<QueryFile>,
}

/// The schema as code sees it: tables and views with typed fields, and the enums they use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// Tables then views, each group in schema order.
    pub tables: Vec<ModelTable>,
    /// Every enum a table, view, parameter or result uses, sorted by name.
    pub enums: Vec<ModelEnum>,
}

impl Catalog {
    pub fn table(&self, name: &str) -> Option<&ModelTable> {
        self.tables.iter().find(|t| t.name == name)
    }
    pub fn enum_(&self, name: &str) -> Option<&ModelEnum> {
        self.enums.iter().find(|e| e.name == name)
    }
}

/// A table or a view: one model type per entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelTable {
    /// The PostgreSQL schema, when not the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub name: String,
    pub columns: Vec<Field>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub view: bool,
}

/// An enumeration with its values in declaration order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelEnum {
    /// The database name (`mood`), or `<table>_<column>` for a MySQL inline enum.
    pub name: String,
    pub values: Vec<String>,
}

/// A typed value: a table column, a result column of a query.
///
/// An `Enum` type always has `name: Some(..)` naming an entry of [`Catalog::enums`]; a MySQL
/// `SET` is a string (comma-separated values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Unique within its table or query; the column name as written in SQL (`author_id`,
    /// `post_count`), with `_2`, `_3` added to repeats (a join returning two `id`s).
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeKind,
    pub nullable: bool,
}

/// One query file and its queries, in file order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryFile {
    /// Relative to the queries folder, with `/` separators (`users.sql`, `admin/audit.sql`).
    pub path: String,
    pub queries: Vec<IrQuery>,
}

impl QueryFile {
    /// The path without `.sql`, folders joined with `_`: the base name of generated files
    /// (`users`, `admin_audit`).
    pub fn stem(&self) -> String {
        let p = self.path.strip_suffix(".sql").unwrap_or(&self.path);
        p.replace(['/', '\\', '.', '-', ' '], "_")
    }
}

/// A query with its analysed parameters and result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IrQuery {
    /// Name, command, doc lines, SQL, file, line and the parameters' places. Backends get the
    /// SQL to send with [`flash_sql::rewrite`]`(&query, style)`, which also says which
    /// parameter each placeholder binds (a parameter used twice is bound twice with `?`).
    pub query: Query,
    /// One per `query.params`, in the same order: the generated function's arguments.
    pub params: Vec<IrParam>,
    /// The result columns in order (empty for a statement that returns no rows). Rows are read
    /// by position, never by name: two result columns may share a database name.
    pub columns: Vec<Field>,
    /// The table or view whose model is exactly this result (same columns, types,
    /// nullability and order), so the backend returns that model instead of a row type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// For `:copyfrom`: the table and the columns inserted, one per parameter, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insert: Option<InsertTarget>,
}

impl IrQuery {
    pub fn name(&self) -> &str {
        &self.query.name
    }
    pub fn command(&self) -> QueryCommand {
        self.query.command
    }
}

/// A parameter of a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IrParam {
    /// Unique within the query, snake_case as written in SQL: the named parameter's name, else
    /// the column it is compared with or assigned to (`email`, `author_id`), else `p<N>`.
    pub name: String,
    /// The type of one value; for a `slice` parameter, the type of each element.
    #[serde(rename = "type")]
    pub ty: TypeKind,
    /// The caller may pass NULL (`sqlc.narg`, a nullable column in INSERT/SET, an override).
    pub nullable: bool,
    /// A `sqlc.slice` list: the generated code takes a list and expands the placeholder.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub slice: bool,
}

/// The target of a `:copyfrom` query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsertTarget {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub table: String,
    pub columns: Vec<String>,
}

/// A query file as the analysis left it: its path relative to the queries folder and its
/// analysed queries.
#[derive(Debug, Clone)]
pub struct AnalyzedFile {
    pub path: String,
    pub queries: Vec<AnalyzedQuery>,
}

impl GenRequest {
    /// Builds the request: the catalog from `schema` (with `views`: each view's analysed
    /// columns, by view name), and the query files, sorted by path.
    pub fn new(
        provider: Provider,
        schema: &Schema,
        views: &[(String, Vec<flash_sql::analyze::ResultColumn>)],
        files: Vec<AnalyzedFile>,
    ) -> GenRequest {
        let mut enums = Enums::default();
        for e in &schema.enums {
            // Columns name an enum of another schema qualified (`billing.state`).
            let name = match e.schema.as_deref() {
                Some(s) if s != "public" => format!("{s}.{}", e.name),
                _ => e.name.clone(),
            };
            enums.add(&name, &e.values);
        }
        let mut tables = Vec::new();
        for t in &schema.tables {
            let columns = t
                .columns
                .iter()
                .map(|c| Field {
                    name: c.name.clone(),
                    ty: enums.normalize(&c.ty.kind, Some((&t.name, &c.name))),
                    nullable: c.nullable,
                })
                .collect();
            tables.push(ModelTable {
                schema: t.schema.clone(),
                name: t.name.clone(),
                columns,
                view: false,
            });
        }
        for v in &schema.views {
            let Some((_, cols)) = views.iter().find(|(n, _)| *n == v.name) else {
                continue;
            };
            tables.push(ModelTable {
                schema: v.schema.clone(),
                name: v.name.clone(),
                columns: fields(cols, &mut enums),
                view: true,
            });
        }

        let mut files: Vec<QueryFile> = files
            .into_iter()
            .map(|f| QueryFile {
                path: f.path,
                queries: f
                    .queries
                    .into_iter()
                    .map(|q| {
                        let columns = fields(&q.columns, &mut enums);
                        let model = model_of(&q.columns, &columns, &tables);
                        let mut names = Names::default();
                        let params = q
                            .params
                            .iter()
                            .zip(&q.query.params)
                            .map(|(p, syntax)| IrParam {
                                name: names.unique(
                                    p.name.as_deref().unwrap_or(""),
                                    &format!("p{}", syntax.number),
                                ),
                                ty: enums.normalize(&p.ty, None),
                                nullable: p.nullable,
                                slice: p.slice,
                            })
                            .collect();
                        IrQuery {
                            query: q.query,
                            params,
                            columns,
                            model,
                            insert: q.insert.map(|i| InsertTarget {
                                schema: i.schema,
                                table: i.table,
                                columns: i.columns,
                            }),
                        }
                    })
                    .collect(),
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        GenRequest {
            provider,
            catalog: Catalog {
                tables,
                enums: enums.into_sorted(),
            },
            files,
        }
    }
}

/// Result columns as fields: enums named, names unique and usable as identifiers.
fn fields(cols: &[flash_sql::analyze::ResultColumn], enums: &mut Enums) -> Vec<Field> {
    let mut names = Names::default();
    cols.iter()
        .enumerate()
        .map(|(i, c)| Field {
            name: names.unique(&c.name, &format!("column_{}", i + 1)),
            ty: enums.normalize(
                &c.ty,
                c.source
                    .as_ref()
                    .map(|s| (s.table.as_str(), s.column.as_str())),
            ),
            nullable: c.nullable,
        })
        .collect()
}

/// The table whose row the result is, if any: same fields in the same order, read from that
/// table (a view or another table of the same shape does not count unless it is the source).
fn model_of(
    cols: &[flash_sql::analyze::ResultColumn],
    fields: &[Field],
    tables: &[ModelTable],
) -> Option<String> {
    let source: &ColumnSource = cols.first()?.source.as_ref()?;
    let t = tables
        .iter()
        .find(|t| t.name == source.table && t.schema == source.schema)?;
    let same = t.columns.len() == fields.len()
        && t.columns.iter().zip(fields).zip(cols).all(|((tc, f), c)| {
            tc.name == f.name
                && tc.ty == f.ty
                && tc.nullable == f.nullable
                && c.source
                    .as_ref()
                    .is_some_and(|s| s.table == t.name && s.column == tc.name)
        });
    same.then(|| t.name.clone())
}

/// Unique names within one scope: `id`, `id_2`, `id_3`.
#[derive(Default)]
struct Names(BTreeSet<String>);

impl Names {
    fn unique(&mut self, wanted: &str, fallback: &str) -> String {
        let base = if crate::naming::words(wanted).is_empty() {
            fallback.to_string()
        } else {
            wanted.to_string()
        };
        let mut name = base.clone();
        let mut n = 2;
        // Compare in snake form: `userId` and `user_id` become the same identifier in code.
        while self.0.contains(&crate::naming::snake(&name)) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.0.insert(crate::naming::snake(&name));
        name
    }
}

/// The enums met while building: every `Enum` type gets a name found here.
#[derive(Default)]
struct Enums(Vec<ModelEnum>);

impl Enums {
    fn add(&mut self, name: &str, values: &[String]) -> String {
        if let Some(e) = self.0.iter().find(|e| e.name == name) {
            return e.name.clone();
        }
        self.0.push(ModelEnum {
            name: name.to_string(),
            values: values.to_vec(),
        });
        name.to_string()
    }

    /// Names every enum (an inline MySQL enum after its table and column, or after an existing
    /// enum with the same values), and turns a MySQL SET into a string.
    fn normalize(&mut self, ty: &TypeKind, source: Option<(&str, &str)>) -> TypeKind {
        match ty {
            TypeKind::Enum {
                name: Some(n),
                values,
            } => {
                let values = if values.is_empty() {
                    self.0
                        .iter()
                        .find(|e| e.name == *n)
                        .map(|e| e.values.clone())
                        .unwrap_or_default()
                } else {
                    values.clone()
                };
                let name = self.add(n, &values);
                TypeKind::Enum {
                    name: Some(name),
                    values,
                }
            }
            TypeKind::Enum { name: None, values } => {
                let name = match source {
                    Some((t, c)) => self.add(&format!("{t}_{c}"), values),
                    None => match self.0.iter().find(|e| e.values == *values) {
                        Some(e) => e.name.clone(),
                        None => self.add(&format!("enum_{}", values.join("_")), values),
                    },
                };
                TypeKind::Enum {
                    name: Some(name),
                    values: values.clone(),
                }
            }
            TypeKind::Set { .. } => TypeKind::String {
                len: None,
                fixed: false,
            },
            TypeKind::Array { element } => TypeKind::Array {
                element: Box::new(self.normalize(element, source)),
            },
            other => other.clone(),
        }
    }

    fn into_sorted(mut self) -> Vec<ModelEnum> {
        self.0.sort_by(|a, b| a.name.cmp(&b.name));
        self.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_enum_of_another_schema_is_one_enum_under_its_qualified_name() {
        let sql = "CREATE SCHEMA billing;\n\
                   CREATE TYPE billing.state AS ENUM ('open', 'paid');\n\
                   CREATE TABLE billing.invoices (id int PRIMARY KEY, state billing.state NOT NULL);";
        let schema = flash_sql::parse_schema(
            &[flash_sql::SourceFile::new("schema.sql", sql)],
            Provider::Postgresql,
        )
        .unwrap()
        .schema;
        let req = GenRequest::new(Provider::Postgresql, &schema, &[], Vec::new());
        let names: Vec<&str> = req.catalog.enums.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["billing.state"]);
        let col = &req.catalog.tables[0].columns[1];
        assert!(
            matches!(&col.ty, TypeKind::Enum { name: Some(n), .. } if n == "billing.state"),
            "{:?}",
            col.ty
        );
    }
}
