//! "fetched 140 of 312 products" on a terminal, rewritten in place; nothing otherwise (CI logs
//! and pipes get only the summary).

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

pub(super) struct Progress {
    total: usize,
    /// How many are done; `None` when not on a terminal.
    done: Option<Mutex<usize>>,
}

impl Progress {
    pub(super) fn new(total: usize) -> Self {
        let on = std::io::stderr().is_terminal();
        Self {
            total,
            done: on.then(|| Mutex::new(0)),
        }
    }

    /// One more product fetched.
    pub(super) fn tick(&self) {
        let Some(done) = &self.done else { return };
        let Ok(mut done) = done.lock() else { return };
        *done += 1;
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\rfetched {} of {} products", *done, self.total);
        let _ = err.flush();
    }

    /// Clears the line.
    pub(super) fn finish(&self) {
        if self.done.is_some() {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }
}
