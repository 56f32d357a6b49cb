//! Writing a [`Module`] as TypeScript or as JavaScript (ES module or CommonJS).

use super::syntax::{indent, jsdoc, unmark, Func, Item, Module, Reexport};
use super::HEADER;
use crate::options::TsModule;

/// The path of the runtime module as imported from its siblings.
pub(crate) const RUNTIME_IMPORT: &str = "./flash-runtime.js";

/// The module as TypeScript (ES module syntax, `.js` in relative imports).
pub(crate) fn typescript(m: &Module) -> String {
    let mut out = format!("{HEADER}\n");
    let mut imports = String::new();
    for (from, names) in &m.type_imports {
        imports.push_str(&format!(
            "import type {{ {} }} from \"{from}\";\n",
            names.join(", ")
        ));
    }
    if m.runtime {
        imports.push_str(&format!("import * as rt from \"{RUNTIME_IMPORT}\";\n"));
    }
    if !imports.is_empty() {
        out.push('\n');
        out.push_str(&imports);
    }
    for item in &m.items {
        out.push('\n');
        match item {
            Item::Interface { doc, name, fields } => {
                out.push_str(&jsdoc(doc, ""));
                out.push_str(&interface(name, fields));
            }
            Item::TypeAlias { doc, name, ty } => {
                out.push_str(&jsdoc(doc, ""));
                out.push_str(&format!("export type {name} = {ty};\n"));
            }
            Item::Const {
                doc,
                exported,
                name,
                value,
                ..
            } => {
                out.push_str(&jsdoc(doc, ""));
                let export = if *exported { "export " } else { "" };
                out.push_str(&format!(
                    "{export}const {name} = {};\n",
                    unmark(value, true)
                ));
            }
            Item::Func(f) => out.push_str(&function(f, true, true)),
        }
    }
    let reexports = reexports_esm(&m.reexports, true);
    if !reexports.is_empty() {
        out.push('\n');
        out.push_str(&reexports);
    }
    if m.items.is_empty() && m.reexports.is_empty() && m.type_imports.is_empty() && !m.runtime {
        // An empty file is a script, not a module, to TypeScript.
        out.push_str("\nexport {};\n");
    }
    out
}

/// The module as JavaScript.
pub(crate) fn javascript(m: &Module, module: TsModule) -> String {
    let mut out = format!("{HEADER}\n");
    let cjs = module == TsModule::Cjs;
    if cjs {
        out.push_str("\"use strict\";\n");
        out.push_str("Object.defineProperty(exports, \"__esModule\", { value: true });\n");
    }
    if m.runtime {
        out.push('\n');
        if cjs {
            out.push_str(&format!("const rt = require(\"{RUNTIME_IMPORT}\");\n"));
        } else {
            out.push_str(&format!("import * as rt from \"{RUNTIME_IMPORT}\";\n"));
        }
    }
    let mut exported = Vec::new();
    for item in &m.items {
        match item {
            Item::Interface { .. } | Item::TypeAlias { .. } => {}
            Item::Const {
                doc,
                exported: export,
                name,
                value,
                ..
            } => {
                out.push('\n');
                out.push_str(&jsdoc(doc, ""));
                let keyword = if *export && !cjs { "export " } else { "" };
                out.push_str(&format!(
                    "{keyword}const {name} = {};\n",
                    unmark(value, false)
                ));
                if *export {
                    exported.push(name.clone());
                }
            }
            Item::Func(f) => {
                out.push('\n');
                out.push_str(&function(f, false, !cjs));
                if f.exported {
                    exported.push(f.name.clone());
                }
            }
        }
    }
    if cjs {
        if !exported.is_empty() {
            out.push('\n');
        }
        for name in &exported {
            out.push_str(&format!("exports.{name} = {name};\n"));
        }
        let mut first = true;
        for r in &m.reexports {
            if let Reexport::All { from, values } = r {
                for v in values {
                    if first {
                        out.push('\n');
                        first = false;
                    }
                    out.push_str(&format!("exports.{v} = require(\"{from}\").{v};\n"));
                }
            }
        }
    } else {
        let reexports = reexports_esm(&m.reexports, false);
        if !reexports.is_empty() {
            out.push('\n');
            out.push_str(&reexports);
        }
        if exported.is_empty() && !m.runtime && m.reexports.is_empty() {
            out.push_str("\nexport {};\n");
        }
    }
    out
}

/// `export interface Name { ... }`.
pub(crate) fn interface(name: &str, fields: &[(String, String)]) -> String {
    let mut out = format!("export interface {name} {{\n");
    for (key, ty) in fields {
        out.push_str(&format!("  {key}: {ty};\n"));
    }
    out.push_str("}\n");
    out
}

/// A function declaration, with types (`ts`) or without, `export`ed in place or not.
fn function(f: &Func, ts: bool, export_in_place: bool) -> String {
    let mut out = jsdoc(&f.doc, "");
    if f.exported && export_in_place {
        out.push_str("export ");
    }
    if f.is_async {
        out.push_str("async ");
    }
    out.push_str("function ");
    out.push_str(&f.name);
    let params: Vec<String> = f
        .params
        .iter()
        .map(|(n, t)| if ts { format!("{n}: {t}") } else { n.clone() })
        .collect();
    if ts {
        out.push_str(&format!(
            "{}({}): {} {{\n",
            f.generics,
            params.join(", "),
            f.ret
        ));
    } else {
        out.push_str(&format!("({}) {{\n", params.join(", ")));
    }
    out.push_str(&indent(&unmark(&f.body, ts), "  "));
    out.push_str("}\n");
    out
}

/// `export * from` and `export type { } from` lines (the latter in TypeScript only).
fn reexports_esm(reexports: &[Reexport], ts: bool) -> String {
    let mut out = String::new();
    for r in reexports {
        match r {
            Reexport::All { from, .. } => out.push_str(&format!("export * from \"{from}\";\n")),
            Reexport::Types { from, names } if ts => out.push_str(&format!(
                "export type {{ {} }} from \"{from}\";\n",
                names.join(", ")
            )),
            Reexport::Types { .. } => {}
        }
    }
    out
}
