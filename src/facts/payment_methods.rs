//! Where each payment method can show, from Dodo's Payment Methods docs (2026-03: overview, BNPL,
//! Europe, India and digital-wallet pages). The API only checks that a method is in the enum; a
//! method whose conditions the payload cannot meet is accepted and never shown.
//! Methods not in this table are not documented by Dodo, so nothing is claimed about them.

/// The documented conditions for a method to show.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Availability {
    /// Billing countries where it shows; `None` = everywhere (except `excluded_countries`).
    pub countries: Option<&'static [&'static str]>,
    pub excluded_countries: &'static [&'static str],
    /// Currencies it charges in; `None` = all.
    pub currencies: Option<&'static [&'static str]>,
    /// Currencies tied to one country each (Klarna charges USD only in the US).
    pub currency_countries: &'static [(&'static str, &'static str)],
    pub subscriptions: bool,
    /// Buy-now-pay-later: documented minimum order of $50.01 (or equivalent).
    pub minimum_usd_cents: Option<i64>,
    /// The docs page the row comes from: read by people checking the table, not by code.
    #[allow(dead_code)]
    pub source: &'static str,
}

const ANYWHERE: Availability = Availability {
    countries: None,
    excluded_countries: &[],
    currencies: None,
    currency_countries: &[],
    subscriptions: true,
    minimum_usd_cents: None,
    source: "features/payment-methods",
};

const BNPL_MINIMUM: Option<i64> = Some(5001);

const KLARNA_COUNTRIES: &[&str] = &[
    "AT", "BE", "CZ", "DK", "FI", "FR", "DE", "GR", "IE", "IT", "NL", "NO", "PL", "PT", "RO", "ES",
    "SE", "CH", "GB", "US",
];
const KLARNA_CURRENCIES: &[&str] = &[
    "USD", "EUR", "GBP", "DKK", "NOK", "SEK", "CZK", "RON", "PLN", "CHF",
];

/// A method of one European country's (and its currencies), from the Europe page.
const fn regional(
    country: &'static [&'static str],
    currency: &'static [&'static str],
) -> Availability {
    Availability {
        countries: Some(country),
        currencies: Some(currency),
        subscriptions: false,
        source: "features/payment-methods/europe",
        ..ANYWHERE
    }
}

// Digital wallets.

const APPLE_GOOGLE_PAY: Availability = Availability {
    excluded_countries: &["IN"],
    source: "features/payment-methods/digital-wallets",
    ..ANYWHERE
};

const AMAZON_PAY: Availability = Availability {
    excluded_countries: &["IN"],
    currencies: Some(&["USD"]),
    subscriptions: false,
    source: "features/payment-methods/digital-wallets",
    ..ANYWHERE
};

const CASHAPP: Availability = Availability {
    countries: Some(&["US"]),
    currencies: Some(&["USD"]),
    subscriptions: false,
    source: "features/payment-methods/digital-wallets",
    ..ANYWHERE
};

// Buy now, pay later.

const KLARNA: Availability = Availability {
    countries: Some(KLARNA_COUNTRIES),
    currencies: Some(KLARNA_CURRENCIES),
    currency_countries: &[("USD", "US")],
    subscriptions: false,
    minimum_usd_cents: BNPL_MINIMUM,
    source: "features/payment-methods/bnpl",
    ..ANYWHERE
};

const AFTERPAY_CLEARPAY: Availability = Availability {
    countries: Some(&["US", "GB"]),
    currencies: Some(&["USD", "GBP"]),
    currency_countries: &[("USD", "US"), ("GBP", "GB")],
    subscriptions: false,
    minimum_usd_cents: BNPL_MINIMUM,
    source: "features/payment-methods/bnpl",
    ..ANYWHERE
};

const AFFIRM: Availability = Availability {
    subscriptions: false,
    minimum_usd_cents: BNPL_MINIMUM,
    source: "features/payment-methods/bnpl",
    ..ANYWHERE
};

const BILLIE: Availability = Availability {
    currencies: Some(&["GBP"]),
    subscriptions: false,
    source: "features/payment-methods/bnpl",
    ..ANYWHERE
};

// India.

const UPI: Availability = Availability {
    countries: Some(&["IN"]),
    currencies: Some(&["INR"]),
    source: "features/payment-methods/india",
    ..ANYWHERE
};

// Europe.

const IDEAL: Availability = regional(&["NL"], &["EUR"]);
const BANCONTACT_CARD: Availability = regional(&["BE"], &["EUR"]);
const EPS: Availability = regional(&["AT"], &["EUR"]);
const MULTIBANCO: Availability = regional(&["PT"], &["EUR"]);
const PRZELEWY24: Availability = regional(&["PL"], &["EUR", "PLN"]);

// The overview page's table.

const CRYPTO_CURRENCY: Availability = Availability {
    excluded_countries: &["IN"],
    currencies: Some(&["USD"]),
    subscriptions: false,
    ..ANYWHERE
};

const REVOLUT_PAY: Availability = Availability {
    currencies: Some(&["GBP"]),
    subscriptions: false,
    ..ANYWHERE
};

const PAYPAL: Availability = Availability {
    currencies: Some(&["EUR", "GBP"]),
    subscriptions: false,
    ..ANYWHERE
};

const PIX: Availability = Availability {
    countries: Some(&["BR"]),
    currencies: Some(&["BRL"]),
    subscriptions: false,
    ..ANYWHERE
};

const WE_CHAT_PAY: Availability = Availability {
    currencies: Some(&["USD", "CNY"]),
    subscriptions: false,
    ..ANYWHERE
};

/// The documented availability of a method, if Dodo documents it.
pub(crate) fn availability(method: &str) -> Option<Availability> {
    Some(match method {
        "credit" | "debit" => ANYWHERE,
        "apple_pay" | "google_pay" => APPLE_GOOGLE_PAY,
        "amazon_pay" => AMAZON_PAY,
        "cashapp" => CASHAPP,
        "crypto_currency" => CRYPTO_CURRENCY,
        "klarna" => KLARNA,
        "afterpay_clearpay" => AFTERPAY_CLEARPAY,
        "affirm" => AFFIRM,
        "billie" => BILLIE,
        "revolut_pay" => REVOLUT_PAY,
        "paypal" => PAYPAL,
        "upi_collect" | "upi_intent" => UPI,
        "ideal" => IDEAL,
        "bancontact_card" => BANCONTACT_CARD,
        "eps" => EPS,
        "multibanco" => MULTIBANCO,
        "przelewy24" => PRZELEWY24,
        "pix" => PIX,
        "we_chat_pay" => WE_CHAT_PAY,
        _ => return None,
    })
}

/// What is known about the checkout a method would show in.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Situation<'a> {
    pub country: Option<&'a str>,
    pub currency: Option<&'a str>,
    /// Some(true) when the cart holds a subscription, Some(false) when it holds none.
    pub subscription: Option<bool>,
    /// The cart total in US cents, when the cart is priced in USD.
    pub total_usd_cents: Option<i64>,
}

/// Why a method cannot show in this situation, or `None` when it can (or nobody knows).
pub(crate) fn why_unavailable(method: &str, situation: &Situation<'_>) -> Option<String> {
    let rule = availability(method)?;
    if let Some(country) = situation.country {
        if let Some(countries) = rule.countries.filter(|c| !c.contains(&country)) {
            return Some(format!(
                "only for billing countries {}",
                countries.join(", ")
            ));
        }
        if rule.excluded_countries.contains(&country) {
            return Some(format!("not available for billing country {country}"));
        }
    }
    if let Some(currency) = situation.currency {
        if let Some(currencies) = rule.currencies.filter(|c| !c.contains(&currency)) {
            return Some(format!("only charges in {}", currencies.join(", ")));
        }
        if let (Some(country), Some((_, home))) = (
            situation.country,
            rule.currency_countries.iter().find(|(c, _)| *c == currency),
        ) && *home != country
        {
            return Some(format!(
                "charges {currency} only for billing country {home}"
            ));
        }
    }
    if situation.subscription == Some(true) && !rule.subscriptions {
        return Some("not available for subscription products".into());
    }
    if let (Some(minimum), Some(total)) = (rule.minimum_usd_cents, situation.total_usd_cents)
        && total < minimum
    {
        return Some(format!(
            "needs an order of at least {}, the cart totals {}",
            super::currencies::format_amount(minimum, "USD"),
            super::currencies::format_amount(total, "USD")
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_methods_need_their_country_and_currency() {
        let nl = Situation {
            country: Some("NL"),
            currency: Some("EUR"),
            ..Situation::default()
        };
        assert_eq!(why_unavailable("ideal", &nl), None);
        let de = Situation {
            country: Some("DE"),
            ..Situation::default()
        };
        assert_eq!(
            why_unavailable("ideal", &de).as_deref(),
            Some("only for billing countries NL")
        );
        let india = Situation {
            country: Some("IN"),
            ..Situation::default()
        };
        assert!(why_unavailable("apple_pay", &india).is_some());
        let klarna_usd_in_gb = Situation {
            country: Some("GB"),
            currency: Some("USD"),
            ..Situation::default()
        };
        assert_eq!(
            why_unavailable("klarna", &klarna_usd_in_gb).as_deref(),
            Some("charges USD only for billing country US")
        );
        let small = Situation {
            total_usd_cents: Some(5000),
            ..Situation::default()
        };
        assert!(
            why_unavailable("affirm", &small)
                .unwrap()
                .contains("50.01 USD")
        );
        assert_eq!(
            why_unavailable("sepa", &de),
            None,
            "undocumented methods are not judged"
        );
        assert_eq!(why_unavailable("credit", &india), None);
    }
}
