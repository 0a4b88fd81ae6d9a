//! The binary's commands beyond argument parsing: batch conversion and the
//! batch inspection table.

pub mod convert;
pub mod inputs;
pub mod inspect;
