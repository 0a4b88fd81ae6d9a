//! The man pages and shell completions, generated from the same clap
//! definitions as `--help` (clap_mangen, clap_complete) so they cannot drift.
//! Packaging scripts call `bindery man DIR` and `bindery completions SHELL`.

use super::args::Cli;
use clap::CommandFactory;
use std::path::Path;

/// `bindery man DIR`: `bindery.1` and one page per visible subcommand
/// (`bindery-convert.1`, …), as git and cargo ship theirs.
pub fn man(dir: &Path) -> anyhow::Result<i32> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: cannot create: {e}", dir.display()))?;
    clap_mangen::generate_to(Cli::command(), dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", dir.display()))?;
    Ok(0)
}

/// `bindery completions SHELL`: the completion script for bash, zsh, fish, …
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<i32> {
    clap_complete::generate(shell, &mut Cli::command(), "bindery", &mut std::io::stdout().lock());
    Ok(0)
}
