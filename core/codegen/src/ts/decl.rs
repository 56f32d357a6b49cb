//! Writing a [`Module`] as the `.d.ts` that sits next to its JavaScript.

use super::render::interface;
use super::syntax::{jsdoc, Item, Module, Reexport};
use super::HEADER;

/// The declarations of the module's exports.
pub(crate) fn declarations(m: &Module) -> String {
    let mut out = format!("{HEADER}\n");
    if !m.type_imports.is_empty() {
        out.push('\n');
        for (from, names) in &m.type_imports {
            out.push_str(&format!(
                "import type {{ {} }} from \"{from}\";\n",
                names.join(", ")
            ));
        }
    }
    let mut any = false;
    for item in &m.items {
        match item {
            Item::Interface { doc, name, fields } => {
                out.push('\n');
                out.push_str(&jsdoc(doc, ""));
                out.push_str(&interface(name, fields));
            }
            Item::TypeAlias { doc, name, ty } => {
                out.push('\n');
                out.push_str(&jsdoc(doc, ""));
                out.push_str(&format!("export type {name} = {ty};\n"));
            }
            Item::Const {
                doc,
                exported: true,
                name,
                decl,
                ..
            } => {
                out.push('\n');
                out.push_str(&jsdoc(doc, ""));
                out.push_str(&format!("export declare const {name}: {decl};\n"));
            }
            Item::Func(f) if f.exported => {
                out.push('\n');
                out.push_str(&jsdoc(&f.doc, ""));
                let params: Vec<String> =
                    f.params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
                out.push_str(&format!(
                    "export declare function {}{}({}): {};\n",
                    f.name,
                    f.generics,
                    params.join(", "),
                    f.ret
                ));
            }
            Item::Const { .. } | Item::Func(_) => continue,
        }
        any = true;
    }
    if !m.reexports.is_empty() {
        out.push('\n');
        for r in &m.reexports {
            match r {
                Reexport::All { from, .. } => {
                    out.push_str(&format!("export * from \"{from}\";\n"));
                }
                Reexport::Types { from, names } => out.push_str(&format!(
                    "export type {{ {} }} from \"{from}\";\n",
                    names.join(", ")
                )),
            }
        }
        any = true;
    }
    if !any {
        out.push_str("\nexport {};\n");
    }
    out
}
