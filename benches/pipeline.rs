//! Per-stage timings of the pipeline on one input: `cargo bench --bench pipeline -- FILE [RUNS]`.
//!
//! Prints, for each stage, the median wall time over RUNS runs and the
//! throughput in MB/s of input bytes. `bench/run.sh` drives it over generated
//! novels and adds peak memory from `/usr/bin/time -v`.

use bindery::render::epub::Epub;
use bindery::render::pdf::Pdf;
use bindery::render::Renderer;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: cargo bench --bench pipeline -- FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let name = std::path::Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or("input").to_string();
    let mut stages: Vec<(&str, Vec<Duration>)> = ["decode", "normalise", "repair", "structure", "epub", "pdf", "total"]
        .iter()
        .map(|s| (*s, Vec::new()))
        .collect();
    let mut sizes = (0usize, 0usize);
    for _ in 0..runs {
        let t0 = Instant::now();
        let decoded = bindery::decode::decode(&bytes, &name, None).expect("decode");
        let t1 = Instant::now();
        let normalised = bindery::normalise::normalise(&decoded.text);
        let t2 = Instant::now();
        let repaired = bindery::repair::repair(&normalised);
        let t3 = Instant::now();
        let mut report = bindery::Report::default();
        let doc = bindery::structure::structure(repaired, &mut report);
        let t4 = Instant::now();
        let epub = Epub::default().render(&doc, &report).expect("epub");
        let t5 = Instant::now();
        let pdf = Pdf::default().render(&doc, &report).expect("pdf");
        let t6 = Instant::now();
        sizes = (epub.len(), pdf.len());
        for (k, d) in [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t6 - t0].into_iter().enumerate() {
            stages[k].1.push(d);
        }
    }
    let mb = bytes.len() as f64 / 1e6;
    println!(
        "{name}: {:.1} MB, {runs} run(s), EPUB {:.1} MB, PDF {:.1} MB",
        mb,
        sizes.0 as f64 / 1e6,
        sizes.1 as f64 / 1e6
    );
    println!("| stage | median s | MB/s |");
    println!("|---|---|---|");
    for (stage, times) in stages {
        let m = median(times).as_secs_f64();
        println!("| {stage} | {m:.3} | {:.1} |", mb / m.max(1e-9));
    }
}
