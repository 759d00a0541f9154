import { BrowserContext, Page } from 'playwright-core';
import { resetDatabase } from '../support/test-app';
import { BrowserApp, describeInBrowser, newTabletContext, seriousA11yViolations, signInAs, startBrowserApp } from './support/browser';
import { osloSizedPrison, OsloSized } from './support/oslo-sized';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
    return d.documentElement.scrollWidth - d.documentElement.clientWidth;
  });
}

/** axe (0 serious/critical) and no horizontal page overflow, at 1366 and at 390 px. */
async function checkBothWidths(page: Page, name: string): Promise<void> {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    expect({ name, viewport, overflow: await horizontalOverflow(page) }).toEqual({ name, viewport, overflow: 0 });
    expect(await seriousA11yViolations(page)).toEqual([]);
  }
  await page.setViewportSize(DESKTOP);
}

describeInBrowser('a draft at the scale of Oslo: apply one workshop’s part, then undo it', () => {
  jest.setTimeout(600_000);
  let app: BrowserApp;
  let context: BrowserContext;
  let page: Page;
  let data: OsloSized;

  beforeAll(async () => {
    app = await startBrowserApp();
    await resetDatabase(app.t.dataSource);
    data = await osloSizedPrison(app.t.dataSource);
    context = await newTabletContext(app, DESKTOP);
    page = await context.newPage();
    await signInAs(page, app, data.officer);
  });
  afterAll(() => app?.close());

  /** Every booking of the prison, as "prisoner|session" (to compare before and after). */
  const bookings = async () =>
    (
      await app.t.dataSource.query<Array<{ k: string }>>(
        `SELECT b.prisoner_id || '|' || b.session_id AS k FROM booking b JOIN "session" s ON s.id = b.session_id WHERE s.prison_id = $1 ORDER BY 1`,
        [data.prisonId],
      )
    ).map((r) => r.k);

  it('the officer filters the draft to one workshop, applies only that part after a confirmation with its counts, and undoes it', async () => {
    const original = await bookings();
    await page.goto(`${app.baseUrl}/app/planner`);
    const drafted = Date.now();
    await Promise.all([
      page.waitForURL(/\/app\/planner\/drafts\//, { timeout: 300_000 }),
      page.getByRole('button', { name: 'Kjør automatisk planlegging' }).click(),
    ]);
    const draftMs = Date.now() - drafted;
    const draftUrl = page.url();
    const draftId = new URL(draftUrl).pathname.split('/').pop()!;
    const [{ n: total }] = await app.t.dataSource.query(
      `SELECT jsonb_array_length(diff->'allocationChanges')::int AS n FROM plan_draft WHERE id = $1`,
      [draftId],
    );
    // The workshop of the officer's with the most changes in the draft.
    const counts = await app.t.dataSource.query<Array<{ activityId: string; n: number }>>(
      `SELECT c->>'activityId' AS "activityId", count(*)::int AS n FROM plan_draft, jsonb_array_elements(diff->'allocationChanges') c
        WHERE id = $1 AND c->>'activityId' = ANY($2::text[]) GROUP BY 1 ORDER BY 2 DESC, 1`,
      [draftId, data.mine],
    );
    expect(counts.length).toBeGreaterThan(0);
    const workshop = counts[0].activityId;
    const name = data.activities.find((a) => a.id === workshop)!.name;

    await page.locator('#d-activity').selectOption(workshop);
    await Promise.all([page.waitForURL(/activity=/), page.getByRole('button', { name: 'Bruk filter' }).click()]);
    await Promise.all([page.waitForURL(/confirm=part/), page.getByRole('button', { name: 'Ta i bruk bare denne delen' }).click()]);
    const text = (await page.locator('#confirm-counts').textContent())!;
    expect(text).toContain(`Delen er aktiviteten ${name}: `);
    const changes = Number(/: (\d+) tildelingsendringer/.exec(text)![1]);
    const left = Number(/Etterpå står (\d+) endringer igjen/.exec(text)![1]);
    expect(changes).toBeGreaterThanOrEqual(counts[0].n);
    expect(changes + left).toBe(total);
    await checkBothWidths(page, 'draft, confirm a part');

    const started = Date.now();
    await Promise.all([
      page.waitForURL(/applied=part/, { timeout: 120_000 }),
      page.getByRole('button', { name: 'Ja, ta i bruk delen' }).click(),
    ]);
    const applyMs = Date.now() - started;
    await expect(page.locator('.notice.ok').textContent()).resolves.toMatch(/^Delen er tatt i bruk\./);
    await expect(page.locator('h1 .sub').textContent()).resolves.toContain('Delvis tatt i bruk');
    await expect(page.locator('#draft-applies tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('#draft-applies tbody tr td').nth(1).textContent()).resolves.toBe(name);
    const [{ status, keys }] = await app.t.dataSource.query(
      `SELECT d.status, jsonb_array_length(a.change_keys)::int AS keys FROM plan_draft d JOIN plan_draft_apply a ON a.draft_id = d.id WHERE d.id = $1`,
      [draftId],
    );
    expect({ status, keys }).toEqual({ status: 'PARTIAL', keys: changes });
    expect(await bookings()).not.toEqual(original);
    await checkBothWidths(page, 'draft, part applied');

    // Undo asks first, then restores the bookings as they were; a reload repeats nothing.
    await Promise.all([
      page.waitForURL(/confirm=undo/),
      page.getByRole('button', { name: 'Angre siste gang forslaget ble tatt i bruk' }).click(),
    ]);
    await expect(page.locator('#confirm-counts').textContent()).resolves.toMatch(new RegExp(`^${changes} tildelingsendringer`));
    await checkBothWidths(page, 'draft, confirm undo');
    const undoStarted = Date.now();
    await Promise.all([page.waitForURL(/undone=1/, { timeout: 120_000 }), page.getByRole('button', { name: 'Ja, angre' }).click()]);
    const undoMs = Date.now() - undoStarted;
    await expect(page.locator('.notice.ok').textContent()).resolves.toMatch(/^Angret\./);
    await expect(page.locator('h1 .sub').textContent()).resolves.toContain('Angret');
    expect(await bookings()).toEqual(original);
    const reload = await page.reload();
    expect(reload!.request().method()).toBe('GET');
    await expect(page.getByRole('button', { name: 'Angre siste gang forslaget ble tatt i bruk' }).count()).resolves.toBe(0);
    await checkBothWidths(page, 'draft, undone');
    // Reported in the helper's notes (not asserted: machines are noisy).
    console.log(
      `Oslo-sized draft: ${total} changes; drafting ${draftMs} ms, applying ${changes} (one workshop) ${applyMs} ms, undo ${undoMs} ms`,
    );
  });
});
