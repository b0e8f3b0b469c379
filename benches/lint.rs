//! Where the time goes, next to the serde_json baseline: parse only (our span tree), schema
//! only, model only, rules only, the whole lint, and `serde_json::from_str::<Value>` on the same
//! text, for every documentation example, a payload that sets every field, and generated
//! payloads of 1 KB, 100 KB and 10 MB (lint time must grow linearly with size).
//!
//! After criterion's groups it prints one table of lint ÷ serde_json ratios, measured
//! interleaved: rounds alternate a batch of serde_json parses with a batch of lints of the same
//! text, and the median of the per-round ratios is reported, so a noisy machine slows both
//! sides of a ratio alike.
//!
//! `cargo bench --bench lint` (add `-- --quick` for a fast look; a name filter such as
//! `-- doc-02` narrows both the groups and the table; `-- table` prints only the table).

use std::collections::HashSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

// The stages are not API; the crate shows them to its own benchmarks through `internals`.
use checkout_lint::internals::{
    self as stage, Account, Arena, Cart, CheckoutSession, Context, Finding, Findings, Node,
    Violation,
};
use checkout_lint::{Linter, Source, Span, rules};
use criterion::{BenchmarkId, Criterion, Throughput};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// A payload of about `bytes` bytes: a realistic body plus metadata and cart lines.
pub fn sized_payload(bytes: usize) -> String {
    let mut items = Vec::new();
    let mut text = String::new();
    let mut index = 0;
    while text.len() < bytes {
        items.push(format!(
            "{{\"product_id\": \"pdt_{index:021}\", \"quantity\": {}}}",
            index % 9 + 1
        ));
        index += 1;
        text = format!(
            "{{\"product_cart\": [{}], \"customer\": {{\"email\": \"ada@example.com\"}}, \
             \"billing_address\": {{\"country\": \"US\", \"zipcode\": \"94103\"}}, \
             \"allowed_payment_method_types\": [\"credit\", \"debit\"], \
             \"return_url\": \"https://example.com/done\"}}",
            items.join(", ")
        );
        if items.len() > 8 && text.len() * 2 < bytes {
            // Grow faster for the big sizes.
            let copies = items.clone();
            items.extend(copies);
        }
    }
    text
}

/// Every documentation example (the payloads the target names), then the rest.
fn inputs() -> Vec<(String, String)> {
    let dir = format!("{}/tests/fixtures/doc-examples", env!("CARGO_MANIFEST_DIR"));
    let mut docs: Vec<_> = std::fs::read_dir(&dir)
        .expect("doc examples")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    docs.sort();
    let mut inputs: Vec<(String, String)> = docs
        .iter()
        .map(|path| {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("doc");
            let text = std::fs::read_to_string(path).expect("doc example");
            (format!("doc-{stem}"), text)
        })
        .collect();
    inputs.push(("every-field".to_string(), fixture("every-field.json")));
    for (name, size) in [("1KB", 1_000), ("100KB", 100_000), ("10MB", 10_000_000)] {
        inputs.push((name.to_string(), sized_payload(size)));
    }
    inputs
}

/// Runs every rule over an already built tree, violations and model: the rules-only stage.
fn run_rules(
    source: &Source,
    root: &Node<'_>,
    violations: &[Violation],
    session: &CheckoutSession<'_>,
    cart: &Cart<'_>,
    account: &Account,
) -> usize {
    let ctx = Context {
        source,
        invalid_utf8: None,
        too_large: None,
        too_deep: None,
        syntax_error: None,
        tree: Some(root),
        violations,
        session: Some(session),
        catalogue: None,
        cart,
        account,
        response: None,
        posted_to: None,
        adapter: None,
        enabled: &|_| true,
    };
    let mut count = 0;
    let mut sink = |_: Finding| count += 1;
    for rule in rules::all() {
        rule.check(&ctx, &mut Findings::new(&mut sink));
    }
    count
}

fn stages(c: &mut Criterion, inputs: &[(String, String)]) {
    let linter = Linter::default();
    let account = Account::default();
    for (name, text) in inputs {
        let mut group = c.benchmark_group(name.as_str());
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 1_000_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(10));
        } else {
            group
                .warm_up_time(Duration::from_millis(500))
                .measurement_time(Duration::from_secs(2));
        }
        let size = text.len();
        group.bench_function(BenchmarkId::new("serde_json_value", size), |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)))
        });
        group.bench_function(BenchmarkId::new("parse", size), |b| {
            b.iter(|| {
                let arena = Arena::new();
                stage::parse(black_box(text), &arena).map(|root| root.span)
            })
        });
        let arena = Arena::new();
        let root = stage::parse(text, &arena).expect("bench inputs parse");
        group.bench_function(BenchmarkId::new("schema", size), |b| {
            b.iter(|| stage::validate(black_box(&root)).len())
        });
        let violations = stage::validate(&root);
        let failed: HashSet<Span> = violations
            .iter()
            .filter_map(Violation::failed_value)
            .collect();
        group.bench_function(BenchmarkId::new("model", size), |b| {
            b.iter(|| CheckoutSession::build(black_box(&root), &failed).span)
        });
        let session = CheckoutSession::build(&root, &failed);
        let cart = Cart::new(&session, None);
        let source = Source::new("bench.json", text.as_str());
        group.bench_function(BenchmarkId::new("rules", size), |b| {
            b.iter(|| {
                run_rules(
                    &source,
                    black_box(&root),
                    &violations,
                    &session,
                    &cart,
                    &account,
                )
            })
        });
        group.bench_function(BenchmarkId::new("lint", size), |b| {
            b.iter(|| {
                linter
                    .lint_str("bench.json", black_box(text))
                    .diagnostics()
                    .len()
            })
        });
        group.finish();
    }
}

/// Nanoseconds per call of `f`, over a batch of `calls`.
fn time_batch(calls: u32, mut f: impl FnMut() -> usize) -> f64 {
    let start = Instant::now();
    for _ in 0..calls {
        black_box(f());
    }
    start.elapsed().as_nanos() as f64 / f64::from(calls)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The interleaved lint ÷ serde_json table.
fn ratios(inputs: &[(String, String)], quick: bool) {
    let linter = Linter::default();
    let rounds = if quick { 11 } else { 31 };
    let round_time = Duration::from_millis(if quick { 20 } else { 50 });
    println!("\nlint ÷ serde_json::from_str::<Value>, medians of {rounds} interleaved rounds");
    println!(
        "{:<24} {:>10} {:>14} {:>14} {:>8}",
        "input", "bytes", "serde_json", "lint", "ratio"
    );
    for (name, text) in inputs {
        let serde = || {
            serde_json::from_str::<serde_json::Value>(black_box(text))
                .map_or(0, |v| v.is_object() as usize)
        };
        let lint = || {
            linter
                .lint_str("bench.json", black_box(text))
                .diagnostics()
                .len()
        };
        // Size a batch so that each side of a round takes about `round_time`.
        let once = time_batch(1, lint).max(1.0);
        let calls = ((round_time.as_nanos() as f64 / once) as u32).clamp(1, 1_000_000);
        let (mut serde_ns, mut lint_ns, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds {
            let s = time_batch(calls, serde);
            let l = time_batch(calls, lint);
            serde_ns.push(s);
            lint_ns.push(l);
            ratio.push(l / s);
        }
        println!(
            "{:<24} {:>10} {:>14} {:>14} {:>7.2}×",
            name,
            text.len(),
            format_ns(median(&mut serde_ns)),
            format_ns(median(&mut lint_ns)),
            median(&mut ratio)
        );
    }
}

fn format_ns(ns: f64) -> String {
    if ns >= 1_000_000.0 {
        format!("{:.2} ms", ns / 1_000_000.0)
    } else if ns >= 1_000.0 {
        format!("{:.2} µs", ns / 1_000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench -- <filter>`: the first argument that is not a flag, as criterion reads it.
    let filter = args
        .iter()
        .find(|arg| !arg.starts_with('-'))
        .cloned()
        .unwrap_or_default();
    let listing = args.iter().any(|arg| arg == "--list" || arg == "--test");
    let inputs = inputs();
    let mut criterion = Criterion::default().configure_from_args();
    stages(&mut criterion, &inputs);
    criterion.final_summary();
    let (named, others): (Vec<_>, Vec<_>) = inputs
        .into_iter()
        .partition(|(name, _)| name.contains(&filter));
    // A filter that names no input (`-- table`, or a stage such as `-- parse`) keeps them all.
    let table = if named.is_empty() { others } else { named };
    if !listing {
        ratios(&table, args.iter().any(|arg| arg == "--quick"));
    }
}
