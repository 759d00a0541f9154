import { translator } from '../shared/i18n';
import { undoCounts } from './draft.page';

// The undo confirmation counts in one unit, the apply's changes (one prisoner in one activity): its parts add up
// to the changes announced, though a change of days ends one allocation and makes another (issue: "82 changes …
// 75 new removed, 31 ended reopened and 1 removed brought back" — 107 allocations, not 82 changes).
describe('undoCounts', () => {
  const apply = (allocationChanges: number, created: number, ended: number, deleted: number) => ({
    allocationChanges,
    summary: { allocationsCreated: created, allocationsEnded: ended, allocationsDeleted: deleted, bookingsRemoved: 0, bookingsCreated: 0 },
  });

  it.each([
    // changes, created, ended, deleted → new, changed days, removed
    [82, 75, 31, 1, { added: 50, changed: 25, removed: 7 }],
    [10, 10, 0, 0, { added: 10, changed: 0, removed: 0 }],
    [4, 0, 4, 0, { added: 0, changed: 0, removed: 4 }],
    [6, 6, 3, 3, { added: 0, changed: 6, removed: 0 }],
    // an allocation split in two rows ended by one change: still one change
    [2, 2, 3, 0, { added: 0, changed: 2, removed: 0 }],
  ])('%i changes, %i created, %i ended, %i deleted', (changes, created, ended, deleted, parts) => {
    const c = undoCounts(apply(changes, created, ended, deleted));
    expect(c).toEqual({ changes, ...parts });
    expect(c.added + c.changed + c.removed).toBe(changes);
  });

  it('the sentence names the same unit throughout and its parts add up', () => {
    for (const lang of ['nb', 'en'] as const) {
      const text = translator(lang)('plan.draft.confirm.undo', { at: '14.12.2026 10:00', ...undoCounts(apply(82, 75, 31, 1)) });
      const numbers = [...text.replace('14.12.2026 10:00', '').matchAll(/\d+/g)].map((m) => Number(m[0]));
      expect(numbers).toEqual([82, 50, 25, 7]);
      expect(text).not.toMatch(/75|31|107/);
    }
  });
});
