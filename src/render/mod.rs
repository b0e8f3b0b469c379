//! Turning reports into text: for people ([`human`]) and for machines ([`json`]).
//! Renderers never decide anything; they only format what the report holds.

pub mod human;
pub mod json;
