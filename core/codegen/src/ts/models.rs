//! `models`: an interface per table and view, and each enum as a union type with a constant
//! object of its values.

use super::keywords::{is_identifier, property_key};
use super::syntax::{string_literal, ts_only, Item, Module};
use super::Ctx;
use crate::naming::{camel, pascal};
use crate::ModelEnum;
use std::collections::BTreeSet;

/// The module's file name.
pub(crate) const NAME: &str = "models";

/// A type for JSON values, declared when the `json_type` option names it.
pub(crate) const JSON_VALUE: &str = "JsonValue";

/// The `models` module.
pub(crate) fn module(ctx: &Ctx<'_>) -> Module {
    let mut items = Vec::new();
    if ctx.declares_json_value() {
        items.push(Item::TypeAlias {
            doc: vec!["Any JSON value.".into()],
            name: JSON_VALUE.into(),
            ty: format!(
                "string | number | boolean | null | {JSON_VALUE}[] | {{ [key: string]: {JSON_VALUE} }}"
            ),
        });
    }
    for e in &ctx.req.catalog.enums {
        let Some(name) = ctx.enum_names.get(&e.name) else {
            continue;
        };
        enum_items(e, name, &mut items);
    }
    for t in &ctx.req.catalog.tables {
        let Some(name) = ctx.model(&t.name) else {
            continue;
        };
        let mut used = BTreeSet::new();
        let fields = t
            .columns
            .iter()
            .map(|c| {
                (
                    property_key(&camel(&c.name)),
                    ctx.types.field(&c.ty, c.nullable, &mut used),
                )
            })
            .collect();
        let what = if t.view { "view" } else { "table" };
        let qualified = match &t.schema {
            Some(s) => format!("{s}.{}", t.name),
            None => t.name.clone(),
        };
        items.push(Item::Interface {
            doc: vec![format!("A row of {what} `{qualified}`.")],
            name: name.to_string(),
            fields,
        });
    }
    Module {
        name: NAME.into(),
        items,
        ..Module::default()
    }
}

/// `export type Mood = "sad" | "ok"` and `export const Mood = { Sad: "sad", Ok: "ok" }`.
fn enum_items(e: &ModelEnum, name: &str, items: &mut Vec<Item>) {
    let ty = if e.values.is_empty() {
        "never".to_string()
    } else {
        e.values
            .iter()
            .map(|v| string_literal(v))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    items.push(Item::TypeAlias {
        doc: vec![format!("The values of enum `{}`.", e.name)],
        name: name.to_string(),
        ty,
    });
    let keys = enum_keys(&e.values);
    let mut value = String::from("{\n");
    let mut decl = String::from("{\n");
    for (key, v) in keys.iter().zip(&e.values) {
        value.push_str(&format!("  {key}: {},\n", string_literal(v)));
        decl.push_str(&format!("  readonly {key}: {};\n", string_literal(v)));
    }
    value.push('}');
    value.push_str(&ts_only(" as const"));
    decl.push('}');
    items.push(Item::Const {
        doc: vec![format!("The values of enum `{}`, by name.", e.name)],
        exported: true,
        name: name.to_string(),
        value,
        decl,
    });
}

/// Keys of an enum's constant object: the value in PascalCase when that is an identifier no
/// other value gives, else the value itself, quoted.
fn enum_keys(values: &[String]) -> Vec<String> {
    let wanted: Vec<String> = values.iter().map(|v| pascal(v)).collect();
    wanted
        .iter()
        .zip(values)
        .map(|(w, v)| {
            let unique = wanted.iter().filter(|o| *o == w).count() == 1;
            if unique && is_identifier(w) {
                w.clone()
            } else {
                string_literal(v)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_keys_are_identifiers_or_quoted() {
        let values: Vec<String> = ["in_progress", "done", "1st", "a-b", "a_b", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            enum_keys(&values),
            [
                "InProgress",
                "Done",
                "\"1st\"",
                "\"a-b\"",
                "\"a_b\"",
                "\"\""
            ]
        );
    }
}
