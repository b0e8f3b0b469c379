// One client for the whole app, made on first use.
import DodoPayments from "dodopayments";

let client: DodoPayments | undefined;

export function getDodo() {
  client ??= new DodoPayments({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    environment: "test_mode",
  });
  return client;
}
