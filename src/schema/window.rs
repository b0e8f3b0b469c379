//! Validating wide objects and long arrays a window at a time.
//!
//! jsonschema collects every error of a validation before it hands over the first (about half a
//! kilobyte each), so one pass over 600,000 invalid array items, or a metadata object of 200,000
//! wrongly typed values, once took gigabytes. Instead, validation runs in passes: pass `j` shows
//! each array longer than [`WINDOW`] as its `j`-th window of items, and each object wider than
//! [`WINDOW`] as its `j`-th window of members plus its *pinned* members — the last member of each
//! key the schema names anywhere — so that `required`, `properties` and `if`/`then`/`else` see
//! the same values in every pass as in the whole object. The schema has no keyword that looks at
//! an array or an object as a whole beyond those (`minItems`, `maxProperties`, `uniqueItems` …;
//! a test in `schema` keeps it so), so each value is validated exactly as in one pass.
//!
//! Errors outside every window, or through pinned members, repeat in every pass: pass 0 reports
//! them. Errors inside a window are reported by its pass. A long array or wide object inside an
//! item of another one is validated only on the diagonal (window `j` of both in pass `j`); that
//! takes more than `WINDOW²` (16 million) values, over 30 MB, beyond the default file limit.

use std::collections::{HashMap, HashSet};

use crate::tree::{Member, Node, Value};

/// Arrays and objects with more items or members than this are validated in windows.
pub(super) const WINDOW: usize = 4096;

/// What the passes show: which members of each wide object are pinned.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// How many passes the widest array or object needs (at least one).
    pub passes: usize,
    /// Wide objects, by the address of their members: the sorted indexes of pinned members.
    pinned: HashMap<usize, Vec<usize>>,
}

/// One pass of a plan.
#[derive(Debug, Clone, Copy)]
pub(super) struct View<'p> {
    pub pass: usize,
    plan: &'p Plan,
}

impl Plan {
    /// Walks the tree once; `names` are the keys the schema names anywhere.
    pub(super) fn new(root: &Node<'_>, names: &HashSet<String>) -> Self {
        let mut plan = Plan {
            passes: 1,
            pinned: HashMap::new(),
        };
        plan.visit(root, names);
        plan
    }

    fn visit(&mut self, node: &Node<'_>, names: &HashSet<String>) {
        match &node.value {
            Value::Array(items, _) => {
                self.passes = self.passes.max(items.len().div_ceil(WINDOW));
                for item in items.iter() {
                    self.visit(item, names);
                }
            }
            Value::Object(members, _) => {
                if members.len() > WINDOW {
                    self.passes = self.passes.max(members.len().div_ceil(WINDOW));
                    self.pinned
                        .insert(members.as_ptr() as usize, pinned(members, names));
                }
                for member in members.iter() {
                    self.visit(&member.value, names);
                }
            }
            _ => {}
        }
    }

    pub(super) fn view(&self, pass: usize) -> View<'_> {
        View { pass, plan: self }
    }
}

/// The last member of each key in `names`, by index, in order.
fn pinned(members: &[Member<'_>], names: &HashSet<String>) -> Vec<usize> {
    let mut seen = HashSet::new();
    let mut indexes: Vec<usize> = members
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, m)| names.contains(m.key) && seen.insert(m.key))
        .map(|(index, _)| index)
        .collect();
    indexes.reverse();
    indexes
}

/// The index range of window `pass` in a sequence of `len`.
pub(super) fn range(len: usize, pass: usize) -> std::ops::Range<usize> {
    let start = pass.saturating_mul(WINDOW).min(len);
    start..(start + WINDOW).min(len)
}

impl<'p> View<'p> {
    /// The items an array shows in this pass.
    pub(super) fn items<'t>(&self, items: &'t [Node<'t>]) -> &'t [Node<'t>] {
        if items.len() > WINDOW {
            &items[range(items.len(), self.pass)]
        } else {
            items
        }
    }

    /// The pinned members of an object (empty unless it is wide).
    pub(super) fn pinned(&self, members: &[Member<'_>]) -> &'p [usize] {
        if members.len() <= WINDOW {
            return &[];
        }
        self.plan
            .pinned
            .get(&(members.as_ptr() as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The members of an object this pass shows: the window's range and the pinned ones
    /// outside it (all members for an object that is not wide).
    pub(super) fn members(&self, members: &[Member<'_>]) -> Shown<'p> {
        if members.len() <= WINDOW {
            return Shown {
                start: 0,
                end: members.len(),
                before: &[],
                after: &[],
            };
        }
        let window = range(members.len(), self.pass);
        let pinned = self.pinned(members);
        let before = &pinned[..pinned.partition_point(|&i| i < window.start)];
        let after = &pinned[pinned.partition_point(|&i| i < window.end)..];
        Shown {
            start: window.start,
            end: window.end,
            before,
            after,
        }
    }
}

/// The indexes of the members shown in one pass.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shown<'p> {
    /// The window's index range.
    pub start: usize,
    pub end: usize,
    /// Pinned members before and after the window.
    pub before: &'p [usize],
    pub after: &'p [usize],
}

impl Shown<'_> {
    pub(super) fn len(&self) -> usize {
        self.end - self.start + self.before.len() + self.after.len()
    }

    pub(super) fn indexes(&self) -> impl Iterator<Item = usize> + '_ {
        self.before
            .iter()
            .copied()
            .chain(self.start..self.end)
            .chain(self.after.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Node<'_> {
        crate::tree::parse(text, Box::leak(Box::default())).unwrap()
    }

    #[test]
    fn wide_objects_pin_the_last_of_each_named_key() {
        let mut members: Vec<String> = (0..WINDOW + 10).map(|i| format!("\"k{i}\": 1")).collect();
        members[3] = "\"confirm\": 1".into();
        members[WINDOW + 5] = "\"confirm\": 2".into();
        members[7] = "\"tax_id\": 3".into();
        let text = format!("{{{}}}", members.join(", "));
        let root = parse(&text);
        let names: HashSet<String> = ["confirm", "tax_id"].map(String::from).into();
        let plan = Plan::new(&root, &names);
        assert_eq!(plan.passes, 2);
        let object = root.as_object().unwrap();
        assert_eq!(plan.view(0).pinned(object), [7, WINDOW + 5]);
        let second = plan.view(1).members(object);
        assert_eq!((second.start, second.end), (WINDOW, WINDOW + 10));
        assert_eq!(
            second.indexes().collect::<Vec<_>>().len(),
            11,
            "10 + tax_id"
        );
        let first = plan.view(0).members(object);
        assert_eq!(
            first.len(),
            WINDOW + 1,
            "the window + confirm from the next one"
        );
    }
}
