//! What a run linted, for its summary line: payloads in source files, JSON payload files and
//! files skipped — so a silent run is never mistaken for coverage.

use crate::Report;

/// What one linted file adds to the run's coverage.
pub(super) struct Counted {
    json: bool,
    payloads: usize,
}

impl Counted {
    pub(super) fn of(report: &Report) -> Self {
        Self {
            json: crate::payload::front_end::of(report.name()).payload_is_file(),
            payloads: report.payload_count(),
        }
    }

    /// A source file that holds no payload (the project stage found it mentions nothing).
    pub(super) fn source_without_payloads() -> Self {
        Self {
            json: false,
            payloads: 0,
        }
    }
}

/// What a run linted: payloads in source files, JSON payload files, files skipped.
#[derive(Default)]
pub(super) struct Coverage {
    source_files: usize,
    source_payloads: usize,
    json_files: usize,
    pub(super) skipped: usize,
}

impl Coverage {
    pub(super) fn add(&mut self, counted: &Counted) {
        if counted.json {
            self.json_files += 1;
        } else {
            self.source_files += 1;
            self.source_payloads += counted.payloads;
        }
    }

    pub(super) fn summary(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("{n} {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let mut line = format!(
            "Linted {} in {}, {}",
            plural(self.source_payloads, "payload", "payloads"),
            plural(self.source_files, "source file", "source files"),
            plural(self.json_files, "JSON payload file", "JSON payload files"),
        );
        if self.skipped > 0 {
            line.push_str(&format!(
                "; {} skipped: not checkout payloads or excluded",
                plural(self.skipped, "file", "files")
            ));
        }
        line.push('.');
        if self.source_payloads == 0 && self.json_files == 0 {
            line.push_str(" No checkout payloads were found");
            if self.source_files > 0 {
                line.push_str(" in the source files");
            }
            line.push_str(": nothing was checked.");
        }
        line
    }
}
