#!/usr/bin/env python3
"""Regenerate schemas/checkout-session.schema.json.

The enums (payment method types, currencies, countries) are read from the newest official
TypeScript SDK so they never drift by hand:

    cd /tmp && npm pack dodopayments && tar xzf dodopayments-*.tgz
    python3 scripts/gen_schema.py /tmp/package > schemas/checkout-session.schema.json

Field shapes and descriptions follow `CheckoutSessionCreateParams` in
`package/src/resources/checkout-sessions.ts`; where the PyPI SDK 1.123.0 is newer (nullable
`minimal_address`, new feature flags) its words are used.
"""
import json
import re
import sys

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


def sdk_enum(sdk_dir, file, name):
    text = open(f"{sdk_dir}/src/resources/{file}").read()
    body = re.search(r"export type " + name + r" =(.*?);", text, re.S).group(1)
    return re.findall(r"'([^']+)'", body)


def nullable(schema):
    """The SDK's `T | null`: a schema that also admits JSON null."""
    out = dict(schema)
    if "$ref" in out:
        desc = out.pop("description", None)
        res = {"anyOf": [{"$ref": out["$ref"]}, {"type": "null"}]}
        if desc:
            res["description"] = desc
        return res
    t = out.get("type")
    if isinstance(t, str):
        out["type"] = [t, "null"]
    if "enum" in out:
        out["enum"] = out["enum"] + [None]
    return out


def string(desc):
    return {"type": "string", "description": desc}


def boolean(desc, default=None):
    s = {"type": "boolean", "description": desc}
    if default is not None:
        s["default"] = default
    return s


def int32(desc, minimum=INT32_MIN):
    return {"type": "integer", "minimum": minimum, "maximum": INT32_MAX, "description": desc}


def obj(properties, required=(), desc=None):
    s = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        s["required"] = list(required)
    if desc:
        s["description"] = desc
    return s


def ref(name, desc=None):
    s = {"$ref": f"#/$defs/{name}"}
    if desc:
        s["description"] = desc
    return s


def flags():
    f = {
        "allow_currency_selection": boolean("If the customer is allowed to change currency. Default is true.", True),
        "allow_customer_editing_business_name": boolean(
            "If true, the customer can supply or edit the business name associated with the tax id during checkout. Default is false.", False),
        "allow_discount_code": boolean(
            "If the customer is allowed to apply a discount code. If false, the customer cannot change the discount codes; codes given when creating the session still apply. Default is true.", True),
        "allow_editing_addons": boolean(
            "If true, the customer can add or remove addons on a subscription product during checkout. Only applies to subscription products. Default is false.", False),
        "allow_phone_number_collection": boolean("If the phone number is collected from the customer. Default is true.", True),
        "allow_tax_id": boolean("If the customer is allowed to add a tax id. Default is true.", True),
        "always_create_new_customer": boolean(
            "Set to true if a new customer object should be created. By default the email is used to find an existing customer to attach the session to. Default is false.", False),
        "redirect_immediately": boolean("If true, redirects the customer immediately after payment completion. Default is false.", False),
        "require_cardholder_name": boolean(
            "If true, the customer must give the name on the card to pay by card. The checkout page enforces this. Other payment methods ignore it. Default is false.", False),
        "require_phone_number": boolean(
            "If true, the customer must provide a phone number to complete checkout. Requires `allow_phone_number_collection` to also be true. Default is false.", False),
        "require_tax_id": boolean(
            "If true, the customer must give a tax id to check out as a business (GST number in India, VAT number in the EU). You must also set `allow_tax_id` to true. A `confirm: true` request skips the checkout page, so the request must contain `tax_id`. Default is false.", False),
        "single_page": boolean(
            "If true, the session uses the single-page checkout flow: the page initializes the payment at load time and confirms it in place. Default is false.", False),
    }
    for part in ["city", "country", "email", "name", "state", "street", "tax_id", "zipcode"]:
        f[f"allow_customer_editing_{part}"] = boolean(f"If the customer may edit the prefilled {part.replace('_', ' ')} on the checkout page.")
    return obj(dict(sorted(f.items())), desc="Feature flags for the checkout session. Not nullable.")


COLOURS = {
    "bg_primary": "Background primary color. Examples: `\"#ffffff\"`, `\"rgb(255, 255, 255)\"`, `\"white\"`",
    "bg_secondary": "Background secondary color",
    "border_primary": "Border primary color",
    "border_secondary": "Border secondary color",
    "button_primary": "Primary button background color",
    "button_primary_hover": "Primary button hover color",
    "button_secondary": "Secondary button background color",
    "button_secondary_hover": "Secondary button hover color",
    "button_text_primary": "Primary button text color",
    "button_text_secondary": "Secondary button text color",
    "input_focus_border": "Input focus border color",
    "text_error": "Text error color",
    "text_placeholder": "Text placeholder color",
    "text_primary": "Text primary color",
    "text_secondary": "Text secondary color",
    "text_success": "Text success color",
}


def main(sdk_dir):
    methods = sdk_enum(sdk_dir, "payments.ts", "PaymentMethodTypes")
    currencies = sdk_enum(sdk_dir, "misc.ts", "Currency")
    countries = sdk_enum(sdk_dir, "misc.ts", "CountryCode")

    defs = {
        "PaymentMethodType": {"type": "string", "enum": methods, "description": "A payment method type."},
        "Currency": {"type": "string", "enum": currencies, "description": "ISO 4217 currency code (upper case)."},
        "CountryCode": {"type": "string", "enum": countries, "description": "Two-letter ISO country code (ISO 3166-1 alpha-2, upper case)."},
        "AttachAddon": obj({
            "addon_id": string("ID of the addon to attach."),
            "quantity": int32("Number of units of this addon.", 0),
        }, ["addon_id", "quantity"]),
        "CreditEntitlementOverride": obj({
            "credit_entitlement_id": string("ID of the credit entitlement to override. Must already be attached to the product."),
            "credits_amount": string("Number of credits to grant for this checkout session, overriding the product-level `credits_amount` set on the credit entitlement mapping. A decimal string. Must be greater than zero."),
        }, ["credit_entitlement_id", "credits_amount"], "Per-checkout-session override for a single credit entitlement attached to a product."),
        "ProductItem": obj({
            "product_id": string("Unique id of the product."),
            "quantity": {"type": "integer", "maximum": INT32_MAX, "minimum": INT32_MIN,
                         "description": "Quantity of the product. Must be at least `1`. A quantity large enough to push the cart total past the maximum amount a payment can carry is rejected with a 422."},
            "addons": nullable({"type": "array", "items": ref("AttachAddon"), "description": "Addons to attach. Only valid if the product is a subscription."}),
            "amount": nullable(int32(
                "Amount the customer pays if pay_what_you_want is enabled. If disabled, the amount is ignored. Represented in the lowest denomination of the currency (e.g. cents for USD): to charge $1.00, pass `100`. Only applicable for one-time payments. If amount is not set for a pay_what_you_want product, the customer may select the amount.", 0)),
            "credit_entitlements": nullable({"type": "array", "items": ref("CreditEntitlementOverride"),
                                             "description": "Per-checkout-session overrides for credit entitlements already attached to this product. Each entry overrides the `credits_amount` granted by the referenced credit entitlement when this checkout session is fulfilled."}),
        }, ["product_id", "quantity"], "A product in the cart."),
        # The API's CustomerRequest is an untagged union; `customer_id` decides the variant. The
        # variants carry no `type` so that `null` (allowed by the outer schema) passes both.
        "AttachExistingCustomer": {
            "properties": {"customer_id": string("ID of an existing customer to attach the session to.")},
            "required": ["customer_id"], "additionalProperties": False,
            "description": "Attach an existing customer by id.",
        },
        "NewCustomer": {
            "properties": {
                "email": string("Email is required for creating a new customer."),
                "name": nullable(string("Optional full name of the customer. If provided during session creation, it is persisted and becomes immutable for the session. If omitted here, it can be provided later via the confirm API.")),
                "phone_number": nullable(string("Phone number of the customer, in international format (e.g. `+1234567890`).")),
            },
            "required": ["email"], "additionalProperties": False,
            "description": "Create (or find by email) a customer.",
        },
        "BillingAddress": obj({
            "country": ref("CountryCode", "Two-letter ISO country code (ISO 3166-1 alpha-2). Always required when billing_address is provided."),
            "city": nullable(string("City name")),
            "state": nullable(string("State or province name")),
            "street": nullable(string("Street address including house number and unit/apartment if applicable")),
            "zipcode": nullable(string("Postal code or ZIP code")),
        }, ["country"], "Billing address information for the session. When `confirm` is true, all billing address fields become required (only zipcode with `minimal_address: true`)."),
        "ThemeModeConfig": obj({k: nullable(string(v)) for k, v in COLOURS.items()},
                               desc="Color configuration for a single theme mode. All fields accept CSS colours: hex (`#fff`, `#ffffff`, `#ffffffff`, with or without `#`), `rgb()/rgba()`, `hsl()/hsla()`, named colours, `hwb() lab() lch() oklab() oklch() color()`."),
        "ThemeConfig": obj({
            "dark": nullable(ref("ThemeModeConfig", "Dark mode color configuration")),
            "light": nullable(ref("ThemeModeConfig", "Light mode color configuration")),
            "font_primary_url": nullable(string("URL for the primary font. Must be a valid https:// URL.")),
            "font_secondary_url": nullable(string("URL for the secondary font. Must be a valid https:// URL.")),
            "font_size": nullable({"type": "string", "enum": ["xs", "sm", "md", "lg", "xl", "2xl"], "description": "Font size for the checkout UI"}),
            "font_weight": nullable({"type": "string", "enum": ["normal", "medium", "bold", "extraBold"], "description": "Font weight for the checkout UI"}),
            "pay_button_text": nullable(string("Custom text for the pay button (e.g. \"Complete Purchase\", \"Subscribe Now\"). Max 100 characters.")),
            "radius": nullable(string("Border radius for UI elements. Must be a number followed by px, rem, or em (e.g. \"4px\", \"0.5rem\", \"1em\").")),
        }, desc="Custom theme configuration with colors for light and dark modes."),
        "Customization": obj({
            "force_language": nullable(string("Force the checkout interface to render in a specific language (e.g. `en`, `es`).")),
            "show_on_demand_tag": boolean("Show on demand tag. Default is true.", True),
            "show_order_details": boolean("Show order details by default. Default is true.", True),
            "theme": nullable({"type": "string", "enum": ["dark", "light", "system"], "description": "Theme of the page (light/dark/system). If not provided, uses the business-configured theme."}),
            "theme_config": nullable(ref("ThemeConfig", "Optional custom theme configuration with colors for light and dark modes.")),
        }, desc="Customization for the checkout session page. Not nullable."),
        "FeatureFlags": flags(),
        "CustomField": obj({
            "field_type": {"type": "string", "enum": ["text", "number", "email", "url", "date", "dropdown", "boolean"], "description": "Type of field determining validation rules."},
            "key": string("Unique identifier for this field (used as key in responses)."),
            "label": string("Display label shown to the customer."),
            "options": nullable({"type": "array", "items": {"type": "string"}, "description": "Options for dropdown type (required for dropdown, ignored for others)."}),
            "placeholder": nullable(string("Placeholder text for the input.")),
            "required": boolean("Whether this field is required. Default is false.", False),
        }, ["field_type", "key", "label"], "A custom field to collect from the customer during checkout."),
        "OnDemandSubscription": obj({
            "mandate_only": boolean("If true, does not perform any charge and only authorizes payment method details for future use."),
            "adaptive_currency_fees_inclusive": nullable(boolean("Whether adaptive currency fees are included in product_price (true) or added on top (false). Ignored if adaptive pricing is not enabled for the business.")),
            "product_currency": nullable(ref("Currency", "Optional currency of the product price. Defaults to the currency of the product.")),
            "product_description": nullable(string("Optional product description override for billing and line items.")),
            "product_price": nullable(int32("Product price for the initial charge, in the lowest denomination of the currency (e.g. cents for USD). Defaults to the stored price of the product.")),
        }, ["mandate_only"], "On-demand subscription settings."),
        "SubscriptionData": obj({
            "on_demand": nullable(ref("OnDemandSubscription")),
            "trial_period_days": nullable(int32("Optional trial period in days. If specified, this value overrides the trial period set in the product's price. Must be between 0 and 10000 days.")),
        }, desc="Subscription settings for the session."),
        "MetadataValue": {"type": ["string", "number", "boolean"], "description": "A metadata value: string, integer, number or boolean."},
    }

    top = {
        "product_cart": {"type": "array", "items": ref("ProductItem"),
                         "description": "The products of the checkout. A cart holds at most 20 of them, one-time and subscription products together. An empty cart is valid for the product-collection flow, where the customer chooses the product later."},
        "allowed_payment_method_types": nullable({"type": "array", "items": ref("PaymentMethodType"),
                                                  "description": "Customers will never see payment methods that are not in this list. However, adding a method here does not guarantee customers will see it: availability still depends on customer location, currency and merchant settings. Always provide 'credit' and 'debit' as a fallback. If all payment methods are unavailable, checkout session will fail."}),
        "billing_address": nullable(ref("BillingAddress", "Billing address information for the session.")),
        "billing_currency": nullable(ref("Currency", "The currency to charge the customer in. Adaptive pricing must be enabled for the business; if it is disabled, the API discards this field.")),
        "cancel_url": nullable(string("The URL to redirect the customer if they cancel or go back from the checkout. If not provided, the back button will not be displayed.")),
        "confirm": boolean("If confirm is true, all the details will be finalized. If required data is missing, an API error is thrown. A confirmed session is valid for 15 minutes instead of 24 hours. Default is false.", False),
        "custom_fields": nullable({"type": "array", "items": ref("CustomField"), "description": "Custom fields to collect from the customer during checkout (max 5 fields)."}),
        "customer": {
            "type": ["object", "null"],
            "description": "Customer details for the session: either `{customer_id}` for an existing customer or `{email, name?, phone_number?}` for a new one.",
            "if": {"required": ["customer_id"]},
            "then": ref("AttachExistingCustomer"),
            "else": ref("NewCustomer"),
        },
        "customer_business_name": nullable(string("Optional business / legal name associated with the tax id. With a valid tax id for a B2B purchase, this name is rendered on the invoice instead of the customer's personal name.")),
        "customization": ref("Customization", "Customization for the checkout session page."),
        "discount_code": nullable({"type": "string", "deprecated": True, "description": "DEPRECATED: use discount_codes instead. Cannot be used together with discount_codes."}),
        "discount_codes": nullable({"type": "array", "items": {"type": "string"}, "description": "Stacked discount codes to apply, in order. Max 20. Cannot be used together with discount_code."}),
        "feature_flags": ref("FeatureFlags", "Feature flags for the checkout session."),
        "force_3ds": nullable(boolean("Override the merchant's default 3DS behaviour for this session.")),
        "mandate_min_amount_inr_paise": nullable(int32("Override the merchant-level mandate floor (in INR paise) for INR e-mandates on Indian-card recurring payments. The mandate amount is `max(this_floor, actual_billing_amount)`. When unset, the merchant setting applies, else the system default of ₹15,000.")),
        "metadata": nullable({"type": "object", "additionalProperties": ref("MetadataValue"),
                              "description": "Additional metadata associated with the payment. Defaults to empty if not provided. Up to 50 keys; keys up to 40 characters of letters, digits, `-` and `_`; values up to 500 characters."}),
        "minimal_address": nullable(boolean("If true, only zipcode is required when confirm is true; other address fields remain optional. Default is true when `feature_flags.single_page` is true, otherwise false.")),
        "payment_method_id": nullable(string("Optional payment method ID to use for this checkout session. Only allowed when `confirm` is true. If provided, an existing customer id must also be provided.")),
        "product_collection_id": nullable(string("Product collection ID for the collection-based checkout flow.")),
        "return_url": nullable(string("The URL to redirect to after payment failure or success.")),
        "short_link": boolean("If true, returns a shortened checkout URL. Default is false.", False),
        "show_saved_payment_methods": boolean("Display the saved payment methods of a returning customer. Default is false.", False),
        "subscription_data": nullable(ref("SubscriptionData", "Subscription settings for the session.")),
        "tax_id": nullable(string("Tax ID for the customer (e.g. VAT number). Requires billing_address with country.")),
    }

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/checkout-lint/checkout-lint/schemas/checkout-session.schema.json",
        "title": "Dodo Payments checkout session request (POST /checkouts)",
        "description": "Request body of CheckoutSessionCreateParams in the official dodopayments SDK. Generated by scripts/gen_schema.py.",
        "type": "object",
        "properties": top,
        "required": ["product_cart"],
        "additionalProperties": False,
        "$defs": defs,
    }
    json.dump(schema, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
