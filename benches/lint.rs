//! Where the time goes, next to the serde_json baseline: parse only (our span tree), schema
//! only, the whole lint, and `serde_json::from_str::<Value>` on the same text, for the
//! documentation payloads, a payload that sets every field, and generated payloads of 1 KB,
//! 100 KB and 10 MB (lint time must grow linearly with size).
//!
//! `cargo bench --bench lint` (add `-- --quick` for a fast look).

use std::hint::black_box;
use std::time::Duration;

use checkout_lint::{Linter, schema, tree};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

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

fn inputs() -> Vec<(String, String)> {
    let mut inputs = vec![
        (
            "doc-02-multi-product".to_string(),
            fixture("doc-examples/02-multi-product.json"),
        ),
        ("every-field".to_string(), fixture("every-field.json")),
    ];
    for (name, size) in [("1KB", 1_000), ("100KB", 100_000), ("10MB", 10_000_000)] {
        inputs.push((name.to_string(), sized_payload(size)));
    }
    inputs
}

fn stages(c: &mut Criterion) {
    let linter = Linter::default();
    for (name, text) in inputs() {
        let mut group = c.benchmark_group(name.as_str());
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 1_000_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(10));
        }
        group.bench_function(BenchmarkId::new("serde_json_value", text.len()), |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)))
        });
        group.bench_function(BenchmarkId::new("parse", text.len()), |b| {
            b.iter(|| tree::parse(black_box(&text)).map(|root| root.span))
        });
        let root = tree::parse(&text).expect("bench inputs parse");
        group.bench_function(BenchmarkId::new("schema", text.len()), |b| {
            b.iter(|| schema::validate(black_box(&root)).len())
        });
        group.bench_function(BenchmarkId::new("lint", text.len()), |b| {
            b.iter(|| {
                linter
                    .lint_str("bench.json", black_box(&text))
                    .diagnostics()
                    .len()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
