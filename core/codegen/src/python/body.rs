//! The statements of a query function: how each command runs its statement through the
//! driver, with the parameters bound in placeholder order and lists expanded.

use super::driver::{CopyTarget, Fetch};
use super::imports::Needs;
use super::queries::{Param, RowType};
use super::source::{quoted, tuple, Writer};
use super::Ctx;
use crate::ir::IrQuery;
use crate::options::PyDriver;
use flash_sql::QueryCommand;

/// The statements of the function of `q`.
#[allow(clippy::too_many_arguments)]
pub(super) fn function_body(
    ctx: &Ctx<'_>,
    q: &IrQuery,
    binds: &[usize],
    params: &[Param<'_>],
    row: Option<&RowType>,
    constant: &str,
    w: &mut Writer,
    needs: &mut Needs,
) {
    let d = ctx.driver;
    let has_slices = params.iter().any(|p| p.marker.is_some());
    let decoder = row.map(|r| r.decoder.as_str()).unwrap_or_default();
    match q.command() {
        QueryCommand::One => {
            let sql = expand_slices(ctx, w, constant, params, "");
            let args = bind_args(ctx, binds, params, "", needs);
            d.with_cursor(w, needs, |w, _| d.fetch(w, &sql, &args, Fetch::One, "row"));
            w.line(format!("return None if row is None else {decoder}(row)"));
        }
        QueryCommand::Many => {
            let sql = expand_slices(ctx, w, constant, params, "");
            let args = bind_args(ctx, binds, params, "", needs);
            d.with_cursor(w, needs, |w, _| d.fetch(w, &sql, &args, Fetch::All, "rows"));
            w.line(format!("return [{decoder}(r) for r in rows]"));
        }
        QueryCommand::Exec => {
            let sql = expand_slices(ctx, w, constant, params, "");
            let args = bind_args(ctx, binds, params, "", needs);
            d.with_cursor(w, needs, |w, _| d.execute(w, &sql, &args));
        }
        QueryCommand::ExecRows => {
            let sql = expand_slices(ctx, w, constant, params, "");
            let args = bind_args(ctx, binds, params, "", needs);
            d.exec_rows(w, needs, &sql, &args);
        }
        QueryCommand::ExecResult => {
            let sql = expand_slices(ctx, w, constant, params, "");
            let args = bind_args(ctx, binds, params, "", needs);
            d.exec_result(w, &sql, &args);
        }
        QueryCommand::ExecLastId => {
            let sql = expand_slices(ctx, w, constant, params, "");
            let args = bind_args(ctx, binds, params, "", needs);
            match (d.kind, q.columns.first()) {
                (PyDriver::Asyncpg | PyDriver::Psycopg, Some(col)) => {
                    d.with_cursor(w, needs, |w, _| d.fetch(w, &sql, &args, Fetch::One, "row"));
                    w.line("if row is None:");
                    w.indented(|w| {
                        w.line(format!(
                            "raise RuntimeError({})",
                            quoted(&format!("{}: no row was returned", q.name()))
                        ))
                    });
                    let ty = ctx
                        .types
                        .annotation_of(&col.ty, col.nullable, "models.", needs);
                    let value = ctx.types.decode_of(&col.ty, col.nullable, "row[0]", needs);
                    w.line(format!("value: {ty} = {value}"));
                    w.line("return value");
                }
                _ => d.last_row_id(w, needs, &sql, &args, q.name()),
            }
        }
        QueryCommand::CopyFrom => {
            match (d.kind, &q.insert) {
                (PyDriver::Asyncpg | PyDriver::Psycopg, Some(t)) => {
                    // COPY takes the columns in the insert's order, one per parameter.
                    let record: Vec<String> = params
                        .iter()
                        .map(|p| encoded(ctx, p, "item.", needs))
                        .collect();
                    let target = CopyTarget {
                        table: &t.table,
                        schema: t.schema.as_deref(),
                        columns: &t.columns,
                        sql: constant,
                        record: &record,
                    };
                    d.copy(w, needs, &target);
                }
                _ => {
                    let record = bind_args(ctx, binds, params, "item.", needs);
                    let seq = format!("[{} for item in items]", tuple(&record));
                    d.with_cursor(w, needs, |w, _| {
                        d.execute_many(w, constant, &seq);
                        d.return_typed(w, "cur.rowcount", "int");
                    });
                }
            }
        }
        QueryCommand::BatchExec => {
            if has_slices {
                // Each item expands its lists differently: one statement per item.
                d.with_cursor(w, needs, |w, needs| {
                    w.line("for item in items:");
                    w.indented(|w| {
                        let sql = expand_slices(ctx, w, constant, params, "item.");
                        let args = bind_args(ctx, binds, params, "item.", needs);
                        d.execute(w, &sql, &args);
                    });
                });
            } else {
                let record = bind_args(ctx, binds, params, "item.", needs);
                let seq = format!("[{} for item in items]", tuple(&record));
                d.with_cursor(w, needs, |w, _| d.execute_many(w, constant, &seq));
            }
        }
        QueryCommand::BatchMany | QueryCommand::BatchOne => {
            let one = q.command() == QueryCommand::BatchOne;
            let class = row.map(|r| r.class.as_str()).unwrap_or_default();
            if one {
                w.line(format!("results: list[{class} | None] = []"));
            } else {
                w.line(format!("results: list[list[{class}]] = []"));
            }
            d.with_cursor(w, needs, |w, needs| {
                w.line("for item in items:");
                w.indented(|w| {
                    let sql = expand_slices(ctx, w, constant, params, "item.");
                    let args = bind_args(ctx, binds, params, "item.", needs);
                    if one {
                        d.fetch(w, &sql, &args, Fetch::One, "row");
                        w.line(format!(
                            "results.append(None if row is None else {decoder}(row))"
                        ));
                    } else {
                        d.fetch(w, &sql, &args, Fetch::All, "rows");
                        w.line(format!("results.append([{decoder}(r) for r in rows])"));
                    }
                });
            });
            w.line("return results");
        }
    }
}

/// The value of a (non-list) parameter as the driver takes it; `base` is `item.` in batches.
fn encoded(ctx: &Ctx<'_>, p: &Param<'_>, base: &str, needs: &mut Needs) -> String {
    let v = format!("{base}{}", p.name);
    ctx.types.encode_of(&p.ir.ty, p.ir.nullable, &v, needs)
}

/// The values bound to the placeholders, in order: a parameter used twice is bound twice
/// (`?`, `%s`), a list is spread.
fn bind_args(
    ctx: &Ctx<'_>,
    binds: &[usize],
    params: &[Param<'_>],
    base: &str,
    needs: &mut Needs,
) -> Vec<String> {
    binds
        .iter()
        .filter_map(|&i| params.get(i))
        .map(|p| {
            if p.marker.is_none() {
                return encoded(ctx, p, base, needs);
            }
            let v = format!("{base}{}", p.name);
            // A None list binds nothing (its placeholder became NULL).
            let list = if p.ir.nullable {
                format!("({v} or ())")
            } else {
                v
            };
            match ctx.types.encode(&p.ir.ty, "e", needs) {
                Some(e) => format!("*[{e} for e in {list}]"),
                None => format!("*{list}"),
            }
        })
        .collect()
}

/// Writes the expansion of each list parameter's placeholder into one per element (`NULL`
/// for an empty list, so `IN (...)` stays valid), and returns the SQL expression to run.
fn expand_slices(
    ctx: &Ctx<'_>,
    w: &mut Writer,
    constant: &str,
    params: &[Param<'_>],
    base: &str,
) -> String {
    let mut sql = constant.to_string();
    let mark = quoted(ctx.driver.slice_placeholder());
    for p in params {
        let Some(marker) = &p.marker else { continue };
        let v = format!("{base}{}", p.name);
        let n = if p.ir.nullable {
            format!("len({v} or ())")
        } else {
            format!("len({v})")
        };
        let items = [
            quoted(marker),
            format!("\", \".join([{mark}] * {n}) or \"NULL\""),
        ];
        w.wrapped(&format!("sql = {sql}.replace("), &items, ")");
        sql = "sql".into();
    }
    sql
}
