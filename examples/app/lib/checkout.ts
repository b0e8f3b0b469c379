// The checkout body for a team plan: one line per seat count.
export function seatCheckout(productId: string, seats: number, email: string) {
  return {
    product_cart: [{ product_id: productId, quantity: seats }],
    customer: { email },
    allowed_payment_method_types: ["credit", "debit", "apple_pay"],
    // Copied from a Stripe integration: Dodo never fills in {CHECKOUT_SESSION_ID}.
    return_url: "https://shop.example.com/billing/done?session={CHECKOUT_SESSION_ID}",
  };
}
