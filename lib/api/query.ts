import type { z } from "zod";
import { validationFailed } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation";

export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationFailed("Some query parameters are not valid.", fieldErrors(parsed.error));
  return parsed.data;
}
