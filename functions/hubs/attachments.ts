import { createHash, randomUUID } from 'node:crypto';
import * as z from 'zod';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors.ts';
import type { Identity } from '../http/claims.ts';
import { parseInput } from '../validation/input.ts';
import { accessHub } from './access.ts';
import type { HubsDeps } from './operations.ts';
import type { DocumentStore } from './ports.ts';
import type { Attachment } from './records.ts';
import { FROZEN } from './report.ts';

/**
 * Files attached to a hub's activity (programmes, photos, minutes): stored in S3 with their
 * SHA-256, listed on the activity, downloaded by the hub and the secretariat. A file's type is
 * checked against its first bytes, its size against a limit that keeps the JSON request under
 * the API's body limit.
 */
export const MAX_ATTACHMENT_BYTES = 180 * 1024;
export const MAX_ATTACHMENTS_PER_ACTIVITY = 10;

const ZIP = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
const TEXT = (b: Buffer) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b);

/** The types a hub may attach, each with what its first bytes must be. */
export const ATTACHMENT_TYPES: Readonly<Record<string, { name: string; matches: (body: Buffer) => boolean }>> = {
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
};

export const attachmentInput = z.strictObject({
  activityId: z.string().uuid(),
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((name) => !/[/\\"]/.test(name) && [...name].every((c) => c >= ' ' && c !== '\u007f'), {
      error: 'Give a file name without slashes, quotes or control characters.',
    }),
  contentType: z.enum(Object.keys(ATTACHMENT_TYPES) as [string, ...string[]], {
    error: `Attach one of: ${Object.keys(ATTACHMENT_TYPES).join(', ')}.`,
  }),
  /** The file, base64-encoded. */
  content: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'Give the file base64-encoded.' }),
});

export const attachmentKey = (hubId: string, year: number, activityId: string, attachmentId: string) =>
  `hub-attachments/${hubId}/${year}/${activityId}/${attachmentId}`;

export interface AttachmentsDeps extends HubsDeps {
  documents: DocumentStore;
}

/** Attaches a file to an activity of the year; the year's records must be open. */
export async function addAttachment(
  deps: AttachmentsDeps,
  identity: Identity | undefined,
  hubId: string,
  year: number,
  input: unknown,
): Promise<Attachment> {
  const { activityId, fileName, contentType, content } = parseInput(attachmentInput, input);
  accessHub(identity, await deps.store.getHub(hubId), hubId);
  const report = (await deps.store.listReports(hubId, year)).at(-1);
  if (report && FROZEN.includes(report.status))
    throw new ConflictError(`The ${year} report is ${report.status}: its records cannot change now.`, {
      code: 'records-frozen',
      status: report.status,
    });
  const activity = (await deps.store.listActivities(hubId, year)).find((a) => a.activityId === activityId);
  if (!activity) throw new NotFoundError(`There is no activity ${activityId} in ${year}.`);
  if ((activity.attachments ?? []).length >= MAX_ATTACHMENTS_PER_ACTIVITY)
    throw new ConflictError(`The activity has ${MAX_ATTACHMENTS_PER_ACTIVITY} attachments already: no more fit.`, {
      code: 'attachments-full',
    });
  const body = Buffer.from(content, 'base64');
  if (body.length > MAX_ATTACHMENT_BYTES)
    throw new DomainError(
      413,
      'Content Too Large',
      `The file has ${body.length} bytes: at most ${MAX_ATTACHMENT_BYTES}.`,
      {
        errors: { content: `Attach at most ${MAX_ATTACHMENT_BYTES / 1024} KB.` },
      },
    );
  const type = ATTACHMENT_TYPES[contentType];
  if (body.length === 0 || !type?.matches(body))
    throw new ValidationError(`The file is not ${type?.name ?? contentType}.`, {
      content: `The file's bytes are not ${type?.name ?? contentType}: give its real type.`,
    });
  const attachmentId = randomUUID();
  const sha256 = createHash('sha256').update(body).digest('hex');
  await deps.documents.put(attachmentKey(hubId, year, activityId, attachmentId), body, contentType, sha256);
  const attachment: Attachment = {
    attachmentId,
    fileName,
    contentType,
    size: body.length,
    sha256,
    uploadedAt: deps.now().toISOString(),
    uploadedBy: identity?.email ?? '',
  };
  if (!(await deps.store.addAttachment(hubId, year, activityId, attachment)))
    throw new NotFoundError(`There is no activity ${activityId} in ${year}.`);
  return attachment;
}

/** An attached file, for the hub and the secretariat. */
export async function readAttachment(
  deps: Pick<AttachmentsDeps, 'store'> & { documents: Pick<DocumentStore, 'get'> },
  identity: Identity | undefined,
  hubId: string,
  year: number,
  attachmentId: string,
): Promise<{ attachment: Attachment; body: Buffer }> {
  accessHub(identity, await deps.store.getHub(hubId), hubId);
  for (const activity of await deps.store.listActivities(hubId, year)) {
    const attachment = activity.attachments?.find((a) => a.attachmentId === attachmentId);
    if (!attachment) continue;
    const body = await deps.documents.get(attachmentKey(hubId, year, activity.activityId, attachmentId));
    if (!body) break;
    return { attachment, body };
  }
  throw new NotFoundError(`There is no attachment ${attachmentId} in ${year}.`);
}
