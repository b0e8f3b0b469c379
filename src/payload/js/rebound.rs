//! Names that do not hold one value through the file: bound more than once (a parameter or a
//! declaration in another function shadows it) or assigned after their declaration. A string
//! constant under such a name is not known where it is read (`let url = '/api/a'; if (pro) url =
//! '/api/checkout'`), so its URL is left unknown rather than guessed.

use std::collections::{HashMap, HashSet};

use oxc_ast::ast::{AssignmentExpression, AssignmentTarget, BindingIdentifier, Program};
use oxc_ast_visit::{Visit, walk};

pub(super) fn rebound(program: &Program<'_>) -> HashSet<String> {
    #[derive(Default)]
    struct Names {
        bound: HashMap<String, usize>,
        assigned: HashSet<String>,
    }
    impl<'a> Visit<'a> for Names {
        fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
            *self.bound.entry(it.name.to_string()).or_default() += 1;
        }
        fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
            if let AssignmentTarget::AssignmentTargetIdentifier(ident) = &it.left {
                self.assigned.insert(ident.name.to_string());
            }
            walk::walk_assignment_expression(self, it);
        }
    }
    let mut names = Names::default();
    names.visit_program(program);
    let mut rebound = names.assigned;
    rebound.extend(
        names
            .bound
            .into_iter()
            .filter(|(_, count)| *count > 1)
            .map(|(name, _)| name),
    );
    rebound
}
