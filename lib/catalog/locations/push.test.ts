import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { catalogLocations } from "@/db/schema";
import { createUser } from "@/db/test/fixtures";
import { claimPushedLocations, pushReaches, type RepositoryPush } from "./push";

const checkout = (branch: string | null): RepositoryPush => ({
  urls: ["https://github.com/octo-org/checkout.git", "https://github.com/octo-org/checkout"],
  branch,
  defaultBranch: "main",
});

describe("which locations a push changes", () => {
  it("a git location of the repository, however its URL is spelled, on a push to the default branch it reads", () => {
    for (const target of ["git+https://github.com/octo-org/checkout.git#catalog-info.yaml", "git+https://GitHub.com/Octo-Org/Checkout#services/*/catalog-info.yaml", "git+https://github.com/octo-org/checkout/#catalog-info.yaml"]) {
      expect(pushReaches(target, checkout("main")), target).toBe(true);
      expect(pushReaches(target, checkout("feature/x")), target).toBe(false);
    }
    expect(pushReaches("git+https://github.com/octo-org/checkout-legacy.git#catalog-info.yaml", checkout("main"))).toBe(false);
    expect(pushReaches("git+https://gitlab.com/octo-org/checkout.git#catalog-info.yaml", checkout("main"))).toBe(false);
  });

  it("a file URL in the repository's web pages, on a push to the branch it names", () => {
    expect(pushReaches("https://github.com/octo-org/checkout/raw/main/catalog-info.yaml", checkout("main"))).toBe(true);
    expect(pushReaches("https://github.com/octo-org/checkout/raw/main/catalog-info.yaml", checkout("release"))).toBe(false);
    expect(pushReaches("https://github.com/Octo-Org/Checkout/blob/release/v2/catalog-info.yaml", checkout("release/v2"))).toBe(true);
    // Branch names may hold slashes: for a push to "release" this could be v2/catalog-info.yaml on it, and is read again too.
    expect(pushReaches("https://github.com/octo-org/checkout/blob/release/v2/catalog-info.yaml", checkout("release"))).toBe(true);
    expect(pushReaches("https://github.com/octo-org/checkout/blob/release/v2/catalog-info.yaml", checkout("releases"))).toBe(false);
    expect(pushReaches("https://github.com/octo-org/checkout-legacy/raw/main/catalog-info.yaml", checkout("main"))).toBe(false);
  });

  it("a file URL on GitHub's file host, on a push to the branch it names", () => {
    expect(pushReaches("https://raw.githubusercontent.com/octo-org/checkout/main/catalog-info.yaml", checkout("main"))).toBe(true);
    expect(pushReaches("https://raw.githubusercontent.com/Octo-Org/Checkout/refs/heads/main/catalog-info.yaml", checkout("main"))).toBe(true);
    expect(pushReaches("https://raw.githubusercontent.com/octo-org/checkout/main/catalog-info.yaml", checkout("release"))).toBe(false);
    expect(pushReaches("https://raw.githubusercontent.com/octo-org/checkout-legacy/main/catalog-info.yaml", checkout("main"))).toBe(false);
  });

  it("a git location cloned over ssh, like one over https", () => {
    expect(pushReaches("git+ssh://git@github.com/octo-org/checkout.git#catalog-info.yaml", checkout("main"))).toBe(true);
    expect(pushReaches("git+ssh://git@github.com/octo-org/checkout.git#catalog-info.yaml", checkout("release"))).toBe(false);
  });

  it("nothing for a tag or a deleted branch", () => {
    expect(pushReaches("git+https://github.com/octo-org/checkout.git#catalog-info.yaml", checkout(null))).toBe(false);
  });
});

describe("the locations a push claims for a read", () => {
  it("include those on GitHub's file host and over ssh, not another repository's", async () => {
    const admin = await createUser({ email: "push-admin@example.com", role: "admin" });
    const targets = [
      "https://raw.githubusercontent.com/octo-org/checkout/main/catalog-info.yaml",
      "git+ssh://git@github.com/octo-org/checkout.git#catalog-info.yaml",
      "https://raw.githubusercontent.com/octo-org/checkout-legacy/main/catalog-info.yaml",
      "https://github.com/octo-org/checkout/blob/release/catalog-info.yaml",
    ];
    const rows = await db
      .insert(catalogLocations)
      .values(targets.map((target) => ({ target, createdBy: admin.id })))
      .returning({ id: catalogLocations.id, target: catalogLocations.target });
    const claimed = await claimPushedLocations(checkout("main"));
    expect(rows.filter((r) => claimed.includes(r.id)).map((r) => r.target)).toEqual(targets.slice(0, 2));
  });
});
