"use client";

import { useActionState } from "react";
import { revokeTokenAction } from "@/app/(portal)/settings/tokens/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [state, formAction, pending] = useActionState(revokeTokenAction, null);
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50">
          Revoke
        </button>
      }
      title={`Revoke “${name}”?`}
      description="Anything using this token gets 401 from now on. This cannot be undone."
      action={formAction}
      pending={pending}
      hiddenFields={{ id }}
      error={state && !state.ok ? state.error : undefined}
      succeeded={state?.ok}
      confirmLabel="Revoke token"
      tone="danger"
    />
  );
}
