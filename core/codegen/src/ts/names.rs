//! Type names of tables and enums, and the singular form model types take (`users` -> `User`).

use crate::naming::{pascal, words};

/// Words that are the same in the singular, or whose plural the rules below get wrong.
const IRREGULAR: &[(&str, &str)] = &[
    ("aliases", "alias"),
    ("analyses", "analysis"),
    ("atlases", "atlas"),
    ("biases", "bias"),
    ("bonuses", "bonus"),
    ("buses", "bus"),
    ("caches", "cache"),
    ("calories", "calorie"),
    ("campuses", "campus"),
    ("children", "child"),
    ("cookies", "cookie"),
    ("criteria", "criterion"),
    ("data", "data"),
    ("equipment", "equipment"),
    ("feet", "foot"),
    ("gases", "gas"),
    ("geese", "goose"),
    ("halves", "half"),
    ("indices", "index"),
    ("information", "information"),
    ("knives", "knife"),
    ("lives", "life"),
    ("matrices", "matrix"),
    ("media", "media"),
    ("men", "man"),
    ("metadata", "metadata"),
    ("mice", "mouse"),
    ("movies", "movie"),
    ("news", "news"),
    ("niches", "niche"),
    ("people", "person"),
    ("phenomena", "phenomenon"),
    ("quizzes", "quiz"),
    ("selfies", "selfie"),
    ("series", "series"),
    ("shelves", "shelf"),
    ("species", "species"),
    ("statuses", "status"),
    ("teeth", "tooth"),
    ("vertices", "vertex"),
    ("viruses", "virus"),
    ("wives", "wife"),
    ("wolves", "wolf"),
    ("women", "woman"),
    ("zombies", "zombie"),
];

/// The singular of one lower-case English word, conservatively: a word the rules do not
/// recognise as a plural is kept as it is (`status`, `analysis`, `sms`).
pub(crate) fn singular(word: &str) -> String {
    if let Some((_, s)) = IRREGULAR.iter().find(|(p, _)| *p == word) {
        return (*s).to_string();
    }
    let n = word.len();
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    for suffix in ["sses", "ches", "shes", "xes", "zzes"] {
        if word.ends_with(suffix) {
            return word[..n - 2].to_string();
        }
    }
    if n > 3 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|s| word.ends_with(s)) {
        return word[..n - 1].to_string();
    }
    word.to_string()
}

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
    fn singulars() {
        for (p, s) in [
            ("users", "user"),
            ("categories", "category"),
            ("addresses", "address"),
            ("matches", "match"),
            ("boxes", "box"),
            ("status", "status"),
            ("statuses", "status"),
            ("analysis", "analysis"),
            ("people", "person"),
            ("responses", "response"),
            ("news", "news"),
            ("bus", "bus"),
            ("gas", "gas"),
            ("user", "user"),
        ] {
            assert_eq!(singular(p), s, "{p}");
        }
    }

    #[test]
    fn model_names() {
        assert_eq!(model_name(None, "users"), "User");
        assert_eq!(model_name(None, "blog_posts"), "BlogPost");
        assert_eq!(model_name(Some("audit"), "log_entries"), "AuditLogEntry");
        assert_eq!(exact_model_name(None, "users"), "Users");
    }
}
