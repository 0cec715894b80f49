/** The console-circulars function (secretariat console: circulars and distribution lists). Handlers as assigned in functions/routes.ts. */

import { countWaiting } from '../adapters/wiring/inbox.ts';
import { handler as consoleCircularCreate } from '../handlers/console-circular-create.ts';
import { handler as consoleCircularDelete } from '../handlers/console-circular-delete.ts';
import { handler as consoleCircularDistribute } from '../handlers/console-circular-distribute.ts';
import { handler as consoleCircularEdit } from '../handlers/console-circular-edit.ts';
import { handler as consoleCircularIssue } from '../handlers/console-circular-issue.ts';
import { handler as consoleCircularPreview } from '../handlers/console-circular-preview.ts';
import { handler as consoleCircularSave } from '../handlers/console-circular-save.ts';
import { handler as consoleCircularSequenceSet } from '../handlers/console-circular-sequence-set.ts';
import { handler as consoleCircularSequences } from '../handlers/console-circular-sequences.ts';
import { handler as consoleCirculars } from '../handlers/console-circulars.ts';
import { handler as consoleDistributionList } from '../handlers/console-distribution-list.ts';
import { handler as consoleDistributionListSave } from '../handlers/console-distribution-list-save.ts';
import { countWaitingWith } from '../http/console-navigation.ts';
import { routeDispatcher } from './dispatch.ts';

// Its console pages show the count of governance requests waiting for the signed-in person.
countWaitingWith(countWaiting);

export const handler = routeDispatcher('console-circulars', {
  'console-circulars': consoleCirculars,
  'console-circular-create': consoleCircularCreate,
  'console-circular-edit': consoleCircularEdit,
  'console-circular-save': consoleCircularSave,
  'console-circular-preview': consoleCircularPreview,
  'console-circular-issue': consoleCircularIssue,
  'console-circular-delete': consoleCircularDelete,
  'console-circular-distribute': consoleCircularDistribute,
  'console-circular-sequences': consoleCircularSequences,
  'console-circular-sequence-set': consoleCircularSequenceSet,
  'console-distribution-list': consoleDistributionList,
  'console-distribution-list-save': consoleDistributionListSave,
});
