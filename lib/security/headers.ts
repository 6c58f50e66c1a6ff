// The security headers of Quiver's responses, in one place: the pages' Content-Security-Policy
// (with a fresh nonce per request, set by proxy.ts) and the other page headers, and the defaults
// of every API response (set by the route wrapper, lib/api/route.ts, where a route's own header
// wins). next.config.mjs adds the headers that are the same everywhere. docs/security.md says why.
import { randomBytes } from "node:crypto";

export interface PageHeaderOptions {
  /** This request's nonce: Next.js reads it from the request's CSP and puts it on its scripts. */
  nonce: string;
  /** `next dev`: React rebuilds server error stacks with eval in development only. */
  dev: boolean;
  /** The public URL (NEXTAUTH_URL) is https: HSTS and upgrade-insecure-requests. */
  https: boolean;
}

/** 128 random bits, base64: unguessable, and fresh for every page request. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The pages' policy, one directive per entry. */
export function contentSecurityPolicy({ nonce, dev, https }: PageHeaderOptions): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced Next.js runtime loads are trusted; 'self' and any host
    // list are ignored by browsers that understand it, so a same-origin file cannot be loaded as
    // a script by injected markup.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes (React's `style` prop, Recharts' SVG) cannot carry a nonce, and a nonce in
    // style-src would switch 'unsafe-inline' off: see docs/security.md.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Powerful features no Quiver page uses, denied to the page and anything it embeds. */
const permissionsPolicy = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
  "browsing-topics",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** Two years, the value the HSTS preload list asks for; subdomains are the operator's business. */
const strictTransportSecurity = "max-age=63072000";

/** The response headers of a page (besides those next.config.mjs adds to every response). */
export function pageSecurityHeaders(opts: PageHeaderOptions): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(opts),
    "x-frame-options": "DENY",
    "permissions-policy": permissionsPolicy,
    "cross-origin-opener-policy": "same-origin",
    ...(opts.https ? { "strict-transport-security": strictTransportSecurity } : {}),
  };
}

/**
 * Every API response: JSON is never a document, so it may load nothing and be framed by no one.
 * A route that sets one of these itself (a file download's sandbox CSP) keeps its own.
 */
export const apiSecurityHeaders: Readonly<Record<string, string>> = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};
