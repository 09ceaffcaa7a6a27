import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

const PUBLIC_PATHS = ["/signin"];

/**
 * The Content-Security-Policy of pages. It names the identity provider, known
 * only at run time; the static headers are in next.config.mjs.
 */
function withPolicy(res: NextResponse): NextResponse {
  const issuer = process.env.AUTH_OIDC_ISSUER ? new URL(process.env.AUTH_OIDC_ISSUER).origin : "";
  const dev = process.env.NODE_ENV === "development";
  res.headers.set(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      // Next's streamed RSC payload is inline script; a nonce would make every page uncacheable.
      `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self'${dev ? " ws:" : ""}`,
      // Sign-in posts to Auth.js, which redirects to the identity provider.
      `form-action 'self' ${issuer}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
  );
  return res;
}

/**
 * First line of defence only, for pages: it sends anonymous visitors to sign-in
 * and sets the Content-Security-Policy. Every page, action and route checks the actor again on the
 * server through lib/auth. The session is only read here, never re-issued: a
 * refreshed cookie on a prefetch still in flight would undo a sign-out.
 */
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(p + "/"));
  const headers = new Headers(req.headers);
  headers.set("x-runway-path", pathname + search);

  if (!isPublic) {
    const token = await getToken({ req, secret: process.env.AUTH_SECRET, secureCookie: req.nextUrl.protocol === "https:" });
    if (!token?.uid) {
      const url = new URL("/signin", req.url);
      url.searchParams.set("callbackUrl", pathname + search);
      return withPolicy(NextResponse.redirect(url));
    }
  }
  return withPolicy(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Not /api: every route there resolves its caller itself (lib/api/route.ts), answers JSON, and would
  // otherwise pay for this function and have its body buffered on every call.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico)$).*)"],
};
