import { after, NextResponse } from "next/server";
import { errorResponse, toErrorResponse } from "@/lib/api/route";
import { claimPushedLocations } from "@/lib/catalog/locations/push";
import { refreshLocations } from "@/lib/catalog/locations/sweep";
import { verifySignature } from "@/lib/crypto/hmac";
import { unauthorized, validationFailed } from "@/lib/errors";
import { log } from "@/lib/log";
import { ingestGithubEvent } from "@/lib/metrics/github/ingest";
import { pushedRepository } from "@/lib/metrics/github/mapping";

/**
 * GitHub's webhook, authenticated by X-Hub-Signature-256 (HMAC-SHA256 of the
 * raw body with RUNWAY_GITHUB_WEBHOOK_SECRET) rather than a user's token.
 * Nothing is read from the body before the signature checks out. A push
 * also re-reads the catalog locations of the pushed repository and branch.
 */
export async function POST(request: Request) {
  const raw = await request.text();
  if (!verifySignature(process.env.RUNWAY_GITHUB_WEBHOOK_SECRET ?? "", raw, request.headers.get("x-hub-signature-256"))) {
    return errorResponse(unauthorized("Missing or wrong X-Hub-Signature-256 (sha256=HMAC-SHA256 of the body with RUNWAY_GITHUB_WEBHOOK_SECRET)."));
  }
  try {
    const event = request.headers.get("x-github-event");
    if (!event) throw validationFailed("Missing X-GitHub-Event header.");
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      throw validationFailed("The body must be JSON (set the webhook's content type to application/json).");
    }
    const pushed = event === "push" ? pushedRepository(payload) : null;
    const locations = pushed ? await claimPushedLocations(pushed) : [];
    // GitHub gives up on a delivery after 10 s and a clone may take longer: the locations are read once the answer is sent.
    if (locations.length) after(() => refreshLocations(locations, "push"));
    const result = await ingestGithubEvent(event, payload);
    log("info", "github webhook", {
      event,
      delivery: request.headers.get("x-github-delivery"),
      ...("ignored" in result ? { ignored: result.ignored } : { service: result.service, stored: result.stored }),
      ...(pushed ? { catalogLocations: locations.length } : {}),
    });
    return NextResponse.json(pushed ? { ...result, catalogLocations: locations.length } : result, { status: "ignored" in result ? 202 : 200 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
