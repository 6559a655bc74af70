//! Where a run's time goes, per stage and per rule, for finding the next slow rule by name.
//!
//! Opt-in: with `NORMLINT_TIMINGS=1` in the environment, [`print`] writes the totals (summed over
//! every document and thread) to standard error at the end of the run. Off, [`start`] returns
//! `None` after reading one cached flag and [`record`] does nothing, so the checker pays no clock
//! reads and no lock.

use crate::hash::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

static ENABLED: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("NORMLINT_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"));

/// Stage or rule code → (total time, number of times measured).
static TOTALS: Mutex<Option<HashMap<&'static str, (Duration, u64)>>> = Mutex::new(None);

/// Whether timings are being collected in this process.
pub fn enabled() -> bool {
    *ENABLED
}

/// The start of a measured step, when timings are on.
pub fn start() -> Option<Instant> {
    enabled().then(Instant::now)
}

/// Adds the time since `started` to the total of `name` (a stage, `stage:…`, or a rule code).
pub fn record(name: &'static str, started: Option<Instant>) {
    let Some(started) = started else { return };
    let elapsed = started.elapsed();
    if let Ok(mut totals) = TOTALS.lock() {
        let entry = totals.get_or_insert_with(HashMap::default).entry(name).or_default();
        entry.0 += elapsed;
        entry.1 += 1;
    }
}

/// Writes the totals to standard error, stages first, then rules by time spent, largest first.
pub fn print() {
    if !enabled() {
        return;
    }
    let Ok(totals) = TOTALS.lock() else { return };
    let mut rows: Vec<(&'static str, Duration, u64)> =
        totals.iter().flat_map(|m| m.iter()).map(|(name, (time, count))| (*name, *time, *count)).collect();
    rows.sort_by(|a, b| {
        b.0.starts_with("stage:").cmp(&a.0.starts_with("stage:")).then(b.1.cmp(&a.1)).then(a.0.cmp(b.0))
    });
    let rules: Duration = rows.iter().filter(|r| !r.0.starts_with("stage:")).map(|r| r.1).sum();
    eprintln!("normlint timings (summed over threads):");
    eprintln!("  {:<12} {:>12.3} ms", "rules", rules.as_secs_f64() * 1e3);
    for (name, time, count) in rows {
        eprintln!("  {name:<12} {:>12.3} ms  ×{count}", time.as_secs_f64() * 1e3);
    }
}
