//! Inspection: the catalog of the inspected schemas → the model.
//!
//! Which schemas is a [`Namespaces`]: the current one (normally `public`, whose elements have
//! no schema in the model), named ones, or every schema that is not PostgreSQL's own or an
//! extension's. Every query reads all of them at once, so the number of catalog queries is the
//! same for one table in one schema and for thousands in many.
//!
//! Tables, columns (types through `format_type`, defaults through `pg_get_expr`, identity,
//! serial, generated, collation, comments), primary keys, unique/check/foreign key
//! constraints, indexes that do not back a constraint, enums and views. Functions, triggers,
//! extensions and other raw objects are not read back. The history table is left out.

use crate::dialect::{normalize_schema, normalize_type};
use crate::plan::pk_name;
use crate::types;
use flash_schema::{
    Check, Column, DbError, Enum, ForeignKey, Generated, Identity, IdentityKind, Index, IndexPart,
    Namespaces, PrimaryKey, ReferentialAction, Schema, Table, UniqueConstraint, UnmanagedObject,
    View, LEDGER_TABLE,
};
use sqlx::{Executor, PgConnection, Row};
use std::collections::BTreeMap;

/// Not an object of an extension (those come and go with `CREATE EXTENSION`).
const NOT_EXTENSION_MEMBER: &str =
    "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = c.oid AND dep.deptype = 'e')";

/// A schema that is neither PostgreSQL's own nor created by an extension, nor one of flash's
/// schema branches: a branch of schema `s` is `s__<name>` (see `flash::branch`), so a schema
/// named after another schema and `__` is a branch, and on a branch the schema it was made
/// from is main. Both belong to another branch, never to the one inspected.
fn user_schema(n: &str) -> String {
    format!(
        "({n}.nspname <> 'information_schema' AND {n}.nspname !~ '^pg_'
          AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                          WHERE dep.classid = 'pg_namespace'::regclass AND dep.objid = {n}.oid
                            AND dep.deptype = 'e')
          AND NOT EXISTS (SELECT 1 FROM pg_namespace m
                          WHERE m.oid <> {n}.oid
                            AND left({n}.nspname, length(m.nspname) + 2) = m.nspname || '__')
          AND NOT COALESCE(left(current_schema(), length({n}.nspname) + 2)
                           = {n}.nspname || '__', false))"
    )
}

/// The namespace row `n` is one of the inspected schemas: binds `$1` (the current schema),
/// `$2` (named schemas) and `$3` (every user schema); see [`scoped`].
fn in_scope(n: &str) -> String {
    format!(
        "(($1 AND {n}.nspname = current_schema()) OR {n}.nspname = ANY($2::text[]) OR ($3 AND {}))",
        user_schema(n)
    )
}

/// The schema of an element in the model: none for the current schema.
fn schema_of(n: &str) -> String {
    format!("NULLIF({n}.nspname::text, current_schema()::text) AS schema")
}

/// `sql` with the scope parameters of [`in_scope`] bound.
fn scoped<'q>(
    sql: &'q str,
    ns: &'q Namespaces,
) -> sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments> {
    sqlx::query(sql)
        .bind(ns.current)
        .bind(&ns.named)
        .bind(ns.all)
}

fn err(what: &str) -> impl Fn(sqlx::Error) -> DbError + '_ {
    move |e| {
        let mut d = crate::driver::db_error(e);
        d.message = format!("inspecting {what}: {}", d.message);
        d
    }
}

/// Reads the given schemas.
pub async fn inspect(conn: &mut PgConnection, ns: &Namespaces) -> Result<Schema, DbError> {
    let enums = enums(conn, ns).await?;
    let mut tables = tables(conn, ns).await?;
    columns(conn, ns, &mut tables, &enums).await?;
    constraints(conn, ns, &mut tables).await?;
    indexes(conn, ns, &mut tables).await?;
    let views = views(conn, ns).await?;
    let mut schema = Schema {
        enums,
        tables: tables.into_values().collect(),
        views,
        raw: Vec::new(),
    };
    // The current schema's elements first, then each other schema's, by name.
    schema
        .tables
        .sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
    schema
        .enums
        .sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
    normalize_schema(&mut schema);
    Ok(schema)
}

async fn enums(conn: &mut PgConnection, ns: &Namespaces) -> Result<Vec<Enum>, DbError> {
    let sql = format!(
        "SELECT {}, t.typname::text AS name,
                ARRAY(SELECT e.enumlabel::text FROM pg_enum e
                      WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         CROSS JOIN LATERAL (SELECT t.oid) AS c(oid)
         WHERE {} AND t.typtype = 'e' AND {NOT_EXTENSION_MEMBER}
         ORDER BY t.typname",
        schema_of("n"),
        in_scope("n")
    );
    let rows = (&mut *conn)
        .fetch_all(scoped(&sql, ns))
        .await
        .map_err(err("enums"))?;
    rows.iter()
        .map(|r| {
            Ok(Enum {
                id: Default::default(),
                schema: r.try_get("schema").map_err(err("enums"))?,
                name: r.try_get("name").map_err(err("enums"))?,
                values: r.try_get("labels").map_err(err("enums"))?,
                renamed_from: None,
                location: None,
            })
        })
        .collect()
}

/// Tables by oid.
async fn tables(conn: &mut PgConnection, ns: &Namespaces) -> Result<BTreeMap<i64, Table>, DbError> {
    let sql = format!(
        "SELECT c.oid::int8 AS oid, {}, c.relname::text AS name,
                obj_description(c.oid, 'pg_class') AS comment
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {} AND c.relkind IN ('r', 'p') AND NOT c.relispartition
           AND NOT (c.relname = '{LEDGER_TABLE}' AND n.nspname = current_schema())
           AND {NOT_EXTENSION_MEMBER}",
        schema_of("n"),
        in_scope("n")
    );
    let rows = (&mut *conn)
        .fetch_all(scoped(&sql, ns))
        .await
        .map_err(err("tables"))?;
    let mut out = BTreeMap::new();
    for r in rows {
        let mut t = Table::new(r.try_get::<String, _>("name").map_err(err("tables"))?);
        t.schema = r.try_get("schema").map_err(err("tables"))?;
        t.comment = r.try_get("comment").map_err(err("tables"))?;
        out.insert(r.try_get::<i64, _>("oid").map_err(err("tables"))?, t);
    }
    Ok(out)
}

async fn columns(
    conn: &mut PgConnection,
    ns: &Namespaces,
    tables: &mut BTreeMap<i64, Table>,
    enums: &[Enum],
) -> Result<(), DbError> {
    let sql = format!(
        "SELECT a.attrelid::int8 AS rel, a.attname::text AS name,
                format_type(a.atttypid, a.atttypmod) AS type,
                a.attnotnull AS notnull,
                pg_get_expr(d.adbin, d.adrelid) AS default_expr,
                a.attidentity::text AS identity, a.attgenerated::text AS generated,
                CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                     THEN co.collname::text END AS collation,
                col_description(a.attrelid, a.attnum) AS comment,
                pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS owned_seq
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_type t ON t.oid = a.atttypid
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         LEFT JOIN pg_collation co ON co.oid = a.attcollation
         WHERE {} AND c.relkind IN ('r', 'p')
           AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attrelid, a.attnum",
        in_scope("n")
    );
    let rows = (&mut *conn)
        .fetch_all(scoped(&sql, ns))
        .await
        .map_err(err("columns"))?;
    let e = err("columns");
    for r in rows {
        let rel: i64 = r.try_get("rel").map_err(&e)?;
        let Some(table) = tables.get_mut(&rel) else {
            continue;
        };
        let name: String = r.try_get("name").map_err(&e)?;
        let raw: String = r.try_get("type").map_err(&e)?;
        let mut col = Column::new(name, normalize_type(&types::column_type(&raw), enums));
        col.nullable = !r.try_get::<bool, _>("notnull").map_err(&e)?;
        col.collation = r.try_get("collation").map_err(&e)?;
        col.comment = r.try_get("comment").map_err(&e)?;
        let default: Option<String> = r.try_get("default_expr").map_err(&e)?;
        let identity: String = r.try_get("identity").map_err(&e)?;
        let generated: String = r.try_get("generated").map_err(&e)?;
        let owned_seq: Option<String> = r.try_get("owned_seq").map_err(&e)?;
        match identity.as_str() {
            "a" => {
                col.identity = Some(Identity {
                    kind: IdentityKind::Always,
                    options: None,
                })
            }
            "d" => {
                col.identity = Some(Identity {
                    kind: IdentityKind::ByDefault,
                    options: None,
                })
            }
            _ => {}
        }
        if generated == "s" {
            col.generated = default.map(|expr| Generated { expr, stored: true });
        } else if col.identity.is_none()
            && is_serial_default(default.as_deref(), owned_seq.as_deref())
        {
            col.identity = Some(Identity {
                kind: IdentityKind::Serial,
                options: None,
            });
        } else {
            col.default = default;
        }
        table.columns.push(col);
    }
    Ok(())
}

/// A default `nextval('seq'::regclass)` where `seq` is the sequence the column owns: what
/// SERIAL creates.
fn is_serial_default(default: Option<&str>, owned_seq: Option<&str>) -> bool {
    let (Some(d), Some(seq)) = (default, owned_seq) else {
        return false;
    };
    let Some(inner) = d
        .strip_prefix("nextval('")
        .and_then(|s| s.strip_suffix("'::regclass)"))
    else {
        return false;
    };
    let bare = |s: &str| {
        let last = s.rsplit('.').next().unwrap_or(s);
        last.trim_matches('"').to_string()
    };
    bare(inner) == bare(seq)
}

fn action(code: &str) -> ReferentialAction {
    match code {
        "r" => ReferentialAction::Restrict,
        "c" => ReferentialAction::Cascade,
        "n" => ReferentialAction::SetNull,
        "d" => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}

async fn constraints(
    conn: &mut PgConnection,
    ns: &Namespaces,
    tables: &mut BTreeMap<i64, Table>,
) -> Result<(), DbError> {
    let sql = format!(
        "SELECT con.conrelid::int8 AS rel, con.conname::text AS name, con.contype::text AS kind,
                ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(n, i)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n
                      ORDER BY k.i) AS cols,
                pg_get_expr(con.conbin, con.conrelid, true) AS check_expr,
                NULLIF(fn.nspname::text, current_schema()::text) AS ref_schema, fc.relname::text AS ref_table,
                ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(n, i)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n
                      ORDER BY k.i) AS ref_cols,
                con.confupdtype::text AS on_update, con.confdeltype::text AS on_delete,
                con.condeferrable AS deferrable
         FROM pg_constraint con
         JOIN pg_class c ON c.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_class fc ON fc.oid = con.confrelid
         LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
         WHERE {} AND con.contype IN ('p', 'u', 'c', 'f')
         ORDER BY con.conrelid, con.conname",
        in_scope("n")
    );
    let rows = (&mut *conn)
        .fetch_all(scoped(&sql, ns))
        .await
        .map_err(err("constraints"))?;
    let e = err("constraints");
    for r in rows {
        let rel: i64 = r.try_get("rel").map_err(&e)?;
        let Some(t) = tables.get_mut(&rel) else {
            continue;
        };
        let name: String = r.try_get("name").map_err(&e)?;
        let kind: String = r.try_get("kind").map_err(&e)?;
        let cols: Vec<String> = r.try_get("cols").map_err(&e)?;
        match kind.as_str() {
            "p" => {
                // The default name is no name, as in a normalized parsed schema.
                let custom = name != pk_name(&t.name, None);
                t.primary_key = Some(PrimaryKey {
                    name: custom.then_some(name),
                    columns: cols,
                });
            }
            "u" => {
                let auto_named = name == auto_name(&t.name, &cols, "key");
                t.uniques.push(UniqueConstraint {
                    id: Default::default(),
                    name,
                    auto_named,
                    columns: cols,
                    location: None,
                });
            }
            "c" => {
                let expr: Option<String> = r.try_get("check_expr").map_err(&e)?;
                let auto_named = name == format!("{}_check", t.name)
                    || t.columns
                        .iter()
                        .any(|c| name == format!("{}_{}_check", t.name, c.name));
                t.checks.push(Check {
                    id: Default::default(),
                    name,
                    auto_named,
                    expr: expr.unwrap_or_default(),
                    location: None,
                });
            }
            "f" => {
                let ref_schema: Option<String> = r.try_get("ref_schema").map_err(&e)?;
                let on_update: String = r.try_get("on_update").map_err(&e)?;
                let on_delete: String = r.try_get("on_delete").map_err(&e)?;
                let auto_named = name == auto_name(&t.name, &cols, "fkey");
                t.foreign_keys.push(ForeignKey {
                    id: Default::default(),
                    name,
                    auto_named,
                    columns: cols,
                    ref_schema: ref_schema.filter(|s| s != "public"),
                    ref_table: r
                        .try_get::<Option<String>, _>("ref_table")
                        .map_err(&e)?
                        .unwrap_or_default(),
                    ref_columns: r.try_get("ref_cols").map_err(&e)?,
                    on_delete: action(&on_delete),
                    on_update: action(&on_update),
                    deferrable: r.try_get("deferrable").map_err(&e)?,
                    location: None,
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// PostgreSQL's name for an unnamed constraint or index: `{table}_{col1}_{col2}_{label}`.
fn auto_name(table: &str, cols: &[String], label: &str) -> String {
    let mut parts = vec![table.to_string()];
    parts.extend(cols.iter().cloned());
    parts.push(label.to_string());
    parts.join("_")
}

async fn indexes(
    conn: &mut PgConnection,
    ns: &Namespaces,
    tables: &mut BTreeMap<i64, Table>,
) -> Result<(), DbError> {
    let sql = format!(
        "SELECT i.indexrelid::int8 AS oid, i.indrelid::int8 AS rel, ic.relname::text AS name,
                i.indisunique AS uniq, am.amname::text AS method, i.indnkeyatts::int4 AS nkey,
                pg_get_expr(i.indpred, i.indrelid, true) AS pred
         FROM pg_index i
         JOIN pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_am am ON am.oid = ic.relam
         WHERE {} AND c.relkind IN ('r', 'p')
           AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                           WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
         ORDER BY ic.relname",
        in_scope("n")
    );
    let e = err("indexes");
    let rows = (&mut *conn).fetch_all(scoped(&sql, ns)).await.map_err(&e)?;
    let parts_sql = format!(
        "SELECT i.indexrelid::int8 AS oid, k.n::int4 AS n, a.attname::text AS colname,
                pg_get_indexdef(i.indexrelid, k.n, true) AS def,
                (i.indoption[k.n - 1] & 1) = 1 AS descending,
                CASE WHEN k.n <= i.indnkeyatts AND NOT opc.opcdefault THEN opc.opcname::text END AS opclass
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         CROSS JOIN LATERAL generate_series(1, i.indnatts) AS k(n)
         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1]
         LEFT JOIN pg_opclass opc ON opc.oid = i.indclass[k.n - 1]
         WHERE {} AND c.relkind IN ('r', 'p')
         ORDER BY 1, 2",
        in_scope("n")
    );
    let part_rows = (&mut *conn)
        .fetch_all(scoped(&parts_sql, ns))
        .await
        .map_err(&e)?;
    // (index oid) -> (key parts, include columns)
    let mut parts: BTreeMap<i64, Vec<(i32, IndexPart)>> = BTreeMap::new();
    for r in part_rows {
        let oid: i64 = r.try_get("oid").map_err(&e)?;
        let n: i32 = r.try_get("n").map_err(&e)?;
        let colname: Option<String> = r.try_get("colname").map_err(&e)?;
        let def: Option<String> = r.try_get("def").map_err(&e)?;
        let part = IndexPart {
            expr: if colname.is_none() { def } else { None },
            column: colname,
            descending: r
                .try_get::<Option<bool>, _>("descending")
                .map_err(&e)?
                .unwrap_or(false),
            opclass: r.try_get("opclass").map_err(&e)?,
            length: None,
        };
        parts.entry(oid).or_default().push((n, part));
    }
    for r in rows {
        let rel: i64 = r.try_get("rel").map_err(&e)?;
        let Some(t) = tables.get_mut(&rel) else {
            continue;
        };
        let oid: i64 = r.try_get("oid").map_err(&e)?;
        let nkey: i32 = r.try_get("nkey").map_err(&e)?;
        let name: String = r.try_get("name").map_err(&e)?;
        let method: String = r.try_get("method").map_err(&e)?;
        let mut key = Vec::new();
        let mut include = Vec::new();
        for (n, p) in parts.remove(&oid).unwrap_or_default() {
            if n <= nkey {
                key.push(p);
            } else if let Some(c) = p.column {
                include.push(c);
            }
        }
        let labels: Vec<String> = key
            .iter()
            .map(|p| match (&p.column, &p.expr) {
                (Some(c), _) => c.clone(),
                (None, Some(x)) => x
                    .split('(')
                    .next()
                    .filter(|f| !f.is_empty() && !f.contains(' '))
                    .unwrap_or("expr")
                    .to_string(),
                _ => "expr".into(),
            })
            .collect();
        let auto_named = name == auto_name(&t.name, &labels, "idx");
        t.indexes.push(Index {
            id: Default::default(),
            name,
            auto_named,
            unique: r.try_get("uniq").map_err(&e)?,
            parts: key,
            method: (method != "btree").then_some(method),
            predicate: r.try_get("pred").map_err(&e)?,
            include,
            kind: None,
            renamed_from: None,
            location: None,
        });
    }
    Ok(())
}

async fn views(conn: &mut PgConnection, ns: &Namespaces) -> Result<Vec<View>, DbError> {
    let sql = format!(
        "SELECT {}, c.relname::text AS name, c.relkind::text AS kind,
                pg_get_viewdef(c.oid, true) AS def
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {} AND c.relkind IN ('v', 'm') AND {NOT_EXTENSION_MEMBER}
         ORDER BY c.oid",
        schema_of("n"),
        in_scope("n")
    );
    let e = err("views");
    let rows = (&mut *conn).fetch_all(scoped(&sql, ns)).await.map_err(&e)?;
    rows.iter()
        .map(|r| {
            let def: Option<String> = r.try_get("def").map_err(&e)?;
            let kind: String = r.try_get("kind").map_err(&e)?;
            Ok(View {
                id: Default::default(),
                schema: r.try_get("schema").map_err(&e)?,
                name: r.try_get("name").map_err(&e)?,
                columns: Vec::new(),
                definition: def
                    .unwrap_or_default()
                    .trim()
                    .trim_end_matches(';')
                    .trim_end()
                    .to_string(),
                materialized: kind == "m",
                renamed_from: None,
                location: None,
            })
        })
        .collect()
}

/// The objects [`inspect`] does not read, in one catalog query: functions, procedures and
/// aggregates, triggers, policies, rules, sequences no column owns, extensions, domains and
/// other non-enum types of the inspected schemas, table grants to other roles, and the
/// non-system schemas that are not inspected. Names in a schema other than the current one
/// are qualified.
pub async fn unmanaged(
    conn: &mut PgConnection,
    ns: &Namespaces,
) -> Result<Vec<UnmanagedObject>, DbError> {
    let scope = in_scope("n");
    let user = user_schema("n");
    // `billing.` for an object outside the current schema.
    let q = "CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname::text || '.' END";
    let sql = format!(
        "SELECT kind, name, tbl FROM (
           SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE'
                                 ELSE 'FUNCTION' END AS kind,
                  {q} || p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
                  NULL::text AS tbl
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           CROSS JOIN LATERAL (SELECT p.oid) AS c(oid)
           WHERE {scope} AND {NOT_EXTENSION_MEMBER}
           UNION ALL
           SELECT 'TRIGGER', t.tgname::text, {q} || c.relname::text
           FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE {scope} AND NOT t.tgisinternal
           UNION ALL
           SELECT 'POLICY', pol.polname::text, {q} || c.relname::text
           FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE {scope}
           UNION ALL
           SELECT 'RULE', r.rulename::text, {q} || c.relname::text
           FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE {scope} AND r.rulename <> '_RETURN'
           UNION ALL
           SELECT 'SEQUENCE', {q} || c.relname::text, NULL
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE {scope} AND c.relkind = 'S' AND {NOT_EXTENSION_MEMBER}
             AND NOT EXISTS (SELECT 1 FROM pg_depend d
                             WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass
                               AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0)
           UNION ALL
           SELECT 'EXTENSION', e.extname::text, NULL FROM pg_extension e
           WHERE e.extname <> 'plpgsql'
           UNION ALL
           SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' WHEN 'r' THEN 'RANGE TYPE'
                                 WHEN 'm' THEN 'MULTIRANGE TYPE' ELSE 'TYPE' END,
                  {q} || t.typname::text, NULL
           FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
           CROSS JOIN LATERAL (SELECT t.oid) AS c(oid)
           WHERE {scope} AND {NOT_EXTENSION_MEMBER}
             AND (t.typtype IN ('d', 'r', 'm')
                  OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class r
                                                  WHERE r.oid = t.typrelid AND r.relkind = 'c')))
           UNION ALL
           SELECT 'GRANT', string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type)
                           || ' TO ' || CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                                             ELSE pg_get_userbyid(a.grantee)::text END,
                  {q} || c.relname::text
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           CROSS JOIN LATERAL aclexplode(c.relacl) AS a
           WHERE {scope} AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
             AND a.grantee <> c.relowner
             AND NOT (c.relname = '{LEDGER_TABLE}' AND n.nspname = current_schema())
           GROUP BY n.nspname, c.relname, a.grantee
           UNION ALL
           SELECT 'SCHEMA', n.nspname::text, NULL FROM pg_namespace n
           WHERE NOT COALESCE({scope}, false) AND {user}
             AND (n.nspname <> 'public'
                  OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid))
         ) AS x ORDER BY kind, tbl NULLS FIRST, name"
    );
    let e = err("objects flash does not manage");
    let rows = (&mut *conn).fetch_all(scoped(&sql, ns)).await.map_err(&e)?;
    rows.iter()
        .map(|r| {
            Ok(UnmanagedObject {
                kind: r.try_get("kind").map_err(&e)?,
                name: r.try_get("name").map_err(&e)?,
                table: r.try_get("tbl").map_err(&e)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_default_is_recognised() {
        assert!(is_serial_default(
            Some("nextval('users_id_seq'::regclass)"),
            Some("public.users_id_seq")
        ));
        assert!(is_serial_default(
            Some("nextval('\"Users_id_seq\"'::regclass)"),
            Some("public.\"Users_id_seq\"")
        ));
        assert!(!is_serial_default(
            Some("nextval('other_seq'::regclass)"),
            Some("public.users_id_seq")
        ));
        assert!(!is_serial_default(Some("0"), None));
    }
}
