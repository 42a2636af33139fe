//! The first sheet, "Nasıl Doldurulur": what each sheet is for, the deadline and whom to ask,
//! the rules that most often fail, the accepted values, and the plan's hedefler (whose codes
//! feed the Hedef Kodu drop-downs). kitap does not read this sheet.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::Styles;
use super::table;
use super::{Subject, GUIDE_SHEET};
use crate::model::{
    ActivityKind, AffiliateKind, DebtTerm, Direction, Frequency, Period, Status, ECONOMIC_CODES,
    REVENUE_CODES,
};

/// Who answers questions about the workbook.
pub const CONTACT: &str = "Strateji Geliştirme Müdürlüğü";

fn join<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> String {
    all.iter().map(|v| label(*v)).collect::<Vec<_>>().join(", ")
}

struct Writer<'w> {
    ws: &'w mut Worksheet,
    row: u32,
}

impl Writer<'_> {
    fn heading(&mut self, styles: &Styles, text: &str) -> Result<(), XlsxError> {
        self.row += 1;
        self.ws
            .write_string_with_format(self.row, 0, text, &styles.heading)?;
        self.row += 1;
        Ok(())
    }

    fn pair(&mut self, styles: &Styles, key: &str, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, key, &styles.key)?;
        self.ws
            .write_string_with_format(self.row, 1, text, &styles.body)?;
        self.row += 1;
        Ok(())
    }
}

/// Writes the guide; returns the range of the hedef codes (`'Nasıl Doldurulur'!$A$40:$A$52`)
/// when the plan has any.
pub fn write(
    ws: &mut Worksheet,
    styles: &Styles,
    s: &Subject,
) -> Result<Option<String>, XlsxError> {
    let settings = &s.project.settings;
    let y = settings.years;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 100)?;
    ws.set_column_width(2, 36)?;

    ws.write_string_with_format(
        0,
        0,
        format!("{} — {}", settings.institution.name, s.directorate.name),
        &styles.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        format!(
            "Çalışma kitabı · Stratejik Plan {}–{} · {} Faaliyet Raporu · {} Performans Programı",
            y.plan_start, y.plan_end, y.report, y.program
        ),
        &styles.hint,
    )?;
    let mut w = Writer { ws, row: 3 };
    w.ws.write_string_with_format(w.row, 0, "Son Teslim Tarihi", &styles.key)?;
    w.ws.write_blank(w.row, 1, &styles.to_fill)?;
    w.ws.write_string_with_format(
        w.row,
        2,
        "Strateji Geliştirme Müdürlüğü doldurur.",
        &styles.hint,
    )?;
    w.row += 1;
    w.pair(
        styles,
        "Sorularınız için",
        &format!("{CONTACT} (bu çalışma kitabını size gönderen birim)."),
    )?;

    w.heading(styles, "Sayfalar")?;
    w.pair(
        styles,
        "Birim",
        "Müdürlüğün adı (değiştirmeyin), harcama yetkilisi, unvanı, hazırlayan ve tarih.",
    )?;
    w.pair(
        styles,
        "Göstergeler",
        &format!(
            "Sorumlu olduğunuz hedeflerin performans göstergeleri (hedef kartı): kod, hedef, ad, ölçü birimi, yön, hedefe etkisi, başlangıç değeri, {}–{} yıllarının hedefleri, izleme ve raporlama sıklığı, işbirliği yapılacak birimler.",
            y.plan_start, y.plan_end
        ),
    )?;
    w.pair(
        styles,
        "Gerçekleşmeler",
        &format!(
            "Göstergelerin gerçekleşen değerleri. {} yılı için her göstergenin “1. İzleme” (yılın ilk altı ayı) ve “Yıl Sonu” satırları hazırdır; daha önce gönderdikleriniz de listededir.",
            y.report
        ),
    )?;
    w.pair(
        styles,
        "Faaliyetler",
        "Hedeflerinize bağlı faaliyet ve projeler; her yıl için bir satır: bütçe, bütçe dışı kaynak, gerçekleşen harcama, durum.",
    )?;
    w.pair(
        styles,
        "Bütçe",
        &format!(
            "Ekonomik koda göre (01–09) başlangıç ödeneği, toplam ödenek ve harcama; {} ve {} yılları için satırlar hazırdır. Gerçekleşme oranı (Harcama / Toplam Ödenek) alt eşiğin (%{}) altında ya da %100'ün üstünde kalan {} satırına sapmanın nedenini Açıklama sütununa yazın.",
            y.report,
            y.program,
            crate::text::format::plain_number(settings.rules.budget_floor),
            y.report
        ),
    )?;
    if s.finance.is_some() {
        w.pair(
            styles,
            "Gelirler",
            &format!(
                "Kurumun gelir bütçesi, ekonomik koda göre: Bütçe Tahmini ve Tahsilat; {} yılı ve bir önceki yıl. 09 Red ve İadeler artı yazılır, toplamlardan düşülür. Tahsilat oranı alt eşiğin (%{}) altında kalan koda Açıklama yazın.",
                y.report,
                crate::text::format::plain_number(settings.rules.revenue_floor)
            ),
        )?;
        w.pair(
            styles,
            "Borçlar",
            &format!(
                "Belediyenin borç durumu (5393 s. Kanun md. 56): her borç kalemi için vadesi, 1 Ocak {} ve 31 Aralık {} tutarları.",
                y.report, y.report
            ),
        )?;
        w.pair(
            styles,
            "İştirakler",
            "Bağlı kuruluş, işletme, şirket ve birlikler (5393 s. Kanun md. 56): türü, faaliyet alanı, sermayesi, belediyenin payı, yıl sonucu (zarar eksi). Hiçbiri yoksa tek satıra “Yok” yazın.",
        )?;
        w.pair(
            styles,
            "Transferler",
            "Diğer idarelere (birlikler, kamu kurumları) aktarılan kaynaklar: yıl, alıcı kurum, tutar ve dayanağı.",
        )?;
    }

    w.heading(styles, "En sık yapılan hatalar")?;
    w.pair(
        styles,
        "Hedefe Etkisi toplamı 100",
        "Bir hedefin göstergelerinin “Hedefe Etkisi (%)” değerlerinin toplamı tam 100 olmalıdır (örneğin 40 + 35 + 25).",
    )?;
    w.pair(
        styles,
        "Hedefler kümülatiftir",
        &format!(
            "Yıl hedefleri ve gerçekleşen değerler plan döneminin başından ({}) itibaren kümülatif yazılır ve göstergenin yönünü izler: Artış göstergesinde Başlangıç Değeri ≤ {} hedefi ≤ {} hedefi ≤ …, Azalış göstergesinde Başlangıç Değeri ≥ {} hedefi ≥ {} hedefi ≥ … olmalıdır.",
            y.plan_start,
            y.plan_start,
            y.plan_start + 1,
            y.plan_start,
            y.plan_start + 1
        ),
    )?;
    w.pair(
        styles,
        "Sapma Nedeni",
        "Yıl Sonu değeri o yılın hedefinden sapan (eksik ya da fazla gerçekleşen) her gösterge için “Sapma Nedeni” yazılmalıdır.",
    )?;
    w.pair(
        styles,
        "Yalnızca sayı",
        "Sayı hücrelerine yalnızca sayı yazın; birim ya da açıklama eklemeyin (“1.000 m³”, “%45”, “yok”, “-” yazmayın). Ondalık ayırıcı virgüldür: 1.234,5. Yüzde göstergelerinde 45 yazın, 0,45 değil. Başlangıç değeri yoksa 0 yazın.",
    )?;
    w.pair(
        styles,
        "Kodlar verildiği gibi",
        "Kodları verildiği gibi yazın: gösterge PG1.2.3, hedef H1.2, faaliyet F1.2.3 (proje P1.2.3), ekonomik kod 01–09. Gri hücrelerdeki kodları değiştirmeyin.",
    )?;

    w.heading(styles, "Hücreler ve satırlar")?;
    w.pair(
        styles,
        "Gri hücreler",
        &format!(
            "Kilitlidir: daha önce gönderdiğiniz ya da planda kayıtlı bilgilerdir. Değişmesi gerekiyorsa {CONTACT} ile görüşün (korumanın şifresi yoktur: Gözden Geçir › Sayfa Korumasını Kaldır)."
        ),
    )?;
    w.pair(
        styles,
        "Beyaz hücreler",
        "Sizin dolduracağınız hücrelerdir. Listeli hücrelerde açılır listeden seçin.",
    )?;
    w.pair(
        styles,
        "Önerilen satırlar",
        "Kodu beyaz hücrede olan satırlar öneridir (bu yılın gerçekleşmeleri, bütçe kodları, yeni gösterge ve faaliyet satırları). Kullanmadığınız öneri satırını tümüyle temizleyin (satırı seçip Delete): tümüyle boş satır okunmaz, yarım dolu satır hata verir. Kullanmadığınız ekonomik koda 0 da yazabilirsiniz.",
    )?;
    w.pair(
        styles,
        "Yeni satır",
        "Yeni gösterge, gerçekleşme, faaliyet ya da bütçe satırını tablonun altındaki ilk boş satıra yazın.",
    )?;
    w.pair(
        styles,
        "Gri başlıklı sütunlar",
        "Gösterge Adı, Yıl Hedefi ve Ekonomik Kod Adı sütunları yalnızca bilgi içindir; okunmaz.",
    )?;
    w.pair(
        styles,
        "Sayfalar ve başlıklar",
        "Sayfa adlarını ve başlık satırlarını değiştirmeyin, sayfaları gizlemeyin. Bu sayfa okunmaz.",
    )?;
    w.pair(
        styles,
        "Gönderme",
        &format!("Dosyayı .xlsx biçiminde kaydedip {CONTACT}ne gönderin."),
    )?;

    w.heading(styles, "Kabul edilen değerler")?;
    w.pair(
        styles,
        "Göstergenin Yönü",
        &join(Direction::ALL, Direction::label),
    )?;
    w.pair(
        styles,
        "İzleme / Raporlama Sıklığı",
        &join(Frequency::ALL, Frequency::label),
    )?;
    w.pair(
        styles,
        "Dönem",
        &format!(
            "{} (yılın ilk altı ayı), {}",
            Period::Interim.label(),
            Period::YearEnd.label()
        ),
    )?;
    w.pair(
        styles,
        "Türü",
        &join(ActivityKind::ALL, ActivityKind::label),
    )?;
    w.pair(styles, "Durum", &join(Status::ALL, Status::label))?;
    if s.finance.is_some() {
        w.pair(
            styles,
            "Gelir Kodu",
            &REVENUE_CODES
                .iter()
                .map(|(c, n)| format!("{c} {n}"))
                .collect::<Vec<_>>()
                .join("; "),
        )?;
        w.pair(styles, "Vade", &join(DebtTerm::ALL, DebtTerm::label))?;
        w.pair(
            styles,
            "İştirak Türü",
            &join(AffiliateKind::ALL, AffiliateKind::label),
        )?;
    }
    w.pair(
        styles,
        "Ekonomik Kod",
        &ECONOMIC_CODES
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect::<Vec<_>>()
            .join("; "),
    )?;

    w.heading(styles, "Sorumlu olduğunuz hedefler")?;
    if s.objectives.is_empty() {
        w.pair(
            styles,
            "Hedef yok",
            "plan.yaml'da bu müdürlüğün sorumlu olduğu hedef yok. Başka birimlerin hedeflerine katkı veren faaliyetlerinizi Faaliyetler sayfasına, bütçenizi Bütçe sayfasına yazın.",
        )?;
    } else {
        for code in &s.objectives {
            let name = s
                .project
                .plan
                .goals
                .iter()
                .flat_map(|g| &g.objectives)
                .find(|o| o.code == *code)
                .map(|o| o.name.as_str())
                .unwrap_or("");
            w.pair(styles, code, name)?;
        }
    }

    w.heading(styles, "Plan hedefleri")?;
    w.ws.write_string_with_format(w.row, 0, "Hedef Kodu", &styles.header)?;
    w.ws.write_string_with_format(w.row, 1, "Hedef", &styles.header)?;
    w.ws.write_string_with_format(w.row, 2, "Sorumlu Birim", &styles.header)?;
    w.row += 1;
    let first = w.row;
    for goal in &s.project.plan.goals {
        for o in &goal.objectives {
            w.ws.write_string_with_format(w.row, 0, &o.code, &styles.key)?;
            w.ws.write_string_with_format(w.row, 1, &o.name, &styles.body)?;
            w.ws.write_string_with_format(w.row, 2, &o.responsible, &styles.body)?;
            w.row += 1;
        }
    }
    let range = (w.row > first).then(|| format!("'{GUIDE_SHEET}'!$A${}:$A${}", first + 1, w.row));
    ws_protect(w.ws);
    Ok(range)
}

fn ws_protect(ws: &mut Worksheet) {
    ws.protect_with_options(&table::protection());
}
