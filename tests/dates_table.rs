//! Table of Arabic date phrases: each row is a short sentence, the article
//! date (or none) and what must be found.
//!
//! Expected value syntax: `START[..END] GRAIN BASIS «WORDS»`, where WORDS is
//! the exact original text the hit must span; `none` = no date at all (and
//! nothing unresolved); `unresolved «WORDS»` = no date, one relative phrase
//! kept for later resolution.

use chrono::NaiveDate;
use newsline::dates::DateFinder;
use newsline::model::{DateBasis, Grain};

/// Thursday 29 June 2017, the date of seed 001.
const A: Option<&str> = Some("2017-06-29");
const NO: Option<&str> = None;

#[rustfmt::skip]
const CASES: &[(&str, &str, Option<&str>, &str)] = &[
    // ---- numeric dates ----
    ("numeric d/m/y", "وقع الهجوم في 29/6/2017 صباحا", A, "2017-06-29 day explicit «29/6/2017»"),
    ("numeric d-m-y", "في 29-6-2017 سقطت القذائف", A, "2017-06-29 day explicit «29-6-2017»"),
    ("numeric ISO", "بتاريخ 2017-06-29 أعلن الجيش", NO, "2017-06-29 day explicit «2017-06-29»"),
    ("numeric y/m/d", "صدر القرار 2017/6/29 رسميا", NO, "2017-06-29 day explicit «2017/6/29»"),
    ("numeric dotted", "تاريخ البيان 29.06.2017 وفيه", NO, "2017-06-29 day explicit «29.06.2017»"),
    ("numeric arabic-indic", "في ٢٩/٦/٢٠١٧ قتل", NO, "2017-06-29 day explicit «٢٩/٦/٢٠١٧»"),
    ("numeric persian digits", "في ۲۹/۶/۲۰۱۷ قتل", NO, "2017-06-29 day explicit «۲۹/۶/۲۰۱۷»"),
    ("numeric leap day", "في 29/2/2016 بدأت الهدنة", NO, "2016-02-29 day explicit «29/2/2016»"),
    ("numeric with era م", "في 3/3/2016م وصل", NO, "2016-03-03 day explicit «3/3/2016م»"),
    ("numeric hijri", "صدر في 1436/9/15 هـ بيان", NO, "2015-07-02 day explicit «1436/9/15 هـ»"),
    ("no: 31 February", "في 31/02/2016 كذا", A, "none"),
    ("no: 29 Feb non-leap", "في 29/2/2017 كذا", A, "none"),
    ("no: month first", "في 6/29/2017 كذا", A, "none"),
    ("no: phone number", "اتصلوا على 0933-123-456 الآن", A, "none"),
    ("no: IP address", "الموقع 192.168.1.1 معطل", A, "none"),
    ("no: fraction", "نحو 1/3 السكان نزحوا", A, "none"),
    ("no: clock time", "الساعة 03:01 م", A, "none"),
    ("no: two-digit year", "في 29/6/17 قتل", A, "none"),
    // ---- Levantine / Iraqi months ----
    ("levant كانون الثاني", "في 15 كانون الثاني 2016 قتل", NO, "2016-01-15 day explicit «15 كانون الثاني 2016»"),
    ("levant كانون ثاني", "خلال كانون ثاني 2016 تراجع", NO, "2016-01-01..2016-01-31 month explicit «كانون ثاني 2016»"),
    ("levant شباط", "في 3 شباط 2015 سقطت", NO, "2015-02-03 day explicit «3 شباط 2015»"),
    ("levant آذار with من", "في 3 من آذار 2016 وصل", NO, "2016-03-03 day explicit «3 من آذار 2016»"),
    ("levant نيسان", "يوم 12 نيسان 2014 انسحب", NO, "2014-04-12 day explicit «12 نيسان 2014»"),
    ("levant أيار", "في 1 أيار 2015 بدأ", NO, "2015-05-01 day explicit «1 أيار 2015»"),
    ("levant ايار no hamza", "في 2 ايار 2015 بدأ", NO, "2015-05-02 day explicit «2 ايار 2015»"),
    ("levant حزيران", "في 29 حزيران 2017 قتل", NO, "2017-06-29 day explicit «29 حزيران 2017»"),
    ("levant تموز month", "في تموز 2016 وصل", NO, "2016-07-01..2016-07-31 month explicit «تموز 2016»"),
    ("levant آب with year", "في آب 2015 انشق", NO, "2015-08-01..2015-08-31 month explicit «آب 2015»"),
    ("levant آب with day", "في 15 آب 2014 سقطت", NO, "2014-08-15 day explicit «15 آب 2014»"),
    ("levant أيلول", "في 5 أيلول 2016 أعلن", NO, "2016-09-05 day explicit «5 أيلول 2016»"),
    ("levant تشرين الأول", "في تشرين الأول 2015 بدأت", NO, "2015-10-01..2015-10-31 month explicit «تشرين الأول 2015»"),
    ("levant تشرين أول", "في تشرين أول 2015 بدأت", NO, "2015-10-01..2015-10-31 month explicit «تشرين أول 2015»"),
    ("levant تشرين الثاني", "في 11 تشرين الثاني 2014 قتل", NO, "2014-11-11 day explicit «11 تشرين الثاني 2014»"),
    ("levant تشرين ثاني", "في تشرين ثاني 2014 قتل", NO, "2014-11-01..2014-11-30 month explicit «تشرين ثاني 2014»"),
    ("levant كانون الأول", "في كانون الأول 2016 خرج", NO, "2016-12-01..2016-12-31 month explicit «كانون الأول 2016»"),
    ("levant كانون أول", "في 25 كانون أول 2016 خرج", NO, "2016-12-25 day explicit «25 كانون أول 2016»"),
    // ---- Egyptian / Gulf months ----
    ("egypt يناير", "في 25 يناير 2011 خرج", NO, "2011-01-25 day explicit «25 يناير 2011»"),
    ("egypt فبراير", "في فبراير 2016 أعلن", NO, "2016-02-01..2016-02-29 month explicit «فبراير 2016»"),
    ("egypt مارس with day", "في 3 مارس 2016 أعلن", NO, "2016-03-03 day explicit «3 مارس 2016»"),
    ("egypt أبريل", "في 7 أبريل 2017 قصفت", NO, "2017-04-07 day explicit «7 أبريل 2017»"),
    ("egypt إبريل", "في 7 إبريل 2017 قصفت", NO, "2017-04-07 day explicit «7 إبريل 2017»"),
    ("egypt ابريل", "في 7 ابريل 2017 قصفت", NO, "2017-04-07 day explicit «7 ابريل 2017»"),
    ("egypt مايو", "في مايو 2015 سيطر", NO, "2015-05-01..2015-05-31 month explicit «مايو 2015»"),
    ("egypt يونيو arabic-indic", "في ٢٩ يونيو ٢٠١٧ قتل", NO, "2017-06-29 day explicit «٢٩ يونيو ٢٠١٧»"),
    ("egypt يونيه", "في 5 يونيه 2016 أعلن", NO, "2016-06-05 day explicit «5 يونيه 2016»"),
    ("egypt يوليو", "في 3 يوليو 2013 عزل", NO, "2013-07-03 day explicit «3 يوليو 2013»"),
    ("egypt يوليه", "في يوليه 2013 عزل", NO, "2013-07-01..2013-07-31 month explicit «يوليه 2013»"),
    ("egypt أغسطس", "في 14 أغسطس 2013 فضت", NO, "2013-08-14 day explicit «14 أغسطس 2013»"),
    ("egypt اغسطس", "في اغسطس 2014 سيطر", NO, "2014-08-01..2014-08-31 month explicit «اغسطس 2014»"),
    ("egypt سبتمبر", "في 30 سبتمبر 2015 بدأت", NO, "2015-09-30 day explicit «30 سبتمبر 2015»"),
    ("egypt أكتوبر", "في أكتوبر 2016 بدأت", NO, "2016-10-01..2016-10-31 month explicit «أكتوبر 2016»"),
    ("egypt نوفمبر", "في 13 نوفمبر 2015 هاجم", NO, "2015-11-13 day explicit «13 نوفمبر 2015»"),
    ("egypt ديسمبر", "في ديسمبر 2016 سقطت", NO, "2016-12-01..2016-12-31 month explicit «ديسمبر 2016»"),
    // ---- Maghrebi months ----
    ("maghreb جانفي", "في 14 جانفي 2011 غادر", NO, "2011-01-14 day explicit «14 جانفي 2011»"),
    ("maghreb فيفري", "في فيفري 2016 اعتقل", NO, "2016-02-01..2016-02-29 month explicit «فيفري 2016»"),
    ("maghreb مارس", "في 18 مارس 2015 هاجم", NO, "2015-03-18 day explicit «18 مارس 2015»"),
    ("maghreb أفريل", "في 2 أفريل 2016 اعتقل", NO, "2016-04-02 day explicit «2 أفريل 2016»"),
    ("maghreb ماي with day", "في 8 ماي 2015 اعتقل", NO, "2015-05-08 day explicit «8 ماي 2015»"),
    ("maghreb جوان", "في جوان 2016 اعتقل", NO, "2016-06-01..2016-06-30 month explicit «جوان 2016»"),
    ("maghreb جويلية", "في 26 جويلية 2016 اعتقل", NO, "2016-07-26 day explicit «26 جويلية 2016»"),
    ("maghreb أوت", "في 20 أوت 2016 اعتقل", NO, "2016-08-20 day explicit «20 أوت 2016»"),
    // ---- Moroccan months ----
    ("morocco يوليوز", "في 30 يوليوز 2016 أعلن", NO, "2016-07-30 day explicit «30 يوليوز 2016»"),
    ("morocco غشت", "في غشت 2016 أعلن", NO, "2016-08-01..2016-08-31 month explicit «غشت 2016»"),
    ("morocco شتنبر", "في 7 شتنبر 2016 أعلن", NO, "2016-09-07 day explicit «7 شتنبر 2016»"),
    ("morocco نونبر", "في نونبر 2016 أعلن", NO, "2016-11-01..2016-11-30 month explicit «نونبر 2016»"),
    ("morocco دجنبر", "في 10 دجنبر 2016 أعلن", NO, "2016-12-10 day explicit «10 دجنبر 2016»"),
    // ---- written forms ----
    ("slashed month name", "الخبر 29/يونيو/2017 منشور", NO, "2017-06-29 day explicit «29/يونيو/2017»"),
    ("paired names with day", "في 29 حزيران/يونيو 2017 قتل", NO, "2017-06-29 day explicit «29 حزيران/يونيو 2017»"),
    ("paired names month", "خلال حزيران/يونيو 2017 قتل", NO, "2017-06-01..2017-06-30 month explicit «حزيران/يونيو 2017»"),
    ("paired names parenthesis", "في حزيران (يونيو) 2017 قتل", NO, "2017-06-01..2017-06-30 month explicit «حزيران (يونيو) 2017»"),
    ("ordinal day", "في الأول من أيار 2015 بدأ", NO, "2015-05-01 day explicit «الأول من أيار 2015»"),
    ("ordinal two words", "في الخامس عشر من آب 2014 سقطت", NO, "2014-08-15 day explicit «الخامس عشر من آب 2014»"),
    ("month then عام", "في 3 آذار عام 2016 وصل", NO, "2016-03-03 day explicit «3 آذار عام 2016»"),
    ("shahr month year", "خلال شهر حزيران 2017 قتل", NO, "2017-06-01..2017-06-30 month explicit «شهر حزيران 2017»"),
    ("clitic month", "وبحزيران 2017 قتل", NO, "2017-06-01..2017-06-30 month explicit «حزيران 2017»"),
    // ---- day ranges ----
    ("range بين", "بين 3 و5 آذار 2016 قصف", NO, "2016-03-03..2016-03-05 range explicit «بين 3 و5 آذار 2016»"),
    ("range من إلى", "من 3 إلى 5 آذار 2016 قصف", NO, "2016-03-03..2016-03-05 range explicit «من 3 إلى 5 آذار 2016»"),
    ("range dash", "في 3-5 آذار 2016 قصف", NO, "2016-03-03..2016-03-05 range explicit «3-5 آذار 2016»"),
    ("range across months", "من 28 شباط إلى 3 آذار 2016 قصف", NO, "2016-02-28..2016-03-03 range explicit «من 28 شباط إلى 3 آذار 2016»"),
    ("range no year", "من 3 إلى 5 آذار قصف", Some("2016-03-10"), "2016-03-03..2016-03-05 range relative «من 3 إلى 5 آذار»"),
    // ---- day and month without a year ----
    ("day month: this year", "في 3 آذار وصل", A, "2017-03-03 day relative «3 آذار»"),
    ("day month: soon after", "يعقد في 10 تموز المؤتمر", A, "2017-07-10 day relative «10 تموز»"),
    ("day month: far ahead is last year", "في 15 آب قتل", A, "2016-08-15 day relative «15 آب»"),
    ("day of this month", "أكد في 7 من الشهر الجاري أن", A, "2017-06-07 day relative «7 من الشهر الجاري»"),
    ("ordinal day of last month", "في السابع من الشهر الماضي قتل", A, "2017-05-07 day relative «السابع من الشهر الماضي»"),
    ("no: place named after a date", "سقطت قذائف على حي 8 آذار", A, "none"),
    ("day month without article date", "في 3 آذار وصل", NO, "unresolved «3 آذار»"),
    // ---- month without a year ----
    ("month alone this year", "في حزيران قتل", A, "2017-06-01..2017-06-30 month relative «حزيران»"),
    ("month alone last year", "في تموز قتل", A, "2016-07-01..2016-07-31 month relative «تموز»"),
    ("month alone egypt", "خلال مايو تراجع", A, "2017-05-01..2017-05-31 month relative «مايو»"),
    ("month with شهر", "في شهر آب قتل", A, "2016-08-01..2016-08-31 month relative «شهر آب»"),
    ("month with شهر مارس", "في شهر مارس قتل", A, "2017-03-01..2017-03-31 month relative «شهر مارس»"),
    ("month past", "في حزيران الماضي قتل", A, "2016-06-01..2016-06-30 month relative «حزيران الماضي»"),
    ("month next", "في أيلول المقبل تبدأ", A, "2017-09-01..2017-09-30 month relative «أيلول المقبل»"),
    ("no: آب is father", "قال أب الضحية إن ابنه قتل", A, "none"),
    ("no: bare آب", "في آب قتل", A, "none"),
    ("no: مارس is a verb", "مارس التنظيم ضغوطا كبيرة", A, "none"),
    ("no: bare مارس", "في مارس قتل", A, "none"),
    ("no: ماي", "قال ماي", A, "none"),
    ("no: نيسان the car", "سيارة نيسان بيضاء", A, "none"),
    // ---- years ----
    ("year العام", "في العام 2016 قتل", NO, "2016-01-01..2016-12-31 year explicit «العام 2016»"),
    ("year عام arabic-indic", "في عام ٢٠١٥ قتل", NO, "2015-01-01..2015-12-31 year explicit «عام ٢٠١٥»"),
    ("year سنة", "في سنة 2014 قتل", NO, "2014-01-01..2014-12-31 year explicit «سنة 2014»"),
    ("year منذ", "يسيطر منذ 2014 على المدينة", NO, "2014-01-01..2014-12-31 year explicit «2014»"),
    ("year في at clause end", "بدأ ذلك في 2015، ثم", NO, "2015-01-01..2015-12-31 year explicit «2015»"),
    ("year with era", "في عام 2016م قتل", NO, "2016-01-01..2016-12-31 year explicit «عام 2016م»"),
    ("year 1948", "منذ نكبة العام 1948 وهم", NO, "1948-01-01..1948-12-31 year explicit «العام 1948»"),
    ("year range عامي", "بين عامي 2014 و2016 قتل", NO, "2014-01-01..2016-12-31 range explicit «بين عامي 2014 و2016»"),
    ("year range من إلى", "من 2014 إلى 2016 قتل", NO, "2014-01-01..2016-12-31 range explicit «من 2014 إلى 2016»"),
    ("no: في with count", "نفذ في 2000 غارة", A, "none"),
    ("no: منذ with unit", "منذ 2000 عام", A, "none"),
    ("no: bare 4 digits", "قتل 2016 شخصا", A, "none"),
    ("no: العام adjective", "قال المدير العام إن الرأي العام غاضب", A, "none"),
    ("no: issue number", "العدد 2016 من المجلة", A, "none"),
    // ---- Hijri ----
    // Umm al-Qura, as computed by icu_calendar: 1 Ramadan 1436 = 18 June 2015,
    // 1 Muharram 1437 = 14 October 2015. Dates announced by moon sighting
    // can differ by a day (the 2015 Hajj: Arafat was 23 September, the
    // tabulated 9 Dhu al-Hijja is the 22nd).
    ("hijri day", "في 15 رمضان 1436 هـ وقع", NO, "2015-07-02 day explicit «15 رمضان 1436 هـ»"),
    ("hijri month year", "في رمضان 1436 وقع", NO, "2015-06-18..2015-07-16 month explicit «رمضان 1436»"),
    ("hijri محرم", "في محرم 1437 وقع", NO, "2015-10-14..2015-11-12 month explicit «محرم 1437»"),
    ("hijri صفر", "في صفر 1437 وقع", NO, "2015-11-13..2015-12-11 month explicit «صفر 1437»"),
    ("hijri ربيع الأول", "في ربيع الأول 1437 وقع", NO, "2015-12-12..2016-01-10 month explicit «ربيع الأول 1437»"),
    ("hijri ربيع الآخر", "في ربيع الآخر 1437 وقع", NO, "2016-01-11..2016-02-09 month explicit «ربيع الآخر 1437»"),
    ("hijri ربيع الثاني", "في ربيع الثاني 1437 وقع", NO, "2016-01-11..2016-02-09 month explicit «ربيع الثاني 1437»"),
    ("hijri جمادى الأولى", "في جمادى الأولى 1437 وقع", NO, "2016-02-10..2016-03-09 month explicit «جمادى الأولى 1437»"),
    ("hijri جمادى الآخرة", "في جمادى الآخرة 1437 وقع", NO, "2016-03-10..2016-04-07 month explicit «جمادى الآخرة 1437»"),
    ("hijri جمادى الثانية", "في 1 جمادى الثانية 1437 وقع", NO, "2016-03-10 day explicit «1 جمادى الثانية 1437»"),
    ("hijri رجب", "في رجب 1436 وقع", NO, "2015-04-20..2015-05-18 month explicit «رجب 1436»"),
    ("hijri شعبان", "في شعبان 1436 وقع", NO, "2015-05-19..2015-06-17 month explicit «شعبان 1436»"),
    ("hijri شوال", "في 1 شوال 1436 هـ وقع", NO, "2015-07-17 day explicit «1 شوال 1436 هـ»"),
    ("hijri ذو القعدة", "في ذو القعدة 1436 وقع", NO, "2015-08-16..2015-09-13 month explicit «ذو القعدة 1436»"),
    ("hijri ذي الحجة", "في 9 ذي الحجة 1436 وقع", NO, "2015-09-22 day explicit «9 ذي الحجة 1436»"),
    ("hijri year", "في عام 1436 هـ وقع", NO, "2014-10-25..2015-10-13 year explicit «عام 1436 هـ»"),
    ("hijri year bare", "أحداث 1437 هـ كثيرة", NO, "2015-10-14..2016-10-01 year explicit «1437 هـ»"),
    ("hijri month relative", "في شهر رمضان قتل", A, "2017-05-27..2017-06-24 month relative «شهر رمضان»"),
    ("hijri day relative", "في 15 رمضان قتل", A, "2017-06-10 day relative «15 رمضان»"),
    ("no: رمضان a name", "قال رمضان إن", A, "none"),
    ("no: صفر is zero", "النتيجة صفر بالمئة", A, "none"),
    // ---- thirds and seasons ----
    ("part مطلع year", "في مطلع العام 2016 قتل", NO, "2016-01-01..2016-04-30 range explicit «مطلع العام 2016»"),
    ("part منتصف year", "في منتصف عام 2015 قتل", NO, "2015-05-01..2015-08-31 range explicit «منتصف عام 2015»"),
    ("part أواخر bare year", "في أواخر 2014 قتل", NO, "2014-09-01..2014-12-31 range explicit «أواخر 2014»"),
    ("part بداية month", "في بداية حزيران 2017 قتل", NO, "2017-06-01..2017-06-10 range explicit «بداية حزيران 2017»"),
    ("part أواسط month", "في أواسط آذار 2016 قتل", NO, "2016-03-11..2016-03-20 range explicit «أواسط آذار 2016»"),
    ("part نهاية leap month", "في نهاية شباط 2016 قتل", NO, "2016-02-21..2016-02-29 range explicit «نهاية شباط 2016»"),
    ("part هذا العام", "في أوائل هذا العام قتل", A, "2017-01-01..2017-04-30 range relative «أوائل هذا العام»"),
    ("part العام الماضي", "في أواخر العام الماضي قتل", A, "2016-09-01..2016-12-31 range relative «أواخر العام الماضي»"),
    ("part الشهر الماضي", "في منتصف الشهر الماضي قتل", A, "2017-05-11..2017-05-20 range relative «منتصف الشهر الماضي»"),
    ("part bare العام", "منذ مطلع العام قتل", A, "2017-01-01..2017-04-30 range relative «مطلع العام»"),
    ("part month alone", "في نهاية حزيران قتل", A, "2017-06-21..2017-06-30 range relative «نهاية حزيران»"),
    ("no: منتصف النهار", "منذ منتصف النهار تشهد", A, "none"),
    ("season summer", "في صيف 2015 قتل", NO, "2015-06-01..2015-08-31 range explicit «صيف 2015»"),
    ("season autumn", "في خريف العام 2016 قتل", NO, "2016-09-01..2016-11-30 range explicit «خريف العام 2016»"),
    ("season winter", "في شتاء 2016 قتل", NO, "2015-12-01..2016-02-29 range explicit «شتاء 2016»"),
    // ---- weekdays ----
    ("weekday alone = that day", "قتل الخميس ثلاثة", A, "2017-06-29 day relative «الخميس»"),
    ("weekday يوم", "قتل يوم الأربعاء ثلاثة", A, "2017-06-28 day relative «يوم الأربعاء»"),
    ("weekday past", "انشقوا، الأربعاء الماضي، عن", A, "2017-06-28 day relative «الأربعاء الماضي»"),
    ("weekday past same day", "قتل الخميس الماضي ثلاثة", A, "2017-06-22 day relative «الخميس الماضي»"),
    ("weekday الأحد", "خرج الأحد متجها", A, "2017-06-25 day relative «الأحد»"),
    ("weekday next", "يبدأ السبت المقبل الهجوم", A, "2017-07-01 day relative «السبت المقبل»"),
    ("weekday الثلاثاء", "وصل الثلاثاء إلى", A, "2017-06-27 day relative «الثلاثاء»"),
    ("weekday الجمعة", "قصفت الجمعة المدينة", A, "2017-06-23 day relative «الجمعة»"),
    ("weekday يوم الاثنين", "قتل يوم الاثنين ثلاثة", A, "2017-06-26 day relative «يوم الاثنين»"),
    ("weekday with time of day", "قتل مساء الثلاثاء ثلاثة", A, "2017-06-27 day relative «مساء الثلاثاء»"),
    ("weekday with full date", "الخميس 29/يونيو/2017 - 03:01 م", NO, "2017-06-29 day explicit «الخميس 29/يونيو/2017»"),
    ("weekday comma date", "الخميس، 3 آذار 2016 قتل", NO, "2016-03-03 day explicit «الخميس، 3 آذار 2016»"),
    ("weekday picks the year", "الأحد 10 تموز قتل", Some("2016-07-20"), "2016-07-10 day relative «الأحد 10 تموز»"),
    ("weekday year from weekday", "الأحد 10 تموز قتل", A, "2016-07-10 day relative «الأحد 10 تموز»"),
    ("weekday without article date", "خرج الأحد متجها", NO, "unresolved «الأحد»"),
    ("no: الاثنين = the two", "قتل الاثنين معا", A, "none"),
    ("no: صلاة الجمعة", "بعد صلاة الجمعة خرجوا", A, "none"),
    ("no: الأحد عشر = the eleven", "قتل الأحد عشر مقاتلا", A, "none"),
    ("no: كل خميس", "يجتمعون كل خميس", A, "none"),
    // ---- fixed relative phrases ----
    ("أمس", "قتل أمس ثلاثة", A, "2017-06-28 day relative «أمس»"),
    ("البارحة", "قتل البارحة ثلاثة", A, "2017-06-28 day relative «البارحة»"),
    ("يوم أمس", "قتل يوم أمس ثلاثة", A, "2017-06-28 day relative «يوم أمس»"),
    ("أول أمس", "قتل أول أمس ثلاثة", A, "2017-06-27 day relative «أول أمس»"),
    ("أول من أمس", "قتل أول من أمس ثلاثة", A, "2017-06-27 day relative «أول من أمس»"),
    ("اليوم", "تنظيم داعش اليوم في ظل", A, "2017-06-29 day relative «اليوم»"),
    ("غدا", "يبدأ الهجوم غدا.", A, "2017-06-30 day relative «غدا»"),
    ("صباح اليوم", "قتل صباح اليوم ثلاثة", A, "2017-06-29 day relative «صباح اليوم»"),
    ("مساء أمس", "قتل مساء أمس ثلاثة", A, "2017-06-28 day relative «مساء أمس»"),
    ("الليلة الماضية", "قتل الليلة الماضية ثلاثة", A, "2017-06-28 day relative «الليلة الماضية»"),
    ("clitic وأمس", "قتل ثلاثة وأمس", A, "2017-06-28 day relative «أمس»"),
    ("الأسبوع الماضي", "قتل الأسبوع الماضي ثلاثة", A, "2017-06-22..2017-06-28 week relative «الأسبوع الماضي»"),
    ("الأسبوع المنصرم", "دخل في الأسبوع المنصرم", A, "2017-06-22..2017-06-28 week relative «الأسبوع المنصرم»"),
    ("الأسبوع الفائت", "دخل الأسبوع الفائت", A, "2017-06-22..2017-06-28 week relative «الأسبوع الفائت»"),
    ("هذا الأسبوع", "دخل هذا الأسبوع", A, "2017-06-23..2017-06-29 week relative «هذا الأسبوع»"),
    ("الأسبوع المقبل", "يبدأ الأسبوع المقبل", A, "2017-06-30..2017-07-06 week relative «الأسبوع المقبل»"),
    ("خلال اليومين الماضيين", "انشق خلال اليومين الماضيين عشرات", A, "2017-06-27..2017-06-29 range relative «خلال اليومين الماضيين»"),
    ("خلال الأيام الماضية", "انشق خلال الأيام الماضية عشرات", A, "2017-06-22..2017-06-29 range relative «خلال الأيام الماضية»"),
    ("الأيام القليلة الماضية", "في الأيام القليلة الماضية انشق", A, "2017-06-22..2017-06-29 range relative «الأيام القليلة الماضية»"),
    ("الساعات الماضية", "شهدت في الساعات الماضية انقطاعا", A, "2017-06-28..2017-06-29 range relative «الساعات الماضية»"),
    ("قبل أيام", "انشق قبل أيام", A, "2017-06-22..2017-06-28 range relative «قبل أيام»"),
    ("منذ أيام", "انشق منذ أيام", A, "2017-06-22..2017-06-28 range relative «منذ أيام»"),
    ("الشهر الماضي", "قتل الشهر الماضي", A, "2017-05-01..2017-05-31 month relative «الشهر الماضي»"),
    ("الشهر المنصرم", "قتل في الشهر المنصرم", A, "2017-05-01..2017-05-31 month relative «الشهر المنصرم»"),
    ("هذا الشهر", "قتل هذا الشهر", A, "2017-06-01..2017-06-30 month relative «هذا الشهر»"),
    ("الشهر الجاري", "قتل خلال الشهر الجاري", A, "2017-06-01..2017-06-30 month relative «خلال الشهر الجاري»"),
    ("الشهر المقبل", "يبدأ الشهر المقبل", A, "2017-07-01..2017-07-31 month relative «الشهر المقبل»"),
    ("العام الماضي", "قتل العام الماضي", A, "2016-01-01..2016-12-31 year relative «العام الماضي»"),
    ("السنة الماضية", "قتل السنة الماضية", A, "2016-01-01..2016-12-31 year relative «السنة الماضية»"),
    ("هذا العام", "قتل هذا العام", A, "2017-01-01..2017-12-31 year relative «هذا العام»"),
    ("العام الحالي", "قتل في العام الحالي", A, "2017-01-01..2017-12-31 year relative «العام الحالي»"),
    ("العام الجاري", "قتل خلال العام الجاري", A, "2017-01-01..2017-12-31 year relative «خلال العام الجاري»"),
    ("العام المقبل", "يبدأ العام المقبل", A, "2018-01-01..2018-12-31 year relative «العام المقبل»"),
    ("relative without article date", "قتل أمس ثلاثة", NO, "unresolved «أمس»"),
    ("no: اليوم التالي", "وفي اليوم التالي خرجوا", A, "none"),
    ("no: ذلك اليوم", "منذ ذلك اليوم خرجوا", A, "none"),
    ("no: غدا the verb", "غدا التنظيم ضعيفا", A, "none"),
    // ---- counted ----
    ("قبل يومين", "انشق قبل يومين", A, "2017-06-27 day relative «قبل يومين»"),
    ("قبل ثلاثة أيام", "انشق قبل ثلاثة أيام", A, "2017-06-26 day relative «قبل ثلاثة أيام»"),
    ("قبل 3 أيام", "انشق قبل 3 أيام", A, "2017-06-26 day relative «قبل 3 أيام»"),
    ("منذ ٥ أيام", "انشق منذ ٥ أيام", A, "2017-06-24 day relative «منذ ٥ أيام»"),
    ("قبل يوم", "انشق قبل يوم واحد", A, "2017-06-28 day relative «قبل يوم»"),
    ("قبل أسبوع", "انشق قبل أسبوع", A, "2017-06-19..2017-06-25 week relative «قبل أسبوع»"),
    ("قبل أسبوعين", "انشق قبل أسبوعين", A, "2017-06-12..2017-06-18 week relative «قبل أسبوعين»"),
    ("قبل شهر", "انشق قبل شهر", A, "2017-05-01..2017-05-31 month relative «قبل شهر»"),
    ("منذ شهرين", "انشق منذ شهرين", A, "2017-04-01..2017-04-30 month relative «منذ شهرين»"),
    ("قبل عام", "انشق قبل عام", A, "2016-01-01..2016-12-31 year relative «قبل عام»"),
    ("منذ عامين", "انشق منذ عامين", A, "2015-01-01..2015-12-31 year relative «منذ عامين»"),
    ("منذ نحو ثلاث سنوات", "بدأ منذ نحو ثلاث سنوات", A, "2014-01-01..2014-12-31 year relative «منذ نحو ثلاث سنوات»"),
    ("قبل بضعة أيام", "انشق قبل بضعة أيام", A, "2017-06-20..2017-06-26 range relative «قبل بضعة أيام»"),
    ("قبل ساعتين", "انشق قبل ساعتين", A, "2017-06-29 day relative «قبل ساعتين»"),
    ("no: قبل أسبوع من", "انشق قبل أسبوع من الهجوم", A, "none"),
    // ---- the past N units ----
    ("الأيام الثلاثة الماضية", "قتل خلال الأيام الثلاثة الماضية", A, "2017-06-26..2017-06-29 range relative «خلال الأيام الثلاثة الماضية»"),
    ("الـ24 ساعة الماضية", "قتل خلال الـ24 ساعة الماضية", A, "2017-06-28..2017-06-29 range relative «خلال الـ24 ساعة الماضية»"),
    ("الأشهر الستة الماضية", "قتل خلال الأشهر الستة الماضية", A, "2016-12-31..2017-06-29 range relative «خلال الأشهر الستة الماضية»"),
    // ---- numbers that are not dates ----
    ("no: bodies", "عثر على 200 جثة في المدينة", A, "none"),
    ("no: fighters", "نحو 2500 مقاتل من التنظيم", A, "none"),
    ("no: accusative count", "انشق 25 مقاتلاً سورياً", A, "none"),
    ("no: cars", "خرج رتل من 100 سيارة", A, "none"),
    ("no: division", "مقر الفرقة 17 التابعة", A, "none"),
    ("no: من with noun", "قتل 58 من مسلحيه", A, "none"),
    ("no: ordinal of its kind", "ليس الأول من نوعه", A, "none"),
    ("no: phone", "رقم الهاتف 0991234567 للتواصل", A, "none"),
    ("no: percent", "ارتفع 15 بالمئة", A, "none"),
];

fn parse_day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad date {s}: {e}"))
}

fn grain(s: &str) -> Grain {
    match s {
        "day" => Grain::Day,
        "week" => Grain::Week,
        "month" => Grain::Month,
        "year" => Grain::Year,
        "range" => Grain::Range,
        _ => panic!("bad grain {s}"),
    }
}

/// The words between « and » in a spec.
fn quoted(spec: &str) -> &str {
    let a = spec.find('«').map(|i| i + '«'.len_utf8()).unwrap_or(0);
    let b = spec.rfind('»').unwrap_or(spec.len());
    spec.get(a..b).unwrap_or("")
}

/// Checks one row; returns a failure message.
fn check(name: &str, text: &str, article: Option<&str>, spec: &str) -> Option<String> {
    let found = DateFinder::builtin().find_in(text, article.map(parse_day));
    let hits: Vec<String> = found
        .hits
        .iter()
        .map(|h| {
            format!(
                "{}..{} {:?} {:?} «{}»",
                h.value.start,
                h.value.end,
                h.value.grain,
                h.value.basis,
                h.span.slice(text)
            )
        })
        .collect();
    let unresolved: Vec<&str> = found
        .unresolved
        .iter()
        .map(|u| u.span.slice(text))
        .collect();
    let fail = |why: &str| {
        Some(format!(
            "{name}: {why}; got hits {hits:?}, unresolved {unresolved:?}"
        ))
    };
    if spec == "none" {
        return (!hits.is_empty() || !unresolved.is_empty())
            .then(|| fail("expected no date"))
            .flatten();
    }
    if let Some(rest) = spec.strip_prefix("unresolved ") {
        let ok = found.hits.is_empty() && unresolved == [quoted(rest)];
        return (!ok)
            .then(|| fail(&format!("expected unresolved {rest}")))
            .flatten();
    }
    let mut parts = spec.split_whitespace();
    let (Some(range), Some(g), Some(basis)) = (parts.next(), parts.next(), parts.next()) else {
        return fail("bad spec");
    };
    let (s, e) = range.split_once("..").unwrap_or((range, range));
    let basis = match basis {
        "explicit" => DateBasis::Explicit,
        "relative" => DateBasis::Relative,
        _ => return fail("bad basis"),
    };
    let [h] = found.hits.as_slice() else {
        return fail(&format!("expected one hit {spec}"));
    };
    let ok = h.value.start == parse_day(s)
        && h.value.end == parse_day(e)
        && h.value.grain == grain(g)
        && h.value.basis == basis
        && h.span.slice(text) == quoted(spec)
        && !h.value.evidence.is_empty()
        && unresolved.is_empty();
    (!ok).then(|| fail(&format!("expected {spec}"))).flatten()
}

#[test]
fn date_phrase_table() {
    assert!(CASES.len() >= 150, "only {} cases", CASES.len());
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|(name, text, article, spec)| check(name, text, *article, spec))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn every_row_has_a_unique_name() {
    let mut names: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "duplicate case names");
}
