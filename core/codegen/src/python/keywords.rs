//! Names a generated Python identifier must not take, and how SQL names become identifiers.
//!
//! A name that is a keyword, or that would shadow something the generated code refers to in
//! the same scope (a module it imported, a builtin it calls, a local of the function body),
//! gets a trailing `_` (`from` -> `from_`), the PEP 8 way.

use crate::naming::{pascal, snake};

/// Python's hard keywords: never valid as identifiers.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Names the generated modules bind at module level (imports), which a dataclass field would
/// shadow inside the class body (where annotations are resolved) and a parameter inside the
/// function body.
const MODULE_NAMES: &[&str] = &[
    "aiomysql",
    "aiosqlite",
    "asyncpg",
    "dataclass",
    "datetime",
    "decimal",
    "enum",
    "json",
    "models",
    "psycopg",
    "pymysql",
    "sqlite3",
    "typing",
    "uuid",
];

/// Builtins the generated annotations and bodies use: a field or parameter of that name would
/// hide them from the rest of the class or function.
const BUILTINS: &[&str] = &[
    "any",
    "bool",
    "bytes",
    "dict",
    "float",
    "int",
    "isinstance",
    "len",
    "list",
    "object",
    "str",
    "tuple",
];

/// The names generated function bodies bind (and `conn`, the first argument).
const LOCALS: &[&str] = &[
    "args",
    "conn",
    "copy",
    "cur",
    "item",
    "items",
    "lastrowid",
    "results",
    "row",
    "rows",
    "sql",
    "status",
    "value",
];

/// Whether `name` is a Python keyword.
pub(crate) fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// A dataclass field: snake_case, escaped against keywords and the names annotations use.
pub(crate) fn field_name(name: &str) -> String {
    escape(snake(name), |n| {
        is_keyword(n) || MODULE_NAMES.contains(&n) || BUILTINS.contains(&n)
    })
}

/// A function parameter: like a field, and also clear of the function body's locals.
pub(crate) fn param_name(name: &str) -> String {
    escape(snake(name), |n| {
        is_keyword(n) || MODULE_NAMES.contains(&n) || BUILTINS.contains(&n) || LOCALS.contains(&n)
    })
}

/// A module-level function: snake_case, clear of keywords and of the imported modules.
pub(crate) fn function_name(name: &str) -> String {
    escape(snake(name), |n| is_keyword(n) || MODULE_NAMES.contains(&n))
}

/// A class: PascalCase (never a keyword: those are lower case, but for the three constants).
pub(crate) fn class_name(name: &str) -> String {
    escape(pascal(name), is_keyword)
}

/// An enum member: SCREAMING_SNAKE of the value, `V_` before a leading digit, `EMPTY` for the
/// empty string.
pub(crate) fn member_name(value: &str) -> String {
    let s = snake(value).to_uppercase();
    if s.is_empty() {
        "EMPTY".to_string()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V_{s}")
    } else {
        s
    }
}

/// A module file name (without `.py`): snake_case of the query file's stem, importable.
pub(crate) fn module_name(stem: &str) -> String {
    let s = snake(stem);
    if s.is_empty() {
        "queries".to_string()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("q_{s}")
    } else {
        escape(s, |n| is_keyword(n) || MODULE_NAMES.contains(&n))
    }
}

/// `name`, with `_` added while `taken` says no; an empty name becomes `value` first, and one
/// starting with a digit gets a leading `v`.
fn escape(name: String, taken: impl Fn(&str) -> bool) -> String {
    let mut name = if name.is_empty() {
        "value".to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v{name}")
    } else {
        name
    };
    while taken(&name) {
        name.push('_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(field_name("from"), "from_");
        assert_eq!(field_name("createdAt"), "created_at");
        assert_eq!(field_name("type"), "type");
        assert_eq!(field_name("str"), "str_");
        assert_eq!(field_name("json"), "json_");
        assert_eq!(param_name("row"), "row_");
        assert_eq!(param_name("id"), "id");
        assert_eq!(function_name("import"), "import_");
        assert_eq!(function_name("GetUser"), "get_user");
        assert_eq!(class_name("none"), "None_");
        assert_eq!(member_name("in-progress"), "IN_PROGRESS");
        assert_eq!(member_name("1st"), "V_1ST");
        assert_eq!(member_name(""), "EMPTY");
        assert_eq!(module_name("admin_audit"), "admin_audit");
        assert_eq!(module_name("2024"), "q_2024");
        assert_eq!(module_name("import"), "import_");
        assert_eq!(field_name("2fa"), "v2fa");
    }
}
