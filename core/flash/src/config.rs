//! `flash.toml`: the single-database and multi-database forms of the Go Flash ORM.
//!
//! ```toml
//! version = "2"
//! schema_dir = "db/schema"
//! queries = "db/queries/"
//! migrations_path = "db/migrations"
//! export_path = "db/export"
//! env_path = ".env"            # optional
//!
//! [database]
//! provider = "postgresql"
//! url_env = "DATABASE_URL"
//! schemas = ["public", "billing"]   # optional, PostgreSQL: the schemas flash manages
//!
//! [gen.go]
//! enabled = true
//! ```
//!
//! Multi-database projects use `[[databases]]` tables with `name`, `default`, `provider`,
//! `url_env`, their own paths and `[databases.gen.*]`. Bad values are errors naming the key;
//! unknown keys are warnings.

use flash_schema::Provider;
use serde::Serialize;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// The file name looked for in the current folder and its parents.
pub const CONFIG_FILE: &str = "flash.toml";

/// Code generation settings for one language, as written (checked and given defaults by
/// `flash::gen`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GenTarget {
    pub enabled: bool,
    pub out: Option<String>,
    pub driver: Option<String>,
    #[serde(rename = "async")]
    pub async_: bool,
    /// Go: the package name.
    pub package: Option<String>,
    /// Go: `sql_null` or `pointer`.
    pub nulls: Option<String>,
    /// Go: `json:"..."` tags (default true).
    pub json_tags: Option<bool>,
    /// Go: `db:"..."` tags (default true).
    pub db_tags: Option<bool>,
    /// JS: `ts` or `js`.
    pub emit: Option<String>,
    /// JS: `esm` or `cjs`.
    pub module: Option<String>,
    /// JS: `string` or `bigint`.
    pub bigint: Option<String>,
    /// JS: the TypeScript type of JSON values.
    pub json_type: Option<String>,
    /// Python: frozen dataclasses (default true).
    pub frozen: Option<bool>,
    /// Python: `enum` or `literal`.
    pub enums: Option<String>,
}

/// The keys a `[gen.*]` section may hold.
const GEN_KEYS: &[&str] = &[
    "enabled",
    "out",
    "driver",
    "async",
    "package",
    "nulls",
    "json_tags",
    "db_tags",
    "emit",
    "module",
    "bigint",
    "json_type",
    "frozen",
    "enums",
];

/// `[gen.go]`, `[gen.js]`, `[gen.python]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GenConfig {
    pub go: Option<GenTarget>,
    pub js: Option<GenTarget>,
    pub python: Option<GenTarget>,
}

/// One database of the project, with every path resolved against the project folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatabaseConfig {
    pub name: String,
    pub default: bool,
    pub provider: Provider,
    pub url_env: String,
    pub schema_dir: PathBuf,
    pub queries: PathBuf,
    pub migrations_path: PathBuf,
    pub export_path: PathBuf,
    /// PostgreSQL schemas flash manages (`schemas = [...]`); empty: the current schema and
    /// the ones the schema files name (`flash pull`: every non-system schema).
    pub schemas: Vec<String>,
    pub gen: GenConfig,
}

/// A loaded `flash.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// The folder holding it; relative paths are relative to it.
    pub root: PathBuf,
    pub version: Option<String>,
    pub env_path: Option<PathBuf>,
    pub databases: Vec<DatabaseConfig>,
    /// Unknown keys and other things worth a look.
    pub warnings: Vec<String>,
}

/// A `flash.toml` that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("no flash.toml in {0} or any parent folder")]
    NotFound(PathBuf),
    #[error("cannot read {path}: {message}")]
    Read { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Syntax { path: PathBuf, message: String },
    #[error("{path}: `{key}` {message}")]
    Value {
        path: PathBuf,
        key: String,
        message: String,
    },
    #[error("{path}: no database named `{name}` (known: {known})")]
    UnknownDatabase {
        path: PathBuf,
        name: String,
        known: String,
    },
}

const TOP_KEYS: &[&str] = &[
    "version",
    "schema_dir",
    "schema_path",
    "queries",
    "migrations_path",
    "export_path",
    "env_path",
    "database",
    "databases",
    "gen",
];
const GEN_LANGS: &[&str] = &["go", "js", "python"];
// Languages the Go tool knew that flash does not generate: warned about, never an error.
const GEN_FOREIGN: &[&str] = &["kotlin", "java", "ts", "typescript", "rust", "csharp"];

struct Reader<'a> {
    path: &'a Path,
    warnings: Vec<String>,
}

impl Reader<'_> {
    fn err(&self, key: &str, message: impl Into<String>) -> ConfigError {
        ConfigError::Value {
            path: self.path.to_path_buf(),
            key: key.to_string(),
            message: message.into(),
        }
    }

    fn string(&self, t: &Table, key: &str, prefix: &str) -> Result<Option<String>, ConfigError> {
        match t.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            // `version = 2` is common; accept numbers for it.
            Some(Value::Integer(i)) if key == "version" => Ok(Some(i.to_string())),
            Some(Value::Float(f)) if key == "version" => Ok(Some(f.to_string())),
            Some(v) => Err(self.err(
                &format!("{prefix}{key}"),
                format!("must be a string, not {}", v.type_str()),
            )),
        }
    }

    fn boolean(&self, t: &Table, key: &str, prefix: &str) -> Result<Option<bool>, ConfigError> {
        match t.get(key) {
            None => Ok(None),
            Some(Value::Boolean(b)) => Ok(Some(*b)),
            Some(v) => Err(self.err(
                &format!("{prefix}{key}"),
                format!("must be true or false, not {}", v.type_str()),
            )),
        }
    }

    /// A list of non-empty strings, each once.
    fn strings(&self, t: &Table, key: &str, prefix: &str) -> Result<Vec<String>, ConfigError> {
        let full = format!("{prefix}{key}");
        match t.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => {
                let mut out: Vec<String> = Vec::new();
                for v in items {
                    match v {
                        Value::String(s) if !s.trim().is_empty() => {
                            if !out.contains(s) {
                                out.push(s.clone());
                            }
                        }
                        Value::String(_) => {
                            return Err(self.err(&full, "must not hold an empty name"))
                        }
                        v => {
                            return Err(self.err(
                                &full,
                                format!("must be a list of strings, not hold a {}", v.type_str()),
                            ))
                        }
                    }
                }
                Ok(out)
            }
            Some(v) => Err(self.err(
                &full,
                format!("must be a list of strings, not {}", v.type_str()),
            )),
        }
    }

    fn table<'t>(
        &self,
        t: &'t Table,
        key: &str,
        prefix: &str,
    ) -> Result<Option<&'t Table>, ConfigError> {
        match t.get(key) {
            None => Ok(None),
            Some(Value::Table(x)) => Ok(Some(x)),
            Some(v) => Err(self.err(
                &format!("{prefix}{key}"),
                format!("must be a table, not {}", v.type_str()),
            )),
        }
    }

    fn unknown(&mut self, t: &Table, known: &[&str], prefix: &str) {
        for k in t.keys() {
            if !known.contains(&k.as_str()) {
                self.warnings.push(format!(
                    "{}: unknown key `{prefix}{k}` is ignored",
                    self.path.display()
                ));
            }
        }
    }

    fn provider(&self, t: &Table, prefix: &str) -> Result<Option<Provider>, ConfigError> {
        match self.string(t, "provider", prefix)? {
            None => Ok(None),
            Some(p) => p
                .parse::<Provider>()
                .map(Some)
                .map_err(|e| self.err(&format!("{prefix}provider"), e.to_string())),
        }
    }

    fn gen(&mut self, t: &Table, prefix: &str) -> Result<GenConfig, ConfigError> {
        let mut g = GenConfig::default();
        for (lang, v) in t {
            let key = format!("{prefix}{lang}");
            let Value::Table(lt) = v else {
                return Err(self.err(&key, format!("must be a table, not {}", v.type_str())));
            };
            if !GEN_LANGS.contains(&lang.as_str()) {
                let why = if GEN_FOREIGN.contains(&lang.as_str()) {
                    "flash does not generate this language; the section is ignored"
                } else {
                    "unknown language; the section is ignored"
                };
                self.warnings
                    .push(format!("{}: `[{key}]`: {why}", self.path.display()));
                continue;
            }
            let p = format!("{key}.");
            let target = GenTarget {
                enabled: self.boolean(lt, "enabled", &p)?.unwrap_or(true),
                out: self.string(lt, "out", &p)?,
                driver: self.string(lt, "driver", &p)?,
                async_: self.boolean(lt, "async", &p)?.unwrap_or(false),
                package: self.string(lt, "package", &p)?,
                nulls: self.string(lt, "nulls", &p)?,
                json_tags: self.boolean(lt, "json_tags", &p)?,
                db_tags: self.boolean(lt, "db_tags", &p)?,
                emit: self.string(lt, "emit", &p)?,
                module: self.string(lt, "module", &p)?,
                bigint: self.string(lt, "bigint", &p)?,
                json_type: self.string(lt, "json_type", &p)?,
                frozen: self.boolean(lt, "frozen", &p)?,
                enums: self.string(lt, "enums", &p)?,
            };
            self.unknown(lt, GEN_KEYS, &p);
            match lang.as_str() {
                "go" => g.go = Some(target),
                "js" => g.js = Some(target),
                _ => g.python = Some(target),
            }
        }
        Ok(g)
    }
}

struct Paths {
    schema_dir: String,
    queries: String,
    migrations_path: String,
    export_path: String,
}

impl Config {
    /// Finds `flash.toml` in `start` or its parents and loads it.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let candidate = d.join(CONFIG_FILE);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
            dir = d.parent();
        }
        Err(ConfigError::NotFound(start.to_path_buf()))
    }

    /// Loads the given file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let root = path
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .unwrap_or(Path::new("."));
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        Config::parse(&text, path, &root)
    }

    /// Parses `flash.toml` text; `path` names it in messages, `root` resolves relative paths.
    pub fn parse(text: &str, path: &Path, root: &Path) -> Result<Config, ConfigError> {
        let doc: Table = text
            .parse()
            .map_err(|e: toml::de::Error| ConfigError::Syntax {
                path: path.to_path_buf(),
                message: e.to_string().trim().to_string(),
            })?;
        let mut r = Reader {
            path,
            warnings: Vec::new(),
        };
        r.unknown(&doc, TOP_KEYS, "");
        let version = r.string(&doc, "version", "")?;
        // `schema_path` (a single file) is the older Go tool's key.
        let schema_dir = match r.string(&doc, "schema_dir", "")? {
            Some(s) => s,
            None => r
                .string(&doc, "schema_path", "")?
                .unwrap_or_else(|| "db/schema".into()),
        };
        let defaults = Paths {
            schema_dir,
            queries: r
                .string(&doc, "queries", "")?
                .unwrap_or_else(|| "db/queries/".into()),
            migrations_path: r
                .string(&doc, "migrations_path", "")?
                .unwrap_or_else(|| "db/migrations".into()),
            export_path: r
                .string(&doc, "export_path", "")?
                .unwrap_or_else(|| "db/export".into()),
        };
        let env_path = r.string(&doc, "env_path", "")?.map(|p| root.join(p));
        let top_gen = match r.table(&doc, "gen", "")? {
            Some(g) => r.gen(g, "gen.")?,
            None => GenConfig::default(),
        };

        let mut databases = Vec::new();
        match doc.get("databases") {
            Some(Value::Array(items)) => {
                if doc.contains_key("database") {
                    r.warnings.push(format!(
                        "{}: both [database] and [[databases]] are present; [database] is ignored",
                        path.display()
                    ));
                }
                for (i, item) in items.iter().enumerate() {
                    let prefix = format!("databases[{i}].");
                    let Value::Table(t) = item else {
                        return Err(r.err(
                            &format!("databases[{i}]"),
                            "must be a table ([[databases]])",
                        ));
                    };
                    r.unknown(
                        t,
                        &[
                            "name",
                            "default",
                            "provider",
                            "url_env",
                            "schema_dir",
                            "schema_path",
                            "queries",
                            "migrations_path",
                            "export_path",
                            "schemas",
                            "gen",
                        ],
                        &prefix,
                    );
                    let name = r
                        .string(t, "name", &prefix)?
                        .ok_or_else(|| r.err(&format!("{prefix}name"), "is required"))?;
                    if databases.iter().any(|d: &DatabaseConfig| d.name == name) {
                        return Err(
                            r.err(&format!("{prefix}name"), format!("`{name}` is used twice"))
                        );
                    }
                    let provider = r
                        .provider(t, &prefix)?
                        .ok_or_else(|| r.err(&format!("{prefix}provider"), "is required"))?;
                    let pick =
                        |key: &str, dflt: &str, r: &Reader<'_>| -> Result<String, ConfigError> {
                            Ok(r.string(t, key, &prefix)?
                                .unwrap_or_else(|| dflt.to_string()))
                        };
                    let schema_dir = match r.string(t, "schema_dir", &prefix)? {
                        Some(s) => s,
                        None => pick("schema_path", &defaults.schema_dir, &r)?,
                    };
                    let gen = match r.table(t, "gen", &prefix)? {
                        Some(g) => r.gen(g, &format!("{prefix}gen."))?,
                        None => top_gen.clone(),
                    };
                    databases.push(DatabaseConfig {
                        default: r.boolean(t, "default", &prefix)?.unwrap_or(false),
                        url_env: pick("url_env", "DATABASE_URL", &r)?,
                        schema_dir: root.join(schema_dir),
                        queries: root.join(pick("queries", &defaults.queries, &r)?),
                        migrations_path: root.join(pick(
                            "migrations_path",
                            &defaults.migrations_path,
                            &r,
                        )?),
                        export_path: root.join(pick("export_path", &defaults.export_path, &r)?),
                        schemas: r.strings(t, "schemas", &prefix)?,
                        name,
                        provider,
                        gen,
                    });
                }
                if databases.iter().filter(|d| d.default).count() > 1 {
                    return Err(r.err("databases", "more than one database has `default = true`"));
                }
                if databases.is_empty() {
                    return Err(r.err("databases", "is empty"));
                }
                // Two databases on one migrations folder would apply each other's migrations
                // and share one snapshot.
                for (i, a) in databases.iter().enumerate() {
                    for (j, b) in databases.iter().enumerate().skip(i + 1) {
                        if a.migrations_path == b.migrations_path {
                            return Err(r.err(
                                &format!("databases[{j}].migrations_path"),
                                format!(
                                    "is the same folder as database `{}`'s; give each database its own migrations_path",
                                    a.name
                                ),
                            ));
                        }
                        if a.url_env == b.url_env {
                            r.warnings.push(format!(
                                "{}: databases `{}` and `{}` both read their URL from {}",
                                path.display(),
                                a.name,
                                b.name,
                                a.url_env
                            ));
                        }
                    }
                }
            }
            Some(v) => {
                return Err(r.err(
                    "databases",
                    format!(
                        "must be an array of tables ([[databases]]), not {}",
                        v.type_str()
                    ),
                ))
            }
            None => {
                let (provider, url_env, schemas) = match r.table(&doc, "database", "")? {
                    Some(t) => {
                        r.unknown(t, &["provider", "url_env", "schemas"], "database.");
                        (
                            r.provider(t, "database.")?,
                            r.string(t, "url_env", "database.")?,
                            r.strings(t, "schemas", "database.")?,
                        )
                    }
                    None => (None, None, Vec::new()),
                };
                let provider = provider.ok_or_else(|| r.err("database.provider", "is required"))?;
                databases.push(DatabaseConfig {
                    name: "default".into(),
                    default: true,
                    provider,
                    url_env: url_env.unwrap_or_else(|| "DATABASE_URL".into()),
                    schema_dir: root.join(&defaults.schema_dir),
                    queries: root.join(&defaults.queries),
                    migrations_path: root.join(&defaults.migrations_path),
                    export_path: root.join(&defaults.export_path),
                    schemas,
                    gen: top_gen,
                });
            }
        }
        for d in &databases {
            if !d.schemas.is_empty() && d.provider != Provider::Postgresql {
                r.warnings.push(format!(
                    "{}: `schemas` of database `{}` is ignored: only PostgreSQL has schemas",
                    path.display(),
                    d.name
                ));
            }
        }
        Ok(Config {
            path: path.to_path_buf(),
            root: root.to_path_buf(),
            version,
            env_path,
            databases,
            warnings: r.warnings,
        })
    }

    /// The database selected by `--db NAME`, or the default one (the one marked `default`, else
    /// the first).
    pub fn database(&self, name: Option<&str>) -> Result<&DatabaseConfig, ConfigError> {
        match name {
            Some(n) => self.databases.iter().find(|d| d.name == n).ok_or_else(|| {
                ConfigError::UnknownDatabase {
                    path: self.path.clone(),
                    name: n.to_string(),
                    known: self
                        .databases
                        .iter()
                        .map(|d| d.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                }
            }),
            None => Ok(self
                .databases
                .iter()
                .find(|d| d.default)
                .or_else(|| self.databases.first())
                .ok_or_else(|| ConfigError::Value {
                    path: self.path.clone(),
                    key: "databases".into(),
                    message: "is empty".into(),
                })?),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("flash.toml"), Path::new("/p"))
    }

    #[test]
    fn single_database_form() {
        let c = parse(
            "version = \"2\"\nschema_dir = \"db/schema\"\nqueries = \"db/queries/\"\nmigrations_path = \"db/migrations\"\nexport_path = \"db/export\"\n\n[database]\nprovider = \"postgresql\"\nurl_env = \"DATABASE_URL\"\n\n[gen.go]\nenabled = true\n\n[gen.python]\nasync = true\n\n[gen.kotlin]\nenabled = true\n",
        )
        .unwrap();
        let d = c.database(None).unwrap();
        assert_eq!(d.provider, Provider::Postgresql);
        assert_eq!(d.schema_dir, Path::new("/p/db/schema"));
        assert!(d.gen.go.as_ref().unwrap().enabled);
        assert!(d.gen.python.as_ref().unwrap().async_);
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        assert!(c.warnings[0].contains("gen.kotlin"));
    }

    #[test]
    fn multi_database_form() {
        let c = parse(
            "schema_dir = \"db/schema\"\n[[databases]]\nname = \"main\"\nprovider = \"postgresql\"\nurl_env = \"MAIN_URL\"\n\n[[databases]]\nname = \"analytics\"\ndefault = true\nprovider = \"sqlite\"\nurl_env = \"AN_URL\"\nschema_dir = \"db/analytics\"\nmigrations_path = \"db/analytics_migrations\"\n[databases.gen.js]\nenabled = true\nout = \"gen\"\n",
        )
        .unwrap();
        assert_eq!(c.database(None).unwrap().name, "analytics");
        let main = c.database(Some("main")).unwrap();
        assert_eq!(main.url_env, "MAIN_URL");
        assert_eq!(main.schema_dir, Path::new("/p/db/schema"));
        let an = c.database(Some("analytics")).unwrap();
        assert_eq!(an.schema_dir, Path::new("/p/db/analytics"));
        assert_eq!(an.gen.js.as_ref().unwrap().out.as_deref(), Some("gen"));
        let shared = parse("[[databases]]\nname = \"a\"\nprovider = \"sqlite\"\n[[databases]]\nname = \"b\"\nprovider = \"sqlite\"\n");
        assert!(shared
            .unwrap_err()
            .to_string()
            .contains("databases[1].migrations_path"));
        assert!(matches!(
            c.database(Some("nope")),
            Err(ConfigError::UnknownDatabase { .. })
        ));
    }

    #[test]
    fn bad_values_name_the_key() {
        let e = parse("[database]\nprovider = \"oracle\"\n").unwrap_err();
        assert!(e.to_string().contains("`database.provider`"), "{e}");
        let e = parse("schema_dir = 3\n[database]\nprovider = \"sqlite\"\n").unwrap_err();
        assert!(
            e.to_string().contains("`schema_dir` must be a string"),
            "{e}"
        );
        let e =
            parse("[database]\nprovider = \"sqlite\"\n[gen.go]\nenabled = \"yes\"\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("`gen.go.enabled` must be true or false"),
            "{e}"
        );
        let e =
            parse("[database]\nprovider = \"postgresql\"\nschemas = \"billing\"\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("`database.schemas` must be a list of strings"),
            "{e}"
        );
        let c = parse(
            "[database]\nprovider = \"postgresql\"\nschemas = [\"public\", \"billing\", \"public\"]\n",
        )
        .unwrap();
        assert_eq!(c.databases[0].schemas, ["public", "billing"]);
        let c = parse("colour = 1\n[database]\nprovider = \"sqlite\"\n").unwrap();
        assert!(c.warnings[0].contains("unknown key `colour`"));
    }
}
