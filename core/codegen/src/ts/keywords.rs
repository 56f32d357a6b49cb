//! Words a generated identifier must not be, and how names become identifiers and keys.

/// JavaScript's reserved words (strict mode and modules included), plus the names that cannot
/// be bound in strict code or would shadow what CommonJS modules rely on.
const RESERVED: &[&str] = &[
    "arguments",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "exports",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "globalThis",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "module",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "require",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "NaN",
    "Infinity",
    // The namespace the generated modules import the runtime helpers as.
    "rt",
];

/// Global types and values the generated code refers to: a model or enum named like one of
/// them would shadow it in `models.ts` (`interface Date` would break every `Date` field).
const GLOBALS: &[&str] = &[
    "Array",
    "BigInt",
    "Boolean",
    "Buffer",
    "Date",
    "Error",
    "Function",
    "JSON",
    "Map",
    "Math",
    "Number",
    "Object",
    "Partial",
    "Promise",
    "Readonly",
    "ReadonlyArray",
    "Record",
    "Set",
    "String",
    "Symbol",
    "Uint8Array",
    "WeakMap",
    // Types the runtime module exports and query modules import.
    "ExecResult",
    "Queryable",
];

/// `name` made safe as a binding: a reserved word or a global gets a trailing `_`, a name
/// that does not start like an identifier (`2fa`) a leading one.
pub(crate) fn escape_ident(name: &str) -> String {
    if !is_identifier(name) {
        format!("_{name}")
    } else if RESERVED.contains(&name) || GLOBALS.contains(&name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// Whether `name` can be written bare as a property name or binding (ignoring reserved words,
/// which are fine as property names).
pub(crate) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_' || first == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// A property name as written in an interface or object literal: bare when it is an
/// identifier, else quoted (`"1st"`).
pub(crate) fn property_key(name: &str) -> String {
    if is_identifier(name) {
        name.to_string()
    } else {
        super::syntax::string_literal(name)
    }
}

/// Reading property `name` of `object`: `object.name`, or `object["1st"]`.
pub(crate) fn property_access(object: &str, name: &str) -> String {
    if is_identifier(name) {
        format!("{object}.{name}")
    } else {
        format!("{object}[{}]", super::syntax::string_literal(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reserved_words_and_globals() {
        assert_eq!(escape_ident("delete"), "delete_");
        assert_eq!(escape_ident("Date"), "Date_");
        assert_eq!(escape_ident("rt"), "rt_");
        assert_eq!(escape_ident("getUser"), "getUser");
        assert_eq!(escape_ident("2faCode"), "_2faCode");
    }

    #[test]
    fn quotes_keys_that_are_not_identifiers() {
        assert_eq!(property_key("userId"), "userId");
        assert_eq!(property_key("1st"), "\"1st\"");
        assert_eq!(property_access("args", "1st"), "args[\"1st\"]");
        assert_eq!(property_access("args", "delete"), "args.delete");
    }
}
