use clap::Parser;

/// Counts what each thread holds, so that a document can be held to its memory budget.
#[global_allocator]
static ALLOCATOR: normlint::budget::CountingAllocator = normlint::budget::CountingAllocator;

fn main() {
    normlint::budget::skip_allocator_cleanup_at_exit();
    normlint::check::install_panic_hook();
    let cli = normlint::cli::Cli::parse();
    let code = normlint::cli::run(cli);
    normlint::rule_timing::print();
    std::process::exit(code);
}
