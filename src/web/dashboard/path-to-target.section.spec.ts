import { translator } from '../shared/i18n';
import type { WebContext } from '../shared/web-context';
import { analysisSection, offerSection } from './path-to-target.section';

// "What is missing in the offer" with no change to propose: the page knows why (today's ceiling already reaches
// the target, or no candidate helps), so it says that one — not "no change is needed, or no candidate helps".
describe('path to target: no proposals', () => {
  const ctx = (lang: 'nb' | 'en'): WebContext => ({ lang, t: translator(lang), principal: undefined, csrf: '', url: '/app/dashboard' });
  const analysis = (ceilingDays: number, reachesTarget: boolean) =>
    ({
      week: '2026-W51',
      prisonerDays: 1865,
      targetDays: 1679,
      target: 0.9,
      current: { activeDays: 1487, rate: 1487 / 1865 },
      planner: { activeDays: 1848, rate: 1848 / 1865 },
      ceiling: { activeDays: ceilingDays, rate: ceilingDays / 1865, tight: true },
      split: { betterPlanningDays: 0, unreachableDays: 0, unprovenDays: 0, expectedLossDays: 0, lossRate: null },
      whatIf: {
        predictedCeiling: { activeDays: ceilingDays, rate: ceilingDays / 1865 },
        confirmed: { activeDays: ceilingDays, rate: ceilingDays / 1865 },
        reachableCeilingDays: ceilingDays,
        reachesTarget,
        placesAdded: 0,
        changes: [],
      },
    }) as unknown as Parameters<typeof analysisSection>[1];
  const noProposals = (html: string) => /<p id="no-proposals">([^<]*)<\/p>/.exec(html)?.[1];

  it('the ceiling reaches the target: no change is needed, and nothing else', () => {
    const nb = noProposals(String(analysisSection(ctx('nb'), analysis(1848, true), 'p')));
    expect(nb).toBe('Ingen endring i tilbudet trengs: taket når allerede målet, så bedre planlegging er nok.');
    const en = noProposals(String(analysisSection(ctx('en'), analysis(1848, true), 'p')));
    expect(en).toBe('No change in the offer is needed: the ceiling already reaches the target, so better planning is enough.');
  });

  it('below the target and no candidate helps: says so, without "no change is needed"', () => {
    const nb = noProposals(String(analysisSection(ctx('nb'), analysis(1500, false), 'p')))!;
    expect(nb).toMatch(/^Ingen ny plass hjelper/);
    expect(nb).not.toMatch(/trengs/);
    const en = noProposals(String(analysisSection(ctx('en'), analysis(1500, false), 'p')))!;
    expect(en).toMatch(/^No new place helps/);
    expect(en).not.toMatch(/is needed/);
  });
});

// The offer shortfall's region table, like every table of the dashboard, names its first column after its rows.
describe('prisons short of offer: by region', () => {
  it('the first column is "Region", not "Group by"', () => {
    for (const [lang, head] of [
      ['nb', 'Region'],
      ['en', 'Region'],
    ] as const) {
      const ctx: WebContext = { lang, t: translator(lang), principal: undefined, csrf: '', url: '/app/dashboard' };
      const kinds = { WORK: 0, EDUCATION: 11, PROGRAMME: 0 };
      const view = {
        comingWeeks: { weeks: [], groups: [] },
        offerWeek: '2026-W51',
        offerAllowed: true,
        offerUrl: '/app/dashboard?offer=1',
        offer: {
          prisons: [
            {
              prisonId: 'p',
              prisonName: 'Vik fengsel',
              prisonerDays: 100,
              ceilingDays: 80,
              predictedCeilingDays: 91,
              confirmedDays: 91,
              daysGained: 11,
              placesAdded: 11,
              placesByKind: kinds,
              places: [],
            },
          ],
          regions: [{ regionId: 'r', regionName: 'Region vest', prisonsShort: 1, daysGained: 11, placesAdded: 11, placesByKind: kinds }],
          daysGained: 11,
          placesAdded: 11,
          placesByKind: kinds,
        },
      } as unknown as Parameters<typeof offerSection>[1];
      const out = String(offerSection(ctx, view));
      expect(/<table class="list" id="offer-regions">\s*<thead><tr><th scope="col">([^<]*)<\/th>/.exec(out)?.[1]).toBe(head);
    }
  });
});
