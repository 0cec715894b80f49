import { createHash, randomUUID } from 'node:crypto';
import type { DocumentModel } from '../documents/model.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { Identity } from '../http/claims.ts';
import type { Lang } from '../i18n/languages.ts';
import type { NewOutboxMessage } from '../mail/outbox.ts';
import { accessHub } from './access.ts';
import { draftReport } from './draft.ts';
import { type HubsDeps, recordsOfYear } from './operations.ts';
import type { DocumentStore } from './ports.ts';
import { type HubReport, type PublishedDocument, reportLanguages } from './report.ts';
import { hubReportDocument } from './report-document.ts';

/**
 * The report as PDF: a draft's preview (watermarked) and the publication of an accepted
 * report (ToR §30). Publishing renders the PDF in each language the hub wrote the report in,
 * stores each in S3 with its SHA-256, then in one transaction marks the edition published,
 * raises the hub's `lastReportYear` and queues the emails to the hub's partner, the hub and
 * the secretariat. A published edition never changes: its documents' keys carry the edition.
 */
export interface HubReportsDeps extends HubsDeps {
  documents: DocumentStore;
  renderPdf: (model: DocumentModel) => Promise<Buffer>;
}

/**
 * Where a published PDF is stored. The run's own token keeps two publications racing for the
 * same edition from overwriting each other's files: the one whose transaction wins points to
 * its own, whose SHA-256 it recorded.
 */
export const publishedKey = (hubId: string, year: number, edition: number, run: string, lang: Lang) =>
  `hub-reports/${hubId}/${year}/edition-${edition}/${run}/${lang}.pdf`;

async function documentOf(
  deps: HubsDeps,
  hubId: string,
  year: number,
  report: HubReport | undefined,
  lang: Lang,
  watermark: boolean,
) {
  const hub = await deps.store.getHub(hubId);
  if (!hub) throw new NotFoundError(`There is no hub ${hubId}.`);
  const draft = draftReport(await recordsOfYear(deps, hub, year));
  const narrative = report?.narratives[lang] ??
    report?.narratives.en ?? { summary: '—', highlights: '', challenges: '' };
  return hubReportDocument(
    {
      hub,
      draft,
      narrative,
      edition: report?.edition ?? 1,
      corrects: report?.corrects,
      date: deps.now(),
      watermark,
    },
    lang,
  );
}

/** The draft (or the report under review) as PDF, "DRAFT" across its pages. */
export async function previewHubReport(
  deps: HubReportsDeps,
  identity: Identity | undefined,
  hubId: string,
  year: number,
  lang: Lang,
): Promise<Buffer> {
  accessHub(identity, await deps.store.getHub(hubId), hubId);
  const report = (await deps.store.listReports(hubId, year)).at(-1);
  return deps.renderPdf(await documentOf(deps, hubId, year, report, lang, true));
}

export async function publishHubReport(
  deps: HubReportsDeps,
  identity: Identity | undefined,
  hubId: string,
  year: number,
  expectedVersion: number,
): Promise<HubReport> {
  const hub = await deps.store.getHub(hubId);
  const access = accessHub(identity, hub, hubId);
  if (access.kind !== 'secretariat' || !hub) throw new ForbiddenError('Only the secretariat publishes a report.');
  const report = (await deps.store.listReports(hubId, year)).at(-1);
  if (!report) throw new NotFoundError(`There is no ${year} report of ${hubId}.`);
  if (report.status !== 'accepted')
    throw new ConflictError(`The report is ${report.status}: only an accepted report is published.`, {
      code: 'wrong-stage',
      status: report.status,
    });
  if (report.version !== expectedVersion)
    throw new ConflictError('The report changed meanwhile: load it again.', { code: 'stale-version' });
  const at = deps.now();
  const documents: PublishedDocument[] = [];
  const run = randomUUID().slice(0, 8);
  for (const lang of reportLanguages(report)) {
    const pdf = await deps.renderPdf(await documentOf(deps, hubId, year, report, lang, false));
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const key = publishedKey(hubId, year, report.edition, run, lang);
    await deps.documents.put(key, pdf, 'application/pdf', sha256);
    documents.push({ lang, key, sha256, bytes: pdf.length });
  }
  const version = report.version + 1;
  const page = `${deps.publicBaseUrl}/hubs/reports`;
  const recipients = [
    ...(hub.partnerEmail ? [{ email: hub.partnerEmail, name: hub.partnerName ?? 'Partner', who: 'partner' }] : []),
    { email: hub.contactEmail, name: hub.contactName, who: 'hub' },
    { email: deps.secretariatEmail, name: 'U4SSC secretariat', who: 'secretariat' },
  ];
  const messages: NewOutboxMessage[] = recipients.map((r) => ({
    messageId: `hub-report.${hubId}.${year}.e${report.edition}.published.${r.who}`,
    recipient: r.email,
    language: 'en',
    template: 'hub-report-published.to-partner',
    data: {
      name: r.name,
      hub: hub.name,
      year,
      edition: report.edition,
      corrects: report.corrects ?? null,
      links: {
        page,
        documents: documents.map((d) => ({
          lang: d.lang,
          url: `${deps.publicBaseUrl}/hubs/${hubId}/reports/${year}/${d.lang}.pdf?edition=${report.edition}`,
          sha256: d.sha256,
        })),
      },
    },
  }));
  const next: HubReport = {
    ...report,
    status: 'published',
    documents,
    publishedAt: at.toISOString(),
    history: [...report.history, { at: at.toISOString(), by: access.email, action: 'published', version }],
    version,
  };
  if (!(await deps.store.saveReport(next, report.version, messages, year)))
    throw new ConflictError('The report changed meanwhile: load it again.', { code: 'stale-version' });
  await deps.dispatch(messages.map((m) => m.messageId));
  return next;
}
