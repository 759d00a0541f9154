import { jsonTextNestsDeeperThan, JsonTooDeepError, verifyJsonDepth } from './json-depth';

describe('jsonTextNestsDeeperThan', () => {
  it.each([
    ['{}', 1, false],
    ['{}', 0, true],
    ['[[1]]', 2, false],
    ['[[1]]', 1, true],
    ['{"a":{"b":[1,{"c":2}]}}', 4, false],
    ['{"a":{"b":[1,{"c":2}]}}', 3, true],
    ['[[],[],[],[]]', 2, false],
    ['"[[[[[[["', 1, false],
    ['{"a":"\\"[[[[","b":"\\\\"}', 1, false],
    ['{"a":"\\\\"}', 1, false],
    ['{"a":"\\\\",[[[1]]]}', 3, true],
    ['', 0, false],
    ['[[[', 2, true],
  ])('%s with limit %d → %s', (text, limit, expected) => {
    expect(jsonTextNestsDeeperThan(text, limit)).toBe(expected);
  });

  it('scans 200,000 levels without recursion', () => {
    const text = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(jsonTextNestsDeeperThan(text, 32)).toBe(true);
    expect(jsonTextNestsDeeperThan(text, 200_000)).toBe(false);
  });
});

describe('verifyJsonDepth', () => {
  const verify = verifyJsonDepth(2);

  it('reads UTF-8 bytes, whatever multi-byte characters the strings hold', () => {
    expect(() => verify({}, {}, Buffer.from('{"ø":["[[[Å"]}', 'utf8'), 'utf-8')).not.toThrow();
    expect(() => verify({}, {}, Buffer.from('{"ø":[["å"]]}', 'utf8'), 'utf-8')).toThrow(JsonTooDeepError);
  });

  it('decodes other charsets first', () => {
    expect(() => verify({}, {}, Buffer.from('[["["]]', 'utf16le'), 'utf-16le')).not.toThrow();
    expect(() => verify({}, {}, Buffer.from('[[[1]]]', 'utf16le'), 'utf-16le')).toThrow(JsonTooDeepError);
  });

  it('throws what body-parser turns into a 400', () => {
    const error = (() => {
      try {
        verify({}, {}, Buffer.from('[[[]]]'), 'utf-8');
      } catch (e) {
        return e as JsonTooDeepError;
      }
    })();
    expect(error).toMatchObject({
      status: 400,
      expose: true,
      type: 'entity.too.deep',
      message: 'Request body nests more than 2 levels deep',
    });
  });
});
