import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { expect, test } from "./support/fixtures";
import { definition, PROVISIONING_TIMEOUT, RequestForm, RequestPage, uniqueName } from "./support/requests";

// Another team than requests.spec.ts uses, so tests running side by side never meet each other's quota.
const DEVELOPER = "Sam Searcher";

type Marked = Window & { notReloaded?: boolean };

test("a dev database becomes ready while the developer watches, its password really connects, and decommissioning takes it away", async ({
  page,
  signIn,
  saveScreenshot,
}) => {
  test.slow(); // Provisioning and decommissioning are real and run in the portal's worker.
  const name = uniqueName("orders-db");
  const form = new RequestForm(page);
  const request = new RequestPage(page);
  await signIn.asDemoUser(DEVELOPER);
  await form.open("database");
  await form.fill({ environment: "dev", name });
  await form.submit();

  // A full reload would drop this mark, so finding it afterwards shows the page updated itself.
  await page.evaluate(() => ((window as Marked).notReloaded = true));
  await request.expectStatus(name, "Ready", { timeout: PROVISIONING_TIMEOUT });
  await expect(request.timeline).toContainText("Created role");
  await expect(request.timeline).toContainText("Created database");
  expect(await page.evaluate(() => (window as Marked).notReloaded)).toBe(true);

  await request.credentials.getByRole("button", { name: "Show credentials" }).click();
  const value = (term: string) => definition(request.credentials, term);
  await expect(value("Host")).not.toBeEmpty();
  await expect(value("Port")).toHaveText(/^\d+$/);
  await expect(value("Database")).toHaveText(/^rw_search_/);
  await expect(value("User")).toHaveText(/^rw_search_/);
  await expect(value("Password")).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  await saveScreenshot("database-credentials");
  const url = (await value("URL").textContent())!;
  expect(url).toContain(encodeURIComponent((await value("Password").textContent())!));

  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await sql`create table orders (id serial primary key, note text not null)`;
    await sql`insert into orders (note) values ('written by the browser test')`;
    expect(await sql`select note from orders`).toEqual([{ note: "written by the browser test" }]);
  } finally {
    await sql.end({ timeout: 5 });
  }

  await page.getByRole("button", { name: "Decommission" }).click();
  const dialog = page.getByRole("dialog", { name: `Decommission ${name}?` });
  await expect(dialog).toContainText("including its data");
  await dialog.getByRole("button", { name: "Decommission" }).click();
  await request.expectStatus(name, "Decommissioned", { timeout: PROVISIONING_TIMEOUT });
  await expect(request.timeline).toContainText("Dropped database and role");
  await expect(request.credentials).toHaveCount(0);

  const after = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await expect(after`select 1`).rejects.toThrow(/password authentication failed|does not exist/);
  } finally {
    await after.end({ timeout: 5 });
  }
});

test("a namespace request ends ready with its manifests committed to the GitOps repository", async ({ page, signIn }) => {
  const name = uniqueName("web-ns");
  const form = new RequestForm(page);
  const request = new RequestPage(page);
  await signIn.asDemoUser(DEVELOPER);
  await form.open("namespace");
  await form.fill({ environment: "dev", name });
  const id = await form.submit();

  await request.expectStatus(name, "Ready", { timeout: PROVISIONING_TIMEOUT });
  const dir = `clusters/dev/namespaces/search-${name}`;
  await expect(definition(request.outputs, "namespace")).toHaveText(`search-${name}`);
  await expect(definition(request.outputs, "path")).toHaveText(dir);
  await expect(definition(request.outputs, "commit")).toHaveText(/^[0-9a-f]{40}$/);
  await expect(request.timeline).toContainText("and pushed");
  // Namespaces have no credentials.
  await expect(request.credentials).toHaveCount(0);

  // The repository the page names is a real one on this machine (the portal's default bare repo): read the commit back.
  const repo = fileURLToPath((await definition(request.outputs, "gitRepo").textContent())!);
  const branch = (await definition(request.outputs, "gitBranch").textContent())!;
  const commit = (await definition(request.outputs, "commit").textContent())!;
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" });
  git("merge-base", "--is-ancestor", commit, branch);
  const message = git("show", "--no-patch", "--format=%B", commit);
  expect(message).toContain(`Provision namespace search/${name} (dev)`);
  expect(message).toContain(`Request: ${id}`);
  const files = git("ls-tree", "-r", "--name-only", commit, "--", dir).trim().split("\n");
  expect(files).toContain(`${dir}/namespace-search-${name}.yaml`);
  expect(files.length).toBeGreaterThanOrEqual(5);
});
