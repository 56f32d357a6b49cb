//! The shape of a generated module, before it is written as TypeScript, JavaScript or `.d.ts`.
//!
//! Function bodies and constant values are written once, in TypeScript, with the parts only
//! TypeScript has (annotations, casts, type arguments) between `«` and `»`: TypeScript output
//! keeps them, JavaScript output drops them. Signatures, interfaces and type aliases are kept
//! as data, so each output writes them its own way.

/// One generated module (`models`, `users`, `index`, `flash-runtime`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Module {
    /// The file name without extension.
    pub name: String,
    /// `import type { names } from "from"`, in order.
    pub type_imports: Vec<(String, Vec<String>)>,
    /// Whether the module uses the runtime helpers (`import * as rt from "./flash-runtime.js"`).
    pub runtime: bool,
    pub items: Vec<Item>,
    /// Re-exports (only `index` has them).
    pub reexports: Vec<Reexport>,
}

/// A re-export of `index`.
#[derive(Debug, Clone)]
pub(crate) enum Reexport {
    /// Every value and type of a module, by name (`export *` in ES modules; the names are
    /// listed so CommonJS output can assign each one).
    All { from: String, values: Vec<String> },
    /// Types only: `export type { names } from "from"`.
    Types { from: String, names: Vec<String> },
}

/// A top-level declaration.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// An exported interface: `(key, type)` fields, keys already quoted where needed.
    Interface {
        doc: Vec<String>,
        name: String,
        fields: Vec<(String, String)>,
    },
    /// An exported type alias.
    TypeAlias {
        doc: Vec<String>,
        name: String,
        ty: String,
    },
    /// A constant; `value` is marked text, `decl` its type for `.d.ts` (exported ones only).
    Const {
        doc: Vec<String>,
        exported: bool,
        name: String,
        value: String,
        decl: String,
    },
    Func(Func),
}

/// A function declaration.
#[derive(Debug, Clone)]
pub(crate) struct Func {
    pub doc: Vec<String>,
    pub exported: bool,
    pub is_async: bool,
    pub name: String,
    /// Type parameters with their brackets (`<T>`), or empty.
    pub generics: String,
    /// `(name, type)`.
    pub params: Vec<(String, String)>,
    pub ret: String,
    /// Marked text, one statement per line, not indented.
    pub body: String,
}

/// Marked text as TypeScript (`ts`) or JavaScript.
pub(crate) fn unmark(text: &str, ts: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_ts = false;
    for c in text.chars() {
        match c {
            '«' => in_ts = true,
            '»' => in_ts = false,
            _ if in_ts && !ts => {}
            _ => out.push(c),
        }
    }
    out
}

/// Text that only TypeScript keeps.
pub(crate) fn ts_only(text: &str) -> String {
    format!("«{text}»")
}

/// A double-quoted JavaScript string literal.
pub(crate) fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            // The markers of TypeScript-only text never appear in literals.
            '«' => out.push_str("\\u00ab"),
            '»' => out.push_str("\\u00bb"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A template literal holding `s` verbatim (for SQL: keeps its lines readable).
pub(crate) fn template_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('`');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => out.push_str("\\`"),
            '\\' => out.push_str("\\\\"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            '\r' => out.push_str("\\r"),
            '«' => out.push_str("\\u00ab"),
            '»' => out.push_str("\\u00bb"),
            c => out.push(c),
        }
    }
    out.push('`');
    out
}

/// A JSDoc comment of `lines` (nothing when there are none), each line ending with `\n`.
pub(crate) fn jsdoc(lines: &[String], indent: &str) -> String {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| l.trim_end().replace("*/", "*\\/"))
        .collect();
    match lines.as_slice() {
        [] => String::new(),
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut out = format!("{indent}/**\n");
            for l in many {
                if l.is_empty() {
                    out.push_str(&format!("{indent} *\n"));
                } else {
                    out.push_str(&format!("{indent} * {l}\n"));
                }
            }
            out.push_str(&format!("{indent} */\n"));
            out
        }
    }
}

/// `text` with every non-empty line indented by `indent`.
pub(crate) fn indent(text: &str, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmarks() {
        assert_eq!(
            unmark("const a«: number» = 1;", true),
            "const a: number = 1;"
        );
        assert_eq!(unmark("const a«: number» = 1;", false), "const a = 1;");
    }

    #[test]
    fn literals() {
        assert_eq!(string_literal("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(
            template_literal("a `b` ${c} $d\\"),
            "`a \\`b\\` \\${c} $d\\\\`"
        );
        assert_eq!(jsdoc(&["one".into()], ""), "/** one */\n");
        assert_eq!(
            jsdoc(&["a */ b".into(), "".into()], "  "),
            "  /**\n   * a *\\/ b\n   *\n   */\n"
        );
    }
}
