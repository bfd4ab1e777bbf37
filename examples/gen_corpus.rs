//! Writes a benchmark corpus: N generated Arabic articles (see `benches/gen/`).
//!
//!     cargo run --release --example gen_corpus -- 10000
//!     cargo run --release --example gen_corpus -- 1000 --seed 7 --out /tmp/corpus
//!
//! Default folder: `target/bench-corpus/<N>/`, the one the benchmarks reuse;
//! the articles go in its subfolder `v<generator version>-s<seed>/`.
//! `cargo test --example gen_corpus` runs the generator's own tests.

#[path = "../benches/common/mod.rs"]
#[allow(dead_code)] // The measuring helpers serve the bench binaries.
mod common;
#[path = "../benches/gen/mod.rs"]
mod generator;

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;

#[derive(Parser, Debug)]
#[command(about = "Generate a newsline benchmark corpus")]
struct Args {
    /// Number of articles.
    n: usize,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output folder (default target/bench-corpus/<N>); the articles go in
    /// its subfolder v<generator version>-s<seed>.
    #[arg(long)]
    out: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let dir = args
        .out
        .unwrap_or_else(|| common::corpus_base().join(args.n.to_string()));
    let start = Instant::now();
    let pool = generator::Pool::builtin()?;
    let g = generator::ensure(&pool, &dir, args.n, args.seed)?;
    println!(
        "{} {} articles ({} seed sentences), {:.1} MB, in {} ({:.1} s)",
        if g.reused { "reused" } else { "wrote" },
        g.files,
        pool.sentence_count(),
        common::mb(g.bytes),
        g.dir.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
