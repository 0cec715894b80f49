import { createHash, randomBytes } from 'node:crypto';
import { compareCodePoints } from '../calendar/compare.ts';
import { isTimeZone } from '../calendar/wall-clock.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { Role } from '../identity/roles.ts';
import type { NewOutboxMessage } from '../mail/outbox.ts';
import { zonedToUtc } from '../meetings/zoned-time.ts';
import type { Partner } from '../partners/index.ts';
import { parseInput } from '../validation/input.ts';
import * as z from '../validation/zod.ts';
import { resolvePerson } from './bindings.ts';
import { type IpLeadMeeting, OFFICE_ROLES, type Office } from './records.ts';
import type { GovernanceDirectory, NominationCall, Person } from './request.ts';

/**
 * The structure the governance processes live in: thematic groups and their deliverables with a
 * timeline (ToR §19–21), the participants' choice of deliverables (§22a, the secretariat and the
 * group's leaders are told), the minutes of every e-meeting (§20e), offices with their terms and
 * appointment history (§15, §28, Annex I §3) and the IP lead's quarterly e-meetings (Annex I §5).
 */
export interface ThematicGroup {
  groupId: string;
  name: string;
  description?: string | undefined;
  createdAt: string;
  /** Counts the edits (absent: never edited); an edit names the version it saw. */
  version?: number | undefined;
  updatedAt?: string | undefined;
}

export interface Deliverable {
  deliverableId: string;
  groupId: string;
  title: string;
  description?: string | undefined;
  /** The timeline: from, due (dates, YYYY-MM-DD). */
  startsOn: string;
  dueOn: string;
  createdAt: string;
  /** Counts the edits (absent: never edited); an edit names the version it saw. */
  version?: number | undefined;
  updatedAt?: string | undefined;
}

/** A partner's names: English (`name`) and, where an official form is known, the other UN languages. */
export type PartnerNames = Pick<Partner, 'name' | 'nameAr' | 'nameZh' | 'nameFr' | 'nameRu' | 'nameEs'>;

/** The outcome of an edit that names the version it saw. */
export type EditOutcome = 'updated' | 'stale' | 'missing';

export interface Contribution {
  deliverableId: string;
  email: string;
  name: string;
  groupId: string;
  at: string;
}

export interface Minutes {
  deliverableId: string;
  minutesId: string;
  meetingOn: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Where the file is in the documents bucket. */
  key: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface StructureStore {
  listGroups(): Promise<ThematicGroup[]>;
  listDeliverables(): Promise<Deliverable[]>;
  getDeliverable(deliverableId: string): Promise<Deliverable | undefined>;
  listContributions(): Promise<Contribution[]>;
  listMinutes(): Promise<Minutes[]>;
  /** false when the id is taken. */
  createGroup(group: ThematicGroup): Promise<boolean>;
  /** false when the id is taken. */
  createDeliverable(deliverable: Deliverable): Promise<boolean>;
  /** Changes the group's name and description if it is still at `version` (no description: removed). */
  updateGroup(
    groupId: string,
    version: number,
    changes: { name: string; description?: string | undefined },
    at: string,
  ): Promise<EditOutcome>;
  /** Sets a partner's names in the six languages (an empty one removed) if it is still at `version`. */
  updatePartnerNames(partnerId: string, version: number, names: PartnerNames, at: string): Promise<EditOutcome>;
  /** Changes the deliverable's title, description and timeline if it is still at `version`. */
  updateDeliverable(
    deliverableId: string,
    version: number,
    changes: { title: string; description?: string | undefined; startsOn: string; dueOn: string },
    at: string,
  ): Promise<EditOutcome>;
  /** The contribution and its emails in one transaction; false when the person contributes already. */
  contribute(contribution: Contribution, messages: NewOutboxMessage[]): Promise<boolean>;
  addMinutes(minutes: Minutes): Promise<void>;
  /** false when the id is taken. */
  createOffice(office: Office): Promise<boolean>;
  recordIpLeadMeeting(meeting: IpLeadMeeting): Promise<void>;
  listIpLeadMeetings(): Promise<IpLeadMeeting[]>;
  /** false when the id is taken. */
  createCall(call: NominationCall): Promise<boolean>;
  listCalls(): Promise<NominationCall[]>;
  /** Replaces the author's input of that year. */
  putWorkPlanInput(input: WorkPlanInput): Promise<void>;
  listWorkPlanInputs(): Promise<WorkPlanInput[]>;
}

/** An input to a year's work plan from a partner, a thematic group's leader or the IP lead (ToR §10a). */
export interface WorkPlanInput {
  year: number;
  inputId: string;
  /** `partner:<id>`, `group:<id>` or `ip-lead`. */
  from: string;
  authorEmail: string;
  text: string;
  at: string;
}

export interface StructureDeps {
  structure: StructureStore;
  directory: GovernanceDirectory;
  dispatch: (messageIds: string[]) => Promise<void>;
  now: () => Date;
  secretariatEmail: string;
  publicBaseUrl: string;
}

/** Minutes go to the documents bucket. */
export interface MinutesDeps extends StructureDeps {
  files: {
    put(key: string, body: Buffer, contentType: string, sha256: string): Promise<void>;
    get(key: string): Promise<Buffer | undefined>;
  };
}

type Caller = { email: string; roles: readonly Role[] } | undefined;

const slug = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Use 2 to 63 lower-case letters, digits and hyphens.'));
const day = z.iso.date('Use a date, YYYY-MM-DD.');
const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'Required.'), z.maxLength(max));

const groupAction = z.strictObject({
  action: z.literal('group'),
  groupId: slug,
  name: text(200),
  description: z.optional(text(4000)),
});
const deliverableAction = z
  .strictObject({
    action: z.literal('deliverable'),
    deliverableId: slug,
    groupId: slug,
    title: text(300),
    description: z.optional(text(4000)),
    startsOn: day,
    dueOn: day,
  })
  .check(z.refine((d) => d.dueOn >= d.startsOn, { path: ['dueOn'], message: 'The due date is before the start.' }));
const version = z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000));
const editGroupAction = z.strictObject({
  action: z.literal('edit-group'),
  groupId: slug,
  version,
  name: text(200),
  description: z.optional(text(4000)),
});
const editDeliverableAction = z
  .strictObject({
    action: z.literal('edit-deliverable'),
    deliverableId: slug,
    version,
    title: text(300),
    description: z.optional(text(4000)),
    startsOn: day,
    dueOn: day,
  })
  .check(z.refine((d) => d.dueOn >= d.startsOn, { path: ['dueOn'], message: 'The due date is before the start.' }));
const partnerName = z.optional(text(400));
const partnerNamesAction = z.strictObject({
  action: z.literal('partner-names'),
  partnerId: slug,
  version: z.number().check(z.int(), z.gte(1), z.lte(1_000_000_000)),
  name: text(400),
  nameAr: partnerName,
  nameZh: partnerName,
  nameFr: partnerName,
  nameRu: partnerName,
  nameEs: partnerName,
});
const contributeAction = z.strictObject({
  action: z.literal('contribute'),
  deliverableId: slug,
  name: z.optional(text(200)),
});
const officeAction = z
  .strictObject({
    action: z.literal('office'),
    officeId: z.optional(slug),
    role: z.enum(OFFICE_ROLES),
    title: text(200),
    holderName: text(200),
    holderEmail: z.email('Use an email address.').check(z.maxLength(254)),
    termStart: day,
    termEnd: day,
    groupId: z.optional(slug),
  })
  .check(
    z.refine((o) => o.termEnd > o.termStart, { path: ['termEnd'], message: 'The term ends before it starts.' }),
    z.refine((o) => (o.role === 'leader') === !!o.groupId, {
      path: ['groupId'],
      message: "A leader's office names its thematic group; other offices name none.",
    }),
  );
const ipLeadMeetingAction = z
  .strictObject({
    action: z.literal('ip-lead-meeting'),
    quarter: z.string().check(z.regex(/^\d{4}-Q[1-4]$/, 'Use a quarter, e.g. 2026-Q4.')),
    heldOn: day,
  })
  .check(
    z.refine((m) => m.heldOn.slice(0, 4) === m.quarter.slice(0, 4), {
      path: ['heldOn'],
      message: 'The meeting is not in that quarter.',
    }),
    z.refine((m) => Math.floor((Number(m.heldOn.slice(5, 7)) - 1) / 3) + 1 === Number(m.quarter.slice(-1)), {
      path: ['heldOn'],
      message: 'The meeting is not in that quarter.',
    }),
  );

const callAction = z.strictObject({
  action: z.literal('call'),
  callId: z.optional(slug),
  deliverableId: slug,
  description: z.optional(text(4000)),
  closesAt: z.iso.datetime({ offset: true, message: 'Use a date and time, e.g. 2026-12-15T17:00:00Z.' }),
});

const workPlanInputAction = z.strictObject({
  action: z.literal('work-plan-input'),
  year: z.number().check(z.int(), z.gte(2020), z.lte(2100)),
  /** For whom: `partner:<id>`, `group:<id>` or `ip-lead`; by default the one record the author is bound to. */
  from: z.optional(
    z
      .string()
      .check(
        z.regex(/^(partner:[a-z0-9-]{2,63}|group:[a-z0-9-]{2,63}|ip-lead)$/, 'partner:<id>, group:<id> or ip-lead.'),
      ),
  ),
  text: text(20_000),
});

const ACTIONS = {
  group: groupAction,
  'edit-group': editGroupAction,
  deliverable: deliverableAction,
  'edit-deliverable': editDeliverableAction,
  'partner-names': partnerNamesAction,
  contribute: contributeAction,
  office: officeAction,
  'ip-lead-meeting': ipLeadMeetingAction,
  call: callAction,
  'work-plan-input': workPlanInputAction,
} as const;
export const STRUCTURE_ACTIONS = Object.keys(ACTIONS) as (keyof typeof ACTIONS)[];

/** The body of `POST /api/governance/structure`, for the API description. */
export const structureBody = z.union([
  groupAction,
  editGroupAction,
  deliverableAction,
  editDeliverableAction,
  partnerNamesAction,
  contributeAction,
  officeAction,
  ipLeadMeetingAction,
  callAction,
  workPlanInputAction,
]);

const person = (deps: StructureDeps, caller: Caller) => resolvePerson(deps, caller ?? { email: '', roles: [] });
const isSecretariat = (p: Person) => p.roles.includes('secretariat');
const leads = (p: Person, groupId: string) => p.roles.includes('leader') && p.groupIds.includes(groupId);
const key = (value: string) => createHash('sha256').update(value.toLowerCase()).digest('hex').slice(0, 16);

/** For whom the person may send work-plan inputs: `partner:<id>`, `group:<id>`, `ip-lead` (ToR §10a). */
function workPlanSources(who: Person, offices: readonly Office[], at: string): string[] {
  const email = who.email.toLowerCase();
  const ipLead = offices.some(
    (o) => o.role === 'ip-lead' && o.holderEmail.toLowerCase() === email && o.termStart <= at && at <= o.termEnd,
  );
  return [
    ...(who.roles.includes('partner') ? who.partnerIds.map((id) => `partner:${id}`) : []),
    ...(who.roles.includes('leader') ? who.groupIds.map((id) => `group:${id}`) : []),
    ...(ipLead ? ['ip-lead'] : []),
  ];
}

/** Thematic groups with their deliverables, contributors and minutes; offices with their history. */
export async function structure(deps: StructureDeps, caller: Caller) {
  const [who, groups, deliverables, contributions, minutes, offices, ipLeadMeetings, calls, inputs, partners] =
    await Promise.all([
      person(deps, caller),
      deps.structure.listGroups(),
      deps.structure.listDeliverables(),
      deps.structure.listContributions(),
      deps.structure.listMinutes(),
      deps.directory.listOffices(),
      deps.structure.listIpLeadMeetings(),
      deps.structure.listCalls(),
      deps.structure.listWorkPlanInputs(),
      deps.directory.listPartners(),
    ]);
  const today = deps.now().toISOString();
  const current = (o: Office) => o.termStart <= today && today <= o.termEnd;
  const byTerm = (a: Office, b: Office) => compareCodePoints(b.termStart, a.termStart);
  return {
    /** What the person may do here: the forms the console offers. */
    you: {
      secretariat: isSecretariat(who),
      leads: groups.map((g) => g.groupId).filter((id) => isSecretariat(who) || leads(who, id)),
      workPlanSources: workPlanSources(who, offices, today),
    },
    groups: groups.map((group) => {
      // Who contributes is told to the secretariat and the group's leaders; others see the count.
      const seesContributors = isSecretariat(who) || leads(who, group.groupId);
      return {
        ...group,
        version: group.version ?? 0,
        leaders: offices
          .filter((o) => o.role === 'leader' && o.groupId === group.groupId && current(o))
          .map((o) => ({ name: o.holderName, email: o.holderEmail, termEnd: o.termEnd })),
        deliverables: deliverables
          .filter((d) => d.groupId === group.groupId)
          .sort((a, b) => compareCodePoints(a.startsOn, b.startsOn))
          .map((d) => {
            const theirs = contributions.filter((c) => c.deliverableId === d.deliverableId);
            return {
              ...d,
              version: d.version ?? 0,
              contributors: theirs.length,
              contributing: theirs.some((c) => c.email === who.email),
              ...(seesContributors
                ? { contributorList: theirs.map((c) => ({ name: c.name, email: c.email, at: c.at })) }
                : {}),
              callsForNominations: calls
                .filter((c) => c.deliverableId === d.deliverableId)
                .sort((a, b) => compareCodePoints(b.closesAt, a.closesAt))
                .map((c) => ({ ...c, open: c.closesAt > today })),
              minutes: minutes
                .filter((m) => m.deliverableId === d.deliverableId)
                .sort((a, b) => compareCodePoints(b.meetingOn, a.meetingOn))
                .map(({ key: _key, ...m }) => m),
            };
          }),
      };
    }),
    offices: OFFICE_ROLES.map((role) => {
      const history = offices.filter((o) => o.role === role).sort(byTerm);
      return { role, current: history.filter(current), history };
    }),
    // The partners' names in the six languages, as Annex II shows them (focal points left out).
    partners: partners
      .map((p) => ({
        partnerId: p.partnerId,
        acronym: p.acronym,
        name: p.name,
        ...Object.fromEntries(PARTNER_LANGS.map((field) => [field, p[field] ?? ''])),
        version: p.version ?? 1,
      }))
      .sort((a, b) => a.acronym.localeCompare(b.acronym, 'en')) as (PartnerNames & {
      partnerId: string;
      acronym: string;
      version: number;
    })[],
    ipLeadMeetings: [...ipLeadMeetings].sort((a, b) => compareCodePoints(b.quarter, a.quarter)),
    // The secretariat sees every input and the draft compiled from them; others their own inputs.
    workPlan: [...new Set(inputs.map((i) => i.year))]
      .sort((a, b) => b - a)
      .map((year) => {
        const ofYear = inputs.filter((i) => i.year === year && (isSecretariat(who) || i.authorEmail === who.email));
        return { year, inputs: ofYear, ...(isSecretariat(who) ? { draft: compileWorkPlan(year, ofYear) } : {}) };
      })
      .filter((y) => y.inputs.length > 0),
  };
}

const SOURCE_ORDER = (from: string) => (from.startsWith('partner:') ? 0 : from.startsWith('group:') ? 1 : 2);

/**
 * The draft work plan of a year, built from its inputs (ToR §10b): the partners' first, then the
 * thematic groups', then the IP lead's, each under its source; the secretariat edits it and
 * submits it for the Board's review as a `work-plan` request.
 */
/**
 * The year's work-plan draft compiled from its inputs, for the secretariat (who compiles it,
 * ToR §10a) to start the `work-plan` request from; nothing for anyone else.
 */
export async function workPlanDraft(deps: StructureDeps, caller: Caller, year: number): Promise<string | undefined> {
  if (!isSecretariat(await person(deps, caller)) || !Number.isInteger(year)) return undefined;
  const inputs = (await deps.structure.listWorkPlanInputs()).filter((input) => input.year === year);
  return inputs.length ? compileWorkPlan(year, inputs) : undefined;
}

export function compileWorkPlan(year: number, inputs: readonly WorkPlanInput[]): string {
  const sorted = [...inputs].sort(
    (a, b) =>
      SOURCE_ORDER(a.from) - SOURCE_ORDER(b.from) || a.from.localeCompare(b.from) || compareCodePoints(a.at, b.at),
  );
  return [`U4SSC work plan ${year}`, ...sorted.map((i) => `${i.from} (${i.authorEmail})\n\n${i.text.trim()}`)].join(
    '\n\n',
  );
}

function contributionMessages(
  deps: StructureDeps,
  deliverable: Deliverable,
  contribution: Contribution,
  leaders: Office[],
): NewOutboxMessage[] {
  const data = {
    deliverable: deliverable.title,
    groupId: deliverable.groupId,
    contributorName: contribution.name,
    contributorEmail: contribution.email,
    link: `${deps.publicBaseUrl}/console/governance/structure`,
  };
  const base = `grp.contrib.${deliverable.deliverableId}.${key(contribution.email)}`;
  const recipients = [
    { recipient: 'secretariat', email: deps.secretariatEmail },
    ...leaders.map((o) => ({ recipient: 'leader', email: o.holderEmail })),
  ];
  const seen = new Set<string>();
  return recipients
    .filter((r) => !seen.has(r.email.toLowerCase()) && seen.add(r.email.toLowerCase()))
    .map((r) => ({
      messageId: `${base}.${r.recipient}.${key(r.email)}`,
      recipient: r.email,
      language: 'en',
      template: `deliverable-contribution.to-${r.recipient}`,
      data,
    }));
}

async function requireGroup(deps: StructureDeps, groupId: string) {
  const groups = await deps.structure.listGroups();
  if (!groups.some((g) => g.groupId === groupId)) {
    throw new ValidationError('There is no such thematic group.', {
      groupId: `There is no thematic group "${groupId}".`,
    });
  }
}

/** The names a partner may have besides the English one. */
const PARTNER_LANGS = ['nameAr', 'nameZh', 'nameFr', 'nameRu', 'nameEs'] as const;

const staleEdit = (what: string) =>
  new ConflictError(`Someone changed this ${what} meanwhile: reload it, then apply your change again.`, {
    errors: { version: `Someone changed this ${what} meanwhile: reload it, then apply your change again.` },
  });

/** One action on the structure: `{action, …}` (see STRUCTURE_ACTIONS); who may is checked per action. */
export async function act(deps: StructureDeps, caller: Caller, body: unknown) {
  const action = (parseInput(z.record(z.string(), z.unknown()), body) as { action?: unknown }).action;
  if (!STRUCTURE_ACTIONS.includes(action as never)) {
    throw new ValidationError('The request is not valid: see the fields named in errors.', {
      action: `Use one of: ${STRUCTURE_ACTIONS.join(', ')}.`,
    });
  }
  const who = await person(deps, caller);
  const at = deps.now().toISOString();
  switch (action as (typeof STRUCTURE_ACTIONS)[number]) {
    case 'group': {
      const input = parseInput(groupAction, body);
      if (!isSecretariat(who)) throw new ForbiddenError('Only the secretariat creates thematic groups.');
      const { action: _a, ...fields } = input;
      const group = { ...fields, createdAt: at };
      if (!(await deps.structure.createGroup(group)))
        throw new ConflictError(`A group "${input.groupId}" exists already.`);
      return { status: 201, body: group };
    }
    case 'deliverable': {
      const input = parseInput(deliverableAction, body);
      if (!isSecretariat(who) && !leads(who, input.groupId)) {
        throw new ForbiddenError("Only the secretariat and the group's leaders add its deliverables.");
      }
      await requireGroup(deps, input.groupId);
      const { action: _a, ...fields } = input;
      const deliverable = { ...fields, createdAt: at };
      if (!(await deps.structure.createDeliverable(deliverable))) {
        throw new ConflictError(`A deliverable "${input.deliverableId}" exists already.`);
      }
      return { status: 201, body: deliverable };
    }
    case 'edit-group': {
      const input = parseInput(editGroupAction, body);
      if (!isSecretariat(who)) throw new ForbiddenError('Only the secretariat edits thematic groups.');
      const changes = { name: input.name, description: input.description };
      const outcome = await deps.structure.updateGroup(input.groupId, input.version, changes, at);
      if (outcome === 'missing') throw new NotFoundError(`There is no thematic group ${input.groupId}.`);
      if (outcome === 'stale') throw staleEdit('group');
      return { status: 200, body: { groupId: input.groupId, ...changes, version: input.version + 1, updatedAt: at } };
    }
    case 'edit-deliverable': {
      const input = parseInput(editDeliverableAction, body);
      const deliverable = await deps.structure.getDeliverable(input.deliverableId);
      if (!deliverable) throw new NotFoundError(`There is no deliverable ${input.deliverableId}.`);
      if (!isSecretariat(who) && !leads(who, deliverable.groupId)) {
        throw new ForbiddenError("Only the secretariat and the group's leaders edit its deliverables.");
      }
      const { action: _a, deliverableId, version: seen, ...changes } = input;
      const outcome = await deps.structure.updateDeliverable(deliverableId, seen, changes, at);
      if (outcome === 'missing') throw new NotFoundError(`There is no deliverable ${deliverableId}.`);
      if (outcome === 'stale') throw staleEdit('deliverable');
      return {
        status: 200,
        body: { deliverableId, groupId: deliverable.groupId, ...changes, version: seen + 1, updatedAt: at },
      };
    }
    case 'partner-names': {
      const input = parseInput(partnerNamesAction, body);
      if (!isSecretariat(who)) throw new ForbiddenError("Only the secretariat records the partners' names.");
      const { action: _a, partnerId, version: seen, ...names } = input;
      const outcome = await deps.structure.updatePartnerNames(partnerId, seen, names, at);
      if (outcome === 'missing') throw new NotFoundError(`There is no partner ${partnerId}.`);
      if (outcome === 'stale') throw staleEdit('partner');
      return { status: 200, body: { partnerId, ...names, version: seen + 1 } };
    }
    case 'contribute': {
      const input = parseInput(contributeAction, body);
      const deliverable = await deps.structure.getDeliverable(input.deliverableId);
      if (!deliverable) throw new NotFoundError(`There is no deliverable ${input.deliverableId}.`);
      const offices = await deps.directory.listOffices();
      const leaders = offices.filter(
        (o) => o.role === 'leader' && o.groupId === deliverable.groupId && o.termStart <= at && at <= o.termEnd,
      );
      const contribution: Contribution = {
        deliverableId: deliverable.deliverableId,
        email: who.email,
        name: input.name ?? who.email,
        groupId: deliverable.groupId,
        at,
      };
      const messages = contributionMessages(deps, deliverable, contribution, leaders);
      if (!(await deps.structure.contribute(contribution, messages))) {
        throw new ConflictError(`You contribute to ${deliverable.deliverableId} already.`);
      }
      await deps.dispatch(messages.map((m) => m.messageId));
      return { status: 201, body: contribution };
    }
    case 'office': {
      const input = parseInput(officeAction, body);
      if (!isSecretariat(who)) throw new ForbiddenError('Only the secretariat records appointments.');
      if (input.groupId) await requireGroup(deps, input.groupId);
      const { action: _a, officeId, termStart, termEnd, ...fields } = input;
      const office: Office = {
        ...fields,
        officeId: officeId ?? `${input.role}-${termStart}-${randomBytes(3).toString('hex')}`,
        holderEmail: input.holderEmail.toLowerCase(),
        termStart: `${termStart}T00:00:00.000Z`,
        termEnd: `${termEnd}T23:59:59.999Z`,
      };
      if (!(await deps.structure.createOffice(office)))
        throw new ConflictError(`An office "${officeId}" exists already.`);
      return { status: 201, body: office };
    }
    case 'call': {
      const input = parseInput(callAction, body);
      const deliverable = await deps.structure.getDeliverable(input.deliverableId);
      if (!deliverable) throw new NotFoundError(`There is no deliverable ${input.deliverableId}.`);
      if (!isSecretariat(who) && !leads(who, deliverable.groupId)) {
        throw new ForbiddenError("Only the group's leaders and the secretariat open calls for nominations.");
      }
      const closesAt = new Date(input.closesAt).toISOString();
      if (closesAt <= at) throw new ValidationError('The deadline is past.', { closesAt: 'Give a deadline to come.' });
      const call: NominationCall = {
        callId: input.callId ?? `${deliverable.deliverableId}-${randomBytes(3).toString('hex')}`,
        deliverableId: deliverable.deliverableId,
        groupId: deliverable.groupId,
        title: deliverable.title,
        ...(input.description ? { description: input.description } : {}),
        closesAt,
        openedBy: who.email,
        createdAt: at,
      };
      if (!(await deps.structure.createCall(call))) throw new ConflictError(`A call "${call.callId}" exists already.`);
      return { status: 201, body: call };
    }
    case 'work-plan-input': {
      const input = parseInput(workPlanInputAction, body);
      const mine = workPlanSources(who, await deps.directory.listOffices(), at);
      const from = input.from ?? (mine.length === 1 ? mine[0] : undefined);
      if (!from || !mine.includes(from)) {
        throw new ForbiddenError(
          mine.length
            ? `Send the input for one of: ${mine.join(', ')} (field "from").`
            : "Inputs to the work plan come from the partners' focal points, the groups' leaders and the IP lead.",
        );
      }
      const record: WorkPlanInput = {
        year: input.year,
        inputId: `${from}#${who.email}`,
        from,
        authorEmail: who.email,
        text: input.text,
        at,
      };
      await deps.structure.putWorkPlanInput(record);
      return { status: 200, body: record };
    }
    case 'ip-lead-meeting': {
      const input = parseInput(ipLeadMeetingAction, body);
      if (!isSecretariat(who)) throw new ForbiddenError("Only the secretariat records the IP lead's e-meetings.");
      const meeting = { quarter: input.quarter, heldOn: input.heldOn };
      await deps.structure.recordIpLeadMeeting(meeting);
      return { status: 200, body: meeting };
    }
  }
}

/** Largest minutes file accepted, in bytes (the body carries it in base64, under Lambda's 6 MB). */
export const MAX_MINUTES_BYTES = 4 * 1024 * 1024;

const MINUTES_TYPES = {
  'application/pdf': { ext: 'pdf', magic: Buffer.from('%PDF-') },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    ext: 'docx',
    magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  },
} as const;

export const minutesBody = z.strictObject({
  meetingOn: day,
  filename: z.string().check(
    z.trim(),
    z.minLength(1, 'Required.'),
    z.maxLength(200),
    z.refine(
      (name) => !/[/\\]/.test(name) && ![...name].some((c) => c.charCodeAt(0) < 32),
      'A file name, without a path.',
    ),
  ),
  contentType: z.enum(Object.keys(MINUTES_TYPES) as (keyof typeof MINUTES_TYPES)[], 'Send a PDF or a DOCX file.'),
  content: z.string().check(z.minLength(1, 'Required.'), z.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'The file, in base64.')),
});

/** A leader of the deliverable's group (or the secretariat) uploads the minutes of one e-meeting. */
export async function uploadMinutes(deps: MinutesDeps, caller: Caller, deliverableId: string, body: unknown) {
  const input = parseInput(minutesBody, body);
  const [who, deliverable] = await Promise.all([person(deps, caller), deps.structure.getDeliverable(deliverableId)]);
  if (!deliverable) throw new NotFoundError(`There is no deliverable ${deliverableId}.`);
  if (!isSecretariat(who) && !leads(who, deliverable.groupId)) {
    throw new ForbiddenError("Only the group's leaders and the secretariat upload its minutes.");
  }
  const file = Buffer.from(input.content, 'base64');
  if (file.length > MAX_MINUTES_BYTES) {
    throw new ValidationError('The file is too large.', { content: `At most ${MAX_MINUTES_BYTES} bytes.` });
  }
  const type = MINUTES_TYPES[input.contentType];
  if (!file.subarray(0, type.magic.length).equals(type.magic)) {
    throw new ValidationError('The file is not what its type says.', {
      content: `This is not a ${type.ext.toUpperCase()} file.`,
    });
  }
  const sha256 = createHash('sha256').update(file).digest('hex');
  const minutesId = `${input.meetingOn}-${randomBytes(4).toString('hex')}`;
  const key = `governance/minutes/${deliverableId}/${minutesId}.${type.ext}`;
  await deps.files.put(key, file, input.contentType, sha256);
  const minutes: Minutes = {
    deliverableId,
    minutesId,
    meetingOn: input.meetingOn,
    filename: input.filename,
    contentType: input.contentType,
    size: file.length,
    sha256,
    key,
    uploadedBy: who.email,
    uploadedAt: deps.now().toISOString(),
  };
  await deps.structure.addMinutes(minutes);
  const { key: _key, ...listed } = minutes;
  return listed;
}

/** The file of one e-meeting's minutes, for whoever may list them (anyone signed in, as the structure shows them). */
export async function minutesFile(deps: MinutesDeps, caller: Caller, deliverableId: string, minutesId: string) {
  const who = await person(deps, caller);
  if (!who.email) throw new ForbiddenError('Sign in to read the minutes.');
  const minutes = (await deps.structure.listMinutes()).find(
    (m) => m.deliverableId === deliverableId && m.minutesId === minutesId,
  );
  const body = minutes && (await deps.files.get(minutes.key));
  if (!minutes || !body) throw new NotFoundError(`The deliverable ${deliverableId} has no minutes ${minutesId}.`);
  return { minutes: { fileName: minutes.filename, contentType: minutes.contentType, sha256: minutes.sha256 }, body };
}

/** What a console form of the structure page leads to: done, or refused with the reasons per field. */
export type ConsoleStructureOutcome =
  | { done: string }
  | {
      status: number;
      error: string;
      errors: Record<string, string>;
      /** The form as sent, to show it again. */
      values: Record<string, string>;
      structure: Awaited<ReturnType<typeof structure>>;
    };

const DONE: Record<string, string> = {
  group: 'The thematic group is created.',
  'edit-group': 'The thematic group is saved.',
  deliverable: 'The deliverable is added.',
  'edit-deliverable': 'The deliverable is saved.',
  call: 'The call for nominations is open.',
  'work-plan-input': 'Your input to the work plan is saved.',
  contribute: 'Your contribution is recorded; the secretariat and the leaders are told.',
  office: 'The appointment is recorded.',
  'ip-lead-meeting': "The IP lead's e-meeting is recorded.",
};

/**
 * A console form, as the API takes it: text fields as sent (empty ones left out), numbers
 * read from their text, the deadline of a call given in the zone named beside it (`timeZone`,
 * Geneva time by default). A refusal the person can act on comes back with the reasons per
 * field and the values sent, for the page to show the form again.
 */
export async function consoleStructureAct(
  deps: StructureDeps,
  caller: Caller,
  form: unknown,
): Promise<ConsoleStructureOutcome> {
  const values = Object.fromEntries(
    Object.entries(typeof form === 'object' && form ? (form as Record<string, unknown>) : {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  const { timeZone = 'Europe/Zurich', ...fields } = Object.fromEntries(
    Object.entries(values).filter(([, value]) => value.trim() !== ''),
  );
  const body: Record<string, unknown> = { ...fields };
  for (const name of ['year', 'version'] as const) {
    if (fields[name] !== undefined && /^\d{1,10}$/.test(fields[name].trim())) body[name] = Number(fields[name]);
  }
  const refused = async (status: number, error: string, errors: Record<string, string>) => ({
    status,
    error,
    errors,
    values,
    structure: await structure(deps, caller),
  });
  if (fields.action === 'call' && fields.closesAt !== undefined) {
    if (!isTimeZone(timeZone)) {
      return refused(400, 'The form is not valid: see the fields marked.', {
        timeZone: 'Give a time zone such as Europe/Zurich.',
      });
    }
    const closesAt = zonedToUtc(fields.closesAt.replace(' ', 'T').slice(0, 16), timeZone);
    if (!closesAt) {
      return refused(400, 'The form is not valid: see the fields marked.', {
        closesAt: 'Give a date and a time.',
      });
    }
    body.closesAt = closesAt;
  }
  try {
    await act(deps, caller, body);
    return { done: DONE[fields.action ?? ''] ?? 'Done.' };
  } catch (error) {
    if (error instanceof DomainError && error.statusCode < 500) {
      const errors = (error.extensions.errors ?? {}) as Record<string, string>;
      const message =
        error instanceof ValidationError ? 'The form is not valid: see the fields marked.' : error.message;
      return refused(error.statusCode, message, errors);
    }
    throw error;
  }
}
