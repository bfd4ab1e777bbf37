//! Extraction benchmarks: a plain binary printing markdown tables.
//!
//!     cargo bench --bench extraction
//!     cargo bench --bench extraction -- --sizes 100,1000,10000,100000 --threads 1,2 --reps 5
//!     cargo bench --bench extraction -- --sections memory
//!
//! Sections (`--sections`, comma-separated, default all but `ui`):
//! - `extraction`: disk → events throughput per corpus size, on one core
//!   and on all, beside the time merely to read the same files;
//! - `stages`: where one core's time goes, stage by stage;
//! - `memory`: peak resident memory of loading a corpus, in a child process.
//!
//! A `ui` section (frame cost of the window on a loaded corpus) is meant to
//! be added as one more [`Section`] and module, using the same corpora.
//!
//! Corpora are generated once under `target/bench-corpus/<N>/v<V>-s<seed>/`
//! (see `benches/gen/`) and reused. Figures are with a warm page cache.

// `cargo bench` builds with cfg(test) but, harness off, drops #[test]
// functions: the shared modules' test helpers would warn as unused.
#[cfg_attr(test, allow(unused_imports, dead_code))]
#[path = "../common/mod.rs"]
mod common;
#[cfg_attr(test, allow(unused_imports, dead_code))]
#[path = "../gen/mod.rs"]
mod generator;
mod memory;
mod stages;
mod throughput;

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;

use generator::Pool;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Section {
    Extraction,
    Stages,
    Memory,
}

#[derive(Parser, Debug)]
#[command(about = "newsline extraction benchmarks")]
struct Args {
    /// Corpus sizes in articles. 100000 (~500 MB on disk) only if asked.
    #[arg(long, value_delimiter = ',', default_values_t = [100usize, 1_000, 10_000])]
    sizes: Vec<usize>,
    /// Thread counts to run extraction with (default: 1 and all cores).
    #[arg(long, value_delimiter = ',')]
    threads: Vec<usize>,
    /// Repetitions per measurement; the median is reported.
    #[arg(long, default_value_t = 5)]
    reps: usize,
    /// Generator seed: the same seed gives the same corpus everywhere.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    #[arg(long, value_enum, value_delimiter = ',',
          default_values_t = [Section::Extraction, Section::Stages, Section::Memory])]
    sections: Vec<Section>,
    /// Corpus size for the memory section.
    #[arg(long, default_value_t = 10_000)]
    memory_size: usize,
    /// Corpus size for the stages section (single core).
    #[arg(long, default_value_t = 1_000)]
    stages_size: usize,
    /// Where corpora are cached (default target/bench-corpus).
    #[arg(long)]
    corpus_dir: Option<PathBuf>,
    /// Also time the 10,000-article read and load from a cold page cache
    /// (dropped before each run; needs root, Linux).
    #[arg(long)]
    cold: bool,
    /// Generate the corpora and stop (e.g. before profiling).
    #[arg(long)]
    generate_only: bool,
    /// Internal: measure a load in this process and print key=value lines.
    #[arg(long, hide = true, value_enum)]
    child: Option<memory::ChildMode>,
    /// Internal: the folder the child loads.
    #[arg(long, hide = true)]
    child_dir: Option<PathBuf>,
    /// Passed by `cargo bench` to every bench binary; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

fn main() {
    let args = Args::parse();
    if let Some(mode) = args.child {
        memory::child(mode, args.child_dir.as_deref());
        return;
    }
    let threads = if args.threads.is_empty() {
        let all = std::thread::available_parallelism().map_or(1, |n| n.get());
        if all > 1 {
            vec![1, all]
        } else {
            vec![1]
        }
    } else {
        args.threads.clone()
    };
    let base = args.corpus_dir.clone().unwrap_or_else(common::corpus_base);

    println!("# newsline extraction benchmark\n");
    println!("- machine: {}", common::machine());
    println!(
        "- corpus: generator v{}, seed {}, cached in {}",
        generator::GENERATOR_VERSION,
        args.seed,
        base.display()
    );
    println!("- median of {} runs, warm page cache", args.reps.max(1));

    let pool = match Pool::builtin() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot build the sentence pool from seeds/: {e}");
            std::process::exit(2);
        }
    };
    println!(
        "- generated articles recombine {} sentences of seeds/\n",
        pool.sentence_count()
    );
    let mut needed: Vec<usize> = args.sizes.clone();
    if args.sections.contains(&Section::Memory) {
        needed.push(args.memory_size);
    }
    if args.sections.contains(&Section::Stages) {
        needed.push(args.stages_size);
    }
    needed.sort_unstable();
    needed.dedup();
    let mut corpora = Vec::new();
    for &n in &needed {
        let start = Instant::now();
        match generator::ensure(&pool, &base.join(n.to_string()), n, args.seed) {
            Ok(g) => {
                if !g.reused {
                    eprintln!(
                        "generated {n} articles ({:.1} MB) in {:.1} s",
                        common::mb(g.bytes),
                        start.elapsed().as_secs_f64()
                    );
                }
                corpora.push(g);
            }
            Err(e) => {
                eprintln!("cannot generate the {n}-article corpus: {e}");
                std::process::exit(2);
            }
        }
    }
    if args.generate_only {
        return;
    }
    let corpus = |n: usize| corpora.iter().find(|g| g.files == n);

    for section in [Section::Extraction, Section::Stages, Section::Memory] {
        if !args.sections.contains(&section) {
            continue;
        }
        match section {
            Section::Extraction => {
                let sized: Vec<&generator::Generated> =
                    args.sizes.iter().filter_map(|&n| corpus(n)).collect();
                throughput::run(&sized, &threads, args.reps, args.cold);
            }
            Section::Stages => {
                if let Some(g) = corpus(args.stages_size) {
                    stages::run(g);
                }
            }
            Section::Memory => {
                if let Some(g) = corpus(args.memory_size) {
                    memory::run(g);
                }
            }
        }
    }
}
