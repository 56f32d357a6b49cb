//! Class names of tables and views: PascalCase, last word singular (`users` -> `User`).

use super::keywords::class_name;
use crate::naming::words;

use crate::naming::singular;

/// The dataclass of a table or view, a non-default schema first (`audit.log_entries` ->
/// `AuditLogEntry`).
pub(crate) fn model_name(schema: Option<&str>, table: &str) -> String {
    let mut ws = words(table);
    if let Some(last) = ws.pop() {
        ws.push(singular(&last));
    }
    with_schema(schema, &ws.join("_"))
}

/// The dataclass of a table whose singular name is taken: the name as written.
pub(crate) fn exact_model_name(schema: Option<&str>, table: &str) -> String {
    with_schema(schema, table)
}

fn with_schema(schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(s) => class_name(&format!("{s}_{name}")),
        None => class_name(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        for (p, s) in [
            ("users", "user"),
            ("categories", "category"),
            ("addresses", "address"),
            ("matches", "match"),
            ("boxes", "box"),
            ("status", "status"),
            ("people", "person"),
            ("news", "news"),
            ("bus", "bus"),
            ("user", "user"),
        ] {
            assert_eq!(singular(p), s, "{p}");
        }
        assert_eq!(model_name(None, "blog_posts"), "BlogPost");
        assert_eq!(model_name(Some("audit"), "log_entries"), "AuditLogEntry");
        assert_eq!(exact_model_name(None, "users"), "Users");
    }
}
