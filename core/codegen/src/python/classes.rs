//! The dataclasses a query module defines (rows, batch parameters) and the decoders that
//! build a row type from a fetched row, by position.

use super::keywords::{class_name, field_name};
use super::queries::{param_annotation, ModuleState, Param, RowType};
use super::{dataclass_decorator, Ctx};
use crate::ir::IrQuery;
use crate::naming::snake;
use crate::GenError;
use std::collections::BTreeSet;

/// The row type of `q`: its table's model, or a `<Name>Row` dataclass written here; its
/// decoder is written too, once per module.
pub(super) fn row_type(
    ctx: &Ctx<'_>,
    q: &IrQuery,
    m: &mut ModuleState,
) -> Result<RowType, GenError> {
    let model = q
        .model
        .as_ref()
        .and_then(|t| Some((ctx.req.catalog.table(t)?, ctx.models.get(t)?)));
    let (class, fields) = match model {
        Some((table, class)) => {
            m.needs.add("models");
            let fields: Vec<String> = table.columns.iter().map(|c| field_name(&c.name)).collect();
            (format!("models.{class}"), fields)
        }
        None => {
            let class = class_name(&format!("{}_row", q.name()));
            m.scope.claim(&class, q)?;
            m.exports.push(class.clone());
            let fields = dataclass(ctx, q, &class, &q.columns, m)?;
            (class, fields)
        }
    };
    let decoder = format!("_decode_{}", snake(class.trim_start_matches("models.")));
    if m.decoders.insert(decoder.clone()) {
        let row = ctx.driver.row(&mut m.needs);
        // Positional arguments, in the fields' order (the columns' order): a keyword call
        // costs about twice as much per row, and `Cls(*r)` less still when no column needs a
        // conversion.
        let items: Vec<String> = q
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let v = format!("r[{i}]");
                ctx.types.decode_of(&c.ty, c.nullable, &v, &mut m.needs)
            })
            .collect();
        debug_assert_eq!(items.len(), fields.len());
        let plain = items
            .iter()
            .enumerate()
            .all(|(i, item)| *item == format!("r[{i}]"));
        let items = if plain && !items.is_empty() {
            vec!["*r".to_string()]
        } else {
            items
        };
        let w = &mut m.body;
        w.blank();
        w.blank();
        w.wrapped(
            &format!("def {decoder}("),
            &[format!("r: {row}")],
            &format!(") -> {class}:"),
        );
        w.indented(|w| w.wrapped(&format!("return {class}("), &items, ")"));
    }
    Ok(RowType { class, decoder })
}

/// The `<Name>Params` dataclass a batch or `:copyfrom` function takes a list of.
pub(super) fn params_class(
    ctx: &Ctx<'_>,
    q: &IrQuery,
    params: &[Param<'_>],
    m: &mut ModuleState,
) -> Result<String, GenError> {
    let class = class_name(&format!("{}_params", q.name()));
    m.scope.claim(&class, q)?;
    m.exports.push(class.clone());
    let mut lines = Vec::new();
    for p in params {
        let ann = param_annotation(ctx, p, &mut m.needs);
        lines.push(format!("{}: {ann}", p.name));
    }
    write_dataclass(ctx, &class, lines, m);
    Ok(class)
}

/// Writes the dataclass `class` with one field per column; returns the field names.
fn dataclass(
    ctx: &Ctx<'_>,
    q: &IrQuery,
    class: &str,
    columns: &[crate::ir::Field],
    m: &mut ModuleState,
) -> Result<Vec<String>, GenError> {
    let mut names = BTreeSet::new();
    let mut fields = Vec::new();
    let mut lines = Vec::new();
    for c in columns {
        let name = field_name(&c.name);
        if !names.insert(name.clone()) {
            return Err(GenError::NameClash {
                file: q.query.file.clone(),
                line: q.query.line,
                message: format!(
                    "query {}: two result columns are named `{name}` in Python",
                    q.name()
                ),
                help: "give one of them another name with AS".into(),
            });
        }
        let ann = ctx
            .types
            .annotation_of(&c.ty, c.nullable, "models.", &mut m.needs);
        lines.push(format!("{name}: {ann}"));
        fields.push(name);
    }
    write_dataclass(ctx, class, lines, m);
    Ok(fields)
}

fn write_dataclass(ctx: &Ctx<'_>, class: &str, fields: Vec<String>, m: &mut ModuleState) {
    m.needs.add("dataclass");
    let w = &mut m.body;
    w.blank();
    w.blank();
    w.line(dataclass_decorator(ctx.opts.frozen));
    w.line(format!("class {class}:"));
    w.indented(|w| {
        if fields.is_empty() {
            w.line("pass");
        }
        w.lines(fields);
    });
}
