import { validationFailed } from "@/lib/errors";

/**
 * Keyset cursors of the entity list: the last row's (name, id), and its rank
 * when the list is a search (ranks are rounded in SQL so they compare exactly).
 */
export type EntityCursor = { name: string; id: string; rank?: string };

export function encodeEntityCursor(c: EntityCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeEntityCursor(raw: string | undefined | null, ranked: boolean): EntityCursor | null {
  if (!raw) return null;
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    c = null;
  }
  const ok =
    c !== null &&
    typeof c === "object" &&
    typeof (c as EntityCursor).name === "string" &&
    /^[0-9a-f-]{36}$/i.test(String((c as EntityCursor).id)) &&
    (ranked ? /^-?\d+(\.\d+)?$/.test(String((c as EntityCursor).rank)) : (c as EntityCursor).rank === undefined);
  if (!ok) throw validationFailed("cursor is not one this list gave out (a search and a plain list have different cursors)", { cursor: "is not valid" });
  return c as EntityCursor;
}

/** Keyset cursor of the location list: the last target, which is unique. */
export function encodeLocationCursor(target: string): string {
  return Buffer.from(target).toString("base64url");
}

export function decodeLocationCursor(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const target = Buffer.from(raw, "base64url").toString("utf8");
  if (!target || encodeLocationCursor(target) !== raw) throw validationFailed("cursor is not one this list gave out", { cursor: "is not valid" });
  return target;
}
