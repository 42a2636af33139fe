//! The first sheet, "Nasıl Doldurulur": what each sheet is for, the deadline and whom to ask,
//! the rules that most often fail, the accepted values, and the plan's hedefler (whose codes
//! feed the Hedef Kodu drop-downs). kitap does not read this sheet.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

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

/// The widths of columns A, B and C (in Excel's units: characters of "0" in the default font).
const WIDTHS: [f64; 3] = [28.0, 84.0, 36.0];

/// The height of one line of the default font (Calibri 11) and the padding of a wrapped cell,
/// in points.
const LINE: f64 = 15.0;
const PADDING: f64 = 3.0;

/// How wide a character is in units of "0" of the same font: a little more than the real
/// widths of Calibri, so that an estimate never falls short (a row too low hides text; one a
/// little high only leaves space).
fn char_width(c: char) -> f64 {
    match c {
        ' ' | 'i' | 'ı' | 'l' | 'j' | 'I' | 'İ' | '.' | ',' | ';' | ':' | '\'' | '!' | '|'
        | '(' | ')' | '[' | ']' | '/' | '-' => 0.6,
        'f' | 't' | 'r' => 0.75,
        'm' | 'w' | 'M' | 'W' | 'Ğ' | '—' | '–' | '%' | '≤' | '≥' | '…' => 1.5,
        c if c.is_uppercase() => 1.25,
        _ => 1.05,
    }
}

/// How many lines `text` takes when wrapped at word boundaries in a cell `width` units wide, at
/// `scale` times the default font size (bold counts a little wider).
fn lines(text: &str, width: f64, scale: f64) -> usize {
    // Excel leaves a little room on both sides of a cell's text.
    let room = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|paragraph| {
            let mut count = 1;
            let mut used = 0.0;
            for word in paragraph.split(' ') {
                let w: f64 = word.chars().map(char_width).sum::<f64>() * scale;
                let space = if used > 0.0 {
                    char_width(' ') * scale
                } else {
                    0.0
                };
                if used > 0.0 && used + space + w > room {
                    count += 1;
                    used = 0.0;
                }
                // A word longer than a line is broken by Excel wherever it must.
                let mut w = w;
                while w > room {
                    count += 1;
                    w -= room;
                }
                used += if used > 0.0 { space } else { 0.0 } + w;
            }
            count
        })
        .sum()
}

/// The height a row needs for its texts: (text, width of its cell, font scale) each. Every
/// row gets one, a single line too: nothing is left to the program that opens the file.
fn height(cells: &[(&str, f64, f64)]) -> f64 {
    cells
        .iter()
        .map(|&(text, width, scale)| {
            lines(text, width, scale) as f64 * LINE * scale.max(1.0) + PADDING
        })
        .fold(LINE + PADDING, f64::max)
}

/// The guide's own formats: every cell wraps, so nothing runs over its neighbours.
struct Formats {
    title: Format,
    hint: Format,
    heading: Format,
    key: Format,
    body: Format,
    header: Format,
    to_fill: Format,
}

impl Formats {
    fn new(styles: &Styles) -> Formats {
        let wrap = |f: &Format| f.clone().set_text_wrap().set_align(FormatAlign::Top);
        Formats {
            title: wrap(&styles.title),
            hint: wrap(&styles.hint),
            heading: wrap(&styles.heading),
            key: wrap(&styles.key),
            body: wrap(&styles.body),
            header: styles.header.clone(),
            to_fill: styles.to_fill.clone(),
        }
    }
}

/// Font sizes relative to the default (11 pt): the title is 14 pt, a heading 12 pt, bold text
/// a little wider.
const TITLE: f64 = 14.0 / 11.0 * 1.1;
const HEADING: f64 = 12.0 / 11.0 * 1.1;
const BOLD: f64 = 1.1;

struct Writer<'w> {
    ws: &'w mut Worksheet,
    f: Formats,
    row: u32,
}

impl Writer<'_> {
    /// A line across the three columns (merged), its row as high as its text needs.
    fn across(&mut self, text: &str, format: &Format, scale: f64) -> Result<(), XlsxError> {
        self.ws
            .merge_range(self.row, 0, self.row, 2, text, format)?;
        let width = WIDTHS.iter().sum::<f64>();
        self.ws
            .set_row_height(self.row, height(&[(text, width, scale)]))?;
        Ok(())
    }

    fn heading(&mut self, text: &str) -> Result<(), XlsxError> {
        self.row += 1;
        let format = self.f.heading.clone();
        self.across(text, &format, HEADING)?;
        self.row += 1;
        Ok(())
    }

    /// A row of cells from column A on, each with its format and font scale.
    fn cells(&mut self, cells: &[(&str, Format, f64)]) -> Result<(), XlsxError> {
        for (col, (text, format, _)) in cells.iter().enumerate() {
            self.ws
                .write_string_with_format(self.row, col as u16, *text, format)?;
        }
        let fit: Vec<(&str, f64, f64)> = cells
            .iter()
            .enumerate()
            .map(|(col, (text, _, scale))| (*text, WIDTHS[col], *scale))
            .collect();
        self.ws.set_row_height(self.row, height(&fit))?;
        self.row += 1;
        Ok(())
    }

    fn pair(&mut self, key: &str, text: &str) -> Result<(), XlsxError> {
        let (k, b) = (self.f.key.clone(), self.f.body.clone());
        self.cells(&[(key, k, BOLD), (text, b, 1.0)])
    }
}

/// Writes the guide; returns the range of the hedef codes (`'Nasıl Doldurulur'!$A$40:$A$52`)
/// when the plan has any.
///
/// Every cell wraps and every row is as high as its wrapped text needs (estimated from the
/// text and the column widths, on the safe side): LibreOffice and Excel show and print the
/// rows as they are written, they do not fit them on opening. Printed: landscape A4, one
/// page wide.
pub fn write(
    ws: &mut Worksheet,
    styles: &Styles,
    s: &Subject,
) -> Result<Option<String>, XlsxError> {
    let settings = &s.project.settings;
    let y = settings.years;
    for (col, width) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);

    let mut w = Writer {
        ws,
        f: Formats::new(styles),
        row: 0,
    };
    let (title, hint) = (w.f.title.clone(), w.f.hint.clone());
    w.across(
        &format!("{} — {}", settings.institution.name, s.directorate.name),
        &title,
        TITLE,
    )?;
    w.row = 1;
    w.across(
        &format!(
            "Çalışma kitabı · Stratejik Plan {}–{} · {} Faaliyet Raporu · {} Performans Programı",
            y.plan_start, y.plan_end, y.report, y.program
        ),
        &hint,
        1.0,
    )?;
    w.row = 3;
    let (key, to_fill) = (w.f.key.clone(), w.f.to_fill.clone());
    w.ws.write_blank(w.row, 1, &to_fill)?;
    w.ws.write_string_with_format(w.row, 0, "Son Teslim Tarihi", &key)?;
    w.ws.write_string_with_format(w.row, 2, "Strateji Geliştirme Müdürlüğü doldurur.", &hint)?;
    let h = height(&[
        ("Son Teslim Tarihi", WIDTHS[0], BOLD),
        ("Strateji Geliştirme Müdürlüğü doldurur.", WIDTHS[2], 1.0),
    ]);
    w.ws.set_row_height(w.row, h)?;
    w.row += 1;
    w.pair(
        "Sorularınız için",
        &format!("{CONTACT} (bu çalışma kitabını size gönderen birim)."),
    )?;

    w.heading("Sayfalar")?;
    w.pair(
        "Birim",
        "Müdürlüğün adı (değiştirmeyin), harcama yetkilisi, unvanı, hazırlayan ve tarih.",
    )?;
    w.pair("Göstergeler",
        &format!(
            "Sorumlu olduğunuz hedeflerin performans göstergeleri (hedef kartı): kod, hedef, ad, ölçü birimi, yön, hedefe etkisi, başlangıç değeri, {}–{} yıllarının hedefleri, izleme ve raporlama sıklığı, işbirliği yapılacak birimler.",
            y.plan_start, y.plan_end
        ),
    )?;
    w.pair("Gerçekleşmeler",
        &format!(
            "Göstergelerin gerçekleşen değerleri. {} yılı için her göstergenin “1. İzleme” (yılın ilk altı ayı) ve “Yıl Sonu” satırları hazırdır; daha önce gönderdikleriniz de listededir.",
            y.report
        ),
    )?;
    w.pair("Faaliyetler",
        "Hedeflerinize bağlı faaliyet ve projeler; her yıl için bir satır: bütçe, bütçe dışı kaynak, gerçekleşen harcama, durum.",
    )?;
    w.pair("Bütçe",
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
            "Gelirler",
            &format!(
                "Kurumun gelir bütçesi, ekonomik koda göre: Bütçe Tahmini ve Tahsilat; {} yılı ve bir önceki yıl. 09 Red ve İadeler artı yazılır, toplamlardan düşülür. Tahsilat oranı alt eşiğin (%{}) altında kalan koda Açıklama yazın.",
                y.report,
                crate::text::format::plain_number(settings.rules.revenue_floor)
            ),
        )?;
        w.pair(
            "Borçlar",
            &format!(
                "Belediyenin borç durumu (5393 s. Kanun md. 56): her borç kalemi için vadesi, 1 Ocak {} ve 31 Aralık {} tutarları.",
                y.report, y.report
            ),
        )?;
        w.pair(
            "İştirakler",
            "Bağlı kuruluş, işletme, şirket ve birlikler (5393 s. Kanun md. 56): türü, faaliyet alanı, sermayesi, belediyenin payı, yıl sonucu (zarar eksi). Hiçbiri yoksa tek satıra “Yok” yazın.",
        )?;
        w.pair(
            "Transferler",
            "Diğer idarelere (birlikler, kamu kurumları) aktarılan kaynaklar: yıl, alıcı kurum, tutar ve dayanağı.",
        )?;
    }

    w.heading("En sık yapılan hatalar")?;
    w.pair("Hedefe Etkisi toplamı 100",
        "Bir hedefin göstergelerinin “Hedefe Etkisi (%)” değerlerinin toplamı tam 100 olmalıdır (örneğin 40 + 35 + 25).",
    )?;
    w.pair("Hedefler kümülatiftir",
        &format!(
            "Yıl hedefleri ve gerçekleşen değerler plan döneminin başından ({}) itibaren kümülatif yazılır ve göstergenin yönünü izler: Artış göstergesinde Başlangıç Değeri ≤ {} hedefi ≤ {} hedefi ≤ …, Azalış göstergesinde Başlangıç Değeri ≥ {} hedefi ≥ {} hedefi ≥ … olmalıdır.",
            y.plan_start,
            y.plan_start,
            y.plan_start + 1,
            y.plan_start,
            y.plan_start + 1
        ),
    )?;
    w.pair("Sapma Nedeni",
        "Yıl Sonu değeri o yılın hedefinden sapan (eksik ya da fazla gerçekleşen) her gösterge için “Sapma Nedeni” yazılmalıdır.",
    )?;
    w.pair("Yalnızca sayı",
        "Sayı hücrelerine yalnızca sayı yazın; birim ya da açıklama eklemeyin (“1.000 m³”, “%45”, “yok”, “-” yazmayın). Ondalık ayırıcı virgüldür: 1.234,5. Yüzde göstergelerinde 45 yazın, 0,45 değil. Başlangıç değeri yoksa 0 yazın.",
    )?;
    w.pair("Kodlar verildiği gibi",
        "Kodları verildiği gibi yazın: gösterge PG1.2.3, hedef H1.2, faaliyet F1.2.3 (proje P1.2.3), ekonomik kod 01–09. Gri hücrelerdeki kodları değiştirmeyin.",
    )?;

    w.heading("Hücreler ve satırlar")?;
    w.pair("Gri hücreler",
        &format!(
            "Kilitlidir: daha önce gönderdiğiniz ya da planda kayıtlı bilgilerdir. Değişmesi gerekiyorsa {CONTACT} ile görüşün (korumanın şifresi yoktur: Gözden Geçir › Sayfa Korumasını Kaldır)."
        ),
    )?;
    w.pair(
        "Beyaz hücreler",
        "Sizin dolduracağınız hücrelerdir. Listeli hücrelerde açılır listeden seçin.",
    )?;
    w.pair("Önerilen satırlar",
        "Kodu beyaz hücrede olan satırlar öneridir (bu yılın gerçekleşmeleri, bütçe kodları, yeni gösterge ve faaliyet satırları). Kullanmadığınız öneri satırını tümüyle temizleyin (satırı seçip Delete): tümüyle boş satır okunmaz, yarım dolu satır hata verir. Kullanmadığınız ekonomik koda 0 da yazabilirsiniz.",
    )?;
    w.pair("Yeni satır",
        "Yeni gösterge, gerçekleşme, faaliyet ya da bütçe satırını tablonun altındaki ilk boş satıra yazın.",
    )?;
    w.pair(
        "Gri başlıklı sütunlar",
        "Gösterge Adı, Yıl Hedefi ve Ekonomik Kod Adı sütunları yalnızca bilgi içindir; okunmaz.",
    )?;
    w.pair("Sayfalar ve başlıklar",
        "Sayfa adlarını ve başlık satırlarını değiştirmeyin, sayfaları gizlemeyin. Bu sayfa okunmaz.",
    )?;
    w.pair(
        "Gönderme",
        &format!("Dosyayı .xlsx biçiminde kaydedip {CONTACT}ne gönderin."),
    )?;

    w.heading("Kabul edilen değerler")?;
    w.pair("Göstergenin Yönü", &join(Direction::ALL, Direction::label))?;
    w.pair(
        "İzleme / Raporlama Sıklığı",
        &join(Frequency::ALL, Frequency::label),
    )?;
    w.pair(
        "Dönem",
        &format!(
            "{} (yılın ilk altı ayı), {}",
            Period::Interim.label(),
            Period::YearEnd.label()
        ),
    )?;
    w.pair("Türü", &join(ActivityKind::ALL, ActivityKind::label))?;
    w.pair("Durum", &join(Status::ALL, Status::label))?;
    if s.finance.is_some() {
        w.pair(
            "Gelir Kodu",
            &REVENUE_CODES
                .iter()
                .map(|(c, n)| format!("{c} {n}"))
                .collect::<Vec<_>>()
                .join("; "),
        )?;
        w.pair("Vade", &join(DebtTerm::ALL, DebtTerm::label))?;
        w.pair(
            "İştirak Türü",
            &join(AffiliateKind::ALL, AffiliateKind::label),
        )?;
    }
    w.pair(
        "Ekonomik Kod",
        &ECONOMIC_CODES
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect::<Vec<_>>()
            .join("; "),
    )?;

    w.heading("Sorumlu olduğunuz hedefler")?;
    if s.objectives.is_empty() {
        w.pair("Hedef yok",
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
            w.pair(code, name)?;
        }
    }

    w.heading("Plan hedefleri")?;
    let header = w.f.header.clone();
    w.cells(&[
        ("Hedef Kodu", header.clone(), BOLD),
        ("Hedef", header.clone(), BOLD),
        ("Sorumlu Birim", header, BOLD),
    ])?;
    let first = w.row;
    for goal in &s.project.plan.goals {
        for o in &goal.objectives {
            let (k, b) = (w.f.key.clone(), w.f.body.clone());
            w.cells(&[
                (&o.code, k, BOLD),
                (&o.name, b.clone(), 1.0),
                (&o.responsible, b, 1.0),
            ])?;
        }
    }
    let range = (w.row > first).then(|| format!("'{GUIDE_SHEET}'!$A${}:$A${}", first + 1, w.row));
    ws_protect(w.ws);
    Ok(range)
}

fn ws_protect(ws: &mut Worksheet) {
    ws.protect_with_options(&table::protection());
}
