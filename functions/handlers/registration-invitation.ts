import { documentDeps } from '../adapters/wiring/documents.ts';
import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { invitationPdf } from '../registrations/operations.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /meetings/{meetingId}/registrations/{registrationId}/invitation.pdf'),
  async ({ params, query }) => {
    const body = await invitationPdf(
      { ...registrationsDeps(), ...documentDeps() },
      params.meetingId ?? '',
      params.registrationId ?? '',
      query.token ?? '',
    );
    return pdf(`U4SSC-invitation-${params.meetingId}.pdf`, body, 'attachment', { 'cache-control': 'no-store' });
  },
);
