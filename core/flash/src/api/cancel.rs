//! Running an operation to completion from a binding, with the caller able to cancel it.

use std::future::Future;
use std::time::Duration;

/// The caller cancelled the operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

/// How often a running operation asks the caller whether to stop.
const POLL: Duration = Duration::from_millis(50);

/// Runs `fut` on a runtime of its own, asking `is_cancelled` every 50 ms whether to stop.
///
/// A new current-thread runtime per call means no thread or global state outlives the call, so
/// a process that forks between calls (Python multiprocessing, gunicorn `--preload`) keeps
/// working, and a Node or Go process has nothing left open afterwards. On cancellation the
/// future is dropped: an open transaction is rolled back and the migration lock goes with its
/// connection. `is_cancelled` runs on the calling thread, so Python can check for signals there.
pub fn block_on_cancellable<F: Future>(
    fut: F,
    is_cancelled: &mut dyn FnMut() -> bool,
) -> std::io::Result<Result<F::Output, Cancelled>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let out = runtime.block_on(async {
        let mut fut = std::pin::pin!(fut);
        let mut tick = tokio::time::interval(POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                out = &mut fut => return Ok(out),
                _ = tick.tick() => {
                    if is_cancelled() {
                        return Err(Cancelled);
                    }
                }
            }
        }
    });
    // Blocking tasks (file reads, SQLite workers) are not waited for once the work is done.
    runtime.shutdown_background();
    Ok(out)
}
