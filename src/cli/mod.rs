//! The binary's commands: arguments (`args`), the file system and terminal
//! boundary (`io`), the inputs a command line names (`inputs`), and the two
//! commands, `convert` and `inspect`.

pub mod args;
pub mod convert;
pub mod inputs;
pub mod inspect;
pub mod io;
