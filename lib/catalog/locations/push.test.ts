import { describe, expect, it } from "vitest";
import { pushReaches, type RepositoryPush } from "./push";

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

  it("nothing for a tag or a deleted branch", () => {
    expect(pushReaches("git+https://github.com/octo-org/checkout.git#catalog-info.yaml", checkout(null))).toBe(false);
  });
});
