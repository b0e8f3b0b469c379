//! Turning reports into text: for people ([`human`], [`concise`]) and for machines ([`json`],
//! [`sarif`], [`github`]). Renderers never decide anything; they only format what the report
//! holds, and make payload text safe for where it goes.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
mod window;
