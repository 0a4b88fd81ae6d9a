//! The `bindery` command: parses arguments, reports errors and exits with the
//! documented code. The commands are in `cli/`; everything else is `bindery::…`.

use bindery::error::{exit, Error};
use clap::Parser;
use cli::args::{Cli, Command};
use std::ffi::{c_int, c_long};

mod cli;

/// mimalloc rather than the system allocator: the PDF writer grows and frees
/// many large buffers, and glibc's adaptive mmap threshold kept the freed ones
/// in the heap — the 5 M-character novel peaked at 630 MB RSS (922 MB on one
/// run) against 290 MB of live heap; with mimalloc it peaks at about 350 MB,
/// at the same speed (bench/run.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option numbers (`mi_option_e` in its `mimalloc.h`, v3 as
/// libmimalloc-sys 0.1.49 builds it; mimalloc keeps retired options in the
/// enum so that the numbers stay put).
const MI_OPTION_ARENA_EAGER_COMMIT: c_int = 4;
const MI_OPTION_PURGE_DELAY: c_int = 15;

// Declared by hand: the `mimalloc` crate links the library but exposes its
// options only through libmimalloc-sys's `extended` feature, which would add
// a crate for two setters.
unsafe extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
}

/// Commit memory as it is used and give freed memory back at once, instead
/// of committing the arena ahead and keeping freed pages for 10 ms: the same
/// speed, and peak RSS follows the live heap (5 M-character novel → PDF
/// 204–228 → 141 MB, → EPUB 157 → 83 MB; a 1,000-page PDF → EPUB 90 → 38 MB,
/// as a 100-page one; `/usr/bin/time -v`, README "Speed and memory").
fn return_freed_memory() {
    // SAFETY: two setters of plain integer options, called first thing in
    // `main`, before any other thread exists (mimalloc's setters are not
    // thread-safe).
    unsafe {
        mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

fn main() {
    return_freed_memory();
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
