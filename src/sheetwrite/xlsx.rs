use super::WorkbookSpec;
use std::io;

pub fn to_bytes(_spec: &WorkbookSpec) -> io::Result<Vec<u8>> {
    Err(io::Error::other("xlsx writer not written yet"))
}
