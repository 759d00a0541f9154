import { byNeed, Candidate, limitOf, matches } from './candidates.service';

const candidate = (name: string, activeDays: number, prisonerNumber = '1'): Candidate => ({
  id: name,
  name,
  prisonerNumber,
  unitName: null,
  activeDays,
  busy: false,
});

describe('the add-prisoner picker', () => {
  it('ranks no activity this week first, then fewest active days, then name', () => {
    const ranked = [candidate('Berg', 3), candidate('Moe', 0), candidate('Dahl', 1), candidate('Berg, A', 0)].sort(byNeed);
    expect(ranked.map((c) => c.name)).toEqual(['Berg, A', 'Moe', 'Dahl', 'Berg']);
  });

  it('searches by name or prisoner number, ignoring case', () => {
    expect(matches(candidate('Aas, Ola', 0, 'K-123'), 'ola')).toBe(true);
    expect(matches(candidate('Aas, Ola', 0, 'K-123'), 'k-12')).toBe(true);
    expect(matches(candidate('Aas, Ola', 0, 'K-123'), 'kari')).toBe(false);
    expect(matches(candidate('Aas, Ola', 0, 'K-123'), undefined)).toBe(true);
  });

  it('pages in steps of 25, whatever is asked', () => {
    expect(limitOf(undefined)).toBe(25);
    expect(limitOf('30')).toBe(50);
    expect(limitOf('-1')).toBe(25);
    expect(limitOf('abc')).toBe(25);
    expect(limitOf('100000')).toBe(1000);
  });
});
