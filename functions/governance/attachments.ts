import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { base64Content, checkedFile, contentTypeOf, type FileContentType, fileName } from '../files/uploads.ts';
import { parseInput } from '../validation/input.ts';
import * as z from '../validation/zod.ts';
import { kindOf } from './kinds.ts';
import type { AuditEvent, GovernanceDeps, GovernanceRequest, Person, RequestAttachment } from './request.ts';

/**
 * Files a governance request carries (a logo request's material, an e-decision's documents):
 * sent in JSON (base64) when the request is opened or afterwards by its requester or the
 * secretariat while the request is not decided; the type is checked against the first bytes,
 * the size against a limit; stored in the documents bucket with their SHA-256; each write is a
 * line of the audit trail; downloaded by whoever may read the request.
 */
export const MAX_REQUEST_FILE_BYTES = 1024 * 1024;
/** Files in one body (the JSON stays under Lambda's 6 MB payload). */
export const MAX_FILES_PER_BODY = 3;
export const MAX_FILES_PER_REQUEST = 10;

export const REQUEST_FILE_TYPES: readonly FileContentType[] = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/png',
  'image/jpeg',
];

export const requestFileInput = z.strictObject({
  fileName,
  contentType: contentTypeOf(REQUEST_FILE_TYPES),
  content: base64Content,
});

export const requestFiles = z.array(requestFileInput).check(z.minLength(1), z.maxLength(MAX_FILES_PER_BODY));

export const attachBody = z.strictObject({
  /** The version the request was read at: a request changed meanwhile is a 409. */
  version: z.number().check(z.int(), z.gte(1)),
  attachments: requestFiles,
});

/** The largest JSON body an upload route takes (base64 is 4/3 of the files, plus the other fields). */
export const MAX_ATTACH_BODY_BYTES = Math.ceil((MAX_REQUEST_FILE_BYTES * MAX_FILES_PER_BODY * 4) / 3) + 64 * 1024;

export const requestFileKey = (requestId: string, attachmentId: string) =>
  `governance/requests/${requestId}/${attachmentId}`;

type FileInput = z.infer<typeof requestFileInput>;

/** Checks every file first (nothing is stored when one is refused), then stores each in the bucket. */
export async function storeFiles(
  deps: Pick<GovernanceDeps, 'files' | 'now'>,
  requestId: string,
  inputs: readonly FileInput[],
  by: string,
): Promise<RequestAttachment[]> {
  if (!deps.files) throw new Error('This function has no documents bucket: files are taken by governance-documents.');
  const checked = inputs.map((input, i) => ({
    input,
    ...checkedFile(input.content, input.contentType, MAX_REQUEST_FILE_BYTES, `attachments.${i}.content`),
  }));
  const at = deps.now().toISOString();
  const stored: RequestAttachment[] = [];
  for (const { input, body, sha256 } of checked) {
    const attachmentId = randomUUID();
    await deps.files.put(requestFileKey(requestId, attachmentId), body, input.contentType, sha256);
    stored.push({
      attachmentId,
      fileName: input.fileName,
      contentType: input.contentType,
      size: body.length,
      sha256,
      uploadedAt: at,
      uploadedBy: by,
    });
  }
  return stored;
}

/** The audit line of files added: each file's name, size and SHA-256. */
export function attachEvent(
  request: GovernanceRequest,
  person: { email: string; role: string },
  files: readonly RequestAttachment[],
  eventId: string,
): AuditEvent {
  return {
    requestId: request.requestId,
    eventId,
    at: files[0]?.uploadedAt ?? request.updatedAt,
    actorEmail: person.email,
    actorRole: person.role,
    action: 'attach',
    from: request.state,
    to: request.state,
    comment: files.map((f) => `${f.fileName} (${f.size} bytes, sha256 ${f.sha256})`).join('; '),
  };
}

/** Whether files may still be added: not once the request is decided (or waits for its email to be confirmed). */
export function takesFiles(request: GovernanceRequest): boolean {
  const def = kindOf(request.kind);
  return !def.terminal.includes(request.state) && request.state !== 'unverified';
}

/**
 * Adds files to a request, by its requester or the secretariat, while it is not decided. The
 * request's version goes up (someone deciding on the version before gets a 409 and sees them).
 */
export async function attachFiles(
  deps: GovernanceDeps,
  person: Person,
  request: GovernanceRequest,
  input: unknown,
  seen: boolean,
): Promise<GovernanceRequest> {
  const body = parseInput(attachBody, input);
  if (!seen) throw new NotFoundError(`There is no request ${request.requestId}.`);
  const secretariat = person.roles.includes('secretariat');
  if (!secretariat && request.requesterEmail !== person.email) {
    throw new ForbiddenError('Only the requester and the secretariat add files to a request.');
  }
  if (!takesFiles(request)) {
    throw new ConflictError(`The request is ${request.state}: no file is added any more.`, { code: 'request-closed' });
  }
  if (body.version !== request.version) {
    throw new ConflictError(
      `The request was changed by someone else (you had version ${body.version}, it is at ${request.version}); reload it and add the files again.`,
      { expectedVersion: body.version },
    );
  }
  const had = request.attachments ?? [];
  if (had.length + body.attachments.length > MAX_FILES_PER_REQUEST) {
    throw new ConflictError(
      `The request has ${had.length} files: at most ${MAX_FILES_PER_REQUEST}, so ${MAX_FILES_PER_REQUEST - had.length} more fit.`,
      { code: 'attachments-full' },
    );
  }
  const files = await storeFiles(deps, request.requestId, body.attachments, person.email);
  const at = deps.now();
  const next: GovernanceRequest = {
    ...request,
    attachments: [...had, ...files],
    version: request.version + 1,
    updatedAt: at.toISOString(),
  };
  const role = secretariat ? 'secretariat' : (person.roles[0] ?? 'public');
  const event = attachEvent(next, { email: person.email, role }, files, `${at.toISOString()}#v${next.version}#attach`);
  if (!(await deps.requests.transition(next, request, event, []))) {
    throw new ConflictError('The request was changed by someone else meanwhile; reload it and add the files again.', {
      expectedVersion: body.version,
    });
  }
  return next;
}

/** A file of a request, for whoever may read the request. */
export async function readFile(
  deps: GovernanceDeps,
  request: GovernanceRequest,
  attachmentId: string,
): Promise<{ attachment: RequestAttachment; body: Buffer }> {
  const attachment = request.attachments?.find((a) => a.attachmentId === attachmentId);
  const body = attachment && (await deps.files?.get(requestFileKey(request.requestId, attachmentId)));
  if (!attachment || !body) throw new NotFoundError(`The request has no file ${attachmentId}.`);
  return { attachment, body };
}
