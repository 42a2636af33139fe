//! The command line: Turkish commands with English aliases. Every flag's `///` line is its
//! `--help` text; [`crate::command_line`] says the rest of clap (help, usage, errors) in Turkish.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Belediyenin müdürlük çalışma kitaplarından Stratejik Plan, Performans Programı, Faaliyet
/// Raporu, İzleme Raporu ve Değerlendirme Raporu kitaplarını üretir.
#[derive(Debug, Parser)]
#[command(
    name = "kitap",
    version,
    about,
    long_about = None,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Çalışma kitaplarını okur, denetler; kitapları ve denetim raporunu yazar.
    #[command(name = "derle", alias = "build")]
    Build(BuildArgs),
    /// Çalışma kitaplarını okur ve denetler; yalnızca denetim raporunu yazar.
    #[command(name = "denetle", alias = "check")]
    Check(CheckArgs),
    /// Her müdürlük için bilinenlerle doldurulmuş bir çalışma kitabı şablonu yazar.
    #[command(name = "sablon", alias = "templates")]
    Templates(TemplateArgs),
    /// Proje klasörünü izler, bir dosya değişince kitapları yeniden derler.
    #[command(name = "izle", alias = "watch")]
    Watch(BuildArgs),
    /// Yeni ve boş bir proje klasörü yazar (kurum.yaml, plan.yaml, metinler, klasörler).
    #[command(name = "yeni", aliases = ["new", "init"])]
    New(NewArgs),
    /// Bir bulgu kodunun kılavuzdaki sayfasını gösterir (kitap acikla G005).
    #[command(name = "acikla", alias = "explain")]
    Explain(ExplainArgs),
    /// Bir komutun yardımını gösterir (kitap yardim derle).
    #[command(name = "yardim", alias = "help")]
    Help(HelpArgs),
    /// (iç kullanım) Tek bir çalışma kitabını okuyup sonucu standart çıktıya yazar.
    #[command(name = "oku-cocuk", hide = true)]
    ReadChild(ReadChildArgs),
    /// (iç kullanım) Tek bir çalışma kitabının işaretli kopyasını yazar.
    #[command(name = "isaretle-cocuk", hide = true)]
    MarkChild(ReadChildArgs),
}

/// Options shared by the commands that read a project.
#[derive(Debug, Args, Clone)]
pub struct ProjectArgs {
    /// Proje klasörü (kurum.yaml ve plan.yaml içeren); verilmezse paketle gelen örnek.
    #[arg(value_name = "PROJE")]
    pub project: Option<PathBuf>,
    /// Çıktı klasörü (varsayılan: output/<proje klasörünün adı>/).
    #[arg(short = 'o', long = "cikti", alias = "output", value_name = "DİZİN")]
    pub output: Option<PathBuf>,
    /// Faaliyet Raporu yılı; kurum.yaml'daki `yil` yerine geçer.
    #[arg(long = "yil", alias = "year", value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1900..=2100))]
    pub year: Option<i32>,
    /// Raporu insan için özet yerine JSON olarak standart çıktıya yazar.
    #[arg(long)]
    pub json: bool,
    /// Özette `bilgi` düzeyindeki bulguları da gösterir.
    #[arg(short = 'v', long = "ayrintili", alias = "verbose")]
    pub verbose: bool,
    /// Aynı anda okunacak çalışma kitabı sayısı (varsayılan: işlemci sayısı).
    #[arg(short = 'j', long = "paralel", alias = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Debug, Args, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Yazılacak kitaplar: sp (Stratejik Plan), pp (Performans Programı), fr (Faaliyet
    /// Raporu), iz (İzleme Raporu), dr (Değerlendirme Raporu), tum (beşi); varsayılan sp,pp,fr.
    #[arg(
        long = "kitap",
        alias = "books",
        value_delimiter = ',',
        value_name = "sp,pp,fr,iz,dr"
    )]
    pub books: Vec<String>,
    /// İzleme Raporu'nun dönemi: 1 (ilk altı ay) ya da 2 (yılın tamamı); verilmezse Yıl Sonu
    /// değeri varsa 2, yoksa 1.
    // A String, not a clap range: an unknown value gets kitap's own Turkish message (exit 2).
    #[arg(long = "donem", alias = "period", value_name = "1|2")]
    pub period: Option<String>,
    /// Herhangi bir hata varsa hiçbir kitap yazılmaz ve çıkış kodu 1 olur.
    #[arg(long = "kati", alias = "strict")]
    pub strict: bool,
    /// Her aşamanın süresini yazar (okuma, birleştirme, değişiklikler, kurallar, dizgi, yazma).
    #[arg(long = "zamanlama", alias = "timings")]
    pub timings: bool,
}

#[derive(Debug, Args, Clone)]
pub struct TemplateArgs {
    /// Proje klasörü; verilmezse paketle gelen örnek.
    #[arg(value_name = "PROJE")]
    pub project: Option<PathBuf>,
    /// Şablonların yazılacağı klasör (zorunlu; yoksa oluşturulur).
    // Not `required` for clap: a missing -o gets kitap's own Turkish message (exit 2).
    #[arg(short = 'o', long = "cikti", alias = "output", value_name = "DİZİN")]
    pub output: Option<PathBuf>,
    /// Şablonların hazırlanacağı Faaliyet Raporu yılı (varsayılan: kurum.yaml'daki `yil`).
    #[arg(long = "yil", alias = "year", value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1900..=2100))]
    pub year: Option<i32>,
}

#[derive(Debug, Args, Clone)]
pub struct NewArgs {
    /// Yazılacak proje klasörü (yoksa oluşturulur; varsa boş olmalı).
    #[arg(value_name = "DİZİN")]
    pub dir: PathBuf,
}

#[derive(Debug, Args, Clone)]
pub struct ExplainArgs {
    /// Bulgu kodu (örneğin G005).
    #[arg(value_name = "KOD")]
    pub code: String,
}

#[derive(Debug, Args, Clone)]
pub struct HelpArgs {
    /// Yardımı gösterilecek komut (verilmezse kitap'ın kendi yardımı).
    #[arg(value_name = "KOMUT")]
    pub command: Vec<String>,
}

#[derive(Debug, Args, Clone)]
pub struct ReadChildArgs {
    /// Okuma isteği (JSON).
    pub request: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn english_aliases_parse() {
        let c = Cli::try_parse_from(["kitap", "check", "x", "--json"]).expect("parses");
        assert!(matches!(c.command, Command::Check(ref a) if a.project.json));
        let c = Cli::try_parse_from(["kitap", "build", "--kitap", "sp,fr", "--strict"])
            .expect("parses");
        assert!(matches!(c.command, Command::Build(ref a) if a.strict && a.books == ["sp", "fr"]));
    }
}
