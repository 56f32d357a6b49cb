//! Class names of tables and views: PascalCase, last word singular (`users` -> `User`).

use super::keywords::class_name;
use crate::naming::words;

/// Plurals the suffix rules below get wrong, and words that are their own singular.
const IRREGULAR: &[(&str, &str)] = &[
    ("aliases", "alias"),
    ("analyses", "analysis"),
    ("buses", "bus"),
    ("caches", "cache"),
    ("children", "child"),
    ("cookies", "cookie"),
    ("criteria", "criterion"),
    ("data", "data"),
    ("feet", "foot"),
    ("geese", "goose"),
    ("indices", "index"),
    ("matrices", "matrix"),
    ("media", "media"),
    ("men", "man"),
    ("metadata", "metadata"),
    ("mice", "mouse"),
    ("movies", "movie"),
    ("news", "news"),
    ("people", "person"),
    ("series", "series"),
    ("species", "species"),
    ("statuses", "status"),
    ("teeth", "tooth"),
    ("vertices", "vertex"),
    ("women", "woman"),
];

/// The singular of one lower-case English word, conservatively: a word the rules do not
/// recognise as a plural stays as it is (`status`, `analysis`, `sms`).
pub(crate) fn singular(word: &str) -> String {
    if let Some((_, s)) = IRREGULAR.iter().find(|(p, _)| *p == word) {
        return (*s).to_string();
    }
    let n = word.len();
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    if ["sses", "ches", "shes", "xes", "zzes"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        return word[..n - 2].to_string();
    }
    if n > 3 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|s| word.ends_with(s)) {
        return word[..n - 1].to_string();
    }
    word.to_string()
}

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
