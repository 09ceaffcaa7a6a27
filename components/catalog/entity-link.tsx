import Link from "next/link";
import { entityPath, splitKey, type EntityName } from "@/lib/catalog/refs";

/** A link to an entity, or its reference with a "not in catalog" mark when the target does not exist. */
export function EntityLink({ entity, label, exists = true }: { entity: EntityName | string; label?: string; exists?: boolean }) {
  const name = typeof entity === "string" ? splitKey(entity) : entity;
  const text = label ?? name.name;
  if (!exists) {
    return (
      <span className="text-slate-600">
        {text} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">not in catalog</span>
      </span>
    );
  }
  return (
    <Link href={entityPath(name)} className="text-brand-700 underline">
      {text}
    </Link>
  );
}
