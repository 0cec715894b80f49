import { S3Client } from '@aws-sdk/client-s3';
import { traced } from './tracing.ts';

/**
 * One S3 client per container, made on first use (so a bundle that never touches S3 drops
 * it). Locally the endpoint is the S3 emulator (`AWS_ENDPOINT_URL_S3`), which needs
 * path-style addressing and checksums only when required.
 */
let client: S3Client | undefined;

export function s3(): S3Client {
  const local = Boolean(process.env.AWS_ENDPOINT_URL_S3);
  client ??= traced(
    new S3Client({
      forcePathStyle: local,
      ...(local ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
    }),
  );
  return client;
}
