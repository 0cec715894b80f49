import { longDate } from '../circulars/phrasing.ts';
import type { DocumentModel } from '../documents/model.ts';
import { renderDocument } from '../documents/templates.ts';
import { isLang, type Lang } from '../i18n/languages.ts';
import type { Attachment } from '../mail/delivery.ts';
import type { AttachmentSpec } from '../mail/outbox.ts';
import { type Meeting, meetingText } from '../meetings/meeting.ts';
import { meetingSummary } from './notifications.ts';
import type { RegistrationStore } from './ports.ts';
import type { Registration } from './registration.ts';

const SIGNATORY: Record<Lang, { name: string; title: string }> = {
  ar: {
    name: 'أمانة مبادرة U4SSC',
    title: 'الاتحاد الدولي للاتصالات، لجنة الأمم المتحدة الاقتصادية لأوروبا، موئل الأمم المتحدة',
  },
  en: { name: 'U4SSC secretariat', title: 'ITU, UNECE and UN-Habitat' },
  es: { name: 'Secretaría de U4SSC', title: 'UIT, CEPE y ONU-Hábitat' },
  fr: { name: 'Secrétariat de l’U4SSC', title: 'UIT, CEE-ONU et ONU-Habitat' },
  ru: { name: 'Секретариат U4SSC', title: 'МСЭ, ЕЭК ООН и ООН-Хабитат' },
  zh: { name: 'U4SSC秘书处', title: '国际电联、联合国欧洲经济委员会和联合国人居署' },
};

const PLACE: Record<Lang, string> = {
  ar: 'جنيف، {date}',
  en: 'Geneva, {date}',
  es: 'Ginebra, {date}',
  fr: 'Genève, le {date}',
  ru: 'Женева, {date}',
  zh: '日内瓦，{date}',
};

/** The personal invitation of an approved registrant, in their language (templates/documents/invitation/<lang>.hbs). */
export function invitationDocument(input: {
  /** The name as the PDF can print it (fonts are the renderer's); as given when left out. */
  printable?: ((name: string, fallback: string) => string) | undefined;
  registration: Registration;
  meeting: Meeting;
  now: Date;
  contactEmail: string;
}): DocumentModel {
  const { registration: r, meeting } = input;
  const lang: Lang = isLang(r.language) ? r.language : 'en';
  const summary = meetingSummary(meeting, lang);
  const text = meetingText(meeting, lang);
  const names = new Intl.DisplayNames([lang], { type: 'language' });
  return renderDocument('invitation', lang, {
    registrant: {
      name: input.printable ? input.printable(r.name, r.email) : r.name,
      title: r.title,
      organisation: r.organisation,
    },
    meeting: {
      title: text.title,
      when: summary.when,
      format: summary.format,
      languages: meeting.languages.map((code) => names.of(code) ?? code).join(', '),
      objectives: text.objectives,
      eventUrl: meeting.eventUrl ?? '',
      joiningDetails: text.joiningDetails ?? '',
    },
    letter: {
      placeAndDate: PLACE[lang].replace('{date}', longDate(input.now.toISOString(), 'Europe/Zurich', lang)),
      reference: `U4SSC/${meeting.number}/${r.registrationId.slice(0, 8).toUpperCase()}`,
      contactEmail: input.contactEmail,
      signatory: SIGNATORY[lang],
    },
  });
}

/** The invitation as an email attachment, made at send time from the registration as it is then. */
export async function invitationAttachment(
  deps: {
    store: Pick<RegistrationStore, 'getMeeting' | 'getRegistration'>;
    renderPdf: (model: DocumentModel) => Promise<Buffer>;
    printableName?: (name: string, fallback: string) => string;
    now: () => Date;
    contactEmail: string;
  },
  spec: Extract<AttachmentSpec, { kind: 'invitation-pdf' }>,
): Promise<Attachment | undefined> {
  const [meeting, registration] = await Promise.all([
    deps.store.getMeeting(spec.meetingId),
    deps.store.getRegistration(spec.meetingId, spec.registrationId),
  ]);
  if (!meeting || registration?.status !== 'approved') return undefined;
  const pdf = await deps.renderPdf(
    invitationDocument({
      registration,
      meeting,
      now: deps.now(),
      contactEmail: deps.contactEmail,
      printable: deps.printableName,
    }),
  );
  return { filename: `U4SSC-invitation-${meeting.meetingId}.pdf`, contentType: 'application/pdf', content: pdf };
}
