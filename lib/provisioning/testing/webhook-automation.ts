import http from "node:http";
import type { AddressInfo } from "node:net";
import { signBody } from "@/lib/crypto/hmac";
import { POST as callbackPost } from "@/app/api/v1/provisioning/callbacks/[jobId]/route";

export type Delivery = { body: string; signature: string | undefined };

export type Automation = {
  /** Where the webhook backend POSTs its jobs (RUNWAY_WEBHOOK_PROVISIONER_URL). */
  url: string;
  /** Every job delivered to it, oldest first. */
  received: Delivery[];
  close(): Promise<void>;
};

/** The external automation's receiving end: a real HTTP server on a free port that accepts (202) and records each job. */
export async function startAutomation(): Promise<Automation> {
  const received: Delivery[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: req.headers["x-runway-signature"] as string | undefined });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jobs`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The automation's answer, signed with `secret`, through the callback route's handler. */
export function callBack(jobId: number, body: unknown, secret: string): Promise<Response> {
  const raw = JSON.stringify(body);
  const request = new Request(`http://localhost/api/v1/provisioning/callbacks/${jobId}`, { method: "POST", body: raw, headers: { "x-runway-signature": signBody(secret, raw) } });
  return callbackPost(request, { params: Promise.resolve({ jobId: String(jobId) }) });
}
