//! A Python payload (dict, list, str, int, float, bool, None) written as compact JSON text,
//! in one pass with no intermediate tree. Anything JSON cannot hold is an error that names
//! where it is (`payload["customer"]["email"]`), instead of `json.dumps`'s silent coercions.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// Deeper than this is a cycle or not a checkout payload; the linter itself stops at 128.
const MAX_DEPTH: usize = 256;

/// Where a bad value is, collected on the way out of the recursion (so the good path pays
/// nothing for it).
enum Step {
    Key(String),
    Index(usize),
}

struct Problem {
    path: Vec<Step>,
    kind: ProblemKind,
    message: String,
}

enum ProblemKind {
    Type,
    Value,
}

impl Problem {
    fn new(kind: ProblemKind, message: String) -> Self {
        Self {
            path: Vec::new(),
            kind,
            message,
        }
    }

    fn at(mut self, step: Step) -> Self {
        self.path.push(step);
        self
    }

    fn into_err(self) -> PyErr {
        let mut place = String::from("payload");
        for step in self.path.iter().rev() {
            match step {
                Step::Key(key) => place.push_str(&format!("[{key:?}]")),
                Step::Index(index) => place.push_str(&format!("[{index}]")),
            }
        }
        let message = format!("{place}: {}", self.message);
        match self.kind {
            ProblemKind::Type => PyTypeError::new_err(message),
            ProblemKind::Value => PyValueError::new_err(message),
        }
    }
}

/// The compact JSON text of a payload, or a `TypeError`/`ValueError` naming the bad value.
pub fn to_json(payload: &Bound<'_, PyAny>) -> PyResult<String> {
    let mut out = Vec::with_capacity(1024);
    write_value(payload, &mut out, 0).map_err(Problem::into_err)?;
    // Only UTF-8 text (from Python's own UTF-8) and ASCII punctuation was written.
    String::from_utf8(out).map_err(|err| PyValueError::new_err(err.to_string()))
}

fn write_value(value: &Bound<'_, PyAny>, out: &mut Vec<u8>, depth: usize) -> Result<(), Problem> {
    if depth > MAX_DEPTH {
        return Err(Problem::new(
            ProblemKind::Value,
            format!("nested deeper than {MAX_DEPTH} levels (a circular reference?)"),
        ));
    }
    if value.is_none() {
        out.extend_from_slice(b"null");
    } else if let Ok(text) = value.cast::<PyString>() {
        write_string(text, out)?;
    } else if let Ok(flag) = value.cast::<PyBool>() {
        // Before int: bool is a subclass of int.
        out.extend_from_slice(if flag.is_true() { b"true" } else { b"false" });
    } else if let Ok(int) = value.cast::<PyInt>() {
        write_int(int, out)?;
    } else if let Ok(float) = value.cast::<PyFloat>() {
        write_float(float.value(), out)?;
    } else if let Ok(dict) = value.cast::<PyDict>() {
        write_dict(dict, out, depth)?;
    } else if let Ok(list) = value.cast::<PyList>() {
        write_items(list.iter(), out, depth)?;
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        write_items(tuple.iter(), out, depth)?;
    } else {
        return Err(Problem::new(ProblemKind::Type, not_json(value)));
    }
    Ok(())
}

fn not_json(value: &Bound<'_, PyAny>) -> String {
    let type_name = value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "object".to_string());
    format!(
        "a value of type {type_name} is not JSON (use str, int, float, bool, None, list or dict)"
    )
}

fn write_string(text: &Bound<'_, PyString>, out: &mut Vec<u8>) -> Result<(), Problem> {
    // `to_cow`: the stable ABI of Python 3.9 has no borrowed UTF-8 view of a str.
    let text = text.to_cow().map_err(|_| {
        Problem::new(
            ProblemKind::Value,
            "the string holds a lone surrogate, which is not valid UTF-8".to_string(),
        )
    })?;
    // serde_json escapes exactly what JSON requires; writing to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, text.as_ref());
    Ok(())
}

fn write_int(int: &Bound<'_, PyInt>, out: &mut Vec<u8>) -> Result<(), Problem> {
    if let Ok(small) = int.extract::<i64>() {
        out.extend_from_slice(small.to_string().as_bytes());
        return Ok(());
    }
    // Python ints have no size limit; JSON neither. `int.__repr__` skips IntEnum's repr.
    let digits = int
        .py()
        .get_type::<PyInt>()
        .call_method1("__repr__", (int,))
        .and_then(|repr| repr.extract::<String>())
        .map_err(|err| Problem::new(ProblemKind::Value, err.to_string()))?;
    out.extend_from_slice(digits.as_bytes());
    Ok(())
}

fn write_float(float: f64, out: &mut Vec<u8>) -> Result<(), Problem> {
    if !float.is_finite() {
        return Err(Problem::new(
            ProblemKind::Value,
            format!("{float} is not a JSON number"),
        ));
    }
    // Debug keeps a fraction on whole floats ("1.0"), as `json.dumps` writes them.
    out.extend_from_slice(format!("{float:?}").as_bytes());
    Ok(())
}

fn write_dict(dict: &Bound<'_, PyDict>, out: &mut Vec<u8>, depth: usize) -> Result<(), Problem> {
    out.push(b'{');
    for (index, (key, value)) in dict.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        let Ok(key) = key.cast::<PyString>() else {
            let shown = key.repr().map(|r| r.to_string()).unwrap_or_default();
            return Err(Problem::new(
                ProblemKind::Type,
                format!("the key {shown} is not a str; JSON object keys are strings"),
            ));
        };
        write_string(key, out)?;
        out.push(b':');
        write_value(&value, out, depth + 1)
            .map_err(|problem| problem.at(Step::Key(key.to_string())))?;
    }
    out.push(b'}');
    Ok(())
}

fn write_items<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    out: &mut Vec<u8>,
    depth: usize,
) -> Result<(), Problem> {
    out.push(b'[');
    for (index, item) in items.enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write_value(&item, out, depth + 1).map_err(|problem| problem.at(Step::Index(index)))?;
    }
    out.push(b']');
    Ok(())
}
