import { ENV, requireEnv } from '../../config.ts';

/**
 * What every capability's wiring shares: the clock and lazy, once-per-container construction.
 * No adapter is imported here, so importing this module adds nothing to a bundle.
 *
 * The domain's dependencies are built from the adapters in one module per capability
 * (wiring/<capability>.ts); a handler imports the wiring of its own capability only, so its
 * function's bundle carries only the adapters (and SDK clients) that capability uses. Only
 * documents.ts, circulars.ts and delivery.ts reach the PDF renderer (pdfkit, fontkit, fonts):
 * no other function imports them (test/infra/bundles.test.ts checks it).
 */
export const now = () => new Date();

/** Builds the value on first call, then returns the same one (one per Lambda container). */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

/** PUBLIC_BASE_URL without trailing slashes. */
export const publicBaseUrl = () => requireEnv(ENV.publicBaseUrl).replace(/\/+$/, '');
