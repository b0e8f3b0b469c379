//! The lint job: inputs → reports (in parallel, printed in a stable order) → output → exit code.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::unknown_rule_message;
use crate::{Level, Linter, Report, Severity, render, rules, schema};

use super::args::{CheckArgs, ColorChoice, FailOn, Format};
use super::configs::Configs;
use super::inputs::{self, Input};

/// One unit of work: where the payload comes from, its name in output, and its linter.
pub(super) struct Job {
    pub(super) input: Input,
    pub(super) name: String,
    pub(super) linter: Arc<Linter>,
}

pub fn run(args: &CheckArgs) -> Result<u8, String> {
    let rule_flags = parse_rule_flags(&args.rules)?;
    if !is_single_file(&args.paths) {
        // Compiling the schema (a few milliseconds, once per process) overlaps the directory
        // walk instead of stalling the first worker while the others wait for it.
        std::thread::spawn(schema::document);
    }
    let inputs = inputs::collect(&args.paths)?;
    let mut configs = Configs::new(args.config.as_deref(), args.isolated, rule_flags)?;
    let stdin_name = args
        .stdin_filename
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let mut jobs = Vec::with_capacity(inputs.len());
    for input in inputs {
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
        let linter = configs.linter_for(&config_path)?;
        jobs.push(Job {
            input,
            name,
            linter,
        });
    }

    if args.fix || args.diff {
        let outcome = super::fixes::run(&jobs, args)?;
        if args.diff {
            super::print(&outcome.diff)?;
            return Ok(u8::from(!outcome.diff.is_empty()));
        }
    }

    let results = lint_in_parallel(&jobs, args.max_file_size);
    let mut reports = Vec::with_capacity(results.len());
    let mut read_errors = Vec::new();
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(message) => read_errors.push(message),
        }
    }

    let format = args.format.unwrap_or_else(|| {
        if args.output_file.is_none() && std::io::stdout().is_terminal() {
            Format::Human
        } else {
            Format::Concise
        }
    });
    let color = args.output_file.is_none() && use_color(args.color);
    let write_output = |out: &mut dyn Write| match format {
        // Streamed: a big report's JSON is many times the payload's size.
        Format::Json => render::json::render_to(&reports, out),
        Format::Human => out.write_all(render::human::render(&reports, color).as_bytes()),
        Format::Concise => out.write_all(render::concise::render(&reports).as_bytes()),
        Format::Sarif => out.write_all(render::sarif::render(&reports).as_bytes()),
        Format::Github => out.write_all(render::github::render(&reports).as_bytes()),
    };
    match &args.output_file {
        Some(path) => {
            let mut content = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = write_output(&mut content);
            super::atomic::write(path, &content, None, || Ok(()))?;
        }
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = write_output(&mut stdout).and_then(|()| stdout.flush());
        }
    }

    finish(&reports, read_errors, args.fail_on)
}

/// One existing file, as a pre-commit hook usually passes: nothing to overlap with start-up.
fn is_single_file(paths: &[String]) -> bool {
    matches!(paths, [path] if path != "-" && Path::new(path).is_file())
}

/// The exit code: read errors are the tool's failure; otherwise 1 when a finding reaches
/// `--fail-on`.
fn finish(reports: &[Report], read_errors: Vec<String>, fail_on: FailOn) -> Result<u8, String> {
    if !read_errors.is_empty() {
        return Err(read_errors.join("\n"));
    }
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    let failed = reports
        .iter()
        .flat_map(Report::diagnostics)
        .any(|d| d.severity >= threshold);
    Ok(u8::from(failed))
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

/// Lints every job on all cores; results keep the jobs' order.
fn lint_in_parallel(jobs: &[Job], max_file_size: u64) -> Vec<Result<Report, String>> {
    // One file (the usual pre-commit run): no thread, and no second malloc arena to grow.
    if let [job] = jobs {
        return vec![lint_one(job, max_file_size)];
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Report, String>>> = Vec::new();
    results.resize_with(jobs.len(), || None);
    let finished: Vec<Vec<(usize, Result<Report, String>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(index) else { break };
                        done.push((index, lint_one(job, max_file_size)));
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

fn lint_one(job: &Job, max_file_size: u64) -> Result<Report, String> {
    let (bytes, size) = match &job.input {
        Input::File(path) => read_bounded(std::fs::File::open(path), path, max_file_size)?,
        Input::Stdin => read_bounded(Ok(std::io::stdin().lock()), Path::new("-"), max_file_size)?,
    };
    Ok(match bytes {
        Some(bytes) => job.linter.lint_byte_vec(&job.name, bytes),
        None => job.linter.lint_too_large(&job.name, size, max_file_size),
    })
}

/// Reads at most `limit` bytes: `(None, size)` when there is more, so a huge file never sits in
/// memory whole.
fn read_bounded<R: Read>(
    reader: std::io::Result<R>,
    path: &Path,
    limit: u64,
) -> Result<(Option<Vec<u8>>, u64), String> {
    let describe = |err: std::io::Error| format!("cannot read {}: {err}", path.display());
    let reader = reader.map_err(describe)?;
    // Standard input (named `-`) has no size to ask for; a file has.
    let is_stdin = path == Path::new("-");
    let known = if is_stdin {
        0
    } else {
        std::fs::metadata(path).map_or(0, |m| m.len())
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
