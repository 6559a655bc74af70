//! Per-document budgets: how long a document may take and how much memory it may hold.
//!
//! Inputs are capped before reading (32 MB a file, standard input included; 64 MiB a .docx
//! part), every reader and rule keeps its memory linear in its input, and a rule reports at
//! most [`MAX_FINDINGS_PER_RULE`](crate::rules::MAX_FINDINGS_PER_RULE) findings a document.
//! The budgets are the backstop for what those bounds cannot foresee: the pipeline checks them
//! after reading and between rules, and a long loop in a rule may ask
//! [`Context::over_budget`](crate::rules::Context::over_budget). A document over budget gets
//! IO007 naming the budget and the rules it did not run; the batch goes on.
//!
//! Memory is measured by [`CountingAllocator`], which the `normlint` binary installs: it keeps,
//! per thread, the bytes allocated minus the bytes freed. A document is read and checked on
//! one thread from start to end (the pipeline runs no parallel work inside a document), so the
//! growth of that count since the document started is what the document holds. Without the
//! allocator (the library used on its own) only the time budget applies.

use std::alloc::{GlobalAlloc, Layout};

use libmimalloc_sys::{
    mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned, mi_zalloc, mi_zalloc_aligned,
};
use std::cell::Cell;
use std::time::{Duration, Instant};

/// What one document may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub time: Duration,
    /// Bytes the document may hold at once (model, findings, rule scratch).
    pub memory: usize,
}

impl Budget {
    pub const DEFAULT_SECONDS: u64 = 10;
    /// A 32 MB document (the file size limit) peaks at about 150 MB; see docs/reliability.md.
    pub const DEFAULT_MEMORY_MB: usize = 1024;
}

impl Default for Budget {
    fn default() -> Self {
        Budget { time: Duration::from_secs(Self::DEFAULT_SECONDS), memory: Self::DEFAULT_MEMORY_MB * 1024 * 1024 }
    }
}

/// Which budget a document went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Time(Duration),
    Memory(usize),
}

/// A document's budget, started when its work started.
#[derive(Debug, Clone)]
pub struct Meter {
    budget: Budget,
    started: Instant,
    /// This thread's allocation count when the document started.
    base: isize,
}

/// How many steps [`Meter::exceeded_before`] lets pass between two clock reads.
pub const CLOCK_EVERY: usize = 8;

impl Meter {
    /// Starts the clock, and measures memory from what the thread holds now.
    pub fn start(budget: Budget) -> Meter {
        reset_peak();
        Meter { budget, started: Instant::now(), base: thread_live_bytes() }
    }

    /// The same clock, measuring what the calling thread allocates from now: for work on the
    /// document done on another thread (the allocation counter is per thread).
    pub fn on_this_thread(&self) -> Meter {
        reset_peak();
        Meter { budget: self.budget, started: self.started, base: thread_live_bytes() }
    }

    /// The most the document has held at once so far (0 without [`CountingAllocator`]).
    pub fn peak_bytes(&self) -> usize {
        usize::try_from(thread_peak_bytes().saturating_sub(self.base)).unwrap_or(0)
    }

    /// Which budget is spent, if one is; cheap enough for a loop to ask every iteration
    /// (a clock read and two thread-local reads). Memory counts the peak since the start, so
    /// a reader's or a rule's scratch that is already freed still counts.
    pub fn exceeded(&self) -> Option<Exceeded> {
        self.memory_exceeded()
            .or_else(|| (self.started.elapsed() > self.budget.time).then_some(Exceeded::Time(self.budget.time)))
    }

    /// [`Self::exceeded`] before step `step` of a loop of many short steps: memory at every
    /// step, the clock at every [`CLOCK_EVERY`]th. Before each of a hundred rules per document
    /// the clock read was a measurable share of checking a short one.
    pub fn exceeded_before(&self, step: usize) -> Option<Exceeded> {
        if step % CLOCK_EVERY == 0 { self.exceeded() } else { self.memory_exceeded() }
    }

    fn memory_exceeded(&self) -> Option<Exceeded> {
        let held = thread_peak_bytes().saturating_sub(self.base);
        usize::try_from(held)
            .is_ok_and(|held| held > self.budget.memory)
            .then_some(Exceeded::Memory(self.budget.memory))
    }
}

thread_local! {
    /// Bytes allocated minus bytes freed on this thread (negative when it frees what another
    /// thread allocated), and the highest it has been since [`reset_peak`]. Const-initialised
    /// and without a destructor, so the allocator may use them at any point of a thread's life.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// The current thread's allocation count (0 when [`CountingAllocator`] is not installed).
pub fn thread_live_bytes() -> isize {
    LIVE.with(Cell::get)
}

/// The highest the current thread's allocation count has been since the last [`reset_peak`].
pub fn thread_peak_bytes() -> isize {
    PEAK.with(Cell::get)
}

/// Starts measuring the current thread's peak afresh.
fn reset_peak() {
    PEAK.with(|peak| peak.set(thread_live_bytes()));
}

fn count(delta: isize) {
    let live = LIVE.with(|live| {
        let now = live.get().wrapping_add(delta);
        live.set(now);
        now
    });
    if delta > 0 {
        PEAK.with(|peak| peak.set(peak.get().max(live)));
    }
}

fn signed(size: usize) -> isize {
    isize::try_from(size).unwrap_or(isize::MAX)
}

/// mimalloc, counting per thread what is held (see the module documentation). mimalloc rather
/// than the system allocator: a run makes millions of small short-lived allocations (lines,
/// findings, rule scratch) on every thread, and glibc's malloc/free were a sixth of the
/// profile; mimalloc cut a single-threaded run of the standards corpus by about 18 %.
pub struct CountingAllocator;

/// The alignment every block of mimalloc's plain `mi_malloc` has: one machine word, its
/// smallest size class. Nearly every allocation (strings, vectors of words) asks no more and
/// takes the plain entry points; `mi_malloc_aligned`, which the `mimalloc` crate calls for
/// every allocation, checks and adjusts the alignment first and cost twice as many
/// instructions per call.
const WORD: usize = std::mem::size_of::<usize>();

/// A new block of `layout` from mimalloc's `plain` entry point when the layout asks for no
/// more than a word's alignment, else from its `aligned` one; counted if there is one.
///
/// # Safety
/// `plain` and `aligned` are mimalloc allocation functions (`mi_malloc`/`mi_malloc_aligned`,
/// `mi_zalloc`/`mi_zalloc_aligned`).
// Inlined into each entry point, where the two functions are constants: a call through a
// pointer on every allocation would undo what the plain entry points save.
#[inline(always)]
unsafe fn allocate(
    layout: Layout,
    plain: unsafe extern "C" fn(usize) -> *mut std::ffi::c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut std::ffi::c_void,
) -> *mut u8 {
    // SAFETY: mimalloc's allocation functions have no precondition beyond a valid size and a
    // power-of-two alignment, which a `Layout` is.
    let ptr =
        unsafe { if layout.align() <= WORD { plain(layout.size()) } else { aligned(layout.size(), layout.align()) } }
            .cast::<u8>();
    if !ptr.is_null() {
        count(signed(layout.size()));
    }
    ptr
}

// SAFETY: each call goes to the mimalloc function for it, with the layout's size, and with
// its alignment unless that is at most `WORD`, which the plain functions guarantee; memory is
// freed by `mi_free` whichever function allocated it. The bookkeeping only touches a
// thread-local integer and never allocates.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: a pair of mimalloc allocation functions.
        unsafe { allocate(layout, mi_malloc, mi_malloc_aligned) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: a pair of mimalloc allocation functions.
        unsafe { allocate(layout, mi_zalloc, mi_zalloc_aligned) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator (the caller guarantees it), so by mimalloc.
        unsafe { mi_free(ptr.cast()) };
        count(-signed(layout.size()));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by mimalloc with `layout` (the caller guarantees it);
        // the new block keeps the alignment, as in `alloc`.
        let new = unsafe {
            if layout.align() <= WORD {
                mi_realloc(ptr.cast(), new_size)
            } else {
                mi_realloc_aligned(ptr.cast(), new_size, layout.align())
            }
        }
        .cast::<u8>();
        if !new.is_null() {
            count(signed(new_size).wrapping_sub(signed(layout.size())));
        }
        new
    }
}

// mimalloc's option API, which libmimalloc-sys declares only behind its `extended` feature
// (and without this option's constant).
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    fn mi_version() -> std::ffi::c_int;
}

/// `mi_option_destroy_on_exit` in the `mi_option_e` enum of the mimalloc that
/// libmimalloc-sys bundles (`MIMALLOC_VERSION`; a test holds the two together).
const MI_OPTION_DESTROY_ON_EXIT: std::ffi::c_int = 22;
const MIMALLOC_VERSION: std::ffi::c_int = 30302;

/// Tells mimalloc to leave its heaps as they are when the process exits. Its exit handler
/// otherwise collects every heap and hands the free pages back to the system range by range
/// (50 to 100 `madvise` calls, at the end of a lone document's run as of a batch's) just
/// before the system takes the whole address space back anyway. A value above 1 makes that
/// handler return at once (`_mi_auto_process_done` in mimalloc's `src/init.c`); nothing else
/// reads it. Under another mimalloc, whose options may be numbered otherwise, nothing is set.
pub fn skip_allocator_cleanup_at_exit() {
    // SAFETY: both functions only read or store a value, at any time.
    unsafe {
        if mi_version() == MIMALLOC_VERSION {
            mi_option_set(MI_OPTION_DESTROY_ON_EXIT, 2);
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_exit_option_is_set_for_the_mimalloc_it_was_read_from() {
        // A newer mimalloc may number its options differently: read the index again from its
        // mimalloc.h (`mi_option_destroy_on_exit`) and update both constants.
        // SAFETY: reads a constant.
        assert_eq!(unsafe { mi_version() }, MIMALLOC_VERSION);
        unsafe extern "C" {
            fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
        }
        skip_allocator_cleanup_at_exit();
        // SAFETY: reads an option's value.
        assert_eq!(unsafe { mi_option_get(MI_OPTION_DESTROY_ON_EXIT) }, 2);
    }
    use super::*;

    #[test]
    fn every_block_has_the_alignment_its_layout_asks() {
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 7, 8, 9, 16, 24, 40, 100, 1000, 70_000] {
                let Ok(layout) = Layout::from_size_align(size, align) else { continue };
                // SAFETY: a non-zero size; each block is freed once, by this allocator.
                unsafe {
                    let ptr = CountingAllocator.alloc(layout);
                    assert!(!ptr.is_null() && ptr.align_offset(align) == 0, "alloc {size} {align}");
                    let grown = CountingAllocator.realloc(ptr, layout, size * 3);
                    assert!(!grown.is_null() && grown.align_offset(align) == 0, "realloc {size} {align}");
                    CountingAllocator.dealloc(grown, Layout::from_size_align(size * 3, align).unwrap_or(layout));
                    let zeroed = CountingAllocator.alloc_zeroed(layout);
                    assert!(!zeroed.is_null() && zeroed.align_offset(align) == 0, "zeroed {size} {align}");
                    assert!(std::slice::from_raw_parts(zeroed, size).iter().all(|&b| b == 0));
                    CountingAllocator.dealloc(zeroed, layout);
                }
            }
        }
    }

    #[test]
    fn a_spent_time_budget_is_reported_and_an_unspent_one_is_not() {
        let generous = Meter::start(Budget { time: Duration::from_secs(3600), memory: usize::MAX });
        assert_eq!(generous.exceeded(), None);
        let spent = Meter::start(Budget { time: Duration::ZERO, memory: usize::MAX });
        std::thread::sleep(Duration::from_millis(2));
        assert_eq!(spent.exceeded(), Some(Exceeded::Time(Duration::ZERO)));
        // In a loop, the clock is read at every CLOCK_EVERYth step only.
        assert_eq!(spent.exceeded_before(0), Some(Exceeded::Time(Duration::ZERO)));
        assert_eq!(spent.exceeded_before(1), None);
        assert_eq!(spent.exceeded_before(CLOCK_EVERY), Some(Exceeded::Time(Duration::ZERO)));
    }

    #[test]
    fn held_memory_is_measured_from_the_start_of_the_meter() {
        let meter = Meter::start(Budget { time: Duration::from_secs(3600), memory: 100 });
        assert_eq!(meter.exceeded(), None);
        count(1000);
        assert_eq!(meter.exceeded(), Some(Exceeded::Memory(100)));
        // Freed again: the peak still counts for this meter, not for the next one.
        count(-1000);
        assert_eq!(meter.exceeded(), Some(Exceeded::Memory(100)));
        assert_eq!(meter.peak_bytes(), 1000);
        let next = Meter::start(Budget { time: Duration::from_secs(3600), memory: 100 });
        assert_eq!(next.exceeded(), None);
    }
}
