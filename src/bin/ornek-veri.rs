//! `ornek-veri`: writes the bundled example project `data/ornek-belediye/` — kurum.yaml,
//! plan.yaml and one workbook per directorate — from the tables in `ornek-veri/`.
//!
//! Run from the repository root: `cargo run --bin ornek-veri [HEDEF_DİZİN]`. The output is the
//! same, byte for byte, on every run. The narrative chapters (`metinler/`), the council
//! amendment (`degisiklikler/`) and the logo are hand-written and not touched here.

#[path = "ornek-veri/faaliyet.rs"]
mod faaliyet;
#[path = "ornek-veri/gosterge.rs"]
mod gosterge;
#[cfg(test)]
#[path = "ornek-veri/kontrol.rs"]
mod kontrol;
#[path = "ornek-veri/kurum.rs"]
mod kurum;
#[path = "ornek-veri/yerlesim.rs"]
mod yerlesim;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use faaliyet::Faaliyet;
use gosterge::{Gosterge, GOSTERGELER};
use kurum::{AMACLAR, BIRIMLER};
use yerlesim::BirimVerisi;

const VARSAYILAN_HEDEF: &str = "data/ornek-belediye";

fn main() -> ExitCode {
    let hedef = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(VARSAYILAN_HEDEF));
    match uret(&hedef) {
        Ok(dosyalar) => {
            for d in &dosyalar {
                println!("yazıldı: {}", d.display());
            }
            ExitCode::SUCCESS
        }
        Err(hata) => {
            eprintln!("ornek-veri: {hata}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the generated files under `kok`; returns their paths.
pub fn uret(kok: &Path) -> Result<Vec<PathBuf>, String> {
    let faaliyetler = faaliyet::faaliyetler();
    let mut yazilan = Vec::new();

    let kurum_yolu = kok.join("kurum.yaml");
    yaz(&kurum_yolu, &yaml_metni(&kurum_dosyasi())?)?;
    yazilan.push(kurum_yolu);

    let plan_yolu = kok.join("plan.yaml");
    yaz(&plan_yolu, &yaml_metni(&plan_dosyasi(&faaliyetler))?)?;
    yazilan.push(plan_yolu);

    for v in birim_verileri(&faaliyetler) {
        let yol = kok.join("birimler").join(v.birim.dosya);
        if let Some(ust) = yol.parent() {
            std::fs::create_dir_all(ust).map_err(|e| format!("{}: {e}", ust.display()))?;
        }
        let spec = yerlesim::calisma_kitabi(&v);
        kitap::sheetwrite::write(&spec, &yol).map_err(|e| format!("{}: {e}", yol.display()))?;
        yazilan.push(yol);
    }
    Ok(yazilan)
}

fn yaz(yol: &Path, icerik: &str) -> Result<(), String> {
    if let Some(ust) = yol.parent() {
        std::fs::create_dir_all(ust).map_err(|e| format!("{}: {e}", ust.display()))?;
    }
    std::fs::write(yol, icerik).map_err(|e| format!("{}: {e}", yol.display()))
}

const BASLIK_YORUMU: &str = "# Bu dosya `cargo run --bin ornek-veri` ile üretilir (src/bin/ornek-veri.rs).\n\
# Elle değiştirmeyin: verileri src/bin/ornek-veri/ altındaki tablolarda değiştirip yeniden üretin.\n";

fn yaml_metni<T: Serialize>(deger: &T) -> Result<String, String> {
    let govde = serde_norway::to_string(deger).map_err(|e| format!("YAML yazılamadı: {e}"))?;
    Ok(format!("{BASLIK_YORUMU}{govde}"))
}

/// Groups indicators and activities by directorate, in kurum.yaml order.
pub fn birim_verileri(faaliyetler: &[Faaliyet]) -> Vec<BirimVerisi<'_>> {
    BIRIMLER
        .iter()
        .enumerate()
        .map(|(sira, birim)| BirimVerisi {
            sira,
            birim,
            gostergeler: GOSTERGELER
                .iter()
                .filter(|g| g.birim == birim.kisa_ad)
                .collect::<Vec<&Gosterge>>(),
            faaliyetler: faaliyetler
                .iter()
                .filter(|f| f.birim == birim.kisa_ad)
                .collect(),
        })
        .collect()
}

/// A hedef's cost: its activities' Bütçe + Bütçe Dışı over the plan years.
pub fn maliyet_tahmini(hedef: &str, faaliyetler: &[Faaliyet]) -> u64 {
    faaliyetler
        .iter()
        .filter(|f| f.hedef == hedef)
        .map(|f| f.butce.iter().flatten().sum::<u64>() + f.butce_disi.iter().sum::<u64>())
        .sum()
}

#[derive(Serialize)]
struct KurumDosyasi {
    kurum: KurumBilgisi,
    plan_donemi: PlanDonemi,
    yil: i32,
    program_yili: i32,
    birimler: Vec<BirimKaydi>,
    tema: BTreeMap<String, String>,
    kurallar: BTreeMap<String, String>,
    cikti: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct KurumBilgisi {
    ad: &'static str,
    kisa_ad: &'static str,
    il: &'static str,
    baskan: &'static str,
    mali_hizmetler_muduru: &'static str,
    logo: &'static str,
}

#[derive(Serialize)]
struct PlanDonemi {
    baslangic: i32,
    bitis: i32,
}

#[derive(Serialize)]
struct BirimKaydi {
    ad: &'static str,
    kisa_ad: &'static str,
}

fn kurum_dosyasi() -> KurumDosyasi {
    KurumDosyasi {
        kurum: KurumBilgisi {
            ad: kurum::KURUM_AD,
            kisa_ad: kurum::KURUM_KISA_AD,
            il: kurum::IL,
            baskan: kurum::BASKAN,
            mali_hizmetler_muduru: kurum::MALI_HIZMETLER_MUDURU,
            logo: kurum::LOGO,
        },
        plan_donemi: PlanDonemi {
            baslangic: kurum::PLAN_BASLANGIC,
            bitis: kurum::PLAN_BITIS,
        },
        yil: kurum::YIL,
        program_yili: kurum::PROGRAM_YILI,
        birimler: BIRIMLER
            .iter()
            .map(|b| BirimKaydi {
                ad: b.ad,
                kisa_ad: b.kisa_ad,
            })
            .collect(),
        tema: BTreeMap::new(),
        kurallar: BTreeMap::new(),
        cikti: BTreeMap::new(),
    }
}

#[derive(Serialize)]
struct PlanDosyasi {
    misyon: &'static str,
    vizyon: &'static str,
    temel_degerler: Vec<&'static str>,
    amaclar: Vec<AmacKaydi>,
}

#[derive(Serialize)]
struct AmacKaydi {
    kod: &'static str,
    ad: &'static str,
    hedefler: Vec<HedefKaydi>,
}

#[derive(Serialize)]
struct HedefKaydi {
    kod: &'static str,
    ad: &'static str,
    sorumlu_birim: &'static str,
    isbirligi_birimleri: Vec<&'static str>,
    riskler: Vec<&'static str>,
    stratejiler: Vec<&'static str>,
    tespitler: Vec<&'static str>,
    ihtiyaclar: Vec<&'static str>,
    maliyet_tahmini: u64,
}

/// The full `ad` of the directorate whose `kisa_ad` is `kisa` (the tables only name real ones).
fn tam_ad(kisa: &str) -> &'static str {
    kurum::birim(kisa).map(|b| b.ad).unwrap_or("")
}

fn plan_dosyasi(faaliyetler: &[Faaliyet]) -> PlanDosyasi {
    PlanDosyasi {
        misyon: kurum::MISYON,
        vizyon: kurum::VIZYON,
        temel_degerler: kurum::TEMEL_DEGERLER.to_vec(),
        amaclar: AMACLAR
            .iter()
            .map(|a| AmacKaydi {
                kod: a.kod,
                ad: a.ad,
                hedefler: a
                    .hedefler
                    .iter()
                    .map(|h| HedefKaydi {
                        kod: h.kod,
                        ad: h.ad,
                        sorumlu_birim: tam_ad(h.sorumlu),
                        isbirligi_birimleri: h.isbirligi.iter().map(|k| tam_ad(k)).collect(),
                        riskler: h.riskler.to_vec(),
                        stratejiler: h.stratejiler.to_vec(),
                        tespitler: h.tespitler.to_vec(),
                        ihtiyaclar: h.ihtiyaclar.to_vec(),
                        maliyet_tahmini: maliyet_tahmini(h.kod, faaliyetler),
                    })
                    .collect(),
            })
            .collect(),
    }
}
