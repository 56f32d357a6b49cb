//! CREATE TABLE and ALTER TABLE ... ADD COLUMN / ADD CONSTRAINT / ALTER COLUMN.

use super::constraint::{apply_constraint, columns_help};
use super::head::word_upper;
use super::sqlite::{self, SqliteOptions};
use super::{raw, Builder, Ctx, Deferred, DeferredKind, StmtText};
use crate::names::{fold_ident, fold_parts, split_qualified};
use crate::split::is_trivia;
use crate::types::{column_type, type_kind};
use flash_schema::{
    Column, ColumnType, Generated, Identity, IdentityKind, Provider, Table, TypeKind,
};
use sqlparser::ast::{
    AlterColumnOperation, AlterTable, AlterTableOperation, ColumnDef, ColumnOption, CreateTable,
    CreateTableOptions, DataType, Expr, GeneratedAs, GeneratedExpressionMode, IndexColumn,
    SqlOption, Statement, TableConstraint, Value,
};
use sqlparser::tokenizer::{Token, TokenWithSpan};
use std::collections::VecDeque;

/// The `( ... )` options of each `AS IDENTITY` in a statement, in order, as written.
///
/// They are cut out of the tokens before sqlparser sees them: sqlparser 0.63 accepts the
/// sequence options only in one fixed order, PostgreSQL in any.
pub(crate) type IdentityOptions = VecDeque<Option<String>>;

/// CREATE TABLE: parsed now, added to the model now (pass 1).
pub(crate) fn create_table(b: &mut Builder, ctx: &Ctx, st: &StmtText<'_>) {
    let (mut tokens, ids) = take_identity_options(st);
    let (sqlite, declared) = if b.provider == Provider::Sqlite {
        let opts = sqlite::take_options(&mut tokens);
        sqlite::strip_conflict_clauses(&mut tokens);
        let slice = |a: &TokenWithSpan, z: &TokenWithSpan| {
            st.lines.slice(a.span.start, z.span.end).to_string()
        };
        let declared = sqlite::take_declared_types(&mut tokens, &slice);
        (opts, declared)
    } else {
        (SqliteOptions::default(), Vec::new())
    };
    let Some(stmt) = b.parse(ctx, &tokens) else {
        if let Some((parts, _, _)) = raw::name_after(st, "TABLE", b.provider) {
            let key = crate::names::qualified_from_parts(parts, b.provider);
            b.broken_tables.push(key);
        }
        return;
    };
    match stmt {
        Statement::CreateTable(ct) => build_table(b, ctx, &ct, ids, sqlite, &declared),
        other => {
            let at = ctx.loc(ctx.start);
            b.error(
                &at,
                format!("expected CREATE TABLE, found `{}`", short(&other)),
                None,
            );
        }
    }
}

fn short(stmt: &Statement) -> String {
    brief(&stmt.to_string())
}

/// A SQL text cut to a few words for a message.
pub(crate) fn brief(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().collect();
    if words.len() <= 6 {
        words.join(" ")
    } else {
        format!("{} ...", words[..6].join(" "))
    }
}

fn build_table(
    b: &mut Builder,
    ctx: &Ctx,
    ct: &CreateTable,
    mut ids: IdentityOptions,
    sqlite: SqliteOptions,
    declared: &[String],
) {
    let (schema, name) = split_qualified(&ct.name, b.provider);
    let name_span = sqlparser::ast::Spanned::span(&ct.name);
    let name_span = ct
        .name
        .0
        .last()
        .map_or(name_span, sqlparser::ast::Spanned::span);
    let at = ctx.span_loc(name_span);
    if ct.partition_by.is_some() || ct.inherits.is_some() || ct.partition_of.is_some() {
        b.warn(
            &at,
            format!("partitioning and inheritance of table `{name}` are not part of the schema model; they are ignored by migrate"),
            None,
        );
    }
    if ct.query.is_some() || ct.like.is_some() || ct.clone.is_some() {
        b.warn(
            &at,
            format!("CREATE TABLE `{name}` ... AS / LIKE / CLONE is not part of the schema model; it is ignored by migrate"),
            Some("declare the table's columns".into()),
        );
        return;
    }
    if let Some(i) = b.table_index(&schema, &name) {
        let first = b.schema.tables[i].location.clone();
        b.error(
            &at,
            format!("duplicate table `{name}`"),
            first.map(|l| format!("`{name}` is first declared at {l}")),
        );
        return;
    }
    let mut table = Table::new(name);
    table.schema = schema;
    table.location = Some(at);
    let table_line = name_span.start.line;
    table.renamed_from = ctx.renamed_from(table_line, true);

    let mut constraints = Vec::new();
    for (i, def) in ct.columns.iter().enumerate() {
        let before = table.columns.len();
        add_column(
            b,
            ctx,
            &mut table,
            def,
            &mut ids,
            &mut constraints,
            table_line,
        );
        if let (Some(text), Some(col)) = (declared.get(i), table.columns.get_mut(before)) {
            col.ty = ColumnType::new(text.clone(), type_kind(text, Provider::Sqlite));
        }
    }
    constraints.extend(ct.constraints.iter().cloned());
    for c in &constraints {
        apply_constraint(b, ctx, &mut table, c);
    }
    table_options(b.provider, ct, &mut table);
    table.options.without_rowid |= sqlite.without_rowid;
    table.options.strict |= sqlite.strict;
    b.schema.tables.push(table);
}

/// MySQL ENGINE / CHARSET / COLLATE / COMMENT, SQLite WITHOUT ROWID / STRICT.
fn table_options(provider: Provider, ct: &CreateTable, table: &mut Table) {
    let options: &[SqlOption] = match &ct.table_options {
        CreateTableOptions::None => &[],
        CreateTableOptions::With(v)
        | CreateTableOptions::Options(v)
        | CreateTableOptions::Plain(v)
        | CreateTableOptions::TableProperties(v) => v,
    };
    if provider == Provider::Mysql {
        for o in options {
            match o {
                SqlOption::NamedParenthesizedList(l)
                    if l.key.value.eq_ignore_ascii_case("ENGINE") =>
                {
                    table.options.engine = l.name.as_ref().map(|n| n.value.clone());
                }
                SqlOption::KeyValue { key, value } => {
                    let key = key.value.to_ascii_uppercase();
                    match key.as_str() {
                        "DEFAULT CHARSET"
                        | "CHARSET"
                        | "CHARACTER SET"
                        | "DEFAULT CHARACTER SET" => {
                            table.options.charset = Some(option_value(value));
                        }
                        "COLLATE" | "DEFAULT COLLATE" => {
                            table.options.collation = Some(option_value(value));
                        }
                        "ENGINE" => table.options.engine = Some(option_value(value)),
                        _ => {}
                    }
                }
                SqlOption::Comment(c) => table.comment = Some(comment_text(c)),
                _ => {}
            }
        }
    }
    if let Some(c) = &ct.comment {
        table.comment = Some(comment_text(c));
    }
    if provider == Provider::Sqlite {
        table.options.without_rowid = ct.without_rowid;
        table.options.strict = ct.strict;
    }
}

fn comment_text(c: &sqlparser::ast::CommentDef) -> String {
    match c {
        sqlparser::ast::CommentDef::WithEq(s) | sqlparser::ast::CommentDef::WithoutEq(s) => {
            s.clone()
        }
    }
}

fn option_value(value: &Expr) -> String {
    match value {
        Expr::Identifier(i) => i.value.clone(),
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => s.clone(),
            other => other.to_string(),
        },
        other => other.to_string(),
    }
}

/// Adds a column; its inline constraints are turned into table constraints in `constraints`.
fn add_column(
    b: &mut Builder,
    ctx: &Ctx,
    table: &mut Table,
    def: &ColumnDef,
    ids: &mut IdentityOptions,
    constraints: &mut Vec<TableConstraint>,
    table_line: u64,
) {
    let name = fold_ident(&def.name, b.provider);
    let at = ctx.span_loc(def.name.span);
    if let Some(first) = b.column_index(table, &name).map(|i| &table.columns[i]) {
        let help = first
            .location
            .as_ref()
            .map(|l| format!("`{}` is first declared at {l}", first.name));
        b.error(
            &at,
            format!("duplicate column `{name}` in table `{}`", table.name),
            help,
        );
        return;
    }
    let mut col = Column::new(name, column_type(&def.data_type, b.provider));
    serial(b.provider, &def.data_type, &mut col);
    let own = || IndexColumn::from(def.name.clone());
    for opt in &def.options {
        match &opt.option {
            ColumnOption::Null => col.nullable = true,
            ColumnOption::NotNull => col.nullable = false,
            ColumnOption::Default(e) => col.default = default_text(e),
            ColumnOption::PrimaryKey(pk) => {
                let mut pk = pk.clone();
                pk.name = opt.name.clone().or(pk.name);
                pk.columns = vec![own()];
                constraints.push(TableConstraint::PrimaryKey(pk));
            }
            ColumnOption::Unique(u) => {
                let mut u = u.clone();
                u.name = opt.name.clone().or(u.name);
                u.columns = vec![own()];
                constraints.push(TableConstraint::Unique(u));
            }
            ColumnOption::ForeignKey(fk) => {
                let mut fk = fk.clone();
                fk.name = opt.name.clone().or(fk.name);
                fk.columns = vec![def.name.clone()];
                constraints.push(TableConstraint::ForeignKey(fk));
            }
            ColumnOption::Check(c) => {
                let mut c = c.clone();
                c.name = opt.name.clone().or(c.name);
                constraints.push(TableConstraint::Check(c));
            }
            ColumnOption::DialectSpecific(tokens) => {
                let auto = tokens.iter().any(|t| {
                    matches!(
                        word_upper(t).as_deref(),
                        Some("AUTO_INCREMENT" | "AUTOINCREMENT")
                    )
                });
                if auto {
                    col.identity = Some(Identity {
                        kind: IdentityKind::AutoIncrement,
                        options: None,
                    });
                }
            }
            ColumnOption::Collation(n) => col.collation = Some(fold_parts(n, b.provider).join(".")),
            ColumnOption::Comment(s) => col.comment = Some(s.clone()),
            ColumnOption::OnUpdate(e) => col.on_update = Some(e.to_string()),
            ColumnOption::Generated {
                generated_as,
                generation_expr,
                generation_expr_mode,
                ..
            } => match generation_expr {
                Some(e) => {
                    col.generated = Some(Generated {
                        expr: e.to_string(),
                        stored: matches!(
                            generation_expr_mode,
                            Some(GeneratedExpressionMode::Stored)
                        ),
                    })
                }
                None => {
                    let kind = match generated_as {
                        GeneratedAs::ByDefault => IdentityKind::ByDefault,
                        GeneratedAs::Always | GeneratedAs::ExpStored => IdentityKind::Always,
                    };
                    col.identity = Some(Identity {
                        kind,
                        options: ids.pop_front().flatten(),
                    });
                    col.nullable = false;
                }
            },
            _ => {}
        }
    }
    let line = def.name.span.start.line;
    col.location = Some(at);
    col.renamed_from = ctx.renamed_from(line, line != table_line);
    table.columns.push(col);
}

/// A DEFAULT expression as SQL text; `DEFAULT NULL` is no default.
fn default_text(e: &Expr) -> Option<String> {
    match e {
        Expr::Value(v) if matches!(v.value, Value::Null) => None,
        other => Some(other.to_string()),
    }
}

/// PostgreSQL SERIAL / BIGSERIAL / SMALLSERIAL and MySQL SERIAL.
fn serial(provider: Provider, dt: &DataType, col: &mut Column) {
    let DataType::Custom(name, args) = dt else {
        return;
    };
    if !args.is_empty() || name.0.len() != 1 {
        return;
    }
    let word = name.to_string().to_ascii_lowercase();
    let (raw, kind) = match (provider, word.as_str()) {
        (Provider::Postgresql, "serial" | "serial4") => ("integer", int(32, false)),
        (Provider::Postgresql, "bigserial" | "serial8") => ("bigint", int(64, false)),
        (Provider::Postgresql, "smallserial" | "serial2") => ("smallint", int(16, false)),
        (Provider::Mysql, "serial") => ("bigint unsigned", int(64, true)),
        _ => return,
    };
    col.ty = ColumnType::new(raw, kind);
    col.nullable = false;
    col.identity = Some(Identity {
        kind: if provider == Provider::Mysql {
            IdentityKind::AutoIncrement
        } else {
            IdentityKind::Serial
        },
        options: None,
    });
}

fn int(bits: u8, unsigned: bool) -> TypeKind {
    TypeKind::Int { bits, unsigned }
}

/// ALTER TABLE: parsed now, applied in pass 2.
pub(crate) fn alter_table(b: &mut Builder, ctx: &Ctx, st: &StmtText<'_>) {
    let (tokens, ids) = take_identity_options(st);
    let Some(stmt) = b.parse(ctx, &tokens) else {
        return;
    };
    match stmt {
        Statement::AlterTable(at) => b.deferred.push(Deferred {
            ctx: ctx.clone(),
            kind: DeferredKind::Alter(Box::new(at), ids),
        }),
        other => {
            let at = ctx.loc(ctx.start);
            b.error(
                &at,
                format!("expected ALTER TABLE, found `{}`", short(&other)),
                None,
            );
        }
    }
}

/// Applies ALTER TABLE ... ADD COLUMN / ADD CONSTRAINT / ALTER COLUMN to the model.
pub(crate) fn apply_alter(
    b: &mut Builder,
    ctx: &Ctx,
    alter: &AlterTable,
    mut ids: IdentityOptions,
) {
    let (schema, name) = split_qualified(&alter.name, b.provider);
    let name_at = ctx.span_loc(sqlparser::ast::Spanned::span(&alter.name));
    let Some(idx) = b.table_index(&schema, &name) else {
        if !b.is_broken(&schema, &name) {
            b.error(
                &name_at,
                format!("ALTER TABLE of unknown table `{name}`"),
                Some("declare the table with CREATE TABLE in a schema file".into()),
            );
        }
        return;
    };
    let mut table = std::mem::take(&mut b.schema.tables[idx]);
    for op in &alter.operations {
        match op {
            AlterTableOperation::AddColumn {
                if_not_exists,
                column_def,
                ..
            } => {
                let col_name = fold_ident(&column_def.name, b.provider);
                if *if_not_exists && b.column_index(&table, &col_name).is_some() {
                    continue;
                }
                let mut constraints = Vec::new();
                add_column(
                    b,
                    ctx,
                    &mut table,
                    column_def,
                    &mut ids,
                    &mut constraints,
                    0,
                );
                for c in &constraints {
                    apply_constraint(b, ctx, &mut table, c);
                }
            }
            AlterTableOperation::AddConstraint { constraint, .. } => {
                apply_constraint(b, ctx, &mut table, constraint);
            }
            AlterTableOperation::AlterColumn { column_name, op } => {
                alter_column(b, ctx, &mut table, column_name, op);
            }
            other => {
                let what = brief(&other.to_string());
                b.warn(
                    &name_at,
                    format!("`ALTER TABLE ... {what}` is not part of the schema model; it is ignored by migrate"),
                    Some("schema files may ADD COLUMN, ADD CONSTRAINT and ALTER COLUMN; write other changes in the CREATE TABLE".into()),
                );
            }
        }
    }
    b.schema.tables[idx] = table;
}

fn alter_column(
    b: &mut Builder,
    ctx: &Ctx,
    table: &mut Table,
    column: &sqlparser::ast::Ident,
    op: &AlterColumnOperation,
) {
    let name = fold_ident(column, b.provider);
    let help = columns_help(table);
    let Some(col) = b.column_index(table, &name).map(|i| &mut table.columns[i]) else {
        let at = ctx.span_loc(column.span);
        b.error(
            &at,
            format!(
                "ALTER COLUMN of unknown column `{name}` in table `{}`",
                table.name
            ),
            Some(help),
        );
        return;
    };
    match op {
        AlterColumnOperation::SetNotNull => col.nullable = false,
        AlterColumnOperation::DropNotNull => col.nullable = true,
        AlterColumnOperation::SetDefault { value } => col.default = default_text(value),
        AlterColumnOperation::DropDefault => col.default = None,
        AlterColumnOperation::SetDataType { data_type, .. } => {
            col.ty = column_type(data_type, b.provider)
        }
        AlterColumnOperation::AddGenerated { generated_as, .. } => {
            col.identity = Some(Identity {
                kind: match generated_as {
                    Some(GeneratedAs::ByDefault) => IdentityKind::ByDefault,
                    _ => IdentityKind::Always,
                },
                options: None,
            });
            col.nullable = false;
        }
    }
}

/// Cuts the `( ... )` after each `AS IDENTITY` out of the statement's tokens.
fn take_identity_options(st: &StmtText<'_>) -> (Vec<TokenWithSpan>, IdentityOptions) {
    let tokens = st.tokens;
    let mut ids = IdentityOptions::new();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let sig: Vec<usize> = (0..tokens.len())
        .filter(|&i| !is_trivia(&tokens[i].token))
        .collect();
    for (n, &i) in sig.iter().enumerate() {
        if word_upper(&tokens[i].token).as_deref() != Some("IDENTITY") {
            continue;
        }
        let after_as = n > 0 && word_upper(&tokens[sig[n - 1]].token).as_deref() == Some("AS");
        if !after_as {
            continue;
        }
        match sig.get(n + 1) {
            Some(&open) if tokens[open].token == Token::LParen => {
                let Some(close) = matching_paren(tokens, open) else {
                    ids.push_back(None);
                    continue;
                };
                let text = match (tokens.get(open), tokens.get(close)) {
                    (Some(a), Some(z)) => st.lines.slice(a.span.end, z.span.start),
                    _ => "",
                };
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                ids.push_back((!text.is_empty()).then_some(text));
                cut.push((open, close));
            }
            _ => ids.push_back(None),
        }
    }
    let kept = tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| !cut.iter().any(|(a, z)| i >= a && i <= z))
        .map(|(_, t)| t.clone())
        .collect();
    (kept, ids)
}

/// The index of the `)` matching the `(` at `open`.
pub(crate) fn matching_paren(tokens: &[TokenWithSpan], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in tokens.iter().enumerate().skip(open) {
        match t.token {
            Token::LParen => depth += 1,
            Token::RParen => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}
