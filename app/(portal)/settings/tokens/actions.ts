"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { createTokenSchema, revokeTokenSchema } from "@/lib/auth/schemas";
import { createToken, revokeToken } from "@/lib/auth/tokens";

export const createTokenAction = action(
  "tokens.create",
  createTokenSchema,
  "tokens:manage-own",
  async (actor, input) => {
    const created = await createToken(actor, input);
    revalidatePath("/settings/tokens");
    return { token: created.token, name: created.name };
  },
  (input) => (input instanceof FormData ? { name: input.get("name"), scopes: input.getAll("scopes") } : input),
);

export const revokeTokenAction = action("tokens.revoke", revokeTokenSchema, "tokens:manage-own", async (actor, input) => {
  await revokeToken(actor, input.id);
  revalidatePath("/settings/tokens");
  return { id: input.id };
});
