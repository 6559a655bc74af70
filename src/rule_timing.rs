//! TEMPORARY profiling aid (not to be committed): NORMLINT_RULE_TIMES=1 prints per-rule totals.
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
static TIMES: Mutex<Option<HashMap<&'static str, Duration>>> = Mutex::new(None);
pub fn enabled() -> bool {
    static ON: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| std::env::var_os("NORMLINT_RULE_TIMES").is_some());
    *ON
}
pub fn record(code: &'static str, d: Duration) {
    if !enabled() { return; }
    if let Ok(mut t) = TIMES.lock() { *t.get_or_insert_with(HashMap::new).entry(code).or_default() += d; }
}
pub fn print() {
    if !enabled() { return; }
    if let Ok(t) = TIMES.lock() {
        let mut v: Vec<_> = t.iter().flat_map(|m| m.iter()).collect();
        v.sort_by(|a, b| b.1.cmp(a.1));
        let total: Duration = v.iter().map(|x| *x.1).sum();
        eprintln!("rules total {:?}", total);
        for (c, d) in v.iter().take(25) { eprintln!("{c} {:?}", d); }
    }
}
