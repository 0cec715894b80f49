import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../i18n/languages.ts';
import { type Partner, partnerName } from '../partners/index.ts';
import { templatesDir } from '../templates-dir.ts';

/** The public hub request form (ToR §30), its words in six languages (templates/pages/hub-request.labels.json). */
type Labels = Record<string, string>;
let all: Record<string, Labels> | undefined;

export function hubRequestLabels(lang: Lang): Labels {
  all ??= JSON.parse(readFileSync(join(templatesDir(), 'pages', 'hub-request.labels.json'), 'utf8')) as Record<
    string,
    Labels
  >;
  return all[lang] ?? (all.en as Labels);
}

const FIELDS = [
  { name: 'hubName', type: 'text', required: true },
  { name: 'country', type: 'text', required: true },
  { name: 'city', type: 'text', required: false },
  { name: 'partnerId', type: 'select', required: true },
  { name: 'contactName', type: 'text', required: true },
  { name: 'contactEmail', type: 'email', required: true },
  { name: 'description', type: 'textarea', required: true },
] as const;

export function hubRequestPage(input: {
  lang: Lang;
  partners: readonly Partner[];
  values?: Record<string, unknown>;
  /** field → message code (required, invalid-email, too-long, not-a-partner). */
  errors?: Record<string, string>;
  notice?: 'sent' | 'verified' | 'invalid';
  confirm?: { requestId: string; token: string };
}) {
  const labels = hubRequestLabels(input.lang);
  const message = (code: string) => labels[code] ?? labels.required ?? code;
  const value = (name: string) => (typeof input.values?.[name] === 'string' ? (input.values[name] as string) : '');
  const errors = input.errors ?? {};
  const fields = FIELDS.map((f) => ({
    name: f.name,
    type: f.type,
    required: f.required,
    label: labels[f.name] ?? f.name,
    value: value(f.name),
    multiline: f.type === 'textarea',
    options:
      f.type === 'select'
        ? [...input.partners]
            .sort((a, b) => a.acronym.localeCompare(b.acronym))
            .map((p) => ({
              value: p.partnerId,
              label: partnerName(p, input.lang).name,
              selected: value('partnerId') === p.partnerId,
            }))
        : null,
    error: errors[f.name] ? message(errors[f.name] as string) : '',
  }));
  return {
    title: input.confirm ? (labels.confirmHeading ?? '') : (labels.title ?? ''),
    lang: input.lang,
    labels: input.confirm ? { ...labels, title: labels.confirmHeading ?? '' } : labels,
    notice: input.notice ? (labels[input.notice] ?? '') : '',
    showForm: !input.notice && !input.confirm,
    errors: fields.filter((f) => f.error).map((f) => ({ field: f.name, label: f.label, message: f.error })),
    fields,
    confirm: input.confirm ?? null,
  };
}
