//! What the Python front-end must not say: each case a correct program (or one that is not
//! Dodo's) that an earlier reading of names, builders, conditionals and annotations reported.

use crate::common::source::found;
use checkout_lint::Linter;

const HEAD: &str = "from dodopayments import DodoPayments\n\nclient = DodoPayments()\n\n";

fn silent(body: &str) {
    let text = format!("{HEAD}{body}");
    let report = Linter::default().lint_str("app.py", &text);
    assert_eq!(found(&report), [], "{text}");
}

#[test]
fn a_name_bound_again_to_something_not_known_is_not_its_old_dict() {
    silent(
        "def build():\n    return {'customer': {'email': 'a@b.co'}}\n\n\
         def a(cond, other, key, items):\n\
         \x20   body = build()\n\
         \x20   body = other.make() if cond else other.fallback()\n\
         \x20   client.checkout_sessions.create(**body)\n\
         \x20   body = build()\n\
         \x20   body = other[key]\n\
         \x20   client.checkout_sessions.create(**body)\n\
         \x20   body = build()\n\
         \x20   body, extra = other.split()\n\
         \x20   client.checkout_sessions.create(**body)\n\
         \x20   body = build()\n\
         \x20   for body in items:\n\
         \x20       client.checkout_sessions.create(**body)\n\
         \x20   body = build()\n\
         \x20   with other.open() as body:\n\
         \x20       client.checkout_sessions.create(**body)\n",
    );
}

#[test]
fn a_builder_that_rebinds_its_dict_before_returning_it_is_not_read() {
    silent(
        "def build(pid, qty):\n\
         \x20   body = {'product_cart': [{'product_id': pid, 'quantity': qty}]}\n\
         \x20   body = CheckoutRequest(**body).model_dump()\n\
         \x20   return body\n\n\
         client.checkout_sessions.create(**build('p', '2'))\n",
    );
}

#[test]
fn positional_arguments_bind_neither_star_args_nor_keyword_only_parameters() {
    silent(
        "def build(product_id, qty=1, *rest, currency=None):\n\
         \x20   return {'product_cart': [{'product_id': product_id, 'quantity': qty}], 'billing_currency': currency}\n\n\
         client.checkout_sessions.create(**build('p', 2, 0))\n",
    );
}

#[test]
fn a_nested_function_or_lambda_has_its_own_parameter_of_the_same_name() {
    silent(
        "def handler(quantity: str):\n\
         \x20   def send(quantity):\n\
         \x20       return client.checkout_sessions.create(product_cart=[{'product_id': 'p', 'quantity': quantity}])\n\
         \x20   f = lambda quantity: client.checkout_sessions.create(product_cart=[{'product_id': 'p', 'quantity': quantity}])\n\
         \x20   return send(int(quantity)), f(1)\n",
    );
}

#[test]
fn a_url_helper_that_is_dodos_on_one_branch_only_says_nothing() {
    silent(
        "import requests\n\
         DODO_URL = 'https://live.dodopayments.com'\n\
         LEMON_URL = 'https://api.lemonsqueezy.com/v1'\n\n\
         def base(provider):\n\
         \x20   if provider == 'dodo':\n\
         \x20       return DODO_URL\n\
         \x20   return LEMON_URL\n\n\
         requests.post(f\"{base('lemon')}/checkouts\", json={'data': {'type': 'checkouts'}})\n\
         requests.post((LEMON_URL if True else DODO_URL) + '/checkouts', json={'data': {}})\n",
    );
}

#[test]
fn a_dict_unpacked_into_a_copy_may_change_through_the_original() {
    silent(
        "def go(items):\n\
         \x20   base = {'product_cart': []}\n\
         \x20   body = {**base, 'customer': {'email': 'a@b.co'}}\n\
         \x20   for item in items:\n\
         \x20       base['product_cart'].append(item)\n\
         \x20   client.checkout_sessions.create(**body)\n",
    );
}

#[test]
fn a_builder_with_several_returns_binds_no_argument() {
    silent(
        "def build(kind, qty):\n\
         \x20   if kind == 'sub':\n\
         \x20       return {'product_cart': [{'product_id': 's', 'quantity': 1}], 'billing_currency': qty}\n\
         \x20   return {'product_cart': [{'product_id': 'p', 'quantity': qty}]}\n\n\
         client.checkout_sessions.create(**build('one', 2))\n",
    );
}

#[test]
fn a_name_that_is_a_dodo_client_in_one_class_and_another_clients_in_another_is_neither() {
    let text = "from dodopayments import DodoPayments\nfrom prisma import Prisma\n\n\
                class Billing:\n    def __init__(self, client: DodoPayments):\n        self.client = client\n\n\
                class Store:\n    def __init__(self, client: Prisma):\n        self.client = client\n\n\
                \x20   def save(self, row):\n        return self.client.checkout_sessions.create(data={'id': row.id}, include={'user': True})\n\n\
                def record(client: Prisma, row):\n    return client.checkout_sessions.create(data={'id': row.id})\n";
    let report = Linter::default().lint_str("app.py", text);
    assert_eq!(found(&report), [], "{text}");
}
