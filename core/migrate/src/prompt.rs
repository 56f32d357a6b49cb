//! Questions for a person.

use async_trait::async_trait;

/// Asks the user to confirm something. The CLI implements it on a TTY; [`NoPrompt`] is for
/// scripts and library use, where a question that needs an answer becomes an error that names
/// the flag to add.
#[async_trait]
pub trait Prompter: Send + Sync {
    /// Whether questions can be asked at all.
    fn interactive(&self) -> bool;
    /// Asks a yes/no question; only called when `interactive()` is true. Async, so that the
    /// runtime keeps watching for Ctrl-C (or a cancelled context) while a person thinks.
    async fn confirm(&self, question: &str) -> bool;
}

/// Never asks: every confirmation must come from flags.
pub struct NoPrompt;

#[async_trait]
impl Prompter for NoPrompt {
    fn interactive(&self) -> bool {
        false
    }
    async fn confirm(&self, _question: &str) -> bool {
        false
    }
}
