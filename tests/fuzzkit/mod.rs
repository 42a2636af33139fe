//! The shared harness of the fuzz targets (`tests/fuzz_*.rs`): proptest runners with a fixed
//! seed and a normal case count under `cargo test`, or a long, time-boxed mode.
//!
//! Long mode: `KITAP_FUZZ_SECONDS=600` gives each target (one `tests/fuzz_*.rs` file) that many
//! seconds, shared equally by its properties; every property then runs batch after batch with
//! fresh random seeds until its share is spent and prints how many cases it ran. Run a target
//! with `--test-threads=1 --nocapture` so its properties run one after another and the counts
//! are shown:
//!
//! ```text
//! KITAP_FUZZ_SECONDS=600 cargo test --test fuzz_parsers -- --test-threads=1 --nocapture
//! ```
//!
//! A failure prints the seed of its batch and the smallest failing input proptest found;
//! `PROPTEST_RNG_SEED=<seed>` replays that batch (in normal mode it replaces the fixed seed).
#![allow(dead_code)]

use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngSeed, TestCaseResult, TestError, TestRunner};

/// The environment variable that selects long mode: seconds per target.
pub const SECONDS_VAR: &str = "KITAP_FUZZ_SECONDS";

/// The seed of every normal-mode run (so `cargo test` is reproducible).
const FIXED_SEED: u64 = 0x6b69_7461_7030_3031;

/// The long-mode budget of one target, if long mode is on.
pub fn long_budget() -> Option<Duration> {
    let raw = std::env::var(SECONDS_VAR).ok()?;
    let seconds: f64 = raw.trim().parse().ok()?;
    (seconds > 0.0).then(|| Duration::from_secs_f64(seconds))
}

/// Whether long mode is on.
pub fn long_mode() -> bool {
    long_budget().is_some()
}

/// One property of a target.
pub struct Property<'a> {
    /// Printed with the counts, e.g. `fuzz_parsers/parse_number_never_panics`.
    pub name: &'a str,
    /// Cases under plain `cargo test`.
    pub normal_cases: u32,
    /// Cases per batch in long mode (one seed per batch).
    pub batch_cases: u32,
    /// How many properties share the target's long-mode budget.
    pub share_of: u32,
}

/// What a run did.
#[derive(Debug, Clone, Copy)]
pub struct RunStats {
    pub cases: u64,
    pub elapsed: Duration,
}

fn config(cases: u32, seed: u64) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        // Shrinking a failure of the costly targets must end in reasonable time.
        max_shrink_time: 120_000,
        ..Config::default()
    }
}

fn seed_from_env() -> Option<u64> {
    std::env::var("PROPTEST_RNG_SEED").ok()?.trim().parse().ok()
}

fn random_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    // RandomState is seeded from the OS; mix in the time so consecutive batches differ.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.finish()
}

fn fail<T: Debug>(name: &str, seed: u64, error: TestError<T>) -> ! {
    match error {
        TestError::Fail(reason, input) => panic!(
            "{name}: property failed (seed {seed}; replay with PROPTEST_RNG_SEED={seed}): \
             {reason}\nminimal failing input: {input:#?}"
        ),
        TestError::Abort(reason) => panic!("{name}: aborted (seed {seed}): {reason}"),
    }
}

/// Runs a property: `normal_cases` cases with a fixed seed, or in long mode batches of
/// `batch_cases` with fresh seeds until its share of the budget is spent. Panics with the
/// minimal failing input on failure; prints the counts in long mode.
pub fn run<S>(prop: Property, strategy: S, test: impl Fn(S::Value) -> TestCaseResult) -> RunStats
where
    S: Strategy,
    S::Value: Debug,
{
    let start = Instant::now();
    let calls = AtomicU64::new(0);
    let test = |value: S::Value| {
        calls.fetch_add(1, Ordering::Relaxed);
        test(value)
    };
    let Some(budget) = long_budget() else {
        let seed = seed_from_env().unwrap_or(FIXED_SEED);
        let mut runner = TestRunner::new(config(prop.normal_cases, seed));
        if let Err(e) = runner.run(&strategy, test) {
            fail(prop.name, seed, e);
        }
        let cases = calls.load(Ordering::Relaxed);
        assert!(
            cases >= u64::from(prop.normal_cases),
            "{}: only {cases} of {} cases ran",
            prop.name,
            prop.normal_cases
        );
        return RunStats {
            cases,
            elapsed: start.elapsed(),
        };
    };
    let share = budget / prop.share_of.max(1);
    let mut batches = 0u64;
    while start.elapsed() < share || batches == 0 {
        let seed = seed_from_env().unwrap_or_else(random_seed);
        let mut runner = TestRunner::new(config(prop.batch_cases, seed));
        if let Err(e) = runner.run(&strategy, test) {
            eprintln!(
                "fuzz {}: FAILED after {} cases in {:.0} s",
                prop.name,
                calls.load(Ordering::Relaxed),
                start.elapsed().as_secs_f64()
            );
            fail(prop.name, seed, e);
        }
        batches += 1;
    }
    let stats = RunStats {
        cases: calls.load(Ordering::Relaxed),
        elapsed: start.elapsed(),
    };
    report(prop.name, stats, 0);
    stats
}

/// Prints a long-mode count line (the format the README shows).
pub fn report(name: &str, stats: RunStats, crashes: u64) {
    eprintln!(
        "fuzz {name}: {} cases in {:.0} s, {crashes} failures",
        stats.cases,
        stats.elapsed.as_secs_f64()
    );
}
