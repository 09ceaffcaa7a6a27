import { sql } from "drizzle-orm";
import { db } from "@/db/client";

/** A catalog Component owned by a Group, written straight to the table as an import would leave it. */
export async function component(name: string, owner: string | null, annotations: Record<string, string> = {}): Promise<void> {
  await db.execute(sql`
    insert into catalog_entities (ref, api_version, kind, namespace, name, owner_ref, metadata, spec, hash, source)
    values (${`component:default/${name.toLowerCase()}`}, 'backstage.io/v1alpha1', 'Component', 'default', ${name},
      ${owner && `group:default/${owner.toLowerCase()}`}, ${JSON.stringify({ name, annotations })}::jsonb,
      ${JSON.stringify(owner ? { type: "service", lifecycle: "production", owner } : { type: "service" })}::jsonb, ${`test-${name}`}, 'import')`);
}
