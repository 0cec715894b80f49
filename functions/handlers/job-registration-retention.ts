import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { jobHandler } from '../jobs/handler.ts';
import { purgeExpiredPersonalData } from '../registrations/operations.ts';

export const handler = jobHandler('registration-retention', (at) => purgeExpiredPersonalData(registrationsDeps(), at));
