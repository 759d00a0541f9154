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
  ])('%j', (text, expected) => {
    expect(readCsv(text)).toEqual({ rows: expected.map((cells) => expect.objectContaining({ cells })), unclosedQuoteLine: null });
  });

  it('skips lines of empty cells only, as Excel writes them under the data', () => {
    expect(readCsv('a;b\r\n1;2\r\n;\r\n ; \r\n;;;;\r\n').rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('names the line of a quote never closed, and leaves out the row it swallowed', () => {
    expect(readCsv('a;b\n1;2\n"3;4\n5;6\n')).toEqual({
      rows: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['1', '2'] },
      ],
      unclosedQuoteLine: 3,
    });
  });

  it('numbers rows by the line they start on', () => {
    expect(readCsv('h\n\n"a\nb"\nc\n').rows.map((r) => r.line)).toEqual([1, 3, 5]);
  });
});
