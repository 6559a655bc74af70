use clap::Parser;

fn main() {
    normlint::check::install_panic_hook();
    let cli = normlint::cli::Cli::parse();
    std::process::exit(normlint::cli::run(cli));
}
