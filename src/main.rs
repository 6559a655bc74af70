use clap::Parser;

fn main() {
    normlint::check::install_panic_hook();
    let cli = normlint::cli::Cli::parse();
    let code = normlint::cli::run(cli);
    normlint::rule_timing::print();
    std::process::exit(code);
}
