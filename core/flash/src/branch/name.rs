//! Branch names: what is accepted, and the name of the branch's schema, database or file.

use super::error::BranchError;

/// The branch that is the database the URL names.
pub const MAIN: &str = "main";

/// Between the main schema, database or file name and the branch name in the name of a
/// branch's schema, database or file (`public__feature`, `shop__feature`, `dev__feature.db`).
pub const SEPARATOR: &str = "__";

/// The longest identifier PostgreSQL keeps (63 bytes) is the tightest limit of the three.
const MAX_PHYSICAL: usize = 63;

/// Checks a branch name: lower-case ASCII letters, digits, `_` and `-`, starting with a letter
/// or a digit. Lower case because MySQL database names may be case-insensitive on disk, and
/// the same name must mean the same branch everywhere.
pub fn validate(name: &str) -> Result<(), BranchError> {
    let bad = |why: &str| {
        Err(BranchError::InvalidName {
            name: name.to_string(),
            why: why.to_string(),
        })
    };
    if name.is_empty() {
        return bad("it is empty");
    }
    if name == MAIN {
        return bad("`main` is the database itself");
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        return bad("it must start with a lower-case letter or a digit");
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'))
    {
        return bad(&format!("`{c}` is not allowed"));
    }
    Ok(())
}

/// The name of the branch's schema (PostgreSQL), database (MySQL) or file stem (SQLite),
/// checked against the identifier length limit.
pub fn physical(main: &str, name: &str) -> Result<String, BranchError> {
    let out = format!("{main}{SEPARATOR}{name}");
    if out.len() > MAX_PHYSICAL {
        return Err(BranchError::InvalidName {
            name: name.to_string(),
            why: format!(
                "`{out}` would be longer than {MAX_PHYSICAL} characters; use a shorter name"
            ),
        });
    }
    Ok(out)
}

/// The branch name in a physical name of `main`, if it is one.
pub fn branch_of(main: &str, physical: &str) -> Option<String> {
    let rest = physical.strip_prefix(main)?.strip_prefix(SEPARATOR)?;
    validate(rest).ok().map(|()| rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(validate("feature-1").is_ok());
        assert!(validate("2024_fix").is_ok());
        for bad in ["", "main", "Feature", "-x", "a b", "a.b", "a/b", "é"] {
            assert!(validate(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(physical("public", "x").ok().as_deref(), Some("public__x"));
        assert!(physical("public", &"x".repeat(60)).is_err());
        assert_eq!(branch_of("public", "public__a__b").as_deref(), Some("a__b"));
        assert_eq!(branch_of("public", "publicx__a"), None);
        assert_eq!(branch_of("public", "public__A"), None);
    }
}
