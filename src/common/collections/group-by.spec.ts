import { groupBy } from './group-by';

describe('groupBy', () => {
  it('keeps item order within groups and first-seen order of groups', () => {
    const g = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
    expect([...g.entries()]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ]);
  });
  it('gives an empty map for no items', () => expect(groupBy([], String).size).toBe(0));
});
