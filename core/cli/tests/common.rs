//! Helpers for the CLI tests: a project folder and a way to run the real `flash` binary in it.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Project {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

pub fn flash_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_flash"))
}

impl Project {
    /// A project for `provider` whose DATABASE_URL is `url`.
    pub fn new(provider: &str, url: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("flash.toml"),
            format!("version = \"2\"\nschema_dir = \"db/schema\"\nmigrations_path = \"db/migrations\"\n\n[database]\nprovider = \"{provider}\"\nurl_env = \"DATABASE_URL\"\n"),
        )
        .unwrap();
        std::fs::write(dir.path().join(".env"), format!("DATABASE_URL={url}\n")).unwrap();
        std::fs::create_dir_all(dir.path().join("db/schema")).unwrap();
        Project { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn schema(&self, text: &str) {
        self.write("db/schema/schema.sql", text);
    }

    pub fn migrations(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(self.dir.path().join("db/migrations"))
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "sql"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(flash_bin());
        c.args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("DATABASE_URL");
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out: Output = self.command(args).output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs and asserts success, returning stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "flash {args:?} failed:\n{}", r.all());
        r.stdout
    }

    /// Replaces the temp folder and migration timestamps in output.
    pub fn filter(&self, text: &str) -> String {
        let mut s = text.replace(&self.dir.path().display().to_string(), "[DIR]");
        // Migration ids: 14 digits then `_`.
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            if i + 15 <= chars.len()
                && chars[i..i + 14].iter().all(|c| c.is_ascii_digit())
                && chars[i + 14] == '_'
            {
                out.push_str("[TS]");
                i += 14;
            } else {
                out.push(chars[i]);
                i += 1;
            }
        }
        s = out;
        s
    }
}
