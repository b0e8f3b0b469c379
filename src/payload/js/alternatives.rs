//! Alternatives: a payload with conditionals (`c ? a : b` values, `...(c ? {…} : {…})` and
//! `...(c && {…})` spreads, `c ? a : undefined`) is read once per branch of each condition,
//! every other condition left unknown as the source alone leaves it. Each reading is certain on
//! a path through that one condition, so what is wrong in a branch is reported; nothing is
//! concluded from a combination of branches of two conditions, which may never run together
//! (`isNew ? {email} : {}` beside `hasId ? {customer_id} : {}` when one implies the other).
//! Conditions written the same way (`user.id`, `!user.id`) are one condition: they take the
//! same branch in each reading.
//!
//! Bounded: at most [`MAX_GROUPS`] conditions per literal are read apart (2 readings each);
//! any further one lowers as today, an unknown value or an open object.

use std::cell::{Cell, RefCell};

use oxc_ast::ast::{ChainElement, Expression, LogicalOperator, SpreadElement, UnaryOperator};
use oxc_span::GetSpan;

use super::lower::{Lowerer, is_undefined};
use crate::payload::flow::{BASE, Variant};
use crate::tree::{Extent, Member, Node, Value};

/// Conditions per literal read branch by branch.
pub(super) const MAX_GROUPS: usize = 4;

/// Entries of a map spread into a literal (`{ ...PLANS[plan], customer }`) read one by one.
pub(super) const MAX_ENTRIES: usize = 64;

/// The variant numbers of map entries start past those of conditions.
const FIRST_ENTRY: Variant = 1 + 2 * MAX_GROUPS as Variant;

/// A condition, as far as two of them can be told to be the same.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key<'s> {
    /// A name or a chain of names (`id`, `user.id`): the same text is the same value.
    Text(&'s str),
    /// Anything else (a call, a comparison): only itself.
    At(u32),
}

#[derive(Clone, Copy, Default)]
enum Mode<'s> {
    /// Lowering as the source says: a condition is not known.
    #[default]
    Off,
    /// The first reading: conditions are noted, and not known.
    Collect,
    /// Condition `group` is `truth`; others are not known.
    Take { group: usize, truth: bool },
    /// The spread at `spread` holds `members` (an entry of a map).
    Entry {
        spread: u32,
        members: &'s [Member<'s>],
        extent: Extent,
    },
}

/// The lowering's choice among alternatives, for the reading under way.
#[derive(Default)]
pub(super) struct Choices<'s> {
    mode: Cell<Mode<'s>>,
    groups: RefCell<Vec<Key<'s>>>,
    /// The reading met the condition it chose for.
    hit: Cell<bool>,
}

/// What a spread adds to the object it is in.
pub(super) enum Spread<'s> {
    /// Nothing (`...(c && {…})` when `c` is false, `...undefined`).
    Nothing,
    /// These members.
    Members(&'s [Member<'s>], Extent),
    /// Members that cannot be seen: the object is open.
    Open,
}

impl<'s> Lowerer<'s> {
    /// The branch of a conditional this reading takes: `Some(true)` for the consequent,
    /// `None` when the condition is not chosen (lowered as an unknown value).
    pub(super) fn choose(&self, test: &Expression<'_>) -> Option<bool> {
        let choices = &self.choices;
        match choices.mode.get() {
            Mode::Off | Mode::Entry { .. } => None,
            Mode::Collect => {
                let (key, _) = self.condition(test);
                let mut groups = choices.groups.borrow_mut();
                if groups.len() < MAX_GROUPS && !groups.contains(&key) {
                    groups.push(key);
                }
                None
            }
            Mode::Take { group, truth } => {
                let (key, negated) = self.condition(test);
                if choices.groups.borrow().get(group) != Some(&key) {
                    return None;
                }
                choices.hit.set(true);
                Some(truth != negated)
            }
        }
    }

    /// The condition's key, and whether the test negates it (`!c`).
    fn condition(&self, test: &Expression<'_>) -> (Key<'s>, bool) {
        let mut negated = false;
        let mut test = test.get_inner_expression();
        while let Expression::UnaryExpression(unary) = test
            && unary.operator == UnaryOperator::LogicalNot
        {
            negated = !negated;
            test = unary.argument.get_inner_expression();
        }
        let key = if is_name_chain(test) {
            Key::Text(self.slice(test.span()))
        } else {
            Key::At(test.span().start)
        };
        (key, negated)
    }

    /// What `...argument` adds in this reading.
    pub(super) fn spread(&self, spread: &SpreadElement<'_>, depth: usize) -> Spread<'s> {
        if let Mode::Entry {
            spread: at,
            members,
            extent,
        } = self.choices.mode.get()
            && at == spread.span.start
        {
            return Spread::Members(members, extent);
        }
        match spread.argument.get_inner_expression() {
            Expression::ConditionalExpression(conditional) => {
                match self.choose(&conditional.test) {
                    Some(true) => self.spread_branch(&conditional.consequent, depth),
                    Some(false) => self.spread_branch(&conditional.alternate, depth),
                    None => Spread::Open,
                }
            }
            Expression::LogicalExpression(logical) if logical.operator == LogicalOperator::And => {
                match self.choose(&logical.left) {
                    Some(true) => self.spread_branch(&logical.right, depth),
                    // Spreading a falsy value adds nothing.
                    Some(false) => Spread::Nothing,
                    None => Spread::Open,
                }
            }
            _ => Spread::Open,
        }
    }

    fn spread_branch(&self, branch: &Expression<'_>, depth: usize) -> Spread<'s> {
        let branch = branch.get_inner_expression();
        if is_undefined(branch) || matches!(branch, Expression::NullLiteral(_)) {
            return Spread::Nothing;
        }
        match branch {
            Expression::ObjectExpression(object) => match self.object(object, depth + 1) {
                Value::Object(members, extent) => Spread::Members(members, extent),
                _ => Spread::Open,
            },
            _ => Spread::Open,
        }
    }

    /// The literal as the source writes it, and its readings one condition at a time (none
    /// when it has no conditions).
    pub(super) fn variants(&self, expr: &Expression<'_>) -> (Node<'s>, Vec<(Variant, Node<'s>)>) {
        let choices = &self.choices;
        // Not re-entered: a reading does not start another.
        if !matches!(choices.mode.get(), Mode::Off) {
            return (self.node(expr, 0), Vec::new());
        }
        choices.groups.borrow_mut().clear();
        choices.mode.set(Mode::Collect);
        let base = self.node(expr, 0);
        let groups = choices.groups.borrow().len();
        let mut variants = Vec::new();
        for group in 0..groups {
            for truth in [true, false] {
                choices.hit.set(false);
                choices.mode.set(Mode::Take { group, truth });
                let node = self.node(expr, 0);
                if choices.hit.get() {
                    let variant = 1 + 2 * group as Variant + Variant::from(!truth);
                    variants.push((variant, node));
                }
            }
        }
        choices.mode.set(Mode::Off);
        choices.groups.borrow_mut().clear();
        (base, variants)
    }

    /// The object `expr` once per entry, each spread into it at `spread` (a map indexed by a
    /// key not known statically: `{ ...PLANS[plan], customer }`).
    pub(super) fn with_entries(
        &self,
        expr: &Expression<'_>,
        spread: u32,
        entries: &[Node<'s>],
    ) -> Vec<(Variant, Node<'s>)> {
        let choices = &self.choices;
        if !matches!(choices.mode.get(), Mode::Off) {
            return Vec::new();
        }
        let mut variants = Vec::new();
        for (index, entry) in entries.iter().take(MAX_ENTRIES).enumerate() {
            let Value::Object(members, extent) = &entry.value else {
                continue;
            };
            choices.mode.set(Mode::Entry {
                spread,
                members,
                extent: *extent,
            });
            variants.push((FIRST_ENTRY + index as Variant, self.node(expr, 0)));
        }
        choices.mode.set(Mode::Off);
        variants
    }

    /// True while a reading chooses among alternatives (objects then merge spread members
    /// over written ones).
    pub(super) fn choosing(&self) -> bool {
        !matches!(self.choices.mode.get(), Mode::Off)
    }
}

/// The literal's readings, or the literal itself when it has no alternatives.
pub(super) fn or_base<'s>(
    (base, variants): (Node<'s>, Vec<(Variant, Node<'s>)>),
) -> Vec<(Variant, Node<'s>)> {
    if variants.is_empty() {
        vec![(BASE, base)]
    } else {
        variants
    }
}

/// `id`, `user.id`, `user?.id`, `this.user`: a value read again reads the same.
fn is_name_chain(expr: &Expression<'_>) -> bool {
    let mut expr = expr;
    // A chain is a few names long; the bound keeps a hostile one linear.
    for _ in 0..16 {
        expr = match expr.get_inner_expression() {
            Expression::Identifier(_) | Expression::ThisExpression(_) => return true,
            Expression::StaticMemberExpression(member) => &member.object,
            Expression::ChainExpression(chain) => match &chain.expression {
                ChainElement::StaticMemberExpression(member) => &member.object,
                _ => return false,
            },
            _ => return false,
        };
    }
    false
}
