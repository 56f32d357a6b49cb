//! Questions on a terminal.

use flash::migrate::Prompter;
use std::io::{BufRead, IsTerminal, Write};

/// Asks on stderr and reads stdin, only when both are terminals.
pub struct TtyPrompt;

impl Prompter for TtyPrompt {
    fn interactive(&self) -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    fn confirm(&self, question: &str) -> bool {
        let mut err = std::io::stderr();
        let _ = write!(err, "{question} [y/N] ");
        let _ = err.flush();
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line).is_err() {
            return false;
        }
        matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes")
    }
}
