import { governanceDeps } from '../adapters/wiring/governance.ts';
import { remindVoters } from '../governance/index.ts';
import { jobHandler } from '../jobs/handler.ts';

export const handler = jobHandler('governance-reminders', (at) => remindVoters(governanceDeps(), at));
