//! SQLite: a branch is a file beside the main one, `<stem>__<branch><ext>` (`dev__feature.db`).
//!
//! The copy is `VACUUM INTO`: one statement that writes a consistent copy of the database as
//! seen by a read transaction, so it is safe while other connections use the file (in WAL mode
//! writers are not even blocked). The online backup API would do the same, but sqlx does not
//! expose it, and reaching it through FFI needs `unsafe`, which only the C binding may use.
//! The copy is written to `<file>.partial` and renamed when complete, so a failure leaves no
//! half file.

use super::copy::Copied;
use super::error::BranchError;
use crate::error::Error;
use flash_migrate::MigrateError;
use flash_schema::Provider;
use std::path::{Path, PathBuf};

const P: Provider = Provider::Sqlite;

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// The branch files beside `main`: (file stem, path) of every `<main stem>__*<ext>` file.
pub fn files(main: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
    let (_, ext) = super::url::split_file(main);
    let dir = match main.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(io(&dir)(e)),
    };
    for entry in entries {
        let entry = entry.map_err(io(&dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(ext.as_str()) {
            if ext.is_empty() || !stem.is_empty() {
                out.push((stem.to_string(), main.with_file_name(&name)));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Copies the database at `source_url` (`source` is its file) to `dest`.
pub async fn create(source_url: &str, source: &Path, dest: &Path) -> Result<Copied, Error> {
    if !source.exists() {
        return Err(BranchError::NoMainFile {
            path: source.to_path_buf(),
        }
        .into());
    }
    let mut partial = dest.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    // A leftover of an interrupted copy: ours by its name, and never a usable database.
    if partial.exists() {
        std::fs::remove_file(&partial).map_err(io(&partial))?;
    }
    let mut d = flash_migrate::connect(P, source_url).await?;
    let model = d.inspect().await.map_err(MigrateError::Db)?;
    let copied = d
        .query(&format!(
            "VACUUM INTO {}",
            P.quote_literal(&partial.to_string_lossy())
        ))
        .await;
    drop(d);
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(super::copy_error(
            &source.display().to_string(),
            &dest.display().to_string(),
            e,
        ));
    }
    std::fs::rename(&partial, dest).map_err(io(dest))?;
    Ok(Copied {
        tables: model.tables.len(),
        views: model.views.len(),
        rows: None,
        not_copied: Vec::new(),
    })
}

/// The file and its journals (`-wal`, `-shm`, `-journal`), those that exist.
fn with_journals(path: &Path) -> Vec<PathBuf> {
    let mut out = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        if p.exists() {
            out.push(p);
        }
    }
    out
}

/// Deletes a branch file and its journals.
pub fn remove(path: &Path) -> Result<(), Error> {
    for p in with_journals(path) {
        std::fs::remove_file(&p).map_err(io(&p))?;
    }
    Ok(())
}

/// Renames a branch file and its journals.
pub fn rename(from: &Path, to: &Path) -> Result<(), Error> {
    for p in with_journals(from) {
        let mut target = to.as_os_str().to_owned();
        let suffix = p
            .as_os_str()
            .to_string_lossy()
            .strip_prefix(from.as_os_str().to_string_lossy().as_ref())
            .map(str::to_string)
            .unwrap_or_default();
        target.push(&suffix);
        std::fs::rename(&p, PathBuf::from(target)).map_err(io(&p))?;
    }
    Ok(())
}
