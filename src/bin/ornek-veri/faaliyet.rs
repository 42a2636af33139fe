//! Activities and projects, one row per plan year, with their 2025 results.
//!
//! Each recurring activity gives its 2025 and 2026 budgets; the later years are estimated
//! from 2026 (rough, rounded to 10.000 TL), as a plan's later years usually are.

use super::kurum::{
    BASIN, BILGI, DESTEK, EMLAK, FEN, HUKUK, IK, IMAR, KULTUR, MALI, PARK, TEMIZLIK, VETERINER,
    YAZI, ZABITA,
};

pub struct Faaliyet {
    pub kod: &'static str,
    pub hedef: &'static str,
    pub birim: &'static str,
    pub ad: &'static str,
    pub proje: bool,
    /// Bütçe (TL) for 2025…2029; `None` where the activity has no row that year.
    pub butce: [Option<u64>; 5],
    /// Bütçe Dışı (TL) for 2025…2029.
    pub butce_disi: [u64; 5],
    /// Gerçekleşen (TL) in 2025.
    pub gerceklesen_2025: u64,
    /// Durum in 2025.
    pub durum_2025: &'static str,
    /// Açıklama of the 2025 row.
    pub aciklama: &'static str,
}

/// Rounds to the nearest 10.000 TL.
fn yuvarla(tl: u64) -> u64 {
    (tl + 5_000) / 10_000 * 10_000
}

/// A recurring activity: the given 2025 and 2026 budgets, then 2026 grown by 15 %, 30 % and
/// 45 %.
fn surekli(b2025: u64, b2026: u64) -> [Option<u64>; 5] {
    [
        Some(b2025),
        Some(b2026),
        Some(yuvarla(b2026 * 115 / 100)),
        Some(yuvarla(b2026 * 130 / 100)),
        Some(yuvarla(b2026 * 145 / 100)),
    ]
}

/// A project with budgets for its first years only.
fn proje(butceler: &[u64]) -> [Option<u64>; 5] {
    let mut out = [None; 5];
    for (slot, b) in out.iter_mut().zip(butceler) {
        *slot = Some(*b);
    }
    out
}

const SIFIR: [u64; 5] = [0; 5];

#[allow(clippy::too_many_arguments)]
fn f(
    kod: &'static str,
    hedef: &'static str,
    birim: &'static str,
    ad: &'static str,
    butce: [Option<u64>; 5],
    butce_disi: [u64; 5],
    gerceklesen_2025: u64,
    durum_2025: &'static str,
    aciklama: &'static str,
) -> Faaliyet {
    let proje = kod.starts_with('P');
    Faaliyet {
        kod,
        hedef,
        birim,
        ad,
        proje,
        butce,
        butce_disi,
        gerceklesen_2025,
        durum_2025,
        aciklama,
    }
}

const TAMAM: &str = "Tamamlandı";
const DEVAM: &str = "Devam Ediyor";
const ERTELENDI: &str = "Ertelendi";

/// Every activity of the plan, in plan order.
#[rustfmt::skip]
pub fn faaliyetler() -> Vec<Faaliyet> {
    vec![
        // H1.1
        f("F1.1.1", "H1.1", IK, "Hizmet içi eğitim programlarının düzenlenmesi",
          surekli(1_850_000, 2_400_000), SIFIR, 1_792_400, TAMAM, ""),
        f("F1.1.2", "H1.1", IK, "İş sağlığı ve güvenliği eğitimleri ile periyodik sağlık taramalarının yaptırılması",
          surekli(2_600_000, 3_300_000), SIFIR, 2_480_000, TAMAM, ""),
        f("F1.1.3", "H1.1", IK, "Çalışan memnuniyeti anketi ve iç iletişim çalışmaları",
          surekli(180_000, 240_000), SIFIR, 165_500, TAMAM, ""),
        // H1.2
        f("F1.2.1", "H1.2", MALI, "Emlak ve çevre temizlik vergisi mükellef bilgilerinin saha tespitiyle güncellenmesi",
          surekli(3_200_000, 4_100_000), SIFIR, 2_950_000, TAMAM, "12 mahallede 9.400 bağımsız bölümün tespiti yapıldı."),
        f("F1.2.2", "H1.2", MALI, "Gecikmiş alacakların icra takibi ve tahsilat kampanyası",
          surekli(1_400_000, 1_750_000), SIFIR, 1_380_000, TAMAM, ""),
        f("F1.2.3", "H1.2", MALI, "Birimlere bütçe hazırlama ve ön mali kontrol eğitimi verilmesi",
          surekli(220_000, 280_000), SIFIR, 204_000, TAMAM, ""),
        f("F1.2.4", "H1.2", HUKUK, "Belediye alacaklarına ilişkin dava ve icra takiplerinin yürütülmesi",
          surekli(750_000, 950_000), SIFIR, 702_000, TAMAM, ""),
        // H1.3
        f("F1.3.1", "H1.3", BILGI, "e-Belediye ve mobil uygulama hizmetlerinin geliştirilmesi",
          surekli(4_800_000, 6_100_000), SIFIR, 4_560_000, TAMAM, "Dört yeni e-Belediye hizmeti ve Palandöken Mobil uygulaması yayımlandı."),
        f("F1.3.2", "H1.3", BILGI, "Sunucu, ağ altyapısı ve siber güvenlik sistemlerinin yenilenmesi",
          surekli(3_400_000, 4_300_000), SIFIR, 3_520_000, TAMAM, ""),
        f("F1.3.3", "H1.3", YAZI, "Arşiv belgelerinin taranarak Elektronik Belge Yönetim Sistemine aktarılması",
          surekli(650_000, 820_000), SIFIR, 598_000, DEVAM, ""),
        f("P1.3.1", "H1.3", BILGI, "Kent Bilgi Sistemi ve Coğrafi Bilgi Sistemi Kurulum Projesi",
          proje(&[6_500_000, 9_200_000, 7_400_000]), [0, 3_000_000, 0, 0, 0], 5_120_000, DEVAM,
          "Halihazır harita ve numarataj katmanları tamamlandı; imar ve mülkiyet katmanları 2026 yılında yüklenecek."),
        // H1.4
        f("F1.4.1", "H1.4", BASIN, "Beyaz Masa ve çözüm merkezi hizmetlerinin yürütülmesi",
          surekli(1_900_000, 2_450_000), SIFIR, 1_860_000, TAMAM, ""),
        f("F1.4.2", "H1.4", BASIN, "Halk günleri ve mahalle istişare toplantılarının düzenlenmesi",
          surekli(450_000, 580_000), SIFIR, 402_000, TAMAM, ""),
        f("F1.4.3", "H1.4", YAZI, "Meclis ve encümen kararlarının internet sitesinde yayımlanması",
          surekli(120_000, 150_000), SIFIR, 118_000, TAMAM, ""),
        f("F1.4.4", "H1.4", BASIN, "Vatandaş memnuniyet araştırmasının yaptırılması",
          surekli(600_000, 760_000), SIFIR, 585_000, TAMAM, ""),
        // H2.1
        f("F2.1.1", "H2.1", FEN, "Sıcak asfalt kaplama yapılması",
          surekli(168_000_000, 214_000_000), SIFIR, 151_240_000, TAMAM, ""),
        f("F2.1.2", "H2.1", FEN, "Mevcut yolların bakım ve onarımı (yama ve yüzeysel kaplama)",
          surekli(42_000_000, 53_500_000), SIFIR, 44_150_000, TAMAM, ""),
        f("F2.1.3", "H2.1", FEN, "Beton parke taşı yol ve tretuvar yapımı",
          surekli(58_000_000, 73_000_000), SIFIR, 55_870_000, TAMAM, ""),
        f("F2.1.4", "H2.1", FEN, "Asfalt mıcırı, bitüm ve agrega temini",
          surekli(36_000_000, 46_000_000), SIFIR, 35_260_000, TAMAM, ""),
        // H2.2
        f("F2.2.1", "H2.2", FEN, "Kaldırımların engelli ve yaşlı erişimine uygun hâle getirilmesi",
          surekli(14_500_000, 18_600_000), SIFIR, 13_900_000, TAMAM, ""),
        f("F2.2.2", "H2.2", FEN, "Bordür dizimi ve trotuar yapımı",
          surekli(22_000_000, 28_000_000), SIFIR, 18_850_000, DEVAM, ""),
        f("P2.2.1", "H2.2", FEN, "Yıldızkent Yaya Aksı ve Bisiklet Yolu Projesi",
          proje(&[9_500_000, 16_000_000, 12_000_000]), [0, 5_000_000, 0, 0, 0], 3_100_000, DEVAM,
          "Birinci etap tamamlandı.\nİkinci etap altyapı deplasesi bitince başlayacak."),
        // H2.3
        f("F2.3.1", "H2.3", FEN, "Karla mücadele ve buzlanma önleme çalışmaları (tuz ve solüsyon temini dahil)",
          surekli(26_000_000, 33_000_000), SIFIR, 27_400_000, TAMAM, ""),
        f("F2.3.2", "H2.3", DESTEK, "Araç ve iş makinelerinin kış hazırlığı bakım ve onarımı",
          surekli(9_800_000, 12_500_000), SIFIR, 9_120_000, TAMAM, ""),
        f("F2.3.3", "H2.3", DESTEK, "Akaryakıt alımı ihalesinin yapılması",
          surekli(48_000_000, 61_000_000), SIFIR, 46_880_000, TAMAM, ""),
        // H3.1
        f("F3.1.1", "H3.1", IMAR, "1/1000 ölçekli uygulama imar planı revizyonlarının yapılması",
          surekli(2_800_000, 3_600_000), SIFIR, 2_640_000, DEVAM, ""),
        f("F3.1.2", "H3.1", IMAR, "Mikro bölgeleme etüt ve haritalama çalışmaları",
          surekli(3_500_000, 3_900_000), SIFIR, 3_380_000, TAMAM, ""),
        f("F3.1.3", "H3.1", IMAR, "Yapı denetimi ve kaçak yapı tespit çalışmaları",
          surekli(900_000, 1_150_000), SIFIR, 860_000, TAMAM, ""),
        // H3.2
        f("F3.2.1", "H3.2", EMLAK, "Kamulaştırma işlemlerinin öncelikle uzlaşma yoluyla yürütülmesi",
          surekli(62_000_000, 78_000_000), SIFIR, 48_300_000, DEVAM, ""),
        f("F3.2.2", "H3.2", EMLAK, "Gecekondu alanlarında tapu tahsis ve tescil işlemleri",
          surekli(1_100_000, 1_400_000), SIFIR, 1_020_000, TAMAM, ""),
        f("F3.2.3", "H3.2", EMLAK, "Belediye taşınmaz envanterinin güncellenmesi",
          surekli(450_000, 560_000), SIFIR, 0, ERTELENDI,
          "Envanter yazılımı Kent Bilgi Sistemi ile birlikte kurulacağından 2026 yılına ertelendi."),
        // H3.3
        f("F3.3.1", "H3.3", ZABITA, "İşyeri ruhsat ve denetim çalışmaları",
          surekli(1_600_000, 2_050_000), SIFIR, 1_540_000, TAMAM, ""),
        f("F3.3.2", "H3.3", ZABITA, "Semt pazarlarının düzenlenmesi ve pazar yeri denetimleri",
          surekli(850_000, 1_100_000), SIFIR, 812_000, TAMAM, ""),
        f("F3.3.3", "H3.3", ZABITA, "İşgaliye ve görüntü kirliliği denetimleri",
          surekli(400_000, 520_000), SIFIR, 388_000, TAMAM, ""),
        // H4.1
        f("F4.1.1", "H4.1", TEMIZLIK, "Evsel atıkların toplanması ve taşınması (hizmet alımı)",
          surekli(158_000_000, 201_000_000), SIFIR, 156_300_000, TAMAM, ""),
        f("F4.1.2", "H4.1", TEMIZLIK, "Ambalaj atıklarının kaynağında ayrı toplanması",
          surekli(12_000_000, 15_600_000), SIFIR, 9_400_000, DEVAM, ""),
        f("F4.1.3", "H4.1", TEMIZLIK, "Elektronik atık toplama kampanyası",
          surekli(600_000, 780_000), SIFIR, 640_000, TAMAM, ""),
        f("P4.1.1", "H4.1", TEMIZLIK, "Sıfır Atık Toplama Merkezi Projesi",
          proje(&[8_000_000, 11_000_000]), [2_500_000, 0, 0, 0, 0], 6_850_000, DEVAM, ""),
        // H4.2
        f("F4.2.1", "H4.2", PARK, "Park ve yeşil alanların bakım ve onarımı",
          surekli(38_000_000, 48_000_000), SIFIR, 37_150_000, TAMAM, ""),
        f("F4.2.2", "H4.2", PARK, "Ağaçlandırma ve refüj düzenlemesi",
          surekli(9_000_000, 11_500_000), SIFIR, 8_760_000, TAMAM, ""),
        f("F4.2.3", "H4.2", PARK, "Yeni park ve çocuk oyun alanı yapımı",
          surekli(46_000_000, 58_000_000), SIFIR, 31_400_000, DEVAM, ""),
        f("F4.2.4", "H4.2", PARK, "Parkların güneş enerjili aydınlatma sistemiyle aydınlatılması",
          surekli(5_400_000, 6_900_000), SIFIR, 5_310_000, TAMAM, ""),
        f("P4.2.1", "H4.2", PARK, "Palandöken Kent Ormanı Düzenleme Projesi",
          proje(&[12_000_000, 18_000_000, 14_000_000]), [0, 6_000_000, 0, 0, 0], 7_900_000, DEVAM, ""),
        // H4.3
        f("F4.3.1", "H4.3", VETERINER, "Sahipsiz hayvanların tedavisi, aşılanması ve kısırlaştırılması",
          surekli(6_200_000, 7_900_000), SIFIR, 6_050_000, TAMAM, ""),
        f("F4.3.2", "H4.3", VETERINER, "Mama ve su noktalarının oluşturulması",
          surekli(900_000, 1_150_000), SIFIR, 905_000, TAMAM, ""),
        f("P4.3.1", "H4.3", VETERINER, "İkinci Hayvan Bakımevi ve Rehabilitasyon Merkezi Projesi",
          proje(&[2_500_000, 14_000_000, 9_000_000]), SIFIR, 2_120_000, DEVAM,
          "Uygulama projesi ve zemin etüdü tamamlandı."),
        // H5.1
        f("F5.1.1", "H5.1", KULTUR, "Meslek edindirme ve beceri kurslarının açılması",
          surekli(7_800_000, 9_900_000), [1_200_000, 1_500_000, 1_700_000, 1_900_000, 2_100_000], 7_520_000, TAMAM, ""),
        f("F5.1.2", "H5.1", KULTUR, "Kursiyer ürünlerinin sergi ve kermeslerle tanıtılması",
          surekli(450_000, 580_000), SIFIR, 430_000, TAMAM, ""),
        // H5.2
        f("F5.2.1", "H5.2", KULTUR, "İhtiyaç sahibi ailelere gıda, giyim ve yakacak yardımı",
          surekli(34_000_000, 43_000_000), SIFIR, 33_650_000, TAMAM, ""),
        f("F5.2.2", "H5.2", KULTUR, "Evde bakım ve hasta nakil hizmetleri",
          surekli(5_600_000, 7_200_000), SIFIR, 5_210_000, TAMAM, ""),
        f("F5.2.3", "H5.2", KULTUR, "Ramazan ayında iftar çadırı ve aşevi hizmetleri",
          surekli(6_500_000, 8_300_000), SIFIR, 6_720_000, TAMAM, ""),
        f("P5.2.1", "H5.2", KULTUR, "Yaşlı Yaşam Merkezi Projesi",
          proje(&[15_000_000, 24_000_000, 18_000_000]), [0, 8_000_000, 0, 0, 0], 9_800_000, DEVAM,
          "Kaba inşaat tamamlandı; ince işler 2026 yılında yapılacak."),
        // H5.3
        f("F5.3.1", "H5.3", KULTUR, "Kültürel ve sanatsal etkinliklerin düzenlenmesi (konser, sergi, konferans)",
          surekli(9_500_000, 12_000_000), SIFIR, 9_880_000, TAMAM, ""),
        f("F5.3.2", "H5.3", BASIN, "Beyaz Şehir Palandöken dergisi ve Erzurum takviminin basımı",
          surekli(2_400_000, 3_050_000), SIFIR, 2_190_000, TAMAM, ""),
        f("F5.3.3", "H5.3", KULTUR, "Okuma salonları ve mahalle kütüphanelerinin işletilmesi",
          surekli(3_200_000, 4_100_000), SIFIR, 3_140_000, TAMAM, ""),
        f("F5.3.4", "H5.3", KULTUR, "Kış festivali ve Ramazan etkinlikleri",
          surekli(4_500_000, 5_800_000), SIFIR, 4_620_000, TAMAM, ""),
    ]
}
