//! `flash-cli`: the `flash` command line.
//!
//! [`run_cli`] parses arguments, runs the command and returns the exit code; it never exits
//! the process, so the Python, Node and Go packages run it in-process. Exit codes: 0 success,
//! 1 error, 2 usage error, 3 a `--check` found something.

mod args;
mod commands;
mod output;
mod prompt;

use clap::Parser;
use std::ffi::OsString;

pub use output::Output;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: an error.
pub const EXIT_ERROR: i32 = 1;
/// Exit code: bad usage.
pub const EXIT_USAGE: i32 = 2;
/// Exit code: a `--check` found something.
pub const EXIT_CHECK: i32 = 3;

/// Runs the CLI with `argv` (including the program name) and returns the exit code.
pub fn run_cli<I, T>(argv: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match args::Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return usage_code(&e);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let out = Output::new(cli.global.no_color);
            out.error(&format!("cannot start the async runtime: {e}"), None, None);
            return EXIT_ERROR;
        }
    };
    let code = runtime.block_on(run_async(cli));
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    code
}

/// The async twin of [`run_cli`], for callers that already run a tokio runtime.
pub async fn run_cli_async<I, T>(argv: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match args::Cli::try_parse_from(argv) {
        Ok(cli) => run_async(cli).await,
        Err(e) => {
            let _ = e.print();
            usage_code(&e)
        }
    }
}

/// 0 for `--help` and `--version`, 2 for every other parse failure (a bare `flash` included).
fn usage_code(e: &clap::Error) -> i32 {
    match e.kind() {
        clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => EXIT_OK,
        _ => EXIT_USAGE,
    }
}

async fn run_async(cli: args::Cli) -> i32 {
    let out = Output::new(cli.global.no_color);
    commands::run(cli, &out).await
}
