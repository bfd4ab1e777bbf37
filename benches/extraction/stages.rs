//! Where one core's time goes: each stage of [`Extractor::extract`] run
//! alone over the same articles, so a regression points at its stage
//! without a profiler.

use std::hint::black_box;
use std::time::Duration;

use newsline::app::folder_view::Prepared;
use newsline::corpus::{Corpus, Extractor};
use newsline::dates::{self, DateFinder};
use newsline::events::TriggerLexicon;
use newsline::inference::{self, KnowledgeBase};
use newsline::loader::{self, LoadedArticle};
use newsline::people::PeopleCounter;
use newsline::places::Gazetteer;
use newsline::text::{NormText, PhraseHit, PhraseMatcher};

use crate::common::{median_of, ms, Table};
use crate::generator::Generated;

/// Each stage is short on a 1,000-article corpus; a few runs steady it.
const REPS: usize = 3;

pub fn run(g: &Generated) {
    println!(
        "## Stages, one thread, {} articles ({:.1} MB)\n",
        g.files,
        crate::common::mb(g.bytes)
    );
    let (files, _) = loader::list_files(&g.dir);
    let (read, loaded) = median_of(REPS, || {
        files
            .iter()
            .filter_map(|p| loader::load_file(&g.dir, p).ok())
            .collect::<Vec<LoadedArticle>>()
    });
    let n = loaded.len().max(1);
    let gazetteer = Gazetteer::builtin();
    let finder = DateFinder::new();
    let triggers = TriggerLexicon::builtin();
    let knowledge = KnowledgeBase::builtin();
    let extractor = Extractor::builtin();

    let (norm_t, norms) = median_of(REPS, || {
        loaded
            .iter()
            .map(|a| NormText::new(&a.text))
            .collect::<Vec<_>>()
    });
    let file_name = |a: &LoadedArticle| a.path.rsplit('/').next().unwrap_or("").to_string();
    let (date_t, anchors) = median_of(REPS, || {
        loaded
            .iter()
            .map(|a| dates::article_date(&a.text, &file_name(a)).map(|d| d.start))
            .collect::<Vec<_>>()
    });
    // The extractor walks each article once for the phrases of three
    // lexicons; each then reads its own hits.
    let people = PeopleCounter::builtin();
    let walk =
        PhraseMatcher::combined(&[gazetteer.matcher(), triggers.matcher(), people.matcher()]);
    let (walk_t, groups) = median_of(REPS, || {
        norms
            .iter()
            .map(|t| walk.find_groups(t))
            .collect::<Vec<_>>()
    });
    let hits_of = |k: usize| -> Vec<Vec<PhraseHit>> {
        groups
            .iter()
            .map(|g| g.get(k).cloned().unwrap_or_default())
            .collect()
    };
    let (place_hits, trigger_hits) = (hits_of(0), hits_of(1));
    let (places_t, _) = median_of(REPS, || {
        norms
            .iter()
            .zip(place_hits.clone())
            .map(|(t, hits)| gazetteer.find_in(t, hits).len())
            .sum::<usize>()
    });
    let (dates_t, _) = median_of(REPS, || {
        loaded
            .iter()
            .zip(&norms)
            .zip(&anchors)
            .map(|((a, t), anchor)| finder.find_quoting(t, &a.text, *anchor).hits.len())
            .sum::<usize>()
    });
    // Only articles without a byline or dated file name are inferred.
    let (infer_t, inferred) = median_of(REPS, || {
        loaded
            .iter()
            .zip(&norms)
            .zip(&anchors)
            .filter(|(_, anchor)| anchor.is_none())
            .filter(|((a, t), _)| {
                let finds = finder.find_quoting(t, &a.text, None);
                inference::infer_article_date(t, &a.text, &finds, &knowledge).is_some()
            })
            .count()
    });
    let undated = anchors.iter().filter(|a| a.is_none()).count();
    let (trig_t, _) = median_of(REPS, || {
        loaded
            .iter()
            .zip(trigger_hits.clone())
            .map(|(a, hits)| triggers.candidates_in(&a.text, hits).len())
            .sum::<usize>()
    });
    // extract() consumes its input: clone outside the timing.
    let mut extract_runs = Vec::new();
    let mut extractions = Vec::new();
    for _ in 0..REPS {
        let input = loaded.clone();
        let start = std::time::Instant::now();
        extractions = input.into_iter().map(|a| extractor.extract(a)).collect();
        extract_runs.push(start.elapsed());
    }
    extract_runs.sort();
    let extract_t = extract_runs.get(REPS / 2).copied().unwrap_or_default();
    // What the window adds per article on the loader's threads: its
    // events' search lines and filter index.
    let mut prepare_runs = Vec::new();
    for _ in 0..REPS {
        let input = extractions.clone();
        let start = std::time::Instant::now();
        let prepared: Vec<Prepared> = input
            .into_iter()
            .map(|x| Prepared::new(x, extractor.gazetteer()))
            .collect();
        prepare_runs.push(start.elapsed());
        black_box(&prepared);
    }
    prepare_runs.sort();
    let prepare_t = prepare_runs.get(REPS / 2).copied().unwrap_or_default();
    let (push_t, corpus) = median_of(1, || {
        let mut c = Corpus::new(&g.dir);
        for x in std::mem::take(&mut extractions) {
            c.push(x);
        }
        c
    });
    black_box(&corpus);

    let mut table = Table::new(&["stage", "ms", "µs/article", "% of extract"]);
    let pct = |d: Duration| {
        format!(
            "{:.0}",
            100.0 * d.as_secs_f64() / extract_t.as_secs_f64().max(1e-9)
        )
    };
    let mut row = |name: &str, d: Duration, share: String| {
        table.row(vec![
            name.to_string(),
            format!("{:.1}", ms(d)),
            format!("{:.0}", d.as_secs_f64() * 1e6 / n as f64),
            share,
        ]);
    };
    row("read + decode (loader::load_file)", read, String::new());
    row("NormText::new", norm_t, pct(norm_t));
    row("dates::article_date", date_t, pct(date_t));
    row(
        "phrase walk: places, triggers, people nouns",
        walk_t,
        pct(walk_t),
    );
    row(
        "Gazetteer::find_in (context rules)",
        places_t,
        pct(places_t),
    );
    row("DateFinder::find_quoting", dates_t, pct(dates_t));
    row(
        &format!("inference ({undated} undated articles, {inferred} inferred)"),
        infer_t,
        pct(infer_t),
    );
    row(
        "TriggerLexicon::candidates_in (sentences)",
        trig_t,
        pct(trig_t),
    );
    let parts = norm_t + date_t + walk_t + places_t + dates_t + infer_t + trig_t;
    row(
        "rest of extract (events, people, copies)",
        extract_t.saturating_sub(parts),
        pct(extract_t.saturating_sub(parts)),
    );
    row("Extractor::extract (all)", extract_t, pct(extract_t));
    row(
        "Prepared::new (the window's search lines and index)",
        prepare_t,
        pct(prepare_t),
    );
    row("Corpus::push (sequential merge)", push_t, String::new());
    table.print();
    let mut real = Table::new(&[
        "corpus",
        "articles",
        "KB/article",
        "events/article",
        "dates/article",
        "places/article",
        "dated articles %",
    ]);
    real.row(per_article("generated", &corpus, g.bytes));
    let seeds = crate::generator::seeds_dir();
    if let Ok(c) = Corpus::load(&seeds, &extractor) {
        let bytes = c.articles.iter().map(|a| a.text.len() as u64).sum();
        real.row(per_article("seeds/", &c, bytes));
    }
    real.print();
}

/// Per-article figures, to check the generated corpus makes extraction do
/// as much work as real articles do.
fn per_article(name: &str, c: &Corpus, bytes: u64) -> Vec<String> {
    let n = c.articles.len().max(1) as f64;
    let dated = c.articles.iter().filter(|a| a.date.is_some()).count() as f64;
    vec![
        name.to_string(),
        c.articles.len().to_string(),
        format!("{:.1}", bytes as f64 / 1e3 / n),
        format!("{:.1}", c.events.len() as f64 / n),
        format!("{:.1}", c.dates.len() as f64 / n),
        format!("{:.1}", c.places.len() as f64 / n),
        format!("{:.0}", 100.0 * dated / n),
    ]
}
