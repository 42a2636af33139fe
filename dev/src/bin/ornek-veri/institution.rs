//! The institution, its directorates and the plan text (mission, vision, goals, objectives).
//!
//! Facts follow Palandöken Belediyesi's own strategy documents (its 2015-2019 performance
//! tables and its 2020-2024 indicator list); people's names are invented.

pub const INSTITUTION_NAME: &str = "Palandöken Belediyesi";
pub const INSTITUTION_SHORT_NAME: &str = "Palandöken";
pub const PROVINCE: &str = "Erzurum";
pub const MAYOR: &str = "Kemal Erdoğdu";
pub const FINANCE_DIRECTOR: &str = "Ayşe Nur Demirci";
pub const LOGO: &str = "gorseller/logo.svg";
pub const PLAN_START: i32 = 2025;
pub const PLAN_END: i32 = 2029;
pub const REPORT_YEAR: i32 = 2025;
pub const PROGRAM_YEAR: i32 = 2026;
/// The date of the Faaliyet Raporu's declarations (`beyan_tarihi`).
pub const DECLARATION_DATE: &str = "2026-03-20";
/// The plan years, in order.
pub const PLAN_YEARS: [i32; 5] = [2025, 2026, 2027, 2028, 2029];

/// How a directorate filled in its workbook: which of the reader's tolerances it leans on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The template's own headers, in the template's order.
    Standard,
    /// Two title rows above every header row (the first merged across the table), an extra
    /// "Açıklamalar" sheet, a multi-line Açıklama cell, one number typed as Turkish text.
    Bannered,
    /// Alias headers in another order, the sheet name in capitals, indicator codes without
    /// their prefix, the Birim sheet's keys by their aliases.
    Aliased,
    /// Numbers typed as Turkish text: `%35`, `%70,6`, `45.000.000`, `1.234.567,89`.
    NumbersAsText,
    /// Period names by their aliases (`I. Dönem`, `II. Dönem`), Birim Adı in capitals.
    PeriodAliased,
    /// Economic codes as bare numbers (`3` → `03`).
    NumericCodes,
    /// Vertically merged activity name and objective cells, a formula with its cached value,
    /// a lower-case objective code.
    Merged,
    /// A hidden helper sheet and a lower-case activity code with a space.
    HiddenSheet,
}

pub struct Directorate {
    pub name: &'static str,
    pub short_name: &'static str,
    /// The workbook's path under `birimler/`.
    pub file: &'static str,
    pub official: &'static str,
    pub title: &'static str,
    pub prepared_by: &'static str,
    pub date: &'static str,
    pub style: Style,
    /// Percent growth from the 2025 initial appropriation (Başlangıç Ödeneği) to the 2026 one.
    pub growth_2026: u64,
    pub budget: &'static [BudgetItem],
}

/// One economic code of a directorate's 2025 budget; 2026 is derived with `growth_2026`.
pub struct BudgetItem {
    pub code: &'static str,
    pub initial: u64,
    pub total: u64,
    /// Expenditure (Harcama) as basis points of Toplam Ödenek (9_500 = %95).
    pub expenditure_bp: u64,
}

const fn item(code: &'static str, initial: u64, total: u64, expenditure_bp: u64) -> BudgetItem {
    BudgetItem {
        code,
        initial,
        total,
        expenditure_bp,
    }
}

// The directorates' short names (`short_name`), as the tables refer to them.
pub const CLERICAL: &str = "Yazı İşleri";
pub const FINANCE: &str = "Mali Hizmetler";
pub const HR: &str = "İnsan Kaynakları ve Eğitim";
pub const IT: &str = "Bilgi İşlem";
pub const PRESS: &str = "Basın Yayın ve Halkla İlişkiler";
pub const LEGAL: &str = "Hukuk İşleri";
pub const WORKS: &str = "Fen İşleri";
pub const ZONING: &str = "İmar ve Şehircilik";
pub const ESTATE: &str = "Emlak ve İstimlak";
pub const POLICE: &str = "Zabıta";
pub const CLEANING: &str = "Temizlik İşleri";
pub const PARKS: &str = "Park ve Bahçeler";
pub const VETERINARY: &str = "Veteriner İşleri";
pub const CULTURE: &str = "Kültür ve Sosyal İşler";
pub const SUPPORT: &str = "Destek Hizmetleri";

#[rustfmt::skip]
pub const DIRECTORATES: &[Directorate] = &[
    Directorate { name: "Yazı İşleri Müdürlüğü", short_name: CLERICAL, file: "yazi-isleri.xlsx",
        official: "Serkan Aksoy", title: "Yazı İşleri Müdür V.", prepared_by: "Gülşen Arslan",
        date: "12.01.2026", style: Style::Standard, growth_2026: 126,
        budget: &[item("01", 7_150_000, 7_150_000, 9_630), item("02", 1_120_000, 1_120_000, 9_580),
                  item("03", 2_450_000, 2_650_000, 9_120)] },
    Directorate { name: "Mali Hizmetler Müdürlüğü", short_name: FINANCE, file: "mali-hizmetler.xlsx",
        official: FINANCE_DIRECTOR, title: "Mali Hizmetler Müdürü", prepared_by: "Onur Yavuz",
        date: "16.01.2026", style: Style::NumbersAsText, growth_2026: 127,
        budget: &[item("01", 36_400_000, 36_400_000, 9_710), item("02", 5_600_000, 5_600_000, 9_640),
                  item("03", 21_300_000, 22_800_000, 9_050), item("04", 45_000_000, 52_000_000, 9_960),
                  item("05", 32_000_000, 34_500_000, 9_480), item("07", 4_500_000, 4_500_000, 9_900),
                  item("09", 60_000_000, 8_500_000, 0)] },
    Directorate { name: "İnsan Kaynakları ve Eğitim Müdürlüğü", short_name: HR,
        file: "insan-kaynaklari-ve-egitim.xlsx",
        official: "Fatih Karakaya", title: "İnsan Kaynakları ve Eğitim Müdürü",
        prepared_by: "Merve Koç", date: "13.01.2026", style: Style::Standard, growth_2026: 128,
        budget: &[item("01", 19_200_000, 19_200_000, 9_690), item("02", 2_950_000, 2_950_000, 9_610),
                  item("03", 8_600_000, 9_100_000, 9_340)] },
    Directorate { name: "Bilgi İşlem Müdürlüğü", short_name: IT, file: "bilgi-islem.xlsx",
        official: "Emre Taşdemir", title: "Bilgi İşlem Müdürü", prepared_by: "Burak Aydın",
        date: "14.01.2026", style: Style::Standard, growth_2026: 128,
        budget: &[item("01", 9_100_000, 9_100_000, 9_720), item("02", 1_420_000, 1_420_000, 9_650),
                  item("03", 16_200_000, 16_900_000, 9_410), item("06", 14_500_000, 13_000_000, 8_820)] },
    Directorate { name: "Basın Yayın ve Halkla İlişkiler Müdürlüğü", short_name: PRESS,
        file: "basin-yayin-ve-halkla-iliskiler.xlsx",
        official: "Zeynep Özkan", title: "Basın Yayın ve Halkla İlişkiler Müdürü",
        prepared_by: "Tuğba Er", date: "15.01.2026", style: Style::PeriodAliased, growth_2026: 127,
        budget: &[item("01", 11_200_000, 11_200_000, 9_680), item("02", 1_720_000, 1_720_000, 9_620),
                  item("03", 24_500_000, 25_600_000, 9_270)] },
    Directorate { name: "Hukuk İşleri Müdürlüğü", short_name: LEGAL, file: "hukuk-isleri.xlsx",
        official: "Av. Murat Çelik", title: "Hukuk İşleri Müdürü", prepared_by: "Av. Sena Kurt",
        date: "12.01.2026", style: Style::Standard, growth_2026: 126,
        budget: &[item("01", 6_050_000, 6_050_000, 9_700), item("02", 930_000, 930_000, 9_640),
                  item("03", 3_250_000, 3_900_000, 9_450)] },
    Directorate { name: "Fen İşleri Müdürlüğü", short_name: WORKS, file: "fen-isleri.xlsx",
        official: "Osman Kılıç", title: "Fen İşleri Müdürü", prepared_by: "İnş. Müh. Kerem Aslan",
        date: "19.01.2026", style: Style::Bannered, growth_2026: 129,
        budget: &[item("01", 95_500_000, 95_500_000, 9_740), item("02", 14_600_000, 14_600_000, 9_690),
                  item("03", 312_000_000, 338_000_000, 9_520), item("06", 525_000_000, 561_000_000, 8_740)] },
    Directorate { name: "İmar ve Şehircilik Müdürlüğü", short_name: ZONING, file: "imar-ve-sehircilik.ods",
        official: "Hatice Şahin", title: "İmar ve Şehircilik Müdürü", prepared_by: "Şehir Pl. Deniz Acar",
        date: "16.01.2026", style: Style::NumericCodes, growth_2026: 128,
        budget: &[item("01", 31_300_000, 31_300_000, 9_700), item("02", 4_850_000, 4_850_000, 9_640),
                  item("03", 18_200_000, 18_200_000, 9_160), item("06", 12_400_000, 11_400_000, 8_030)] },
    Directorate { name: "Emlak ve İstimlak Müdürlüğü", short_name: ESTATE, file: "emlak-ve-istimlak.xls",
        official: "Yusuf Ateş", title: "Emlak ve İstimlak Müdür V.", prepared_by: "Harita Müh. Cem Oral",
        date: "15.01.2026", style: Style::Standard, growth_2026: 127,
        budget: &[item("01", 8_150_000, 8_150_000, 9_690), item("02", 1_260_000, 1_260_000, 9_600),
                  item("03", 4_100_000, 4_100_000, 9_030), item("06", 96_000_000, 88_000_000, 6_010)] },
    Directorate { name: "Zabıta Müdürlüğü", short_name: POLICE, file: "zabita.xlsx",
        official: "İbrahim Güneş", title: "Zabıta Müdürü", prepared_by: "Zabıta Komiseri Ali Tekin",
        date: "14.01.2026", style: Style::Aliased, growth_2026: 128,
        budget: &[item("01", 58_400_000, 58_400_000, 9_750), item("02", 9_050_000, 9_050_000, 9_690),
                  item("03", 14_300_000, 15_100_000, 9_380), item("06", 6_200_000, 6_200_000, 9_110)] },
    Directorate { name: "Temizlik İşleri Müdürlüğü", short_name: CLEANING,
        file: "cevre-ve-saglik/temizlik-isleri.xlsx",
        official: "Kadir Bulut", title: "Temizlik İşleri Müdürü", prepared_by: "Çevre Müh. Esra Yılmaz",
        date: "13.01.2026", style: Style::Standard, growth_2026: 129,
        budget: &[item("01", 38_600_000, 38_600_000, 9_720), item("02", 6_000_000, 6_000_000, 9_650),
                  item("03", 246_000_000, 258_000_000, 9_690), item("06", 35_500_000, 35_500_000, 7_840)] },
    Directorate { name: "Park ve Bahçeler Müdürlüğü", short_name: PARKS, file: "park-ve-bahceler.xlsx",
        official: "Selim Durmaz", title: "Park ve Bahçeler Müdürü", prepared_by: "Peyzaj Mim. Derya Kaya",
        date: "16.01.2026", style: Style::Merged, growth_2026: 128,
        budget: &[item("01", 42_300_000, 42_300_000, 9_710), item("02", 6_550_000, 6_550_000, 9_660),
                  item("03", 88_400_000, 92_000_000, 9_530), item("06", 110_000_000, 118_500_000, 8_260)] },
    Directorate { name: "Veteriner İşleri Müdürlüğü", short_name: VETERINARY,
        file: "cevre-ve-saglik/veteriner-isleri.xlsx",
        official: "Vet. Hek. Elif Yücel", title: "Veteriner İşleri Müdürü", prepared_by: "Vet. Hek. Barış Sezer",
        date: "13.01.2026", style: Style::Standard, growth_2026: 130,
        budget: &[item("01", 9_500_000, 9_500_000, 9_700), item("02", 1_480_000, 1_480_000, 9_610),
                  item("03", 13_100_000, 13_900_000, 9_640), item("06", 8_000_000, 8_000_000, 5_280)] },
    Directorate { name: "Kültür ve Sosyal İşler Müdürlüğü", short_name: CULTURE,
        file: "kultur-ve-sosyal-isler.xlsx",
        official: "Mustafa Erdem", title: "Kültür ve Sosyal İşler Müdürü", prepared_by: "Sosyolog Nihan Öztürk",
        date: "19.01.2026", style: Style::HiddenSheet, growth_2026: 128,
        budget: &[item("01", 22_100_000, 22_100_000, 9_690), item("02", 3_420_000, 3_420_000, 9_620),
                  item("03", 64_500_000, 68_000_000, 9_580), item("05", 48_000_000, 52_500_000, 9_810),
                  item("06", 25_600_000, 25_600_000, 6_950)] },
    Directorate { name: "Destek Hizmetleri Müdürlüğü", short_name: SUPPORT, file: "destek-hizmetleri.xlsx",
        official: "Cengiz Polat", title: "Destek Hizmetleri Müdürü", prepared_by: "Makine Müh. Volkan Uçar",
        date: "15.01.2026", style: Style::Standard, growth_2026: 128,
        budget: &[item("01", 24_200_000, 24_200_000, 9_730), item("02", 3_700_000, 3_700_000, 9_650),
                  item("03", 118_500_000, 126_000_000, 9_610), item("06", 40_000_000, 40_000_000, 8_890)] },
];

/// The directorate whose `short_name` is `short`.
pub fn directorate(short: &str) -> Option<&'static Directorate> {
    DIRECTORATES.iter().find(|b| b.short_name == short)
}

pub const MISSION: &str = "Palandöken halkına; katılımcı, şeffaf ve hesap verebilir bir yönetim \
anlayışıyla, kaynaklarını etkili ve verimli kullanarak kaliteli, erişilebilir ve sürdürülebilir \
belediye hizmetleri sunmak.";

pub const VISION: &str = "Kışa dirençli altyapısı, yeşil alanları ve güçlü sosyal dokusuyla \
yaşam kalitesi yüksek, planlı gelişen örnek ilçe Palandöken.";

pub const CORE_VALUES: &[&str] = &[
    "Vatandaş odaklılık",
    "Şeffaflık ve hesap verebilirlik",
    "Katılımcılık",
    "Hukukun üstünlüğü",
    "Adalet ve hakkaniyet",
    "Çevreye ve kent kimliğine duyarlılık",
    "Yenilikçilik",
    "Etkinlik ve verimlilik",
];

pub struct Goal {
    pub code: &'static str,
    pub name: &'static str,
    pub objectives: &'static [Objective],
}

pub struct Objective {
    pub code: &'static str,
    pub name: &'static str,
    /// The `short_name` of the responsible directorate.
    pub responsible: &'static str,
    /// `short_name`s of the cooperating directorates.
    pub cooperating: &'static [&'static str],
    pub risks: &'static [&'static str],
    pub strategies: &'static [&'static str],
    pub observations: &'static [&'static str],
    pub needs: &'static [&'static str],
}

#[rustfmt::skip]
pub const GOALS: &[Goal] = &[
    Goal { code: "A1", name: "Katılımcı, şeffaf ve hesap verebilir bir yönetim anlayışıyla kurumsal kapasiteyi ve mali yapıyı güçlendirmek.", objectives: &[
        Objective { code: "H1.1",
            name: "Belediye personelinin mesleki ve teknik yetkinliğini hizmet içi eğitimlerle artırmak.",
            responsible: HR, cooperating: &[WORKS, POLICE],
            risks: &[
                "Eğitimlerin yoğun iş dönemlerine denk gelmesi nedeniyle katılımın düşmesi.",
                "Nitelikli eğitmen bulmakta güçlük çekilmesi ve eğitim maliyetlerinin artması.",
            ],
            strategies: &[
                "Her yıl birimlerin ihtiyaç analizine dayanan bir eğitim planı hazırlanacak.",
                "Eğitimler kış hizmetlerinin yoğun olmadığı dönemlere yayılacak; uzaktan eğitim imkânları kullanılacak.",
                "Eğitim sonrası memnuniyet ve etki ölçümü yapılarak program her yıl güncellenecek.",
            ],
            observations: &[
                "2015-2019 döneminde eğitimler düzenli yapılmış, ancak ölçme ve değerlendirme eksik kalmıştır.",
                "Personelin mevzuat değişikliklerini takip etme ihtiyacı yüksektir.",
            ],
            needs: &[
                "Yeni hizmet binasında uygulamalı eğitim yapılabilecek bir eğitim salonu.",
                "Birimler bazında eğitim ihtiyaç analizi ve kayıt sistemi.",
            ] },
        Objective { code: "H1.2",
            name: "Öz gelirleri artırarak ve borç yükünü azaltarak mali sürdürülebilirliği güçlendirmek.",
            responsible: FINANCE, cooperating: &[LEGAL, IT, ESTATE],
            risks: &[
                "Ekonomik daralma nedeniyle mükelleflerin ödeme gücünün düşmesi.",
                "Yüksek faiz ortamında borç servisinin bütçe üzerindeki yükünün artması.",
            ],
            strategies: &[
                "Emlak ve çevre temizlik vergisi mükellef bilgileri saha tespitiyle güncellenecek.",
                "Gecikmiş alacaklar için icra takibi ve yapılandırma imkânları etkin kullanılacak.",
                "Borç yapısı yıllık olarak gözden geçirilip yüksek maliyetli borçlar öncelikle kapatılacak.",
            ],
            observations: &[
                "Tahsilatın tahakkuka oranı 2024 yılında %68 düzeyinde kalmıştır.",
                "Bütçenin büyük bölümü genel bütçe vergi gelirlerinden alınan paylara dayanmaktadır.",
            ],
            needs: &[
                "Gelir servisinde saha tespit ekibi ve mobil veri toplama cihazları.",
                "Gelir, muhasebe ve e-Belediye yazılımlarının tam entegrasyonu.",
            ] },
        Objective { code: "H1.3",
            name: "e-Belediye ve mobil hizmetleri yaygınlaştırarak hizmetlere dijital erişimi kolaylaştırmak.",
            responsible: IT, cooperating: &[FINANCE, CLERICAL, ZONING],
            risks: &[
                "Siber saldırılar ve veri ihlalleri nedeniyle hizmetlerin kesintiye uğraması.",
                "Yaşlı nüfusun dijital hizmetleri kullanmakta zorlanması.",
            ],
            strategies: &[
                "Başvuru ve ödeme hizmetleri kademeli olarak e-Belediye ve mobil uygulamaya taşınacak.",
                "Kent Bilgi Sistemi kurularak imar ve taşınmaz verileri tek bir coğrafi altyapıda toplanacak.",
                "Sunucu ve ağ altyapısı yenilenerek yedekleme ve siber güvenlik önlemleri güçlendirilecek.",
            ],
            observations: &[
                "e-Belediye sistemine kayıtlı kullanıcı sayısı 2024 sonunda 18.400'dür.",
                "Elektronik Belge Yönetim Sistemi kullanılmakla birlikte eski arşiv belgeleri henüz taranmamıştır.",
            ],
            needs: &[
                "Yazılım geliştirme ve coğrafi bilgi sistemleri alanında uzman personel.",
                "Felaket kurtarma için ikinci bir veri merkezi veya bulut yedekleme hizmeti.",
            ] },
        Objective { code: "H1.4",
            name: "Vatandaş talep ve şikâyetlerini hızlı ve etkin biçimde sonuçlandırarak yönetime katılımı artırmak.",
            responsible: PRESS, cooperating: &[CLERICAL, WORKS, CLEANING, POLICE],
            risks: &[
                "Kış aylarında başvuruların bir anda artması ve birimlerin geç dönüş yapması.",
                "Mahalle toplantılarına katılımın belirli kesimlerle sınırlı kalması.",
            ],
            strategies: &[
                "Beyaz Masa başvuruları tek bir sistemde toplanacak ve birimlere süre takibiyle aktarılacak.",
                "Pazartesi ve cuma günleri yapılan halk günleri mahalle istişare toplantılarıyla desteklenecek.",
                "Her yıl bağımsız bir vatandaş memnuniyet araştırması yaptırılacak.",
            ],
            observations: &[
                "Talep ve şikâyetlerin %86'sına süresi içinde cevap verilmektedir.",
                "Şikâyetlerin ortalama giderilme süresi 9 gündür.",
            ],
            needs: &[
                "Çağrı merkezi ile Beyaz Masa yazılımının bütünleştirilmesi.",
                "Halkla ilişkiler personeline iletişim ve diksiyon eğitimi.",
            ] },
    ] },
    Goal { code: "A2", name: "İlçemizin yol, kaldırım ve ulaşım altyapısını güvenli, erişilebilir ve kış şartlarına dayanıklı hâle getirmek.", objectives: &[
        Objective { code: "H2.1",
            name: "İlçe yol ağının yapım, bakım ve onarımını yaparak güvenli ve konforlu ulaşım sağlamak.",
            responsible: WORKS, cooperating: &[ZONING, SUPPORT],
            risks: &[
                "Bitüm ve akaryakıt fiyatlarındaki artışın ihale bedellerini yükseltmesi.",
                "Kısa asfalt sezonu nedeniyle işlerin bir sonraki yıla sarkması.",
                "Altyapı kurumlarının kazı çalışmalarının yeni yapılan yolları bozması.",
            ],
            strategies: &[
                "Asfalt kaplama programı altyapı kurumlarıyla ortak bir takvime bağlanacak.",
                "Yol envanteri çıkarılarak bakım önceliği yolun durumu ve trafik yüküne göre belirlenecek.",
                "Malzeme alımları sezon başlamadan tamamlanacak.",
            ],
            observations: &[
                "İlçe yollarının yaklaşık %38'inde son beş yılda bakım-onarım yapılmıştır.",
                "Belediyemize bağlanan kırsal mahallelerde stabilize yollar çoğunluktadır.",
            ],
            needs: &[
                "Asfalt serme makinesi ve silindir filosunun yenilenmesi.",
                "Yol envanteri ve bakım yönetimi yazılımı.",
            ] },
        Objective { code: "H2.2",
            name: "Kaldırım ve yaya alanlarını engelli ve yaşlılar için erişilebilir hâle getirmek.",
            responsible: WORKS, cooperating: &[ZONING, PARKS, CULTURE],
            risks: &[
                "Doğalgaz ve fiber altyapı kazılarının kaldırım çalışmalarını geciktirmesi.",
                "Kaldırım işgallerinin düzenlenen alanları yeniden kullanılmaz hâle getirmesi.",
            ],
            strategies: &[
                "Kaldırımlar engelli rampası ve hissedilebilir yüzeylerle standartlara uygun yenilenecek.",
                "Yıldızkent'te yaya aksı ve bisiklet yolu projesi hayata geçirilecek.",
                "Kaldırım işgalleri Zabıta Müdürlüğü ile ortak denetimle önlenecek.",
            ],
            observations: &[
                "Kentsel alt ve üst yapının ancak %31'i yaşlı ve engellilerin kullanımına uygundur.",
                "İlçede 2,4 km bisiklet yolu bulunmaktadır.",
            ],
            needs: &[
                "Erişilebilirlik denetimi yapabilecek eğitimli teknik personel.",
                "Bordür ve parke taşı stok alanı.",
            ] },
        Objective { code: "H2.3",
            name: "Kış aylarında karla mücadele ve buzlanmayla mücadele hizmetlerini kesintisiz yürütmek.",
            responsible: WORKS, cooperating: &[SUPPORT, POLICE],
            risks: &[
                "Aşırı kar yağışı ve tipi nedeniyle iş makinelerinin yetersiz kalması.",
                "Yedek parça tedarikindeki gecikmelerin araçları kış ortasında devre dışı bırakması.",
            ],
            strategies: &[
                "İş makinelerinin kış bakımı her yıl ekim ayı sonuna kadar tamamlanacak.",
                "Ana arterler, hastane ve okul güzergâhları öncelikli karla mücadele planına alınacak.",
                "Tuz ve solüsyon stokları kış başlamadan sezon ihtiyacının tamamını karşılayacak düzeye getirilecek.",
            ],
            observations: &[
                "Yoğun kar yağışı sonrasında ana arterler ortalama 6 saatte ulaşıma açılabilmektedir.",
                "Karla mücadele programında 410 km yol bulunmaktadır.",
            ],
            needs: &[
                "Kar küreme bıçaklı ve tuz serici ek kamyonlar.",
                "Araç takip sistemiyle anlık karla mücadele izleme ekranı.",
            ] },
    ] },
    Goal { code: "A3", name: "Planlı, sağlıklı ve afetlere dirençli bir kentleşmeyi sağlamak; kent düzenini ve denetimini etkinleştirmek.", objectives: &[
        Objective { code: "H3.1",
            name: "İmar planlarını güncelleyerek ve yapı denetimini etkinleştirerek planlı kentleşmeyi sağlamak.",
            responsible: ZONING, cooperating: &[ESTATE, POLICE, IT],
            risks: &[
                "Plan değişikliklerine yapılan itirazların ve açılan davaların süreçleri uzatması.",
                "Kaçak yapılaşmanın denetim kapasitesinden hızlı artması.",
            ],
            strategies: &[
                "1/1000 ölçekli uygulama imar planları üst ölçekli planlarla uyumlu hâle getirilecek.",
                "Mikro bölgeleme çalışmaları tüm ilçe sınırlarını kapsayacak şekilde tamamlanacak.",
                "Kaçak yapı tespitleri uydu görüntüleri ve saha denetimleriyle düzenli yapılacak.",
            ],
            observations: &[
                "Belediye sınırları içindeki alanların %71'i planlıdır.",
                "Mikro bölgeleme çalışması 1.850 hektarda tamamlanmıştır.",
            ],
            needs: &[
                "Plan ve proje arşivinin sayısal ortama aktarılması.",
                "Şehir plancısı ve jeoloji mühendisi kadrolarının güçlendirilmesi.",
            ] },
        Objective { code: "H3.2",
            name: "Belediye taşınmazlarını etkin yöneterek ve kamulaştırmaları uzlaşmayla sonuçlandırarak kamu yararını gözetmek.",
            responsible: ESTATE, cooperating: &[ZONING, LEGAL, FINANCE],
            risks: &[
                "Maliklerin bedel tespitine itiraz ederek dava yoluna gitmesi.",
                "Taşınmaz değerlerindeki hızlı artışın kamulaştırma maliyetlerini yükseltmesi.",
            ],
            strategies: &[
                "Kamulaştırmalarda öncelikle uzlaşma görüşmeleri yapılacak.",
                "Gecekondu alanlarında 2981 ve 3290 sayılı Kanunlar kapsamındaki tapu tahsis ve tescil işlemleri tamamlanacak.",
                "Kiralık belediye taşınmazlarının sözleşmeleri encümen kararlarına göre zamanında yenilenecek.",
            ],
            observations: &[
                "Kamulaştırmaların %48'i uzlaşmayla sonuçlanmaktadır.",
                "Adnan Menderes, Yunus Emre ve Abdurrahman Gazi mahallelerinde tescil bekleyen gecekondu parselleri vardır.",
            ],
            needs: &[
                "Güncel ve sorgulanabilir bir taşınmaz envanteri.",
                "Kıymet takdiri için bağımsız değerleme hizmeti.",
            ] },
        Objective { code: "H3.3",
            name: "İşyeri ve pazar yeri denetimlerini artırarak kent düzenini ve tüketici haklarını korumak.",
            responsible: POLICE, cooperating: &[ZONING, CLEANING],
            risks: &[
                "Zabıta personelinin karla mücadele ve etkinlik görevleri nedeniyle denetimlerden uzak kalması.",
                "Ruhsat süreçlerinin uzunluğunun ruhsatsız faaliyeti teşvik etmesi.",
            ],
            strategies: &[
                "Risk esaslı bir denetim planı hazırlanarak işyerleri yılda en az bir kez denetlenecek.",
                "Semt pazarlarında esnaf kayıtları güncellenecek ve tezgâh yerleri tabelayla gösterilecek.",
                "Ruhsatsız işyerleri İmar ve Şehircilik Müdürlüğü ile birlikte ruhsatlandırmaya yönlendirilecek.",
            ],
            observations: &[
                "İşyerlerinin %55'i son bir yılda denetlenmiştir.",
                "İlçede ruhsatsız faaliyet gösteren 420 işyeri tespit edilmiştir.",
            ],
            needs: &[
                "Mobil denetim uygulaması ve el terminalleri.",
                "Zabıta ekip araçlarının yenilenmesi.",
            ] },
    ] },
    Goal { code: "A4", name: "Temiz, yeşil ve yaşanabilir bir çevre için atık yönetimini, yeşil alanları ve hayvan refahını geliştirmek.", objectives: &[
        Objective { code: "H4.1",
            name: "Evsel ve ambalaj atıklarının kaynağında ayrı toplanmasını yaygınlaştırarak geri kazanımı artırmak.",
            responsible: CLEANING, cooperating: &[CULTURE, PRESS],
            risks: &[
                "Vatandaşların atıkları kaynağında ayırmaya yeterince katılmaması.",
                "Hizmet alımı maliyetlerinin akaryakıt ve asgari ücret artışlarıyla yükselmesi.",
            ],
            strategies: &[
                "Ambalaj atıkları için kaynağında ayrı toplama her yıl dört yeni mahalleye yaygınlaştırılacak.",
                "Okullar ve muhtarlıklarla elektronik atık toplama kampanyaları düzenlenecek.",
                "Sıfır Atık Toplama Merkezi kurulacak.",
            ],
            observations: &[
                "Evsel katı atık toplama hizmeti tüm hanelere verilmektedir.",
                "Toplanan atıkların yalnızca %6,5'i geri dönüşüme kazandırılmaktadır.",
            ],
            needs: &[
                "Ayrı toplama için farklı renkte konteynerler ve toplama aracı.",
                "Atık miktarlarını tartı kayıtlarıyla izleyen bir veri sistemi.",
            ] },
        Objective { code: "H4.2",
            name: "Kişi başına düşen aktif yeşil alanı artırmak ve parkları nitelikli hâle getirmek.",
            responsible: PARKS, cooperating: &[WORKS, ZONING, ESTATE],
            risks: &[
                "Kısa vejetasyon dönemi ve sert kış şartlarında fidan kayıplarının artması.",
                "Park alanlarının kamulaştırılmasının gecikmesi.",
            ],
            strategies: &[
                "Erzurum iklimine uygun türlerle her yıl 20.000 ağaç dikilecek.",
                "Yeni park ve çocuk oyun alanları imar planında yeşil alan olarak ayrılmış parsellerde yapılacak.",
                "Parklar güneş enerjili aydınlatma sistemleriyle aydınlatılacak.",
            ],
            observations: &[
                "Kişi başına düşen aktif yeşil alan 7,8 m²'dir.",
                "Belediyenin iki serasında yıllık 40.000 adet mevsimlik çiçek üretilmektedir.",
            ],
            needs: &[
                "Otomatik sulama sistemi ve sulama suyu kaynakları.",
                "Fidanlık alanının genişletilmesi.",
            ] },
        Objective { code: "H4.3",
            name: "Sahipsiz hayvanların tedavi, kısırlaştırma ve bakımını yaparak hayvan refahını ve halk sağlığını korumak.",
            responsible: VETERINARY, cooperating: &[CLEANING, POLICE],
            risks: &[
                "Sahipsiz hayvan sayısının kısırlaştırma kapasitesinden hızlı artması.",
                "Kış aylarında barınak kapasitesinin yetersiz kalması.",
            ],
            strategies: &[
                "Kısırlaştırma ve aşılama çalışmaları mahalle bazında planlanarak yürütülecek.",
                "İkinci hayvan bakımevi ve rehabilitasyon merkezi kurulacak.",
                "Mama ve su noktalarıyla hayvanların yerleşim alanlarından uzakta beslenmesi sağlanacak.",
            ],
            observations: &[
                "Belediyenin bir hayvan bakımevi bulunmaktadır.",
                "2024 yılında sahipsiz hayvanlarla ilgili 1.450 şikâyet alınmıştır.",
            ],
            needs: &[
                "Ameliyathane donanımlı ikinci bakımevi.",
                "Hayvan ambulansı ve yakalama ekipmanları.",
            ] },
    ] },
    Goal { code: "A5", name: "Sosyal dayanışmayı, kültürel yaşamı ve mesleki gelişimi destekleyerek kapsayıcı bir kent yaşamı oluşturmak.", objectives: &[
        Objective { code: "H5.1",
            name: "Meslek edindirme ve beceri kurslarıyla kadınların ve gençlerin istihdam edilebilirliğini artırmak.",
            responsible: CULTURE, cooperating: &[PRESS],
            risks: &[
                "Kurs sonrası istihdam imkânlarının sınırlı kalması nedeniyle ilginin azalması.",
                "Usta öğretici bulmakta güçlük çekilmesi.",
            ],
            strategies: &[
                "Kurslar İŞKUR ve Halk Eğitim Merkezi ile işbirliği içinde işgücü piyasası ihtiyacına göre açılacak.",
                "Kursiyer ürünleri kermes ve sergilerle tanıtılarak gelir elde etmeleri desteklenecek.",
            ],
            observations: &[
                "Kurslara katılanların memnuniyet oranı %82'dir.",
                "Kurs başına ortalama 16 kursiyer düşmektedir.",
            ],
            needs: &[
                "Mahalle merkezlerinde kurs yapılabilecek donanımlı salonlar.",
                "Kursiyerlerin istihdam durumunu izleyen bir takip sistemi.",
            ] },
        Objective { code: "H5.2",
            name: "İhtiyaç sahibi, yaşlı ve engelli vatandaşlara yönelik sosyal destek hizmetlerini yaygınlaştırmak.",
            responsible: CULTURE, cooperating: &[SUPPORT, WORKS],
            risks: &[
                "Artan yaşam maliyetiyle yardım talebinin bütçe imkânlarını aşması.",
                "Sosyal yardımların hak sahiplerine adil dağıtılmadığı algısı.",
            ],
            strategies: &[
                "Yardımlar hane ziyaretleri ve Sosyal Yardım Bilgi Sistemi kayıtları esas alınarak verilecek.",
                "Evde bakım ve hasta nakil hizmetleri yatağa bağımlı vatandaşların tamamına ulaştırılacak.",
                "Yaşlı Yaşam Merkezi projesi tamamlanacak.",
            ],
            observations: &[
                "4.850 haneye düzenli gıda, giyim veya yakacak yardımı yapılmaktadır.",
                "Evde bakım hizmetinden 310 kişi yararlanmaktadır.",
            ],
            needs: &[
                "Engelli erişimine uygun hasta nakil aracı.",
                "Sosyal çalışmacı ve hemşire kadroları.",
            ] },
        Objective { code: "H5.3",
            name: "Kültürel ve sanatsal etkinliklerle kentlilik bilincini ve Erzurum kültürünün tanınırlığını artırmak.",
            responsible: CULTURE, cooperating: &[PRESS, PARKS],
            risks: &[
                "Kış şartlarının açık alan etkinliklerini kısıtlaması.",
                "Kâğıt ve baskı maliyetlerinin yayın faaliyetlerini sınırlaması.",
            ],
            strategies: &[
                "Her yıl kış festivali, Ramazan etkinlikleri, konser, sergi ve konferans programı hazırlanacak.",
                "Beyaz Şehir Palandöken dergisi ve Erzurum takvimi ücretsiz dağıtılmaya devam edecek.",
                "Okuma salonları ve mahalle kütüphaneleri yaygınlaştırılacak.",
            ],
            observations: &[
                "Yıldızkent Kültür Merkezi ilçenin en çok kullanılan etkinlik mekânıdır.",
                "Erzurum kültürünü tanıtan yayınlara talep yüksektir.",
            ],
            needs: &[
                "Kültür merkezinin ses ve ışık sistemlerinin yenilenmesi.",
                "Etkinlik katılımını ölçen bilet ve kayıt sistemi.",
            ] },
    ] },
];
