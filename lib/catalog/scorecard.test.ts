import { beforeAll, describe, expect, it } from "vitest";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { getEntity } from "./entity";
import { importCatalog } from "./import";
import { entityScorecard, teamRollup } from "./scorecard";

let admin: Actor;

const yaml = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: payments, description: The payments team}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  description: Takes the money
  annotations: {backstage.io/source-location: "url:https://git.example.com/payments/checkout/"}
  links: [{url: "https://docs.example.com/checkout", title: Docs}]
spec: {type: service, lifecycle: production, owner: payments, providesApis: [checkout-api]}
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: {name: checkout-api}
spec: {type: openapi, lifecycle: production, owner: payments, definition: "openapi: 3.0.0"}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: legacy}
spec: {type: service, lifecycle: deprecated, owner: nobody, providesApis: [undocumented]}
`;

beforeAll(async () => {
  await seedDemoOrg();
  admin = await actorFor("admin@example.com");
  await importCatalog(admin, { files: [{ name: "scorecard.yaml", text: yaml }], dryRun: false });
});

async function scoreOf(kind: string, name: string) {
  const e = await getEntity(admin, { kind, namespace: "default", name });
  return entityScorecard(admin, e!.id);
}

describe("scorecards", () => {
  it("gives a well-described component full marks", async () => {
    const card = await scoreOf("Component", "checkout");
    expect(card.score).toBe(100);
    expect(card.checks.map((c) => c.id)).toEqual(["owner", "description", "lifecycle", "source", "docs", "apis"]);
  });

  it("names the checks a poorly described component fails", async () => {
    const card = await scoreOf("Component", "legacy");
    expect(card.checks.filter((c) => !c.passed).map((c) => c.label)).toEqual([
      "Has an owner that exists",
      "Has a description",
      "Has a source location",
      "Has a documentation link",
      "APIs are documented",
    ]);
    expect(card.score).toBe(17);
  });

  it("only applies the checks that fit the kind", async () => {
    expect((await scoreOf("Group", "payments")).checks.map((c) => c.id)).toEqual(["description"]);
  });

  it("rolls up a team's entities", async () => {
    const rollup = await teamRollup(admin, "group:default/payments");
    expect(rollup).toMatchObject({ entities: 2, failures: expect.arrayContaining([{ id: "description", label: "Has a description", count: 1 }]) });
    expect(rollup.lowest.map((l) => l.name)).toEqual(["checkout-api"]);
  });
});
