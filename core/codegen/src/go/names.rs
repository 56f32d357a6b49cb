//! Go names of everything the catalog and the queries declare: model types (singular
//! PascalCase), enum types and their constants, struct fields, and the package-level name
//! registry that turns two declarations of one name into a [`GenError::NameClash`].

use super::keywords;
use crate::naming::{go_pascal, words};
use crate::GenError;
use std::collections::BTreeMap;

use crate::naming::singular;

/// `user_roles` -> `UserRole`, with `audit` schema -> `AuditUserRole`: the model type of a
/// table or view, before clash handling.
pub fn model_singular(schema: Option<&str>, table: &str) -> String {
    let mut ws: Vec<String> = schema.map(words).unwrap_or_default();
    let mut table_words = words(table);
    if let Some(last) = table_words.last_mut() {
        *last = singular(last);
    }
    ws.extend(table_words);
    keywords::exported(go_pascal(&ws.join("_")), "Model")
}

/// The model type's name when the singular is taken: the name as written (`UserRoles`).
pub fn model_plural(schema: Option<&str>, table: &str) -> String {
    let mut ws: Vec<String> = schema.map(words).unwrap_or_default();
    ws.extend(words(table));
    keywords::exported(go_pascal(&ws.join("_")), "Model")
}

/// The exported field name of a column (`avatar_url` -> `AvatarURL`, `id_2` -> `ID2`),
/// made unique within its struct by a number suffix.
pub fn fields<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = BTreeMap::<String, usize>::new();
    let mut out = Vec::new();
    for (i, n) in names.into_iter().enumerate() {
        let base = keywords::exported(go_pascal(n), &format!("Column{}", i + 1));
        let mut name = base.clone();
        let mut k = 2;
        while seen.contains_key(&name) {
            name = format!("{base}{k}");
            k += 1;
        }
        seen.insert(name.clone(), i);
        out.push(name);
    }
    out
}

/// The Go names of an enum.
#[derive(Debug, Clone)]
pub struct EnumNames {
    /// `Mood`.
    pub ty: String,
    /// `NullMood`.
    pub null: String,
    /// One per value, in order: (`MoodHappy`, `happy`).
    pub consts: Vec<(String, String)>,
}

impl EnumNames {
    pub fn new(name: &str, values: &[String]) -> EnumNames {
        let ty = keywords::exported(go_pascal(name), "Enum");
        let mut consts: Vec<(String, String)> = Vec::new();
        for v in values {
            let suffix = go_pascal(v);
            let suffix = if suffix.is_empty() {
                "Empty".to_string()
            } else {
                suffix
            };
            let base = format!("{ty}{suffix}");
            let mut c = base.clone();
            let mut k = 2;
            // `in progress` and `in_progress` are different values with one Go spelling.
            while consts.iter().any(|(n, _)| *n == c) {
                c = format!("{base}{k}");
                k += 1;
            }
            consts.push((c, v.clone()));
        }
        EnumNames {
            null: format!("Null{ty}"),
            ty,
            consts,
        }
    }
}

/// Where a package-level name was declared, for the clash message.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: String,
    pub line: u32,
    pub what: String,
}

/// The unexported helpers `db.go` may declare; a parameter must not hide them.
pub const HELPERS: &[&str] = &[
    "jsonDest",
    "jsonArg",
    "sqliteTime",
    "sqliteTimeArg",
    "sqliteDateArg",
    "sqliteTimeOf",
    "parseSQLiteTime",
    "expandSlice",
    "copyValues",
];

/// Every package-level name of the generated package, and every method of `Queries`: two
/// declarations of one name are a [`GenError::NameClash`] naming both.
#[derive(Debug, Default)]
pub struct Registry {
    names: BTreeMap<String, Origin>,
    methods: BTreeMap<String, Origin>,
}

impl Registry {
    /// With the names `db.go` always or possibly declares.
    pub fn new() -> Registry {
        let mut r = Registry::default();
        for n in ["DBTX", "New", "Queries", "ErrBatchAlreadyClosed"]
            .iter()
            .chain(HELPERS)
        {
            r.names.insert(
                n.to_string(),
                Origin {
                    file: "db.go".into(),
                    line: 0,
                    what: "a declaration of db.go".into(),
                },
            );
        }
        r
    }

    /// Whether `name` is free (neither declared nor reserved).
    pub fn is_free(&self, name: &str) -> bool {
        !self.names.contains_key(name) && !keywords::is_reserved(name)
    }

    /// Declares `name`, or reports what already holds it.
    pub fn claim(&mut self, name: &str, origin: Origin) -> Result<(), GenError> {
        if let Some(prev) = self.names.get(name) {
            return Err(clash(name, &origin, prev));
        }
        if keywords::is_reserved(name) {
            return Err(GenError::NameClash {
                file: origin.file.clone(),
                line: origin.line,
                message: format!("the Go name {name} of {} is reserved in Go", origin.what),
                help: "rename it".into(),
            });
        }
        self.names.insert(name.to_string(), origin);
        Ok(())
    }

    /// Declares a method of `Queries`, or reports the query that already has its name.
    pub fn claim_method(&mut self, name: &str, origin: Origin) -> Result<(), GenError> {
        if let Some(prev) = self.methods.get(name) {
            return Err(clash(name, &origin, prev));
        }
        self.methods.insert(name.to_string(), origin);
        Ok(())
    }
}

/// Two declarations of `name`.
fn clash(name: &str, origin: &Origin, prev: &Origin) -> GenError {
    GenError::NameClash {
        file: origin.file.clone(),
        line: origin.line,
        message: format!(
            "the Go name {name} of {} is already {}{}",
            origin.what,
            prev.what,
            if prev.line > 0 {
                format!(" ({}:{})", prev.file, prev.line)
            } else {
                String::new()
            }
        ),
        help: "rename one of them (a query is renamed in its `-- name:` line)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names() {
        assert_eq!(model_singular(None, "user_roles"), "UserRole");
        assert_eq!(model_singular(Some("audit"), "logs"), "AuditLog");
        assert_eq!(model_singular(None, "api_keys"), "APIKey");
        assert_eq!(model_plural(None, "user_roles"), "UserRoles");
    }

    #[test]
    fn field_names_are_unique() {
        assert_eq!(
            fields(["id", "i_d", "avatar_url", "1st", ""]),
            ["ID", "ID2", "AvatarURL", "X1st", "Column5"]
        );
    }

    #[test]
    fn enum_names() {
        let e = EnumNames::new(
            "mood",
            &[
                "happy".into(),
                "in progress".into(),
                "in_progress".into(),
                "".into(),
            ],
        );
        assert_eq!(e.ty, "Mood");
        assert_eq!(e.null, "NullMood");
        let names: Vec<_> = e.consts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "MoodHappy",
                "MoodInProgress",
                "MoodInProgress2",
                "MoodEmpty"
            ]
        );
    }
}
