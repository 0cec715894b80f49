import { now, publicBaseUrl } from '../adapters/wiring/core.ts';
import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { publicWriteLimiter, registrationsDeps } from '../adapters/wiring/registrations.ts';
import { DomainError, ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { html, json, seeOther } from '../http/responses.ts';
import { translate } from '../i18n/messages.ts';
import { getMeeting } from '../meetings/index.ts';
import { pageLang, registerPage, sentCookie } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { submitRegistration } from '../registrations/operations.ts';
import { routeFor } from '../routes.ts';

/** The form (`POST /meetings/{id}/register`) and the JSON API share this handler and its validation. */
export const handler = httpHandler(
  routeFor('POST /meetings/{meetingId}/register'),
  async ({ params, query, body, event }) => {
    const meetingId = params.meetingId ?? '';
    const form = /x-www-form-urlencoded/i.test(event.headers?.['content-type'] ?? '');
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      throw new ValidationError('The body must be a JSON object or an HTML form.', { body: 'Send an object.' });
    }
    const lang = pageLang(
      query,
      form ? body : { lang: (body as { language?: unknown } | undefined)?.language },
      event.headers?.['accept-language'],
    );
    try {
      const result = await submitRegistration(registrationsDeps(), meetingId, body, lang);
      // Form: POST → redirect → GET, so reloading the answer never sends the form again. The
      // address it names travels in a short-lived cookie of this form's path, not in the URL.
      if (form) {
        return {
          ...seeOther(`/meetings/${encodeURIComponent(meetingId)}/register?lang=${lang}&sent=1`),
          cookies: [sentCookie(meetingId, result.email, publicBaseUrl().startsWith('https:'))],
        };
      }
      return json(202, {
        status: result.outcome,
        detail: translate(lang, 'register.checkEmail', { email: result.email }),
      });
    } catch (error) {
      // The form is shown again, filled in, with each error beside its field.
      if (form && error instanceof DomainError && (error instanceof ValidationError || error.statusCode === 409)) {
        const meeting = await getMeeting(meetingsDeps(), meetingId);
        const errors =
          error instanceof ValidationError ? (error.extensions.errors as Record<string, string>) : undefined;
        return html(
          error.statusCode,
          renderPage('register', registerPage(meeting, lang, now(), body as Record<string, unknown>, errors)),
        );
      }
      throw error;
    }
  },
  { rateLimiter: publicWriteLimiter, maxBodyBytes: 32 * 1024 },
);
