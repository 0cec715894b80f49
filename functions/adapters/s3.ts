import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { ENV, requireEnv } from '../config.ts';

/**
 * One S3 client per container. Locally the endpoint is the S3 emulator
 * (`AWS_ENDPOINT_URL_S3`), which needs path-style addressing and checksums only when required.
 */
const local = Boolean(process.env.AWS_ENDPOINT_URL_S3);
export const s3 = new S3Client({
  forcePathStyle: local,
  ...(local ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
});

export async function probeDocumentsBucket(): Promise<void> {
  await s3.send(new HeadBucketCommand({ Bucket: requireEnv(ENV.documentsBucket) }));
}
