import { Page } from 'playwright-core';
import { ActivityKind, DayPeriod } from '../../src/activities/activity.enums';
import { Role } from '../../src/auth/roles';
import { RULE_PARTS_EN, RULE_TEXT_EN } from '../../src/common/messages/english-rule';
import { MESSAGE_PARTS } from '../../src/web/shared/messages';
import { createActivity } from '../factories/activity.factory';
import { insertSessions } from '../factories/allocation.factory';
import { bookOnSession, createAttendanceSession } from '../factories/attendance.factory';
import { createNonAssociation, createUnavailability } from '../factories/availability.factory';
import { createPrisonWithUnit } from '../factories/organisation.factory';
import { createHeldPrisoner } from '../factories/prisoner.factory';
import { createUser } from '../factories/user.factory';
import { signIn } from '../support/auth';
import { resetDatabase } from '../support/test-app';
import { BrowserApp, describeInBrowser, newTabletContext, signInAs, startBrowserApp } from './support/browser';

// One language at a time: every page reachable from the navigation (and the main detail pages) is
// read in Norwegian and in English, and fails on text of the other language — any catalogue text
// whose English differs from its Norwegian, and every English rule message the API builds.
// The clock is pinned to Monday 2026-11-23; the planner opens on next week, 2026-W49.

const TODAY = '2026-11-23';
const NEXT_WEEK = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];

type Texts = { nb: Record<string, string>; en: Record<string, string> };
const PARTS = MESSAGE_PARTS as readonly Texts[];
const ALL_NB = PARTS.flatMap((p) => Object.values(p.nb));
const ALL_EN = [...PARTS.flatMap((p) => Object.values(p.en)), ...Object.values(RULE_TEXT_EN), ...Object.values(RULE_PARTS_EN)];

/** The literal pieces of a text between its placeholders that are words, not punctuation or numbers. */
function fragments(text: string): string[] {
  return text
    .split(/\{\w+\}/)
    .map((f) => f.replace(/^[\s.,;:()«»“”"'–—/+-]+|[\s.,;:()«»“”"'–—/+-]+$/g, ''))
    .filter((f) => f.length >= 6 && /\p{L}{3,}/u.test(f));
}

/** Fragments of one language's texts that no text of the other language contains. */
function onlyIn(texts: readonly string[], other: readonly string[]): string[] {
  const lower = other.map((o) => o.toLowerCase());
  return [...new Set(texts.flatMap(fragments))].filter((f) => !lower.some((o) => o.includes(f.toLowerCase())));
}

const ENGLISH_ONLY = onlyIn(ALL_EN, ALL_NB);
const NORWEGIAN_ONLY = onlyIn(ALL_NB, ALL_EN);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function found(pageText: string, forbidden: readonly string[]): string[] {
  return forbidden.filter((f) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(f)}(?![\\p{L}\\p{N}])`, 'iu').test(pageText));
}

/**
 * What a reader sees: the visible text and the tooltips and labels. The text of `apart` (a selector)
 * is returned on its own and left out of the rest.
 */
async function readable(page: Page, apart?: string): Promise<{ text: string; apart: string }> {
  return page.evaluate((selector) => {
    type El = { getAttribute(n: string): string | null; innerText: string; textContent: string | null };
    const d = (globalThis as unknown as { document: { body: { innerText: string }; querySelectorAll(s: string): ArrayLike<El> } }).document;
    const separate = selector ? Array.from(d.querySelectorAll(selector)) : [];
    const apartText = separate.map((el) => el.innerText).join('\n');
    for (const el of separate) el.textContent = '';
    const attrs = Array.from(d.querySelectorAll('[title], [aria-label], [placeholder]')).flatMap((el) =>
      ['title', 'aria-label', 'placeholder'].map((n) => el.getAttribute(n) ?? ''),
    );
    return { text: `${d.body.innerText}\n${attrs.join('\n')}`, apart: apartText };
  }, apart ?? null);
}

function withLang(url: string, lang: 'nb' | 'en'): string {
  const u = new URL(url);
  u.searchParams.set('lang', lang);
  return u.toString();
}

describeInBrowser('one language at a time on every page', () => {
  let app: BrowserApp;
  let data: {
    users: Record<'officer' | 'manager' | 'teacher' | 'admin', string>;
    clashSession: string;
    register: string;
    kari: string;
  };

  beforeAll(async () => {
    app = await startBrowserApp();
    const ds = app.t.dataSource;
    await resetDatabase(ds);
    const { prison, unit } = await createPrisonWithUnit(ds, { name: 'Testvik' }, { name: 'Vest' });
    const officer = await createUser(ds, { roles: [Role.OFFICER], prisonIds: [prison.id] });
    const manager = await createUser(ds, { roles: [Role.MANAGER], prisonIds: [prison.id] });
    const teacher = await createUser(ds, { roles: [Role.TEACHER], prisonIds: [prison.id] });
    const admin = await createUser(ds, { roles: [Role.NATIONAL_ADMIN] });
    const held = { prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-02' };
    const ola = await createHeldPrisoner(ds, held, { firstName: 'Ola', lastName: 'Aas' });
    const kari = await createHeldPrisoner(ds, held, { firstName: 'Kari', lastName: 'Berg' });
    const per = await createHeldPrisoner(ds, held, { firstName: 'Per', lastName: 'Dahl' });
    await createNonAssociation(ds, ola.id, kari.id, { reason: 'Konflikt' });
    const workshop = await createActivity(ds, prison.id, { name: 'Snekkerverkstedet', capacity: 8 });
    const sessions = await insertSessions(ds, workshop, NEXT_WEEK, { capacity: 8 });
    const wedAm = sessions.find((s) => s.date === '2026-12-02' && s.period === DayPeriod.AM)!;
    const wedPm = sessions.find((s) => s.date === '2026-12-02' && s.period === DayPeriod.PM)!;
    // Ola and Kari on the same session (a non-association clash); Per there on the day of his court hearing.
    await bookOnSession(ds, { ...wedAm, activityId: workshop.id, prisonId: prison.id }, [ola.id, kari.id, per.id]);
    await createUnavailability(ds, per.id, { fromDate: '2026-12-02', toDate: '2026-12-02' });
    // A register today, taught by the teacher.
    const lesson = await createAttendanceSession(ds, prison.id, {
      date: TODAY,
      period: DayPeriod.AM,
      staffMemberId: teacher.staffMemberId,
      kind: ActivityKind.EDUCATION,
    });
    await bookOnSession(ds, lesson, [ola.id, per.id]);
    const api = await signIn(app.t, [Role.NATIONAL_ADMIN]);
    await api.post('/activity-rate/rebuild').send({ from: '2026-11-01', to: '2026-11-22' }).expect(200);
    data = {
      users: { officer: officer.username, manager: manager.username, teacher: teacher.username, admin: admin.username },
      clashSession: wedAm.id,
      register: lesson.id,
      kari: kari.id,
    };
    void wedPm;
  });
  afterAll(() => app?.close());

  it('has texts to look for in each language (the scan can fail)', () => {
    expect(ENGLISH_ONLY).toEqual(
      expect.arrayContaining(['This activity needs an approved referral; there is no referral on file', 'Held at another prison on']),
    );
    expect(NORWEGIAN_ONLY).toEqual(expect.arrayContaining(['Ukeplan', 'Skal holdes adskilt fra']));
    expect(found('Planner · This activity needs an approved referral; there is no referral on file.', ENGLISH_ONLY)).toContain(
      'This activity needs an approved referral; there is no referral on file',
    );
    expect(found('Ukeplan · Skal holdes adskilt fra Aas, Ola', ENGLISH_ONLY)).toEqual([]);
  });

  /** Visits the page in both languages; returns what was found out of place, by page. */
  async function scan(page: Page, url: string, problems: string[]): Promise<void> {
    for (const [lang, forbidden] of [
      ['nb', ENGLISH_ONLY],
      ['en', NORWEGIAN_ONLY],
    ] as const) {
      const res = await page.goto(withLang(url, lang));
      expect({ url, lang, status: res?.status() }).toEqual({ url, lang, status: 200 });
      const hits = found((await readable(page)).text, forbidden);
      if (hits.length > 0) problems.push(`${lang} ${new URL(url).pathname}: ${hits.map((h) => JSON.stringify(h)).join(', ')}`);
    }
  }

  async function navLinks(page: Page): Promise<string[]> {
    const hrefs = await page.locator('nav a').evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
    return [...new Set(hrefs.filter((h) => new URL(h).pathname.startsWith('/app')))];
  }

  it.each(['officer', 'manager', 'teacher', 'admin'] as const)(
    '%s: every page in Norwegian has no English, and in English no Norwegian',
    async (role) => {
      const context = await newTabletContext(app);
      const page = await context.newPage();
      await signInAs(page, app, data.users[role]);
      const urls = new Set([page.url(), ...(await navLinks(page))]);
      const base = app.baseUrl;
      if (role === 'officer' || role === 'manager') {
        urls.add(`${base}/app/planner/sessions/${data.clashSession}`);
        urls.add(`${base}/app/attendance/${data.register}`);
        // The unlock list (with its reasons for staying) and the day's print view.
        urls.add(`${base}/app/unlock`);
        urls.add(`${base}/app/unlock?period=PM`);
        urls.add(`${base}/app/planner/print`);
      }
      if (role === 'teacher') {
        urls.add(`${base}/app/teacher/sessions/${data.register}`);
        urls.add(`${base}/app/attendance/${data.register}`);
      }
      if (role === 'manager' || role === 'admin') {
        await page.goto(withLang(`${base}/app/dashboard`, 'nb'));
        const drill = page.locator('#least-active tbody tr a').first();
        if ((await drill.count()) > 0) urls.add(new URL((await drill.getAttribute('href'))!, base).toString());
      }
      const problems: string[] = [];
      for (const url of urls) await scan(page, url, problems);

      if (role === 'officer') {
        // A draft of the automatic planner, and a refusal with its rule results, in both languages.
        await page.goto(withLang(`${base}/app/planner`, 'nb'));
        await Promise.all([
          page.waitForURL(/\/app\/planner\/drafts\//),
          page.getByRole('button', { name: 'Kjør automatisk planlegging' }).click(),
        ]);
        const draftUrl = page.url();
        // The draft page, its explanations ("why no activity", codes from the planner) included, is scanned whole.
        await page.goto(withLang(draftUrl, 'nb'));
        const draft = await readable(page);
        const draftHits = found(draft.text, ENGLISH_ONLY);
        if (draftHits.length > 0) problems.push(`nb draft: ${draftHits.map((h) => JSON.stringify(h)).join(', ')}`);
        await page.goto(withLang(draftUrl, 'en'));
        const draftEn = found((await readable(page)).text, NORWEGIAN_ONLY);
        if (draftEn.length > 0) problems.push(`en draft: ${draftEn.map((h) => JSON.stringify(h)).join(', ')}`);
        for (const lang of ['nb', 'en'] as const) {
          await page.goto(withLang(`${base}/app/planner/sessions/${data.clashSession}`, lang));
          // The add-prisoner picker: Kari if she is offered, else the first candidate.
          const kari = page.locator(`ul.candidates input[value="${data.kari}"]`);
          await ((await kari.count()) > 0 ? kari : page.locator('ul.candidates li input').first()).check();
          await Promise.all([page.waitForURL(/check=/), page.locator('button[formaction$="/check"]').click()]);
          await page.waitForLoadState();
          const { text } = await readable(page);
          expect({ lang, checks: await page.locator('#checks li').count() }).toEqual({ lang, checks: expect.any(Number) });
          const hits = found(text, lang === 'nb' ? ENGLISH_ONLY : NORWEGIAN_ONLY);
          if (hits.length > 0) problems.push(`${lang} suitability checks: ${hits.map((h) => JSON.stringify(h)).join(', ')}`);
        }
      }
      await context.close();
      expect(problems).toEqual([]);
      expect(urls.size).toBeGreaterThan(1);
    },
  );
});
