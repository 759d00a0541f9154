import { Page } from 'playwright-core';
import { AxeViolation, seriousA11yViolations } from './browser';

/** A phone (iPhone 12–15 width) and a laptop. */
export const WIDTHS = [390, 1366] as const;

/** How far the page is wider than the viewport (0: no horizontal page scroll). Inner scroll boxes do not count. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
      .documentElement;
    return Math.max(0, el.scrollWidth - el.clientWidth);
  });
}

/** The page at each width: its horizontal overflow and its serious/critical axe findings (both must be empty). */
export async function checkWidths(page: Page): Promise<Array<{ width: number; overflow: number; axe: AxeViolation[] }>> {
  const out: Array<{ width: number; overflow: number; axe: AxeViolation[] }> = [];
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    const overflow = await horizontalOverflow(page);
    if (overflow > 0 && process.env.DEBUG_OVERFLOW) {
      const wide = await page.evaluate((w) => {
        const d = (
          globalThis as unknown as {
            document: {
              querySelectorAll(
                s: string,
              ): ArrayLike<{ getBoundingClientRect(): { right: number }; tagName: string; id: string; className: string }>;
            };
          }
        ).document;
        return Array.from(d.querySelectorAll('body *'))
          .filter((e) => e.getBoundingClientRect().right > w + 1)
          .slice(0, 12)
          .map((e) => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
      }, width);
      console.log(`[overflow] ${page.url()} ${width}: ${wide.join(' | ')}`);
    }
    out.push({ width, overflow, axe: await seriousA11yViolations(page) });
  }
  await page.setViewportSize(original);
  return out;
}

/** What checkWidths returns for a page that fits and has no serious findings. */
export const FITS = WIDTHS.map((width) => ({ width, overflow: 0, axe: [] }));
