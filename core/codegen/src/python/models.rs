//! `models.py`: the `JsonValue` alias, the enums, and a dataclass per table and view.

use super::imports::Needs;
use super::keywords::{field_name, member_name};
use super::source::{quoted, triple_quoted, Writer, HEADER};
use super::{dataclass_decorator, Ctx, Scope};
use crate::options::PyEnums;
use crate::GenError;
use flash_schema::TypeKind;

/// The alias of JSON values, defined in `models.py` when anything uses JSON.
pub(crate) const JSON_VALUE: &str = "JsonValue";

/// `models.py` and the names it exports.
pub(crate) fn file(ctx: &Ctx<'_>) -> Result<(String, Vec<String>), GenError> {
    let mut needs = Needs::default();
    let mut body = Writer::new();
    let mut exports = Vec::new();

    if uses_json(ctx) {
        needs.add("typing");
        exports.push(JSON_VALUE.to_string());
        body.blank();
        body.line(format!("{JSON_VALUE}: typing.TypeAlias = ("));
        body.line(format!(
            "    bool | int | float | str | list[\"{JSON_VALUE}\"] | dict[str, \"{JSON_VALUE}\"] | None"
        ));
        body.line(")");
    }

    for e in &ctx.req.catalog.enums {
        let class = ctx
            .types
            .enum_names
            .get(&e.name)
            .cloned()
            .unwrap_or_default();
        exports.push(class.clone());
        body.blank();
        body.blank();
        match ctx.opts.enums {
            PyEnums::Enum => {
                needs.add("enum");
                body.line(format!("class {class}(str, enum.Enum):"));
                body.indented(|w| {
                    w.line(triple_quoted(&format!("The values of enum {}.", e.name)));
                    w.blank();
                    let mut members = Scope::default();
                    for v in &e.values {
                        // Two values with the same identifier (`a-b`, `a_b`): number the second.
                        let base = member_name(v);
                        let mut name = base.clone();
                        let mut n = 2;
                        while members.taken(&name) {
                            name = format!("{base}_{n}");
                            n += 1;
                        }
                        members.take(&name);
                        w.line(format!("{name} = {}", quoted(v)));
                    }
                    if e.values.is_empty() {
                        w.line("pass");
                    }
                });
            }
            PyEnums::Literal => {
                needs.add("typing");
                let values: Vec<String> = e.values.iter().map(|v| quoted(v)).collect();
                if values.is_empty() {
                    body.line(format!("{class}: typing.TypeAlias = str"));
                } else {
                    let head = format!("{class}: typing.TypeAlias = typing.Literal[");
                    body.wrapped(&head, &values, "]");
                }
            }
        }
    }

    for (table, class) in ctx.req.catalog.tables.iter().zip(&ctx.model_classes) {
        needs.add("dataclass");
        exports.push(class.clone());
        let mut fields = Scope::default();
        let mut lines = Vec::new();
        for c in &table.columns {
            let name = field_name(&c.name);
            if fields.taken(&name) {
                return Err(GenError::NameClash {
                    file: "schema".into(),
                    line: 0,
                    message: format!(
                        "{} {}: two columns are named `{name}` in Python",
                        if table.view { "view" } else { "table" },
                        table.name
                    ),
                    help: "rename one of the columns".into(),
                });
            }
            fields.take(&name);
            let ann = ctx.types.annotation_of(&c.ty, c.nullable, "", &mut needs);
            lines.push(format!("{name}: {ann}"));
        }
        body.blank();
        body.blank();
        body.line(dataclass_decorator(ctx.opts.frozen));
        body.line(format!("class {class}:"));
        body.indented(|w| {
            let kind = if table.view { "view" } else { "table" };
            let name = match &table.schema {
                Some(s) => format!("{s}.{}", table.name),
                None => table.name.clone(),
            };
            w.line(triple_quoted(&format!("A row of {kind} {name}.")));
            if !lines.is_empty() {
                w.blank();
            }
            w.lines(lines);
        });
    }

    let mut w = Writer::new();
    w.line(HEADER);
    w.line(triple_quoted(
        "The tables, views and enums of the database.",
    ));
    w.blank();
    w.lines(needs.render(&[]));
    let mut out = w.finish();
    out.push_str(&body.finish());
    Ok((out, exports))
}

/// Whether any table, view, parameter or result has a JSON value.
fn uses_json(ctx: &Ctx<'_>) -> bool {
    fn json(ty: &TypeKind) -> bool {
        match ty {
            TypeKind::Json { .. } => true,
            TypeKind::Array { element } => json(element),
            _ => false,
        }
    }
    let tables = ctx
        .req
        .catalog
        .tables
        .iter()
        .flat_map(|t| &t.columns)
        .any(|c| json(&c.ty));
    let queries = ctx
        .req
        .files
        .iter()
        .flat_map(|f| &f.queries)
        .any(|q| q.params.iter().any(|p| json(&p.ty)) || q.columns.iter().any(|c| json(&c.ty)));
    tables || queries
}
