import { InvalidInputError } from '../errors/domain-errors';
import { listRange } from './date-range';

describe('listRange', () => {
  const today = '2026-11-25'; // a Wednesday in 2026-W48

  it.each([
    [{}, { from: '2026-11-23', to: '2026-11-29' }],
    [{ from: '2026-12-01' }, { from: '2026-12-01', to: '2026-12-07' }],
    [{ to: '2026-12-07' }, { from: '2026-12-01', to: '2026-12-07' }],
    [
      { from: '2026-11-01', to: '2027-01-01' },
      { from: '2026-11-01', to: '2027-01-01' },
    ],
    [
      { from: '2026-11-23', to: '2026-11-23' },
      { from: '2026-11-23', to: '2026-11-23' },
    ],
  ])('%j → %j', (q, range) => {
    expect(listRange(q, today, 62)).toEqual(range);
  });

  it('a Sunday belongs to the week that started the Monday before', () => {
    expect(listRange({}, '2026-11-29', 62)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it.each([
    [{ from: '2026-11-10', to: '2026-11-09' }, 'after'],
    [{ from: '2026-11-01', to: '2027-01-02' }, 'At most 62 days'],
  ])('%j is refused', (q, message) => {
    expect(() => listRange(q, today, 62)).toThrow(InvalidInputError);
    expect(() => listRange(q, today, 62)).toThrow(message);
  });
});
