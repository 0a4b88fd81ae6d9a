//! The `bindery` command: parses arguments, reports errors and exits with the
//! documented code. The commands are in `cli/`; everything else is `bindery::…`.

use bindery::error::{exit, Error};
use clap::Parser;
use cli::args::{Cli, Command};

mod cli;

/// mimalloc rather than the system allocator: the PDF writer grows and frees
/// many large buffers, and glibc's adaptive mmap threshold kept the freed ones
/// in the heap — the 5 M-character novel peaked at 630 MB RSS (922 MB on one
/// run) against 290 MB of live heap; with mimalloc it peaks at about 350 MB,
/// at the same speed (bench/run.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version print as clap writes them.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            std::process::exit(exit::OK);
        }
        Err(e) => {
            cli::io::say(&cli::io::usage_error_line(&e.render().to_string()));
            std::process::exit(exit::USAGE);
        }
    };
    cli::io::clean_up_on_signals();
    let result = match cli.command {
        Command::Convert(args) => cli::convert::run(args),
        Command::Inspect(args) if args.batch => cli::inspect::run_batch(&args),
        Command::Inspect(args) => cli::inspect::run(args),
        Command::Review(args) => cli::review::run(args),
        Command::Fonts(args) => cli::fonts::run(&args),
        Command::Man { dir } => cli::manual::man(&dir),
        Command::Completions { shell } => cli::manual::completions(shell),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            let code = err.downcast_ref::<Error>().map(Error::exit_code).unwrap_or(exit::USAGE);
            cli::io::say(&cli::io::one_line(&err));
            std::process::exit(code);
        }
    }
}
