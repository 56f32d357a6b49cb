//! The `flash` binary: the only place that exits the process.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let code = flash_cli::run_cli(args);
    std::process::exit(code);
}
