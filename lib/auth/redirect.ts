/** Only same-site paths: a crafted callbackUrl must not bounce a signed-in user to another site. */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/signin") || value.startsWith("/api/auth")) return "/";
  return value;
}
