/** The circulars function (secretariat API: circulars and distribution lists). Handlers as assigned in functions/routes.ts. */

import { handler as circularCreate } from '../handlers/circular-create.ts';
import { handler as circularDistribute } from '../handlers/circular-distribute.ts';
import { handler as circularGet } from '../handlers/circular-get.ts';
import { handler as circularImport } from '../handlers/circular-import.ts';
import { handler as circularIssue } from '../handlers/circular-issue.ts';
import { handler as circularPreview } from '../handlers/circular-preview.ts';
import { handler as circularSequenceSet } from '../handlers/circular-sequence-set.ts';
import { handler as circularSequences } from '../handlers/circular-sequences.ts';
import { handler as circularUpdate } from '../handlers/circular-update.ts';
import { handler as circularsList } from '../handlers/circulars-list.ts';
import { handler as distributionListGet } from '../handlers/distribution-list-get.ts';
import { handler as distributionListSave } from '../handlers/distribution-list-save.ts';
import { routeDispatcher } from './dispatch.ts';

export const handler = routeDispatcher('circulars', {
  'circular-create': circularCreate,
  'circulars-list': circularsList,
  'circular-get': circularGet,
  'circular-update': circularUpdate,
  'circular-preview': circularPreview,
  'circular-issue': circularIssue,
  'circular-import': circularImport,
  'circular-distribute': circularDistribute,
  'circular-sequences': circularSequences,
  'circular-sequence-set': circularSequenceSet,
  'distribution-list-get': distributionListGet,
  'distribution-list-save': distributionListSave,
});
