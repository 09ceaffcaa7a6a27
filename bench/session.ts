/** Just enough of a cookie jar for Auth.js: name=value pairs, last one wins. */
export class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string): boolean {
    return [...this.cookies.keys()].some((k) => k.includes(name));
  }
}

/** The demo sign-in through Auth.js's credentials callback, which the sign-in page's server action also ends in. */
export async function signIn(base: string, email: string): Promise<Jar> {
  const jar = new Jar();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: `${base}/` }),
  });
  jar.take(res);
  await res.body?.cancel();
  if (!jar.has("session-token")) throw new Error(`Demo sign-in as ${email} failed (HTTP ${res.status}); is ${base} in demo mode?`);
  return jar;
}

