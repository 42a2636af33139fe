//! The institution-level finance the Mali Hizmetler Müdürlüğü sends (spec/finance.md): the
//! revenue budget by code for 2024 and 2025, the debt position, the affiliates and the
//! transfers to other institutions; and the reasons for the 2025 budget lines whose spending
//! deviates from the appropriation (Bütçe's Açıklama).
//!
//! The figures are of the size of a district municipality of about 180.000 people with a
//! 2025 budget of 2,5 billion TL (Palandöken's own are not published in this form); names of
//! companies are invented.

use super::institution::{CLEANING, REPORT_YEAR};
use super::institution::{CULTURE, ESTATE, FINANCE, PARKS, VETERINARY, ZONING};

/// One revenue code of one year: (year, code, Bütçe Tahmini, Tahsilat, Açıklama).
pub struct Revenue {
    pub year: i32,
    pub code: &'static str,
    pub estimate: u64,
    pub collected: u64,
    pub explanation: &'static str,
}

const fn revenue(
    year: i32,
    code: &'static str,
    estimate: u64,
    collected: u64,
    explanation: &'static str,
) -> Revenue {
    Revenue {
        year,
        code,
        estimate,
        collected,
        explanation,
    }
}

/// Rows of the `Gelirler` sheet: the year before the report year, then the report year.
/// 09 Red ve İadeler is written positive (the books subtract it). Every 2025 code collected
/// below 85 % of its estimate has its reason.
#[rustfmt::skip]
pub const REVENUE: &[Revenue] = &[
    revenue(REPORT_YEAR - 1, "01", 198_000_000, 184_150_000, ""),
    revenue(REPORT_YEAR - 1, "03", 112_000_000, 118_760_000, ""),
    revenue(REPORT_YEAR - 1, "04", 38_000_000, 35_400_000, ""),
    revenue(REPORT_YEAR - 1, "05", 1_240_000_000, 1_286_900_000, ""),
    revenue(REPORT_YEAR - 1, "06", 210_000_000, 196_850_000, ""),
    revenue(REPORT_YEAR - 1, "08", 1_200_000, 1_080_000, ""),
    revenue(REPORT_YEAR - 1, "09", 1_900_000, 1_740_000, ""),
    revenue(REPORT_YEAR, "01", 265_000_000, 241_350_000, ""),
    revenue(REPORT_YEAR, "03", 148_000_000, 155_420_000, ""),
    revenue(REPORT_YEAR, "04", 62_000_000, 41_800_000,
        "Kentsel dönüşüm projesi için Çevre, Şehircilik ve İklim Değişikliği Bakanlığından beklenen hibenin ikinci dilimi 2026 yılına kaldı."),
    revenue(REPORT_YEAR, "05", 1_708_000_000, 1_744_600_000, ""),
    revenue(REPORT_YEAR, "06", 320_000_000, 186_300_000,
        "Satışı planlanan iki arsadan Kayakyolu mevkiindeki için ihalede teklif çıkmadı; satış 2026 yılına ertelendi."),
    revenue(REPORT_YEAR, "08", 1_500_000, 1_390_000, ""),
    revenue(REPORT_YEAR, "09", 2_500_000, 2_180_000, ""),
];

/// One debt item: (Borç Kalemi, Vade, Yıl Başı, Yıl Sonu, Açıklama).
pub struct Debt {
    pub item: &'static str,
    pub term: &'static str,
    pub start: u64,
    pub end: u64,
    pub note: &'static str,
}

const fn debt(
    item: &'static str,
    term: &'static str,
    start: u64,
    end: u64,
    note: &'static str,
) -> Debt {
    Debt {
        item,
        term,
        start,
        end,
        note,
    }
}

/// Rows of the `Borçlar` sheet (5393 md. 56): the debt on 1 January and 31 December 2025.
#[rustfmt::skip]
pub const DEBTS: &[Debt] = &[
    debt("İller Bankası A.Ş. Kredileri", "Uzun Vadeli", 186_400_000, 154_900_000,
        "Hizmet binası ve sosyal tesis kredileri; anapara ödemeleri sürüyor."),
    debt("İller Bankası A.Ş. Kredileri", "Kısa Vadeli", 31_500_000, 33_800_000,
        "Bir yıl içinde ödenecek taksitler."),
    debt("Banka Kredileri", "Uzun Vadeli", 95_000_000, 118_000_000,
        "2025 yılında iş makinesi alımı için kamu bankasından 40.000.000 TL kredi kullanıldı."),
    debt("SGK Prim Borçları", "Kısa Vadeli", 14_250_000, 9_870_000, ""),
    debt("SGK Yapılandırılmış Prim Borçları", "Uzun Vadeli", 42_600_000, 35_100_000,
        "7440 sayılı Kanun kapsamında yapılandırıldı."),
    debt("Vergi Borçları", "Kısa Vadeli", 6_820_000, 5_410_000, ""),
    debt("Tedarikçilere Borçlar", "Kısa Vadeli", 58_300_000, 47_650_000,
        "Yıl sonunda ödeme emri düzenlenip ödenmemiş hakedişler."),
];

/// One affiliate: (Adı, Türü, Faaliyet Alanı, Sermaye, Belediye Payı, Yıl Sonucu, Açıklama).
pub struct Affiliate {
    pub name: &'static str,
    pub kind: &'static str,
    pub field: &'static str,
    pub capital: Option<u64>,
    pub share: Option<f64>,
    pub result: Option<i64>,
    pub note: &'static str,
}

/// The name of the union the municipality is a member of, which receives its transfers.
pub const UNION: &str = "Türkiye Belediyeler Birliği";

/// Rows of the `İştirakler` sheet (5393 md. 56): one municipal company, one union.
pub const AFFILIATES: &[Affiliate] = &[
    Affiliate {
        name: "Palen Palandöken İnşaat Turizm Hizmet Ticaret A.Ş.",
        kind: "Şirket",
        field: "Yol bakım, temizlik ve sosyal tesis işletmeciliği",
        capital: Some(25_000_000),
        share: Some(100.0),
        result: Some(3_850_000),
        note: "2025 yılı dönem kârı; kâr dağıtılmadı.",
    },
    Affiliate {
        name: UNION,
        kind: "Birlik",
        field: "Belediyeler arası işbirliği, eğitim ve temsil",
        capital: None,
        share: None,
        result: None,
        note: "Üyelik",
    },
];

/// One transfer: (Yıl, Alıcı Kurum, Tutar, Açıklama).
pub struct Transfer {
    pub year: i32,
    pub recipient: &'static str,
    pub amount: u64,
    pub note: &'static str,
}

/// Rows of the `Transferler` sheet: the union's share, paid and planned.
pub const TRANSFERS: &[Transfer] = &[
    Transfer {
        year: REPORT_YEAR,
        recipient: UNION,
        amount: 3_420_000,
        note: "5355 sayılı Mahalli İdare Birlikleri Kanunu, birlik tüzüğü",
    },
    Transfer {
        year: REPORT_YEAR + 1,
        recipient: UNION,
        amount: 4_350_000,
        note: "5355 sayılı Mahalli İdare Birlikleri Kanunu, birlik tüzüğü",
    },
];

/// The directorate whose workbook carries the institution-level sheets.
pub const CARRIER: &str = FINANCE;

/// The Açıklama of a directorate's 2025 budget line (short name, economic code): the
/// reason its spending is below 85 % of the appropriation.
#[rustfmt::skip]
pub const BUDGET_EXPLANATIONS: &[(&str, &str, &str)] = &[
    (FINANCE, "09", "Yedek ödenekten ihtiyaç duyan birimlere 51.500.000 TL aktarıldı; yedek ödenekten doğrudan harcama yapılmaz."),
    (ZONING, "06", "Kentsel tasarım rehberi ihalesi yıl sonuna kaldı; kalan iş 2026 yılında tamamlanacak."),
    (ESTATE, "06", "İki kamulaştırma dosyasında bedel tespit davası sürdüğü için ödeme yapılamadı."),
    (CLEANING, "06", "Çöp toplama araçlarının teslimi üreticiden kaynaklı gecikmeyle 2026 yılının ilk çeyreğine kaldı."),
    (PARKS, "06", "Mahalle parklarından ikisinin yapımı kış koşulları nedeniyle 2026 yılına sarktı."),
    (VETERINARY, "06", "Hayvan bakımevi genişletme projesinin ihalesi itiraz nedeniyle yenilendi."),
    (CULTURE, "06", "Kültür merkezi yapımında hakedişlerin bir kısmı 2026 yılına kaldı."),
];

/// The Açıklama of a 2025 budget line, if it has one.
pub fn budget_explanation(short_name: &str, code: &str) -> Option<&'static str> {
    BUDGET_EXPLANATIONS
        .iter()
        .find(|(d, c, _)| *d == short_name && *c == code)
        .map(|(_, _, e)| *e)
}
