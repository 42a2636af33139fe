//! Checks that the example is what every test and demo of kitap relies on: consistent with
//! every rule of spec/rules.md (no hata, no uyari), readable back from the written files,
//! the same bytes on every run, and in step with the hand-written amendment.
//!
//! The read-back uses its own small tolerant reader (header search, aliases, merges, Turkish
//! number text), independent of kitap's, so that a slip in the layout code shows up here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader, Sheets};

use super::faaliyet::faaliyetler;
use super::gosterge::GOSTERGELER;
use super::kurum::{AMACLAR, BIRIMLER, YIL, YILLAR};
use super::yerlesim::{butce_satirlari, turkce_guvenli, turkce_sayi};
use super::{maliyet_tahmini, uret};

/// The realisation rate of rules.md: `(X − A) / (Y − A) × 100`, and the maintain formulas
/// when `Y = A`.
pub fn oran(yon: &str, a: f64, y: f64, x: f64) -> f64 {
    if y != a {
        return (x - a) / (y - a) * 100.0;
    }
    let karsiladi = match yon {
        "Artış" => x >= y,
        "Azalış" => x <= y,
        _ => x == y,
    };
    if karsiladi {
        100.0
    } else if yon == "Azalış" {
        if x == 0.0 {
            0.0
        } else {
            y / x * 100.0
        }
    } else if y == 0.0 {
        0.0
    } else {
        x / y * 100.0
    }
}

// ---------------------------------------------------------------------------------------
// The tables themselves
// ---------------------------------------------------------------------------------------

fn hedef_kodlari() -> Vec<&'static str> {
    AMACLAR
        .iter()
        .flat_map(|a| a.hedefler.iter().map(|h| h.kod))
        .collect()
}

#[test]
fn her_hedefin_gostergeleri_kurallara_uyar() {
    for hedef in hedef_kodlari() {
        let gs: Vec<_> = GOSTERGELER.iter().filter(|g| g.hedef == hedef).collect();
        assert!(!gs.is_empty(), "G006: {hedef} göstergesiz");
        let toplam: f64 = gs.iter().map(|g| g.etki).sum();
        assert!(
            (toplam - 100.0).abs() < 1e-9,
            "G005: {hedef} ağırlıkları {toplam}"
        );
        for g in gs {
            assert!(g.etki > 0.0 && g.etki <= 100.0, "G007: {}", g.kod);
            assert!(
                g.kod.starts_with(&format!("PG{}.", &hedef[1..])),
                "{} kodu {hedef} ile uyuşmuyor",
                g.kod
            );
            let dizi: Vec<f64> = std::iter::once(g.baslangic).chain(g.hedefler).collect();
            match g.yon {
                "Artış" => assert!(dizi.windows(2).all(|w| w[0] <= w[1]), "G003: {}", g.kod),
                "Azalış" => assert!(dizi.windows(2).all(|w| w[0] >= w[1]), "G003: {}", g.kod),
                "Artış/Azalış" => {}
                yon => panic!("D005: {} yönü {yon}", g.kod),
            }
            if g.olcu == "Yüzde" {
                let degerler: Vec<f64> = dizi
                    .iter()
                    .copied()
                    .chain(g.izleme1)
                    .chain([g.yil_sonu])
                    .collect();
                assert!(
                    degerler.iter().all(|x| (0.0..=100.0).contains(x)),
                    "G004: {}",
                    g.kod
                );
                assert!(
                    !degerler.iter().all(|x| (0.0..=1.0).contains(x)),
                    "G008: {}",
                    g.kod
                );
            }
            let o = oran(g.yon, g.baslangic, g.hedefler[0], g.yil_sonu);
            assert_eq!(o == 100.0, g.sapma.is_empty(), "R002: {} oranı {o}", g.kod);
            let sik = g.izleme != "Yıllık";
            assert!(!sik || g.izleme1.is_some(), "R003: {} 1. İzleme yok", g.kod);
            assert!(
                ["Aylık", "3 Ay", "6 Ay", "Yıllık"].contains(&g.izleme),
                "{}",
                g.kod
            );
            assert!(
                ["Aylık", "3 Ay", "6 Ay", "Yıllık"].contains(&g.raporlama),
                "{}",
                g.kod
            );
            assert!(super::kurum::birim(g.birim).is_some(), "{}", g.kod);
        }
    }
    let kodlar: BTreeSet<_> = GOSTERGELER.iter().map(|g| g.kod).collect();
    assert_eq!(
        kodlar.len(),
        GOSTERGELER.len(),
        "D003: gösterge kodu iki kez"
    );
    assert!(GOSTERGELER.len() >= 40);
}

#[test]
fn faaliyetler_ve_butce_kurallara_uyar() {
    let fs = faaliyetler();
    let kodlar: BTreeSet<_> = fs.iter().map(|f| f.kod).collect();
    assert_eq!(kodlar.len(), fs.len(), "D003: faaliyet kodu iki kez");
    for hedef in hedef_kodlari() {
        for (i, yil) in YILLAR.iter().enumerate() {
            assert!(
                fs.iter().any(|f| f.hedef == hedef && f.butce[i].is_some()),
                "{hedef} için {yil} yılında faaliyet yok"
            );
        }
    }
    for f in &fs {
        assert!(
            f.butce[0].is_some(),
            "{} 2025'te yok: B003 için satır gerekir",
            f.kod
        );
        for i in 0..5 {
            assert!(
                f.butce[i].is_some() || f.butce_disi[i] == 0,
                "{} bütçe dışı satırsız",
                f.kod
            );
        }
        let onek = if f.proje { 'P' } else { 'F' };
        assert!(
            f.kod.starts_with(&format!("{onek}{}.", &f.hedef[1..])),
            "{}",
            f.kod
        );
    }
    for (sira, b) in BIRIMLER.iter().enumerate() {
        let satirlar = butce_satirlari(sira, b);
        for s in satirlar.iter().filter(|s| s.yil == YIL) {
            assert!(s.harcama <= s.toplam, "B002: {} {}", b.ad, s.kod);
        }
        let odenek_2026: u64 = satirlar
            .iter()
            .filter(|s| s.yil == YIL + 1)
            .map(|s| s.toplam.unwrap_or(s.baslangic))
            .sum();
        let faaliyet_2026: u64 = fs
            .iter()
            .filter(|f| f.birim == b.kisa_ad)
            .filter_map(|f| f.butce[1])
            .sum::<u64>()
            * 100;
        let degisiklik = degisiklik_farki_birim(b.kisa_ad) * 100;
        assert!(faaliyet_2026 + degisiklik <= odenek_2026, "B001: {}", b.ad);
        let harcama_2025: u64 = satirlar
            .iter()
            .filter(|s| s.yil == YIL)
            .filter_map(|s| s.harcama)
            .sum();
        let gerceklesen: u64 = fs
            .iter()
            .filter(|f| f.birim == b.kisa_ad)
            .map(|f| f.gerceklesen_2025)
            .sum::<u64>()
            * 100;
        assert!(
            gerceklesen <= harcama_2025,
            "{}: faaliyet harcaması birim harcamasını aşıyor",
            b.ad
        );
    }
}

#[test]
fn sorumlu_birimler_kurumda_ve_gostergesiz_birim_var() {
    for a in AMACLAR {
        for h in a.hedefler {
            assert!(super::kurum::birim(h.sorumlu).is_some(), "G009: {}", h.kod);
            for i in h.isbirligi {
                assert!(super::kurum::birim(i).is_some(), "{}: {i}", h.kod);
            }
        }
    }
    let gostergesiz: Vec<_> = BIRIMLER
        .iter()
        .filter(|b| !GOSTERGELER.iter().any(|g| g.birim == b.kisa_ad))
        .map(|b| b.kisa_ad)
        .collect();
    assert!(
        gostergesiz.contains(&"Yazı İşleri") && gostergesiz.contains(&"Hukuk İşleri"),
        "{gostergesiz:?}"
    );
    assert!(BIRIMLER.len() >= 10);
}

#[test]
fn turkce_sayi_metni() {
    assert_eq!(turkce_sayi(1234.5, 1), "1.234,5");
    assert_eq!(turkce_sayi(36_400_000.0, 0), "36.400.000");
    assert_eq!(turkce_sayi(70.6, 1), "70,6");
    assert!(!turkce_guvenli("27.122"));
    assert!(turkce_guvenli("1.234,5"));
    assert!(turkce_guvenli("36.400.000"));
}

// ---------------------------------------------------------------------------------------
// The amendment
// ---------------------------------------------------------------------------------------

fn proje_dizini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ornek-belediye")
}

struct Degisiklik {
    oge: String,
    kod: String,
    alan: String,
    eski: Option<f64>,
    yeni: f64,
}

fn degisiklikler() -> Vec<Degisiklik> {
    let dizin = proje_dizini().join("degisiklikler");
    let mut out = Vec::new();
    let Ok(okunan) = std::fs::read_dir(&dizin) else {
        return out;
    };
    let mut dosyalar: Vec<_> = okunan.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    dosyalar.sort();
    for yol in dosyalar {
        let metin = std::fs::read_to_string(&yol).unwrap_or_default();
        let deger: serde_norway::Value =
            serde_norway::from_str(&metin).unwrap_or(serde_norway::Value::Null);
        let Some(liste) = deger.get("degisiklikler").and_then(|d| d.as_sequence()) else {
            continue;
        };
        for d in liste {
            let (oge, kod) = ["gosterge", "faaliyet", "hedef"]
                .iter()
                .find_map(|o| {
                    d.get(*o)
                        .and_then(|v| v.as_str())
                        .map(|k| (o.to_string(), k.to_string()))
                })
                .unwrap_or_default();
            out.push(Degisiklik {
                oge,
                kod,
                alan: d
                    .get("alan")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string(),
                eski: d.get("eski").and_then(|v| v.as_f64()),
                yeni: d.get("yeni").and_then(|v| v.as_f64()).unwrap_or(f64::NAN),
            });
        }
    }
    out
}

/// The 2026 budget the amendments add to a directorate's activities (TL).
fn degisiklik_farki_birim(kisa: &str) -> u64 {
    let fs = faaliyetler();
    degisiklikler()
        .iter()
        .filter(|d| d.oge == "faaliyet" && d.alan == "butce.2026")
        .filter_map(|d| {
            let f = fs.iter().find(|f| f.kod == d.kod && f.birim == kisa)?;
            Some((d.yeni as i64 - f.butce[1]? as i64).max(0) as u64)
        })
        .sum()
}

#[test]
fn degisiklik_guncel_veriye_gore_yazilmis() {
    let ds = degisiklikler();
    assert!(!ds.is_empty(), "degisiklikler/ boş");
    let fs = faaliyetler();
    let mut maliyet_farki: BTreeMap<String, f64> = BTreeMap::new();
    let mut hedef_maliyeti: BTreeMap<String, f64> = BTreeMap::new();
    let mut gosterge_hedefleri: BTreeMap<String, [f64; 5]> = BTreeMap::new();
    for d in &ds {
        match d.oge.as_str() {
            "gosterge" => {
                let g = GOSTERGELER
                    .iter()
                    .find(|g| g.kod == d.kod)
                    .unwrap_or_else(|| panic!("A001: {}", d.kod));
                let yil: i32 = d.alan.trim_start_matches("hedef.").parse().unwrap_or(0);
                let i = YILLAR
                    .iter()
                    .position(|y| *y == yil)
                    .unwrap_or_else(|| panic!("A001: {}", d.alan));
                assert_eq!(d.eski, Some(g.hedefler[i]), "A002: {} {}", d.kod, d.alan);
                gosterge_hedefleri
                    .entry(d.kod.clone())
                    .or_insert(g.hedefler)[i] = d.yeni;
            }
            "faaliyet" => {
                let f = fs
                    .iter()
                    .find(|f| f.kod == d.kod)
                    .unwrap_or_else(|| panic!("A001: {}", d.kod));
                assert_eq!(d.alan, "butce.2026");
                let eski = f.butce[1].unwrap_or(0) as f64;
                if let Some(e) = d.eski {
                    assert_eq!(e, eski, "A002: {}", d.kod);
                }
                *maliyet_farki.entry(f.hedef.to_string()).or_default() += d.yeni - eski;
            }
            "hedef" => {
                assert_eq!(d.alan, "maliyet_tahmini");
                assert_eq!(
                    d.eski,
                    Some(maliyet_tahmini(&d.kod, &fs) as f64),
                    "A002: {}",
                    d.kod
                );
                hedef_maliyeti.insert(d.kod.clone(), d.yeni - d.eski.unwrap_or(0.0));
            }
            o => panic!("A004: {o}"),
        }
    }
    assert_eq!(
        maliyet_farki, hedef_maliyeti,
        "B004: maliyet_tahmini değişikliği faaliyet bütçesiyle aynı değil"
    );
    for (kod, hedefler) in gosterge_hedefleri {
        let g = GOSTERGELER
            .iter()
            .find(|g| g.kod == kod)
            .unwrap_or_else(|| panic!("{kod}"));
        let dizi: Vec<f64> = std::iter::once(g.baslangic).chain(hedefler).collect();
        assert!(
            dizi.windows(2).all(|w| w[0] <= w[1]) || g.yon != "Artış",
            "G003 değişiklik sonrası: {kod}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Reading the written workbooks back
// ---------------------------------------------------------------------------------------

/// Sheet and header names the way the contract compares them.
fn norm(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'İ' | 'I' | 'ı' => 'i',
            'Ğ' | 'ğ' => 'g',
            'Ş' | 'ş' => 's',
            'Ç' | 'ç' => 'c',
            'Ö' | 'ö' => 'o',
            'Ü' | 'ü' => 'u',
            'Â' | 'â' => 'a',
            c => c,
        };
        for l in c.to_lowercase() {
            if l.is_alphanumeric() {
                out.push(l);
            }
        }
    }
    out
}

#[derive(Default)]
struct Okuma {
    belirsiz_sayi: Vec<String>,
}

impl Okuma {
    fn sayi(&mut self, d: &Data) -> Option<f64> {
        match d {
            Data::Float(x) => Some(*x),
            Data::Int(x) => Some(*x as f64),
            Data::String(s) => {
                let t: String = s
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '%')
                    .collect();
                if t.is_empty() {
                    return None;
                }
                let t = if t.contains(',') {
                    t.replace('.', "").replace(',', ".")
                } else if t.matches('.').count() > 1 {
                    t.replace('.', "")
                } else if t.split_once('.').is_some_and(|(_, k)| k.len() == 3) {
                    self.belirsiz_sayi.push(s.clone());
                    t.replace('.', "")
                } else {
                    t
                };
                t.parse().ok()
            }
            _ => None,
        }
    }
}

fn metin(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Float(x) if x.fract() == 0.0 => format!("{}", *x as i64),
        Data::Float(x) => format!("{x}"),
        Data::Int(x) => x.to_string(),
        _ => String::new(),
    }
}

fn kod(d: &Data, onek: &str) -> String {
    let t: String = metin(d)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{onek}{t}")
    } else {
        t
    }
}

/// A sheet as absolute cells, merged regions filled in.
struct Izgara {
    hucreler: BTreeMap<(u32, u32), Data>,
    satir_sayisi: u32,
}

impl Izgara {
    fn al(&self, r: u32, c: u32) -> &Data {
        static BOS: Data = Data::Empty;
        self.hucreler.get(&(r, c)).unwrap_or(&BOS)
    }
}

fn sayfa_oku(
    kitap: &mut Sheets<std::io::BufReader<std::fs::File>>,
    aranan: &str,
) -> Option<Izgara> {
    let ad = kitap
        .sheet_names()
        .into_iter()
        .find(|a| norm(a) == norm(aranan))?;
    let aralik = kitap.worksheet_range(&ad).ok()?;
    let mut hucreler = BTreeMap::new();
    let (r0, c0) = aralik.start().unwrap_or((0, 0));
    for (r, c, d) in aralik.used_cells() {
        hucreler.insert((r0 + r as u32, c0 + c as u32), d.clone());
    }
    let birlesimler: Vec<calamine::Dimensions> = match kitap {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&ad).ok()?,
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(&ad).ok()?,
        _ => Vec::new(),
    };
    for b in birlesimler {
        let deger = hucreler.get(&b.start).cloned().unwrap_or(Data::Empty);
        for r in b.start.0..=b.end.0 {
            for c in b.start.1..=b.end.1 {
                hucreler.insert((r, c), deger.clone());
            }
        }
    }
    let satir_sayisi = hucreler.keys().map(|(r, _)| r + 1).max().unwrap_or(0);
    Some(Izgara {
        hucreler,
        satir_sayisi,
    })
}

/// One expected column: canonical name, aliases, required.
struct Sutun {
    ad: String,
    takmalar: Vec<String>,
    gerekli: bool,
}

fn sutunlar(liste: &[(&str, &[&str], bool)]) -> Vec<Sutun> {
    liste
        .iter()
        .map(|(ad, takmalar, gerekli)| Sutun {
            ad: ad.to_string(),
            takmalar: takmalar.iter().map(|t| t.to_string()).collect(),
            gerekli: *gerekli,
        })
        .collect()
}

/// Finds the header row (within the first 20) holding every required column; returns the
/// data rows as maps from canonical column name to cell.
fn tablo_oku(izgara: &Izgara, sutunlar: &[Sutun]) -> Vec<BTreeMap<String, Data>> {
    for baslik_satiri in 0..20.min(izgara.satir_sayisi) {
        let mut eslesme: BTreeMap<&str, u32> = BTreeMap::new();
        for c in 0..64 {
            let h = norm(&metin(izgara.al(baslik_satiri, c)));
            if h.is_empty() {
                continue;
            }
            for s in sutunlar {
                if norm(&s.ad) == h || s.takmalar.iter().any(|t| norm(t) == h) {
                    eslesme.entry(&s.ad).or_insert(c);
                }
            }
        }
        if !sutunlar
            .iter()
            .all(|s| !s.gerekli || eslesme.contains_key(s.ad.as_str()))
        {
            continue;
        }
        let mut sonuc = Vec::new();
        for r in baslik_satiri + 1..izgara.satir_sayisi {
            let mut satir = BTreeMap::new();
            for (ad, &c) in &eslesme {
                let d = izgara.al(r, c);
                let bos =
                    matches!(d, Data::Empty) || matches!(d, Data::String(s) if s.trim().is_empty());
                if !bos {
                    satir.insert(ad.to_string(), d.clone());
                }
            }
            if !satir.is_empty() {
                sonuc.push(satir);
            }
        }
        return sonuc;
    }
    panic!(
        "başlık satırı bulunamadı: {:?}",
        sutunlar.iter().map(|s| &s.ad).collect::<Vec<_>>()
    );
}

#[derive(Debug, Clone)]
struct OkunanGosterge {
    kod: String,
    hedef: String,
    birim: String,
    olcu: String,
    yon: String,
    etki: f64,
    baslangic: f64,
    hedefler: [f64; 5],
    izleme: String,
}

#[derive(Debug, Clone)]
struct OkunanGerceklesme {
    kod: String,
    ara: bool,
    deger: f64,
    sapma: String,
}

#[derive(Debug, Clone)]
struct OkunanFaaliyet {
    kod: String,
    hedef: String,
    birim: String,
    yil: i32,
    butce: f64,
    butce_disi: f64,
    gerceklesen: Option<f64>,
    durum: String,
}

#[derive(Debug, Clone)]
struct OkunanButce {
    birim: String,
    yil: i32,
    kod: String,
    baslangic: f64,
    toplam: f64,
    harcama: Option<f64>,
}

#[derive(Default)]
struct Model {
    birimler: Vec<String>,
    gostergeler: Vec<OkunanGosterge>,
    gerceklesmeler: Vec<OkunanGerceklesme>,
    faaliyetler: Vec<OkunanFaaliyet>,
    butce: Vec<OkunanButce>,
    belirsiz: Vec<String>,
}

fn kitaplari_bul(dizin: &Path, out: &mut Vec<PathBuf>) {
    let mut girdiler: Vec<_> = std::fs::read_dir(dizin)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    girdiler.sort();
    for yol in girdiler {
        if yol.is_dir() {
            kitaplari_bul(&yol, out);
        } else if matches!(
            yol.extension().and_then(|e| e.to_str()),
            Some("xlsx" | "xls" | "ods")
        ) {
            out.push(yol);
        }
    }
}

fn model_oku(kok: &Path) -> Model {
    let mut m = Model::default();
    let mut oku = Okuma::default();
    let mut yollar = Vec::new();
    kitaplari_bul(&kok.join("birimler"), &mut yollar);
    for yol in yollar {
        let mut kitap =
            open_workbook_auto(&yol).unwrap_or_else(|e| panic!("{}: {e}", yol.display()));
        let birim_sayfasi = sayfa_oku(&mut kitap, "Birim")
            .unwrap_or_else(|| panic!("{}: Birim yok", yol.display()));
        let mut birim_adi = String::new();
        for r in 0..birim_sayfasi.satir_sayisi {
            let anahtar = norm(&metin(birim_sayfasi.al(r, 0)));
            if ["birimadi", "mudurluk", "harcamabirimi"].contains(&anahtar.as_str()) {
                birim_adi = metin(birim_sayfasi.al(r, 1));
            }
        }
        let birim = BIRIMLER
            .iter()
            .find(|b| norm(b.ad) == norm(&birim_adi) || norm(b.kisa_ad) == norm(&birim_adi))
            .unwrap_or_else(|| panic!("Y005: {} ({birim_adi})", yol.display()));
        m.birimler.push(birim.ad.to_string());

        if let Some(s) = sayfa_oku(&mut kitap, "Göstergeler") {
            let mut ss = sutunlar(&[
                ("Gösterge Kodu", &["Kod", "PG Kodu", "Gösterge No"], true),
                ("Hedef Kodu", &["Hedef"], true),
                ("Gösterge Adı", &["Performans Göstergesi", "Gösterge"], true),
                ("Ölçü Birimi", &["Birim Türü", "Ölçü"], true),
                ("Göstergenin Yönü", &["Yön"], true),
                (
                    "Hedefe Etkisi (%)",
                    &["Hedefe Etkisi", "Etki", "Ağırlık"],
                    true,
                ),
                (
                    "Başlangıç Değeri",
                    &["Plan Dönemi Başlangıç Değeri", "Mevcut Değer"],
                    true,
                ),
                ("İzleme Sıklığı", &["İzleme"], true),
                ("Raporlama Sıklığı", &["Raporlama"], true),
            ]);
            for y in YILLAR {
                ss.push(Sutun {
                    ad: y.to_string(),
                    takmalar: vec![format!("{y} Hedefi"), format!("{y} Yılı Hedef")],
                    gerekli: true,
                });
            }
            for satir in tablo_oku(&s, &ss) {
                let d = |k: &str| satir.get(k).cloned().unwrap_or(Data::Empty);
                let mut hedefler = [f64::NAN; 5];
                for (i, y) in YILLAR.iter().enumerate() {
                    hedefler[i] = oku.sayi(&d(&y.to_string())).unwrap_or(f64::NAN);
                }
                m.gostergeler.push(OkunanGosterge {
                    kod: kod(&d("Gösterge Kodu"), "PG"),
                    hedef: kod(&d("Hedef Kodu"), "H"),
                    birim: birim.ad.to_string(),
                    olcu: metin(&d("Ölçü Birimi")),
                    yon: metin(&d("Göstergenin Yönü")),
                    etki: oku.sayi(&d("Hedefe Etkisi (%)")).unwrap_or(f64::NAN),
                    baslangic: oku.sayi(&d("Başlangıç Değeri")).unwrap_or(f64::NAN),
                    hedefler,
                    izleme: metin(&d("İzleme Sıklığı")),
                });
            }
        }
        if let Some(s) = sayfa_oku(&mut kitap, "Gerçekleşmeler") {
            let ss = sutunlar(&[
                ("Gösterge Kodu", &["Kod"], true),
                ("Yıl", &[], true),
                ("Dönem", &["İzleme Dönemi"], true),
                ("Gerçekleşen Değer", &["Gerçekleşme", "Değer"], true),
                ("Sapma Nedeni", &["Açıklama", "Sapmanın Nedenleri"], false),
            ]);
            for satir in tablo_oku(&s, &ss) {
                let d = |k: &str| satir.get(k).cloned().unwrap_or(Data::Empty);
                let donem = norm(&metin(&d("Dönem")));
                let ara = ["1izleme", "idonem", "6ay", "ara"].contains(&donem.as_str());
                assert!(
                    ara || ["yilsonu", "iidonem", "12ay", "yillik"].contains(&donem.as_str()),
                    "D005: {donem}"
                );
                assert_eq!(oku.sayi(&d("Yıl")), Some(YIL as f64));
                m.gerceklesmeler.push(OkunanGerceklesme {
                    kod: kod(&d("Gösterge Kodu"), "PG"),
                    ara,
                    deger: oku.sayi(&d("Gerçekleşen Değer")).unwrap_or(f64::NAN),
                    sapma: metin(&d("Sapma Nedeni")),
                });
            }
        }
        if let Some(s) = sayfa_oku(&mut kitap, "Faaliyetler") {
            let ss = sutunlar(&[
                ("Faaliyet Kodu", &["Kod"], true),
                ("Hedef Kodu", &["Hedef", "Performans Hedefi"], true),
                (
                    "Faaliyet Adı",
                    &["Faaliyet/Proje Adı", "Faaliyet", "Proje"],
                    true,
                ),
                ("Türü", &["Tür"], false),
                ("Yıl", &[], true),
                (
                    "Bütçe (TL)",
                    &["Bütçe Kaynağı", "Planlanan Tutar", "Ödenek"],
                    true,
                ),
                ("Bütçe Dışı (TL)", &["Bütçe Dışı Kaynak"], false),
                (
                    "Gerçekleşen (TL)",
                    &["Harcama", "Gerçekleşen Harcama"],
                    false,
                ),
                ("Durum", &["Gerçekleşme Durumu"], false),
            ]);
            for satir in tablo_oku(&s, &ss) {
                let d = |k: &str| satir.get(k).cloned().unwrap_or(Data::Empty);
                let tur = metin(&d("Türü"));
                let onek = if norm(&tur) == "proje" { "P" } else { "F" };
                m.faaliyetler.push(OkunanFaaliyet {
                    kod: kod(&d("Faaliyet Kodu"), onek),
                    hedef: kod(&d("Hedef Kodu"), "H"),
                    birim: birim.ad.to_string(),
                    yil: oku.sayi(&d("Yıl")).unwrap_or(0.0) as i32,
                    butce: oku.sayi(&d("Bütçe (TL)")).unwrap_or(f64::NAN),
                    butce_disi: oku.sayi(&d("Bütçe Dışı (TL)")).unwrap_or(0.0),
                    gerceklesen: oku.sayi(&d("Gerçekleşen (TL)")),
                    durum: metin(&d("Durum")),
                });
            }
        }
        if let Some(s) = sayfa_oku(&mut kitap, "Bütçe") {
            let ss = sutunlar(&[
                ("Yıl", &[], true),
                ("Ekonomik Kod", &["Kod"], true),
                ("Başlangıç Ödeneği", &["Bütçe Ödeneği", "Ödenek"], true),
                (
                    "Toplam Ödenek",
                    &["Yıl Sonu Ödeneği", "Revize Ödenek"],
                    false,
                ),
                ("Harcama", &["Gerçekleşen", "Harcanan"], false),
            ]);
            for satir in tablo_oku(&s, &ss) {
                let d = |k: &str| satir.get(k).cloned().unwrap_or(Data::Empty);
                let baslangic = oku.sayi(&d("Başlangıç Ödeneği")).unwrap_or(f64::NAN);
                let kod_metni = metin(&d("Ekonomik Kod"));
                m.butce.push(OkunanButce {
                    birim: birim.ad.to_string(),
                    yil: oku.sayi(&d("Yıl")).unwrap_or(0.0) as i32,
                    kod: format!("{:0>2}", kod_metni),
                    baslangic,
                    toplam: oku.sayi(&d("Toplam Ödenek")).unwrap_or(baslangic),
                    harcama: oku.sayi(&d("Harcama")),
                });
            }
        }
    }
    m.belirsiz = oku.belirsiz_sayi;
    m
}

/// Recomputes every rule on what was read back; returns the summary printed by the test.
fn kurallari_denetle(m: &Model) -> String {
    let hedefler = hedef_kodlari();
    let plan_maliyeti: BTreeMap<&str, u64> = {
        let fs = faaliyetler();
        hedefler
            .iter()
            .map(|h| (*h, maliyet_tahmini(h, &fs)))
            .collect()
    };
    assert!(m.belirsiz.is_empty(), "D006: {:?}", m.belirsiz);

    // Y006/Y007: one workbook per expected directorate.
    let birimler: BTreeSet<_> = m.birimler.iter().collect();
    assert_eq!(birimler.len(), m.birimler.len(), "Y006");
    assert_eq!(birimler.len(), BIRIMLER.len(), "Y007");

    let mut ozet = String::new();
    let mut oranlar = (0, 0, 0);
    for h in &hedefler {
        let gs: Vec<_> = m.gostergeler.iter().filter(|g| g.hedef == *h).collect();
        assert!(!gs.is_empty(), "G006: {h}");
        let toplam: f64 = gs.iter().map(|g| g.etki).sum();
        assert!((toplam - 100.0).abs() <= 0.01, "G005: {h} = {toplam}");
        let mut hedef_gerceklesmesi = 0.0;
        for g in &gs {
            assert!(g.etki > 0.0 && g.etki <= 100.0, "G007: {}", g.kod);
            assert!(
                g.kod.starts_with("PG") && g.hedefler.iter().all(|x| x.is_finite()),
                "G002: {}",
                g.kod
            );
            let dizi: Vec<f64> = std::iter::once(g.baslangic).chain(g.hedefler).collect();
            match g.yon.as_str() {
                "Artış" => assert!(dizi.windows(2).all(|w| w[0] <= w[1]), "G003: {}", g.kod),
                "Azalış" => assert!(dizi.windows(2).all(|w| w[0] >= w[1]), "G003: {}", g.kod),
                "Artış/Azalış" => {}
                y => panic!("D005: {} {y}", g.kod),
            }
            let yil_sonu: Vec<_> = m
                .gerceklesmeler
                .iter()
                .filter(|r| r.kod == g.kod && !r.ara)
                .collect();
            assert_eq!(yil_sonu.len(), 1, "R001: {}", g.kod);
            let ara = m
                .gerceklesmeler
                .iter()
                .filter(|r| r.kod == g.kod && r.ara)
                .count();
            if g.izleme != "Yıllık" {
                assert_eq!(ara, 1, "R003: {}", g.kod);
            }
            let x = yil_sonu[0].deger;
            if g.olcu == "Yüzde" {
                assert!(
                    (0.0..=100.0).contains(&x) && dizi.iter().all(|v| (0.0..=100.0).contains(v)),
                    "G004: {}",
                    g.kod
                );
            }
            let o = oran(&g.yon, g.baslangic, g.hedefler[0], x);
            if o != 100.0 {
                assert!(!yil_sonu[0].sapma.is_empty(), "R002: {} oranı {o}", g.kod);
            }
            match o.partial_cmp(&100.0) {
                Some(std::cmp::Ordering::Less) => oranlar.0 += 1,
                Some(std::cmp::Ordering::Equal) => oranlar.1 += 1,
                _ => oranlar.2 += 1,
            }
            hedef_gerceklesmesi += o.min(100.0) * g.etki / 100.0;
        }
        // B004 on the workbooks as submitted (before the amendment).
        let maliyet: f64 = m
            .faaliyetler
            .iter()
            .filter(|f| f.hedef == *h)
            .map(|f| f.butce + f.butce_disi)
            .sum();
        assert_eq!(maliyet, plan_maliyeti[h] as f64, "B004: {h}");
        ozet.push_str(&format!(
            "{h}: {} gösterge, ağırlık {toplam}, gerçekleşme %{}, maliyet {} TL\n",
            gs.len(),
            turkce_sayi(hedef_gerceklesmesi, 1),
            turkce_sayi(maliyet, 0)
        ));
    }
    // Every row refers to something real.
    for r in &m.gerceklesmeler {
        assert!(
            m.gostergeler.iter().any(|g| g.kod == r.kod),
            "D002: {}",
            r.kod
        );
    }
    let mut gorulen = BTreeSet::new();
    for f in &m.faaliyetler {
        assert!(
            hedefler.contains(&f.hedef.as_str()),
            "D002: {} {}",
            f.kod,
            f.hedef
        );
        assert!(YILLAR.contains(&f.yil), "D004: {}", f.kod);
        assert!(
            gorulen.insert((f.kod.clone(), f.yil)),
            "D003: {} {}",
            f.kod,
            f.yil
        );
        if f.yil == YIL {
            assert!(
                f.gerceklesen.is_some() && !f.durum.is_empty(),
                "B003: {}",
                f.kod
            );
        }
    }
    // B001 and B002 per directorate.
    let mut odenek_toplami = (0.0, 0.0, 0.0, 0.0);
    for b in BIRIMLER {
        let satirlar: Vec<_> = m.butce.iter().filter(|s| s.birim == b.ad).collect();
        for s in satirlar.iter().filter(|s| s.yil == YIL) {
            assert!(
                s.harcama.unwrap_or(0.0) <= s.toplam,
                "B002: {} {}",
                b.ad,
                s.kod
            );
            assert!(
                s.kod.len() == 2 && ("01"..="09").contains(&s.kod.as_str()),
                "D005: {}",
                s.kod
            );
            odenek_toplami.0 += s.baslangic;
            odenek_toplami.1 += s.toplam;
            odenek_toplami.2 += s.harcama.unwrap_or(0.0);
        }
        let odenek_2026: f64 = satirlar
            .iter()
            .filter(|s| s.yil == YIL + 1)
            .map(|s| s.toplam)
            .sum();
        odenek_toplami.3 += odenek_2026;
        let faaliyet_2026: f64 = m
            .faaliyetler
            .iter()
            .filter(|f| f.birim == b.ad && f.yil == YIL + 1)
            .map(|f| f.butce)
            .sum();
        let fark = degisiklik_farki_birim(b.kisa_ad) as f64;
        assert!(faaliyet_2026 + fark <= odenek_2026, "B001: {}", b.ad);
    }
    let faaliyet_kodlari: BTreeSet<_> = m.faaliyetler.iter().map(|f| f.kod.clone()).collect();
    let projeler = faaliyet_kodlari
        .iter()
        .filter(|k| k.starts_with('P'))
        .count();
    ozet.push_str(&format!(
        "birim {}, amaç {}, hedef {}, gösterge {}, gerçekleşme satırı {} (oran <100: {}, =100: {}, >100: {}), \
         faaliyet/proje {} ({} proje, {} satır), bütçe satırı {}\n\
         2025 başlangıç ödeneği {} TL, toplam ödenek {} TL, harcama {} TL; 2026 ödenek {} TL\n",
        m.birimler.len(),
        AMACLAR.len(),
        hedefler.len(),
        m.gostergeler.len(),
        m.gerceklesmeler.len(),
        oranlar.0,
        oranlar.1,
        oranlar.2,
        faaliyet_kodlari.len(),
        projeler,
        m.faaliyetler.len(),
        m.butce.len(),
        turkce_sayi(odenek_toplami.0, 2),
        turkce_sayi(odenek_toplami.1, 2),
        turkce_sayi(odenek_toplami.2, 2),
        turkce_sayi(odenek_toplami.3, 2),
    ));
    ozet
}

fn gecici_dizin() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("geçici dizin: {e}"))
}

#[test]
fn yazilan_kitaplar_geri_okununca_kurallara_uyar() {
    let dizin = gecici_dizin();
    uret(dizin.path()).unwrap_or_else(|e| panic!("{e}"));
    let m = model_oku(dizin.path());
    assert_eq!(m.gostergeler.len(), GOSTERGELER.len());
    assert_eq!(
        m.faaliyetler.len(),
        faaliyetler()
            .iter()
            .map(|f| f.butce.iter().flatten().count())
            .sum::<usize>()
    );
    for g in GOSTERGELER {
        let o = m
            .gostergeler
            .iter()
            .find(|o| o.kod == g.kod)
            .unwrap_or_else(|| panic!("{} okunamadı", g.kod));
        assert_eq!(
            (o.hedef.as_str(), o.etki, o.baslangic, o.hedefler),
            (g.hedef, g.etki, g.baslangic, g.hedefler),
            "{}",
            g.kod
        );
        assert_eq!(
            (o.olcu.as_str(), o.yon.as_str(), o.birim.as_str()),
            (g.olcu, g.yon, super::tam_ad(g.birim))
        );
        let ys = m
            .gerceklesmeler
            .iter()
            .find(|r| r.kod == g.kod && !r.ara)
            .map(|r| r.deger);
        assert_eq!(ys, Some(g.yil_sonu), "{}", g.kod);
    }
    let ozet = kurallari_denetle(&m);
    println!("{ozet}");
}

#[test]
fn uretim_her_seferinde_ayni_baytlari_yazar() {
    let (a, b) = (gecici_dizin(), gecici_dizin());
    let ya = uret(a.path()).unwrap_or_else(|e| panic!("{e}"));
    let yb = uret(b.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ya.len(), yb.len());
    for (x, y) in ya.iter().zip(&yb) {
        let bx = std::fs::read(x).unwrap_or_default();
        let by = std::fs::read(y).unwrap_or_default();
        assert!(
            !bx.is_empty() && bx == by,
            "{} iki üretimde farklı",
            x.display()
        );
    }
}

#[test]
fn depodaki_ornek_uretilenle_ayni() {
    let dizin = gecici_dizin();
    let yollar = uret(dizin.path()).unwrap_or_else(|e| panic!("{e}"));
    for yol in yollar {
        let goreli = yol.strip_prefix(dizin.path()).unwrap_or(&yol);
        let depodaki = std::fs::read(proje_dizini().join(goreli)).unwrap_or_default();
        let uretilen = std::fs::read(&yol).unwrap_or_default();
        assert!(
            depodaki == uretilen,
            "data/ornek-belediye/{} güncel değil: `cargo run --bin ornek-veri` ile yeniden üretin",
            goreli.display()
        );
    }
    let depodaki_model = model_oku(&proje_dizini());
    println!("{}", kurallari_denetle(&depodaki_model));
}
