//! Schema files rewritten element by element (what `flash pull` writes): a changed table,
//! enum or view replaces its `CREATE` statement where it is and loses its other statements
//! (indexes, ALTER TABLE, COMMENT ON) wherever they are; a dropped one loses all of them; a new
//! one is appended where the user's layout says. Every other byte of every file is kept.

use flash_schema::Provider;
use flash_sql::{OutlineItem, Owner, SourceFile};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One schema file as found, with its outline.
pub(crate) struct FileState {
    pub path: PathBuf,
    pub text: String,
    pub outline: Vec<OutlineItem>,
}

/// What to do with the files.
pub(crate) struct Rewrite<'a> {
    /// Elements whose statements are replaced by a new block (the block, by owner).
    pub replaced: &'a BTreeMap<Owner, String>,
    /// Elements whose statements are removed.
    pub removed: &'a BTreeSet<Owner>,
    /// New elements, in the order to write them, with their blocks (no owner: an object
    /// kept verbatim, which never gets a file of its own).
    pub added: &'a [(Option<Owner>, String)],
}

/// A file's new text (`None`: the file is to be removed, it holds nothing any more).
pub(crate) struct NewFile {
    pub path: PathBuf,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Reads and outlines every `.sql` file below `dir` (or the file `dir` itself), in path order.
pub(crate) fn read_files(
    dir: &Path,
    provider: Provider,
) -> Result<Vec<FileState>, crate::MigrateError> {
    let mut paths = Vec::new();
    if dir.is_file() {
        paths.push(dir.to_path_buf());
    } else if dir.is_dir() {
        crate::project::collect_sql(dir, &mut paths)?;
    }
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|source| crate::MigrateError::Read {
            path: path.clone(),
            source,
        })?;
        let outline = flash_sql::outline(&text, provider).map_err(|mut e| {
            e.file = crate::display_path(&path);
            crate::MigrateError::Schema(flash_sql::SchemaErrors {
                errors: vec![e],
                warnings: Vec::new(),
            })
        })?;
        out.push(FileState {
            path,
            text,
            outline,
        });
    }
    Ok(out)
}

/// The files as the parser wants them.
pub(crate) fn sources(files: &[FileState]) -> Vec<SourceFile> {
    files
        .iter()
        .map(|f| SourceFile::new(crate::display_path(&f.path), f.text.clone()))
        .collect()
}

/// Applies `rw` to `files`; a new element goes to a file of its own when the project keeps one
/// element per file, else to the file that defines the most elements, else to `fallback`.
pub(crate) fn rewrite(files: &[FileState], rw: &Rewrite<'_>, fallback: &Path) -> Vec<NewFile> {
    let mut texts: Vec<NewFile> = files
        .iter()
        .map(|f| NewFile {
            path: f.path.clone(),
            old: Some(f.text.clone()),
            new: Some(edit(f, rw)),
        })
        .collect();
    // Replaced elements whose CREATE was not found anywhere are written like new ones.
    let defined: BTreeSet<&Owner> = files
        .iter()
        .flat_map(|f| f.outline.iter())
        .filter(|i| i.defines)
        .filter_map(|i| i.owner.as_ref())
        .collect();
    let mut added: Vec<(Option<Owner>, String)> = rw
        .replaced
        .iter()
        .filter(|(o, _)| !defined.contains(o))
        .map(|(o, b)| (Some(o.clone()), b.clone()))
        .collect();
    added.extend(rw.added.iter().cloned());

    let per_element = one_element_per_file(files);
    for (owner, block) in &added {
        let path = match (&per_element, owner) {
            (Some(dir), Some(owner)) => dir.join(format!("{}.sql", owner.name())),
            _ => busiest_file(files).unwrap_or_else(|| fallback.to_path_buf()),
        };
        match texts.iter_mut().find(|t| t.path == path) {
            Some(t) => {
                let text = t.new.get_or_insert_with(String::new);
                append(text, block);
            }
            None => {
                let mut text = String::new();
                append(&mut text, block);
                texts.push(NewFile {
                    path,
                    old: None,
                    new: Some(text),
                });
            }
        }
    }
    // A file left without any statement (it held only removed elements) goes.
    for t in &mut texts {
        let emptied = t.new.as_deref().is_some_and(|n| n.trim().is_empty())
            && t.old.as_deref().is_some_and(|o| !o.trim().is_empty());
        if emptied {
            t.new = None;
        }
    }
    texts
}

/// One file's text with its replaced and removed statements edited.
fn edit(f: &FileState, rw: &Rewrite<'_>) -> String {
    // (range, replacement), applied from the end so earlier ranges stay valid.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for item in &f.outline {
        let Some(owner) = &item.owner else { continue };
        if let Some(block) = rw.replaced.get(owner) {
            if item.defines {
                edits.push((item.bytes.clone(), block.trim_end().to_string()));
            } else {
                edits.push((removal(&f.text, &item.bytes), String::new()));
            }
        } else if rw.removed.contains(owner) {
            edits.push((removal(&f.text, &item.bytes), String::new()));
        }
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut text = f.text.clone();
    for (range, with) in edits {
        if range.end <= text.len() && text.is_char_boundary(range.start) {
            text.replace_range(range, &with);
        }
    }
    text
}

/// The bytes to delete for a removed statement: the statement, the rest of its line when
/// only blanks follow, and one blank line after it.
fn removal(text: &str, bytes: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut end = bytes.end;
    let rest = &text[end..];
    let line_rest = rest.find('\n').map(|n| &rest[..=n]);
    if let Some(line) = line_rest.filter(|l| l.trim().is_empty()) {
        end += line.len();
        let next = &text[end..];
        if let Some(n) = next.find('\n') {
            if next[..n].trim().is_empty() {
                end += n + 1;
            }
        }
    }
    bytes.start..end
}

fn append(text: &mut String, block: &str) {
    if !text.is_empty() {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        if !text.ends_with("\n\n") {
            text.push('\n');
        }
    }
    text.push_str(block.trim_end());
    text.push('\n');
}

/// The folder when every file that defines something defines one element named like the
/// file (`users.sql` holds table `users`): the user keeps one element per file.
fn one_element_per_file(files: &[FileState]) -> Option<PathBuf> {
    let mut dir = None;
    let mut any = false;
    for f in files {
        let defined: Vec<&Owner> = f
            .outline
            .iter()
            .filter(|i| i.defines)
            .filter_map(|i| i.owner.as_ref())
            .collect();
        match defined.as_slice() {
            [] => {}
            [one] => {
                let stem = f.path.file_stem()?.to_str()?.to_lowercase();
                if stem != one.name().to_lowercase() {
                    return None;
                }
                any = true;
                dir.get_or_insert_with(|| f.path.parent().map(Path::to_path_buf));
            }
            _ => return None,
        }
    }
    if any {
        dir.flatten()
    } else {
        None
    }
}

/// The file that defines the most elements (the first of those), if any defines one.
fn busiest_file(files: &[FileState]) -> Option<PathBuf> {
    let mut best: Option<(usize, &Path)> = None;
    for f in files {
        let n = f.outline.iter().filter(|i| i.defines).count();
        if n > 0 && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, &f.path));
        }
    }
    best.map(|(_, p)| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn state(path: &str, text: &str) -> FileState {
        FileState {
            path: PathBuf::from(path),
            text: text.to_string(),
            outline: flash_sql::outline(text, Provider::Postgresql).unwrap(),
        }
    }

    #[test]
    fn replaces_in_place_and_removes_the_rest() {
        let files = vec![
            state(
                "/s/schema.sql",
                "-- The users.\nCREATE TABLE users (id int);\n\nCREATE INDEX u_i ON users (id);\n\nCREATE TABLE gone (id int);\n\n-- keep me\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n",
            ),
            state("/s/extra.sql", "COMMENT ON TABLE users IS 'x';\n"),
        ];
        let replaced = BTreeMap::from([(
            Owner::Table("users".into()),
            "CREATE TABLE users (id bigint);\nCREATE INDEX u_i ON users (id);\n".to_string(),
        )]);
        let removed = BTreeSet::from([Owner::Table("gone".into())]);
        let added = vec![(
            Some(Owner::Table("tags".into())),
            "CREATE TABLE tags (id int);\n".to_string(),
        )];
        let out = rewrite(
            &files,
            &Rewrite {
                replaced: &replaced,
                removed: &removed,
                added: &added,
            },
            Path::new("/s/schema.sql"),
        );
        assert_eq!(
            out[0].new.as_deref().unwrap(),
            "-- The users.\nCREATE TABLE users (id bigint);\nCREATE INDEX u_i ON users (id);\n\n-- keep me\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n\nCREATE TABLE tags (id int);\n"
        );
        // The file held only a statement of a replaced table: it goes.
        assert_eq!(out[1].new, None);
    }

    #[test]
    fn one_file_per_table_gets_a_new_file() {
        let files = vec![
            state("/s/users.sql", "CREATE TABLE users (id int);\n"),
            state("/s/posts.sql", "CREATE TABLE posts (id int);\n"),
        ];
        let added = vec![(
            Some(Owner::Table("tags".into())),
            "CREATE TABLE tags (id int);".to_string(),
        )];
        let out = rewrite(
            &files,
            &Rewrite {
                replaced: &BTreeMap::new(),
                removed: &BTreeSet::new(),
                added: &added,
            },
            Path::new("/s/schema.sql"),
        );
        assert_eq!(out[2].path, PathBuf::from("/s/tags.sql"));
        assert_eq!(out[2].new.as_deref(), Some("CREATE TABLE tags (id int);\n"));
        assert_eq!(
            out[0].new.as_deref(),
            Some("CREATE TABLE users (id int);\n")
        );
    }
}
