//! Compiling generated Go: a temporary module with the files in package `db`, then
//! `gofmt -l` (must list nothing) and `go vet ./...`.

use flash_codegen::GeneratedFile;
use std::path::Path;
use std::process::Command;

/// The pgx version the generated code is checked against.
pub const PGX_VERSION: &str = "v5.7.5";

/// Whether `go` and `gofmt` can run here.
pub fn go_available() -> bool {
    let ok = |cmd: &str, arg: &str| {
        Command::new(cmd)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    ok("go", "version") && ok("gofmt", "-l")
}

fn run(dir: &Path, cmd: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(cmd)
        .args(args)
        .current_dir(dir)
        // Module mode writes go.sum as needed; the module cache stays the default one, which
        // CI keeps between runs.
        .env("GOFLAGS", "-mod=mod")
        .env("GOTOOLCHAIN", "local")
        .output()
        .map_err(|e| format!("{cmd}: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("{cmd} {}:\n{text}", args.join(" ")))
    }
}

/// Writes `files` as package `db` of a module with a file that checks `DBTX` against the
/// driver's connection types, then formats and vets it. The error is the tools' output.
pub fn check(files: &[GeneratedFile], pgx: bool) -> Result<(), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = tmp.path();
    let pkg = root.join("db");
    std::fs::create_dir_all(&pkg).map_err(|e| e.to_string())?;
    for f in files {
        std::fs::write(pkg.join(&f.path), &f.contents).map_err(|e| e.to_string())?;
    }
    let (gomod, check) = if pgx {
        (
            format!("module flashgen\n\ngo 1.23\n\nrequire github.com/jackc/pgx/v5 {PGX_VERSION}\n"),
            "package check\n\nimport (\n\t\"flashgen/db\"\n\n\t\"github.com/jackc/pgx/v5\"\n\t\"github.com/jackc/pgx/v5/pgxpool\"\n)\n\nvar (\n\t_ db.DBTX = (*pgx.Conn)(nil)\n\t_ db.DBTX = (pgx.Tx)(nil)\n\t_ db.DBTX = (*pgxpool.Pool)(nil)\n)\n\n// Use is the generated API as a caller sees it.\nfunc Use(c *pgx.Conn, tx pgx.Tx) *db.Queries {\n\treturn db.New(c).WithTx(tx)\n}\n",
        )
    } else {
        (
            "module flashgen\n\ngo 1.22\n".to_string(),
            "package check\n\nimport (\n\t\"database/sql\"\n\n\t\"flashgen/db\"\n)\n\nvar (\n\t_ db.DBTX = (*sql.DB)(nil)\n\t_ db.DBTX = (*sql.Tx)(nil)\n\t_ db.DBTX = (*sql.Conn)(nil)\n)\n\n// Use is the generated API as a caller sees it.\nfunc Use(c *sql.DB, tx *sql.Tx) *db.Queries {\n\treturn db.New(c).WithTx(tx)\n}\n",
        )
    };
    std::fs::write(root.join("go.mod"), gomod).map_err(|e| e.to_string())?;
    let check_dir = root.join("check");
    std::fs::create_dir_all(&check_dir).map_err(|e| e.to_string())?;
    std::fs::write(check_dir.join("check.go"), check).map_err(|e| e.to_string())?;

    if pgx {
        run(root, "go", &["mod", "tidy"])?;
    }
    let unformatted = run(root, "gofmt", &["-l", "."])?;
    if !unformatted.trim().is_empty() {
        let diff = run(root, "gofmt", &["-d", "."]).unwrap_or_else(|e| e);
        return Err(format!("gofmt would change:\n{unformatted}\n{diff}"));
    }
    run(root, "go", &["vet", "./..."])?;
    Ok(())
}
