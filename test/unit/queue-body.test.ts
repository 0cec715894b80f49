import { describe, expect, it } from 'vitest';
import { CARRY_LIMIT, type CarriedMessage, queueBody, readQueueBody } from '../../functions/mail/outbox.ts';
import { carriedRegistrantLinks } from '../../functions/registrations/notifications.ts';
import { hashToken } from '../../functions/registrations/tokens.ts';

/** The sender's queue message: an outbox id, or the message itself when it is small enough. */
const message: CarriedMessage = {
  messageId: 'm1.r1.verify-email.1',
  recipient: 'person@example.org',
  language: 'fr',
  template: 'verify-email.to-registrant',
  data: { name: 'Personne' },
  links: { meetingId: 'm1', registrationId: 'r1', verify: true },
  manageToken: 'manage-secret',
};

describe('queue bodies', () => {
  it('an id stays an id; a message travels whole and reads back the same', () => {
    expect(readQueueBody(queueBody('abc'))).toEqual({ messageId: 'abc' });
    expect(readQueueBody(queueBody(message))).toEqual({ messageId: message.messageId, carried: message });
  });

  it('a message too big to carry goes by id (the sender then reads it)', () => {
    const big = { ...message, data: { text: 'x'.repeat(CARRY_LIMIT) } };
    const body = queueBody(big);
    expect(body.length).toBeLessThan(200);
    expect(readQueueBody(body)).toEqual({ messageId: message.messageId });
  });

  it('a carried message that names another id is ignored: the id decides', () => {
    const body = JSON.stringify({ messageId: 'other', carried: message });
    expect(readQueueBody(body)).toEqual({ messageId: 'other' });
  });
});

describe('links of a carried registrant email', () => {
  it('the verify link carries a new token whose hash goes to the claim; the manage link its token', () => {
    const made = carriedRegistrantLinks(
      'https://u4ssc.example.org',
      { meetingId: 'm1', registrationId: 'r1', verify: true },
      {
        manageToken: 'manage-secret',
        language: 'fr',
      },
    );
    const verify = new URL(made?.links.verify ?? '');
    expect(verify.pathname).toBe('/meetings/m1/registrations/r1/verify');
    expect(verify.searchParams.get('lang')).toBe('fr');
    expect(made?.registration).toEqual({
      meetingId: 'm1',
      registrationId: 'r1',
      hash: hashToken(verify.searchParams.get('token') ?? ''),
    });
    expect(made?.links.manage).toBe(
      'https://u4ssc.example.org/meetings/m1/registrations/r1?token=manage-secret&lang=fr',
    );
  });

  it('without the manage token: none (the long way)', () => {
    const spec = { meetingId: 'm1', registrationId: 'r1', verify: true };
    expect(carriedRegistrantLinks('https://x', spec, { language: 'en' })).toBeUndefined();
    expect(carriedRegistrantLinks('https://x', { meetingId: 'm1', registrationId: 'r1' }, { language: 'en' })).toBe(
      undefined,
    );
  });

  it('an email that verifies nothing (a reminder): the manage link, and the claim checks the registration exists', () => {
    const made = carriedRegistrantLinks(
      'https://x',
      { meetingId: 'm1', registrationId: 'r1' },
      { manageToken: 't', language: 'ru' },
    );
    expect(made).toEqual({
      links: { manage: 'https://x/meetings/m1/registrations/r1?token=t&lang=ru' },
      registration: { meetingId: 'm1', registrationId: 'r1' },
    });
  });
});
