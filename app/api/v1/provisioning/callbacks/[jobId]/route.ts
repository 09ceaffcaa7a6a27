import { NextResponse } from "next/server";
import { errorResponse, toErrorResponse } from "@/lib/api/route";
import { verifySignature } from "@/lib/crypto/hmac";
import { unauthorized, validationFailed } from "@/lib/errors";
import { callbackSchema, completeWebhookJob } from "@/lib/provisioning/webhook-callback";
import { fieldErrors } from "@/lib/validation";

/**
 * The external automation's callback `{status, outputs, message}`, authenticated
 * by the HMAC of the raw body (X-Runway-Signature) rather than a user's token.
 */
export async function POST(request: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const raw = await request.text();
  if (!verifySignature(process.env.RUNWAY_WEBHOOK_SECRET ?? "", raw, request.headers.get("x-runway-signature"))) {
    return errorResponse(unauthorized("Missing or wrong X-Runway-Signature (sha256=HMAC-SHA256 of the body with RUNWAY_WEBHOOK_SECRET)."));
  }
  try {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw validationFailed("The body must be JSON.");
    }
    const { jobId } = await ctx.params;
    const parsed = callbackSchema.safeParse({ ...(body && typeof body === "object" ? body : {}), jobId });
    if (!parsed.success) throw validationFailed("The callback is not valid.", fieldErrors(parsed.error));
    return NextResponse.json(await completeWebhookJob(parsed.data));
  } catch (error) {
    return toErrorResponse(error);
  }
}
