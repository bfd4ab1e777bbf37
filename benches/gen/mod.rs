//! Benchmark corpus generator: N realistic Arabic articles made by
//! recombining the sentences of `seeds/`, with their place names swapped for
//! random gazetteer names and date phrases of every form put in front of
//! some sentences. Deterministic from a seed: article `i` only depends on
//! `(seed, i)`, so corpora of different sizes share their first articles.
//!
//! Not part of the app; used by `benches/extraction.rs` and
//! `examples/gen_corpus.rs`.

pub mod dates;
pub mod rng;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use newsline::events::sentences;
use newsline::model::ByteSpan;
use newsline::places::{Gazetteer, PlaceKind};
use newsline::text::NormText;

use dates::Months;
use rng::Rng;

/// Bump when the output changes, so corpora cached under `target/` are remade.
pub const GENERATOR_VERSION: u32 = 2;
/// The marker file a finished corpus folder holds. Hidden (leading dot), so
/// the loader skips it.
pub const MARKER: &str = ".newsline-bench-corpus";

/// Sentences with fewer words are page furniture («شارك», «Related
/// Stories»), not prose worth recombining.
const MIN_WORDS: usize = 6;
/// Article body size is drawn uniformly in this range (bytes): its mean,
/// ~5 KB, is the seeds' mean, so 10,000 articles ≈ 50 MB.
const BODY_BYTES: (u64, u64) = (2_000, 8_000);
/// Bounds on sentences per article, whatever the size draw says.
const SENTENCES: (usize, usize) = (4, 40);
/// Share of sentences given a date phrase in front: with the dates the
/// seed sentences hold already, this keeps dates per article near the
/// seeds' (the bench's stages section prints both).
const DATED_SENTENCE: f64 = 0.1;
/// Share of articles with a byline date under the title (the rest are
/// dated, if at all, by the text: many saved pages lose their byline).
const BYLINE: f64 = 0.8;
/// Share of place slots filled with the article's main place: real reports
/// name one place again and again, and that is what `main_place` finds.
const MAIN_PLACE: f64 = 0.5;

/// A seed sentence and where its place names are.
struct Template {
    text: String,
    /// Byte spans of place names in `text`, sorted, non-overlapping.
    slots: Vec<ByteSpan>,
}

/// Everything articles are built from.
pub struct Pool {
    body: Vec<Template>,
    titles: Vec<Template>,
    /// Arabic names of gazetteer places (name and variants).
    place_names: Vec<String>,
    /// Names of cities and governorates, for datelines («دمشق - …»).
    cities: Vec<String>,
    months: Months,
}

/// The seeds folder of this repository.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

impl Pool {
    /// Reads every article under `seeds` (through the app's loader, so any
    /// encoding it reads works) and indexes place names with `gazetteer`.
    pub fn from_seeds(seeds: &Path, gazetteer: &Gazetteer) -> io::Result<Pool> {
        let (files, _) = newsline::loader::list_files(seeds);
        let mut body = Vec::new();
        let mut titles = Vec::new();
        for path in &files {
            let Ok(article) = newsline::loader::load_file(seeds, path) else {
                continue;
            };
            titles.push(template(article.title.trim(), gazetteer));
            for span in sentences(&article.text) {
                let s = span.slice(&article.text);
                if s.split_whitespace().count() >= MIN_WORDS {
                    body.push(template(s, gazetteer));
                }
            }
        }
        if body.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("no usable sentences under {}", seeds.display()),
            ));
        }
        let mut place_names = Vec::new();
        let mut cities = Vec::new();
        for p in gazetteer.places() {
            place_names.extend(p.names().map(str::to_string));
            if matches!(p.kind, PlaceKind::City | PlaceKind::Governorate) {
                cities.push(p.name_ar.clone());
            }
        }
        if cities.is_empty() {
            cities.push("دمشق".to_string());
        }
        Ok(Pool {
            body,
            titles,
            place_names,
            cities,
            months: Months::builtin(),
        })
    }

    /// The seeds with the built-in gazetteer.
    pub fn builtin() -> io::Result<Pool> {
        Self::from_seeds(&seeds_dir(), &Gazetteer::builtin())
    }

    pub fn sentence_count(&self) -> usize {
        self.body.len()
    }

    /// Article `index` of the corpus seeded `seed`.
    pub fn article(&self, seed: u64, index: u64) -> String {
        let mut rng = Rng::for_article(seed, index);
        // 2011-01-01 .. 2019-12-31: the years the seeds and gazetteer cover.
        let date = NaiveDate::from_ymd_opt(2011, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(rng.range(0, 3286))))
            .unwrap_or_default();
        let main = self.random_place(&mut rng);

        let mut out = String::with_capacity(BODY_BYTES.1 as usize + 512);
        if let Some(t) = rng.pick(&self.titles) {
            out.push_str(&self.fill(t, &mut rng, &main));
        }
        out.push('\n');
        if rng.chance(BYLINE) {
            let city = rng.pick(&self.cities).cloned().unwrap_or_default();
            out.push_str(&dates::byline(&mut rng, &self.months, date, &city));
            out.push('\n');
        }
        out.push('\n');

        let target = rng.range(BODY_BYTES.0, BODY_BYTES.1) as usize;
        let start = out.len();
        let mut used: Vec<usize> = Vec::new();
        while used.len() < SENTENCES.1 && (used.len() < SENTENCES.0 || out.len() - start < target) {
            // A sentence once per article, as in real ones (extraction
            // skips repeated sentences, so repeats would do less work).
            let mut i = rng.below(self.body.len());
            while used.contains(&i) && used.len() < self.body.len() {
                i = (i + 1) % self.body.len();
            }
            used.push(i);
            let Some(t) = self.body.get(i) else { break };
            let mut s = self.fill(t, &mut rng, &main);
            if rng.chance(DATED_SENTENCE) {
                s = self.dated(&mut rng, date, s);
            }
            if !s.ends_with(['.', '!', '?', '؟', '…']) {
                s.push_str(" .");
            }
            out.push_str(&s);
            // One to three sentences a paragraph, as the seeds have.
            out.push_str(if rng.chance(0.5) { "\n\n" } else { " " });
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }

    /// `t` with each place slot filled with the main or a random place.
    fn fill(&self, t: &Template, rng: &mut Rng, main: &str) -> String {
        let mut out = String::with_capacity(t.text.len() + 32);
        let mut at = 0;
        for slot in &t.slots {
            out.push_str(t.text.get(at..slot.start).unwrap_or(""));
            if rng.chance(MAIN_PLACE) {
                out.push_str(main);
            } else {
                out.push_str(&self.random_place(rng));
            }
            at = slot.end;
        }
        out.push_str(t.text.get(at..).unwrap_or(""));
        out
    }

    fn random_place(&self, rng: &mut Rng) -> String {
        rng.pick(&self.place_names).cloned().unwrap_or_default()
    }

    /// `sentence` with a date phrase in front: a day near the article's date
    /// mostly, an older one sometimes (background paragraphs).
    fn dated(&self, rng: &mut Rng, article: NaiveDate, sentence: String) -> String {
        let back = if rng.chance(0.8) {
            rng.range(0, 30)
        } else {
            rng.range(30, 1200)
        };
        let day = article
            .checked_sub_days(chrono::Days::new(back))
            .unwrap_or(article);
        let phrase = dates::phrase(rng, &self.months, day);
        // Relative phrases («أمس») and «بين/من …» ranges read without «في».
        let bare = phrase.starts_with(['ا', 'أ', 'ب', 'م']) || phrase.contains("الماضي");
        let lead = if bare {
            "و"
        } else {
            rng.pick(&["في ", "وفي ", "يوم ", "بتاريخ ", "خلال "])
                .copied()
                .unwrap_or("في ")
        };
        format!("{lead}{phrase}، {sentence}")
    }
}

fn template(text: &str, gazetteer: &Gazetteer) -> Template {
    let mut slots: Vec<ByteSpan> = gazetteer
        .find(&NormText::new(text))
        .into_iter()
        .map(|h| h.span)
        .filter(|s| text.get(s.start..s.end).is_some())
        .collect();
    slots.sort();
    slots.dedup_by(|b, a| b.start < a.end);
    Template {
        text: text.to_string(),
        slots,
    }
}

/// A generated corpus on disk.
pub struct Generated {
    pub dir: PathBuf,
    pub files: usize,
    pub bytes: u64,
    /// Found complete from an earlier run rather than written now.
    pub reused: bool,
}

/// The path of article `i`: 1,000 files a folder, as large archives are
/// usually split, and as the loader's recursive walk must handle.
pub fn article_path(dir: &Path, i: usize) -> PathBuf {
    dir.join(format!("{:03}", i / 1000))
        .join(format!("{i:06}.txt"))
}

fn marker_text(n: usize, seed: u64) -> String {
    format!("newsline bench corpus v{GENERATOR_VERSION} n={n} seed={seed} bytes=")
}

/// The byte count a finished corpus folder's marker records, if the folder
/// holds `n` articles of `seed` by this generator version.
fn finished(dir: &Path, n: usize, seed: u64) -> Option<u64> {
    fs::read_to_string(dir.join(MARKER))
        .ok()?
        .strip_prefix(&marker_text(n, seed))?
        .trim()
        .parse()
        .ok()
}

/// `n` articles of seed `seed` under `dir`, in the subfolder
/// `v<version>-s<seed>` (returned as [`Generated::dir`]): reused when
/// complete, else written in parallel on the current rayon pool.
///
/// Safe with several bench runs at once, whatever their seeds: each
/// version and seed has its own folder, and a corpus is written under a
/// temporary name and renamed into place when complete, so no run ever
/// loads a folder another is writing or deleting.
pub fn ensure(pool: &Pool, dir: &Path, n: usize, seed: u64) -> io::Result<Generated> {
    let target = dir.join(format!("v{GENERATOR_VERSION}-s{seed}"));
    let done = |bytes, reused| Generated {
        dir: target.clone(),
        files: n,
        bytes,
        reused,
    };
    if let Some(bytes) = finished(&target, n, seed) {
        return Ok(done(bytes, true));
    }
    let tmp = dir.join(format!(
        ".v{GENERATOR_VERSION}-s{seed}.tmp-{}",
        std::process::id()
    ));
    if tmp.exists() {
        fs::remove_dir_all(&tmp)?;
    }
    for shard in 0..n.div_ceil(1000).max(1) {
        fs::create_dir_all(tmp.join(format!("{shard:03}")))?;
    }
    let bytes: u64 = (0..n)
        .into_par_iter()
        .map(|i| {
            let text = pool.article(seed, i as u64);
            fs::write(article_path(&tmp, i), &text)?;
            Ok(text.len() as u64)
        })
        .sum::<io::Result<u64>>()?;
    fs::write(
        tmp.join(MARKER),
        format!("{}{bytes}\n", marker_text(n, seed)),
    )?;
    // An incomplete or outdated folder (no or another marker) is moved
    // aside first: renaming onto a non-empty folder fails.
    if target.exists() && finished(&target, n, seed).is_none() {
        let stale = dir.join(format!(".stale-{}", std::process::id()));
        if fs::rename(&target, &stale).is_ok() {
            fs::remove_dir_all(&stale)?;
        }
    }
    match fs::rename(&tmp, &target) {
        Ok(()) => Ok(done(bytes, false)),
        // Another run finished the same corpus first: use theirs.
        Err(_) if finished(&target, n, seed).is_some() => {
            fs::remove_dir_all(&tmp)?;
            Ok(done(bytes, false))
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsline::corpus::Extractor;
    use newsline::loader::LoadedArticle;

    fn loaded(path: &str, text: String) -> LoadedArticle {
        LoadedArticle {
            path: path.to_string(),
            title: text.lines().next().unwrap_or_default().to_string(),
            encoding: "UTF-8".to_string(),
            bytes: text.len() as u64,
            text,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn articles_are_deterministic_and_varied() {
        let pool = Pool::builtin().expect("seeds");
        assert!(pool.sentence_count() > 50, "{}", pool.sentence_count());
        assert_eq!(pool.article(42, 7), pool.article(42, 7));
        assert_ne!(pool.article(42, 7), pool.article(42, 8));
        assert_ne!(pool.article(42, 7), pool.article(43, 7));
    }

    /// The corpus must make extraction do the work real news makes it do:
    /// per article, several events, dates and places, and mostly a date.
    #[test]
    fn articles_give_events_dates_and_places_like_seeds() {
        let pool = Pool::builtin().expect("seeds");
        let ex = Extractor::builtin();
        let n = 200;
        let (mut bytes, mut events, mut dates, mut places, mut dated, mut placed) =
            (0, 0, 0, 0, 0, 0);
        for i in 0..n {
            let text = pool.article(1, i);
            bytes += text.len();
            let x = ex.extract(loaded(&format!("{i}.txt"), text));
            events += x.events.len();
            dates += x.dates.len();
            places += x.places.len();
            dated += usize::from(x.article.date.is_some());
            placed += usize::from(x.article.main_place.is_some());
        }
        let n = n as usize;
        let mean = bytes / n;
        assert!((3_500..=7_000).contains(&mean), "mean article {mean} bytes");
        assert!(events / n >= 5, "events/article {}", events / n);
        assert!(dates / n >= 2, "dates/article {}", dates / n);
        assert!(places / n >= 8, "places/article {}", places / n);
        // Bylines are on 80% of articles; not every form is a byline the
        // parser accepts, but most must be.
        assert!(dated * 100 / n >= 60, "dated {dated}/{n}");
        assert!(placed * 100 / n >= 95, "with main place {placed}/{n}");
    }

    #[test]
    fn every_date_form_is_found_in_context() {
        let months = Months::builtin();
        let finder = newsline::dates::DateFinder::new();
        let anchor = NaiveDate::from_ymd_opt(2016, 5, 20);
        let day = NaiveDate::from_ymd_opt(2016, 5, 12).expect("date");
        let mut rng = Rng::for_article(9, 9);
        let (mut found, total) = (0, 500);
        let mut missed = Vec::new();
        for _ in 0..total {
            let phrase = dates::phrase(&mut rng, &months, day);
            let text = format!("وقال المصدر إنه في {phrase} قتل عشرة أشخاص.");
            if finder.find_in(&text, anchor).hits.is_empty() {
                missed.push(phrase);
            } else {
                found += 1;
            }
        }
        // «في» before a relative phrase («في أمس») is not how those are
        // written, so a few may be missed; all others must parse.
        assert!(found * 100 / total >= 90, "missed: {missed:?}");
    }

    #[test]
    fn corpus_is_written_once_and_reused() {
        let pool = Pool::builtin().expect("seeds");
        let dir = std::env::temp_dir().join(format!("newsline-gen-test-{}", std::process::id()));
        let first = ensure(&pool, &dir, 1_203, 5).expect("write");
        assert!(!first.reused);
        assert!(first.dir.starts_with(&dir));
        assert!(article_path(&first.dir, 1_202).is_file());
        assert!(first.dir.join("001").is_dir());
        let again = ensure(&pool, &dir, 1_203, 5).expect("reuse");
        assert!(again.reused);
        assert_eq!((again.bytes, &again.dir), (first.bytes, &first.dir));
        // Another size in the same folder replaces it; another seed sits beside it.
        let other_seed = ensure(&pool, &dir, 10, 6).expect("other seed");
        assert_ne!(other_seed.dir, first.dir);
        assert!(ensure(&pool, &dir, 1_203, 5).expect("kept").reused);
        let remade = ensure(&pool, &dir, 10, 5).expect("remake");
        assert!(!remade.reused);
        assert!(!article_path(&remade.dir, 10).exists());
        // No temporary or stale folders are left behind.
        let hidden = fs::read_dir(&dir)
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .count();
        assert_eq!(hidden, 0);
        let corpus = newsline::corpus::Corpus::load(&remade.dir, &Extractor::builtin())
            .expect("load corpus");
        assert_eq!(corpus.articles.len(), 10);
        let _ = fs::remove_dir_all(&dir);
    }
}
