//! The `newsline` binary: CLI parsing, then the window or a headless command.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};

use newsline::corpus::{Corpus, Extractor};
use newsline::places::Gazetteer;

/// Turn a folder of news articles into an explorable timeline of events.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Folder of articles to open (default: the bundled `seeds/`).
    folder: Option<PathBuf>,
    /// Open the window, wait for the folder to load, select the first dated
    /// event, save a screenshot of the window to this PNG file and exit.
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
    /// An extra gazetteer file of your own (same TSV columns as assets/gazetteer.tsv).
    #[arg(long, global = true, value_name = "FILE")]
    gazetteer: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Extract events from FOLDER and print them (JSON or CSV), without a window.
    Export {
        folder: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
}

fn gazetteer(extra: Option<&PathBuf>) -> anyhow::Result<Gazetteer> {
    let mut g = Gazetteer::builtin();
    if let Some(path) = extra {
        let src = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read gazetteer {}", path.display()))?;
        g.extend_from_tsv(&src)
            .with_context(|| format!("bad gazetteer file {}", path.display()))?;
    }
    Ok(g)
}

fn export(
    folder: PathBuf,
    format: Format,
    output: Option<PathBuf>,
    g: Gazetteer,
) -> anyhow::Result<()> {
    if !folder.exists() {
        bail!("{} is not a folder: it does not exist", folder.display());
    }
    let extractor = Extractor::new(g);
    let corpus = Corpus::load(&folder, &extractor)
        .with_context(|| format!("cannot load {}", folder.display()))?;
    for w in &corpus.warnings {
        eprintln!("warning: {}: {}", w.path, w.message);
    }
    let mut buf = Vec::new();
    match format {
        Format::Json => newsline::export::write_json(&corpus, extractor.gazetteer(), &mut buf)?,
        Format::Csv => newsline::export::write_csv(&corpus, extractor.gazetteer(), &mut buf)?,
    }
    match output {
        Some(path) => newsline::fsutil::atomic_write(&path, &buf)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = (|| -> anyhow::Result<()> {
        let g = gazetteer(cli.gazetteer.as_ref())?;
        match cli.command {
            Some(Command::Export {
                folder,
                format,
                output,
            }) => export(folder, format, output, g),
            None => newsline::app::run(newsline::app::Options {
                folder: cli.folder,
                screenshot: cli.screenshot,
                gazetteer: g,
            }),
        }
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsline: {e:#}");
            ExitCode::FAILURE
        }
    }
}
