//! The headless export, run as a user would: `newsline export FOLDER`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsline"))
}

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn export_json() -> Value {
    let out = bin().arg("export").arg(seeds()).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn json_has_the_contract_fields_and_real_values() {
    let doc = export_json();
    let articles = doc["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 5);
    for key in ["id", "path", "title", "encoding", "date", "warnings"] {
        assert!(articles[0].get(key).is_some(), "article.{key}");
    }
    // Seed 001 is dated by its byline.
    let a1 = articles
        .iter()
        .find(|a| a["path"].as_str().is_some_and(|p| p.starts_with("001_")))
        .expect("001");
    assert_eq!(a1["date"]["start"], "2017-06-29");
    assert_eq!(a1["date"]["end"], "2017-06-29");
    assert_eq!(a1["date"]["grain"], "day");
    assert_eq!(a1["date"]["basis"], "explicit");
    assert!(a1["date"]["evidence"]
        .as_str()
        .unwrap()
        .contains("29/يونيو/2017"));

    let events = doc["events"].as_array().expect("events");
    assert!(events.len() >= 20);
    for key in [
        "id", "article", "kind", "trigger", "sentence", "span", "date", "places", "people",
    ] {
        assert!(events[0].get(key).is_some(), "event.{key}");
    }
    // Every event's sentence is exactly its span of the article text.
    let texts: Vec<String> = articles
        .iter()
        .map(|a| std::fs::read_to_string(seeds().join(a["path"].as_str().unwrap())).unwrap())
        .collect();
    for e in events {
        let art = e["article"].as_u64().unwrap() as usize;
        let s = e["span"][0].as_u64().unwrap() as usize;
        let t = e["span"][1].as_u64().unwrap() as usize;
        assert_eq!(texts[art].get(s..t), e["sentence"].as_str());
    }
    // «نحو مئتي عنصر بانشقاق» is a defection of 200 people.
    assert!(events.iter().any(|e| e["kind"] == "defection"
        && e["people"] == 200
        && e["sentence"].as_str().unwrap().contains("مئتي عنصر")));

    let dates = doc["dates"].as_array().expect("dates");
    for d in dates {
        let art = d["article"].as_u64().unwrap() as usize;
        let s = d["span"][0].as_u64().unwrap() as usize;
        let t = d["span"][1].as_u64().unwrap() as usize;
        assert_eq!(texts[art].get(s..t), d["text"].as_str());
    }
    let places = doc["places"].as_array().expect("places");
    assert!(places.iter().any(|p| p["place"] == "raqqa"));
    let gaz = doc["gazetteer"].as_array().expect("gazetteer");
    let raqqa = gaz
        .iter()
        .find(|p| p["id"] == "raqqa")
        .expect("raqqa listed");
    for key in ["name_en", "name_ar", "kind", "parent", "lat", "lon"] {
        assert!(raqqa.get(key).is_some(), "gazetteer.{key}");
    }
}

#[test]
fn csv_has_one_row_per_event() {
    let json = export_json();
    let n = json["events"].as_array().unwrap().len();
    let out = bin()
        .args(["export", "--format", "csv"])
        .arg(seeds())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "event_id");
    assert!(headers.iter().any(|h| h == "date_start"));
    assert_eq!(r.records().count(), n);
}

#[test]
fn output_file_is_written_and_missing_folder_fails_clearly() {
    let dir = std::env::temp_dir().join(format!("newsline-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.json");
    let st = bin()
        .arg("export")
        .arg(seeds())
        .arg("-o")
        .arg(&file)
        .status()
        .unwrap();
    assert!(st.success());
    let v: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 5);
    std::fs::remove_dir_all(&dir).unwrap();

    let out = bin().args(["export", "/no/such/folder"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a folder"));
}
