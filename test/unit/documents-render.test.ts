import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareRtlLine } from '../../functions/documents/bidi.ts';
import { renderDocumentEmail } from '../../functions/documents/email.ts';
import { FONT_FILES, fontPath } from '../../functions/documents/fonts.ts';
import type { Block, DocumentModel } from '../../functions/documents/model.ts';
import { renderPdf } from '../../functions/documents/pdf.ts';

/** TSB Circular 352 in Russian (the model document of the platform's circulars). */
const RU_PARAGRAPHS: string[] = [
  'Имею честь сообщить вам, что Международный союз электросвязи (МСЭ) совместно с Европейской экономической комиссией Организации Объединенных Наций (ЕЭК ООН) и Программой Организации Объединенных Наций по населенным пунктам (ООН-Хабитат) организует шестое собрание в рамках инициативы "Объединение усилий в целях построения "умных" устойчивых городов (U4SSC)". Это собрание будет проходить в виртуальном формате с 10 час. 00 мин. до 15 час. 30 мин. по женевскому времени 7 декабря 2021 года.',
  'Это собрание будет проводиться только на английском языке.',
  'Инициатива "Объединение усилий в целях построения "умных" устойчивых городов (U4SSC)" является инициативой ООН, которую поддерживают 17 учреждений и программ ООН и которая направлена на достижение Цели 11 в области устойчивого развития: "Обеспечение открытости, безопасности, жизнестойкости и экологической устойчивости городов и населенных пунктов". Инициатива U4SSC служит глобальной платформой для пропаганды государственной политики и поощрения использования ИКТ, для того чтобы содействовать и способствовать переходу к "умным" устойчивым городам. Дополнительная информация об этой инициативе представлена по адресу: http://www.itu.int/en/ITU-T/ssc/united/Pages/default.aspx.',
  'Основные задачи данного собрания:',
  'В собрании могут принять участие Государства − Члены МСЭ, Члены Секторов МСЭ, Ассоциированные члены МСЭ и Академические организации – Члены МСЭ, а также любое лицо из страны, являющейся Членом МСЭ, которое пожелает внести свой вклад в работу. К таким лицам относятся также члены международных, региональных и национальных организаций. Участие является бесплатным.',
  'Информация об этом собрании, включая проект программы, список выступающих, информацию о дистанционном подключении, ссылку для регистрации и т. д., будет доступна на веб‑сайте мероприятия по следующему адресу: https://www.itu.int/en/ITU-T/ssc/united/Pages/202112/meeting.aspx. Данный веб-сайт будет регулярно обновляться по мере появления новой или измененной информации. Просим участников регулярно отслеживать обновленную информацию на веб-сайте. Обращаем ваше внимание на то, что регистрация для участия в собрании является обязательной.',
];
const RU_BULLETS = [
  'обсудить деятельность в рамках инициативы U4SSC;',
  'представить обновленную информацию о работе тематических групп U4SSC;',
  'утвердить круг ведения и годовой план работы U4SSC (2021−2022 гг.);',
  'представить последние результаты работы в рамках U4SSC.',
];
const RU_SUBJECT =
  'Шестое собрание в рамках инициативы "Объединение усилий в целях построения "умных" устойчивых городов (U4SSC)" (виртуальный формат, 7 декабря 2021 г.)';

const circular352Ru: DocumentModel = {
  lang: 'ru',
  title: 'Циркуляр 352 БСЭ',
  continuationHeader: 'Циркуляр 352 БСЭ',
  blocks: [
    { type: 'letterhead', lines: ['МЕЖДУНАРОДНЫЙ СОЮЗ ЭЛЕКТРОСВЯЗИ', 'БЮРО СТАНДАРТИЗАЦИИ ЭЛЕКТРОСВЯЗИ'] },
    {
      type: 'meta',
      rows: [
        { label: '', lines: ['Женева, 13 октября 2021 года'] },
        { label: 'Осн.:', lines: ['Циркуляр 352 БСЭ'] },
        { label: 'Тел.:', lines: ['+41 22 730 6301'] },
        { label: 'Факс:', lines: ['+41 22 730 5853'] },
        { label: 'Эл. почта:', lines: ['u4ssc@itu.int'] },
      ],
    },
    {
      type: 'addressees',
      groups: [
        {
          label: 'Кому:',
          items: [
            'Администрациям Государств – Членов Союза',
            'Членам Сектора МСЭ-Т',
            'Ассоциированным членам МСЭ-Т',
            'Академическим организациям − Членам МСЭ',
          ],
        },
        {
          label: 'Копии:',
          items: [
            'Председателям и заместителям председателей исследовательских комиссий МСЭ-Т',
            'Директору Бюро развития электросвязи',
            'Директору Бюро радиосвязи',
          ],
        },
      ],
    },
    { type: 'subject', label: 'Предмет:', text: RU_SUBJECT },
    { type: 'salutation', text: 'Уважаемая госпожа, уважаемый господин,' },
    ...RU_PARAGRAPHS.map(
      (text, i): Block => ({
        type: 'paragraph',
        number: String(i + 1),
        runs: [{ text }],
        ...(i === 3 ? { bullets: RU_BULLETS.map((b) => [{ text: b }]) } : {}),
      }),
    ),
    { type: 'closing', text: 'С уважением,' },
    { type: 'signature', lines: ['Сэйдзо Оноэ', 'Директор Бюро стандартизации электросвязи'] },
  ],
  annexes: [],
};

const short = (lang: DocumentModel['lang'], p: Record<string, string>, extra: Block[] = []): DocumentModel => ({
  lang,
  title: p.title as string,
  continuationHeader: p.title as string,
  blocks: [
    { type: 'letterhead', lines: [p.org as string] },
    { type: 'meta', rows: [{ label: '', lines: [p.date as string] }] },
    { type: 'subject', label: p.subjectLabel as string, text: p.subject as string },
    { type: 'salutation', text: p.salutation as string },
    { type: 'paragraph', number: '1', runs: [{ text: p.body as string }] },
    {
      type: 'paragraph',
      number: '2',
      runs: [
        { text: p.more as string },
        { text: 'https://www.itu.int/go/u4ssc', link: 'https://www.itu.int/go/u4ssc' },
      ],
    },
    ...extra,
    { type: 'closing', text: p.closing as string },
  ],
  annexes: [],
});

const en = short('en', {
  title: 'TSB Circular 352',
  org: 'INTERNATIONAL TELECOMMUNICATION UNION',
  date: 'Geneva, 13 October 2021',
  subjectLabel: 'Subject:',
  subject: 'Sixth meeting of the United for Smart Sustainable Cities initiative (U4SSC)',
  salutation: 'Dear Sir/Madam,',
  body: 'I have the honour to inform you that the sixth U4SSC meeting will be held virtually on 7 December 2021. Notes <script>&amp; "quotes" stay literal.',
  more: 'More information: ',
  closing: 'Yours faithfully,',
});
const fr = short('fr', {
  title: 'Circulaire TSB 352',
  org: 'UNION INTERNATIONALE DES TÉLÉCOMMUNICATIONS',
  date: 'Genève, le 13 octobre 2021',
  subjectLabel: 'Objet:',
  subject: "Sixième réunion de l'initiative «Tous unis pour des villes intelligentes et durables» (U4SSC)",
  salutation: 'Madame, Monsieur,',
  body: "J'ai l'honneur de vous informer que la sixième réunion U4SSC se tiendra en ligne le 7 décembre 2021.",
  more: 'Informations complémentaires: ',
  closing: 'Veuillez agréer, Madame, Monsieur, l’assurance de ma considération distinguée.',
});
const es = short('es', {
  title: 'Circular TSB 352',
  org: 'UNIÓN INTERNACIONAL DE TELECOMUNICACIONES',
  date: 'Ginebra, 13 de octubre de 2021',
  subjectLabel: 'Asunto:',
  subject: 'Sexta reunión de la iniciativa «Unidos por unas ciudades inteligentes y sostenibles» (U4SSC)',
  salutation: 'Muy Señora mía/Muy Señor mío:',
  body: 'Tengo el honor de informarle de que la sexta reunión de la U4SSC tendrá lugar de forma virtual el 7 de diciembre de 2021. Año, niño, acción.',
  more: 'Más información: ',
  closing: 'Atentamente,',
});
const AR_BODY =
  'يشرفني أن أحيطكم علماً بأن الاتحاد الدولي للاتصالات ينظم الاجتماع السادس لمبادرة متحدون من أجل مدن ذكية ومستدامة (U4SSC) بموجب الرسالة المعممة 352 وذلك بشكل افتراضي في 7 ديسمبر 2021. وستتاح المعلومات الكاملة عن الاجتماع، بما في ذلك مشروع جدول الأعمال وقائمة المتحدثين ورابط التسجيل، في الموقع الإلكتروني للمبادرة، ويرجى من المشاركين متابعة التحديثات بانتظام.';
const ar = short('ar', {
  title: 'الرسالة المعممة 352 لمكتب تقييس الاتصالات',
  org: 'الاتحاد الدولي للاتصالات',
  date: 'جنيف، 13 أكتوبر 2021',
  subjectLabel: 'الموضوع:',
  subject: 'الاجتماع السادس لمبادرة U4SSC',
  salutation: 'حضرات السادة والسيدات،',
  body: AR_BODY,
  more: 'لمزيد من المعلومات: ',
  closing: 'وتفضلوا بقبول فائق التقدير والاحترام،',
});
const ZH_BODY =
  '我谨通知您，国际电信联盟将与联合国欧洲经济委员会和联合国人类住区规划署共同举办“联合推动智慧可持续城市”倡议第六次会议。本次会议将于二〇二一年十二月七日以虚拟方式举行，会议信息包括议程草案、发言人名单、远程参会信息和注册链接，将在活动网站上公布，请与会者定期关注网站上的最新信息，并请注意须注册方可参加会议。';
const zh = short('zh', {
  title: '电信标准化局第352号通函',
  org: '国际电信联盟',
  date: '2021年10月13日，日内瓦',
  subjectLabel: '事由：',
  subject: '“联合推动智慧可持续城市”倡议（U4SSC）第六次会议',
  salutation: '尊敬的先生/女士：',
  body: ZH_BODY,
  more: '更多信息：',
  closing: '顺致敬意！',
});

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'documents-render-'));
let n = 0;
function save(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}-${n++}.pdf`);
  writeFileSync(file, pdf);
  return file;
}
const pdftotext = (file: string, ...args: string[]) =>
  execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
const words = (s: string) =>
  s
    .replace(/[\u00ad\u200b]/g, '')
    .split(/\s+/)
    .filter(Boolean);
/** True when `needle`'s words occur in order, contiguously, in `hay`'s words. */
function containsWords(hay: string, needle: string): boolean {
  return ` ${words(hay).join(' ')} `.includes(` ${words(needle).join(' ')} `);
}
const date = new Date('2021-10-13T08:00:00Z');

afterAll(() => {
  // PDFs and PNGs stay in os.tmpdir() for a look; print where
  console.log(`documents-render output: ${dir}`);
});

describe('fonts', () => {
  it('lists existing font files', () => {
    expect(FONT_FILES.length).toBeGreaterThanOrEqual(5);
    expect(fontPath('sans')).toMatch(/NotoSans_400Regular\.ttf$/);
  });
});

describe('bidi', () => {
  it('keeps numbers and Latin in their order inside Arabic', () => {
    const s = prepareRtlLine('الرسالة 352 (U4SSC)');
    expect(s).toContain('253'); // reversed beforehand; fontkit reverses it back
    expect(s).toContain('CSS4U');
  });
});

describe('renderPdf', () => {
  it('renders TSB Circular 352 in Russian with every paragraph', async () => {
    const pdf = await renderPdf(circular352Ru, { date });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = save(pdf, 'ru');
    console.log(`Russian circular: ${pdf.length} bytes`);
    if (!hasPoppler) return;
    const text = pdftotext(file);
    for (const p of [...RU_PARAGRAPHS, ...RU_BULLETS, RU_SUBJECT]) expect(containsWords(text, p), p).toBe(true);
    for (const s of [
      'МЕЖДУНАРОДНЫЙ СОЮЗ ЭЛЕКТРОСВЯЗИ',
      'Женева, 13 октября 2021 года',
      'Циркуляр 352 БСЭ',
      'Уважаемая госпожа, уважаемый господин,',
      'С уважением,',
      'Сэйдзо Оноэ',
      'Директор Бюро стандартизации электросвязи',
      'Кому:',
      'Копии:',
      'Эл. почта:',
    ])
      expect(containsWords(text, s), s).toBe(true);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // the continuation header ("– 2 –", "Циркуляр 352 БСЭ") is an artifact, not text
    expect(pages[1]).not.toMatch(/–\s*2\s*–/);
    expect(pages[1]?.trim().startsWith('5')).toBe(true);
    // metadata
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Циркуляр 352 БСЭ/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);
    // fonts: embedded subsets, never the standard 14
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/NotoSans/);
      expect(row).toMatch(/yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    }
    // links are annotations
    expect(pdf.toString('latin1')).toContain(
      '/URI (https://www.itu.int/en/ITU-T/ssc/united/Pages/202112/meeting.aspx)',
    );
    png(file, 'ru');
  });

  it('renders en, fr and es with escaping left to the format', async () => {
    for (const model of [en, fr, es]) {
      const pdf = await renderPdf(model, { date });
      const file = save(pdf, model.lang);
      if (!hasPoppler) continue;
      const text = pdftotext(file);
      const body = (model.blocks[4] as Extract<Block, { type: 'paragraph' }>).runs[0]?.text as string;
      expect(containsWords(text, body), model.lang).toBe(true);
      expect(containsWords(text, (model.blocks[2] as Extract<Block, { type: 'subject' }>).text)).toBe(true);
    }
    if (hasPoppler) expect(pdftotext(save(await renderPdf(en, { date }), 'en'))).toContain('<script>&amp; "quotes"');
  });

  it('lays Arabic out right to left with numbers and Latin intact', async () => {
    const pdf = await renderPdf(ar, { date });
    const file = save(pdf, 'ar');
    if (!hasPoppler) return;
    const text = pdftotext(file);
    expect(text).toContain('352');
    expect(text).toContain('U4SSC');
    expect(text).toContain('2021');
    expect(text).not.toContain('253');
    expect(text).not.toContain('CSS4U');
    for (const w of ['الاتحاد', 'الدولي', 'للاتصالات', 'الاجتماع', 'المشاركين', 'الموضوع']) expect(text).toContain(w);
    // right-aligned: lines end at the right margin (or at the number column beside it)
    const bbox = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8' });
    const lines = [...bbox.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => ({
      left: Number(m[1]),
      right: Number(m[2]),
    }));
    const margin = 595.28 - 20 * (72 / 25.4);
    const atRight = lines.filter(
      (l) => Math.abs(l.right - margin) < 1 || Math.abs(l.right - (margin - 9 * (72 / 25.4))) < 1,
    );
    expect(atRight.length).toBeGreaterThan(lines.length * 0.7);
    expect(atRight.filter((l) => l.left > 200).length).toBeGreaterThan(3); // short lines start further right
    png(file, 'ar');
  });

  it('breaks Chinese lines between characters', async () => {
    const pdf = await renderPdf(zh, { date });
    const file = save(pdf, 'zh');
    if (!hasPoppler) return;
    const text = pdftotext(file);
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(squash(text)).toContain(squash(ZH_BODY));
    // the long paragraph wraps: several lines hold parts of it
    const lines = text.split('\n').filter((l) => l.trim() && ZH_BODY.includes(l.trim()));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    png(file, 'zh');
  });

  it('draws tables across pages with the header repeated, and charts', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`City ${i + 1}`, `${(i * 7) % 100}`, `Row ${i + 1} <b>&</b>`]);
    const model: DocumentModel = {
      ...en,
      blocks: [
        ...en.blocks,
        { type: 'heading', text: 'Hub results' },
        { type: 'table', caption: 'Table 1 – KPIs', header: ['City', 'Score', 'Note'], rows, widths: [2, 1, 3] },
        {
          type: 'chart',
          title: 'KPI by dimension',
          categories: ['Economy', 'Environment', 'Society'],
          series: [
            { name: '2023', values: [40, 55, 70] },
            { name: '2024', values: [60, 65, 80] },
          ],
          max: 100,
        },
        { type: 'pageBreak' },
        { type: 'paragraph', runs: [{ text: 'After the break.' }] },
      ],
      annexes: [{ title: 'Annex 1', blocks: [{ type: 'paragraph', runs: [{ text: 'Annex text.' }] }] }],
    };
    const pdf = await renderPdf(model, { date });
    const file = save(pdf, 'table');
    if (!hasPoppler) return;
    const pages = pdftotext(file)
      .split('\f')
      .filter((p) => p.trim());
    const withRows = pages.filter((p) => /City \d+/.test(p));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const p of withRows) expect(p).toMatch(/City\s+Score\s+Note/);
    expect(pages.some((p) => p.includes('KPI by dimension') && p.includes('Economy'))).toBe(true);
    expect(pages.some((p) => p.includes('Row 3 <b>&</b>'))).toBe(true);
    const last = pages[pages.length - 1] as string;
    expect(last).toContain('Annex 1');
    expect(pages[pages.length - 2]).toContain('After the break.');
    png(file, 'table', pages.length);
  });

  it('is fast when warm (median of 20 Russian circulars, printed)', async () => {
    await renderPdf(circular352Ru, { date });
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await renderPdf(circular352Ru, { date });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`renderPdf(TSB Circular 352, ru) median ${(times[10] as number).toFixed(1)} ms`);
  });
});

function png(file: string, name: string, page = 1): void {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), file, join(dir, name)]);
}

describe('renderDocumentEmail', () => {
  it('renders HTML with inline styles, escaping and links for http(s) only', () => {
    const { html, text } = renderDocumentEmail({
      ...en,
      blocks: [
        ...en.blocks,
        {
          type: 'paragraph',
          runs: [
            { text: 'bad', link: 'javascript:alert(1)' },
            { text: ' see ' },
            { text: 'site', link: 'https://example.org/?a=1&b=2' },
          ],
          bullets: [[{ text: 'one' }], [{ text: 'two' }]],
        },
        { type: 'table', header: ['A', 'B'], rows: [['1', '<2>']] },
        { type: 'chart', title: 'C', categories: ['x', 'y'], series: [{ name: 's', values: [1, 2] }], max: 2 },
      ],
    });
    expect(html).toContain('&lt;script&gt;&amp;amp; &quot;quotes&quot;');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/class=/);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://example.org/?a=1&amp;b=2"');
    expect(html).toContain('&lt;2&gt;');
    expect(text).toContain('1 I have the honour');
    expect(text).toContain('- one');
    expect(text).toContain('<script>&amp; "quotes"');
    expect(text).toMatch(/A\s+\|\s+B/);
    expect(text).toMatch(/x\s+\|\s+1/);
  });

  it('sets dir="rtl" and right alignment for Arabic', () => {
    const { html, text } = renderDocumentEmail(ar);
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('text-align:right');
    expect(text).toContain('352');
  });
});
