//! Facts derived from the model and the catalogue that several rules share: is there a
//! subscription in the cart, in which currency will the customer pay, what does the cart cost.

use crate::account::Account;
use crate::catalogue::{Catalogue, PriceKind, Product};
use crate::model::{CheckoutSession, Field, ProductItem};

/// What the catalogue says about the cart. Every field is `None` when it cannot be known
/// (no catalogue, or a product the catalogue does not have).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cart<'c> {
    /// Products of the items, in cart order (`None` for unknown ones).
    pub products: Vec<Option<&'c Product>>,
    pub has_subscription: Option<bool>,
    /// The currency every product is priced in, when they agree.
    pub currency: Option<&'c str>,
    /// Sum of unit price × quantity in minor units of `currency` (the chosen `amount` for
    /// pay-what-you-want products), when every price is known and nothing overflows an i64.
    pub total: Option<i64>,
}

impl<'c> Cart<'c> {
    pub fn new(session: &CheckoutSession<'_>, catalogue: Option<&'c Catalogue>) -> Self {
        let Some(catalogue) = catalogue else {
            return Self::default();
        };
        let items = session.items();
        let products: Vec<Option<&Product>> = items
            .iter()
            .map(|item| catalogue.get(item.product_id.get()?.value))
            .collect();
        // A cart with a spread or an unknown item may hold products that cannot be seen.
        let whole = session.product_cart.whole().is_some();
        let all_known = whole && products.iter().all(Option::is_some);
        let any_subscription = products.iter().flatten().any(|p| p.is_subscription());
        let has_subscription = if any_subscription {
            Some(true)
        } else {
            all_known.then_some(false)
        };
        let currency = if all_known {
            common_currency(&products)
        } else {
            None
        };
        let total = if all_known && currency.is_some() {
            items
                .iter()
                .zip(&products)
                .try_fold(0_i64, |sum, (item, product)| {
                    sum.checked_add(line_total(item, (*product)?)?)
                })
        } else {
            None
        };
        Self {
            products,
            has_subscription,
            currency,
            total,
        }
    }
}

/// Unit price × quantity of one line, in minor units.
pub(crate) fn line_total(item: &ProductItem<'_>, product: &Product) -> Option<i64> {
    let quantity = item.quantity.get()?.value;
    let unit = match (product.price.pay_what_you_want, item.amount()) {
        (true, Field::Known(amount)) => amount.value,
        (true, Field::Unknown(_) | Field::Partial(_)) => return None,
        _ => product.price.amount?,
    };
    unit.checked_mul(quantity)
}

fn common_currency<'c>(products: &[Option<&'c Product>]) -> Option<&'c str> {
    let mut currencies = products
        .iter()
        .flatten()
        .map(|p| p.price.currency.as_deref());
    let first = currencies.next()??;
    currencies.all(|c| c == Some(first)).then_some(first)
}

/// The currency the customer will pay in, when it can be known: `billing_currency` when
/// adaptive pricing applies it (on, or not configured), else the products' common currency.
pub(crate) fn charge_currency<'a>(
    session: &'a CheckoutSession<'_>,
    account: &Account,
    cart: &'a Cart<'_>,
) -> Option<&'a str> {
    if account.adaptive_pricing == Some(false) {
        return cart.currency;
    }
    match session.billing_currency {
        Field::Known(currency) | Field::Partial(currency) => Some(currency.value),
        // Computed at run time: it may be any currency.
        Field::Unknown(_) => None,
        Field::Absent => cart.currency,
    }
}

/// True when the product's price is usage based.
pub(crate) fn is_usage_based(product: &Product) -> bool {
    product.price.kind == PriceKind::UsageBased
}
