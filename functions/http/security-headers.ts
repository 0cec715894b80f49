/**
 * The headers every response carries: those of the handlers (through the middy stack) and
 * those the local gateway answers itself (sign-in page, JWKS, 401, 413). HSTS is ignored by
 * browsers over plain HTTP (one machine) and binds them to HTTPS in AWS.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'permissions-policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** The security headers under a response's own (a response may loosen one on purpose, e.g. framing). */
export function withSecurityHeaders(headers: Record<string, string | number | boolean> | undefined) {
  const own = Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  return { ...SECURITY_HEADERS, ...own };
}
