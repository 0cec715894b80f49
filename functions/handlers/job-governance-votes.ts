import { governanceDeps } from '../adapters/wiring/governance.ts';
import { closeDueVotes } from '../governance/index.ts';
import { jobHandler } from '../jobs/handler.ts';

export const handler = jobHandler('governance-votes', (at) => closeDueVotes(governanceDeps(), at));
