use clap::Parser;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        // A panic inside Typst is caught and reported as a finding on the book.
        if kitap::typeset::panic_is_caught(info.location().map(|l| l.file())) {
            return;
        }
        eprintln!(
            "iç hata: kitap beklenmedik bir durumla karşılaştı ve durdu. Bu bir yazılım hatasıdır; \
             lütfen bu mesajı ve kullandığınız dosyaları bildirin.\n{info}"
        );
    }));
    let code = kitap::app::run(kitap::cli::Cli::parse());
    std::process::exit(code);
}
