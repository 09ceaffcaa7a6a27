import { NextResponse } from "next/server";
import { errorResponse, toErrorResponse } from "@/lib/api/route";
import { verifySignature } from "@/lib/crypto/hmac";
import { unauthorized, validationFailed } from "@/lib/errors";
import { callbackSchema, completeWebhookJob } from "@/lib/provisioning/webhook-callback";
import { fieldErrors } from "@/lib/validation";

/** The external automation's callback, authenticated by the HMAC of the raw body rather than a user's token. */
export async function POST(request: Request) {
  const raw = await request.text();
  if (!verifySignature(process.env.RUNWAY_WEBHOOK_SECRET ?? "", raw, request.headers.get("x-runway-signature"))) {
    return errorResponse(unauthorized("Missing or wrong X-Runway-Signature (HMAC-SHA256 of the body with RUNWAY_WEBHOOK_SECRET)."));
  }
  try {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw validationFailed("The body must be JSON.");
    }
    const parsed = callbackSchema.safeParse(body);
    if (!parsed.success) throw validationFailed("The callback is not valid.", fieldErrors(parsed.error));
    return NextResponse.json(await completeWebhookJob(parsed.data));
  } catch (error) {
    return toErrorResponse(error);
  }
}
