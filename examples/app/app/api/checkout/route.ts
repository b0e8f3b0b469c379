// A Next.js route handler: the client comes from a factory, the body from a helper.
import { getDodo } from "@/lib/dodo";
import { seatCheckout } from "@/lib/checkout";

export async function POST(request: Request) {
  const { email } = await request.json();
  const session = await getDodo().checkoutSessions.create(
    seatCheckout("pdt_pro_monthly", 0, email),
  );
  // The create response has checkout_url, not url.
  return Response.json({ url: session.url });
}
