/// Typst allocates a great deal: mimalloc saves about 9 % of the processor time of a big build
/// (measured in docs/src/gelistirici/hiz.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let code = match kitap::command_line::parse_env() {
        Ok(cli) => kitap::app::run(cli),
        Err(code) => code,
    };
    std::process::exit(code);
}
