//! The gazetteer and place matching: hits and non-hits, clitics, variants,
//! hierarchy, user files, malformed files, and the seed articles.

use std::sync::OnceLock;

use newsline::model::PlaceId;
use newsline::places::{Gazetteer, GazetteerError, PlaceKind};
use newsline::text::NormText;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::builtin)
}

fn id(s: &str) -> PlaceId {
    PlaceId(s.into())
}

/// (place id, exact original text of the span) for every hit in `s`.
fn hits_in(g: &Gazetteer, s: &str) -> Vec<(String, String)> {
    g.find(&NormText::new(s))
        .into_iter()
        .map(|h| (h.place.to_string(), h.span.slice(s).to_string()))
        .collect()
}

fn hits(s: &str) -> Vec<(String, String)> {
    hits_in(gaz(), s)
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn finds_places_with_their_exact_words() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("وصل المقاتلون إلى الرقة أمس", &[("raqqa", "الرقة")]),
        (
            "اشتباكات في ريف دير الزور الشرقي",
            &[("deir-ez-zor-countryside-east", "ريف دير الزور الشرقي")],
        ),
        (
            "في ريف دير الزور",
            &[("deir-ez-zor-countryside", "ريف دير الزور")],
        ),
        ("قرب دير الزور", &[("deir-ez-zor", "دير الزور")]),
        (
            "وفي مطار ديرالزور العسكري",
            &[("deir-ez-zor-airport", "مطار ديرالزور العسكري")],
        ),
        (
            "غادر محافظة الرقة",
            &[("raqqa-governorate", "محافظة الرقة")],
        ),
        (
            "في حي رميلة بالرقة",
            &[("hay-rumaila", "حي رميلة"), ("raqqa", "الرقة")],
        ),
        (
            "الخسائر في الموصل، وريف حلب الشرقي",
            &[
                ("mosul", "الموصل"),
                ("aleppo-countryside-east", "ريف حلب الشرقي"),
            ],
        ),
        ("الفرار إلى تركيا", &[("turkey", "تركيا")]),
        (
            "بدعم من الولايات المتحدة وروسيا",
            &[("usa", "الولايات المتحدة"), ("russia", "روسيا")],
        ),
        ("بقيادة واشنطن", &[("washington", "واشنطن")]),
        (
            "تحرير قرية (كسرة عفان) جنوب الرقة",
            &[("kasrat-afnan", "كسرة عفان"), ("raqqa", "الرقة")],
        ),
        (
            "في بلدة نوبل قرب حلب",
            &[("nubl", "نوبل"), ("aleppo", "حلب")],
        ),
        (
            "عادوا إلى بريطانيا وفرنسا",
            &[("uk", "بريطانيا"), ("france", "فرنسا")],
        ),
        (
            "من اللاذقية إلى إدلب",
            &[("latakia", "اللاذقية"), ("idlib", "إدلب")],
        ),
        ("قوافل البوكمال", &[("abu-kamal", "البوكمال")]),
    ];
    for (text, want) in cases {
        assert_eq!(hits(text), pairs(want), "in «{text}»");
    }
}

#[test]
fn clitics_are_not_part_of_the_span() {
    let cases: &[(&str, &str, &str)] = &[
        ("وبالرقة اشتباكات", "raqqa", "الرقة"),
        ("عاد للرقة", "raqqa", "لرقة"),
        ("قصف بالموصل", "mosul", "الموصل"),
        ("ولسوريا", "syria", "سوريا"),
        ("فبتركيا", "turkey", "تركيا"),
    ];
    for (text, place, span) in cases {
        assert_eq!(hits(text), pairs(&[(place, span)]), "in «{text}»");
    }
}

#[test]
fn spelling_variants_name_the_same_place() {
    let groups: &[(&str, &[&str])] = &[
        ("syria", &["سوريا", "سورية", "سوريّة"]),
        ("kobani", &["عين العرب", "كوباني", "عين عرب"]),
        ("deir-ez-zor", &["دير الزور", "ديرالزور", "دير الزّور"]),
        ("raqqa", &["الرقة", "الرقه", "الرّقة"]),
        ("usa", &["أمريكا", "أميركا", "الولايات المتحدة الأمريكية"]),
        ("jordan", &["الأردن", "الاردن"]),
    ];
    for (place, names) in groups {
        for name in *names {
            let text = format!("وصلوا إلى {name} أمس");
            assert_eq!(hits(&text), pairs(&[(place, name)]), "in «{text}»");
        }
    }
}

#[test]
fn ambiguous_names_in_place_context_are_hits() {
    // Real sentences from the seed articles, and general patterns.
    let cases: &[(&str, &str, &str)] = &[
        ("وخصوصاً في مدينة الميادين، مرجعاً", "al-mayadin", "الميادين"),
        (
            "الذين خرجوا من الميادين، خلال الأسبوع الماضي",
            "al-mayadin",
            "الميادين",
        ),
        (
            "أعادت التمركز في الميادين بجنوب شرق سوريا",
            "al-mayadin",
            "الميادين",
        ),
        ("إقرأ ايضا: #تدمر وسرّ سقوطها السريع", "palmyra", "تدمر"),
        ("اختراق اعين الممانعة والعودة الى تدمر؟", "palmyra", "تدمر"),
        (
            "إضافة إلى محافظة تدمر في البادية السورية",
            "palmyra",
            "تدمر",
        ),
        ("معارك عنيفة بتدمر", "palmyra", "تدمر"),
        ("سيطر على تدمر الأثرية", "palmyra", "تدمر"),
        ("بين الرقة وتدمر", "palmyra", "تدمر"),
        ("دخلت القوات مدينة الباب", "al-bab", "الباب"),
        ("إلى جبهات عياش والمطار العسكري", "ayyash", "عياش"),
        ("القتال شرق الفرات", "euphrates-river", "الفرات"),
        ("على ضفاف نهر الفرات", "euphrates-river", "نهر الفرات"),
    ];
    for (text, place, span) in cases {
        let found = hits(text);
        assert!(
            found.contains(&(place.to_string(), span.to_string())),
            "«{span}» ({place}) not found in «{text}»: {found:?}"
        );
    }
}

#[test]
fn common_words_and_other_names_are_not_hits() {
    let cases: &[&str] = &[
        "الطائرات تدمر المنازل",               // verb «destroys»
        "التي تدمر البنية التحتية",            // verb
        "لتدمر المدينة بالكامل",               // «in order to destroy»
        "تجمعوا في الميادين العامة",           // «the public squares»
        "فتح الباب أمام المفاوضات",            // «the door»
        "حصل على جائزة نوبل للسلام",            // the prize
        "محاولا كسب ودّهم",                      // «gaining», not Kassab
        "انشق 25 مقاتلاً سورياً",                 // adjective with tanween
        "قال مجاهد الشامي",                    // surname, not الشام
        "العقيد حيدر حيدر",                    // a person
        "وصلت حلبة السباق",                    // حلب inside a longer word
        "قوات غضب الفرات",                     // an operation's name
        "تقدمت قوات سوريا الديمقراطية",        // an organisation's name
        "الدولة الإسلامية في العراق والشام",     // an organisation's name
        "القوات التركية والمقاتلون السعوديون", // adjectives
        "عاد إلى الرقاوي",                     // nisba, not الرقة
    ];
    for text in cases {
        assert_eq!(hits(text), Vec::<(String, String)>::new(), "in «{text}»");
    }
}

#[test]
fn plural_governorate_noun_raises_capitals_to_governorates() {
    assert_eq!(
        hits("هربوا إلى مناطق سيطرة الجيش الحر في محافظتي إدلب وحلب"),
        pairs(&[("idlib-governorate", "إدلب"), ("aleppo-governorate", "حلب")])
    );
    // Without the plural noun the bare names are the cities.
    assert_eq!(
        hits("بين إدلب وحلب"),
        pairs(&[("idlib", "إدلب"), ("aleppo", "حلب")])
    );
}

#[test]
fn hierarchy() {
    let g = gaz();
    assert!(g.is_within(&id("raqqa"), &id("syria")));
    assert!(g.is_within(&id("raqqa"), &id("raqqa")));
    assert!(!g.is_within(&id("raqqa"), &id("iraq")));
    assert!(g.is_within(&id("mosul"), &id("iraq")));
    let chain: Vec<&str> = g
        .ancestors(&id("raqqa"))
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(chain, ["raqqa", "raqqa-governorate", "syria"]);
    let chain: Vec<&str> = g
        .ancestors(&id("hay-rumaila"))
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        chain,
        ["hay-rumaila", "raqqa", "raqqa-governorate", "syria"]
    );
    assert!(g.ancestors(&id("no-such-place")).is_empty());
    let kids: Vec<&str> = g
        .children(&id("raqqa"))
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert!(
        kids.contains(&"hay-rumaila") && kids.contains(&"hay-idkhar"),
        "{kids:?}"
    );
    assert_eq!(
        g.country_of(&id("al-mayadin")).map(|p| p.id.as_str()),
        Some("syria")
    );
}

#[test]
fn builtin_data_covers_what_the_project_needs() {
    let g = gaz();
    // Every governorate of Syria (14) and Iraq (18 + Halabja).
    let govs = |country: &str| {
        g.places()
            .iter()
            .filter(|p| p.kind == PlaceKind::Governorate && p.parent == Some(id(country)))
            .count()
    };
    assert_eq!(govs("syria"), 14);
    assert_eq!(govs("iraq"), 19);
    // Every city/town sits under a known place, and that chain ends at a country.
    for p in g.places() {
        if let Some(parent) = &p.parent {
            assert!(g.get(parent).is_some(), "{}: unknown parent {parent}", p.id);
        }
        if matches!(
            p.kind,
            PlaceKind::City | PlaceKind::Town | PlaceKind::Governorate
        ) {
            assert!(g.country_of(&p.id).is_some(), "{} has no country", p.id);
        }
    }
    let raqqa = g
        .get(&id("raqqa"))
        .map(|p| (p.kind, p.lat.is_some(), p.lon.is_some()));
    assert_eq!(raqqa, Some((PlaceKind::City, true, true)));
    let hay = g.get(&id("hay-rumaila")).map(|p| p.kind);
    assert_eq!(hay, Some(PlaceKind::Neighbourhood));
    assert_eq!(
        g.lookup("ديرالزور").map(|p| p.id.as_str()),
        Some("deir-ez-zor")
    );
    assert_eq!(g.lookup("كوباني").map(|p| p.id.as_str()), Some("kobani"));
}

const HEADER: &str =
    "id\tname_en\tname_ar\tvariants\tkind\tparent\tlat\tlon\tgeonameid\tambiguous\tsource\n";

#[test]
fn a_user_file_adds_places_and_variants() {
    let mut g = Gazetteer::builtin();
    let before = g.len();
    let extra = format!(
        "{HEADER}\
         hay-mashlab-user\tAl-Mashlab\tحي المشلب الجديد\t\tneighbourhood\traqqa\t\t\t\t\tme\n\
         raqqa\t\t\tالرقة الأبية\t\t\t\t\t\t\t\n\
         # a comment line\n\
         my-village\tMy Village\tقرية الاختبار\tالاختبار\tvillage\tdeir-ez-zor-governorate\t35.1\t40.2\t\tword\tme\n"
    );
    g.extend_from_tsv(&extra).expect("valid extra file");
    assert_eq!(g.len(), before + 2);
    assert_eq!(
        hits_in(&g, "في حي المشلب الجديد وفي الرقة الأبية"),
        pairs(&[
            ("hay-mashlab-user", "حي المشلب الجديد"),
            ("raqqa", "الرقة الأبية")
        ])
    );
    assert!(g.is_within(&id("hay-mashlab-user"), &id("syria")));
    let v = g.get(&id("my-village")).map(|p| (p.lat, p.lon, p.kind));
    assert_eq!(v, Some((Some(35.1), Some(40.2), PlaceKind::Village)));
    // Its `ambiguous` flag applies: the bare word needs place context.
    assert_eq!(
        hits_in(&g, "في الاختبار"),
        pairs(&[("my-village", "الاختبار")])
    );
    assert!(hits_in(&g, "نجح الاختبار الأول").is_empty());
    // A user's name takes over a built-in one.
    let takeover = format!("{HEADER}my-raqqa\tMine\tالرقة\t\tcity\t\t\t\t\t\t\n");
    g.extend_from_tsv(&takeover).expect("valid");
    assert_eq!(hits_in(&g, "في الرقة"), pairs(&[("my-raqqa", "الرقة")]));
}

#[test]
fn malformed_files_are_errors_not_panics() {
    let bad: &[(&str, String)] = &[
        ("no id column", "name\tkind\nx\tcity\n".to_string()),
        (
            "unknown kind",
            format!("{HEADER}x\tX\tاكس\t\tplanet\t\t\t\t\t\t\n"),
        ),
        (
            "bad latitude",
            format!("{HEADER}x\tX\tاكس\t\tcity\t\tnorth\t\t\t\t\n"),
        ),
        (
            "latitude out of range",
            format!("{HEADER}x\tX\tاكس\t\tcity\t\t95\t10\t\t\t\n"),
        ),
        ("missing fields", format!("{HEADER}x\tX\tاكس\n")),
        ("no kind", format!("{HEADER}x\tX\tاكس\t\t\t\t\t\t\t\t\n")),
        (
            "no Arabic name",
            format!("{HEADER}x\tX\t\t\tcity\t\t\t\t\t\t\n"),
        ),
        (
            "non-ASCII id",
            format!("{HEADER}رقة\tX\tاكس\t\tcity\t\t\t\t\t\t\n"),
        ),
        (
            "duplicate id",
            format!("{HEADER}x\tX\tاكس\t\tcity\t\t\t\t\t\t\nx\tX\tاكس\t\tcity\t\t\t\t\t\t\n"),
        ),
        (
            "unknown parent",
            format!("{HEADER}x\tX\tاكس\t\tcity\tnowhere\t\t\t\t\t\n"),
        ),
        (
            "parent cycle",
            format!("{HEADER}a\tA\tالف\t\tcity\tb\t\t\t\t\t\nb\tB\tباء\t\tcity\ta\t\t\t\t\t\n"),
        ),
    ];
    for (what, tsv) in bad {
        assert!(Gazetteer::from_tsv(tsv).is_err(), "{what} accepted");
    }
    assert!(matches!(
        Gazetteer::from_tsv(&format!("{HEADER}x\tX\tاكس\t\tcity\tnowhere\t\t\t\t\t\n")),
        Err(GazetteerError::UnknownParent { .. })
    ));
    assert!(matches!(
        Gazetteer::from_tsv(&format!("{HEADER}a\tA\tالف\t\tcity\ta\t\t\t\t\t\n")),
        Err(GazetteerError::ParentCycle { .. })
    ));
    // A failed extension leaves the gazetteer as it was.
    let mut g = Gazetteer::builtin();
    let before = g.len();
    let broken = format!("{HEADER}new-one\tN\tجديد\t\tcity\t\t\t\t\t\t\nx\tX\n");
    assert!(g.extend_from_tsv(&broken).is_err());
    assert_eq!(g.len(), before);
    assert!(g.get(&id("new-one")).is_none());
}

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let entries = std::fs::read_dir(dir).expect("seeds/ folder");
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with(prefix) {
            return std::fs::read_to_string(e.path()).expect("readable seed");
        }
    }
    panic!("no seed {prefix}");
}

#[test]
fn seeds_name_their_places() {
    // (seed, places that must be found in it, with their text).
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "000_",
            &[
                ("raqqa", "الرقة"),
                ("kobani", "كوباني"),
                ("kobani", "عين العرب"),
                ("turkey", "تركيا"),
                ("latakia-countryside", "ريف اللاذقية"),
                ("deir-ez-zor-airport", "مطار ديرالزور العسكري"),
                ("hay-rumaila", "حي رميلة"),
                ("hay-idkhar", "حي الأدخار"),
            ],
        ),
        (
            "001_",
            &[
                ("raqqa", "الرقة"),
                ("mosul", "الموصل"),
                ("iraq", "العراق"),
                ("syria", "سوريا"),
                ("turkey", "تركيا"),
                ("deir-ez-zor-governorate", "محافظة دير الزور"),
                ("al-mayadin", "الميادين"),
                ("kasrat-afnan", "كسرة عفان"),
                ("washington", "واشنطن"),
            ],
        ),
        (
            "002_",
            &[
                ("raqqa", "الرقة"),
                ("mosul", "الموصل"),
                ("palmyra", "تدمر"),
                ("aleppo-countryside-east", "ريف حلب الشرقي"),
            ],
        ),
        (
            "003_",
            &[
                ("syria", "سورية"),
                ("deir-ez-zor", "دير الزور"),
                ("deir-ez-zor-countryside-east", "ريف دير الزور الشرقي"),
                ("idlib-governorate", "إدلب"),
                ("al-mayadin", "الميادين"),
            ],
        ),
        (
            "004_",
            &[
                ("raqqa-governorate", "محافظة الرقة"),
                ("iraq", "العراق"),
                ("deir-ez-zor", "دير الزور"),
                ("abu-kamal", "البوكمال"),
                ("nubl", "نوبل"),
                ("aleppo", "حلب"),
                ("damascus", "دمشق"),
            ],
        ),
    ];
    for (prefix, want) in cases {
        let found = hits(&seed(prefix));
        for (place, text) in *want {
            assert!(
                found.contains(&(place.to_string(), text.to_string())),
                "seed {prefix}: «{text}» ({place}) not found"
            );
        }
    }
    // Latakia is named only as its countryside, which lies in its governorate.
    assert!(gaz().is_within(&id("latakia-countryside"), &id("latakia-governorate")));
}

#[test]
fn seeds_have_no_known_false_hits() {
    let all: Vec<(String, String)> = ["000_", "001_", "002_", "003_", "004_"]
        .iter()
        .flat_map(|p| hits(&seed(p)))
        .collect();
    for (place, text) in &all {
        // «سورياً» (adjective), «كسب ودّهم» (gaining), «غضب الفرات»
        // (operation), «الشامي» (surname), «حيدر» (a colonel's name).
        assert!(
            !matches!(
                place.as_str(),
                "kassab" | "euphrates-river" | "levant-bilad-al-sham"
            ),
            "false hit {place} «{text}»"
        );
        assert_ne!(text, "سورياً");
    }
    // The seeds' «حي رميلة» resolves to a neighbourhood inside Raqqa and Syria.
    let g = gaz();
    let rumaila = all
        .iter()
        .find(|(_, t)| t == "حي رميلة")
        .map(|(p, _)| id(p))
        .expect("حي رميلة found");
    assert_eq!(
        g.get(&rumaila).map(|p| p.kind),
        Some(PlaceKind::Neighbourhood)
    );
    assert!(g.is_within(&rumaila, &id("raqqa")) && g.is_within(&rumaila, &id("syria")));
}
