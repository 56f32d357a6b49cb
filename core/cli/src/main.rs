//! The `flash` binary: the only place that exits the process.

fn main() {
    std::process::exit(flash_cli::run_cli_interruptible(std::env::args_os()));
}
