import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../functions/documents/pdf.ts';
import {
  annexIIDocument,
  consentLetterDocument,
  decisionRecordDocument,
  workPlanDocument,
} from '../../functions/governance/documents.ts';
import { KINDS, type KindDefinition } from '../../functions/governance/kinds.ts';
import { TEMPLATES } from '../../functions/governance/notifications.ts';
import { countVotes, describeRule } from '../../functions/governance/outcome.ts';
import type { Ballot, GovernanceRequest } from '../../functions/governance/request.ts';
import { renderEmail } from '../../functions/mail/render.ts';
import { PARTNERS } from '../../infra/local/seed-data.ts';
import { hasPoppler, normalise, pdfjsPages, popplerPages } from '../support/pdf-text.ts';

const ids = PARTNERS.map((p) => p.partnerId);
const ballot = (partnerId: string, choice: Ballot['choice']): Ballot => ({
  requestId: 'r',
  partnerId,
  choice,
  voterEmail: `${partnerId}@example.org`,
  votedAt: '2026-11-26T10:00:00Z',
});
const rule = { quorum: 0.5, majority: 0.5, namedPartnerVeto: false };

describe('counting a vote', () => {
  it('needs the quorum of all partners, abstentions counting for it', () => {
    const eight = ids.slice(0, 8).map((id) => ballot(id, 'for'));
    expect(countVotes(rule, ids, eight, undefined, 'x')).toMatchObject({ quorumMet: false, passed: false });
    const nine = [...eight, ballot(ids[8] as string, 'abstain')];
    expect(countVotes(rule, ids, nine, undefined, 'x')).toMatchObject({ quorumMet: true, passed: true, abstain: 1 });
  });

  it('passes with more than the majority of for and against; a tie fails', () => {
    const tie = ids.slice(0, 10).map((id, i) => ballot(id, i % 2 ? 'for' : 'against'));
    expect(countVotes(rule, ids, tie, undefined, 'x').passed).toBe(false);
    const twoThirds = { ...rule, majority: 2 / 3 };
    const seven = ids.slice(0, 10).map((id, i) => ballot(id, i < 7 ? 'for' : 'against'));
    expect(countVotes(twoThirds, ids, seven, undefined, 'x').passed).toBe(true);
    const six = ids.slice(0, 9).map((id, i) => ballot(id, i < 6 ? 'for' : 'against'));
    expect(countVotes(twoThirds, ids, six, undefined, 'x').passed).toBe(false);
  });

  it('counts one ballot per partner, only of partners, and the named partner may veto', () => {
    const ballots = [
      ballot('itu', 'against'),
      ballot('itu', 'for'),
      ballot('stranger', 'against'),
      ballot('fao', 'for'),
    ];
    const result = countVotes({ ...rule, quorum: 0 }, ids, ballots, undefined, 'x');
    expect(result).toMatchObject({ voted: 2, for: 2, against: 0, passed: true });
    const veto = countVotes(
      { quorum: 0, majority: 0.5, namedPartnerVeto: true },
      ids,
      [ballot('itu', 'for'), ballot('fao', 'for'), ballot('undp', 'against')],
      'undp',
      'x',
    );
    expect(veto).toMatchObject({ passed: false, namedPartnerObjected: true });
  });

  it('describes the rule in words', () => {
    expect(describeRule({ quorum: 0, majority: 0.5, namedPartnerVeto: true })).toMatch(/no quorum.*50%.*partner named/);
  });
});

describe('the kinds', () => {
  it.each(Object.values(KINDS).map((k) => [k.kind, k as KindDefinition] as const))(
    '%s: every transition leads to a stage or a terminal state; terminal states have no stage',
    (_kind, def) => {
      const known = new Set([...Object.keys(def.stages), ...def.terminal]);
      expect(known.has(def.initial)).toBe(true);
      for (const stage of Object.values(def.stages)) {
        for (const t of Object.values(stage.transitions)) expect(known.has(t?.to ?? '')).toBe(true);
        if (stage.vote)
          expect([stage.vote.passed, stage.vote.failed].every((s) => def.terminal.includes(s))).toBe(true);
      }
      for (const state of def.terminal) expect(def.stages[state]).toBeUndefined();
    },
  );

  it('has a template for every email it sends, rendering with the values the engine gives', () => {
    for (const template of TEMPLATES) {
      expect(existsSync(`templates/emails/${template}/en.hbs`), template).toBe(true);
      const email = renderEmail(template, 'en', {
        kindTitle: 'Hub request',
        tor: 'ToR §30',
        summary: 'Hub Almaty',
        state: 'approved',
        comment: '',
        closesAt: '2026-12-01T12:00:00.000Z',
        rule: 'no quorum',
        result: '3 for',
        passed: true,
        approved: true,
        rejected: false,
        withdrawn: false,
        publicRequester: false,
        link: 'https://u4ssc.example/console/governance/requests/x',
      });
      expect(email.subject, template).toMatch(/Hub Almaty/);
      expect(email.text, template).toContain('https://u4ssc.example/console/governance/requests/x');
    }
  });

  it("writes to a hub request's public requester in each of the six languages, linking to a page", () => {
    for (const template of TEMPLATES.filter((t) => t.startsWith('hub-request-') && t.endsWith('.to-requester'))) {
      for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) {
        for (const [approved, withdrawn] of [
          [true, false],
          [false, true],
          [false, false],
        ]) {
          const email = renderEmail(template, lang, {
            kindTitle: 'Hub request',
            tor: 'ToR §30',
            summary: 'Hub Almaty',
            state: 'approved',
            comment: 'A reason',
            closesAt: '',
            rule: 'majority',
            result: '3 for',
            passed: approved,
            approved,
            rejected: !approved && !withdrawn,
            withdrawn,
            publicRequester: true,
            link: `https://u4ssc.example/partners?lang=${lang}`,
          });
          expect(email.subject, `${template} ${lang}`).toContain('Hub Almaty');
          expect(email.text, `${template} ${lang}`).toContain(`https://u4ssc.example/partners?lang=${lang}`);
          expect(email.html, `${template} ${lang}`).toContain(`lang="${lang}"`);
        }
      }
    }
  });
});

const decided: GovernanceRequest = {
  requestId: 'abcDEF123',
  kind: 'e-decision',
  state: 'carried',
  version: 3,
  requesterEmail: 'board@example.org',
  requesterName: 'Board',
  fields: { title: 'Adopt the 2027 work plan', motion: 'The Partners Council approves the 2027 work plan.' },
  voting: { closesAt: '2026-12-01T12:00:00.000Z', rule },
  result: {
    ...countVotes(
      rule,
      ids,
      [ballot('itu', 'for'), ballot('unece', 'for'), ...ids.slice(2, 9).map((id) => ballot(id, 'against'))],
      undefined,
      '2026-12-01T12:00:00.000Z',
    ),
  },
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-12-01T12:00:00.000Z',
};

const text = async (pdf: Buffer) => {
  const pages = hasPoppler ? popplerPages(pdf) : await pdfjsPages(pdf);
  return normalise(pages.join(' '));
};

describe('governance documents', () => {
  it('the decision record, in English and Russian, from the counted vote', async () => {
    const en = await text(await renderPdf(decisionRecordDocument(decided, PARTNERS, 'en')));
    expect(en).toContain('Adopt the 2027 work plan');
    expect(en).toContain('U4SSC/PC/2026/ED-ABCDEF');
    expect(en).toContain('Partners that voted: 9 of 17');
    expect(en).toContain('The motion is not carried.');
    expect(en).toContain('International Telecommunication Union (ITU)');
    const ru = await text(await renderPdf(decisionRecordDocument(decided, PARTNERS, 'ru')));
    expect(ru).toContain('Совет партнеров · электронное решение');
    expect(ru).toContain('Проголосовали партнеров: 9 из 17');
    expect(ru).toContain('Всемирная метеорологическая организация (ВМО)');
    expect(ru).toContain('Не голосовал');
    expect(() => decisionRecordDocument(decided, PARTNERS, 'de')).toThrow(/ar, en, es, fr, ru, zh/);
    expect(() => decisionRecordDocument({ ...decided, result: undefined }, PARTNERS, 'en')).toThrow(/counted/);
  });

  it('the logo consent letter, with its reference number, in English and Russian', async () => {
    const logo: GovernanceRequest = {
      ...decided,
      requestId: 'xyzUVW987',
      kind: 'logo-consent',
      state: 'consented',
      requesterName: 'Amina Diallo',
      fields: {
        organisation: 'City of Dakar',
        purpose: 'Conference banner',
        medium: 'print',
        from: '2027-01-01',
        until: '2027-02-01',
      },
    };
    const en = await text(await renderPdf(consentLetterDocument(logo, 'en', '2026-11-26T10:00:00Z')));
    expect(en).toContain('Ref: U4SSC/LOGO/2026/XYZUVW');
    expect(en).toContain('Period: from 1 January 2027 to 1 February 2027');
    expect(en).toContain('written consent to use and reproduce the U4SSC name and logo');
    const ru = await text(await renderPdf(consentLetterDocument(logo, 'ru', '2026-11-26T10:00:00Z')));
    expect(ru).toContain('Цель: Conference banner');
    expect(ru).toContain('Письменное согласие');
    expect(() => consentLetterDocument({ ...logo, state: 'submitted' }, 'en', 'x')).toThrow(/consented/);
  });

  it('the decision record, the consent letter and the work plan in French, Spanish, Chinese and Arabic', async () => {
    const logo: GovernanceRequest = {
      ...decided,
      requestId: 'xyzUVW987',
      kind: 'logo-consent',
      state: 'consented',
      requesterName: 'Amina Diallo',
      fields: {
        organisation: 'City of Dakar',
        purpose: 'Banner',
        medium: 'print',
        from: '2027-01-01',
        until: '2027-02-01',
      },
    };
    const plan: GovernanceRequest = {
      ...decided,
      requestId: 'planAB1234',
      kind: 'work-plan',
      state: 'approved',
      fields: { year: 2027, draft: 'First paragraph of the plan.\n\nSecond paragraph.' },
    };
    const expected = {
      fr: [
        'Partenaires ayant voté : 9 sur 17',
        'La motion n’est pas adoptée.',
        'Période : du 1 janvier 2027 au 1 février 2027',
        'Le programme de travail de l’U4SSC pour 2027',
      ],
      es: [
        'Asociados que votaron: 9 de 17',
        'La moción no queda aprobada.',
        'Período: del 1 de enero de 2027 al 1 de febrero de 2027',
        'El programa de trabajo de U4SSC para 2027',
      ],
      zh: ['动议未获通过。', '未投票', '目的：Banner', 'U4SSC 2027年工作计划'],
      ar: ['لم يُعتمد الاقتراح', 'لم يصوّت', 'Banner', 'خطة عمل U4SSC'],
    } as const;
    for (const [lang, [voted, outcome, consent, title]] of Object.entries(expected)) {
      const record = await text(await renderPdf(decisionRecordDocument(decided, PARTNERS, lang)));
      expect(record, lang).toContain(voted);
      expect(record, lang).toContain(outcome);
      expect(record, lang).toContain('U4SSC/PC/2026/ED-ABCDEF');
      const letter = await text(await renderPdf(consentLetterDocument(logo, lang, '2026-11-26T10:00:00Z')));
      expect(letter, lang).toContain(consent);
      expect(letter, lang).toContain('U4SSC/LOGO/2026/XYZUVW');
      const approved = await text(await renderPdf(workPlanDocument(plan, lang)));
      expect(approved, lang).toContain(title);
      expect(approved, lang).toContain('Second paragraph.');
    }
  }, 60_000);

  it('the Annex II list: the 17 partners, in English, Russian and Arabic', async () => {
    const at = new Date('2026-11-26T10:00:00Z');
    const en = await text(await renderPdf(annexIIDocument(PARTNERS, 'en', at)));
    expect(en).toContain('Annex II: U4SSC partners');
    for (const p of PARTNERS) expect(en).toContain(normalise(p.name));
    expect(en).toMatch(/17 WMO World Meteorological Organization/);
    const ru = await text(await renderPdf(annexIIDocument(PARTNERS, 'ru', at)));
    expect(ru).toContain('Приложение II: партнеры U4SSC');
    expect(ru).toContain('Программа развития Организации Объединенных Наций (ПРООН)');
    const ar = await text(await renderPdf(annexIIDocument(PARTNERS, 'ar', at)));
    expect(ar).toContain('شركاء');
    expect(ar).toContain('UNESCO');
  });

  it('the Annex II list in French and Chinese: a name recorded in the language, else the English one marked [en]', async () => {
    const at = new Date('2026-11-26T10:00:00Z');
    const partners = PARTNERS.map((p) =>
      p.partnerId === 'wmo' ? { ...p, nameFr: 'Organisation météorologique mondiale (OMM)' } : p,
    );
    const fr = await text(await renderPdf(annexIIDocument(partners, 'fr', at)));
    expect(fr).toContain('Organisation météorologique mondiale (OMM)');
    expect(fr).not.toContain('World Meteorological Organization');
    expect(fr).toContain('International Telecommunication Union [en]');
    const zh = await text(await renderPdf(annexIIDocument(partners, 'zh', at)));
    expect(zh).toContain('World Meteorological Organization [en]');
  });
});
