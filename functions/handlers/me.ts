import { peopleDeps } from '../adapters/wiring/people.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { describePerson } from '../people/index.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/me'), async ({ identity }) => {
  return json(200, await describePerson(peopleDeps(), identity));
});
