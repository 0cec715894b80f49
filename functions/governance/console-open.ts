import { ValidationError } from '../errors.ts';
import type { Role } from '../identity/roles.ts';
import { zonedToUtc } from '../meetings/zoned-time.ts';
import { parseInput } from '../validation/input.ts';
import { type Kind, kindOf } from './kinds.ts';

/**
 * The console's forms to open a request of each kind a signed-in person may open (the hub
 * request has its public form): the fields as a person fills them in, and how the posted
 * strings become the body the engine takes (`openRequest`), so that the engine's checks and
 * messages are the same as the API's. Times are entered in Geneva time, named beside the field.
 */
export const OPEN_ZONE = 'Europe/Zurich';

export interface OpenField {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'email' | 'datetime-local' | 'number';
  hint?: string;
  textarea?: boolean;
  options?: { value: string; label: string }[];
  optional?: boolean;
}

const DOCUMENT_LINES = 'One link (https://…) a line; at most 10.';

export const OPEN_FORMS: Partial<Record<Kind, readonly OpenField[]>> = {
  'e-decision': [
    { name: 'title', label: 'Title of the motion' },
    { name: 'motion', label: 'The motion', textarea: true },
    { name: 'documents', label: 'Documents', textarea: true, hint: DOCUMENT_LINES, optional: true },
    { name: 'closesAt', label: 'Voting closes (Geneva time)', type: 'datetime-local' },
    { name: 'quorum', label: 'Quorum (% of all partners)', type: 'number', hint: 'Empty: 50.', optional: true },
    {
      name: 'majority',
      label: 'Majority (% of the votes for and against)',
      type: 'number',
      hint: 'Empty: 50.',
      optional: true,
    },
  ],
  'logo-consent': [
    { name: 'organisation', label: 'Organisation' },
    { name: 'purpose', label: 'Purpose', textarea: true },
    { name: 'medium', label: 'Medium (print, web, video…)' },
    { name: 'from', label: 'From', type: 'date' },
    { name: 'until', label: 'Until', type: 'date' },
  ],
  notice: [
    {
      name: 'type',
      label: 'Notice of',
      options: [
        { value: 'representation', label: 'Representing U4SSC at another event (ToR §37)' },
        { value: 'joint-work', label: 'Joint or duplicate work (ToR §38)' },
      ],
    },
    { name: 'subject', label: 'Subject' },
    { name: 'details', label: 'Details', textarea: true },
    { name: 'eventDate', label: 'Date of the event', type: 'date', optional: true },
  ],
  'partner-joins': [
    { name: 'partnerId', label: 'Identifier (e.g. unep)', hint: 'Lower-case letters, digits and hyphens.' },
    { name: 'acronym', label: 'Acronym' },
    { name: 'name', label: 'Name in English' },
    { name: 'nameRu', label: 'Name in Russian', optional: true },
    { name: 'focalPointName', label: "Focal point's name" },
    { name: 'focalPointEmail', label: "Focal point's email", type: 'email' },
    { name: 'declaration', label: 'Declaration of intent', textarea: true },
  ],
  'expert-nomination': [
    { name: 'callId', label: 'Call for nominations', hint: 'Its identifier, when answering a call.', optional: true },
    { name: 'groupId', label: 'Thematic group', hint: 'Without a call: the group…', optional: true },
    { name: 'deliverable', label: 'Deliverable', hint: '…and the deliverable.', optional: true },
    { name: 'nomineeName', label: "Nominee's name" },
    { name: 'nomineeEmail', label: "Nominee's email", type: 'email' },
    { name: 'expertise', label: 'Expertise', textarea: true },
  ],
  'work-plan': [
    { name: 'year', label: 'Year', type: 'number' },
    { name: 'draft', label: 'The draft', textarea: true, hint: 'Compiled from the year’s inputs; edit it freely.' },
    { name: 'meetingId', label: 'Annual meeting (its identifier)', optional: true },
  ],
};

/** The kinds a person of these roles may open from the console (the engine decides in the end). */
export function openableKinds(roles: readonly Role[]): Kind[] {
  return (Object.keys(OPEN_FORMS) as Kind[]).filter((kind) =>
    [...kindOf(kind).openers, ...(kindOf(kind).callOpeners ?? [])].some(
      (actor) => 'role' in actor && roles.includes(actor.role),
    ),
  );
}

const percent = (text: string) => (text === '' ? undefined : Number(text.replace(',', '.')) / 100);

/**
 * The engine's body from a posted form: empty optional fields left out, numbers as numbers, one
 * document link a line, the closing time from Geneva time to UTC. Refusals of the form itself
 * (a time that is not one) are named per field, as the engine names its own.
 */
export function openBodyOf(
  kind: Kind,
  values: Readonly<Record<string, string>>,
): { body: Record<string, unknown> } | { errors: Record<string, string> } {
  const spec = OPEN_FORMS[kind] ?? [];
  const fields: Record<string, unknown> = {};
  const body: Record<string, unknown> = { kind, fields };
  const errors: Record<string, string> = {};
  const rule: Record<string, number> = {};
  for (const field of spec) {
    const value = (values[field.name] ?? '').trim();
    if (value === '' && field.optional) continue;
    if (field.name === 'closesAt') {
      const utc = zonedToUtc(value, OPEN_ZONE);
      if (utc) body.closesAt = utc;
      else errors.closesAt = 'Give a date and a time.';
    } else if (field.name === 'quorum' || field.name === 'majority') {
      const share = percent(value);
      const least = field.name === 'quorum' ? 0 : 0.5;
      if (share === undefined || Number.isNaN(share) || share < least || share > 1)
        errors[field.name] = `Give a percentage from ${least * 100} to 100, e.g. 50.`;
      else rule[field.name] = share;
    } else if (field.name === 'documents') {
      fields.documents = value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    } else if (field.type === 'number') {
      fields[field.name] = value === '' ? undefined : Number(value);
    } else {
      fields[field.name] = value === '' ? undefined : value;
    }
  }
  if (Object.keys(rule).length) body.rule = rule;
  // The kind's own checks too, so that every field's error shows at once, not one group at a time.
  try {
    parseInput(kindOf(kind).fields, fields);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const [path, message] of Object.entries((error.extensions.errors ?? {}) as Record<string, string>))
      errors[formFieldOf(path)] ??= message;
  }
  return Object.keys(errors).length ? { errors } : { body };
}

/** An engine error's field path ("fields.title", "rule.quorum", "documents.2") as the form's field name. */
export const formFieldOf = (path: string) =>
  path
    .replace(/^fields\./, '')
    .replace(/^rule\./, '')
    .replace(/\.\d+$/, '');
