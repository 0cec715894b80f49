import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DocumentStore } from '../circulars/operations.ts';
import { ENV, requireEnv } from '../config.ts';

/**
 * One S3 client per container, made on first use (so a bundle that never touches S3 drops
 * it). Locally the endpoint is the S3 emulator (`AWS_ENDPOINT_URL_S3`), which needs
 * path-style addressing and checksums only when required.
 */
let client: S3Client | undefined;

export function s3(): S3Client {
  const local = Boolean(process.env.AWS_ENDPOINT_URL_S3);
  client ??= new S3Client({
    forcePathStyle: local,
    ...(local ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  });
  return client;
}

export async function probeDocumentsBucket(): Promise<void> {
  await s3().send(new HeadBucketCommand({ Bucket: requireEnv(ENV.documentsBucket) }));
}

/** Documents in the documents bucket, each with its SHA-256 recorded as metadata. */
export function s3DocumentStore(): DocumentStore {
  const bucket = () => requireEnv(ENV.documentsBucket);
  return {
    async put(key, body, contentType, sha256) {
      await s3().send(
        new PutObjectCommand({
          Bucket: bucket(),
          Key: key,
          Body: body,
          ContentType: contentType,
          Metadata: { sha256 },
        }),
      );
    },
    async get(key) {
      try {
        const object = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : undefined;
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  };
}
