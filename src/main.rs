//! The `checkout-lint` binary: a thin shell over the library (see `src/cli/`, in the library so the Python package's console script runs the same command).

fn main() -> std::process::ExitCode {
    checkout_lint::cli::run()
}
