//! The real app, driven by its AccessKit labels (no window needed).

use std::path::PathBuf;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

use newsline::app::{NewslineApp, Options};
use newsline::corpus::{Corpus, Extractor};
use newsline::model::PlaceId;
use newsline::places::Gazetteer;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The app on `seeds/`, stepped until the background load has finished.
fn loaded_app() -> Harness<'static, NewslineApp> {
    let harness = app_on(seeds());
    assert!(
        !harness.state().is_loading(),
        "seeds did not finish loading"
    );
    harness
}

fn expected() -> Corpus {
    Corpus::load(&seeds(), &Extractor::builtin()).expect("seeds load")
}

fn count_label(total: usize, shown: usize) -> String {
    format!("{shown} of {total} events")
}

#[test]
fn seeds_load_and_list_every_event() {
    let want = expected();
    assert!(
        want.events.len() >= 20,
        "seeds give {} events",
        want.events.len()
    );
    let harness = loaded_app();
    let app = harness.state();
    assert_eq!(app.view.corpus.articles.len(), 5);
    assert_eq!(app.view.corpus.events.len(), want.events.len());
    assert_eq!(app.filtered.len(), want.events.len());
    harness.get_by_label(&count_label(want.events.len(), want.events.len()));
}

#[test]
fn choosing_raqqa_shrinks_the_list_to_its_events() {
    let want = expected();
    let g = Gazetteer::builtin();
    let raqqa = PlaceId("raqqa".into());
    let n_raqqa = want
        .events
        .iter()
        .filter(|e| e.places.iter().any(|p| g.is_within(p, &raqqa)))
        .count();
    assert!(n_raqqa > 0 && n_raqqa < want.events.len());
    let mut harness = loaded_app();
    harness.get_by_role_and_label(Role::Button, "Raqqa").click();
    harness.run_steps(3);
    assert_eq!(harness.state().filters.place, Some(raqqa));
    harness.get_by_label(&count_label(want.events.len(), n_raqqa));
    // Syria includes Raqqa: at least as many.
    harness.get_by_role_and_label(Role::Button, "Syria").click();
    harness.run_steps(3);
    assert!(harness.state().filtered.len() >= n_raqqa);
}

#[test]
fn clicking_an_event_shows_its_sentence_in_the_source_panel() {
    let mut harness = loaded_app();
    let id = harness.state().filtered[0];
    let c = &harness.state().view.corpus;
    let sentence = c.sentence(&c.events[id]).to_string();
    let words: String = sentence
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    harness
        .get_all_by_label_contains(&words)
        .next()
        .expect("row shown")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().selected, Some(id));
    // The source panel shows the paragraph holding the sentence.
    let shown = harness.query_all_by_label_contains(&sentence).count();
    assert!(shown >= 1, "sentence not shown in the source panel");
}

#[test]
fn search_filters_after_normalisation_and_escape_restores() {
    let want = expected();
    let n_exec = want
        .events
        .iter()
        .filter(|e| newsline::text::normalize(want.sentence(e)).contains("اعدام"))
        .count();
    assert!(n_exec > 0);
    let mut harness = loaded_app();
    harness.get_by_label("Search").click();
    harness.run_steps(1);
    // Typed without hamza: still finds «إعدام».
    harness.get_by_label("Search").type_text("اعدام");
    harness.run_steps(3);
    assert_eq!(harness.state().filters.text, "اعدام");
    let shown = harness.state().filtered.len();
    assert!(shown >= n_exec && shown < want.events.len(), "{shown}");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert!(harness.state().filters.text.is_empty());
    harness.get_by_label(&count_label(want.events.len(), want.events.len()));
}

#[test]
fn arrow_keys_move_the_selection() {
    let mut harness = loaded_app();
    let first = harness.state().filtered[0];
    let second = harness.state().filtered[1];
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(2);
    assert_eq!(harness.state().selected, Some(first));
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(2);
    assert_eq!(harness.state().selected, Some(second));
    harness.key_press(egui::Key::ArrowUp);
    harness.run_steps(2);
    assert_eq!(harness.state().selected, Some(first));
}

/// A copy of the seeds in a fresh folder, so corrections can be saved there.
fn seeds_copy(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsline-ui-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in std::fs::read_dir(seeds()).unwrap().flatten() {
        std::fs::copy(f.path(), dir.join(f.file_name())).unwrap();
    }
    dir
}

fn app_on(folder: PathBuf) -> Harness<'static, NewslineApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1400.0))
        .build_eframe(move |cc| {
            NewslineApp::new(
                cc,
                Options {
                    folder: Some(folder.clone()),
                    screenshot: None,
                    gazetteer: Gazetteer::builtin(),
                },
            )
        });
    for _ in 0..2000 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run_steps(4);
    harness
}

#[test]
fn hiding_an_event_is_saved_survives_a_restart_and_undoes() {
    let dir = seeds_copy("hide");
    let total = expected().events.len();
    let mut harness = app_on(dir.clone());
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(2);
    let hidden_id = harness.state().selected.expect("selected");
    harness.get_by_label("Correct").click();
    harness.run_steps(2);
    harness.get_by_label("Hide this event").click();
    harness.run_steps(3);
    assert!(harness.state().view.corpus.events[hidden_id].hidden);
    harness.get_by_label(&count_label(total, total - 1));
    // Saved atomically beside the articles; the articles themselves untouched.
    let state = dir.join(".newsline").join("annotations.json");
    let saved = std::fs::read_to_string(&state).expect("state file written");
    assert!(saved.contains("\"hidden\": true"), "{saved}");
    drop(harness);

    // A restart applies the stored correction.
    let mut harness = app_on(dir.clone());
    assert!(harness.state().view.corpus.events[hidden_id].hidden);
    harness.get_by_label(&count_label(total, total - 1));
    // Undo is for this session's edits: hide another, undo it.
    harness.state_mut().selected = Some(harness.state().filtered[0]);
    harness.run_steps(2);
    harness.get_by_label("Correct").click();
    harness.run_steps(2);
    harness.get_by_label("Hide this event").click();
    harness.run_steps(3);
    harness.get_by_label(&count_label(total, total - 2));
    harness.get_by_label("Undo (Ctrl+Z)").click();
    harness.run_steps(3);
    harness.get_by_label(&count_label(total, total - 1));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_added_while_open_is_picked_up_and_the_selection_kept() {
    let dir = seeds_copy("watch");
    let mut harness = app_on(dir.clone());
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(2);
    let before = harness.state().selected.expect("selected");
    let c = &harness.state().view.corpus;
    let sentence = c.sentence(&c.events[before]).to_string();
    std::fs::write(
        dir.join("005_new.txt"),
        "انشقاق جديد\n\nانشق عشرون عنصرا عن التنظيم في مدينة الموصل يوم 3 آذار 2017.\n",
    )
    .unwrap();
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < until && harness.state().view.corpus.articles.len() < 6 {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    let app = harness.state();
    assert_eq!(
        app.view.corpus.articles.len(),
        6,
        "new article not picked up"
    );
    let new = app
        .view
        .corpus
        .events
        .iter()
        .find(|e| app.view.corpus.sentence(e).contains("عشرون عنصرا"))
        .expect("its event");
    assert_eq!(new.people, Some(20));
    assert_eq!(
        new.date.as_ref().map(|d| d.start.to_string()),
        Some("2017-03-03".into())
    );
    let kept = app.selected.expect("selection kept");
    assert_eq!(
        app.view.corpus.sentence(&app.view.corpus.events[kept]),
        sentence
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A folder large enough to arrive in several batches, its first articles
/// from 2012 and its last from 2020: once it is in, the timeline shows all
/// of it, not just what had arrived by the first frame.
#[test]
fn the_timeline_fits_the_whole_folder_once_it_has_loaded() {
    let dir = std::env::temp_dir().join(format!("newsline-ui-fit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..600 {
        let year = if i < 300 { 2012 } else { 2020 };
        let text = format!(
            "خبر {i}\n\nقتل {} عنصرا من التنظيم في مدينة الرقة يوم 3 آذار {year}.\n",
            i + 2
        );
        std::fs::write(dir.join(format!("{i:04}.txt")), text).unwrap();
    }
    let harness = app_on(dir.clone());
    let app = harness.state();
    assert!(!app.is_loading());
    assert_eq!(app.view.corpus.events.len(), 600);
    let days = |y| {
        let d = chrono::NaiveDate::from_ymd_opt(y, 3, 3).unwrap();
        (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as f64
    };
    let (lo, hi) = app.timeline.visible_x().expect("timeline drawn");
    assert!(
        lo < days(2012) && hi > days(2020) + 1.0,
        "timeline shows {lo}..{hi}, not 2012 to 2020"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
