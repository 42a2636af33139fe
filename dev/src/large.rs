//! The large municipality of the benchmark and the page review: 40 directorates, 8 amaçlar,
//! 120 hedefler, 600 indicators, 1,200 realisations, 2,400 activity rows and 720 budget lines in
//! 40 `.xlsx` workbooks, with every narrative chapter. [`generate`] writes it into a folder;
//! `olcum` times its build, `sayfalar` renders its pages.

use std::fmt::Write as _;
use std::path::Path;

use crate::sheetwrite::{self, CellValue, SheetSpec, WorkbookSpec};

const DIRECTORATES: usize = 40;
const GOALS: usize = 8;
const OBJECTIVES_PER_GOAL: usize = 15; // 120 hedefler, 3 per directorate
const INDICATORS_PER_OBJECTIVE: usize = 5; // 600 indicators
const ACTIVITIES_PER_OBJECTIVE: usize = 4; // 480 activities × 5 years = 2,400 rows
const YEARS: [i32; 5] = [2025, 2026, 2027, 2028, 2029];

fn t(s: impl Into<String>) -> Option<CellValue> {
    Some(CellValue::Text(s.into()))
}
fn n(v: f64) -> Option<CellValue> {
    Some(CellValue::Number(v))
}

fn directorate_name(d: usize) -> String {
    format!("Birim {:02} Müdürlüğü", d + 1)
}

/// Writes the large project into `dir`.
pub fn generate(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("birimler"))?;
    std::fs::create_dir_all(dir.join("metinler"))?;
    let mut kurum = String::from(
        "kurum:\n  ad: Büyük Ölçüm Belediyesi\n  il: Ankara\n  baskan: Ad Soyad\n  mali_hizmetler_muduru: Ad Soyad\nplan_donemi: {baslangic: 2025, bitis: 2029}\nyil: 2025\nprogram_yili: 2026\nbirimler:\n",
    );
    for d in 0..DIRECTORATES {
        let _ = writeln!(kurum, "  - ad: {}", directorate_name(d));
    }
    std::fs::write(dir.join("kurum.yaml"), kurum)?;

    let mut plan = String::from("misyon: Ölçüm için misyon.\nvizyon: Ölçüm için vizyon.\ntemel_degerler: [Şeffaflık, Hesap verebilirlik]\namaclar:\n");
    // Objective k (0-based over all) belongs to directorate k % 40.
    let mut costs = vec![0.0f64; GOALS * OBJECTIVES_PER_GOAL];
    let budget = |k: usize, a: usize, y: usize| 100_000.0 + (k * 1000 + a * 100 + y * 10) as f64;
    for (k, cost) in costs.iter_mut().enumerate() {
        for a in 0..ACTIVITIES_PER_OBJECTIVE {
            for y in 0..YEARS.len() {
                *cost += budget(k, a, y);
            }
        }
    }
    for g in 0..GOALS {
        let _ = writeln!(
            plan,
            "  - kod: A{}\n    ad: Amaç {} — hizmet kalitesini artırmak\n    hedefler:",
            g + 1,
            g + 1
        );
        for o in 0..OBJECTIVES_PER_GOAL {
            let k = g * OBJECTIVES_PER_GOAL + o;
            let _ = writeln!(
                plan,
                "      - kod: H{}.{}\n        ad: Hedef {}.{} — hizmetlerin yaygınlaştırılması\n        sorumlu_birim: {}\n        riskler: [Bütçe kısıtı]\n        stratejiler: [Paydaş işbirliği]\n        tespitler: [Talep artıyor]\n        ihtiyaclar: [Personel]\n        maliyet_tahmini: {}",
                g + 1, o + 1, g + 1, o + 1, directorate_name(k % DIRECTORATES), costs[k]
            );
        }
    }
    std::fs::write(dir.join("plan.yaml"), plan)?;
    for name in [
        "sunus",
        "hazirlik",
        "durum-analizi",
        "izleme",
        "genel-bilgiler",
        "degerlendirme",
        "kurumsal-kabiliyet",
        "oneri-tedbirler",
    ] {
        std::fs::write(
            dir.join(format!("metinler/{name}.typ")),
            "Bu bölüm ölçüm için yazılmıştır.\n",
        )?;
    }

    for d in 0..DIRECTORATES {
        let mut birim = SheetSpec::new("Birim");
        birim.row(0, [t("Birim Adı"), t(directorate_name(d))]);
        birim.row(1, [t("Harcama Yetkilisi"), t(format!("Müdür {}", d + 1))]);
        let mut ind = SheetSpec::new("Göstergeler");
        ind.row(0, crate::headers::INDICATOR[..14].iter().map(|h| t(*h)));
        let mut act = SheetSpec::new("Gerçekleşmeler");
        act.row(
            0,
            [
                "Gösterge Kodu",
                "Yıl",
                "Dönem",
                "Gerçekleşen Değer",
                "Sapma Nedeni",
            ]
            .map(t),
        );
        let mut fa = SheetSpec::new("Faaliyetler");
        fa.row(
            0,
            [
                "Faaliyet Kodu",
                "Hedef Kodu",
                "Faaliyet Adı",
                "Yıl",
                "Bütçe (TL)",
                "Gerçekleşen (TL)",
                "Durum",
            ]
            .map(t),
        );
        let mut bu = SheetSpec::new("Bütçe");
        bu.row(
            0,
            [
                "Yıl",
                "Ekonomik Kod",
                "Başlangıç Ödeneği",
                "Toplam Ödenek",
                "Harcama",
            ]
            .map(t),
        );
        let (mut ri, mut ra, mut rf) = (1, 1, 1);
        let mut program_sum = 0.0;
        for k in (0..GOALS * OBJECTIVES_PER_GOAL).filter(|k| k % DIRECTORATES == d) {
            let (g, o) = (k / OBJECTIVES_PER_GOAL + 1, k % OBJECTIVES_PER_GOAL + 1);
            for i in 1..=INDICATORS_PER_OBJECTIVE {
                let code = format!("PG{g}.{o}.{i}");
                let base = 10.0 * i as f64;
                ind.row(
                    ri,
                    [
                        t(&code),
                        t(format!("H{g}.{o}")),
                        t(format!("Gösterge {g}.{o}.{i}: hizmet alan vatandaş sayısı")),
                        t("Sayı"),
                        t("Artış"),
                        n(20.0),
                        n(base),
                        n(base + 10.0),
                        n(base + 20.0),
                        n(base + 30.0),
                        n(base + 40.0),
                        n(base + 50.0),
                        t("6 Ay"),
                        t("Yıllık"),
                    ],
                );
                ri += 1;
                let actual = base + 10.0 - (i % 3) as f64;
                let reason = if i % 3 == 0 {
                    None
                } else {
                    t("Yüklenici kaynaklı gecikme yaşandı.")
                };
                act.row(
                    ra,
                    [t(&code), n(2025.0), t("1. İzleme"), n(base + 4.0), None],
                );
                act.row(
                    ra + 1,
                    [t(&code), n(2025.0), t("Yıl Sonu"), n(actual), reason],
                );
                ra += 2;
            }
            for a in 0..ACTIVITIES_PER_OBJECTIVE {
                for (y, year) in YEARS.iter().enumerate() {
                    let b = budget(k, a, y);
                    if *year == 2026 {
                        program_sum += b;
                    }
                    let done = *year == 2025;
                    fa.row(
                        rf,
                        [
                            t(format!("F{g}.{o}.{}", a + 1)),
                            t(format!("H{g}.{o}")),
                            t(format!(
                                "Faaliyet {g}.{o}.{}: yol ve kaldırım bakımı",
                                a + 1
                            )),
                            n(*year as f64),
                            n(b),
                            if done { n(b * 0.9) } else { None },
                            if done { t("Tamamlandı") } else { None },
                        ],
                    );
                    rf += 1;
                }
            }
        }
        let mut rb = 1;
        for year in [2025.0, 2026.0] {
            for code in 1..=9 {
                let amount = if code == 3 {
                    program_sum * 2.0 + 1_000_000.0
                } else {
                    500_000.0
                };
                let spent = if year == 2025.0 {
                    n(amount * 0.8)
                } else {
                    None
                };
                bu.row(
                    rb,
                    [
                        n(year),
                        t(format!("{code:02}")),
                        n(amount),
                        n(amount),
                        spent,
                    ],
                );
                rb += 1;
            }
        }
        let book = WorkbookSpec {
            sheets: vec![birim, ind, act, fa, bu],
        };
        sheetwrite::write(
            &book,
            &dir.join(format!("birimler/birim-{:02}.xlsx", d + 1)),
        )?;
    }
    Ok(())
}
