import { parsePgArray } from './pg-array';

describe('parsePgArray', () => {
  it.each([
    [null, []],
    ['{}', []],
    ['{HIGH,LOW}', ['HIGH', 'LOW']],
    [['HIGH'], ['HIGH']],
  ])('%p → %p', (value, expected) => expect(parsePgArray(value as string | string[] | null)).toEqual(expected));
});
