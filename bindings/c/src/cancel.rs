//! Cancel tokens: numbers the caller can cancel from another thread while a call runs.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

fn registry() -> &'static Mutex<HashMap<u64, Arc<AtomicBool>>> {
    static TOKENS: OnceLock<Mutex<HashMap<u64, Arc<AtomicBool>>>> = OnceLock::new();
    TOKENS.get_or_init(|| Mutex::new(HashMap::new()))
}

static NEXT: AtomicU64 = AtomicU64::new(1);

/// The flag a running call polls.
pub(crate) struct Flag(Option<Arc<AtomicBool>>);

impl Flag {
    pub(crate) fn is_cancelled(&self) -> bool {
        self.0.as_ref().is_some_and(|f| f.load(Ordering::SeqCst))
    }
}

/// The flag of `token`; token 0 (or an unknown one) is never cancelled.
pub(crate) fn flag(token: u64) -> Flag {
    if token == 0 {
        return Flag(None);
    }
    let map = registry().lock().unwrap_or_else(|p| p.into_inner());
    Flag(map.get(&token).cloned())
}

/// A new cancel token (never 0).
#[no_mangle]
pub extern "C" fn flash_cancel_token_new() -> u64 {
    let id = NEXT.fetch_add(1, Ordering::SeqCst);
    let mut map = registry().lock().unwrap_or_else(|p| p.into_inner());
    map.insert(id, Arc::new(AtomicBool::new(false)));
    id
}

/// Cancels the calls running with `token` (at the next poll, within 50 ms). Unknown tokens are
/// ignored.
#[no_mangle]
pub extern "C" fn flash_cancel(token: u64) {
    let map = registry().lock().unwrap_or_else(|p| p.into_inner());
    if let Some(f) = map.get(&token) {
        f.store(true, Ordering::SeqCst);
    }
}

/// Releases `token`. A call still running with it keeps its flag until it returns.
#[no_mangle]
pub extern "C" fn flash_cancel_token_free(token: u64) {
    let mut map = registry().lock().unwrap_or_else(|p| p.into_inner());
    map.remove(&token);
}
