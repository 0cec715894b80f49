import type { Circular } from '../circulars/circular.ts';
import {
  type CircularsDeps,
  completeContent,
  distributionProgress,
  getCircular,
  getDistributionList,
  unprintableCharacters,
} from '../circulars/operations.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Identity } from '../http/claims.ts';
import { html } from '../http/responses.ts';
import type { Lang } from '../i18n/languages.ts';
import { circularEditorPage, formErrors, issuedCircularPage, type ListState } from './console.ts';
import { renderPage } from './render.ts';

/** The distribution lists a circular names, each with its name, or marked unknown. */
async function listStates(deps: CircularsDeps, listIds: readonly string[]): Promise<ListState[]> {
  return Promise.all(
    listIds.map(async (listId) => {
      const href = `/console/distribution-lists/${encodeURIComponent(listId)}`;
      try {
        const list = await getDistributionList(deps, listId);
        return { listId, href, name: list.name, members: list.members.length };
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        return { listId, href, name: null, members: 0 };
      }
    }),
  );
}

/**
 * A circular's console page: the editor while it is a draft (or its issue was interrupted),
 * read-only with its documents and distribution once issued. The save, issue and distribute
 * forms come back here with their errors and what was typed.
 */
export async function circularPage(
  deps: CircularsDeps,
  circular: Circular,
  options: {
    identity: Identity | undefined;
    statusCode?: number;
    values?: Record<string, unknown>;
    errors?: Record<string, string>;
    flash?: string | null;
  },
) {
  const lists = {
    to: await listStates(deps, circular.distribution.to),
    copy: await listStates(deps, circular.distribution.copy),
  };
  const headers = { 'cache-control': 'no-store' };
  if (circular.status === 'issued') {
    const progress = await distributionProgress(deps, circular.circularId);
    const page = issuedCircularPage({ circular, progress, lists, ...options });
    return html(options.statusCode ?? 200, renderPage('console-circular-issued', page), headers);
  }
  const previewProblems: Partial<Record<Lang, Record<string, string>>> = {};
  const unprintable: Partial<Record<Lang, string[]>> = {};
  for (const lang of circular.languages) {
    previewProblems[lang] = completeContent({ languages: [lang], content: circular.content });
    unprintable[lang] = unprintableCharacters(circular, lang, deps.now());
  }
  const page = circularEditorPage({ circular, previewProblems, unprintable, lists, ...options });
  return html(options.statusCode ?? 200, renderPage('console-circular-edit', page), headers);
}

/**
 * Runs a console action on a circular (issue, distribute): back to its page with what was
 * done, or its page again with what went wrong — a conflict shown beside `conflictField`.
 */
export async function circularAction(
  deps: CircularsDeps,
  circularId: string,
  identity: Identity | undefined,
  conflictField: string,
  action: () => Promise<string>,
) {
  try {
    const done = await action();
    return {
      statusCode: 303,
      headers: { location: `/console/circulars/${encodeURIComponent(circularId)}?done=${encodeURIComponent(done)}` },
      body: '',
    };
  } catch (error) {
    if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
    const circular = await getCircular(deps, circularId);
    const errors =
      error instanceof ValidationError
        ? formErrors(error.extensions.errors as Record<string, string>)
        : { [conflictField]: error.message };
    return circularPage(deps, circular, { identity, statusCode: error.statusCode, errors });
  }
}
