//! The lint job: inputs → reports (in parallel, printed in a stable order) → output → exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::config::unknown_rule_message;
use crate::project::Project;
use crate::text::escape_line;
use crate::{Level, Report, Severity, render, rules, schema};

use super::args::{CheckArgs, ColorChoice, FailOn, Format};
use super::configs::Configs;
use super::coverage::{Counted, Coverage};
use super::inputs::{self, Input};
use super::job::Job;
use super::select::{Selected, refuse_links_out_of_tree, refuse_unclaimed, select};
use super::walk::{DEFAULT_EXCLUDES, Notes};

pub(super) fn run(args: &CheckArgs) -> Result<u8, String> {
    let (jobs, mut coverage) = plan(args)?;
    if args.fix || args.diff {
        // Fixes see what the lint sees: a helper's literal another file sends, a caller's
        // argument a helper places. (The lint after them reads the project again: the fixes
        // changed files.)
        let (project, _) = super::project_of::project_of(&jobs, &args.paths, args.max_file_size);
        let outcome = super::fixes::run(&jobs, args, &project)?;
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
    let collected = lint_all(
        &jobs,
        &args.paths,
        args.max_file_size,
        format,
        &mut coverage,
    );
    write_output(args, format, &collected, &coverage)?;
    // Machine formats keep standard output to the contract; the coverage line goes to
    // standard error, so a silent run is never mistaken for coverage.
    if !matches!(format, Format::Human | Format::Json | Format::Sarif) {
        eprintln!("checkout-lint: {}", coverage.summary());
    }
    finish(collected.worst, collected.read_errors, args.fail_on)
}

/// The jobs of a run, in input order, and its coverage so far (the files skipped).
fn plan(args: &CheckArgs) -> Result<(Vec<Job>, Coverage), String> {
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
    let mut jobs = Vec::with_capacity(inputs.len());
    let mut coverage = Coverage::default();
    for (input, named) in inputs {
        match job_for(input, named, args, &mut configs, &excludes)? {
            Some(job) => jobs.push(job),
            None => coverage.skipped += 1,
        }
    }
    Ok((jobs, coverage))
}

/// The job for one input (`named` on the command line, or walked); `None` when the walk's
/// rules skip it.
fn job_for(
    input: Input,
    named: bool,
    args: &CheckArgs,
    configs: &mut Configs,
    excludes: &[String],
) -> Result<Option<Job>, String> {
    let (name, config_path) = match &input {
        Input::File(path) => (crate::text::path_string(path), path.clone()),
        Input::Stdin => match &args.stdin_filename {
            Some(path) => (crate::text::path_string(path), path.clone()),
            None => ("-".to_string(), PathBuf::from("-")),
        },
    };
    let linter = configs.linter_for(&config_path)?;
    let detect = match &input {
        // Standard input is always a payload.
        Input::Stdin => false,
        Input::File(path) => {
            match select(path, named, args.force_exclude, linter.config(), excludes) {
                Selected::Skip => return Ok(None),
                Selected::Lint => false,
                Selected::IfPayload => true,
            }
        }
    };
    // Named files that are linted: a type no front-end reads, a link out of the tree.
    if let (Input::File(path), true) = (&input, named) {
        // Under the walk's rules a file no front-end reads is skipped, as a walk skips it.
        match refuse_unclaimed(path) {
            Err(_) if args.force_exclude => return Ok(None),
            result => result?,
        }
        refuse_links_out_of_tree(path)?;
    }
    Ok(Some(Job {
        input,
        name,
        linter,
        detect,
    }))
}

/// What linting every job found: the reports kept, or their text already rendered; the worst
/// severity; the files that could not be read.
#[derive(Default)]
struct Collected {
    reports: Vec<Report>,
    rendered: String,
    worst: Option<Severity>,
    read_errors: Vec<String>,
}

/// Lints every job on all cores; what each linted file holds is added to `coverage`, and a
/// walked JSON file that is not a payload counts as skipped.
fn lint_all(
    jobs: &[Job],
    paths: &[String],
    max_file_size: u64,
    format: Format,
    coverage: &mut Coverage,
) -> Collected {
    // Line-per-diagnostic formats render each report in its worker, which then frees it:
    // rendering runs in parallel and memory stays flat however many files there are. The others
    // need every report at once (a summary, one JSON or SARIF document).
    let render_in_worker: Option<fn(&[Report]) -> String> = match format {
        Format::Concise => Some(render::concise::render),
        Format::Github => Some(render::github::render),
        Format::Human | Format::Json | Format::Sarif => None,
    };
    let (project, quiet) = super::project_of::project_of(jobs, paths, max_file_size);
    let mut work = Vec::with_capacity(jobs.len());
    for (job, &quiet) in jobs.iter().zip(&quiet) {
        if quiet && render_in_worker.is_some() {
            // Its report would render to nothing: only counted. (JSON, SARIF and the human
            // summary list every file linted, so there it gets its empty report.)
            coverage.add(&Counted::source_without_payloads());
        } else {
            work.push((job, quiet));
        }
    }
    let results = lint_in_parallel(&work, max_file_size, &project, |report| {
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
    let mut collected = Collected {
        reports: Vec::with_capacity(results.len()),
        ..Collected::default()
    };
    for result in results {
        match result {
            Ok(Some((linted, counted))) => {
                coverage.add(&counted);
                match linted {
                    Linted::Kept(report) => {
                        collected.worst = collected.worst.max(report.worst_severity());
                        collected.reports.push(report);
                    }
                    Linted::Rendered { text, worst } => {
                        collected.worst = collected.worst.max(worst);
                        collected.rendered.push_str(&text);
                    }
                }
            }
            Ok(None) => coverage.skipped += 1,
            Err(message) => collected.read_errors.push(message),
        }
    }
    collected
}

/// Writes the reports in `format` to `-o FILE` (whole, or not at all) or standard output.
fn write_output(
    args: &CheckArgs,
    format: Format,
    collected: &Collected,
    coverage: &Coverage,
) -> Result<(), String> {
    let color = args.output_file.is_none() && use_color(args.color);
    let reports = &collected.reports;
    let write_output = |out: &mut dyn Write| match format {
        // Streamed: a big report's JSON is many times the payload's size.
        Format::Json => render::json::render_to(reports, out),
        Format::Human => {
            out.write_all(render::human::render(reports, color).as_bytes())?;
            writeln!(out, "{}", coverage.summary())
        }
        Format::Sarif => render::sarif::render_to(reports, out),
        Format::Concise | Format::Github => out.write_all(collected.rendered.as_bytes()),
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
    Ok(())
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
/// Lints each job (with whether the project stage found it quiet) on all cores.
fn lint_in_parallel<T: Send>(
    work: &[(&Job, bool)],
    max_file_size: u64,
    project: &Project,
    then: impl Fn(Report) -> T + Sync,
) -> Vec<Result<Option<T>, String>> {
    crate::parallel::map(work, |&(job, quiet)| {
        if quiet {
            // Read by the project stage already, and it mentions nothing a lint looks for.
            return Ok(Some(then(job.linter.lint_nothing(&job.name))));
        }
        lint_one(job, max_file_size, project).map(|report| report.map(&then))
    })
    .into_iter()
    .zip(work)
    .map(|(result, (job, _))| {
        result.unwrap_or_else(|| Err(format!("internal error: {} was not linted", job.name)))
    })
    .collect()
}

/// The report of one job; `None` for a walked JSON file that is not a checkout payload.
fn lint_one(job: &Job, max_file_size: u64, project: &Project) -> Result<Option<Report>, String> {
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
            super::read::read_bounded(file, path, metadata.len(), max_file_size)?
        }
        Input::Stdin => {
            super::read::read_bounded(std::io::stdin().lock(), Path::new("-"), 0, max_file_size)?
        }
    };
    if job.detect {
        // A walked JSON file: linted when it looks like a payload (one parse for both); one
        // over the size limit is data, not a payload anyone writes.
        return Ok(bytes.and_then(|bytes| job.linter.lint_walked_json(&job.name, bytes)));
    }
    let neighbours = match &job.input {
        Input::File(path) => project.neighbours(path),
        Input::Stdin => None,
    };
    Ok(Some(match (bytes, neighbours) {
        (Some(bytes), Some(neighbours)) => job.linter.lint_in_project(&job.name, bytes, neighbours),
        (Some(bytes), None) => job.linter.lint_byte_vec(&job.name, bytes),
        (None, _) => job.linter.lint_too_large(&job.name, size, max_file_size),
    }))
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
