import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { auth } from "./auth";
import { loadActor, type Actor } from "./actor";
import { can, type Permission } from "./permissions";
import { actorFromToken } from "./tokens";

/** The signed-in user of this request (session cookie), or null. Memoised per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? loadActor(id) : null;
});

/** For pages: sends an anonymous visitor to sign-in, and brings them back afterwards. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) {
    const path = (await headers()).get("x-runway-path") ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  return actor;
}

/** For pages: renders the 403 page when the role lacks the permission. */
export async function requirePagePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor.role, permission)) forbidden();
  return actor;
}

/** For route handlers: a bearer token when one is sent, else the session cookie. */
export async function actorFromRequest(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match ? actorFromToken(match[1]) : null;
  }
  return currentActor();
}

