//! The binary's commands: arguments (`args`), the file system and terminal
//! boundary (`io`), the inputs a command line names (`inputs`), and the two
//! commands, `convert`, `inspect` and `review`.

pub mod args;
pub mod convert;
pub mod inputs;
pub mod inspect;
pub mod io;
pub mod review;
