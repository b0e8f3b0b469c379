//! `checkout_lint._native`: the extension module behind the `checkout_lint` Python package.
//! It converts at the edge (a dict to JSON text, options to a [`Linter`]) and calls the same
//! core `Linter` as every other front end; `python/checkout_lint/` makes it Pythonic.

mod payload;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use checkout_lint::Linter;
use checkout_lint_bindings_common::{Options, linter, outcome_json};

/// A linter with its config and catalogue loaded once.
#[pyclass(frozen, module = "checkout_lint._native")]
struct NativeLinter {
    inner: Linter,
}

#[pymethods]
impl NativeLinter {
    #[new]
    #[pyo3(signature = (*, config_path=None, config_json=None, catalogue_path=None, catalogue_json=None))]
    fn new(
        config_path: Option<String>,
        config_json: Option<String>,
        catalogue_path: Option<String>,
        catalogue_json: Option<String>,
    ) -> PyResult<Self> {
        let options = Options {
            config_path,
            config_json,
            catalogue_path,
            catalogue_json,
            ..Options::default()
        };
        let inner = linter(&options).map_err(PyValueError::new_err)?;
        Ok(Self { inner })
    }

    /// Lints a payload (a `str` of JSON, or a dict) and returns the outcome as JSON text:
    /// `{"diagnostics": [...], "hasErrors": bool}`.
    fn lint(&self, py: Python<'_>, payload: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
        let text = match payload.cast::<PyString>() {
            Ok(text) => text.to_cow()?.into_owned(),
            Err(_) => payload::to_json(payload)?,
        };
        let name = name.to_owned();
        // Linting touches no Python object: let other threads run meanwhile.
        Ok(py.detach(|| outcome_json(&self.inner.lint_str(&name, &text))))
    }
}

/// The compact JSON text a dict payload is linted as (diagnostic spans refer to it).
#[pyfunction]
fn to_json(payload: &Bound<'_, PyAny>) -> PyResult<String> {
    payload::to_json(payload)
}

/// Runs the `checkout-lint` command line (the console script) and returns its exit code.
#[pyfunction]
fn run_cli(py: Python<'_>, argv: Vec<String>) -> u8 {
    py.detach(|| checkout_lint::cli::run_from(argv))
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<NativeLinter>()?;
    module.add_function(wrap_pyfunction!(run_cli, module)?)?;
    module.add_function(wrap_pyfunction!(to_json, module)?)?;
    Ok(())
}
