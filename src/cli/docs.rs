//! `checkout-lint rules` and `checkout-lint explain NAME`: the documentation from the command
//! line, embedded in the binary.

use crate::config::unknown_rule_message;
use crate::rules;

use super::args::ListFormat;

pub(super) fn list(format: ListFormat) -> String {
    match format {
        ListFormat::Table => {
            let width = rules::all()
                .iter()
                .map(|r| r.meta().name.len())
                .max()
                .unwrap_or(0);
            let mut out = format!("{:width$}  {:8}  summary\n", "rule", "severity");
            for rule in rules::all() {
                let meta = rule.meta();
                out.push_str(&format!(
                    "{:width$}  {:8}  {}\n",
                    meta.name,
                    meta.severity.as_str(),
                    meta.summary
                ));
            }
            out
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules::all()
                .iter()
                .map(|rule| {
                    let meta = rule.meta();
                    serde_json::json!({
                        "name": meta.name,
                        "severity": meta.severity,
                        "summary": meta.summary,
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
            text.push('\n');
            text
        }
    }
}

pub(super) fn explain(name: &str) -> Result<String, String> {
    rules::find(name)
        .map(|rule| rule.meta().docs.to_string())
        .ok_or_else(|| unknown_rule_message(name))
}
