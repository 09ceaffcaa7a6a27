import { AwaitingCallback } from "@/lib/provisioning/backends/types";
import { metrics } from "./metrics";

/**
 * Runs one backend call of a job and records its duration and outcome; the
 * call's result or error passes through. "failed" counts attempts: a retry may
 * still succeed, which is why the failure-ratio alert looks at a rate.
 */
export async function timeProvisioning<T>(backend: string, action: string, call: () => Promise<T>): Promise<T> {
  const end = metrics().provisioningDuration.startTimer({ backend, action });
  try {
    const result = await call();
    end({ outcome: "succeeded" });
    return result;
  } catch (error) {
    end({ outcome: error instanceof AwaitingCallback ? "waiting" : "failed" });
    throw error;
  }
}
