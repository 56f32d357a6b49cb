//! `flash gen`: typed query code for every enabled language.
//!
//! Reads the schema files and the query files of the selected database, analyses each query
//! ([`flash_sql::analyze`]), builds one [`flash_codegen::GenRequest`] and runs the backend of
//! each enabled `[gen.*]` section. Everything is generated in memory first: a query error, a
//! backend error or a bad option writes nothing. Then only files whose bytes changed are
//! written (atomically), and files an earlier run wrote that are no longer produced are
//! removed. The cache ([`cache`]) makes an unchanged project a no-op and re-analyses only the
//! query files that changed.

pub mod cache;
pub mod files;
pub mod options;
pub mod verify;

use crate::error::Error;
use crate::target::Target;
use cache::{Cache, CachedFile};
use flash_codegen::ir::AnalyzedFile;
use flash_codegen::{GenRequest, GeneratedFile};
use flash_sql::{SourceFile, SqlError};
pub use options::{LangOptions, Language};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What `flash gen` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct GenOptions {
    /// Ignore the cache: analyse and generate everything.
    pub force: bool,
    /// Write nothing; report what would change (`flash gen --check`).
    pub check: bool,
    /// Only these languages (empty: every enabled `[gen.*]` section).
    pub languages: Vec<Language>,
    /// Also write the request the backends read (catalog and analysed queries, JSON) here:
    /// for plugins and tools of one's own.
    pub ir: Option<PathBuf>,
}

/// What happened to one generated file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Created,
    Updated,
    Unchanged,
    Deleted,
}

/// One generated file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: PathBuf,
    pub status: FileStatus,
}

/// One language's output.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageReport {
    pub language: Language,
    pub out: PathBuf,
    pub options: LangOptions,
    pub files: Vec<FileReport>,
}

/// The result of `flash gen`.
#[derive(Debug, Clone, Serialize)]
pub struct GenReport {
    /// Nothing was analysed or written: the cache matched the project and the files on disk.
    pub up_to_date: bool,
    /// `--check`: nothing was written; `changed` says whether something would have been.
    pub check: bool,
    /// Some file was (or, with `--check`, would be) created, updated or deleted.
    pub changed: bool,
    pub query_files: usize,
    pub queries: usize,
    /// Query files analysed in this run (the others came from the cache).
    pub analysed_files: usize,
    pub languages: Vec<LanguageReport>,
    /// Views left out of the models because they could not be analysed, and similar notes.
    pub warnings: Vec<String>,
}

/// Runs `flash gen` for the selected database of `target`.
pub fn generate(target: &Target, opts: &GenOptions) -> Result<GenReport, Error> {
    let db = &target.database;
    let root = &target.config.root;
    let prefix = if target.config.databases.len() > 1 {
        format!("databases.{}.gen", db.name)
    } else {
        "gen".to_string()
    };

    // Languages and their options.
    let mut langs: Vec<(Language, PathBuf, LangOptions)> = Vec::new();
    for lang in Language::ALL {
        let section = match lang {
            Language::Go => &db.gen.go,
            Language::Js => &db.gen.js,
            Language::Python => &db.gen.python,
        };
        let wanted = if opts.languages.is_empty() {
            section.as_ref().is_some_and(|s| s.enabled)
        } else {
            opts.languages.contains(&lang)
        };
        if !wanted {
            continue;
        }
        let section = section.clone().unwrap_or_default();
        let out_rel = section
            .out
            .clone()
            .unwrap_or_else(|| options::default_out(lang, &section));
        let out = root.join(&out_rel);
        let o = options::resolve(
            lang,
            &section,
            db.provider,
            &format!("{prefix}.{}", lang.key()),
            &out,
        )?;
        langs.push((lang, out, o));
    }
    if langs.is_empty() {
        return Err(Error::GenNothing {
            config: target.config.path.clone(),
        });
    }

    // Inputs and their hashes.
    let project = target.project();
    let schema_files = project.schema_files()?;
    let build = cache::build_id();
    let schema_hash = cache::hash(
        [
            crate::VERSION.as_bytes(),
            build.as_bytes(),
            db.provider.as_str().as_bytes(),
        ]
        .into_iter()
        .chain(
            schema_files
                .iter()
                .flat_map(|f| [f.path.as_bytes(), f.text.as_bytes()]),
        ),
    );
    let query_files = read_query_files(&db.queries)?;
    let key = cache::hash([
        crate::VERSION.as_bytes(),
        cache::build_id().as_bytes(),
        serde_json::to_string(
            &langs
                .iter()
                .map(|(l, out, o)| (l, out, o))
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default()
        .as_bytes(),
    ]);
    let cache_path = project.migrations_dir.join(cache::CACHE_FILE);
    let old = if opts.force {
        Cache::default()
    } else {
        Cache::load(&cache_path)
    };
    let hashes: BTreeMap<String, String> = query_files
        .iter()
        .map(|(rel, f)| (rel.clone(), cache::hash([f.text.as_bytes()])))
        .collect();

    // Nothing changed: same inputs, same options, and the files on disk are ours as written.
    if !opts.force
        && opts.ir.is_none()
        && old.key == key
        && old.schema == schema_hash
        && old.files.len() == hashes.len()
        && hashes
            .iter()
            .all(|(rel, h)| old.files.get(rel).is_some_and(|c| c.hash == *h))
        && !old.outputs.is_empty()
        && old
            .outputs
            .iter()
            .all(|(p, h)| std::fs::read(p).is_ok_and(|b| cache::hash([b.as_slice()]) == *h))
    {
        let queries = old.files.values().map(|f| f.queries.len()).sum();
        let languages = langs
            .into_iter()
            .map(|(language, out, options)| LanguageReport {
                files: old
                    .outputs
                    .keys()
                    .filter(|p| p.starts_with(&out))
                    .map(|p| FileReport {
                        path: p.clone(),
                        status: FileStatus::Unchanged,
                    })
                    .collect(),
                language,
                out,
                options,
            })
            .collect();
        return Ok(GenReport {
            up_to_date: true,
            check: opts.check,
            changed: false,
            query_files: hashes.len(),
            queries,
            analysed_files: 0,
            languages,
            warnings: Vec::new(),
        });
    }

    // Analysis: cached per query file while the schema is the same.
    let schema = flash_sql::parse_schema(&schema_files, db.provider)
        .map_err(|e| Error::from(flash_migrate::MigrateError::Schema(e)))?
        .schema;
    let mut errors: Vec<SqlError> = Vec::new();
    let mut analysed: Vec<AnalyzedFile> = Vec::new();
    let mut new_cache = Cache {
        key: key.clone(),
        schema: schema_hash.clone(),
        ..Cache::default()
    };
    let mut analysed_files = 0;
    for (rel, file) in &query_files {
        let hash = hashes.get(rel).cloned().unwrap_or_default();
        let cached = (old.schema == schema_hash)
            .then(|| old.files.get(rel))
            .flatten()
            .filter(|c| c.hash == hash);
        let queries = match cached {
            Some(c) => c.queries.clone(),
            None => {
                analysed_files += 1;
                match analyze_file(file, &schema, db.provider) {
                    Ok(q) => q,
                    Err(mut e) => {
                        errors.append(&mut e);
                        continue;
                    }
                }
            }
        };
        new_cache.files.insert(
            rel.clone(),
            CachedFile {
                hash,
                queries: queries.clone(),
            },
        );
        analysed.push(AnalyzedFile {
            path: rel.clone(),
            queries,
        });
    }
    check_duplicate_names(&analysed, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Queries(errors));
    }
    let mut warnings = Vec::new();
    let mut views = Vec::new();
    for v in &schema.views {
        match flash_sql::analyze::analyze_view(v, &schema, db.provider) {
            Ok(cols) => views.push((v.name.clone(), cols)),
            Err(e) => warnings.push(format!(
                "view `{}` has no model: {}",
                v.name,
                e.first().map(|e| e.to_string()).unwrap_or_default()
            )),
        }
    }
    let request = GenRequest::new(db.provider, &schema, &views, analysed);
    let queries: usize = request.files.iter().map(|f| f.queries.len()).sum();
    if let Some(path) = &opts.ir {
        let text = serde_json::to_vec_pretty(&request).map_err(|e| Error::Io {
            path: path.clone(),
            message: e.to_string(),
        })?;
        files::write_atomic(path, &text).map_err(|e| Error::Io {
            path: path.clone(),
            message: e.to_string(),
        })?;
    }

    // Generate everything in memory.
    let mut planned: Vec<(Language, PathBuf, LangOptions, Vec<GeneratedFile>)> = Vec::new();
    for (lang, out, o) in langs {
        let files = match &o {
            LangOptions::Go(g) => flash_codegen::go::generate(&request, g),
            LangOptions::Js(t) => flash_codegen::ts::generate(&request, t),
            LangOptions::Python(p) => flash_codegen::python::generate(&request, p),
        }
        .map_err(|error| Error::Codegen {
            language: lang.key().to_string(),
            error: Box::new(error),
        })?;
        planned.push((lang, out, o, files));
    }

    // Compare with the disk, then write (unless --check).
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    let mut languages = Vec::new();
    let mut changed = false;
    let mut writes: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (language, out, options, files) in planned {
        let mut reports = Vec::new();
        for f in files {
            let Some(path) = files::join_relative(&out, &f.path) else {
                return Err(Error::Io {
                    path: out.clone(),
                    message: format!(
                        "the {} backend produced an unsafe path `{}`",
                        language.key(),
                        f.path
                    ),
                });
            };
            if !seen.insert(path.clone()) {
                return Err(Error::Io {
                    path,
                    message: "two languages write this file: give their [gen.*] sections different `out` folders".into(),
                });
            }
            let status = match std::fs::read(&path) {
                Ok(b) if b == f.contents.as_bytes() => FileStatus::Unchanged,
                Ok(_) => {
                    if !files::is_generated(&path) {
                        return Err(Error::Io {
                            path,
                            message:
                                "this file exists and was not written by flash; it is left alone"
                                    .into(),
                        });
                    }
                    FileStatus::Updated
                }
                Err(_) => FileStatus::Created,
            };
            if status != FileStatus::Unchanged {
                changed = true;
                writes.push((path.clone(), f.contents.clone().into_bytes()));
            }
            new_cache
                .outputs
                .insert(path.clone(), cache::hash([f.contents.as_bytes()]));
            reports.push(FileReport { path, status });
        }
        languages.push(LanguageReport {
            language,
            out,
            options,
            files: reports,
        });
    }
    // Files an earlier run wrote into one of this run's output folders that nothing produces
    // now. Files elsewhere (a language no longer generated, another project sharing the
    // migrations folder) are never touched.
    let mut deletes = Vec::new();
    for p in old.outputs.keys() {
        if seen.contains(p) || !p.is_file() || !files::is_generated(p) {
            continue;
        }
        if let Some(l) = languages.iter_mut().find(|l| p.starts_with(&l.out)) {
            changed = true;
            deletes.push(p.clone());
            l.files.push(FileReport {
                path: p.clone(),
                status: FileStatus::Deleted,
            });
        }
    }
    if !opts.check {
        for (path, bytes) in &writes {
            files::write_atomic(path, bytes).map_err(|e| Error::Io {
                path: path.clone(),
                message: e.to_string(),
            })?;
        }
        for p in &deletes {
            std::fs::remove_file(p).map_err(|e| Error::Io {
                path: p.clone(),
                message: e.to_string(),
            })?;
        }
        // A cache that cannot be written only makes the next run slower.
        let _ = new_cache.store(&cache_path);
    }
    Ok(GenReport {
        up_to_date: false,
        check: opts.check,
        changed,
        query_files: query_files.len(),
        queries,
        analysed_files,
        languages,
        warnings,
    })
}

/// The schema and every query of the selected database, analysed afresh (no cache): what
/// `--verify` checks.
pub fn analyse(
    target: &Target,
) -> Result<(flash_schema::Schema, Vec<flash_sql::analyze::AnalyzedQuery>), Error> {
    let db = &target.database;
    let schema_files = target.project().schema_files()?;
    let schema = flash_sql::parse_schema(&schema_files, db.provider)
        .map_err(|e| Error::from(flash_migrate::MigrateError::Schema(e)))?
        .schema;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (_, file) in read_query_files(&db.queries)? {
        match analyze_file(&file, &schema, db.provider) {
            Ok(mut q) => out.append(&mut q),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok((schema, out))
    } else {
        Err(Error::Queries(errors))
    }
}

/// Parses and analyses one query file; every error of the file is returned.
fn analyze_file(
    file: &SourceFile,
    schema: &flash_schema::Schema,
    provider: flash_schema::Provider,
) -> Result<Vec<flash_sql::analyze::AnalyzedQuery>, Vec<SqlError>> {
    let queries = flash_sql::parse_queries(file, provider)?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for q in &queries {
        match flash_sql::analyze::analyze_query(q, schema, provider) {
            Ok(a) => out.push(a),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Two queries of a database with the same name would give two functions of one name.
fn check_duplicate_names(files: &[AnalyzedFile], errors: &mut Vec<SqlError>) {
    let mut seen: BTreeMap<String, (String, u32)> = BTreeMap::new();
    for f in files {
        for q in &f.queries {
            let key = flash_codegen::naming::snake(&q.query.name);
            if let Some((file, line)) = seen.get(&key) {
                errors.push(
                    SqlError::new(
                        q.query.file.clone(),
                        q.query.line,
                        1,
                        format!(
                            "query name `{}` is already used at {file}:{line}",
                            q.query.name
                        ),
                    )
                    .with_help("give every query of a database its own name"),
                );
            } else {
                seen.insert(key, (q.query.file.clone(), q.query.line));
            }
        }
    }
}

/// The query files under `path` (a folder, searched recursively, or one file), by their path
/// relative to it, sorted.
fn read_query_files(path: &Path) -> Result<Vec<(String, SourceFile)>, Error> {
    let mut found = Vec::new();
    if path.is_file() {
        found.push(path.to_path_buf());
    } else if path.is_dir() {
        collect(path, &mut found)?;
    }
    found.sort();
    if found.is_empty() {
        return Err(Error::NoQueryFiles {
            path: path.to_path_buf(),
        });
    }
    let base = if path.is_file() {
        path.parent().unwrap_or(Path::new(""))
    } else {
        path
    };
    found
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| Error::Io {
                path: p.clone(),
                message: e.to_string(),
            })?;
            let rel = p
                .strip_prefix(base)
                .unwrap_or(&p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let shown = flash_migrate::display_path(&p);
            Ok((rel, SourceFile::new(shown, text)))
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })?;
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().and_then(|x| x.to_str()) == Some("sql") {
            out.push(p);
        }
    }
    Ok(())
}
