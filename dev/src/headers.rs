//! The header rows of the workbooks the tests, the example and the benchmarks write: the
//! column names of spec/workbook.md in the template's order, for a 2025–2029 plan.

/// The `Göstergeler` sheet's header row: the first 14 columns are the required ones and the
/// frequencies; the last two are optional.
pub const INDICATOR: [&str; 16] = [
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
