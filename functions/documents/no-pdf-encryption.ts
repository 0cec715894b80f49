/**
 * Stands in for `@noble/ciphers/aes` in the Lambda bundles (see `alias` in
 * infra/constructs/bundling.ts). pdfkit imports it to encrypt a PDF that has a password, and the
 * module builds its AES tables as it is imported: ~5 ms of every rendering cold start. The
 * platform's documents are published, never password-protected (functions/documents/pdf.ts sets
 * no password or permissions), so the cipher is never called; if it were, this says why it fails.
 */
const refuse = (): never => {
  throw new Error('PDF encryption is not available in the Lambda bundles: the documents carry no password.');
};

export const cbc = refuse;
export const ecb = refuse;
