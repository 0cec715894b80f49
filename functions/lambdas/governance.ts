/** The governance function (requests of every kind of the Terms of Reference, votes, audit trails). Handlers as assigned in functions/routes.ts. */

import { countWaiting } from '../adapters/wiring/inbox.ts';
import { handler as consoleGovernance } from '../handlers/console-governance.ts';
import { handler as consoleGovernanceAct } from '../handlers/console-governance-act.ts';
import { handler as consoleGovernanceOpen } from '../handlers/console-governance-open.ts';
import { handler as consoleGovernanceRequest } from '../handlers/console-governance-request.ts';
import { handler as consoleGovernanceStructure } from '../handlers/console-governance-structure.ts';
import { handler as consoleGovernanceStructureAct } from '../handlers/console-governance-structure-act.ts';
import { handler as governanceAuditCsv } from '../handlers/governance-audit-csv.ts';
import { handler as governanceRequestGet } from '../handlers/governance-request-get.ts';
import { handler as governanceRequestTransition } from '../handlers/governance-request-transition.ts';
import { handler as governanceRequestsList } from '../handlers/governance-requests-list.ts';
import { handler as governanceStructureAct } from '../handlers/governance-structure-act.ts';
import { handler as governanceStructureGet } from '../handlers/governance-structure-get.ts';
import { handler as governanceVote } from '../handlers/governance-vote.ts';
import { handler as hubRequestForm } from '../handlers/hub-request-form.ts';
import { handler as hubRequestSubmit } from '../handlers/hub-request-submit.ts';
import { handler as hubRequestVerify } from '../handlers/hub-request-verify.ts';
import { handler as hubRequestVerifyPage } from '../handlers/hub-request-verify-page.ts';
import { countWaitingWith } from '../http/console-navigation.ts';
import { routeDispatcher } from './dispatch.ts';

// Its console pages show the count of governance requests waiting for the signed-in person.
countWaitingWith(countWaiting);

export const handler = routeDispatcher('governance', {
  'governance-requests-list': governanceRequestsList,
  'governance-request-get': governanceRequestGet,
  'governance-request-transition': governanceRequestTransition,
  'governance-vote': governanceVote,
  'governance-audit-csv': governanceAuditCsv,
  'governance-structure-get': governanceStructureGet,
  'governance-structure-act': governanceStructureAct,
  'console-governance': consoleGovernance,
  'hub-request-form': hubRequestForm,
  'hub-request-submit': hubRequestSubmit,
  'hub-request-verify-page': hubRequestVerifyPage,
  'hub-request-verify': hubRequestVerify,
  'console-governance-request': consoleGovernanceRequest,
  'console-governance-act': consoleGovernanceAct,
  'console-governance-open': consoleGovernanceOpen,
  'console-governance-structure': consoleGovernanceStructure,
  'console-governance-structure-act': consoleGovernanceStructureAct,
});
