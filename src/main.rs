use clap::Parser;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "iç hata: kitap beklenmedik bir durumla karşılaştı ve durdu. Bu bir yazılım hatasıdır; \
             lütfen bu mesajı ve kullandığınız dosyaları bildirin.\n{info}"
        );
    }));
    let code = kitap::app::run(kitap::cli::Cli::parse());
    std::process::exit(code);
}
