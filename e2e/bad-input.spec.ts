import { expect, test } from "./support/fixtures";

test("a tampered session cookie sends the visitor to sign-in instead of failing", async ({ context, browser, baseURL, signIn }) => {
  await signIn.asDemoUser("Dana Developer");
  const session = (await context.cookies()).find((c) => c.name === "authjs.session-token");
  expect(session).toBeDefined();
  const tampered = session!.value.slice(0, -6) + (session!.value.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");

  // A fresh browser, so that no request of the signed-in page still in flight can set the real cookie back.
  const other = await browser.newContext({ baseURL });
  await other.addCookies([{ ...session!, value: tampered }]);
  const visitor = await other.newPage();
  const res = await visitor.goto("/settings/tokens");
  expect(res?.status()).toBeLessThan(500);
  await expect(visitor).toHaveURL("/signin?callbackUrl=%2Fsettings%2Ftokens");
  await expect(visitor.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await other.close();
});

test("the API answers 401 JSON to an unknown or malformed bearer token", async ({ request }) => {
  for (const header of ["Bearer rwy_thisTokenWasNeverIssued0000000000000000", "Bearer", "Basic dXNlcjpwYXNz"]) {
    const res = await request.get("/api/v1/me", { headers: { Authorization: header } });
    expect(res.status(), header).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
  }
});

test("pages carry a Content-Security-Policy; pages and API answers carry the static security headers", async ({ request }) => {
  const page = await request.get("/signin");
  expect(page.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const api = await request.get("/api/v1/me");
  expect(api.status()).toBe(401);
  for (const res of [page, api]) {
    expect(res.headers()).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
  }
});
