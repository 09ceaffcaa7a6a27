/**
 * Server time of the signed-in home page, and the JavaScript a browser must
 * download to show it.
 *   npx tsx bench/home-page.ts
 * BENCH_URL: measure a portal that already runs in demo mode (else one is
 * started on BENCH_PORT, 3300, with a throwaway data dir); BENCH_REQUESTS (200);
 * BENCH_EMAIL (developer@example.com).
 */
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { ensureBuild } from "../scripts/ensure-build";
import { median, percentile, repoRoot, startPortal, tempDataDir, verdict, type Portal } from "./portal";
import { type Jar, signIn } from "./session";

const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const email = process.env.BENCH_EMAIL ?? "developer@example.com";
const WARM_UP = 5;
const MEDIAN_TARGET_MS = 50;
const FIRST_LOAD_TARGET_KB = 150;

async function getHome(base: string, jar: Jar): Promise<{ ms: number; html: string }> {
  const started = performance.now();
  const res = await fetch(`${base}/`, { headers: { cookie: jar.header() }, redirect: "manual" });
  const html = await res.text();
  const ms = performance.now() - started;
  // A redirect to /signin would be fast and measure nothing.
  if (res.status !== 200 || !html.includes("Welcome,")) throw new Error(`GET / answered ${res.status} without the welcome heading`);
  return { ms, html };
}

/**
 * What `next build` used to print as "First Load JS": every script the page's
 * HTML loads, gzipped. `noModule` polyfills are left out: modern browsers skip them.
 */
async function firstLoadJs(base: string, html: string) {
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\snomodule\b/i.test(tag));
  const srcs = [...new Set(tags.flatMap((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1].replace(/&amp;/g, "&") ?? []))];
  const chunks = await Promise.all(
    srcs.map(async (src) => {
      const res = await fetch(new URL(src, base));
      if (!res.ok) throw new Error(`${src} answered ${res.status}`);
      return { src, gzipped: gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length };
    }),
  );
  return { chunks, totalKb: chunks.reduce((sum, c) => sum + c.gzipped, 0) / 1024 };
}

let portal: Portal | null = null;
let dataDir: string | null = null;
let base = process.env.BENCH_URL?.replace(/\/$/, "");
try {
  if (!base) {
    process.chdir(repoRoot);
    ensureBuild();
    dataDir = tempDataDir();
    portal = await startPortal({ port: Number(process.env.BENCH_PORT ?? 3300), dataDir });
    base = portal.url;
  }
  const jar = await signIn(base, email);
  let html = "";
  for (let i = 0; i < WARM_UP; i++) html = (await getHome(base, jar)).html;
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push((await getHome(base, jar)).ms);
  const m = median(times);
  const p90 = percentile(times, 90);
  console.log(
    `GET / signed in as ${email}: median ${m.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms over ${requests} sequential requests ` +
      `after ${WARM_UP} warm-up (target median < ${MEDIAN_TARGET_MS} ms, ${verdict(m, MEDIAN_TARGET_MS)})`,
  );

  const js = await firstLoadJs(base, html);
  console.log(
    `first-load JS of /: ${js.totalKb.toFixed(1)} KB gzipped in ${js.chunks.length} scripts ` +
      `(target < ${FIRST_LOAD_TARGET_KB} KB, ${verdict(js.totalKb, FIRST_LOAD_TARGET_KB)})`,
  );
  for (const c of [...js.chunks].sort((a, b) => b.gzipped - a.gzipped)) {
    console.log(`  ${(c.gzipped / 1024).toFixed(1).padStart(6)} KB  ${c.src}`);
  }
  process.exitCode = m < MEDIAN_TARGET_MS && js.totalKb < FIRST_LOAD_TARGET_KB ? 0 : 1;
} finally {
  await portal?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
