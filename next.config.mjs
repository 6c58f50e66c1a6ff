// Next.js configuration. Database drivers, Prisma's runtime and undici (the guarded outbound fetch,
// lib/net/outbound.ts) stay outside the server bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pg",
    "bcrypt",
    "undici",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // Headers that are the same on every response. Next.js sends these even when a route handler
  // sets the same header itself (its value is dropped), so nothing a route may need to vary goes
  // here: the pages' CSP and framing headers come from proxy.ts, the API's CSP from the route
  // wrapper, both from lib/security/headers.ts. next-auth's own routes (its sign-out page) get a
  // policy here since they bypass both.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      {
        source: "/api/auth/:path*",
        headers: [
          {
            key: "Content-Security-Policy",
            value:
              "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
          },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
