import type { Hub, Office } from '../../functions/governance/records.ts';
import type { GovernanceRequest, NominationCall } from '../../functions/governance/request.ts';
import type { Deliverable, ThematicGroup } from '../../functions/governance/structure.ts';
import type { Role } from '../../functions/identity/roles.ts';
import type { NewMeeting } from '../../functions/meetings/meeting.ts';
import type { Partner } from '../../functions/partners/index.ts';

/** The 6th U4SSC meeting, as TSB Circular 352 (Geneva, 13 October 2021) announced it. */
export const MEETING_6: NewMeeting = {
  meetingId: 'u4ssc-6',
  number: 6,
  title: 'Sixth meeting of the United for Smart Sustainable Cities (U4SSC) initiative',
  organisers: ['ITU', 'UNECE', 'UN-Habitat'],
  format: 'virtual',
  // 10:00–15:30 Geneva time (CET, UTC+1) on 7 December 2021.
  startsAt: '2021-12-07T09:00:00.000Z',
  endsAt: '2021-12-07T14:30:00.000Z',
  timeZone: 'Europe/Zurich',
  languages: ['en'],
  objectives: [
    'Discuss the activities of the U4SSC initiative',
    'Provide an update on the work of the U4SSC thematic groups',
    'Approve the Terms of Reference and the annual work plan of U4SSC (2021–2022)',
    'Present the latest results of the work of U4SSC',
  ],
  eventUrl: 'https://www.itu.int/en/ITU-T/ssc/united/Pages/202112/meeting.aspx',
  announcedBy: 'TSB Circular 352',
  // The Russian objectives as TSB Circular 352 gives them; the other languages as the UN writes them.
  translations: {
    ru: {
      title:
        'Шестое собрание в рамках инициативы "Объединение усилий в целях построения "умных" устойчивых городов (U4SSC)"',
      objectives: [
        'обсудить деятельность в рамках инициативы U4SSC;',
        'представить обновленную информацию о работе тематических групп U4SSC;',
        'утвердить круг ведения и годовой план работы U4SSC (2021−2022 гг.);',
        'представить последние результаты работы в рамках U4SSC.',
      ],
    },
    fr: {
      title: "Sixième réunion de l'initiative « Tous unis pour des villes intelligentes et durables » (U4SSC)",
      objectives: [
        "examiner les activités de l'initiative U4SSC;",
        "faire le point sur les travaux des groupes thématiques de l'initiative U4SSC;",
        "approuver le mandat et le plan de travail annuel de l'initiative U4SSC (2021-2022);",
        "présenter les derniers résultats des travaux de l'initiative U4SSC.",
      ],
    },
    es: {
      title: 'Sexta reunión de la iniciativa "Unidos por unas ciudades inteligentes y sostenibles" (U4SSC)',
      objectives: [
        'examinar las actividades de la iniciativa U4SSC;',
        'presentar información actualizada sobre la labor de los grupos temáticos de la U4SSC;',
        'aprobar el mandato y el plan de trabajo anual de la U4SSC (2021-2022);',
        'presentar los últimos resultados de la labor de la U4SSC.',
      ],
    },
    ar: {
      title: 'الاجتماع السادس لمبادرة "متحدون من أجل مدن ذكية ومستدامة" (U4SSC)',
      objectives: [
        'مناقشة أنشطة مبادرة U4SSC؛',
        'تقديم معلومات محدّثة عن عمل الأفرقة المواضيعية التابعة لمبادرة U4SSC؛',
        'الموافقة على اختصاصات مبادرة U4SSC وخطة عملها السنوية (2021-2022)؛',
        'عرض أحدث نتائج العمل في إطار مبادرة U4SSC.',
      ],
    },
    zh: {
      title: '“联合推进智慧可持续城市”倡议（U4SSC）第六次会议',
      objectives: [
        '讨论U4SSC倡议的各项活动；',
        '介绍U4SSC各专题组的最新工作情况；',
        '批准U4SSC的职责范围和年度工作计划（2021-2022年）；',
        '介绍U4SSC工作的最新成果。',
      ],
    },
  },
};

/** The instant at which a Geneva wall-clock time occurs on a given day. */
function genevaTime(day: Date, hours: number, minutes: number): string {
  const guess = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Zurich',
    hourCycle: 'h23',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(guess);
  const localHours = Number(parts.find((p) => p.type === 'hour')?.value);
  const offsetHours = localHours - hours;
  return new Date(guess - offsetHours * 3_600_000).toISOString();
}

/**
 * An upcoming meeting whose registration is open, its dates relative to today, so that the
 * form can be tried at once: /meetings/u4ssc-demo/register.
 */
export function demoMeeting(today: Date): NewMeeting {
  const day = new Date(today.getTime() + 30 * 86_400_000);
  return {
    meetingId: 'u4ssc-demo',
    number: 7,
    title: 'Seventh meeting of the United for Smart Sustainable Cities (U4SSC) initiative (demonstration)',
    organisers: ['ITU', 'UNECE', 'UN-Habitat'],
    format: 'hybrid',
    startsAt: genevaTime(day, 10, 0),
    endsAt: genevaTime(day, 15, 30),
    timeZone: 'Europe/Zurich',
    languages: ['en', 'fr', 'ru'],
    objectives: [
      'Review the progress of the U4SSC thematic groups',
      'Present the city KPI assessment results of the year',
      'Discuss the work plan for the coming year',
    ],
    eventUrl: 'https://www.itu.int/en/ITU-T/ssc/united/Pages/default.aspx',
    announcedBy: 'Demonstration data',
    joiningDetails:
      'In person: ITU headquarters, Geneva (Popov room).\nRemote: https://meet.example.org/u4ssc-demo (passcode 2030)',
    registrationOpensAt: new Date(today.getTime() - 86_400_000).toISOString(),
    registrationClosesAt: genevaTime(new Date(day.getTime() - 86_400_000), 23, 59),
    capacity: 40,
    requiresApproval: false,
    retentionDays: 180,
  };
}

/** The 17 partners of the Terms of Reference, Annex II, with the secretariat focal points of Annex III. */
const PARTNER_LIST: Partner[] = [
  {
    partnerId: 'itu',
    acronym: 'ITU',
    name: 'International Telecommunication Union',
    nameRu: 'Международный союз электросвязи (МСЭ)',
    secretariatFocalPoint: 'Ms Cristina Bueti',
  },
  {
    partnerId: 'unece',
    acronym: 'UNECE',
    name: 'United Nations Economic Commission for Europe',
    nameRu: 'Европейская экономическая комиссия Организации Объединенных Наций (ЕЭК ООН)',
    secretariatFocalPoint: 'Ms Gulnara Roll',
  },
  {
    partnerId: 'cbd',
    acronym: 'CBD',
    name: 'Secretariat of the Convention on Biological Diversity',
    nameRu: 'Секретариат Конвенции о биологическом разнообразии (КБР)',
  },
  {
    partnerId: 'fao',
    acronym: 'FAO',
    name: 'Food and Agriculture Organization of the United Nations',
    nameRu: 'Продовольственная и сельскохозяйственная организация Объединенных Наций (ФАО)',
  },
  {
    partnerId: 'un-women',
    acronym: 'UN Women',
    name: 'United Nations Entity for Gender Equality and the Empowerment of Women',
    nameRu:
      'Структура Организации Объединенных Наций по вопросам гендерного равенства и расширения прав и возможностей женщин («ООН-женщины»)',
  },
  {
    partnerId: 'eca',
    acronym: 'ECA',
    name: 'United Nations Economic Commission for Africa',
    nameRu: 'Экономическая комиссия для Африки (ЭКА) Организации Объединенных Наций',
  },
  {
    partnerId: 'eclac',
    acronym: 'ECLAC',
    name: 'United Nations Economic Commission for Latin America and the Caribbean',
    nameRu: 'Экономическая комиссия для Латинской Америки и Карибского бассейна (ЭКЛАК) Организации Объединенных Наций',
  },
  {
    partnerId: 'undp',
    acronym: 'UNDP',
    name: 'United Nations Development Programme',
    nameRu: 'Программа развития Организации Объединенных Наций (ПРООН)',
  },
  {
    partnerId: 'un-habitat',
    acronym: 'UN-Habitat',
    name: 'United Nations Human Settlements Programme',
    nameRu: 'Программа Организации Объединенных Наций по населенным пунктам (ООН-Хабитат)',
    secretariatFocalPoint: 'Mr Robert Lewis-Lettington',
  },
  {
    partnerId: 'unep',
    acronym: 'UNEP',
    name: 'United Nations Environment Programme',
    nameRu: 'Программа Организации Объединенных Наций по окружающей среде (ЮНЕП)',
  },
  {
    partnerId: 'unep-fi',
    acronym: 'UNEP FI',
    name: 'United Nations Environment Programme Finance Initiative',
    nameRu: 'Финансовая инициатива Программы Организации Объединенных Наций по окружающей среде (ФИ ЮНЕП)',
  },
  {
    partnerId: 'unfccc',
    acronym: 'UNFCCC',
    name: 'Secretariat of the United Nations Framework Convention on Climate Change',
    nameRu: 'Секретариат Рамочной конвенции Организации Объединенных Наций об изменении климата (РКИКООН)',
  },
  {
    partnerId: 'unido',
    acronym: 'UNIDO',
    name: 'United Nations Industrial Development Organization',
    nameRu: 'Организация Объединенных Наций по промышленному развитию (ЮНИДО)',
  },
  {
    partnerId: 'unu-egov',
    acronym: 'UNU-EGOV',
    name: 'United Nations University Operating Unit on Policy-Driven Electronic Governance',
    nameRu:
      'Университет Организации Объединенных Наций — Оперативная группа Университета Организации Объединенных Наций по вопросам стратегически ориентированного электронного управления (УООН-ОГСЭУ)',
  },
  {
    partnerId: 'unesco',
    acronym: 'UNESCO',
    name: 'United Nations Educational, Scientific and Cultural Organization',
    nameRu: 'Организация Объединенных Наций по вопросам образования, науки и культуры (ЮНЕСКО)',
  },
  {
    partnerId: 'wmo',
    acronym: 'WMO',
    name: 'World Meteorological Organization',
    nameRu: 'Всемирная метеорологическая организация (ВМО)',
  },
  {
    partnerId: 'unop',
    acronym: 'UNOP',
    name: 'United Nations Office for Partnerships',
    nameRu: 'Бюро Организации Объединенных Наций по вопросам партнерства (ЮНОП)',
  },
];

/**
 * Each partner's focal point on the Partners Council, whom the `partner` role binds to it:
 * UNECE's is the demo partner person; the others have demo addresses (focal.<id>@demo.u4ssc.local).
 */
export const PARTNERS: Partner[] = PARTNER_LIST.map((partner) => ({
  ...partner,
  focalPointEmail:
    partner.partnerId === 'unece' ? 'partner@demo.u4ssc.local' : `focal.${partner.partnerId}@demo.u4ssc.local`,
}));

/** One demo person per role, to sign in with locally (`npm run token -- --email …`). */
export const DEMO_PEOPLE: { email: string; name: string; organisation: string; roles: Role[] }[] = [
  {
    email: 'secretariat@demo.u4ssc.local',
    name: 'Demo Secretariat Officer',
    organisation: 'ITU/TSB',
    roles: ['secretariat'],
  },
  { email: 'partner@demo.u4ssc.local', name: 'Demo Partner Representative', organisation: 'UNECE', roles: ['partner'] },
  { email: 'board@demo.u4ssc.local', name: 'Demo Vice-Chair', organisation: 'UN-Habitat', roles: ['board'] },
  { email: 'leader@demo.u4ssc.local', name: 'Demo Thematic Group Leader', organisation: 'Academia', roles: ['leader'] },
  { email: 'hub@demo.u4ssc.local', name: 'Demo Hub Coordinator', organisation: 'City of Demoville', roles: ['hub'] },
  {
    email: 'participant@demo.u4ssc.local',
    name: 'Demo Participant',
    organisation: 'Independent expert',
    roles: ['participant'],
  },
];

/** Offices with terms, so the term and IP-lead reminders have something to remind of. */
export function demoOffices(today: Date): Office[] {
  const day = 86_400_000;
  return [
    {
      officeId: 'demo-chair',
      role: 'chair',
      title: 'Chair of U4SSC',
      holderName: 'Demo Chair',
      holderEmail: 'board@demo.u4ssc.local',
      termStart: new Date(today.getTime() - 670 * day).toISOString(),
      termEnd: new Date(today.getTime() + 60 * day).toISOString(),
    },
    {
      officeId: 'demo-vice-chair-1',
      role: 'vice-chair',
      title: 'Vice-Chair of U4SSC',
      holderName: 'Demo Vice-Chair',
      holderEmail: 'board@demo.u4ssc.local',
      termStart: new Date(today.getTime() - 300 * day).toISOString(),
      termEnd: new Date(today.getTime() + 430 * day).toISOString(),
    },
    {
      officeId: 'demo-leader-kpi',
      role: 'leader',
      title: 'Leader, thematic group on city KPIs',
      holderName: 'Demo Thematic Group Leader',
      holderEmail: 'leader@demo.u4ssc.local',
      termStart: new Date(today.getTime() - 100 * day).toISOString(),
      termEnd: new Date(today.getTime() + 630 * day).toISOString(),
      groupId: 'city-kpis',
    },
    {
      officeId: 'demo-ip-lead',
      role: 'ip-lead',
      title: 'Implementation Programme lead',
      holderName: 'Demo IP Lead',
      holderEmail: 'leader@demo.u4ssc.local',
      termStart: new Date(today.getTime() - 200 * day).toISOString(),
      termEnd: new Date(today.getTime() + 530 * day).toISOString(),
    },
  ];
}

/** Two thematic groups (ToR §19), each with a deliverable and its timeline; an open call for nominations (§20c). */
export function demoThematicGroups(today: Date): {
  groups: ThematicGroup[];
  deliverables: Deliverable[];
  calls: NominationCall[];
} {
  const at = today.toISOString();
  const year = today.getUTCFullYear();
  return {
    groups: [
      {
        groupId: 'city-kpis',
        name: 'Thematic group on city KPIs',
        description: 'Key performance indicators for smart sustainable cities and their verification.',
        createdAt: at,
      },
      {
        groupId: 'digital-twins',
        name: 'Thematic group on digital twins for cities',
        description: 'Guidance on city digital twins for sustainable urban development.',
        createdAt: at,
      },
    ],
    deliverables: [
      {
        deliverableId: 'kpi-guide',
        groupId: 'city-kpis',
        title: 'Guide on collecting and verifying city KPI data',
        startsOn: `${year}-01-15`,
        dueOn: `${year + 1}-06-30`,
        createdAt: at,
      },
      {
        deliverableId: 'digital-twin-framework',
        groupId: 'digital-twins',
        title: 'Framework for city digital twins',
        startsOn: `${year}-03-01`,
        dueOn: `${year + 1}-09-30`,
        createdAt: at,
      },
    ],
    calls: [
      {
        callId: 'demo-call-kpi-guide',
        deliverableId: 'kpi-guide',
        groupId: 'city-kpis',
        title: 'Guide on collecting and verifying city KPI data',
        description: 'Experts in city data collection and verification are invited.',
        closesAt: new Date(today.getTime() + 30 * 86_400_000).toISOString(),
        openedBy: 'leader@demo.u4ssc.local',
        createdAt: at,
      },
    ],
  };
}

export const DEMO_HUBS: Hub[] = [
  {
    hubId: 'demo-hub',
    name: 'U4SSC Hub Demoville',
    contactName: 'Demo Hub Coordinator',
    contactEmail: 'hub@demo.u4ssc.local',
    active: true,
    lastReportYear: 2024,
    partnerName: 'UNECE',
    partnerEmail: 'partner@demo.u4ssc.local',
    city: 'Demoville',
    country: 'Switzerland',
  },
];

/** Governance requests, so the console and API show an open e-decision and a pending hub request. */
export function demoGovernanceRequests(today: Date): GovernanceRequest[] {
  const day = 86_400_000;
  const at = today.toISOString();
  return [
    {
      requestId: 'demoEdecision1',
      kind: 'e-decision',
      state: 'voting',
      version: 1,
      requesterEmail: 'secretariat@demo.u4ssc.local',
      requesterName: 'Demo Secretariat Officer',
      fields: {
        title: 'Adopt the 2027 work plan of U4SSC',
        motion:
          'The Partners Council approves the work plan for 2027 as compiled by the secretariat and reviewed by the Management Board (ToR §10d).',
      },
      voting: {
        closesAt: new Date(today.getTime() + 14 * day).toISOString(),
        rule: { quorum: 0.5, majority: 0.5, namedPartnerVeto: false },
      },
      createdAt: at,
      updatedAt: at,
    },
    {
      requestId: 'demoHubRequest1',
      kind: 'hub-request',
      state: 'submitted',
      version: 1,
      requesterEmail: 'hub@demo.u4ssc.local',
      requesterName: 'Demo Hub Coordinator',
      fields: {
        hubId: 'hub-samarkand',
        hubName: 'U4SSC Hub Samarkand',
        country: 'Uzbekistan',
        city: 'Samarkand',
        partnerId: 'unece',
        contactName: 'Demo Hub Coordinator',
        contactEmail: 'hub@demo.u4ssc.local',
        description: 'A city hub to run U4SSC KPI assessments in Central Asian cities, with UNECE.',
      },
      partnerId: 'unece',
      createdAt: at,
      updatedAt: at,
    },
  ];
}
