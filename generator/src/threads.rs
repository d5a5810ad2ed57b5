//! The threads generation runs on: each with a stack large enough for the
//! deepest document the bounds admit, whatever the caller's.

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

/// `work` on this thread and on `helpers` more at once; what each returned,
/// this thread's first. The calling thread must have the pipeline's stack.
pub(crate) fn on_each<T: Send>(
    helpers: usize,
    work: impl Fn() -> T + Sync,
) -> Result<Vec<T>, Error> {
    let work = &work;
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (0..helpers).map(|_| spawn(scope, work)).collect();
        let own = work();
        std::iter::once(Ok(own))
            .chain(helpers.into_iter().map(|helper| {
                helper?
                    .join()
                    .map_err(|_| Error::Internal("a generating thread panicked".to_owned()))
            }))
            .collect()
    })
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
