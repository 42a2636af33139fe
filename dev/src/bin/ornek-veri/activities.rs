//! Activities and projects, one row per plan year, with their 2025 results.
//!
//! Each recurring activity gives its 2025 and 2026 budgets; the later years are estimated
//! from 2026 (rough, rounded to 10.000 TL), as a plan's later years usually are.

use super::institution::{
    CLEANING, CLERICAL, CULTURE, ESTATE, FINANCE, HR, IT, LEGAL, PARKS, POLICE, PRESS, SUPPORT,
    VETERINARY, WORKS, ZONING,
};

pub struct Activity {
    pub code: &'static str,
    pub objective: &'static str,
    pub directorate: &'static str,
    pub name: &'static str,
    pub is_project: bool,
    /// Budget (the Bütçe (TL) column) for 2025…2029; `None` where the activity has no row
    /// that year.
    pub budget: [Option<u64>; 5],
    /// Off-budget funding (Bütçe Dışı (TL)) for 2025…2029.
    pub off_budget: [u64; 5],
    /// Expenditure (Gerçekleşen (TL)) in 2025.
    pub expenditure_2025: u64,
    /// Status (Durum) in 2025.
    pub status_2025: &'static str,
    /// Note (Açıklama) of the 2025 row.
    pub note: &'static str,
}

/// Rounds to the nearest 10.000 TL.
fn round_10k(tl: u64) -> u64 {
    (tl + 5_000) / 10_000 * 10_000
}

/// A recurring activity: the given 2025 and 2026 budgets, then 2026 grown by 15 %, 30 % and
/// 45 %.
fn recurring(b2025: u64, b2026: u64) -> [Option<u64>; 5] {
    [
        Some(b2025),
        Some(b2026),
        Some(round_10k(b2026 * 115 / 100)),
        Some(round_10k(b2026 * 130 / 100)),
        Some(round_10k(b2026 * 145 / 100)),
    ]
}

/// A project with budgets for its first years only.
fn project(budgets: &[u64]) -> [Option<u64>; 5] {
    let mut out = [None; 5];
    for (slot, b) in out.iter_mut().zip(budgets) {
        *slot = Some(*b);
    }
    out
}

const ZERO: [u64; 5] = [0; 5];

#[allow(clippy::too_many_arguments)]
fn activity(
    code: &'static str,
    objective: &'static str,
    directorate: &'static str,
    name: &'static str,
    budget: [Option<u64>; 5],
    off_budget: [u64; 5],
    expenditure_2025: u64,
    status_2025: &'static str,
    note: &'static str,
) -> Activity {
    let is_project = code.starts_with('P');
    Activity {
        code,
        objective,
        directorate,
        name,
        is_project,
        budget,
        off_budget,
        expenditure_2025,
        status_2025,
        note,
    }
}

const DONE: &str = "Tamamlandı";
const ONGOING: &str = "Devam Ediyor";
const POSTPONED: &str = "Ertelendi";

/// Every activity of the plan, in plan order.
#[rustfmt::skip]
pub fn all_activities() -> Vec<Activity> {
    vec![
        // H1.1
        activity("F1.1.1", "H1.1", HR, "Hizmet içi eğitim programlarının düzenlenmesi",
          recurring(1_850_000, 2_400_000), ZERO, 1_792_400, DONE, ""),
        activity("F1.1.2", "H1.1", HR, "İş sağlığı ve güvenliği eğitimleri ile periyodik sağlık taramalarının yaptırılması",
          recurring(2_600_000, 3_300_000), ZERO, 2_480_000, DONE, ""),
        activity("F1.1.3", "H1.1", HR, "Çalışan memnuniyeti anketi ve iç iletişim çalışmaları",
          recurring(180_000, 240_000), ZERO, 165_500, DONE, ""),
        // H1.2
        activity("F1.2.1", "H1.2", FINANCE, "Emlak ve çevre temizlik vergisi mükellef bilgilerinin saha tespitiyle güncellenmesi",
          recurring(3_200_000, 4_100_000), ZERO, 2_950_000, DONE, "12 mahallede 9.400 bağımsız bölümün tespiti yapıldı."),
        activity("F1.2.2", "H1.2", FINANCE, "Gecikmiş alacakların icra takibi ve tahsilat kampanyası",
          recurring(1_400_000, 1_750_000), ZERO, 1_380_000, DONE, ""),
        activity("F1.2.3", "H1.2", FINANCE, "Birimlere bütçe hazırlama ve ön mali kontrol eğitimi verilmesi",
          recurring(220_000, 280_000), ZERO, 204_000, DONE, ""),
        activity("F1.2.4", "H1.2", LEGAL, "Belediye alacaklarına ilişkin dava ve icra takiplerinin yürütülmesi",
          recurring(750_000, 950_000), ZERO, 702_000, DONE, ""),
        // H1.3
        activity("F1.3.1", "H1.3", IT, "e-Belediye ve mobil uygulama hizmetlerinin geliştirilmesi",
          recurring(4_800_000, 6_100_000), ZERO, 4_560_000, DONE, "Dört yeni e-Belediye hizmeti ve Palandöken Mobil uygulaması yayımlandı."),
        activity("F1.3.2", "H1.3", IT, "Sunucu, ağ altyapısı ve siber güvenlik sistemlerinin yenilenmesi",
          recurring(3_400_000, 4_300_000), ZERO, 3_520_000, DONE, ""),
        activity("F1.3.3", "H1.3", CLERICAL, "Arşiv belgelerinin taranarak Elektronik Belge Yönetim Sistemine aktarılması",
          recurring(650_000, 820_000), ZERO, 598_000, ONGOING, ""),
        activity("P1.3.1", "H1.3", IT, "Kent Bilgi Sistemi ve Coğrafi Bilgi Sistemi Kurulum Projesi",
          project(&[6_500_000, 9_200_000, 7_400_000]), [0, 3_000_000, 0, 0, 0], 5_120_000, ONGOING,
          "Halihazır harita ve numarataj katmanları tamamlandı; imar ve mülkiyet katmanları 2026 yılında yüklenecek."),
        // H1.4
        activity("F1.4.1", "H1.4", PRESS, "Beyaz Masa ve çözüm merkezi hizmetlerinin yürütülmesi",
          recurring(1_900_000, 2_450_000), ZERO, 1_860_000, DONE, ""),
        activity("F1.4.2", "H1.4", PRESS, "Halk günleri ve mahalle istişare toplantılarının düzenlenmesi",
          recurring(450_000, 580_000), ZERO, 402_000, DONE, ""),
        activity("F1.4.3", "H1.4", CLERICAL, "Meclis ve encümen kararlarının internet sitesinde yayımlanması",
          recurring(120_000, 150_000), ZERO, 118_000, DONE, ""),
        activity("F1.4.4", "H1.4", PRESS, "Vatandaş memnuniyet araştırmasının yaptırılması",
          recurring(600_000, 760_000), ZERO, 585_000, DONE, ""),
        // H2.1
        activity("F2.1.1", "H2.1", WORKS, "Sıcak asfalt kaplama yapılması",
          recurring(168_000_000, 214_000_000), ZERO, 151_240_000, DONE, ""),
        activity("F2.1.2", "H2.1", WORKS, "Mevcut yolların bakım ve onarımı (yama ve yüzeysel kaplama)",
          recurring(42_000_000, 53_500_000), ZERO, 44_150_000, DONE, ""),
        activity("F2.1.3", "H2.1", WORKS, "Beton parke taşı yol ve tretuvar yapımı",
          recurring(58_000_000, 73_000_000), ZERO, 55_870_000, DONE, ""),
        activity("F2.1.4", "H2.1", WORKS, "Asfalt mıcırı, bitüm ve agrega temini",
          recurring(36_000_000, 46_000_000), ZERO, 35_260_000, DONE, ""),
        // H2.2
        activity("F2.2.1", "H2.2", WORKS, "Kaldırımların engelli ve yaşlı erişimine uygun hâle getirilmesi",
          recurring(14_500_000, 18_600_000), ZERO, 13_900_000, DONE, ""),
        activity("F2.2.2", "H2.2", WORKS, "Bordür dizimi ve trotuar yapımı",
          recurring(22_000_000, 28_000_000), ZERO, 18_850_000, ONGOING, ""),
        activity("P2.2.1", "H2.2", WORKS, "Yıldızkent Yaya Aksı ve Bisiklet Yolu Projesi",
          project(&[9_500_000, 16_000_000, 12_000_000]), [0, 5_000_000, 0, 0, 0], 3_100_000, ONGOING,
          "Birinci etap tamamlandı.\nİkinci etap altyapı deplasesi bitince başlayacak."),
        // H2.3
        activity("F2.3.1", "H2.3", WORKS, "Karla mücadele ve buzlanma önleme çalışmaları (tuz ve solüsyon temini dahil)",
          recurring(26_000_000, 33_000_000), ZERO, 27_400_000, DONE, ""),
        activity("F2.3.2", "H2.3", SUPPORT, "Araç ve iş makinelerinin kış hazırlığı bakım ve onarımı",
          recurring(9_800_000, 12_500_000), ZERO, 9_120_000, DONE, ""),
        activity("F2.3.3", "H2.3", SUPPORT, "Akaryakıt alımı ihalesinin yapılması",
          recurring(48_000_000, 61_000_000), ZERO, 46_880_000, DONE, ""),
        // H3.1
        activity("F3.1.1", "H3.1", ZONING, "1/1000 ölçekli uygulama imar planı revizyonlarının yapılması",
          recurring(2_800_000, 3_600_000), ZERO, 2_640_000, ONGOING, ""),
        activity("F3.1.2", "H3.1", ZONING, "Mikro bölgeleme etüt ve haritalama çalışmaları",
          recurring(3_500_000, 3_900_000), ZERO, 3_380_000, DONE, ""),
        activity("F3.1.3", "H3.1", ZONING, "Yapı denetimi ve kaçak yapı tespit çalışmaları",
          recurring(900_000, 1_150_000), ZERO, 860_000, DONE, ""),
        // H3.2
        activity("F3.2.1", "H3.2", ESTATE, "Kamulaştırma işlemlerinin öncelikle uzlaşma yoluyla yürütülmesi",
          recurring(62_000_000, 78_000_000), ZERO, 48_300_000, ONGOING, ""),
        activity("F3.2.2", "H3.2", ESTATE, "Gecekondu alanlarında tapu tahsis ve tescil işlemleri",
          recurring(1_100_000, 1_400_000), ZERO, 1_020_000, DONE, ""),
        activity("F3.2.3", "H3.2", ESTATE, "Belediye taşınmaz envanterinin güncellenmesi",
          recurring(450_000, 560_000), ZERO, 0, POSTPONED,
          "Envanter yazılımı Kent Bilgi Sistemi ile birlikte kurulacağından 2026 yılına ertelendi."),
        // H3.3
        activity("F3.3.1", "H3.3", POLICE, "İşyeri ruhsat ve denetim çalışmaları",
          recurring(1_600_000, 2_050_000), ZERO, 1_540_000, DONE, ""),
        activity("F3.3.2", "H3.3", POLICE, "Semt pazarlarının düzenlenmesi ve pazar yeri denetimleri",
          recurring(850_000, 1_100_000), ZERO, 812_000, DONE, ""),
        activity("F3.3.3", "H3.3", POLICE, "İşgaliye ve görüntü kirliliği denetimleri",
          recurring(400_000, 520_000), ZERO, 388_000, DONE, ""),
        // H4.1
        activity("F4.1.1", "H4.1", CLEANING, "Evsel atıkların toplanması ve taşınması (hizmet alımı)",
          recurring(158_000_000, 201_000_000), ZERO, 156_300_000, DONE, ""),
        activity("F4.1.2", "H4.1", CLEANING, "Ambalaj atıklarının kaynağında ayrı toplanması",
          recurring(12_000_000, 15_600_000), ZERO, 9_400_000, ONGOING, ""),
        activity("F4.1.3", "H4.1", CLEANING, "Elektronik atık toplama kampanyası",
          recurring(600_000, 780_000), ZERO, 640_000, DONE, ""),
        activity("P4.1.1", "H4.1", CLEANING, "Sıfır Atık Toplama Merkezi Projesi",
          project(&[8_000_000, 11_000_000]), [2_500_000, 0, 0, 0, 0], 6_850_000, ONGOING, ""),
        // H4.2
        activity("F4.2.1", "H4.2", PARKS, "Park ve yeşil alanların bakım ve onarımı",
          recurring(38_000_000, 48_000_000), ZERO, 37_150_000, DONE, ""),
        activity("F4.2.2", "H4.2", PARKS, "Ağaçlandırma ve refüj düzenlemesi",
          recurring(9_000_000, 11_500_000), ZERO, 8_760_000, DONE, ""),
        activity("F4.2.3", "H4.2", PARKS, "Yeni park ve çocuk oyun alanı yapımı",
          recurring(46_000_000, 58_000_000), ZERO, 31_400_000, ONGOING, ""),
        activity("F4.2.4", "H4.2", PARKS, "Parkların güneş enerjili aydınlatma sistemiyle aydınlatılması",
          recurring(5_400_000, 6_900_000), ZERO, 5_310_000, DONE, ""),
        activity("P4.2.1", "H4.2", PARKS, "Palandöken Kent Ormanı Düzenleme Projesi",
          project(&[12_000_000, 18_000_000, 14_000_000]), [0, 6_000_000, 0, 0, 0], 7_900_000, ONGOING, ""),
        // H4.3
        activity("F4.3.1", "H4.3", VETERINARY, "Sahipsiz hayvanların tedavisi, aşılanması ve kısırlaştırılması",
          recurring(6_200_000, 7_900_000), ZERO, 6_050_000, DONE, ""),
        activity("F4.3.2", "H4.3", VETERINARY, "Mama ve su noktalarının oluşturulması",
          recurring(900_000, 1_150_000), ZERO, 905_000, DONE, ""),
        activity("P4.3.1", "H4.3", VETERINARY, "İkinci Hayvan Bakımevi ve Rehabilitasyon Merkezi Projesi",
          project(&[2_500_000, 14_000_000, 9_000_000]), ZERO, 2_120_000, ONGOING,
          "Uygulama projesi ve zemin etüdü tamamlandı."),
        // H5.1
        activity("F5.1.1", "H5.1", CULTURE, "Meslek edindirme ve beceri kurslarının açılması",
          recurring(7_800_000, 9_900_000), [1_200_000, 1_500_000, 1_700_000, 1_900_000, 2_100_000], 7_520_000, DONE, ""),
        activity("F5.1.2", "H5.1", CULTURE, "Kursiyer ürünlerinin sergi ve kermeslerle tanıtılması",
          recurring(450_000, 580_000), ZERO, 430_000, DONE, ""),
        // H5.2
        activity("F5.2.1", "H5.2", CULTURE, "İhtiyaç sahibi ailelere gıda, giyim ve yakacak yardımı",
          recurring(34_000_000, 43_000_000), ZERO, 33_650_000, DONE, ""),
        activity("F5.2.2", "H5.2", CULTURE, "Evde bakım ve hasta nakil hizmetleri",
          recurring(5_600_000, 7_200_000), ZERO, 5_210_000, DONE, ""),
        activity("F5.2.3", "H5.2", CULTURE, "Ramazan ayında iftar çadırı ve aşevi hizmetleri",
          recurring(6_500_000, 8_300_000), ZERO, 6_720_000, DONE, ""),
        activity("P5.2.1", "H5.2", CULTURE, "Yaşlı Yaşam Merkezi Projesi",
          project(&[15_000_000, 24_000_000, 18_000_000]), [0, 8_000_000, 0, 0, 0], 9_800_000, ONGOING,
          "Kaba inşaat tamamlandı; ince işler 2026 yılında yapılacak."),
        // H5.3
        activity("F5.3.1", "H5.3", CULTURE, "Kültürel ve sanatsal etkinliklerin düzenlenmesi (konser, sergi, konferans)",
          recurring(9_500_000, 12_000_000), ZERO, 9_880_000, DONE, ""),
        activity("F5.3.2", "H5.3", PRESS, "Beyaz Şehir Palandöken dergisi ve Erzurum takviminin basımı",
          recurring(2_400_000, 3_050_000), ZERO, 2_190_000, DONE, ""),
        activity("F5.3.3", "H5.3", CULTURE, "Okuma salonları ve mahalle kütüphanelerinin işletilmesi",
          recurring(3_200_000, 4_100_000), ZERO, 3_140_000, DONE, ""),
        activity("F5.3.4", "H5.3", CULTURE, "Kış festivali ve Ramazan etkinlikleri",
          recurring(4_500_000, 5_800_000), ZERO, 4_620_000, DONE, ""),
    ]
}
