//! `vanban nhap` on a .docx that vanban built and someone edited: the edits brought back
//! into the YAML it was built from.

pub mod text;
pub mod yaml;
