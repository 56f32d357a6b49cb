//! Type names of tables and views: singular PascalCase (`users` -> `User`), with the
//! singular every backend shares (`naming::singular`).

use crate::naming::{pascal, singular, words};

/// The model type of a table or view: PascalCase, last word singular, a non-default schema
/// first (`users` -> `User`, `audit.log_entries` -> `AuditLogEntry`).
pub(crate) fn model_name(schema: Option<&str>, table: &str) -> String {
    let mut ws = words(table);
    if let Some(last) = ws.pop() {
        ws.push(singular(&last));
    }
    let base = pascal(&ws.join("_"));
    match schema {
        Some(s) => format!("{}{base}", pascal(s)),
        None => base,
    }
}

/// The model type of a table or view when its singular would clash: the name as written.
pub(crate) fn exact_model_name(schema: Option<&str>, table: &str) -> String {
    let base = pascal(table);
    match schema {
        Some(s) => format!("{}{base}", pascal(s)),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names() {
        assert_eq!(model_name(None, "users"), "User");
        assert_eq!(model_name(None, "blog_posts"), "BlogPost");
        assert_eq!(model_name(Some("audit"), "log_entries"), "AuditLogEntry");
        assert_eq!(exact_model_name(None, "users"), "Users");
    }
}
