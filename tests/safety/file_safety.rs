//! `--fix` and `-o` in a folder an attacker prepared (a cloned repository): links planted at
//! temporary names, links as targets, hard links, foreign owners, devices and FIFOs.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::Path;

use crate::common::{self, run};

/// A payload with one safe fix: `usd` → `USD`.
const FIXABLE: &str =
    r#"{"product_cart": [{"product_id": "pdt_1", "quantity": 1}], "billing_currency": "usd"}"#;
const FIXED: &str =
    r#"{"product_cart": [{"product_id": "pdt_1", "quantity": 1}], "billing_currency": "USD"}"#;

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn make_fifo(path: &Path) -> std::path::PathBuf {
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    path.to_path_buf()
}

/// Payload and a dir to put it in: `(dir, payload path)`.
fn payload_in_tempdir() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let payload = dir.path().join("p.json");
    fs::write(&payload, FIXABLE).unwrap();
    (dir, payload)
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".checkout-lint-") && name.ends_with(".tmp"))
        .collect()
}

#[test]
fn fix_never_writes_through_a_link_planted_at_the_old_temporary_name() {
    let dir = tempfile::tempdir().unwrap();
    let payloads = dir.path().join("payloads");
    fs::create_dir(&payloads).unwrap();
    let hook = dir.path().join("post-commit");
    fs::write(&hook, "#!/bin/sh\necho original hook\n").unwrap();
    fs::write(payloads.join("checkout.json"), FIXABLE).unwrap();
    // The name the temporary file used to have, pointing at a git hook.
    symlink(&hook, payloads.join(".checkout.json.checkout-lint.tmp")).unwrap();
    let output = run(&["--fix", "--isolated", payloads.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\necho original hook\n"
    );
    let fixed = payloads.join("checkout.json");
    assert!(fs::symlink_metadata(&fixed).unwrap().is_file());
    assert_eq!(fs::read_to_string(&fixed).unwrap(), FIXED);
    assert!(
        fs::symlink_metadata(payloads.join(".checkout.json.checkout-lint.tmp"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the planted link is left alone"
    );
    assert_eq!(leftovers(&payloads), Vec::<String>::new());
}

#[test]
fn output_never_writes_through_a_planted_link() {
    let (dir, payload) = payload_in_tempdir();
    let victim = dir.path().join("victim");
    fs::write(&victim, "keep me").unwrap();

    // The output path itself is a link.
    let report = dir.path().join("checkout-lint.sarif");
    symlink(&victim, &report).unwrap();
    let args = ["--isolated", "--format", "sarif", "-o"];
    let output = run(&[
        &args[..],
        &[report.to_str().unwrap(), payload.to_str().unwrap()],
    ]
    .concat());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is a symbolic link"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(
        fs::symlink_metadata(&report)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // A link planted at the old temporary name of a new output file.
    let fresh = dir.path().join("new.sarif");
    symlink(&victim, dir.path().join(".new.sarif.checkout-lint.tmp")).unwrap();
    let output = run(&[
        &args[..],
        &[fresh.to_str().unwrap(), payload.to_str().unwrap()],
    ]
    .concat());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(
        fs::read_to_string(&fresh)
            .unwrap()
            .contains("\"version\": \"2.1.0\"")
    );
}

#[test]
fn fix_refuses_a_symbolic_link_and_leaves_both_ends_alone() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    fs::write(&real, FIXABLE).unwrap();
    let link = dir.path().join("link.json");
    symlink(&real, &link).unwrap();
    let output = run(&["--fix", "--isolated", link.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("link.json is a symbolic link; not fixed"),
        "{}",
        stderr(&output)
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), FIXABLE);
}

#[test]
fn fix_refuses_a_hard_linked_file_so_the_links_stay_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    fs::write(&a, FIXABLE).unwrap();
    fs::hard_link(&a, &b).unwrap();
    let output = run(&["--fix", "--isolated", a.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("has 2 hard links"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::metadata(&a).unwrap().ino(),
        fs::metadata(&b).unwrap().ino()
    );
    assert_eq!(fs::read_to_string(&b).unwrap(), FIXABLE);
}

#[test]
fn fix_keeps_the_owner_group_and_mode() {
    if !is_root() {
        eprintln!("skipped: changing a file's owner needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    fs::write(&path, FIXABLE).unwrap();
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let output = run(&["--fix", "--isolated", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let metadata = fs::metadata(&path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
    assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
    assert_eq!(metadata.mode() & 0o7777, 0o640);
}

#[test]
fn fix_refuses_a_file_this_user_may_not_write_in_a_writable_folder() {
    if !is_root() || !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("skipped: needs root and setpriv to run as another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let path = dir.path().join("p.json");
    fs::write(&path, FIXABLE).unwrap();
    // Owned by root, 0644: its mode bits say "writable" (by its owner), but not by nobody.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let output = std::process::Command::new("/usr/bin/setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_checkout-lint"))
        .args(["--fix", "--isolated", path.to_str().unwrap()])
        .current_dir(dir.path())
        .output()
        .unwrap();
    if stderr(&output).contains("Permission denied") && output.status.code() != Some(2) {
        eprintln!("skipped: nobody cannot run the test binary here");
        return;
    }
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not writable by this user"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXABLE);
    assert_eq!(fs::metadata(&path).unwrap().uid(), 0);
}

#[test]
fn fix_works_on_names_too_long_for_a_derived_temporary_name() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.json", "p".repeat(245));
    let path = dir.path().join(&name);
    fs::write(&path, FIXABLE).unwrap();
    let output = run(&["--fix", "--isolated", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
}

#[test]
fn output_to_a_fifo_or_a_link_to_standard_output_writes_into_it() {
    let (dir, payload) = payload_in_tempdir();
    let fifo = make_fifo(&dir.path().join("fifo"));
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let args = ["--isolated", "--format", "json", "-o"];
    let output = run(&[
        &args[..],
        &[fifo.to_str().unwrap(), payload.to_str().unwrap()],
    ]
    .concat());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(reader.join().unwrap().contains("invalid-currency-code"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

    let to_stdout = dir.path().join("out");
    symlink("/dev/stdout", &to_stdout).unwrap();
    let output = run(&[
        &args[..],
        &[to_stdout.to_str().unwrap(), payload.to_str().unwrap()],
    ]
    .concat());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("invalid-currency-code"));
    assert!(
        fs::symlink_metadata(&to_stdout)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn config_and_catalogue_must_be_bounded_regular_files() {
    let (dir, payload) = payload_in_tempdir();
    let fifo = make_fifo(&dir.path().join("fifo.json"));
    let sparse = dir.path().join("sparse.json");
    fs::File::create(&sparse).unwrap().set_len(2 << 30).unwrap();
    let config = dir.path().join("checkout-lint.toml");
    for (catalogue, expected) in [
        ("/dev/zero", "it is a device, not a regular file"),
        ("/dev/stdin", "not a regular file"),
        ("fifo.json", "it is a FIFO, not a regular file"),
        ("sparse.json", "over the limit of 67108864 bytes"),
    ] {
        fs::write(&config, format!("catalogue = {catalogue:?}\n")).unwrap();
        let output = common::run_stdin(
            &[
                "--config",
                config.to_str().unwrap(),
                payload.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(output.status.code(), Some(2), "{catalogue}");
        let message = stderr(&output);
        assert!(
            message.contains("catalogue") && message.contains(expected),
            "{catalogue}: {message}"
        );
    }
    let huge_config = dir.path().join("huge.toml");
    fs::File::create(&huge_config)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    for (config, expected) in [
        (
            huge_config.to_str().unwrap(),
            "over the limit of 1048576 bytes",
        ),
        ("/dev/zero", "it is a device"),
        (fifo.to_str().unwrap(), "it is a FIFO"),
    ] {
        let output = run(&["--config", config, payload.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{config}");
        let message = stderr(&output);
        assert!(
            message.contains(&format!("config {config}")) && message.contains(expected),
            "{message}"
        );
    }
}

#[test]
fn a_named_payload_that_is_a_device_or_a_link_to_stdin_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    for (name, target) in [("zero.json", "/dev/zero"), ("stdin.json", "/dev/stdin")] {
        let link = dir.path().join(name);
        symlink(target, &link).unwrap();
        // Standard input is a pipe that never ends: reading it would hang the run.
        let mut child = common::bin()
            .arg(&link)
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let _keep_open = child.stdin.take();
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(
            stderr(&output).contains("is not a regular file; not linted"),
            "{name}: {}",
            stderr(&output)
        );
    }
}
