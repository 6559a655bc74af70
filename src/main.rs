use clap::Parser;

/// Counts what each thread holds, so that a document can be held to its memory budget.
#[global_allocator]
static ALLOCATOR: normlint::budget::CountingAllocator = normlint::budget::CountingAllocator;

fn main() {
    normlint::check::install_panic_hook();
    let cli = normlint::cli::Cli::parse();
    std::process::exit(normlint::cli::run(cli));
}
