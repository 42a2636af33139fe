//! Lays the data out as directorate workbooks, each in its directorate's own style.

use kitap::sheetwrite::{CellValue, SheetSpec, WorkbookSpec};

use super::faaliyet::Faaliyet;
use super::gosterge::Gosterge;
use super::kurum::{Bicim, Birim, ButceKalemi, YIL, YILLAR};

/// A flat table before it is placed on a sheet: headers and rows of optional cells.
struct Tablo {
    basliklar: Vec<String>,
    satirlar: Vec<Vec<Option<CellValue>>>,
    /// Vertical merges inside the data area: (first data row, last data row, column), 0-based
    /// within the data rows.
    dikey_birlesimler: Vec<(usize, usize, usize)>,
}

impl Tablo {
    fn new(basliklar: &[&str]) -> Self {
        Tablo {
            basliklar: basliklar.iter().map(|s| s.to_string()).collect(),
            satirlar: Vec::new(),
            dikey_birlesimler: Vec::new(),
        }
    }

    fn sutun(&self, baslik: &str) -> usize {
        self.basliklar
            .iter()
            .position(|b| b == baslik)
            .unwrap_or_else(|| {
                // The headers are this file's own constants: a miss is a bug in this generator.
                panic!("ornek-veri: no column {baslik:?}")
            })
    }

    fn satir(&mut self, hucreler: Vec<(&str, CellValue)>) {
        let mut satir = vec![None; self.basliklar.len()];
        for (baslik, deger) in hucreler {
            let i = self.sutun(baslik);
            satir[i] = Some(deger);
        }
        self.satirlar.push(satir);
    }

    /// Renames headers to their aliases: `(canonical, alias)` pairs.
    fn takma_adlar(&mut self, ciftler: &[(&str, &str)]) {
        for (eski, yeni) in ciftler {
            let i = self.sutun(eski);
            self.basliklar[i] = yeni.to_string();
        }
    }

    /// Puts the columns in the given order (every header must be named).
    fn sirala(&mut self, sira: &[&str]) {
        let indeksler: Vec<usize> = sira.iter().map(|b| self.sutun(b)).collect();
        assert_eq!(
            indeksler.len(),
            self.basliklar.len(),
            "ornek-veri: column order must name every column"
        );
        self.basliklar = indeksler
            .iter()
            .map(|&i| self.basliklar[i].clone())
            .collect();
        for satir in &mut self.satirlar {
            *satir = indeksler.iter().map(|&i| satir[i].clone()).collect();
        }
        for (_, _, sutun) in &mut self.dikey_birlesimler {
            *sutun = indeksler
                .iter()
                .position(|&i| i == *sutun)
                .unwrap_or(*sutun);
        }
    }

    /// Writes the header at `ilk` (0-based) and the rows under it.
    fn yerlestir(&self, sayfa: &mut SheetSpec, ilk: u32) {
        sayfa.row(ilk, self.basliklar.iter().map(|b| Some(b.as_str())));
        for (i, satir) in self.satirlar.iter().enumerate() {
            sayfa.row(ilk + 1 + i as u32, satir.iter().cloned());
        }
        for &(bas, son, sutun) in &self.dikey_birlesimler {
            sayfa.merge(
                ilk + 1 + bas as u32,
                sutun as u32,
                ilk + 1 + son as u32,
                sutun as u32,
            );
        }
        for (i, baslik) in self.basliklar.iter().enumerate() {
            let en = self
                .satirlar
                .iter()
                .filter_map(|s| match &s[i] {
                    Some(CellValue::Text(t)) => Some(t.chars().count().min(60)),
                    Some(_) => Some(14),
                    None => None,
                })
                .chain(std::iter::once(baslik.chars().count()))
                .max()
                .unwrap_or(10);
            sayfa
                .column_widths
                .insert(i as u32, (en as f64 + 2.0).max(8.0));
        }
    }
}

fn metin(s: &str) -> CellValue {
    CellValue::Text(s.to_string())
}

fn sayi(x: f64) -> CellValue {
    CellValue::Number(x)
}

fn tl(x: u64) -> CellValue {
    CellValue::Number(x as f64)
}

/// Kuruş as a number of TL with two decimals.
fn kurus(x: u64) -> CellValue {
    CellValue::Number(x as f64 / 100.0)
}

/// A number written the Turkish way: `1.234.567,89`, `11.842,5`, `70,6`. Thousands groups
/// are only used where the text stays unambiguous (see [`turkce_guvenli`]).
pub fn turkce_sayi(x: f64, ondalik: usize) -> String {
    let isaret = if x < 0.0 { "-" } else { "" };
    let metin = format!("{:.*}", ondalik, x.abs());
    let (tam, kesir) = match metin.split_once('.') {
        Some((t, k)) => (t.to_string(), Some(k.to_string())),
        None => (metin.clone(), None),
    };
    let mut gruplu = String::new();
    for (i, c) in tam.chars().enumerate() {
        if i > 0 && (tam.len() - i) % 3 == 0 {
            gruplu.push('.');
        }
        gruplu.push(c);
    }
    match kesir {
        Some(k) => format!("{isaret}{gruplu},{k}"),
        None => format!("{isaret}{gruplu}"),
    }
}

/// True when the Turkish text of a number cannot be read as a decimal point: a single
/// thousands dot followed by exactly three digits and nothing else (`27.122`) is the
/// ambiguous shape the reader warns about (D006).
pub fn turkce_guvenli(metin: &str) -> bool {
    let nokta = metin.matches('.').count();
    !(nokta == 1
        && !metin.contains(',')
        && metin.split_once('.').is_some_and(|(_, s)| s.len() == 3))
}

/// A number as Turkish text where that is unambiguous, else as a plain number.
fn turkce_hucre(x: f64, ondalik: usize) -> CellValue {
    let m = turkce_sayi(x, ondalik);
    if turkce_guvenli(&m) {
        CellValue::Text(m)
    } else {
        CellValue::Number(x)
    }
}

/// The text of a figure without trailing zero decimals: 70.6 → "70,6", 35 → "35".
fn kisa_turkce(x: f64) -> String {
    if x.fract() == 0.0 {
        turkce_sayi(x, 0)
    } else {
        let m = turkce_sayi(x, 2);
        m.trim_end_matches('0').to_string()
    }
}

fn ekonomik_kod_adi(kod: &str) -> &'static str {
    match kod {
        "01" => "Personel Giderleri",
        "02" => "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri",
        "03" => "Mal ve Hizmet Alım Giderleri",
        "04" => "Faiz Giderleri",
        "05" => "Cari Transferler",
        "06" => "Sermaye Giderleri",
        "07" => "Sermaye Transferleri",
        "08" => "Borç Verme",
        "09" => "Yedek Ödenekler",
        _ => "",
    }
}

/// Rounds to the nearest 10.000 TL.
fn yuvarla(tl: u64) -> u64 {
    (tl + 5_000) / 10_000 * 10_000
}

/// One budget line as the directorate reports it, amounts in kuruş.
pub struct ButceSatiri {
    pub yil: i32,
    pub kod: &'static str,
    pub baslangic: u64,
    pub toplam: Option<u64>,
    pub harcama: Option<u64>,
}

/// The 2025 and 2026 budget lines of a directorate.
pub fn butce_satirlari(birim_sira: usize, birim: &Birim) -> Vec<ButceSatiri> {
    let mut out = Vec::new();
    for kalem in birim.butce {
        out.push(ButceSatiri {
            yil: YIL,
            kod: kalem.kod,
            baslangic: kalem.baslangic * 100,
            toplam: Some(kalem.toplam * 100),
            harcama: Some(harcama(birim_sira, kalem)),
        });
    }
    for kalem in birim.butce {
        out.push(ButceSatiri {
            yil: YIL + 1,
            kod: kalem.kod,
            baslangic: yuvarla(kalem.baslangic * birim.artis_2026 / 100) * 100,
            toplam: None,
            harcama: None,
        });
    }
    out
}

/// Harcama in kuruş: the share of Toplam Ödenek, less a few hundred TL so the figures do
/// not look computed. Never above Toplam Ödenek.
fn harcama(birim_sira: usize, kalem: &ButceKalemi) -> u64 {
    if kalem.harcama_bp == 0 {
        return 0;
    }
    let kod: u64 = kalem.kod.parse().unwrap_or(0);
    let taban = kalem.toplam * kalem.harcama_bp / 100;
    let oynama = ((birim_sira as u64 * 31 + kod * 17) % 97) * 1_013;
    taban.saturating_sub(oynama)
}

/// Everything one directorate sends.
pub struct BirimVerisi<'a> {
    pub sira: usize,
    pub birim: &'a Birim,
    pub gostergeler: Vec<&'a Gosterge>,
    pub faaliyetler: Vec<&'a Faaliyet>,
}

pub fn calisma_kitabi(v: &BirimVerisi) -> WorkbookSpec {
    let bicim = v.birim.bicim;
    let mut sayfalar = vec![birim_sayfasi(v.birim)];
    let afis = |alt_baslik: &str| -> Option<[String; 2]> {
        (bicim == Bicim::Afisli).then(|| {
            [
                format!("PALANDÖKEN BELEDİYESİ — {}", v.birim.ad.to_uppercase_tr()),
                alt_baslik.to_string(),
            ]
        })
    };
    let bos_gosterge = v.gostergeler.is_empty();
    // Hukuk İşleri sends an empty indicator sheet; Yazı İşleri leaves the sheet out.
    if !bos_gosterge || v.birim.kisa_ad == super::kurum::HUKUK {
        let ad = if bicim == Bicim::TakmaAdli {
            "GÖSTERGELER"
        } else {
            "Göstergeler"
        };
        sayfalar.push(sayfa(
            ad,
            gosterge_tablosu(v),
            afis("2025-2029 Stratejik Planı — Hedef Kartı Performans Göstergeleri").as_ref(),
        ));
    }
    if !bos_gosterge {
        sayfalar.push(sayfa(
            "Gerçekleşmeler",
            gerceklesme_tablosu(v),
            afis("2025 Yılı Performans Göstergesi Gerçekleşmeleri").as_ref(),
        ));
    }
    if !v.faaliyetler.is_empty() {
        sayfalar.push(sayfa(
            "Faaliyetler",
            faaliyet_tablosu(v),
            afis("Faaliyet ve Projeler (2025-2029)").as_ref(),
        ));
    }
    let butce_adi = if v.birim.dosya.ends_with(".xls") {
        "Butce"
    } else {
        "Bütçe"
    };
    sayfalar.push(sayfa(
        butce_adi,
        butce_tablosu(v),
        afis("Ekonomik Koda Göre Bütçe (TL)").as_ref(),
    ));
    match bicim {
        Bicim::Afisli => sayfalar.push(aciklamalar_sayfasi()),
        Bicim::GizliSayfali => sayfalar.push(listeler_sayfasi()),
        _ => {}
    }
    WorkbookSpec { sheets: sayfalar }
}

fn sayfa(ad: &str, tablo: Tablo, afis: Option<&[String; 2]>) -> SheetSpec {
    let mut s = SheetSpec::new(ad);
    let ilk = match afis {
        Some([ust, alt]) => {
            s.set(0, 0, ust.as_str());
            s.merge(0, 0, 0, tablo.basliklar.len() as u32 - 1);
            s.set(1, 0, alt.as_str());
            2
        }
        None => 0,
    };
    tablo.yerlestir(&mut s, ilk);
    s
}

fn birim_sayfasi(b: &Birim) -> SheetSpec {
    let mut s = SheetSpec::new("Birim");
    let (ad_anahtari, yetkili_anahtari, ad) = match b.bicim {
        Bicim::TakmaAdli => ("Müdürlük", "Müdür", b.kisa_ad.to_string()),
        Bicim::DonemTakmaAdli => ("Birim Adı", "Harcama Yetkilisi", b.ad.to_uppercase_tr()),
        _ => ("Birim Adı", "Harcama Yetkilisi", b.ad.to_string()),
    };
    let satirlar = [
        (ad_anahtari, ad),
        (yetkili_anahtari, b.yetkili.to_string()),
        ("Unvan", b.unvan.to_string()),
        ("Hazırlayan", b.hazirlayan.to_string()),
        ("Tarih", b.tarih.to_string()),
    ];
    for (i, (anahtar, deger)) in satirlar.into_iter().enumerate() {
        s.set(i as u32, 0, anahtar);
        s.set(i as u32, 1, deger);
    }
    s.column_widths.insert(0, 20.0);
    s.column_widths.insert(1, 48.0);
    s
}

const GOSTERGE_BASLIKLARI: [&str; 16] = [
    "Gösterge Kodu",
    "Hedef Kodu",
    "Gösterge Adı",
    "Ölçü Birimi",
    "Göstergenin Yönü",
    "Hedefe Etkisi (%)",
    "Başlangıç Değeri",
    "2025",
    "2026",
    "2027",
    "2028",
    "2029",
    "İzleme Sıklığı",
    "Raporlama Sıklığı",
    "İşbirliği Yapılacak Birimler",
    "Açıklama",
];

fn gosterge_tablosu(v: &BirimVerisi) -> Tablo {
    let bicim = v.birim.bicim;
    let mut t = Tablo::new(&GOSTERGE_BASLIKLARI);
    for (i, g) in v.gostergeler.iter().enumerate() {
        let kod = match bicim {
            // Codes as people type them: without the prefix, or in lower case with a space.
            Bicim::TakmaAdli if i % 3 == 0 => g.kod.trim_start_matches("PG").to_string(),
            Bicim::TakmaAdli if i % 3 == 1 => format!("pg {}", g.kod.trim_start_matches("PG")),
            _ => g.kod.to_string(),
        };
        let hedef = if bicim == Bicim::Birlesik {
            g.hedef.to_lowercase()
        } else {
            g.hedef.to_string()
        };
        let etki = if bicim == Bicim::MetinSayili {
            metin(&format!("%{}", kisa_turkce(g.etki)))
        } else {
            sayi(g.etki)
        };
        let mut hucreler = vec![
            ("Gösterge Kodu", metin(&kod)),
            ("Hedef Kodu", metin(&hedef)),
            ("Gösterge Adı", metin(g.ad)),
            ("Ölçü Birimi", metin(g.olcu)),
            ("Göstergenin Yönü", metin(g.yon)),
            ("Hedefe Etkisi (%)", etki),
            ("Başlangıç Değeri", sayi(g.baslangic)),
            ("İzleme Sıklığı", metin(g.izleme)),
            ("Raporlama Sıklığı", metin(g.raporlama)),
        ];
        for (yil, hedef_degeri) in ["2025", "2026", "2027", "2028", "2029"]
            .into_iter()
            .zip(g.hedefler)
        {
            hucreler.push((yil, sayi(hedef_degeri)));
        }
        if !g.isbirligi.is_empty() {
            hucreler.push(("İşbirliği Yapılacak Birimler", metin(g.isbirligi)));
        }
        if !g.aciklama.is_empty() {
            hucreler.push(("Açıklama", metin(g.aciklama)));
        }
        t.satir(hucreler);
    }
    if bicim == Bicim::TakmaAdli {
        t.takma_adlar(&[
            ("Gösterge Kodu", "PG Kodu"),
            ("Hedef Kodu", "Hedef"),
            ("Gösterge Adı", "Performans Göstergesi"),
            ("Ölçü Birimi", "Ölçü"),
            ("Göstergenin Yönü", "Yön"),
            ("Hedefe Etkisi (%)", "Ağırlık"),
            ("Başlangıç Değeri", "Mevcut Değer"),
            ("2025", "2025 Hedefi"),
            ("2026", "2026 Hedefi"),
            ("2027", "2027 Hedefi"),
            ("2028", "2028 Hedefi"),
            ("2029", "2029 Hedefi"),
            ("İzleme Sıklığı", "İzleme"),
            ("Raporlama Sıklığı", "Raporlama"),
            ("İşbirliği Yapılacak Birimler", "İşbirliği"),
            ("Açıklama", "Not"),
        ]);
        t.sirala(&[
            "Hedef",
            "PG Kodu",
            "Performans Göstergesi",
            "Yön",
            "Ölçü",
            "Ağırlık",
            "Mevcut Değer",
            "2025 Hedefi",
            "2026 Hedefi",
            "2027 Hedefi",
            "2028 Hedefi",
            "2029 Hedefi",
            "Raporlama",
            "İzleme",
            "Not",
            "İşbirliği",
        ]);
    }
    if bicim == Bicim::Standart && v.birim.dosya.starts_with("cevre-ve-saglik/") {
        // The other aliases of the template's headers, as an older template wrote them.
        t.takma_adlar(&[
            ("Başlangıç Değeri", "Plan Dönemi Başlangıç Değeri"),
            ("2025", "2025 Yılı Hedef"),
            ("2026", "2026 Yılı Hedef"),
            ("2027", "2027 Yılı Hedef"),
            ("2028", "2028 Yılı Hedef"),
            ("2029", "2029 Yılı Hedef"),
        ]);
    }
    t
}

fn gerceklesme_tablosu(v: &BirimVerisi) -> Tablo {
    let bicim = v.birim.bicim;
    let (ara, sonu) = if bicim == Bicim::DonemTakmaAdli {
        ("I. Dönem", "II. Dönem")
    } else {
        ("1. İzleme", "Yıl Sonu")
    };
    let mut t = Tablo::new(&[
        "Gösterge Kodu",
        "Yıl",
        "Dönem",
        "Gerçekleşen Değer",
        "Sapma Nedeni",
        "Veri Kaynağı",
    ]);
    for g in &v.gostergeler {
        let deger = |x: f64| -> CellValue {
            match bicim {
                Bicim::MetinSayili if g.olcu == "Yüzde" => metin(&format!("%{}", kisa_turkce(x))),
                Bicim::MetinSayili if x.fract() != 0.0 => turkce_hucre(x, 1),
                Bicim::Afisli if x.fract() != 0.0 && x >= 1000.0 => turkce_hucre(x, 1),
                _ => sayi(x),
            }
        };
        if let Some(x) = g.izleme1 {
            t.satir(vec![
                ("Gösterge Kodu", metin(g.kod)),
                ("Yıl", sayi(YIL as f64)),
                ("Dönem", metin(ara)),
                ("Gerçekleşen Değer", deger(x)),
                ("Veri Kaynağı", metin(g.kaynak)),
            ]);
        }
        let mut hucreler = vec![
            ("Gösterge Kodu", metin(g.kod)),
            ("Yıl", sayi(YIL as f64)),
            ("Dönem", metin(sonu)),
            ("Gerçekleşen Değer", deger(g.yil_sonu)),
            ("Veri Kaynağı", metin(g.kaynak)),
        ];
        if !g.sapma.is_empty() {
            hucreler.push(("Sapma Nedeni", metin(g.sapma)));
        }
        t.satir(hucreler);
    }
    if bicim == Bicim::TakmaAdli {
        t.takma_adlar(&[
            ("Gösterge Kodu", "Kod"),
            ("Dönem", "İzleme Dönemi"),
            ("Gerçekleşen Değer", "Gerçekleşme"),
            ("Sapma Nedeni", "Sapmanın Nedenleri"),
            ("Veri Kaynağı", "Kaynak"),
        ]);
        t.sirala(&[
            "Yıl",
            "İzleme Dönemi",
            "Kod",
            "Gerçekleşme",
            "Kaynak",
            "Sapmanın Nedenleri",
        ]);
    }
    t
}

fn faaliyet_tablosu(v: &BirimVerisi) -> Tablo {
    let bicim = v.birim.bicim;
    let mut t = Tablo::new(&[
        "Faaliyet Kodu",
        "Hedef Kodu",
        "Faaliyet Adı",
        "Türü",
        "Yıl",
        "Bütçe (TL)",
        "Bütçe Dışı (TL)",
        "Gerçekleşen (TL)",
        "Durum",
        "Açıklama",
    ]);
    for f in &v.faaliyetler {
        let ilk_satir = t.satirlar.len();
        let mut ilk = true;
        for (i, yil) in YILLAR.iter().enumerate() {
            let Some(butce) = f.butce[i] else { continue };
            // In the merged layout only the first row of an activity names it.
            let adli = bicim != Bicim::Birlesik || ilk;
            let kod = if bicim == Bicim::GizliSayfali && f.kod == "F5.1.2" {
                "f 5.1.2".to_string()
            } else {
                f.kod.to_string()
            };
            let mut hucreler = vec![("Yıl", sayi(*yil as f64)), ("Bütçe (TL)", tl(butce))];
            if adli {
                hucreler.push(("Faaliyet Kodu", metin(&kod)));
                hucreler.push(("Hedef Kodu", metin(f.hedef)));
                hucreler.push(("Faaliyet Adı", metin(f.ad)));
                let tur = if f.proje {
                    Some("Proje")
                } else if bicim == Bicim::GizliSayfali {
                    None
                } else {
                    Some("Faaliyet")
                };
                if let Some(tur) = tur {
                    hucreler.push(("Türü", metin(tur)));
                }
            }
            if f.butce_disi[i] > 0 {
                hucreler.push(("Bütçe Dışı (TL)", tl(f.butce_disi[i])));
            }
            if *yil == YIL {
                hucreler.push(("Gerçekleşen (TL)", tl(f.gerceklesen_2025)));
                hucreler.push(("Durum", metin(f.durum_2025)));
                if !f.aciklama.is_empty() {
                    hucreler.push(("Açıklama", metin(f.aciklama)));
                }
            } else {
                hucreler.push(("Durum", metin("Planlandı")));
            }
            t.satir(hucreler);
            ilk = false;
        }
        let son_satir = t.satirlar.len() - 1;
        if bicim == Bicim::Birlesik && son_satir > ilk_satir {
            for sutun in ["Faaliyet Kodu", "Hedef Kodu", "Faaliyet Adı", "Türü"] {
                let i = t.sutun(sutun);
                t.dikey_birlesimler.push((ilk_satir, son_satir, i));
            }
        }
    }
    if bicim == Bicim::TakmaAdli {
        t.takma_adlar(&[
            ("Faaliyet Kodu", "Kod"),
            ("Hedef Kodu", "Performans Hedefi"),
            ("Faaliyet Adı", "Faaliyet/Proje Adı"),
            ("Türü", "Tür"),
            ("Bütçe (TL)", "Planlanan Tutar"),
            ("Bütçe Dışı (TL)", "Bütçe Dışı Kaynak"),
            ("Gerçekleşen (TL)", "Gerçekleşen Harcama"),
            ("Durum", "Gerçekleşme Durumu"),
            ("Açıklama", "Sonuç"),
        ]);
        t.sirala(&[
            "Yıl",
            "Kod",
            "Performans Hedefi",
            "Faaliyet/Proje Adı",
            "Tür",
            "Planlanan Tutar",
            "Bütçe Dışı Kaynak",
            "Gerçekleşen Harcama",
            "Gerçekleşme Durumu",
            "Sonuç",
        ]);
    }
    t
}

fn butce_tablosu(v: &BirimVerisi) -> Tablo {
    let bicim = v.birim.bicim;
    let mut t = Tablo::new(&[
        "Yıl",
        "Ekonomik Kod",
        "Ekonomik Sınıflandırma",
        "Başlangıç Ödeneği",
        "Toplam Ödenek",
        "Harcama",
    ]);
    let basla_sutun = t.sutun("Başlangıç Ödeneği");
    let ilk_veri_satiri: u32 = if bicim == Bicim::Afisli { 3 } else { 1 };
    for (i, s) in butce_satirlari(v.sira, v.birim).into_iter().enumerate() {
        let tutar = |kurus_degeri: u64| -> CellValue {
            if bicim == Bicim::MetinSayili {
                let ondalik = if kurus_degeri % 100 == 0 { 0 } else { 2 };
                turkce_hucre(kurus_degeri as f64 / 100.0, ondalik)
            } else {
                kurus(kurus_degeri)
            }
        };
        let kod = if bicim == Bicim::SayiKodlu {
            sayi(s.kod.parse::<f64>().unwrap_or(0.0))
        } else {
            metin(s.kod)
        };
        let yil = if bicim == Bicim::SayiKodlu {
            metin(&s.yil.to_string())
        } else {
            sayi(s.yil as f64)
        };
        let mut hucreler = vec![
            ("Yıl", yil),
            ("Ekonomik Kod", kod),
            ("Ekonomik Sınıflandırma", metin(ekonomik_kod_adi(s.kod))),
            ("Başlangıç Ödeneği", tutar(s.baslangic)),
        ];
        if let Some(toplam) = s.toplam {
            let hucre = if bicim == Bicim::Birlesik {
                // Toplam Ödenek as the formula the officer typed, with its cached value.
                let satir_no = ilk_veri_satiri + i as u32 + 1;
                let harf = (b'A' + basla_sutun as u8) as char;
                let fark = toplam as i64 - s.baslangic as i64;
                let formul = match fark.cmp(&0) {
                    std::cmp::Ordering::Equal => format!("{harf}{satir_no}"),
                    std::cmp::Ordering::Greater => format!("{harf}{satir_no}+{}", fark / 100),
                    std::cmp::Ordering::Less => format!("{harf}{satir_no}-{}", -fark / 100),
                };
                CellValue::Formula {
                    formula: formul,
                    cached: Box::new(kurus(toplam)),
                }
            } else {
                tutar(toplam)
            };
            hucreler.push(("Toplam Ödenek", hucre));
        } else if bicim == Bicim::MetinSayili {
            hucreler.push(("Toplam Ödenek", tutar(s.baslangic)));
        }
        if let Some(h) = s.harcama {
            hucreler.push(("Harcama", tutar(h)));
        }
        t.satir(hucreler);
    }
    if bicim == Bicim::TakmaAdli {
        t.takma_adlar(&[
            ("Ekonomik Kod", "Kod"),
            ("Başlangıç Ödeneği", "Bütçe Ödeneği"),
            ("Toplam Ödenek", "Yıl Sonu Ödeneği"),
            ("Harcama", "Harcanan"),
        ]);
    }
    t
}

fn aciklamalar_sayfasi() -> SheetSpec {
    let mut s = SheetSpec::new("Açıklamalar");
    let satirlar = [
        "Bu çalışma kitabı Strateji Geliştirme biriminin gönderdiği şablona göre doldurulmuştur.",
        "Göstergelerin hedef ve gerçekleşme değerleri plan döneminin başından itibaren kümülatiftir.",
        "Asfalt ve parke taşı miktarları hakediş raporlarından, karla mücadele verileri araç takip sisteminden alınmıştır.",
        "Sorular için: Fen İşleri Müdürlüğü, Yol Bakım ve Onarım Şefliği (dahili 2114).",
    ];
    for (i, satir) in satirlar.iter().enumerate() {
        s.set(i as u32, 0, *satir);
    }
    s.column_widths.insert(0, 100.0);
    s
}

fn listeler_sayfasi() -> SheetSpec {
    let mut s = SheetSpec::new("Listeler");
    s.hidden = true;
    let sutunlar: [(&str, &[&str]); 3] = [
        (
            "Durum",
            &[
                "Planlandı",
                "Devam Ediyor",
                "Tamamlandı",
                "Ertelendi",
                "İptal",
            ],
        ),
        ("Türü", &["Faaliyet", "Proje"]),
        ("Sıklık", &["Aylık", "3 Ay", "6 Ay", "Yıllık"]),
    ];
    for (c, (baslik, degerler)) in sutunlar.iter().enumerate() {
        s.set(0, c as u32, *baslik);
        for (r, d) in degerler.iter().enumerate() {
            s.set(r as u32 + 1, c as u32, *d);
        }
    }
    s
}

/// Upper-casing with Turkish rules (i → İ, ı → I).
pub trait TurkceBuyuk {
    fn to_uppercase_tr(&self) -> String;
}

impl TurkceBuyuk for str {
    fn to_uppercase_tr(&self) -> String {
        self.chars()
            .map(|c| match c {
                'i' => "İ".to_string(),
                'ı' => "I".to_string(),
                c => c.to_uppercase().collect(),
            })
            .collect()
    }
}
