//! Questions on a terminal.

use async_trait::async_trait;
use flash::migrate::Prompter;
use std::io::{BufRead, IsTerminal, Write};

/// Asks on stderr and reads stdin, only when both are terminals.
pub struct TtyPrompt;

#[async_trait]
impl Prompter for TtyPrompt {
    fn interactive(&self) -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    async fn confirm(&self, question: &str) -> bool {
        let mut err = std::io::stderr();
        let _ = write!(err, "{question} [y/N] ");
        let _ = err.flush();
        // The read blocks a thread of the blocking pool, not the runtime: Ctrl-C (or a cancelled
        // context) still stops the command while the question is open.
        let line = tokio::task::spawn_blocking(|| {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).map(|_| line)
        })
        .await;
        match line {
            Ok(Ok(line)) => matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes"),
            _ => false,
        }
    }
}
