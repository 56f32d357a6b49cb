//! Environment files and the database URL.
//!
//! Precedence, highest first: the real environment, `.env.<name>` (with `--env name`), `.env`,
//! `.env.local`. When `env_path` is set in `flash.toml`, that file replaces the three files
//! (the real environment still wins over it).

use crate::config::{Config, DatabaseConfig};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Variables read from env files, merged by precedence (the real environment is consulted at
/// lookup time).
#[derive(Debug, Clone, Default)]
pub struct EnvVars {
    vars: BTreeMap<String, String>,
    /// The files that were read, lowest precedence first.
    pub files: Vec<PathBuf>,
}

/// An env file that exists but cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct EnvError {
    pub path: PathBuf,
    pub message: String,
}

impl EnvVars {
    /// Reads the env files of a project.
    pub fn load(config: &Config, env_name: Option<&str>) -> Result<EnvVars, EnvError> {
        let files: Vec<PathBuf> = match (&config.env_path, env_name) {
            (Some(p), None) => vec![p.clone()],
            (Some(p), Some(n)) => {
                return Err(EnvError {
                    path: p.clone(),
                    message: format!(
                        "--env {n} cannot be used with `env_path` in flash.toml, which names the only env file"
                    ),
                })
            }
            (None, name) => {
                let mut f = vec![config.root.join(".env.local"), config.root.join(".env")];
                if let Some(n) = name {
                    let named = config.root.join(format!(".env.{n}"));
                    // A typo in --env must not quietly fall back to .env's database.
                    if !named.is_file() {
                        return Err(EnvError {
                            path: named,
                            message: format!("--env {n}: this file does not exist"),
                        });
                    }
                    f.push(named);
                }
                f
            }
        };
        let mut out = EnvVars::default();
        for f in files {
            if !f.is_file() {
                continue;
            }
            out.read_file(&f)?;
            out.files.push(f);
        }
        Ok(out)
    }

    fn read_file(&mut self, path: &Path) -> Result<(), EnvError> {
        let iter = dotenvy::from_path_iter(path).map_err(|e| EnvError {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        for item in iter {
            let (k, v) = item.map_err(|e| EnvError {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
            // Later files have higher precedence.
            self.vars.insert(k, v);
        }
        Ok(())
    }

    /// A variable: the real environment first, then the files.
    pub fn get(&self, key: &str) -> Option<String> {
        match std::env::var(key) {
            Ok(v) if !v.is_empty() => Some(v),
            _ => self.vars.get(key).cloned(),
        }
    }
}

/// The database URL of `db`, with a relative SQLite path made absolute against the project
/// folder (so `sqlite://./dev.db` means the same file from any sub-folder).
pub fn database_url(config: &Config, db: &DatabaseConfig, env: &EnvVars) -> Option<String> {
    let url = env.get(&db.url_env)?;
    Some(resolve_sqlite(&url, &config.root))
}

fn resolve_sqlite(url: &str, root: &Path) -> String {
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return url.to_string();
    };
    if rest.starts_with('/') || rest.starts_with(":memory:") || rest.is_empty() {
        return url.to_string();
    }
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let abs = root.join(path.strip_prefix("./").unwrap_or(path));
    match query {
        Some(q) => format!("sqlite://{}?{q}", abs.display()),
        None => format!("sqlite://{}", abs.display()),
    }
}

/// The URL with its password replaced by `****`, for output: the password of the user-info
/// part (everything up to the last `@` before the path) and `password=` query parameters.
pub fn mask_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (main, query) = match rest.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (rest, None),
    };
    let mut out = format!("{scheme}://");
    match main.rsplit_once('@') {
        Some((auth, host)) => {
            match auth.split_once(':') {
                Some((user, _)) => out.push_str(&format!("{user}:****")),
                None => out.push_str(auth),
            }
            out.push('@');
            out.push_str(host);
        }
        None => out.push_str(main),
    }
    if let Some(q) = query {
        let masked: Vec<String> = q
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _))
                    if k.eq_ignore_ascii_case("password") || k.eq_ignore_ascii_case("pass") =>
                {
                    format!("{k}=****")
                }
                _ => kv.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&masked.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_passwords() {
        assert_eq!(
            mask_url("postgres://u:secret@h:5432/db?sslmode=disable"),
            "postgres://u:****@h:5432/db?sslmode=disable"
        );
        assert_eq!(mask_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(mask_url("sqlite://./dev.db"), "sqlite://./dev.db");
        assert_eq!(mask_url("mysql://a:p@ss@h/db"), "mysql://a:****@h/db");
        assert_eq!(
            mask_url("postgres://u:pa/ss@h/db"),
            "postgres://u:****@h/db"
        );
        assert_eq!(
            mask_url("postgres://h/db?user=u&password=secret&sslmode=disable"),
            "postgres://h/db?user=u&password=****&sslmode=disable"
        );
    }

    #[test]
    fn sqlite_relative_paths_are_rooted() {
        assert_eq!(
            resolve_sqlite("sqlite://./dev.db", Path::new("/p")),
            "sqlite:///p/dev.db"
        );
        assert_eq!(
            resolve_sqlite("sqlite:///abs/x.db", Path::new("/p")),
            "sqlite:///abs/x.db"
        );
        assert_eq!(
            resolve_sqlite("postgres://h/db", Path::new("/p")),
            "postgres://h/db"
        );
    }

    #[test]
    fn precedence_real_env_then_named_then_env_then_local() {
        let dir = std::env::temp_dir().join(format!("flash_env_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(".env.local"),
            "A=local\nB=local\nC=local\nD=local\n",
        )
        .unwrap();
        std::fs::write(dir.join(".env"), "A=env\nB=env\nC=env\n").unwrap();
        std::fs::write(dir.join(".env.test"), "A=test\nB=test\n").unwrap();
        let config = Config::parse(
            "[database]\nprovider=\"sqlite\"\n",
            Path::new("flash.toml"),
            &dir,
        )
        .unwrap();
        let env = EnvVars::load(&config, Some("test")).unwrap();
        assert_eq!(env.get("B").as_deref(), Some("test"));
        assert_eq!(env.get("C").as_deref(), Some("env"));
        assert_eq!(env.get("D").as_deref(), Some("local"));
        assert_eq!(env.get("PATH"), std::env::var("PATH").ok());
        assert!(
            EnvVars::load(&config, Some("prod")).is_err(),
            "a missing .env.prod is an error"
        );
        let config = Config::parse(
            "env_path = \".env.local\"\n[database]\nprovider=\"sqlite\"\n",
            Path::new("flash.toml"),
            &dir,
        )
        .unwrap();
        let env = EnvVars::load(&config, None).unwrap();
        assert_eq!(env.get("B").as_deref(), Some("local"));
        assert!(EnvVars::load(&config, Some("test")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
