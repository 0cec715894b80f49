import { NotFoundError } from '../errors.ts';
import type { Lang } from '../i18n/languages.ts';
import type { DocumentStore, HubRecordsStore } from './ports.ts';

/** What the public sees: every published report per hub and year, and their PDFs. */
export interface PublishedReport {
  hubId: string;
  hubName: string;
  year: number;
  edition: number;
  publishedAt: string;
  corrects?: string | undefined;
  documents: { lang: Lang; sha256: string; bytes: number; path: string }[];
}

export async function listPublishedReports(deps: { store: HubRecordsStore }): Promise<PublishedReport[]> {
  const [hubs, reports] = await Promise.all([deps.store.listHubs(), deps.store.listAllReports()]);
  const names = new Map(hubs.map((h) => [h.hubId, h.name]));
  return reports
    .filter((r) => r.status === 'published' && r.documents)
    .map((r) => ({
      hubId: r.hubId,
      hubName: names.get(r.hubId) ?? r.hubId,
      year: r.year,
      edition: r.edition,
      publishedAt: r.publishedAt ?? '',
      corrects: r.corrects,
      documents: (r.documents ?? []).map((d) => ({
        lang: d.lang,
        sha256: d.sha256,
        bytes: d.bytes,
        path: `/hubs/${r.hubId}/reports/${r.year}/${d.lang}.pdf?edition=${r.edition}`,
      })),
    }))
    .sort((a, b) => a.hubName.localeCompare(b.hubName) || b.year - a.year || b.edition - a.edition);
}

/** A published PDF: the given edition, else the latest published one. */
export async function publishedReportPdf(
  deps: { store: HubRecordsStore; documents: Pick<DocumentStore, 'get'> },
  hubId: string,
  year: number,
  lang: string,
  edition?: number,
) {
  const published = (await deps.store.listReports(hubId, year)).filter((r) => r.status === 'published');
  const report = edition === undefined ? published.at(-1) : published.find((r) => r.edition === edition);
  const document = report?.documents?.find((d) => d.lang === lang);
  if (!report || !document) throw new NotFoundError(`No published ${year} report of ${hubId} in ${lang}.`);
  const body = await deps.documents.get(document.key);
  if (!body) throw new NotFoundError('The document is missing from storage.');
  return { report, document, body };
}
