//! The threads generation runs on: each with a stack large enough for the
//! deepest document the bounds admit, whatever the caller's.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread::{Scope, ScopedJoinHandle};

use crate::error::Error;

/// The stack each stage runs on. Every walk over a document is bounded in
/// depth (256 levels of document, 64 of inline schemas), but in a debug
/// build (as build scripts are) a few hundred frames of syn and prettyplease
/// outgrow the 2 MiB of a test thread or the 8 MiB of a main thread. Only
/// what is touched is ever allocated.
pub(crate) const STACK_SIZE: usize = 256 << 20;

/// Runs `work` (the stages, or part of them) on a thread of its own, so
/// that how deep a spec may nest does not depend on the caller's stack.
pub(crate) fn on_own_stack<T: Send>(
    work: impl FnOnce() -> Result<T, Error> + Send,
) -> Result<T, Error> {
    std::thread::scope(|scope| {
        spawn(scope, work)?
            .join()
            .unwrap_or_else(|_| Err(Error::Internal("the generator panicked".to_owned())))
    })
}

/// `here` on this thread and `there` on a helper at the same time; both
/// results. The calling thread must have the pipeline's stack.
pub(crate) fn both<A, B: Send>(
    here: impl FnOnce() -> A,
    there: impl FnOnce() -> B + Send,
) -> Result<(A, B), Error> {
    std::thread::scope(|scope| {
        let helper = spawn(scope, there)?;
        let a = here();
        let b = helper
            .join()
            .map_err(|_| Error::Internal("the generator panicked".to_owned()))?;
        Ok((a, b))
    })
}

/// `work` on each of `runs` by this thread and `helpers` more, each
/// taking the next run no thread has taken; what `first` gave (run on this
/// thread before it takes any) and what each run gave, in the order of
/// `runs`. The calling thread must have the pipeline's stack.
pub(crate) fn in_runs<R: Send, T: Send, F>(
    runs: Vec<R>,
    helpers: usize,
    first: impl FnOnce() -> F,
    work: impl Fn(R) -> T + Sync,
) -> Result<(F, Vec<T>), Error> {
    let runs: Vec<Mutex<Option<R>>> = runs.into_iter().map(|run| Mutex::new(Some(run))).collect();
    let next = AtomicUsize::new(0);
    let (runs, next, work) = (&runs, &next, &work);
    let take = move || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = runs.get(index) else {
                break done;
            };
            // Each index is taken once, so the slot is always full.
            if let Some(run) = slot.lock().ok().and_then(|mut slot| slot.take()) {
                done.push((index, work(run)));
            }
        }
    };
    let (first, mut done) = std::thread::scope(|scope| {
        let helpers: Vec<_> = (0..helpers).map(|_| spawn(scope, take)).collect();
        let first = first();
        let mut done = take();
        for helper in helpers {
            let helper = helper?
                .join()
                .map_err(|_| Error::Internal("a generating thread panicked".to_owned()))?;
            done.extend(helper);
        }
        Ok::<_, Error>((first, done))
    })?;
    done.sort_by_key(|(index, _)| *index);
    Ok((first, done.into_iter().map(|(_, result)| result).collect()))
}

/// `work` on a new thread of `scope` with the pipeline's stack.
fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> Result<ScopedJoinHandle<'scope, T>, Error> {
    std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn_scoped(scope, work)
        .map_err(|error| Error::Internal(format!("no thread could be started: {error}")))
}
