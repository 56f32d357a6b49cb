//! One module per query file: for each query, its `Args` and `Row` interfaces, its SQL and
//! its function.

use super::keywords::{escape_ident, property_access, property_key};
use super::runtime;
use super::syntax::{template_literal, ts_only, Func, Item, Module};
use super::{models, Ctx, Export};
use crate::ir::{IrQuery, QueryFile};
use crate::naming::{camel, pascal};
use crate::options::TsDriver;
use crate::GenError;
use flash_sql::{rewrite, Placeholders, QueryCommand, Rewritten};
use std::collections::{BTreeMap, BTreeSet};

/// The most parameters one statement may have: PostgreSQL's and MySQL's protocol limit, and
/// SQLite's `SQLITE_MAX_VARIABLE_NUMBER` since 3.32.
fn placeholder_limit(driver: TsDriver) -> usize {
    match driver {
        TsDriver::Pg | TsDriver::Mysql2 => 65535,
        TsDriver::BetterSqlite3 => 32766,
    }
}

/// The module of one query file, and what it exports.
pub(crate) fn module(ctx: &Ctx<'_>, file: &QueryFile) -> Result<(Module, Vec<Export>), GenError> {
    let mut b = Builder {
        ctx,
        items: Vec::new(),
        used: BTreeSet::new(),
        taken: BTreeSet::new(),
        mappers: BTreeMap::new(),
        exports: Vec::new(),
        exec_result: false,
    };
    // Names the module's private helpers must not take: its imports and exports.
    b.taken.extend(ctx.model_exports.iter().cloned());
    b.taken.extend(runtime::TYPES.iter().map(|t| t.to_string()));
    b.taken.insert("rt".into());
    for q in &file.queries {
        let base = pascal(q.name());
        b.taken.insert(escape_ident(&camel(q.name())));
        b.taken.insert(format!("{base}Args"));
        b.taken.insert(format!("{base}Row"));
    }
    for q in &file.queries {
        b.query(q)?;
    }

    let mut type_imports = Vec::new();
    let from_models: Vec<String> = b
        .used
        .iter()
        .filter(|n| ctx.model_exports.contains(*n))
        .cloned()
        .collect();
    if !from_models.is_empty() {
        type_imports.push((format!("./{}.js", models::NAME), from_models));
    }
    let mut from_runtime = Vec::new();
    if b.exec_result {
        from_runtime.push("ExecResult".to_string());
    }
    if !file.queries.is_empty() {
        from_runtime.push("Queryable".to_string());
    }
    if !from_runtime.is_empty() {
        type_imports.push((format!("./{}.js", runtime::NAME), from_runtime));
    }
    let module = Module {
        name: file.stem(),
        type_imports,
        runtime: !file.queries.is_empty(),
        items: b.items,
        reexports: Vec::new(),
    };
    Ok((module, b.exports))
}

struct Builder<'a> {
    ctx: &'a Ctx<'a>,
    items: Vec<Item>,
    /// Type names the module refers to (those `models` exports are imported).
    used: BTreeSet<String>,
    /// Top-level names already in use in the module.
    taken: BTreeSet<String>,
    /// Row type -> the private function reading it from an array.
    mappers: BTreeMap<String, String>,
    exports: Vec<Export>,
    /// Whether a function returns `ExecResult`.
    exec_result: bool,
}

/// What one query's function is made of.
struct Parts {
    sync: bool,
    sql: String,
    values: String,
    /// The private function reading a row, and the row type.
    row: Option<(String, String)>,
}

impl<'a> Builder<'a> {
    fn unsupported(&self, q: &IrQuery, message: String, help: &str) -> GenError {
        GenError::Unsupported {
            file: q.query.file.clone(),
            line: q.query.line,
            query: q.name().to_string(),
            message,
            help: help.into(),
        }
    }

    /// A private top-level name: `wanted`, or `wanted2`, `wanted3` when it is taken.
    fn private(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_string();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    fn export(&mut self, name: &str, q: &IrQuery) {
        self.exports.push(Export {
            name: name.to_string(),
            file: q.query.file.clone(),
            line: q.query.line,
        });
    }

    fn query(&mut self, q: &IrQuery) -> Result<(), GenError> {
        let driver = self.ctx.opts.driver;
        let command = q.command();
        let base = pascal(q.name());
        let fn_name = escape_ident(&camel(q.name()));
        self.check(q)?;

        let style = match driver {
            TsDriver::Pg => Placeholders::Dollar,
            TsDriver::Mysql2 | TsDriver::BetterSqlite3 => Placeholders::Question,
        };
        let rewritten = rewrite(&q.query, style).map_err(|e| {
            self.unsupported(
                q,
                format!(
                    "sqlc.slice({}) cannot be expanded with `pg`'s numbered placeholders",
                    e.param
                ),
                "on PostgreSQL pass an array instead: `WHERE id = ANY(@ids::bigint[])`",
            )
        })?;

        // The arguments' interface.
        let args_type = if q.params.is_empty() {
            None
        } else {
            let name = format!("{base}Args");
            let fields = q
                .params
                .iter()
                .map(|p| {
                    (
                        property_key(&camel(&p.name)),
                        self.ctx
                            .types
                            .param_ts(&p.ty, p.nullable, p.slice, &mut self.used),
                    )
                })
                .collect();
            self.items.push(Item::Interface {
                doc: vec![format!("The parameters of `{fn_name}`.")],
                name: name.clone(),
                fields,
            });
            self.export(&name, q);
            Some(name)
        };

        // The row type and the function reading it.
        let returns_rows = matches!(
            command,
            QueryCommand::One
                | QueryCommand::Many
                | QueryCommand::BatchOne
                | QueryCommand::BatchMany
        );
        let row = if returns_rows {
            Some(self.row(q, &base, &fn_name))
        } else {
            None
        };

        // The SQL.
        let sql_const = self.private(&format!("{}Sql", camel(q.name())));
        let sql_text = if command == QueryCommand::CopyFrom {
            self.insert_head(q)
        } else {
            rewritten.sql.clone()
        };
        self.items.push(Item::Const {
            doc: Vec::new(),
            exported: false,
            name: sql_const.clone(),
            value: template_literal(&sql_text),
            decl: String::new(),
        });

        let parts = Parts {
            sync: driver == TsDriver::BetterSqlite3,
            sql: self.sql_expr(q, &sql_const),
            values: self.values(q, &rewritten, "args"),
            row,
        };
        let (body, ret) = self.body(q, &parts, &sql_const)?;
        let mut params = vec![("db".to_string(), "Queryable".to_string())];
        match (&args_type, command) {
            (Some(a), QueryCommand::CopyFrom)
            | (Some(a), QueryCommand::BatchExec)
            | (Some(a), QueryCommand::BatchMany)
            | (Some(a), QueryCommand::BatchOne) => {
                params.push(("items".into(), format!("readonly {a}[]")));
            }
            (Some(a), _) => params.push(("args".into(), a.clone())),
            (None, _) => {}
        }
        let ret = if parts.sync {
            ret
        } else {
            format!("Promise<{ret}>")
        };
        self.items.push(Item::Func(Func {
            doc: doc_lines(q),
            exported: true,
            is_async: !parts.sync,
            name: fn_name.clone(),
            generics: String::new(),
            params,
            ret,
            body,
        }));
        self.export(&fn_name, q);
        Ok(())
    }

    /// What a query must have for its command.
    fn check(&self, q: &IrQuery) -> Result<(), GenError> {
        let command = q.command();
        let returns_rows = matches!(
            command,
            QueryCommand::One
                | QueryCommand::Many
                | QueryCommand::BatchOne
                | QueryCommand::BatchMany
        );
        if returns_rows && q.columns.is_empty() {
            return Err(self.unsupported(
                q,
                "the statement returns no columns".into(),
                "use :exec (or :execrows) for a statement without a result, or add RETURNING",
            ));
        }
        let batch = matches!(
            command,
            QueryCommand::BatchExec
                | QueryCommand::BatchMany
                | QueryCommand::BatchOne
                | QueryCommand::CopyFrom
        );
        if batch && q.params.is_empty() {
            return Err(self.unsupported(
                q,
                "a batch needs parameters: it runs the statement once per set of them".into(),
                "use :exec, :one or :many for a statement without parameters",
            ));
        }
        if command == QueryCommand::ExecLastId
            && self.ctx.opts.driver == TsDriver::Pg
            && q.columns.len() != 1
        {
            return Err(self.unsupported(
                q,
                "PostgreSQL has no last insert id: the statement must return the id".into(),
                "end the INSERT with `RETURNING id` (one column), or use :one",
            ));
        }
        if command == QueryCommand::CopyFrom {
            let fits = q
                .insert
                .as_ref()
                .is_some_and(|i| i.columns.len() == q.params.len());
            if !fits || q.params.iter().any(|p| p.slice) {
                return Err(self.unsupported(
                    q,
                    ":copyfrom needs an `INSERT INTO t (columns) VALUES (...)` with one parameter per column"
                        .into(),
                    "write the query as `INSERT INTO t (a, b) VALUES (@a, @b)`",
                ));
            }
        }
        Ok(())
    }

    /// The row type of a query (its table's model, or a `Row` interface) and its reader.
    fn row(&mut self, q: &IrQuery, base: &str, fn_name: &str) -> (String, String) {
        let model = q.model.as_ref().and_then(|m| {
            let table = self.ctx.req.catalog.table(m)?;
            let name = self.ctx.model(m)?;
            Some((name.to_string(), table.columns.clone()))
        });
        let (name, columns) = match model {
            Some((name, columns)) => {
                self.used.insert(name.clone());
                (name, columns)
            }
            None => {
                let name = format!("{base}Row");
                let fields = q
                    .columns
                    .iter()
                    .map(|c| {
                        (
                            property_key(&camel(&c.name)),
                            self.ctx.types.field(&c.ty, c.nullable, &mut self.used),
                        )
                    })
                    .collect();
                self.items.push(Item::Interface {
                    doc: vec![format!("A row of `{fn_name}`.")],
                    name: name.clone(),
                    fields,
                });
                self.export(&name, q);
                (name, q.columns.clone())
            }
        };
        if let Some(mapper) = self.mappers.get(&name) {
            return (mapper.clone(), name);
        }
        let mapper = self.private(&format!("read{name}"));
        let mut body = String::from("return {\n");
        for (i, c) in columns.iter().enumerate() {
            body.push_str(&format!(
                "  {}: {},\n",
                property_key(&camel(&c.name)),
                self.ctx.types.read(&c.ty, c.nullable, &format!("r[{i}]"))
            ));
        }
        body.push_str("};\n");
        self.items.push(Item::Func(Func {
            doc: vec![format!("A `{name}` from a row read by position.")],
            exported: false,
            is_async: false,
            name: mapper.clone(),
            generics: String::new(),
            params: vec![("r".into(), "unknown[]".into())],
            ret: name.clone(),
            body,
        }));
        self.mappers.insert(name.clone(), mapper.clone());
        (mapper, name)
    }

    /// `INSERT INTO "t" ("a", "b") VALUES ` for a `:copyfrom`.
    fn insert_head(&self, q: &IrQuery) -> String {
        let Some(target) = &q.insert else {
            return String::new();
        };
        let quote = |name: &str| match self.ctx.opts.driver {
            TsDriver::Mysql2 => format!("`{}`", name.replace('`', "``")),
            TsDriver::Pg | TsDriver::BetterSqlite3 => format!("\"{}\"", name.replace('"', "\"\"")),
        };
        let table = match &target.schema {
            Some(s) => format!("{}.{}", quote(s), quote(&target.table)),
            None => quote(&target.table),
        };
        let columns: Vec<String> = target.columns.iter().map(|c| quote(c)).collect();
        format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "))
    }

    /// The SQL to send: the constant, with `sqlc.slice` lists expanded.
    fn sql_expr(&self, q: &IrQuery, sql_const: &str) -> String {
        let lists: Vec<String> = q
            .params
            .iter()
            .zip(&q.query.params)
            .filter(|(p, _)| p.slice)
            .map(|(p, syntax)| {
                format!(
                    "{}: {}.length",
                    property_key(syntax.name.as_deref().unwrap_or("")),
                    property_access("args", &camel(&p.name))
                )
            })
            .collect();
        if lists.is_empty() {
            sql_const.to_string()
        } else {
            format!("rt.expand({sql_const}, {{ {} }})", lists.join(", "))
        }
    }

    /// The values bound, one per placeholder (a list spread in place).
    fn values(&self, q: &IrQuery, rewritten: &Rewritten, args: &str) -> String {
        let values: Vec<String> = rewritten
            .binds
            .iter()
            .filter_map(|&i| q.params.get(i))
            .map(|p| {
                let access = property_access(args, &camel(&p.name));
                if p.slice {
                    match self.ctx.types.param_fn(&p.ty) {
                        Some(f) => format!("...{access}.map({f})"),
                        None => format!("...{access}"),
                    }
                } else {
                    self.ctx.types.param(&p.ty, p.nullable, &access)
                }
            })
            .collect();
        format!("[{}]", values.join(", "))
    }

    /// The function's body and its return type (without `Promise`).
    fn body(
        &mut self,
        q: &IrQuery,
        p: &Parts,
        sql_const: &str,
    ) -> Result<(String, String), GenError> {
        let driver = self.ctx.opts.driver;
        let types = &self.ctx.types;
        let (sql, values) = (&p.sql, &p.values);
        let rows_call = match driver {
            TsDriver::BetterSqlite3 => format!("rt.all(db, {sql}, {values})"),
            _ => format!("await rt.query(db, {sql}, {values})"),
        };
        // `const row = ...;` for the first row.
        let first_row = match driver {
            TsDriver::BetterSqlite3 => format!("const row = rt.get(db, {sql}, {values});\n"),
            _ => format!("const rows = {rows_call};\nconst row = rows[0];\n"),
        };
        let exec_call = match driver {
            TsDriver::BetterSqlite3 => format!("rt.run(db, {sql}, {values})"),
            _ => format!("await rt.exec(db, {sql}, {values})"),
        };
        let affected = |result: &str| match driver {
            TsDriver::Pg => format!("{result}.rowCount ?? 0"),
            TsDriver::Mysql2 => format!("{result}.affectedRows"),
            TsDriver::BetterSqlite3 => format!("{result}.changes"),
        };
        let (mapper, row_type) = p.row.clone().unwrap_or_default();
        let int64 = flash_schema::TypeKind::Int {
            bits: 64,
            unsigned: false,
        };
        let mut used = BTreeSet::new();
        let out = match q.command() {
            QueryCommand::One => (
                format!("{first_row}return row === undefined ? null : {mapper}(row);\n"),
                format!("{row_type} | null"),
            ),
            QueryCommand::Many => match driver {
                TsDriver::BetterSqlite3 => (
                    format!("return {rows_call}.map({mapper});\n"),
                    format!("{row_type}[]"),
                ),
                _ => (
                    format!("const rows = {rows_call};\nreturn rows.map({mapper});\n"),
                    format!("{row_type}[]"),
                ),
            },
            QueryCommand::Exec => (format!("{exec_call};\n"), "void".into()),
            QueryCommand::ExecRows => (
                format!(
                    "const result = {exec_call};\nreturn {};\n",
                    affected("result")
                ),
                "number".into(),
            ),
            QueryCommand::ExecResult => {
                self.exec_result = true;
                let call = exec_call.trim_start_matches("await ");
                (format!("return {call};\n"), "ExecResult".into())
            }
            QueryCommand::ExecLastId => match driver {
                TsDriver::Pg => {
                    let Some(c) = q.columns.first() else {
                        return Err(self.unsupported(
                            q,
                            "PostgreSQL has no last insert id: the statement must return the id"
                                .into(),
                            "end the INSERT with `RETURNING id` (one column), or use :one",
                        ));
                    };
                    let ty = types.field(&c.ty, c.nullable, &mut used);
                    let read = types.read(&c.ty, c.nullable, "row[0]");
                    (
                        format!("{first_row}return row === undefined ? null : {read};\n"),
                        if c.nullable {
                            ty
                        } else {
                            format!("{ty} | null")
                        },
                    )
                }
                _ => {
                    let id = match driver {
                        TsDriver::Mysql2 => "result.insertId",
                        _ => "result.lastInsertRowid",
                    };
                    (
                        format!(
                            "const result = {exec_call};\nreturn {};\n",
                            types.read(&int64, false, id)
                        ),
                        types.ts(&int64, &mut used),
                    )
                }
            },
            QueryCommand::CopyFrom => (self.copy_from(q, p, sql_const), "number".into()),
            QueryCommand::BatchExec => (
                format!("for (const args of items) {{\n  {exec_call};\n}}\n"),
                "void".into(),
            ),
            QueryCommand::BatchMany => {
                let ty = format!("{row_type}[][]");
                let fetch = match driver {
                    TsDriver::BetterSqlite3 => format!("  out.push({rows_call}.map({mapper}));\n"),
                    _ => format!("  const rows = {rows_call};\n  out.push(rows.map({mapper}));\n"),
                };
                (
                    format!(
                        "const out{} = [];\nfor (const args of items) {{\n{fetch}}}\nreturn out;\n",
                        ts_only(&format!(": {ty}"))
                    ),
                    ty,
                )
            }
            QueryCommand::BatchOne => {
                let ty = format!("({row_type} | null)[]");
                let fetch = super::syntax::indent(&first_row, "  ");
                (
                    format!(
                        "const out{} = [];\nfor (const args of items) {{\n{fetch}  out.push(row === undefined ? null : {mapper}(row));\n}}\nreturn out;\n",
                        ts_only(&format!(": {ty}"))
                    ),
                    ty,
                )
            }
        };
        self.used.extend(used);
        Ok(out)
    }

    /// A `:copyfrom`: multi-row INSERTs of as many rows as the placeholder limit allows.
    fn copy_from(&self, q: &IrQuery, p: &Parts, sql_const: &str) -> String {
        let driver = self.ctx.opts.driver;
        let width = q.params.len();
        let per_chunk = (placeholder_limit(driver) / width).max(1);
        let values: Vec<String> = q
            .params
            .iter()
            .map(|param| {
                self.ctx.types.param(
                    &param.ty,
                    param.nullable,
                    &property_access("args", &camel(&param.name)),
                )
            })
            .collect();
        let run = format!("rt.insertValues({sql_const}, {width}, chunk.length)");
        let (call, affected) = match driver {
            TsDriver::Pg => (
                format!("await rt.exec(db, {run}, values)"),
                "result.rowCount ?? 0",
            ),
            TsDriver::Mysql2 => (
                format!("await rt.exec(db, {run}, values)"),
                "result.affectedRows",
            ),
            TsDriver::BetterSqlite3 => (format!("rt.run(db, {run}, values)"), "result.changes"),
        };
        let loop_ = format!(
            "let count = 0;\nfor (const chunk of rt.chunks(items, {per_chunk})) {{\n  const values{} = [];\n  for (const args of chunk) {{\n    values.push({});\n  }}\n  const result = {call};\n  count += {affected};\n}}\nreturn count;\n",
            ts_only(": unknown[]"),
            values.join(", ")
        );
        if p.sync {
            // One transaction: all rows or none, and far faster than one commit per chunk.
            format!(
                "return rt.transaction(db, () => {{\n{}}});\n",
                super::syntax::indent(&loop_, "  ")
            )
        } else {
            loop_
        }
    }
}

/// The query's doc comment lines, without the space after `--`.
fn doc_lines(q: &IrQuery) -> Vec<String> {
    q.query
        .doc
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end().to_string())
        .collect()
}
