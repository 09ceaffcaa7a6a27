import { z } from "zod";

export const tokenScopes = ["events:write"] as const;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name, e.g. \"ci-deploys\"").max(80, "Keep the name under 80 characters"),
  scopes: z.array(z.enum(tokenScopes)).default([]),
});

export const revokeTokenSchema = z.object({ id: z.uuid("Not a token id") });
