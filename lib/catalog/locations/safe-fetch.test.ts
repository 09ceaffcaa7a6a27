import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrivateAddress } from "./address-policy";
import { rawUrl, safeFetchText, type FetchPolicy } from "./safe-fetch";

let server: http.Server;
let base: string;
let host: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    if (url.pathname === "/catalog-info.yaml") return void res.end("kind: Component\n");
    if (url.pathname === "/hop") {
      const n = Number(url.searchParams.get("n"));
      res.writeHead(302, { location: n > 0 ? `/hop?n=${n - 1}` : "/catalog-info.yaml" });
      return void res.end();
    }
    if (url.pathname === "/to-metadata") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return void res.end();
    }
    if (url.pathname === "/big") return void res.end("x".repeat(2 * 1024 * 1024));
    if (url.pathname === "/slow") return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  base = `http://${host}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const policy = (over: Partial<FetchPolicy> = {}): FetchPolicy => ({ maxBytes: 1024 * 1024, timeoutMs: 5000, maxRedirects: 3, allowedHosts: [host], ...over });

describe("reading catalog files over HTTP", () => {
  it("refuses loopback, private and metadata addresses unless allow-listed", async () => {
    await expect(safeFetchText(`${base}/catalog-info.yaml`, policy({ allowedHosts: [] }))).rejects.toThrow(/127\.0\.0\.1.*private or loopback.*RUNWAY_CATALOG_ALLOWED_HOSTS/);
    await expect(safeFetchText(`http://localhost:${new URL(base).port}/catalog-info.yaml`, policy({ allowedHosts: [] }))).rejects.toThrow(/private or loopback/);
    await expect(safeFetchText("http://[::1]/x", policy({ allowedHosts: [] }))).rejects.toThrow(/private or loopback/);
    await expect(safeFetchText("http://169.254.169.254/latest/meta-data/", policy({ allowedHosts: [] }))).rejects.toThrow(/private or loopback/);
    await expect(safeFetchText("http://[::ffff:10.0.0.1]/x", policy({ allowedHosts: [] }))).rejects.toThrow(/private or loopback/);
    await expect(safeFetchText(`${base}/catalog-info.yaml`, policy())).resolves.toMatchObject({ text: "kind: Component\n" });
  });

  it("checks every redirect, and follows at most three", async () => {
    await expect(safeFetchText(`${base}/hop?n=2`, policy())).resolves.toMatchObject({ url: `${base}/catalog-info.yaml` });
    await expect(safeFetchText(`${base}/hop?n=3`, policy())).rejects.toThrow(/redirects more than 3 times/);
    await expect(safeFetchText(`${base}/to-metadata`, policy())).rejects.toThrow(/169\.254\.169\.254.*private or loopback/);
  });

  it("refuses files over the size limit, slow servers and other schemes", async () => {
    await expect(safeFetchText(`${base}/big`, policy())).rejects.toThrow(/the limit is 1 MiB per file/);
    await expect(safeFetchText(`${base}/slow`, policy({ timeoutMs: 300 }))).rejects.toThrow(/did not answer within 0.3 s/);
    await expect(safeFetchText("file:///etc/passwd", policy())).rejects.toThrow(/only http and https/);
    await expect(safeFetchText(`${base}/missing`, policy())).rejects.toThrow(/HTTP 404/);
  });

  it("classifies addresses", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "::1", "fd00::1", "fe80::1", "0.0.0.0"]) expect(isPrivateAddress(a)).toBe(true);
    for (const a of ["93.184.216.34", "2606:4700:4700::1111", "8.8.8.8"]) expect(isPrivateAddress(a)).toBe(false);
  });

  it("reads GitHub file pages as their raw file", () => {
    expect(rawUrl(new URL("https://github.com/backstage/backstage/blob/master/catalog-info.yaml")).toString()).toBe(
      "https://raw.githubusercontent.com/backstage/backstage/master/catalog-info.yaml",
    );
  });
});
