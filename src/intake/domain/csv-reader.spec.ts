import { readCsv } from './csv-reader';

describe('readCsv', () => {
  it.each([
    [
      'a;b\r\n1;2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      '\ufeffa;b\n"x;y";"say ""hi"""\n\n',
      [
        ['a', 'b'],
        ['x;y', 'say "hi"'],
      ],
    ],
    [
      'a;b\n"two\nlines";z\n',
      [
        ['a', 'b'],
        ['two\nlines', 'z'],
      ],
    ],
    [
      'a;b\n;\n',
      [
        ['a', 'b'],
        ['', ''],
      ],
    ],
  ])('%j', (text, expected) => {
    expect(readCsv(text).map((r) => r.cells)).toEqual(expected);
  });

  it('numbers rows by the line they start on', () => {
    expect(readCsv('h\n\n"a\nb"\nc\n').map((r) => r.line)).toEqual([1, 3, 5]);
  });
});
