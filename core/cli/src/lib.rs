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

/// Exit code: interrupted (Ctrl-C, a cancelled context), as shells report SIGINT.
pub const EXIT_INTERRUPTED: i32 = 130;

/// Runs the CLI with `argv` (including the program name) and returns the exit code.
///
/// Installs no signal handler: this is what the Go package calls (Go aborts when foreign code
/// installs handlers without `SA_ONSTACK`).
pub fn run_cli<I, T>(argv: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_cli_with(argv, &mut || false)
}

/// [`run_cli`], asking `is_cancelled` every 50 ms whether to stop. On cancellation the command's
/// work is dropped (an open transaction rolls back, the lock goes with its connection), a
/// message says so, and the exit code is [`EXIT_INTERRUPTED`]. Python passes a check for
/// pending signals; Go passes the state of its context.
pub fn run_cli_with<I, T>(argv: I, is_cancelled: &mut dyn FnMut() -> bool) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_parsed(argv, is_cancelled, |cli| async {
        Some(run_async(cli).await)
    })
}

/// [`run_cli`] with Ctrl-C handled by tokio: for the `flash` binary and the npm console command,
/// never for a library embedding (the handler stays installed for the life of the process).
pub fn run_cli_interruptible<I, T>(argv: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_parsed(argv, &mut || false, |cli| async {
        tokio::select! {
            code = run_async(cli) => Some(code),
            _ = tokio::signal::ctrl_c() => None,
        }
    })
}

/// Parses `argv` and runs `work` on it to completion; `work` yields None when interrupted.
fn run_parsed<I, T, F>(
    argv: I,
    is_cancelled: &mut dyn FnMut() -> bool,
    work: impl FnOnce(args::Cli) -> F,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
    F: std::future::Future<Output = Option<i32>>,
{
    let cli = match parse(argv) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let out = Output::new(cli.global.no_color);
    let result = match flash::api::block_on_cancellable(work(cli), is_cancelled) {
        Ok(Ok(Some(code))) => Ok(Ok(code)),
        Ok(_) => Ok(Err(flash::api::Cancelled)),
        Err(e) => Err(e),
    };
    finish(result, &out)
}

fn parse<I, T>(argv: I) -> Result<args::Cli, i32>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    args::Cli::try_parse_from(argv).map_err(|e| {
        let _ = e.print();
        usage_code(&e)
    })
}

fn finish(result: std::io::Result<Result<i32, flash::api::Cancelled>>, out: &Output) -> i32 {
    let code = match result {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => {
            out.error(
                "interrupted",
                None,
                Some("an unfinished migration was rolled back where the database allows it; see `flash status`"),
            );
            EXIT_INTERRUPTED
        }
        Err(e) => {
            out.error(&format!("cannot start the async runtime: {e}"), None, None);
            EXIT_ERROR
        }
    };
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
    match parse(argv) {
        Ok(cli) => run_async(cli).await,
        Err(code) => code,
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
