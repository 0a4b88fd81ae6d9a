//! The binary's commands: arguments (`args`), the file system and terminal
//! boundary (`io`), the inputs a command line names (`inputs`), the commands
//! `convert`, `inspect`, `review` and `fonts`, and the man page and completions (`manual`).

pub mod args;
pub mod convert;
pub mod fonts;
pub mod inputs;
pub mod inspect;
pub mod io;
pub mod manual;
pub mod review;
