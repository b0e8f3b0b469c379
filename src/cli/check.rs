//! The lint job: inputs → reports (in parallel, printed in a stable order) → output → exit code.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::unknown_rule_message;
use crate::text::escape_line;
use crate::{Level, Report, Severity, render, rules, schema};

use super::args::{CheckArgs, ColorChoice, FailOn, Format};
use super::configs::Configs;
use super::inputs::{self, Input};
use super::job::Job;
use super::walk::{DEFAULT_EXCLUDES, Notes};

pub fn run(args: &CheckArgs) -> Result<u8, String> {
    let rule_flags = parse_rule_flags(&args.rules)?;
    if !is_single_file(&args.paths) {
        // Compiling the schema (a few milliseconds, once per process) overlaps the directory
        // walk instead of stalling the first worker while the others wait for it.
        std::thread::spawn(schema::document);
    }
    let mut configs = Configs::new(
        args.config.as_deref(),
        args.isolated,
        rule_flags,
        args.max_diagnostics,
    )?;
    // The folders every walk skips: the config's list where the config of the current folder
    // (or --config) sets one.
    let excludes = configs
        .linter_for(Path::new("./-"))?
        .config()
        .default_excludes
        .clone()
        .unwrap_or_else(|| DEFAULT_EXCLUDES.iter().map(|s| s.to_string()).collect());
    let notes = Notes::default();
    let inputs = inputs::collect(
        &args.paths,
        &inputs::WalkOptions {
            excludes: &excludes,
            notes: &notes,
        },
    )?;
    notes.print();
    let stdin_name = args
        .stdin_filename
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let mut jobs = Vec::with_capacity(inputs.len());
    let mut coverage = Coverage::default();
    for (input, named) in inputs {
        let (name, config_path) = match &input {
            Input::File(path) => (path.display().to_string(), path.clone()),
            Input::Stdin => {
                let path = args
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("-"));
                (stdin_name.clone(), path)
            }
        };
        if let (Input::File(path), true) = (&input, named) {
            refuse_links_out_of_tree(path)?;
        }
        let linter = configs.linter_for(&config_path)?;
        let detect = match &input {
            // Standard input is always a payload.
            Input::Stdin => false,
            Input::File(path) => {
                match select(
                    path,
                    named && !args.force_exclude,
                    linter.config(),
                    &excludes,
                ) {
                    Selected::Skip => {
                        coverage.skipped += 1;
                        continue;
                    }
                    Selected::Lint => false,
                    Selected::IfPayload => true,
                }
            }
        };
        jobs.push(Job {
            input,
            name,
            linter,
            detect,
        });
    }

    if args.fix || args.diff {
        let outcome = super::fixes::run(&jobs, args)?;
        if args.diff {
            super::print(&outcome.diff)?;
            return Ok(u8::from(!outcome.diff.is_empty()));
        }
    }

    let format = args.format.unwrap_or_else(|| {
        if args.output_file.is_none() && std::io::stdout().is_terminal() {
            Format::Human
        } else {
            Format::Concise
        }
    });
    // Line-per-diagnostic formats render each report in its worker, which then frees it:
    // rendering runs in parallel and memory stays flat however many files there are. The others
    // need every report at once (a summary, one JSON or SARIF document).
    let render_in_worker: Option<fn(&[Report]) -> String> = match format {
        Format::Concise => Some(render::concise::render),
        Format::Github => Some(render::github::render),
        Format::Human | Format::Json | Format::Sarif => None,
    };
    let results = lint_in_parallel(&jobs, args.max_file_size, |report| {
        let counted = Counted::of(&report);
        let linted = match render_in_worker {
            Some(render) => Linted::Rendered {
                text: render(std::slice::from_ref(&report)),
                worst: report.worst_severity(),
            },
            None => Linted::Kept(report),
        };
        (linted, counted)
    });
    let mut reports = Vec::with_capacity(results.len());
    let mut rendered = String::new();
    let mut worst = None;
    let mut read_errors = Vec::new();
    for result in results {
        match result {
            Ok(Some((linted, counted))) => {
                coverage.add(&counted);
                match linted {
                    Linted::Kept(report) => {
                        worst = worst.max(report.worst_severity());
                        reports.push(report);
                    }
                    Linted::Rendered { text, worst: w } => {
                        worst = worst.max(w);
                        rendered.push_str(&text);
                    }
                }
            }
            Ok(None) => coverage.skipped += 1,
            Err(message) => read_errors.push(message),
        }
    }

    let color = args.output_file.is_none() && use_color(args.color);
    let write_output = |out: &mut dyn Write| match format {
        // Streamed: a big report's JSON is many times the payload's size.
        Format::Json => render::json::render_to(&reports, out),
        Format::Human => {
            out.write_all(render::human::render(&reports, color).as_bytes())?;
            writeln!(out, "{}", coverage.summary())
        }
        Format::Sarif => render::sarif::render_to(&reports, out),
        Format::Concise | Format::Github => out.write_all(rendered.as_bytes()),
    };
    match &args.output_file {
        Some(path) => {
            let mut content = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = write_output(&mut content);
            super::atomic::write_output(path, &content)?;
        }
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = write_output(&mut stdout).and_then(|()| stdout.flush());
        }
    }

    // Machine formats keep standard output to the contract; the coverage line goes to
    // standard error, so a silent run is never mistaken for coverage.
    if !matches!(format, Format::Human | Format::Json | Format::Sarif) {
        eprintln!("checkout-lint: {}", coverage.summary());
    }
    finish(worst, read_errors, args.fail_on)
}

/// What to do with a file the inputs hold.
enum Selected {
    Skip,
    Lint,
    /// A walked JSON file: linted when it looks like a checkout payload.
    IfPayload,
}

/// Whether `path` is linted. A file named on the command line is linted as given, unless it
/// is a well-known project file (`package.json`, `tsconfig.json` …). A walked one (or a named
/// one under `--force-exclude`) must also be outside the default excludes and inside the
/// config's `include`/`exclude`; a JSON file the config's `include` does not name must look
/// like a payload. The configured catalogue is never a payload.
fn select(path: &Path, as_named: bool, config: &crate::Config, excludes: &[String]) -> Selected {
    let is_json = crate::payload::HostLanguage::of(&path.to_string_lossy())
        == crate::payload::HostLanguage::Json;
    let is_catalogue = config
        .catalogue_path
        .as_deref()
        .is_some_and(|catalogue| same_file(catalogue, path));
    if is_catalogue || (is_json && crate::payload::detect::is_project_file(path)) {
        return Selected::Skip;
    }
    if as_named {
        return Selected::Lint;
    }
    let excluded_folder = path
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .any(|c| {
            matches!(c, std::path::Component::Normal(name)
            if excludes.iter().any(|e| name.to_str() == Some(e.as_str())))
        });
    let name = path.to_string_lossy();
    if excluded_folder || !config.includes(&name) {
        return Selected::Skip;
    }
    let included_by_name = config
        .include
        .as_ref()
        .is_some_and(|set| set.matches(&name, config.root.as_deref()));
    if is_json && !included_by_name {
        Selected::IfPayload
    } else {
        Selected::Lint
    }
}

/// A named file reached through a symbolic link (the file or a folder above it) must resolve
/// inside its working tree: the git work tree around the folder it is named in, or that folder
/// outside a repository. A committed `payload.json -> /etc/…` would otherwise be read and
/// printed in a CI log's code frames. A file named without links is read wherever it is; a
/// link to something that is not a regular file is left to the reader, which refuses it.
fn refuse_links_out_of_tree(path: &Path) -> Result<(), String> {
    let (Ok(absolute), Ok(real)) = (std::path::absolute(path), std::fs::canonicalize(path)) else {
        return Ok(()); // Missing or unreadable: the read reports it.
    };
    let normal = crate::config::files::relative_to(&absolute, None);
    if normal == real || !std::fs::metadata(&real).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    // Found by the path as written: a folder link on the way must not choose the tree.
    let folder = normal.parent().unwrap_or(Path::new("/"));
    let is_link = |dir: &Path| {
        dir.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    };
    let anchor = folder
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .or_else(|| folder.ancestors().find(|dir| !is_link(dir)))
        .unwrap_or(folder);
    let tree = std::fs::canonicalize(anchor).unwrap_or_else(|_| anchor.to_path_buf());
    if real.starts_with(&tree) {
        return Ok(());
    }
    Err(format!(
        "{} is a link to a file outside the working tree ({}); not read (name the file itself)",
        escape_line(&path.display().to_string()),
        escape_line(&tree.display().to_string())
    ))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// What one linted file adds to the run's coverage.
struct Counted {
    json: bool,
    payloads: usize,
}

impl Counted {
    fn of(report: &Report) -> Self {
        Self {
            json: crate::payload::HostLanguage::of(report.name())
                == crate::payload::HostLanguage::Json,
            payloads: report.payload_count(),
        }
    }
}

/// What a run linted: payloads in source files, JSON payload files, files skipped.
#[derive(Default)]
struct Coverage {
    source_files: usize,
    source_payloads: usize,
    json_files: usize,
    skipped: usize,
}

impl Coverage {
    fn add(&mut self, counted: &Counted) {
        if counted.json {
            self.json_files += 1;
        } else {
            self.source_files += 1;
            self.source_payloads += counted.payloads;
        }
    }

    fn summary(&self) -> String {
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

/// What a worker hands back for one file.
enum Linted {
    /// For formats that render all reports together.
    Kept(Report),
    /// Already rendered; `worst` is the highest severity found, for the exit code.
    Rendered {
        text: String,
        worst: Option<Severity>,
    },
}

/// One existing file, as a pre-commit hook usually passes: nothing to overlap with start-up.
fn is_single_file(paths: &[String]) -> bool {
    matches!(paths, [path] if path != "-" && Path::new(path).is_file())
}

/// The exit code: read errors are the tool's failure; otherwise 1 when a finding reaches
/// `--fail-on`.
fn finish(
    worst: Option<Severity>,
    read_errors: Vec<String>,
    fail_on: FailOn,
) -> Result<u8, String> {
    if !read_errors.is_empty() {
        return Err(read_errors.join("\n"));
    }
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    Ok(u8::from(
        worst.is_some_and(|severity| severity >= threshold),
    ))
}

/// `--rule NAME=LEVEL` flags; an unknown name lists the valid ones with a did-you-mean.
fn parse_rule_flags(flags: &[String]) -> Result<std::collections::BTreeMap<String, Level>, String> {
    let mut levels = std::collections::BTreeMap::new();
    for flag in flags {
        let (name, level) = flag
            .split_once('=')
            .ok_or_else(|| format!("--rule {flag:?}: expected NAME=LEVEL, e.g. mixed-cart=off"))?;
        if rules::find(name).is_none() {
            return Err(format!("--rule {flag:?}: {}", unknown_rule_message(name)));
        }
        let level = level
            .parse::<Level>()
            .map_err(|message| format!("--rule {flag:?}: {message}"))?;
        levels.insert(name.to_string(), level);
    }
    Ok(levels)
}

/// Lints every job on all cores and hands each report to `then` on the worker that made it;
/// results come back in job order.
fn lint_in_parallel<T: Send>(
    jobs: &[Job],
    max_file_size: u64,
    then: impl Fn(Report) -> T + Sync,
) -> Vec<Result<Option<T>, String>> {
    // One file (the usual pre-commit run): no thread, and no second malloc arena to grow.
    if let [job] = jobs {
        return vec![lint_one(job, max_file_size).map(|report| report.map(&then))];
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Option<T>, String>>> = Vec::new();
    results.resize_with(jobs.len(), || None);
    let finished: Vec<Vec<Done<T>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(index) else { break };
                        let linted = lint_one(job, max_file_size);
                        done.push((index, linted.map(|report| report.map(&then))));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    for (index, result) in finished.into_iter().flatten() {
        results[index] = Some(result);
    }
    results
        .into_iter()
        .enumerate()
        .map(|(index, result)| {
            result.unwrap_or_else(|| {
                Err(format!(
                    "internal error: {} was not linted",
                    jobs[index].name
                ))
            })
        })
        .collect()
}

/// A worker's result for the job at an index.
type Done<T> = (usize, Result<Option<T>, String>);

/// The report of one job; `None` for a walked JSON file that is not a checkout payload.
fn lint_one(job: &Job, max_file_size: u64) -> Result<Option<Report>, String> {
    let (bytes, size) = match &job.input {
        Input::File(path) => {
            // Opened without blocking, and only a regular file is read: a committed link to
            // `/dev/stdin`, a FIFO or a device would hang or flood the run (`-` reads stdin).
            let (file, metadata) = match crate::untrusted_file::open_regular(path, true) {
                Ok(opened) => opened,
                Err(crate::untrusted_file::ReadError::Io(err)) => {
                    return Err(format!("cannot read {}: {err}", escape_line(&job.name)));
                }
                Err(_) => {
                    return Err(format!(
                        "{} is not a regular file; not linted (pipe it through - instead)",
                        escape_line(&job.name)
                    ));
                }
            };
            // The open file's size: no second lookup of the path.
            read_bounded(file, path, metadata.len(), max_file_size)?
        }
        Input::Stdin => read_bounded(std::io::stdin().lock(), Path::new("-"), 0, max_file_size)?,
    };
    if job.detect {
        let looks_like_payload = bytes.as_deref().is_some_and(|bytes| {
            std::str::from_utf8(bytes).is_ok_and(crate::payload::detect::looks_like_payload)
        });
        if !looks_like_payload {
            return Ok(None);
        }
    }
    Ok(Some(match bytes {
        Some(bytes) => job.linter.lint_byte_vec(&job.name, bytes),
        None => job.linter.lint_too_large(&job.name, size, max_file_size),
    }))
}

/// Reads at most `limit` bytes: `(None, size)` when there is more, so a huge file never sits in
/// memory whole. `known` is the size when it can be known beforehand (a file; 0 for standard
/// input).
pub(super) fn read_bounded<R: Read>(
    reader: R,
    path: &Path,
    known: u64,
    limit: u64,
) -> Result<(Option<Vec<u8>>, u64), String> {
    let describe = |err: std::io::Error| {
        format!(
            "cannot read {}: {err}",
            escape_line(&path.to_string_lossy())
        )
    };
    if known > limit {
        // Known to be too large (a file): not even the first `limit` bytes are read.
        return Ok((None, known));
    }
    // Sized up front: through `take`, read_to_end would double its buffer past the file's size.
    let mut bytes = Vec::with_capacity(usize::try_from(known).unwrap_or(0).saturating_add(1));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(describe)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Ok((None, known.max(size)));
    }
    Ok((Some(bytes), size))
}

/// Colour only on a terminal, never with `NO_COLOR` set (https://no-color.org).
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
