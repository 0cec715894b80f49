import type { S3Client } from '@aws-sdk/client-s3';
import { traced } from './tracing.ts';

/**
 * One S3 client per container, made on first use, its SDK module loaded then too: a function
 * whose call never touches S3 does not load it at its cold start (~26 ms of import on the
 * 2-core machine), and a bundle that never touches S3 drops it. Locally the endpoint is the S3
 * emulator (`AWS_ENDPOINT_URL_S3`), which needs path-style addressing and checksums only when
 * required.
 */
let client: Promise<S3Client> | undefined;

export function s3(): Promise<S3Client> {
  const local = Boolean(process.env.AWS_ENDPOINT_URL_S3);
  client ??= s3Sdk().then(({ S3Client }) =>
    traced(
      new S3Client({
        forcePathStyle: local,
        ...(local ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
      }),
    ),
  );
  return client;
}

/** The S3 SDK module (its commands), loaded on first use with the client. */
export const s3Sdk = () => import('@aws-sdk/client-s3');
