import { OPEN_FORMS, openableKinds } from '../governance/console-open.ts';
import type { RequestListing } from '../governance/engine.ts';
import { KINDS, type Kind, kindOf } from '../governance/kinds.ts';
import { summaryOf } from '../governance/notifications.ts';
import { describeRule } from '../governance/outcome.ts';
import type { AuditEvent, Ballot, GovernanceRequest } from '../governance/request.ts';
import type { Identity } from '../http/claims.ts';

/**
 * View models of the console's governance pages: the inbox ("waiting for my decision", with
 * counts by kind), the list of requests (searchable), and a request with its fields, audit
 * trail, ballots and the actions the signed-in person may take. English, like the console.
 */
const ACTION_LABELS: Record<string, string> = {
  approve: 'Approve',
  reject: 'Reject (give the reason)',
  return: 'Return for changes (say what)',
  resubmit: 'Submit again',
  withdraw: 'Withdraw',
  acknowledge: 'Acknowledge',
  'open-vote': 'Put to the partners’ vote',
};

/** The signed-in person for the navigation; the count of what waits for them when the page knows it. */
const user = (identity: Identity | undefined, waiting: number | undefined) =>
  identity ? { email: identity.email, governanceWaiting: waiting ?? 0, waitingKnown: waiting !== undefined } : null;

export function governanceListPage(input: {
  listing: RequestListing;
  identity: Identity | undefined;
  filter: { kind?: string | undefined; q?: string | undefined; waiting?: boolean };
  /** The form to open a request of this kind, with what was sent and refused (or its first values). */
  open?: { kind: Kind | undefined; state?: FormState & { error?: string } } | undefined;
}) {
  const openable = openableKinds(input.identity?.roles ?? []);
  const kind = input.open?.kind;
  const open = kind && openable.includes(kind) ? { kind, state: input.open?.state } : undefined;
  const openForm = open
    ? formModel(
        `open-${open.kind}`,
        {
          heading: `Open: ${kindOf(open.kind).title} (${kindOf(open.kind).tor})`,
          submit: 'Open the request',
          action: 'open',
          hidden: { kind: open.kind },
          fields: [...(OPEN_FORMS[open.kind] ?? [])],
        },
        open.state ?? emptyState,
      )
    : null;
  const q = (input.filter.q ?? '').trim().toLowerCase();
  const rows = input.listing.requests
    .filter((r) => !q || `${summaryOf(r)} ${JSON.stringify(r.fields)} ${r.requesterEmail}`.toLowerCase().includes(q))
    .map((r) => ({
      requestId: r.requestId,
      kind: kindOf(r.kind).title,
      summary: summaryOf(r),
      state: r.state,
      requester: r.requesterEmail,
      createdAt: r.createdAt.slice(0, 16).replace('T', ' '),
      closesAt: r.voting?.closesAt.slice(0, 16).replace('T', ' ') ?? '',
      waitingForMe: r.waitingForMe,
    }));
  return {
    title: 'Console: governance',
    consoleUser: user(input.identity, input.listing.waiting.total),
    waiting: input.listing.waiting.total,
    byKind: Object.values(KINDS).map((k) => ({
      kind: k.kind,
      title: k.title,
      count: input.listing.waiting.byKind[k.kind] ?? 0,
      current: input.filter.kind === k.kind,
    })),
    filter: { kind: input.filter.kind ?? '', q: input.filter.q ?? '', waiting: input.filter.waiting ?? false },
    rows,
    openable: openable.map((kind) => ({ kind, title: kindOf(kind).title, current: open?.kind === kind })),
    openForm,
    openError: input.open?.state?.error ?? '',
  };
}

const valueText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

const FILES_HEADING: Partial<Record<GovernanceRequest['kind'], string>> = {
  'logo-consent': 'Material',
  'e-decision': 'Documents',
};

export function governanceRequestPage(input: {
  view: {
    request: GovernanceRequest;
    events: AuditEvent[];
    ballots: Ballot[];
    ballotsCast: number;
    actions: string[];
  };
  identity: Identity | undefined;
  waiting: number;
  flash?: string | undefined;
  error?: string | undefined;
}) {
  const { request, events, ballots, actions } = input.view;
  const def = kindOf(request.kind);
  const canVote = actions.includes('vote') || actions.includes('change-vote');
  return {
    title: `Console: ${def.title}`,
    consoleUser: user(input.identity, input.waiting),
    flash: input.flash ?? '',
    error: input.error ?? '',
    request: {
      requestId: request.requestId,
      kind: def.title,
      tor: def.tor,
      summary: summaryOf(request),
      state: request.state,
      version: request.version,
      requester: `${request.requesterName} <${request.requesterEmail}>`,
      createdAt: request.createdAt,
    },
    fields: Object.entries(request.fields).map(([name, value]) => ({ name, value: valueText(value) })),
    // The ToR names the material of a logo request and the documents of an e-decision: shown even when none yet.
    files:
      request.attachments?.length || FILES_HEADING[request.kind]
        ? {
            heading: FILES_HEADING[request.kind] ?? 'Files',
            list: (request.attachments ?? []).map((a) => ({
              ...a,
              kb: Math.max(1, Math.round(a.size / 1024)),
              href: `/api/governance/requests/${request.requestId}/attachments/${a.attachmentId}`,
            })),
          }
        : null,
    voting: request.voting
      ? {
          closesAt: request.voting.closesAt,
          rule: describeRule(request.voting.rule),
          cast: input.view.ballotsCast,
        }
      : null,
    result: request.result
      ? {
          ...request.result,
          outcome: request.result.passed ? 'passed' : 'did not pass',
          decisionRecord: request.kind === 'e-decision',
        }
      : null,
    ballots: ballots.map((b) => ({
      partnerId: b.partnerId,
      choice: b.choice,
      comment: b.comment ?? '',
      votedAt: b.votedAt,
    })),
    events: events.map((e) => ({ ...e, comment: e.comment ?? '' })),
    actions: actions
      .filter((a) => a !== 'vote' && a !== 'change-vote')
      .map((action) => ({
        action,
        label: ACTION_LABELS[action] ?? action,
        needsComment: action === 'reject' || action === 'return',
        needsClosing: action === 'open-vote',
      })),
    vote: canVote ? { change: actions.includes('change-vote') } : null,
  };
}

type Structure = Awaited<ReturnType<typeof import('../governance/structure.ts').structure>>;

/** The structure forms' fields, named as the person reads them (never the API's keys). */
const STRUCTURE_FIELD_LABELS: Record<string, string> = {
  action: 'This form',
  groupId: 'Thematic group',
  name: 'Name',
  description: 'Description',
  deliverableId: 'Deliverable',
  title: 'Title',
  startsOn: 'Starts on',
  dueOn: 'Due on',
  callId: 'Reference of the call',
  closesAt: 'Deadline',
  timeZone: 'Time zone of the deadline',
  year: 'Year',
  from: 'On behalf of',
  text: 'Your input',
  version: 'This record',
  role: 'Office',
  holderName: "Holder's name",
  holderEmail: "Holder's email",
  termStart: 'Term starts',
  termEnd: 'Term ends',
  quarter: 'Quarter',
  heldOn: 'Held on',
  partnerId: 'Partner',
  nameAr: 'Arabic',
  nameZh: 'Chinese',
  nameFr: 'French',
  nameRu: 'Russian',
  nameEs: 'Spanish',
};

/** The API's wording of a few checks, said for a form. */
function plainMessage(field: string, message: string): string {
  if (field === 'year') return 'Give a year between 2020 and 2100, e.g. 2027.';
  if (field === 'closesAt' && message.startsWith('Use a date and time')) return 'Give a date and a time.';
  if (message.startsWith('Unknown field')) return 'This form does not take this field.';
  if (message.endsWith('received undefined')) return 'Required.';
  if (message.startsWith('Invalid option') || message.startsWith('Invalid input')) return 'Choose one of the options.';
  if (/^(Too big|Too small)/.test(message)) return 'This is too long or too short.';
  return message;
}

/** The API's refusals that name its keys, said for the form. */
function plainRefusal(message: string): string {
  if (message.startsWith('Send the input for one of:')) {
    return 'You may send an input only on behalf of the partner, group or office you are bound to: choose one of the options under "On behalf of".';
  }
  return message;
}

interface FieldSpec {
  name: string;
  label?: string;
  type?: 'text' | 'date' | 'email' | 'datetime-local' | 'number';
  hint?: string;
  textarea?: boolean;
  options?: { value: string; label: string }[];
  /** The language the value is written in (a partner's name in Arabic, …). */
  lang?: string;
}

interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** A form of the page as the template draws it: each field with its value and, beside it, its error. */
function formModel(
  key: string,
  spec: { heading: string; submit: string; action: string; hidden?: Record<string, string>; fields: FieldSpec[] },
  state: FormState,
) {
  const hidden = { action: spec.action, ...spec.hidden };
  const fields = spec.fields.map((f) => {
    const value = state.values[f.name] ?? '';
    const error = state.errors[f.name] ? plainMessage(f.name, state.errors[f.name] as string) : '';
    return {
      id: `${key}-${f.name}`,
      name: f.name,
      label: f.label ?? STRUCTURE_FIELD_LABELS[f.name] ?? f.name,
      type: f.type ?? 'text',
      hint: f.hint ?? '',
      textarea: !!f.textarea,
      lang: f.lang ?? '',
      value,
      error,
      options: f.options
        ? [{ value: '', label: 'Choose…' }, ...f.options].map((o) => ({ ...o, selected: o.value === value }))
        : null,
    };
  });
  const shown = new Set(spec.fields.map((f) => f.name));
  // A refusal about what the form carries without showing (the version seen, the record named).
  const others = Object.entries(state.errors)
    .filter(([name]) => !shown.has(name))
    .map(([name, message]) => ({
      id: `${key}-summary`,
      label: STRUCTURE_FIELD_LABELS[name] ?? 'This form',
      message: plainMessage(name, message),
    }));
  return {
    key,
    heading: spec.heading,
    submit: spec.submit,
    hidden: Object.entries(hidden).map(([name, value]) => ({ name, value })),
    fields,
    errorList: [
      ...fields.filter((f) => f.error).map((f) => ({ id: f.id, label: f.label, message: f.error })),
      ...others,
    ],
  };
}

const emptyState: FormState = { values: {}, errors: {} };

/** A partner's name fields, one per UN language. */
const PARTNER_NAME_LANGS = [
  { field: 'name', lang: 'en', label: 'English' },
  { field: 'nameAr', lang: 'ar', label: 'Arabic' },
  { field: 'nameZh', lang: 'zh', label: 'Chinese' },
  { field: 'nameFr', lang: 'fr', label: 'French' },
  { field: 'nameRu', lang: 'ru', label: 'Russian' },
  { field: 'nameEs', lang: 'es', label: 'Spanish' },
] as const;

/** The console's page of thematic groups, deliverables, offices (with their history), calls, work-plan inputs, and the forms for them. */
export function governanceStructurePage(input: {
  structure: Structure;
  identity: Identity | undefined;
  waiting?: number | undefined;
  flash?: string | undefined;
  error?: string | undefined;
  /** `group:<id>` or `deliverable:<id>`: the record whose edit form is open. */
  edit?: string | undefined;
  /** The form sent and refused: shown again with its values and the reasons. */
  sent?: (FormState & { status: number }) | undefined;
  now?: Date;
}) {
  const day = (iso: string) => iso.slice(0, 10);
  const today = (input.now ?? new Date()).toISOString();
  const { structure, sent } = input;
  const you = structure.you;
  const stateOf = (action: string, match: (values: Record<string, string>) => boolean = () => true) =>
    sent && sent.values.action === action && match(sent.values) ? sent : undefined;
  const groupOptions = (ids: readonly string[]) =>
    structure.groups.filter((g) => ids.includes(g.groupId)).map((g) => ({ value: g.groupId, label: g.name }));
  const deliverables = structure.groups.flatMap((g) => g.deliverables.map((d) => ({ ...d, groupName: g.name })));
  const ledDeliverables = deliverables.filter((d) => you.leads.includes(d.groupId));

  const sentEdit =
    sent?.values.action === 'partner-names'
      ? `partner:${sent.values.partnerId ?? ''}`
      : sent?.values.action?.startsWith('edit-')
        ? `${sent.values.action.slice(5)}:${sent.values.groupId ?? sent.values.deliverableId ?? ''}`
        : undefined;
  const [editKind = '', editId = ''] = (input.edit ?? sentEdit ?? '').split(':', 2);
  const forms = [];
  if (you.secretariat) {
    forms.push(
      formModel(
        'new-group',
        {
          heading: 'Add a thematic group',
          submit: 'Add the group',
          action: 'group',
          fields: [
            {
              name: 'groupId',
              label: 'Short name (in addresses)',
              hint: 'Lower-case letters, digits and hyphens, e.g. data-quality.',
            },
            { name: 'name' },
            { name: 'description', textarea: true },
          ],
        },
        stateOf('group') ?? emptyState,
      ),
    );
  }
  const editedGroup = editKind === 'group' ? structure.groups.find((g) => g.groupId === editId) : undefined;
  if (you.secretariat && editedGroup) {
    forms.push(
      formModel(
        'edit-group',
        {
          heading: `Edit the thematic group “${editedGroup.name}”`,
          submit: 'Save the group',
          action: 'edit-group',
          hidden: {
            groupId: editedGroup.groupId,
            // A refused edit keeps the version it saw: a change made meanwhile is not overwritten unseen.
            version: stateOf('edit-group')?.values.version ?? String(editedGroup.version),
          },
          fields: [{ name: 'name' }, { name: 'description', textarea: true }],
        },
        stateOf('edit-group') ?? {
          values: { name: editedGroup.name, description: editedGroup.description ?? '' },
          errors: {},
        },
      ),
    );
  }
  if (you.leads.length > 0) {
    forms.push(
      formModel(
        'new-deliverable',
        {
          heading: 'Add a deliverable',
          submit: 'Add the deliverable',
          action: 'deliverable',
          fields: [
            { name: 'groupId', options: groupOptions(you.leads) },
            {
              name: 'deliverableId',
              label: 'Short name (in addresses)',
              hint: 'Lower-case letters, digits and hyphens.',
            },
            { name: 'title' },
            { name: 'description', textarea: true },
            { name: 'startsOn', type: 'date' },
            { name: 'dueOn', type: 'date' },
          ],
        },
        stateOf('deliverable') ?? emptyState,
      ),
    );
  }
  const editedDeliverable =
    editKind === 'deliverable' ? ledDeliverables.find((d) => d.deliverableId === editId) : undefined;
  if (editedDeliverable) {
    forms.push(
      formModel(
        'edit-deliverable',
        {
          heading: `Edit the deliverable “${editedDeliverable.title}”`,
          submit: 'Save the deliverable',
          action: 'edit-deliverable',
          hidden: {
            deliverableId: editedDeliverable.deliverableId,
            version: stateOf('edit-deliverable')?.values.version ?? String(editedDeliverable.version),
          },
          fields: [
            { name: 'title' },
            { name: 'description', textarea: true },
            { name: 'startsOn', type: 'date' },
            { name: 'dueOn', type: 'date' },
          ],
        },
        stateOf('edit-deliverable') ?? {
          values: {
            title: editedDeliverable.title,
            description: editedDeliverable.description ?? '',
            startsOn: editedDeliverable.startsOn,
            dueOn: editedDeliverable.dueOn,
          },
          errors: {},
        },
      ),
    );
  }
  if (ledDeliverables.length > 0) {
    forms.push(
      formModel(
        'new-call',
        {
          heading: 'Open a call for nominations of experts',
          submit: 'Open the call',
          action: 'call',
          fields: [
            {
              name: 'deliverableId',
              options: ledDeliverables.map((d) => ({ value: d.deliverableId, label: `${d.title} (${d.groupName})` })),
            },
            { name: 'description', label: 'What the experts are for', textarea: true },
            { name: 'closesAt', type: 'datetime-local', hint: 'In the time zone below.' },
            { name: 'timeZone', hint: 'Europe/Zurich is Geneva time.' },
          ],
        },
        stateOf('call') ?? { values: { timeZone: 'Europe/Zurich' }, errors: {} },
      ),
    );
  }
  if (you.workPlanSources.length > 0) {
    const sourceLabel = (from: string) =>
      from === 'ip-lead'
        ? 'The IP lead'
        : from.startsWith('group:')
          ? `The thematic group ${structure.groups.find((g) => `group:${g.groupId}` === from)?.name ?? from.slice(6)}`
          : `The partner ${structure.partners.find((p) => `partner:${p.partnerId}` === from)?.acronym ?? from.slice(8)}`;
    forms.push(
      formModel(
        'work-plan',
        {
          heading: 'Send your input to a year’s work plan',
          submit: 'Save the input',
          action: 'work-plan-input',
          fields: [
            { name: 'year', hint: 'A new input for the same year replaces your earlier one.' },
            { name: 'from', options: you.workPlanSources.map((from) => ({ value: from, label: sourceLabel(from) })) },
            { name: 'text', textarea: true },
          ],
        },
        stateOf('work-plan-input') ?? {
          values: {
            year: String(new Date(today).getUTCFullYear() + 1),
            ...(you.workPlanSources.length === 1 ? { from: you.workPlanSources[0] as string } : {}),
          },
          errors: {},
        },
      ),
    );
  }
  if (you.secretariat) {
    forms.push(
      formModel(
        'office',
        {
          heading: 'Record an appointment',
          submit: 'Record the appointment',
          action: 'office',
          fields: [
            {
              name: 'role',
              options: [
                { value: 'chair', label: 'Chair' },
                { value: 'vice-chair', label: 'Vice-Chair' },
                { value: 'leader', label: 'Thematic group leader' },
                { value: 'ip-lead', label: 'IP lead' },
              ],
            },
            { name: 'title' },
            { name: 'holderName' },
            { name: 'holderEmail', type: 'email' },
            { name: 'termStart', type: 'date' },
            { name: 'termEnd', type: 'date' },
            {
              name: 'groupId',
              label: 'Thematic group (a leader’s only)',
              options: groupOptions(structure.groups.map((g) => g.groupId)),
            },
          ],
        },
        stateOf('office') ?? emptyState,
      ),
      formModel(
        'ip-lead-meeting',
        {
          heading: 'Record an e-meeting of the IP lead',
          submit: 'Record the e-meeting',
          action: 'ip-lead-meeting',
          fields: [
            { name: 'quarter', hint: 'e.g. 2026-Q4' },
            { name: 'heldOn', type: 'date' },
          ],
        },
        stateOf('ip-lead-meeting') ?? emptyState,
      ),
    );
  }
  const editedPartner =
    you.secretariat && editKind === 'partner' ? structure.partners.find((p) => p.partnerId === editId) : undefined;
  if (editedPartner) {
    forms.push(
      formModel(
        'edit-partner',
        {
          heading: `The names of ${editedPartner.acronym} in the six languages`,
          submit: 'Save the names',
          action: 'partner-names',
          hidden: {
            partnerId: editedPartner.partnerId,
            version: stateOf('partner-names')?.values.version ?? String(editedPartner.version),
          },
          fields: PARTNER_NAME_LANGS.map(({ field, lang, label }) => ({
            name: field,
            label,
            lang,
            ...(lang === 'en'
              ? { hint: 'Required: shown wherever no name is recorded in the reader’s language.' }
              : { hint: 'Only the official name; leave empty if unknown (the English one is shown, marked [en]).' }),
          })),
        },
        stateOf('partner-names') ?? {
          values: Object.fromEntries(
            PARTNER_NAME_LANGS.map(({ field }) => [field, String(editedPartner[field] ?? '')]),
          ),
          errors: {},
        },
      ),
    );
  }
  const refusedForm = sent ? forms.find((f) => f.hidden[0]?.value === sent.values.action) : undefined;
  return {
    title: 'Console: thematic groups and offices',
    consoleUser: user(input.identity, input.waiting),
    flash: input.flash ?? '',
    error: plainRefusal(input.error ?? ''),
    refusedForm: refusedForm ? { key: refusedForm.key, errorList: refusedForm.errorList } : null,
    secretariat: you.secretariat,
    groups: structure.groups.map((g) => ({
      ...g,
      editable: you.secretariat,
      leaders: g.leaders.map((l) => ({ ...l, termEnd: day(l.termEnd) })),
      deliverables: g.deliverables.map((d) => ({
        ...d,
        editable: you.leads.includes(g.groupId),
        contributorList: d.contributorList ?? null,
        callsForNominations: d.callsForNominations.map((c) => ({
          ...c,
          closesAt: `${c.closesAt.slice(0, 16).replace('T', ' ')} UTC`,
        })),
      })),
    })),
    offices: structure.offices.map((o) => ({
      role: o.role,
      history: o.history.map((h) => ({
        ...h,
        termStart: day(h.termStart),
        termEnd: day(h.termEnd),
        current: h.termStart <= today && today <= h.termEnd,
      })),
    })),
    ipLeadMeetings: structure.ipLeadMeetings,
    partners: you.secretariat
      ? structure.partners.map((p) => ({
          partnerId: p.partnerId,
          acronym: p.acronym,
          name: p.name,
          languages: PARTNER_NAME_LANGS.filter(({ field, lang }) => lang !== 'en' && p[field])
            .map(({ lang }) => lang)
            .join(', '),
        }))
      : [],
    workPlan: structure.workPlan.map((y) => ({
      year: y.year,
      inputs: y.inputs.map((i) => ({
        from: i.from,
        author: i.authorEmail,
        at: i.at.slice(0, 16).replace('T', ' '),
        text: i.text,
      })),
    })),
    forms,
  };
}
