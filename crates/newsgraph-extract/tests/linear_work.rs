//! Extraction does work linear in the size of its input, for ordinary
//! prose and for the hostile shapes: thousands of unbalanced or nested
//! quotation marks, a megabyte-long line without punctuation, hundreds of
//! names in one sentence.
//!
//! Work is counted, not timed: this test binary counts every allocation
//! (and the bytes asked for) while `extract` runs, and the size of what it
//! returns. Doubling the input must no more than about double each count;
//! a quadratic step would quadruple it. (A loop that is quadratic without
//! allocating would slip through; the fuzz targets' timeouts and the
//! release-mode 100 MB check in the root package cover that side.)
//!
//! The test binary holds this one test, so nothing else allocates while
//! it counts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

use newsgraph_extract::{extract, Document};

/// The system allocator, counting allocations and bytes requested.
struct CountingAllocator;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(pointer, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// What one extraction cost and found.
#[derive(Debug, Clone, Copy)]
struct Work {
    allocations: u64,
    bytes: u64,
    /// Mentions, statements, relations and diagnostics returned.
    results: u64,
}

fn work_of(text: String) -> Work {
    let document = Document::new("work.txt", text);
    let allocations = ALLOCATIONS.load(Ordering::Relaxed);
    let bytes = BYTES.load(Ordering::Relaxed);
    let found = extract(&document);
    let work = Work {
        allocations: ALLOCATIONS.load(Ordering::Relaxed) - allocations,
        bytes: BYTES.load(Ordering::Relaxed) - bytes,
        results: (found
            .entities
            .iter()
            .map(|entity| entity.mentions.len())
            .sum::<usize>()
            + found.statements.len()
            + found.relations.len()
            + found.diagnostics.len()) as u64,
    };
    drop(found);
    work
}

/// Makes an input of one shape of about the given size in bytes.
type MakeInput = fn(usize) -> String;

/// `unit` repeated to about `size` bytes (whole units).
fn repeated(unit: &str, size: usize) -> String {
    unit.repeat(size.div_ceil(unit.len()))
}

/// Hundreds of distinct names in one sentence.
fn many_names(size: usize) -> String {
    const GIVEN: [&str; 8] = [
        "Anna", "Tomas", "Lena", "Maria", "David", "Sofia", "Peter", "Elena",
    ];
    const SURNAMES: [&str; 8] = [
        "Berg", "Reyes", "Ortiz", "Novak", "Keller", "Moreau", "Silva", "Larsen",
    ];
    let mut text = String::from("Mayor ");
    let mut index = 0;
    while text.len() < size {
        let given = GIVEN[index % GIVEN.len()];
        let surname = SURNAMES[(index / GIVEN.len()) % SURNAMES.len()];
        text.push_str(&format!("{given} {surname}, "));
        index += 1;
    }
    text.push_str("and the council met in Port Elmsworth on Monday.\n");
    text
}

/// Ordinary news prose: a quotation, reported speech, titles, places.
const PROSE: &str = "Mayor Anna Berg said on Monday that the harbour in Port Elmsworth would \
reopen in May. \"We will not wait another winter,\" Berg told reporters. \
Councillor Tomas Reyes accused the port authority of delays.\n\n";

/// Checks that doubling each shape's input at most about doubles its work.
#[test]
fn extraction_work_grows_linearly_with_input_size() {
    let shapes: [(&str, MakeInput); 6] = [
        ("prose", |size| repeated(PROSE, size)),
        ("unbalanced quotes", |size| repeated("\"", size)),
        ("unclosed quotations", |size| {
            repeated("Berg said \u{201c}we will \u{2018}not ", size)
        }),
        ("nested quotations", |size| {
            let half = repeated("\u{201c}\u{2018}", size / 2);
            let closing = repeated("\u{2019}\u{201d}", size / 2);
            format!("Berg said {half}stay{closing}.")
        }),
        ("no punctuation", |size| {
            repeated("the harbour board and Anna Berg and the Council met ", size)
        }),
        ("many names in one sentence", many_names),
    ];
    // Small enough for a debug build; large enough that a quadratic step
    // would dominate the counts.
    let sizes = [32 * 1024, 64 * 1024, 128 * 1024];
    // Warm up: the gazetteers are parsed on first use, once.
    work_of(PROSE.to_string());
    for (shape, make) in shapes {
        let works: Vec<Work> = sizes.iter().map(|&size| work_of(make(size))).collect();
        for pair in works.windows(2) {
            let (smaller, larger) = (pair[0], pair[1]);
            for (what, small, large) in [
                ("allocations", smaller.allocations, larger.allocations),
                ("bytes allocated", smaller.bytes, larger.bytes),
                ("results", smaller.results, larger.results),
            ] {
                // Twice the input may cost up to 2.6 times as much (vectors
                // grow in steps, gazetteer look-ups vary); a quadratic step
                // would cost four times as much.
                assert!(
                    large * 10 <= small.max(1) * 26,
                    "{shape}: doubling the input multiplied {what} by {:.2} \
                     ({small} -> {large}); works: {works:?}",
                    large as f64 / small.max(1) as f64
                );
            }
        }
        eprintln!("{shape}: {works:?}");
        // The counts must have measured something.
        assert!(works[0].allocations > 0, "{shape}: {works:?}");
    }
}
