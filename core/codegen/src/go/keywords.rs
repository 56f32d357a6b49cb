//! Go's reserved words and predeclared identifiers, and turning any name into a safe
//! identifier.

/// The 25 keywords: never usable as identifiers.
const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// Predeclared identifiers: legal to shadow, but a parameter named `string` or `len` would
/// break the generated body that uses them, so they are treated as reserved too.
const PREDECLARED: &[&str] = &[
    "any",
    "append",
    "bool",
    "byte",
    "cap",
    "clear",
    "close",
    "comparable",
    "complex",
    "complex128",
    "complex64",
    "copy",
    "delete",
    "error",
    "false",
    "float32",
    "float64",
    "imag",
    "int",
    "int16",
    "int32",
    "int64",
    "int8",
    "iota",
    "len",
    "make",
    "max",
    "min",
    "new",
    "nil",
    "panic",
    "print",
    "println",
    "real",
    "recover",
    "rune",
    "string",
    "true",
    "uint",
    "uint16",
    "uint32",
    "uint64",
    "uint8",
    "uintptr",
];

/// The names the generated files import packages as: a local of that name would hide the
/// package.
pub const PACKAGE_NAMES: &[&str] = &[
    "context", "driver", "errors", "fmt", "json", "net", "netip", "pgconn", "pgtype", "pgx", "sql",
    "strconv", "strings", "time",
];

/// Whether `name` is a keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Whether `name` may not be used for a generated local, parameter or package-level name:
/// a keyword, a predeclared identifier or an imported package's name.
pub fn is_reserved(name: &str) -> bool {
    is_keyword(name) || PREDECLARED.contains(&name) || PACKAGE_NAMES.contains(&name)
}

/// Whether `name` is a Go identifier (a letter or `_`, then letters, digits and `_`).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// `name` as an exported identifier: kept when it starts with an upper-case letter, else
/// prefixed with `X` (a column named `1st` or `名前` still gets an exported field).
pub fn exported(name: String, fallback: &str) -> String {
    if name.is_empty() {
        return fallback.to_string();
    }
    if name.chars().next().is_some_and(char::is_uppercase) {
        name
    } else {
        format!("X{name}")
    }
}

/// `name` as an unexported local or parameter: an `Arg` suffix on a reserved word, a `p`
/// prefix on a leading digit, `fallback` when nothing is left.
pub fn local(name: String, fallback: &str) -> String {
    let name = if name.is_empty() {
        fallback.to_string()
    } else if name.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        format!("p{name}")
    } else {
        name
    };
    if is_reserved(&name) {
        format!("{name}Arg")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_names_get_a_suffix() {
        assert_eq!(local("type".into(), "p1"), "typeArg");
        assert_eq!(local("len".into(), "p1"), "lenArg");
        assert_eq!(local("time".into(), "p1"), "timeArg");
        assert_eq!(local("email".into(), "p1"), "email");
        assert_eq!(local("2fa".into(), "p1"), "p2fa");
        assert_eq!(local(String::new(), "p1"), "p1");
    }

    #[test]
    fn exported_names_start_upper_case() {
        assert_eq!(exported("UserID".into(), "Column1"), "UserID");
        assert_eq!(exported("1st".into(), "Column1"), "X1st");
        assert_eq!(exported(String::new(), "Column1"), "Column1");
        assert!(is_identifier("userID"));
        assert!(!is_identifier("1x"));
        assert!(!is_identifier("a-b"));
    }
}
