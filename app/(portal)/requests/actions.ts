"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action } from "@/lib/actions/action";
import { revealCredentials } from "@/lib/provisioning/credentials";
import { approveRequest, cancelRequest, decommissionRequest, rejectRequest, retryRequest } from "@/lib/requests/decisions";
import { decideChange, extendEnvironment, requestChange } from "@/lib/requests/changes";
import {
  changeDecisionSchema,
  changeRejectionSchema,
  changeRequestSchema,
  decisionSchema,
  extendSchema,
  rejectionSchema,
  requestIdSchema,
  submitRequestSchema,
} from "@/lib/requests/schemas";
import { formDataToObject } from "@/lib/validation";
import { submitRequest } from "@/lib/requests/submit";

export const submitRequestAction = action("requests.submit", submitRequestSchema, "requests:submit", async (actor, input) => {
  const { request } = await submitRequest(actor, input);
  revalidatePath("/requests");
  redirect(`/requests/${request.id}`);
});

export const approveRequestAction = action("requests.approve", decisionSchema, "requests:approve", async (actor, input) => {
  const r = await approveRequest(actor, input.id, input.reason);
  revalidatePath(`/requests/${r.id}`);
  revalidatePath("/approvals");
  return { status: r.status };
});

export const rejectRequestAction = action("requests.reject", rejectionSchema, "requests:approve", async (actor, input) => {
  const r = await rejectRequest(actor, input.id, input.reason);
  revalidatePath(`/requests/${r.id}`);
  revalidatePath("/approvals");
  return { status: r.status };
});

export const cancelRequestAction = action("requests.cancel", requestIdSchema, "requests:cancel", async (actor, input) => {
  const r = await cancelRequest(actor, input.id);
  revalidatePath(`/requests/${r.id}`);
  return { status: r.status };
});

export const decommissionRequestAction = action("requests.decommission", requestIdSchema, "requests:cancel", async (actor, input) => {
  const r = await decommissionRequest(actor, input.id);
  revalidatePath(`/requests/${r.id}`);
  return { status: r.status };
});

export const retryRequestAction = action("requests.retry", requestIdSchema, "requests:retry", async (actor, input) => {
  const r = await retryRequest(actor, input.id);
  revalidatePath(`/requests/${r.id}`);
  return { status: r.status };
});

export const revealCredentialsAction = action("requests.credentials", requestIdSchema, "requests:read", async (actor, input) => revealCredentials(actor, input.id));

export const requestChangeAction = action(
  "requests.change",
  changeRequestSchema,
  "requests:cancel",
  async (actor, input) => {
    const r = await requestChange(actor, input.id, input.parameters);
    revalidatePath(`/requests/${input.id}`);
    return r;
  },
  // The form's fields are `parameters.<field>`; empty ones mean "keep as is".
  (input) => {
    if (!(input instanceof FormData)) return input;
    const o = formDataToObject(input) as { id?: unknown; parameters?: Record<string, unknown> };
    return { id: o.id, parameters: o.parameters ?? {} };
  },
);

export const approveChangeAction = action("changes.approve", changeDecisionSchema, "requests:approve", async (actor, input) => {
  const r = await decideChange(actor, input.changeId, "approved", input.reason);
  revalidatePath(`/requests/${r.requestId}`);
  revalidatePath("/approvals");
  return r;
});

export const rejectChangeAction = action("changes.reject", changeRejectionSchema, "requests:approve", async (actor, input) => {
  const r = await decideChange(actor, input.changeId, "rejected", input.reason);
  revalidatePath(`/requests/${r.requestId}`);
  revalidatePath("/approvals");
  return r;
});

export const extendAction = action("requests.extend", extendSchema, "requests:cancel", async (actor, input) => {
  const r = await extendEnvironment(actor, input.id, input.hours);
  revalidatePath(`/requests/${input.id}`);
  return r;
});
