//! The institution, its directorates and the plan text (misyon, vizyon, amaçlar, hedefler).
//!
//! Facts follow Palandöken Belediyesi's own strategy documents (its 2015-2019 performance
//! tables and its 2020-2024 indicator list); people's names are invented.

pub const KURUM_AD: &str = "Palandöken Belediyesi";
pub const KURUM_KISA_AD: &str = "Palandöken";
pub const IL: &str = "Erzurum";
pub const BASKAN: &str = "Kemal Erdoğdu";
pub const MALI_HIZMETLER_MUDURU: &str = "Ayşe Nur Demirci";
pub const LOGO: &str = "gorseller/logo.svg";
pub const PLAN_BASLANGIC: i32 = 2025;
pub const PLAN_BITIS: i32 = 2029;
pub const YIL: i32 = 2025;
pub const PROGRAM_YILI: i32 = 2026;
/// The plan years, in order.
pub const YILLAR: [i32; 5] = [2025, 2026, 2027, 2028, 2029];

/// How a directorate filled in its workbook: which of the reader's tolerances it leans on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bicim {
    /// The template's own headers, in the template's order.
    Standart,
    /// Two title rows above every header row (the first merged across the table), an extra
    /// "Açıklamalar" sheet, a multi-line Açıklama cell, one number typed as Turkish text.
    Afisli,
    /// Alias headers in another order, the sheet name in capitals, indicator codes without
    /// their prefix, Birim keys by their aliases.
    TakmaAdli,
    /// Numbers typed as Turkish text: `%35`, `%70,6`, `45.000.000`, `1.234.567,89`.
    MetinSayili,
    /// Period names by their aliases (`I. Dönem`, `II. Dönem`), Birim Adı in capitals.
    DonemTakmaAdli,
    /// Economic codes as bare numbers (`3` → `03`).
    SayiKodlu,
    /// Vertically merged activity name and hedef cells, a formula with its cached value,
    /// a lower-case hedef code.
    Birlesik,
    /// A hidden helper sheet and a lower-case activity code with a space.
    GizliSayfali,
}

pub struct Birim {
    pub ad: &'static str,
    pub kisa_ad: &'static str,
    /// The workbook's path under `birimler/`.
    pub dosya: &'static str,
    pub yetkili: &'static str,
    pub unvan: &'static str,
    pub hazirlayan: &'static str,
    pub tarih: &'static str,
    pub bicim: Bicim,
    /// Percent growth from the 2025 Başlangıç Ödeneği to the 2026 one.
    pub artis_2026: u64,
    pub butce: &'static [ButceKalemi],
}

/// One economic code of a directorate's 2025 budget; 2026 is derived with `artis_2026`.
pub struct ButceKalemi {
    pub kod: &'static str,
    pub baslangic: u64,
    pub toplam: u64,
    /// Harcama as basis points of Toplam Ödenek (9_500 = %95).
    pub harcama_bp: u64,
}

const fn k(kod: &'static str, baslangic: u64, toplam: u64, harcama_bp: u64) -> ButceKalemi {
    ButceKalemi {
        kod,
        baslangic,
        toplam,
        harcama_bp,
    }
}

pub const YAZI: &str = "Yazı İşleri";
pub const MALI: &str = "Mali Hizmetler";
pub const IK: &str = "İnsan Kaynakları ve Eğitim";
pub const BILGI: &str = "Bilgi İşlem";
pub const BASIN: &str = "Basın Yayın ve Halkla İlişkiler";
pub const HUKUK: &str = "Hukuk İşleri";
pub const FEN: &str = "Fen İşleri";
pub const IMAR: &str = "İmar ve Şehircilik";
pub const EMLAK: &str = "Emlak ve İstimlak";
pub const ZABITA: &str = "Zabıta";
pub const TEMIZLIK: &str = "Temizlik İşleri";
pub const PARK: &str = "Park ve Bahçeler";
pub const VETERINER: &str = "Veteriner İşleri";
pub const KULTUR: &str = "Kültür ve Sosyal İşler";
pub const DESTEK: &str = "Destek Hizmetleri";

#[rustfmt::skip]
pub const BIRIMLER: &[Birim] = &[
    Birim { ad: "Yazı İşleri Müdürlüğü", kisa_ad: YAZI, dosya: "yazi-isleri.xlsx",
        yetkili: "Serkan Aksoy", unvan: "Yazı İşleri Müdür V.", hazirlayan: "Gülşen Arslan",
        tarih: "12.01.2026", bicim: Bicim::Standart, artis_2026: 126,
        butce: &[k("01", 7_150_000, 7_150_000, 9_630), k("02", 1_120_000, 1_120_000, 9_580),
                 k("03", 2_450_000, 2_650_000, 9_120)] },
    Birim { ad: "Mali Hizmetler Müdürlüğü", kisa_ad: MALI, dosya: "mali-hizmetler.xlsx",
        yetkili: MALI_HIZMETLER_MUDURU, unvan: "Mali Hizmetler Müdürü", hazirlayan: "Onur Yavuz",
        tarih: "16.01.2026", bicim: Bicim::MetinSayili, artis_2026: 127,
        butce: &[k("01", 36_400_000, 36_400_000, 9_710), k("02", 5_600_000, 5_600_000, 9_640),
                 k("03", 21_300_000, 22_800_000, 9_050), k("04", 45_000_000, 52_000_000, 9_960),
                 k("05", 32_000_000, 34_500_000, 9_480), k("07", 4_500_000, 4_500_000, 9_900),
                 k("09", 60_000_000, 8_500_000, 0)] },
    Birim { ad: "İnsan Kaynakları ve Eğitim Müdürlüğü", kisa_ad: IK,
        dosya: "insan-kaynaklari-ve-egitim.xlsx",
        yetkili: "Fatih Karakaya", unvan: "İnsan Kaynakları ve Eğitim Müdürü",
        hazirlayan: "Merve Koç", tarih: "13.01.2026", bicim: Bicim::Standart, artis_2026: 128,
        butce: &[k("01", 19_200_000, 19_200_000, 9_690), k("02", 2_950_000, 2_950_000, 9_610),
                 k("03", 8_600_000, 9_100_000, 9_340)] },
    Birim { ad: "Bilgi İşlem Müdürlüğü", kisa_ad: BILGI, dosya: "bilgi-islem.xlsx",
        yetkili: "Emre Taşdemir", unvan: "Bilgi İşlem Müdürü", hazirlayan: "Burak Aydın",
        tarih: "14.01.2026", bicim: Bicim::Standart, artis_2026: 128,
        butce: &[k("01", 9_100_000, 9_100_000, 9_720), k("02", 1_420_000, 1_420_000, 9_650),
                 k("03", 16_200_000, 16_900_000, 9_410), k("06", 14_500_000, 13_000_000, 8_820)] },
    Birim { ad: "Basın Yayın ve Halkla İlişkiler Müdürlüğü", kisa_ad: BASIN,
        dosya: "basin-yayin-ve-halkla-iliskiler.xlsx",
        yetkili: "Zeynep Özkan", unvan: "Basın Yayın ve Halkla İlişkiler Müdürü",
        hazirlayan: "Tuğba Er", tarih: "15.01.2026", bicim: Bicim::DonemTakmaAdli, artis_2026: 127,
        butce: &[k("01", 11_200_000, 11_200_000, 9_680), k("02", 1_720_000, 1_720_000, 9_620),
                 k("03", 24_500_000, 25_600_000, 9_270)] },
    Birim { ad: "Hukuk İşleri Müdürlüğü", kisa_ad: HUKUK, dosya: "hukuk-isleri.xlsx",
        yetkili: "Av. Murat Çelik", unvan: "Hukuk İşleri Müdürü", hazirlayan: "Av. Sena Kurt",
        tarih: "12.01.2026", bicim: Bicim::Standart, artis_2026: 126,
        butce: &[k("01", 6_050_000, 6_050_000, 9_700), k("02", 930_000, 930_000, 9_640),
                 k("03", 3_250_000, 3_900_000, 9_450)] },
    Birim { ad: "Fen İşleri Müdürlüğü", kisa_ad: FEN, dosya: "fen-isleri.xlsx",
        yetkili: "Osman Kılıç", unvan: "Fen İşleri Müdürü", hazirlayan: "İnş. Müh. Kerem Aslan",
        tarih: "19.01.2026", bicim: Bicim::Afisli, artis_2026: 129,
        butce: &[k("01", 95_500_000, 95_500_000, 9_740), k("02", 14_600_000, 14_600_000, 9_690),
                 k("03", 312_000_000, 338_000_000, 9_520), k("06", 525_000_000, 561_000_000, 8_740)] },
    Birim { ad: "İmar ve Şehircilik Müdürlüğü", kisa_ad: IMAR, dosya: "imar-ve-sehircilik.ods",
        yetkili: "Hatice Şahin", unvan: "İmar ve Şehircilik Müdürü", hazirlayan: "Şehir Pl. Deniz Acar",
        tarih: "16.01.2026", bicim: Bicim::SayiKodlu, artis_2026: 128,
        butce: &[k("01", 31_300_000, 31_300_000, 9_700), k("02", 4_850_000, 4_850_000, 9_640),
                 k("03", 18_200_000, 18_200_000, 9_160), k("06", 12_400_000, 11_400_000, 8_030)] },
    Birim { ad: "Emlak ve İstimlak Müdürlüğü", kisa_ad: EMLAK, dosya: "emlak-ve-istimlak.xls",
        yetkili: "Yusuf Ateş", unvan: "Emlak ve İstimlak Müdür V.", hazirlayan: "Harita Müh. Cem Oral",
        tarih: "15.01.2026", bicim: Bicim::Standart, artis_2026: 127,
        butce: &[k("01", 8_150_000, 8_150_000, 9_690), k("02", 1_260_000, 1_260_000, 9_600),
                 k("03", 4_100_000, 4_100_000, 9_030), k("06", 96_000_000, 88_000_000, 6_010)] },
    Birim { ad: "Zabıta Müdürlüğü", kisa_ad: ZABITA, dosya: "zabita.xlsx",
        yetkili: "İbrahim Güneş", unvan: "Zabıta Müdürü", hazirlayan: "Zabıta Komiseri Ali Tekin",
        tarih: "14.01.2026", bicim: Bicim::TakmaAdli, artis_2026: 128,
        butce: &[k("01", 58_400_000, 58_400_000, 9_750), k("02", 9_050_000, 9_050_000, 9_690),
                 k("03", 14_300_000, 15_100_000, 9_380), k("06", 6_200_000, 6_200_000, 9_110)] },
    Birim { ad: "Temizlik İşleri Müdürlüğü", kisa_ad: TEMIZLIK,
        dosya: "cevre-ve-saglik/temizlik-isleri.xlsx",
        yetkili: "Kadir Bulut", unvan: "Temizlik İşleri Müdürü", hazirlayan: "Çevre Müh. Esra Yılmaz",
        tarih: "13.01.2026", bicim: Bicim::Standart, artis_2026: 129,
        butce: &[k("01", 38_600_000, 38_600_000, 9_720), k("02", 6_000_000, 6_000_000, 9_650),
                 k("03", 246_000_000, 258_000_000, 9_690), k("06", 35_500_000, 35_500_000, 7_840)] },
    Birim { ad: "Park ve Bahçeler Müdürlüğü", kisa_ad: PARK, dosya: "park-ve-bahceler.xlsx",
        yetkili: "Selim Durmaz", unvan: "Park ve Bahçeler Müdürü", hazirlayan: "Peyzaj Mim. Derya Kaya",
        tarih: "16.01.2026", bicim: Bicim::Birlesik, artis_2026: 128,
        butce: &[k("01", 42_300_000, 42_300_000, 9_710), k("02", 6_550_000, 6_550_000, 9_660),
                 k("03", 88_400_000, 92_000_000, 9_530), k("06", 110_000_000, 118_500_000, 8_260)] },
    Birim { ad: "Veteriner İşleri Müdürlüğü", kisa_ad: VETERINER,
        dosya: "cevre-ve-saglik/veteriner-isleri.xlsx",
        yetkili: "Vet. Hek. Elif Yücel", unvan: "Veteriner İşleri Müdürü", hazirlayan: "Vet. Hek. Barış Sezer",
        tarih: "13.01.2026", bicim: Bicim::Standart, artis_2026: 130,
        butce: &[k("01", 9_500_000, 9_500_000, 9_700), k("02", 1_480_000, 1_480_000, 9_610),
                 k("03", 13_100_000, 13_900_000, 9_640), k("06", 8_000_000, 8_000_000, 5_280)] },
    Birim { ad: "Kültür ve Sosyal İşler Müdürlüğü", kisa_ad: KULTUR,
        dosya: "kultur-ve-sosyal-isler.xlsx",
        yetkili: "Mustafa Erdem", unvan: "Kültür ve Sosyal İşler Müdürü", hazirlayan: "Sosyolog Nihan Öztürk",
        tarih: "19.01.2026", bicim: Bicim::GizliSayfali, artis_2026: 128,
        butce: &[k("01", 22_100_000, 22_100_000, 9_690), k("02", 3_420_000, 3_420_000, 9_620),
                 k("03", 64_500_000, 68_000_000, 9_580), k("05", 48_000_000, 52_500_000, 9_810),
                 k("06", 25_600_000, 25_600_000, 6_950)] },
    Birim { ad: "Destek Hizmetleri Müdürlüğü", kisa_ad: DESTEK, dosya: "destek-hizmetleri.xlsx",
        yetkili: "Cengiz Polat", unvan: "Destek Hizmetleri Müdürü", hazirlayan: "Makine Müh. Volkan Uçar",
        tarih: "15.01.2026", bicim: Bicim::Standart, artis_2026: 128,
        butce: &[k("01", 24_200_000, 24_200_000, 9_730), k("02", 3_700_000, 3_700_000, 9_650),
                 k("03", 118_500_000, 126_000_000, 9_610), k("06", 40_000_000, 40_000_000, 8_890)] },
];

/// The directorate whose `kisa_ad` is `kisa`.
pub fn birim(kisa: &str) -> Option<&'static Birim> {
    BIRIMLER.iter().find(|b| b.kisa_ad == kisa)
}

pub const MISYON: &str = "Palandöken halkına; katılımcı, şeffaf ve hesap verebilir bir yönetim \
anlayışıyla, kaynaklarını etkili ve verimli kullanarak kaliteli, erişilebilir ve sürdürülebilir \
belediye hizmetleri sunmak.";

pub const VIZYON: &str = "Kışa dirençli altyapısı, yeşil alanları ve güçlü sosyal dokusuyla \
yaşam kalitesi yüksek, planlı gelişen örnek ilçe Palandöken.";

pub const TEMEL_DEGERLER: &[&str] = &[
    "Vatandaş odaklılık",
    "Şeffaflık ve hesap verebilirlik",
    "Katılımcılık",
    "Hukukun üstünlüğü",
    "Adalet ve hakkaniyet",
    "Çevreye ve kent kimliğine duyarlılık",
    "Yenilikçilik",
    "Etkinlik ve verimlilik",
];

pub struct Amac {
    pub kod: &'static str,
    pub ad: &'static str,
    pub hedefler: &'static [Hedef],
}

pub struct Hedef {
    pub kod: &'static str,
    pub ad: &'static str,
    /// The `kisa_ad` of the responsible directorate.
    pub sorumlu: &'static str,
    /// `kisa_ad`s of the cooperating directorates.
    pub isbirligi: &'static [&'static str],
    pub riskler: &'static [&'static str],
    pub stratejiler: &'static [&'static str],
    pub tespitler: &'static [&'static str],
    pub ihtiyaclar: &'static [&'static str],
}

#[rustfmt::skip]
pub const AMACLAR: &[Amac] = &[
    Amac { kod: "A1", ad: "Katılımcı, şeffaf ve hesap verebilir bir yönetim anlayışıyla kurumsal kapasiteyi ve mali yapıyı güçlendirmek.", hedefler: &[
        Hedef { kod: "H1.1",
            ad: "Belediye personelinin mesleki ve teknik yetkinliğini hizmet içi eğitimlerle artırmak.",
            sorumlu: IK, isbirligi: &[FEN, ZABITA],
            riskler: &[
                "Eğitimlerin yoğun iş dönemlerine denk gelmesi nedeniyle katılımın düşmesi.",
                "Nitelikli eğitmen bulmakta güçlük çekilmesi ve eğitim maliyetlerinin artması.",
            ],
            stratejiler: &[
                "Her yıl birimlerin ihtiyaç analizine dayanan bir eğitim planı hazırlanacak.",
                "Eğitimler kış hizmetlerinin yoğun olmadığı dönemlere yayılacak; uzaktan eğitim imkânları kullanılacak.",
                "Eğitim sonrası memnuniyet ve etki ölçümü yapılarak program her yıl güncellenecek.",
            ],
            tespitler: &[
                "2015-2019 döneminde eğitimler düzenli yapılmış, ancak ölçme ve değerlendirme eksik kalmıştır.",
                "Personelin mevzuat değişikliklerini takip etme ihtiyacı yüksektir.",
            ],
            ihtiyaclar: &[
                "Yeni hizmet binasında uygulamalı eğitim yapılabilecek bir eğitim salonu.",
                "Birimler bazında eğitim ihtiyaç analizi ve kayıt sistemi.",
            ] },
        Hedef { kod: "H1.2",
            ad: "Öz gelirleri artırarak ve borç yükünü azaltarak mali sürdürülebilirliği güçlendirmek.",
            sorumlu: MALI, isbirligi: &[HUKUK, BILGI, EMLAK],
            riskler: &[
                "Ekonomik daralma nedeniyle mükelleflerin ödeme gücünün düşmesi.",
                "Yüksek faiz ortamında borç servisinin bütçe üzerindeki yükünün artması.",
            ],
            stratejiler: &[
                "Emlak ve çevre temizlik vergisi mükellef bilgileri saha tespitiyle güncellenecek.",
                "Gecikmiş alacaklar için icra takibi ve yapılandırma imkânları etkin kullanılacak.",
                "Borç yapısı yıllık olarak gözden geçirilip yüksek maliyetli borçlar öncelikle kapatılacak.",
            ],
            tespitler: &[
                "Tahsilatın tahakkuka oranı 2024 yılında %68 düzeyinde kalmıştır.",
                "Bütçenin büyük bölümü genel bütçe vergi gelirlerinden alınan paylara dayanmaktadır.",
            ],
            ihtiyaclar: &[
                "Gelir servisinde saha tespit ekibi ve mobil veri toplama cihazları.",
                "Gelir, muhasebe ve e-Belediye yazılımlarının tam entegrasyonu.",
            ] },
        Hedef { kod: "H1.3",
            ad: "e-Belediye ve mobil hizmetleri yaygınlaştırarak hizmetlere dijital erişimi kolaylaştırmak.",
            sorumlu: BILGI, isbirligi: &[MALI, YAZI, IMAR],
            riskler: &[
                "Siber saldırılar ve veri ihlalleri nedeniyle hizmetlerin kesintiye uğraması.",
                "Yaşlı nüfusun dijital hizmetleri kullanmakta zorlanması.",
            ],
            stratejiler: &[
                "Başvuru ve ödeme hizmetleri kademeli olarak e-Belediye ve mobil uygulamaya taşınacak.",
                "Kent Bilgi Sistemi kurularak imar ve taşınmaz verileri tek bir coğrafi altyapıda toplanacak.",
                "Sunucu ve ağ altyapısı yenilenerek yedekleme ve siber güvenlik önlemleri güçlendirilecek.",
            ],
            tespitler: &[
                "e-Belediye sistemine kayıtlı kullanıcı sayısı 2024 sonunda 18.400'dür.",
                "Elektronik Belge Yönetim Sistemi kullanılmakla birlikte eski arşiv belgeleri henüz taranmamıştır.",
            ],
            ihtiyaclar: &[
                "Yazılım geliştirme ve coğrafi bilgi sistemleri alanında uzman personel.",
                "Felaket kurtarma için ikinci bir veri merkezi veya bulut yedekleme hizmeti.",
            ] },
        Hedef { kod: "H1.4",
            ad: "Vatandaş talep ve şikâyetlerini hızlı ve etkin biçimde sonuçlandırarak yönetime katılımı artırmak.",
            sorumlu: BASIN, isbirligi: &[YAZI, FEN, TEMIZLIK, ZABITA],
            riskler: &[
                "Kış aylarında başvuruların bir anda artması ve birimlerin geç dönüş yapması.",
                "Mahalle toplantılarına katılımın belirli kesimlerle sınırlı kalması.",
            ],
            stratejiler: &[
                "Beyaz Masa başvuruları tek bir sistemde toplanacak ve birimlere süre takibiyle aktarılacak.",
                "Pazartesi ve cuma günleri yapılan halk günleri mahalle istişare toplantılarıyla desteklenecek.",
                "Her yıl bağımsız bir vatandaş memnuniyet araştırması yaptırılacak.",
            ],
            tespitler: &[
                "Talep ve şikâyetlerin %86'sına süresi içinde cevap verilmektedir.",
                "Şikâyetlerin ortalama giderilme süresi 9 gündür.",
            ],
            ihtiyaclar: &[
                "Çağrı merkezi ile Beyaz Masa yazılımının bütünleştirilmesi.",
                "Halkla ilişkiler personeline iletişim ve diksiyon eğitimi.",
            ] },
    ] },
    Amac { kod: "A2", ad: "İlçemizin yol, kaldırım ve ulaşım altyapısını güvenli, erişilebilir ve kış şartlarına dayanıklı hâle getirmek.", hedefler: &[
        Hedef { kod: "H2.1",
            ad: "İlçe yol ağının yapım, bakım ve onarımını yaparak güvenli ve konforlu ulaşım sağlamak.",
            sorumlu: FEN, isbirligi: &[IMAR, DESTEK],
            riskler: &[
                "Bitüm ve akaryakıt fiyatlarındaki artışın ihale bedellerini yükseltmesi.",
                "Kısa asfalt sezonu nedeniyle işlerin bir sonraki yıla sarkması.",
                "Altyapı kurumlarının kazı çalışmalarının yeni yapılan yolları bozması.",
            ],
            stratejiler: &[
                "Asfalt kaplama programı altyapı kurumlarıyla ortak bir takvime bağlanacak.",
                "Yol envanteri çıkarılarak bakım önceliği yolun durumu ve trafik yüküne göre belirlenecek.",
                "Malzeme alımları sezon başlamadan tamamlanacak.",
            ],
            tespitler: &[
                "İlçe yollarının yaklaşık %38'inde son beş yılda bakım-onarım yapılmıştır.",
                "Belediyemize bağlanan kırsal mahallelerde stabilize yollar çoğunluktadır.",
            ],
            ihtiyaclar: &[
                "Asfalt serme makinesi ve silindir filosunun yenilenmesi.",
                "Yol envanteri ve bakım yönetimi yazılımı.",
            ] },
        Hedef { kod: "H2.2",
            ad: "Kaldırım ve yaya alanlarını engelli ve yaşlılar için erişilebilir hâle getirmek.",
            sorumlu: FEN, isbirligi: &[IMAR, PARK, KULTUR],
            riskler: &[
                "Doğalgaz ve fiber altyapı kazılarının kaldırım çalışmalarını geciktirmesi.",
                "Kaldırım işgallerinin düzenlenen alanları yeniden kullanılmaz hâle getirmesi.",
            ],
            stratejiler: &[
                "Kaldırımlar engelli rampası ve hissedilebilir yüzeylerle standartlara uygun yenilenecek.",
                "Yıldızkent'te yaya aksı ve bisiklet yolu projesi hayata geçirilecek.",
                "Kaldırım işgalleri Zabıta Müdürlüğü ile ortak denetimle önlenecek.",
            ],
            tespitler: &[
                "Kentsel alt ve üst yapının ancak %31'i yaşlı ve engellilerin kullanımına uygundur.",
                "İlçede 2,4 km bisiklet yolu bulunmaktadır.",
            ],
            ihtiyaclar: &[
                "Erişilebilirlik denetimi yapabilecek eğitimli teknik personel.",
                "Bordür ve parke taşı stok alanı.",
            ] },
        Hedef { kod: "H2.3",
            ad: "Kış aylarında karla mücadele ve buzlanmayla mücadele hizmetlerini kesintisiz yürütmek.",
            sorumlu: FEN, isbirligi: &[DESTEK, ZABITA],
            riskler: &[
                "Aşırı kar yağışı ve tipi nedeniyle iş makinelerinin yetersiz kalması.",
                "Yedek parça tedarikindeki gecikmelerin araçları kış ortasında devre dışı bırakması.",
            ],
            stratejiler: &[
                "İş makinelerinin kış bakımı her yıl ekim ayı sonuna kadar tamamlanacak.",
                "Ana arterler, hastane ve okul güzergâhları öncelikli karla mücadele planına alınacak.",
                "Tuz ve solüsyon stokları kış başlamadan sezon ihtiyacının tamamını karşılayacak düzeye getirilecek.",
            ],
            tespitler: &[
                "Yoğun kar yağışı sonrasında ana arterler ortalama 6 saatte ulaşıma açılabilmektedir.",
                "Karla mücadele programında 410 km yol bulunmaktadır.",
            ],
            ihtiyaclar: &[
                "Kar küreme bıçaklı ve tuz serici ek kamyonlar.",
                "Araç takip sistemiyle anlık karla mücadele izleme ekranı.",
            ] },
    ] },
    Amac { kod: "A3", ad: "Planlı, sağlıklı ve afetlere dirençli bir kentleşmeyi sağlamak; kent düzenini ve denetimini etkinleştirmek.", hedefler: &[
        Hedef { kod: "H3.1",
            ad: "İmar planlarını güncelleyerek ve yapı denetimini etkinleştirerek planlı kentleşmeyi sağlamak.",
            sorumlu: IMAR, isbirligi: &[EMLAK, ZABITA, BILGI],
            riskler: &[
                "Plan değişikliklerine yapılan itirazların ve açılan davaların süreçleri uzatması.",
                "Kaçak yapılaşmanın denetim kapasitesinden hızlı artması.",
            ],
            stratejiler: &[
                "1/1000 ölçekli uygulama imar planları üst ölçekli planlarla uyumlu hâle getirilecek.",
                "Mikro bölgeleme çalışmaları tüm ilçe sınırlarını kapsayacak şekilde tamamlanacak.",
                "Kaçak yapı tespitleri uydu görüntüleri ve saha denetimleriyle düzenli yapılacak.",
            ],
            tespitler: &[
                "Belediye sınırları içindeki alanların %71'i planlıdır.",
                "Mikro bölgeleme çalışması 1.850 hektarda tamamlanmıştır.",
            ],
            ihtiyaclar: &[
                "Plan ve proje arşivinin sayısal ortama aktarılması.",
                "Şehir plancısı ve jeoloji mühendisi kadrolarının güçlendirilmesi.",
            ] },
        Hedef { kod: "H3.2",
            ad: "Belediye taşınmazlarını etkin yöneterek ve kamulaştırmaları uzlaşmayla sonuçlandırarak kamu yararını gözetmek.",
            sorumlu: EMLAK, isbirligi: &[IMAR, HUKUK, MALI],
            riskler: &[
                "Maliklerin bedel tespitine itiraz ederek dava yoluna gitmesi.",
                "Taşınmaz değerlerindeki hızlı artışın kamulaştırma maliyetlerini yükseltmesi.",
            ],
            stratejiler: &[
                "Kamulaştırmalarda öncelikle uzlaşma görüşmeleri yapılacak.",
                "Gecekondu alanlarında 2981 ve 3290 sayılı Kanunlar kapsamındaki tapu tahsis ve tescil işlemleri tamamlanacak.",
                "Kiralık belediye taşınmazlarının sözleşmeleri encümen kararlarına göre zamanında yenilenecek.",
            ],
            tespitler: &[
                "Kamulaştırmaların %48'i uzlaşmayla sonuçlanmaktadır.",
                "Adnan Menderes, Yunus Emre ve Abdurrahman Gazi mahallelerinde tescil bekleyen gecekondu parselleri vardır.",
            ],
            ihtiyaclar: &[
                "Güncel ve sorgulanabilir bir taşınmaz envanteri.",
                "Kıymet takdiri için bağımsız değerleme hizmeti.",
            ] },
        Hedef { kod: "H3.3",
            ad: "İşyeri ve pazar yeri denetimlerini artırarak kent düzenini ve tüketici haklarını korumak.",
            sorumlu: ZABITA, isbirligi: &[IMAR, TEMIZLIK],
            riskler: &[
                "Zabıta personelinin karla mücadele ve etkinlik görevleri nedeniyle denetimlerden uzak kalması.",
                "Ruhsat süreçlerinin uzunluğunun ruhsatsız faaliyeti teşvik etmesi.",
            ],
            stratejiler: &[
                "Risk esaslı bir denetim planı hazırlanarak işyerleri yılda en az bir kez denetlenecek.",
                "Semt pazarlarında esnaf kayıtları güncellenecek ve tezgâh yerleri tabelayla gösterilecek.",
                "Ruhsatsız işyerleri İmar ve Şehircilik Müdürlüğü ile birlikte ruhsatlandırmaya yönlendirilecek.",
            ],
            tespitler: &[
                "İşyerlerinin %55'i son bir yılda denetlenmiştir.",
                "İlçede ruhsatsız faaliyet gösteren 420 işyeri tespit edilmiştir.",
            ],
            ihtiyaclar: &[
                "Mobil denetim uygulaması ve el terminalleri.",
                "Zabıta ekip araçlarının yenilenmesi.",
            ] },
    ] },
    Amac { kod: "A4", ad: "Temiz, yeşil ve yaşanabilir bir çevre için atık yönetimini, yeşil alanları ve hayvan refahını geliştirmek.", hedefler: &[
        Hedef { kod: "H4.1",
            ad: "Evsel ve ambalaj atıklarının kaynağında ayrı toplanmasını yaygınlaştırarak geri kazanımı artırmak.",
            sorumlu: TEMIZLIK, isbirligi: &[KULTUR, BASIN],
            riskler: &[
                "Vatandaşların atıkları kaynağında ayırmaya yeterince katılmaması.",
                "Hizmet alımı maliyetlerinin akaryakıt ve asgari ücret artışlarıyla yükselmesi.",
            ],
            stratejiler: &[
                "Ambalaj atıkları için kaynağında ayrı toplama her yıl dört yeni mahalleye yaygınlaştırılacak.",
                "Okullar ve muhtarlıklarla elektronik atık toplama kampanyaları düzenlenecek.",
                "Sıfır Atık Toplama Merkezi kurulacak.",
            ],
            tespitler: &[
                "Evsel katı atık toplama hizmeti tüm hanelere verilmektedir.",
                "Toplanan atıkların yalnızca %6,5'i geri dönüşüme kazandırılmaktadır.",
            ],
            ihtiyaclar: &[
                "Ayrı toplama için farklı renkte konteynerler ve toplama aracı.",
                "Atık miktarlarını tartı kayıtlarıyla izleyen bir veri sistemi.",
            ] },
        Hedef { kod: "H4.2",
            ad: "Kişi başına düşen aktif yeşil alanı artırmak ve parkları nitelikli hâle getirmek.",
            sorumlu: PARK, isbirligi: &[FEN, IMAR, EMLAK],
            riskler: &[
                "Kısa vejetasyon dönemi ve sert kış şartlarında fidan kayıplarının artması.",
                "Park alanlarının kamulaştırılmasının gecikmesi.",
            ],
            stratejiler: &[
                "Erzurum iklimine uygun türlerle her yıl 20.000 ağaç dikilecek.",
                "Yeni park ve çocuk oyun alanları imar planında yeşil alan olarak ayrılmış parsellerde yapılacak.",
                "Parklar güneş enerjili aydınlatma sistemleriyle aydınlatılacak.",
            ],
            tespitler: &[
                "Kişi başına düşen aktif yeşil alan 7,8 m²'dir.",
                "Belediyenin iki serasında yıllık 40.000 adet mevsimlik çiçek üretilmektedir.",
            ],
            ihtiyaclar: &[
                "Otomatik sulama sistemi ve sulama suyu kaynakları.",
                "Fidanlık alanının genişletilmesi.",
            ] },
        Hedef { kod: "H4.3",
            ad: "Sahipsiz hayvanların tedavi, kısırlaştırma ve bakımını yaparak hayvan refahını ve halk sağlığını korumak.",
            sorumlu: VETERINER, isbirligi: &[TEMIZLIK, ZABITA],
            riskler: &[
                "Sahipsiz hayvan sayısının kısırlaştırma kapasitesinden hızlı artması.",
                "Kış aylarında barınak kapasitesinin yetersiz kalması.",
            ],
            stratejiler: &[
                "Kısırlaştırma ve aşılama çalışmaları mahalle bazında planlanarak yürütülecek.",
                "İkinci hayvan bakımevi ve rehabilitasyon merkezi kurulacak.",
                "Mama ve su noktalarıyla hayvanların yerleşim alanlarından uzakta beslenmesi sağlanacak.",
            ],
            tespitler: &[
                "Belediyenin bir hayvan bakımevi bulunmaktadır.",
                "2024 yılında sahipsiz hayvanlarla ilgili 1.450 şikâyet alınmıştır.",
            ],
            ihtiyaclar: &[
                "Ameliyathane donanımlı ikinci bakımevi.",
                "Hayvan ambulansı ve yakalama ekipmanları.",
            ] },
    ] },
    Amac { kod: "A5", ad: "Sosyal dayanışmayı, kültürel yaşamı ve mesleki gelişimi destekleyerek kapsayıcı bir kent yaşamı oluşturmak.", hedefler: &[
        Hedef { kod: "H5.1",
            ad: "Meslek edindirme ve beceri kurslarıyla kadınların ve gençlerin istihdam edilebilirliğini artırmak.",
            sorumlu: KULTUR, isbirligi: &[BASIN],
            riskler: &[
                "Kurs sonrası istihdam imkânlarının sınırlı kalması nedeniyle ilginin azalması.",
                "Usta öğretici bulmakta güçlük çekilmesi.",
            ],
            stratejiler: &[
                "Kurslar İŞKUR ve Halk Eğitim Merkezi ile işbirliği içinde işgücü piyasası ihtiyacına göre açılacak.",
                "Kursiyer ürünleri kermes ve sergilerle tanıtılarak gelir elde etmeleri desteklenecek.",
            ],
            tespitler: &[
                "Kurslara katılanların memnuniyet oranı %82'dir.",
                "Kurs başına ortalama 16 kursiyer düşmektedir.",
            ],
            ihtiyaclar: &[
                "Mahalle merkezlerinde kurs yapılabilecek donanımlı salonlar.",
                "Kursiyerlerin istihdam durumunu izleyen bir takip sistemi.",
            ] },
        Hedef { kod: "H5.2",
            ad: "İhtiyaç sahibi, yaşlı ve engelli vatandaşlara yönelik sosyal destek hizmetlerini yaygınlaştırmak.",
            sorumlu: KULTUR, isbirligi: &[DESTEK, FEN],
            riskler: &[
                "Artan yaşam maliyetiyle yardım talebinin bütçe imkânlarını aşması.",
                "Sosyal yardımların hak sahiplerine adil dağıtılmadığı algısı.",
            ],
            stratejiler: &[
                "Yardımlar hane ziyaretleri ve Sosyal Yardım Bilgi Sistemi kayıtları esas alınarak verilecek.",
                "Evde bakım ve hasta nakil hizmetleri yatağa bağımlı vatandaşların tamamına ulaştırılacak.",
                "Yaşlı Yaşam Merkezi projesi tamamlanacak.",
            ],
            tespitler: &[
                "4.850 haneye düzenli gıda, giyim veya yakacak yardımı yapılmaktadır.",
                "Evde bakım hizmetinden 310 kişi yararlanmaktadır.",
            ],
            ihtiyaclar: &[
                "Engelli erişimine uygun hasta nakil aracı.",
                "Sosyal çalışmacı ve hemşire kadroları.",
            ] },
        Hedef { kod: "H5.3",
            ad: "Kültürel ve sanatsal etkinliklerle kentlilik bilincini ve Erzurum kültürünün tanınırlığını artırmak.",
            sorumlu: KULTUR, isbirligi: &[BASIN, PARK],
            riskler: &[
                "Kış şartlarının açık alan etkinliklerini kısıtlaması.",
                "Kâğıt ve baskı maliyetlerinin yayın faaliyetlerini sınırlaması.",
            ],
            stratejiler: &[
                "Her yıl kış festivali, Ramazan etkinlikleri, konser, sergi ve konferans programı hazırlanacak.",
                "Beyaz Şehir Palandöken dergisi ve Erzurum takvimi ücretsiz dağıtılmaya devam edecek.",
                "Okuma salonları ve mahalle kütüphaneleri yaygınlaştırılacak.",
            ],
            tespitler: &[
                "Yıldızkent Kültür Merkezi ilçenin en çok kullanılan etkinlik mekânıdır.",
                "Erzurum kültürünü tanıtan yayınlara talep yüksektir.",
            ],
            ihtiyaclar: &[
                "Kültür merkezinin ses ve ışık sistemlerinin yenilenmesi.",
                "Etkinlik katılımını ölçen bilet ve kayıt sistemi.",
            ] },
    ] },
];
