//! The better-auth plugin's server config, as the project stage hands it to the files that
//! call the plugin: `checkout({ products: [{ productId, slug }], successUrl,
//! authenticatedUsersOnly })` of `@dodopayments/better-auth` (1.6.6), a catalogue of slugs
//! written in code. Host-neutral: a front-end finds the config, the project stage shares it.

use crate::source::Range;
use crate::span::Span;

/// One `checkout({...})` of a module, as far as its literal shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServerCheckout {
    /// Its `products`, when every entry's slug is known text (a list with a spread, a computed
    /// entry or a function is not: no slug can then be said to be missing).
    pub(crate) products: Option<Vec<ConfiguredProduct>>,
    /// `successUrl`: `Some(Some(text))` for a literal, `Some(None)` for a value not known,
    /// `None` when it is not set.
    pub(crate) success_url: Option<Option<String>>,
    /// `authenticatedUsersOnly`, when it is a literal.
    pub(crate) authenticated_only: Option<bool>,
    /// The `products` key, or the call when there is none, in its module.
    pub(crate) at: Span,
    pub(crate) range: Range,
}

/// `{ productId, slug }` of the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConfiguredProduct {
    pub(crate) slug: String,
    /// Known text, or `None` (`process.env.PRO_ID`).
    pub(crate) product_id: Option<String>,
    /// The slug's literal in its module.
    pub(crate) at: Span,
    pub(crate) range: Range,
}

/// The config a module of the project holds, with its file as the run names it (`None`: the
/// file being linted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServerConfig {
    pub(crate) file: Option<String>,
    pub(crate) checkout: ServerCheckout,
}

/// What a client call's slug is in the server's config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlugLookup {
    /// The config defines it: the product it maps to (when known), and where.
    Configured {
        product_id: Option<String>,
        file: Option<String>,
        at: Span,
        range: Range,
    },
    /// The config's products do not have it: the slug, the slugs it has, and where its list is.
    Missing {
        slug: String,
        slugs: Vec<String>,
        file: Option<String>,
        at: Span,
        range: Range,
    },
}

impl SlugLookup {
    /// A label at the config's place: in this file, or in the config's.
    pub fn label(&self, message: String) -> crate::diagnostic::Label {
        let (file, at, range) = match self {
            Self::Configured {
                file, at, range, ..
            }
            | Self::Missing {
                file, at, range, ..
            } => (file, *at, *range),
        };
        match file {
            Some(file) => crate::diagnostic::Label::in_file(at, message, file.clone(), range),
            None => crate::diagnostic::Label::new(at, message),
        }
    }
}

impl ServerConfig {
    /// The slug `slug` in this config; `None` when its products are not known.
    pub(crate) fn lookup(&self, slug: &str) -> Option<SlugLookup> {
        let products = self.checkout.products.as_ref()?;
        // The server takes the first entry with the slug (`products.find`).
        let found = match products.iter().find(|product| product.slug == slug) {
            Some(product) => SlugLookup::Configured {
                product_id: product.product_id.clone(),
                file: self.file.clone(),
                at: product.at,
                range: product.range,
            },
            None => SlugLookup::Missing {
                slug: slug.to_string(),
                slugs: products.iter().map(|p| p.slug.clone()).collect(),
                file: self.file.clone(),
                at: self.checkout.at,
                range: self.checkout.range,
            },
        };
        Some(found)
    }

    /// The one config of a project: `None` when there is none, or when several disagree (a
    /// monorepo's apps): a client call cannot then be tied to one of them.
    pub(crate) fn only(found: Vec<ServerConfig>) -> Option<ServerConfig> {
        let mut found = found.into_iter();
        let first = found.next()?;
        found
            .all(|other| other.checkout.products == first.checkout.products)
            .then_some(first)
    }
}

/// The server side of an adapter call, as the rules read it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServerSide {
    /// The call's slug in the config, when both are known.
    pub slug: Option<SlugLookup>,
    /// `successUrl`, when the config is known and sets it to text.
    pub success_url: Option<String>,
    /// `authenticatedUsersOnly: true` in the config.
    pub authenticated_only: bool,
    /// The config's slugs in its order, each with the product id it maps to when known (what
    /// an editor offers where a slug is typed); empty when its products are not known.
    pub slugs: Vec<(String, Option<String>)>,
    /// The file the config is in (`None`: the file of the call).
    pub file: Option<String>,
}

impl ServerSide {
    /// What `config` says of a call whose slug is `slug` (its text, when known).
    pub(crate) fn of(config: Option<&ServerConfig>, slug: Option<&str>) -> Self {
        let Some(config) = config else {
            return Self::default();
        };
        Self {
            slug: slug.and_then(|slug| config.lookup(slug)),
            success_url: config.checkout.success_url.clone().flatten(),
            authenticated_only: config.checkout.authenticated_only == Some(true),
            slugs: config
                .checkout
                .products
                .iter()
                .flatten()
                .map(|product| (product.slug.clone(), product.product_id.clone()))
                .collect(),
            file: config.file.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Position;

    const NOWHERE: Range = Range {
        start: Position {
            line: 0,
            character: 0,
        },
        end: Position {
            line: 0,
            character: 0,
        },
    };

    fn config(slugs: &[&str]) -> ServerConfig {
        ServerConfig {
            file: Some("lib/auth.ts".into()),
            checkout: ServerCheckout {
                products: Some(
                    slugs
                        .iter()
                        .map(|slug| ConfiguredProduct {
                            slug: slug.to_string(),
                            product_id: Some(format!("pdt_{slug}")),
                            at: Span::default(),
                            range: NOWHERE,
                        })
                        .collect(),
                ),
                success_url: None,
                authenticated_only: None,
                at: Span::default(),
                range: NOWHERE,
            },
        }
    }

    #[test]
    fn a_slug_is_configured_or_missing_and_disagreeing_configs_are_none() {
        let one = config(&["pro", "basic"]);
        assert!(
            matches!(one.lookup("pro"), Some(SlugLookup::Configured { product_id: Some(id), .. }) if id == "pdt_pro")
        );
        assert!(
            matches!(one.lookup("team"), Some(SlugLookup::Missing { slugs, .. }) if slugs == ["pro", "basic"])
        );
        assert!(ServerConfig::only(vec![one.clone(), config(&["other"])]).is_none());
        assert!(ServerConfig::only(vec![one.clone(), one]).is_some());
        let mut unknown = config(&[]);
        unknown.checkout.products = None;
        assert_eq!(unknown.lookup("pro"), None);
    }
}
