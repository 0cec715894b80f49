import { createHash } from 'node:crypto';
import { DomainError, ValidationError } from '../errors.ts';
import * as z from '../validation/zod.ts';

/**
 * Files sent in JSON (base64), as hubs attach them to activities and governance requests carry
 * them: the declared type is checked against the file's first bytes, the size against a limit,
 * and the SHA-256 is computed to be stored with the file.
 */
const ZIP = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
const TEXT = (b: Buffer) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b);

export interface FileType {
  readonly name: string;
  readonly matches: (body: Buffer) => boolean;
}

/** Every type a file may be uploaded as, each with what its first bytes must be. */
export const FILE_TYPES = {
  'application/pdf': { name: 'a PDF', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/png': { name: 'a PNG image', matches: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')) },
  'image/jpeg': { name: 'a JPEG image', matches: (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) },
  'text/plain': { name: 'UTF-8 text', matches: TEXT },
  'text/csv': { name: 'UTF-8 text', matches: TEXT },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { name: 'a Word document', matches: ZIP },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { name: 'an Excel workbook', matches: ZIP },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    name: 'a PowerPoint presentation',
    matches: ZIP,
  },
} as const satisfies Record<string, FileType>;

export type FileContentType = keyof typeof FILE_TYPES;

/** A file name as people give it: no path, no quotes, no control characters. */
export const fileName = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(200),
  z.refine((name) => !/[/\\"]/.test(name) && [...name].every((c) => c >= ' ' && c !== '\u007f'), {
    error: 'Give a file name without slashes, quotes or control characters.',
  }),
);

/** The declared type, one of `types`. */
export const contentTypeOf = (types: readonly FileContentType[]) =>
  z.enum(types as [FileContentType, ...FileContentType[]], { error: `Attach one of: ${types.join(', ')}.` });

/** The file, base64-encoded. */
export const base64Content = z
  .string()
  .check(z.minLength(1), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'Give the file base64-encoded.' }));

/**
 * Decodes a file and checks it: larger than `maxBytes` → 413, bytes that are not the declared
 * type → 400; `field` names the body's field in the error.
 */
export function checkedFile(
  content: string,
  contentType: FileContentType,
  maxBytes: number,
  field = 'content',
): { body: Buffer; sha256: string } {
  const body = Buffer.from(content, 'base64');
  if (body.length > maxBytes)
    throw new DomainError(413, 'Content Too Large', `The file has ${body.length} bytes: at most ${maxBytes}.`, {
      errors: { [field]: `Attach at most ${Math.floor(maxBytes / 1024)} KB.` },
    });
  const type: FileType = FILE_TYPES[contentType];
  if (body.length === 0 || !type.matches(body))
    throw new ValidationError(`The file is not ${type.name}.`, {
      [field]: `The file's bytes are not ${type.name}: give its real type.`,
    });
  return { body, sha256: createHash('sha256').update(body).digest('hex') };
}

/** The headers and body of a file downloaded through the API (never rendered by the browser). */
export function fileDownload(file: { fileName: string; contentType: string; sha256: string }, body: Buffer) {
  return {
    statusCode: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      etag: `"${file.sha256}"`,
    },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}

/** A file stored in the documents bucket: what a record keeps of it (hub activities, governance requests). */
export interface StoredFile {
  attachmentId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}
