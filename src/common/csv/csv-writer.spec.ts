import { attachmentDisposition, csvCell, fileSlug, toCsv } from './csv-writer';

describe('csvCell', () => {
  it.each<[string | number | boolean | null | undefined, string]>([
    ['plain', 'plain'],
    ['Ærlig Østby Ås', 'Ærlig Østby Ås'],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['a,b', '"a,b"'],
    [12, '12'],
    [-3, '-3'],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+47 22 00 00 00', "'+47 22 00 00 00"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['=HYPERLINK("http://x";"y")', `"'=HYPERLINK(""http://x"";""y"")"`],
  ])('defuses a formula: %j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes a cell holding either delimiter, so a reader that honours quotes keeps it whole whichever it splits on', () => {
    expect(csvCell('Berg, Ola')).toBe('"Berg, Ola"');
    expect(csvCell('Berg; Ola')).toBe('"Berg; Ola"');
    expect(csvCell('Nordmann, "Ola"')).toBe('"Nordmann, ""Ola"""');
    expect(csvCell('=1+1,x')).toBe(`"'=1+1,x"`);
  });

  // A reader splitting a `;` file on `,` sees `"Nordmann` and `=1+1"` as cells: the quote does not protect there.
  it.each([
    ['Nordmann,=1+1', `"Nordmann,'=1+1"`],
    ['Nordmann;=1+1', `"Nordmann;'=1+1"`],
    ['a,+1;-2', `"a,'+1;'-2"`],
    ['x\t@SUM(A1)', `x\t'@SUM(A1)`],
    ['two\n=lines', `"two\n'=lines"`],
    ['=a,=b', `"'=a,'=b"`],
    ['Berg, -', '"Berg, -"'],
    ['3-2', '3-2'],
  ])('defuses a formula after a separator inside the text: %j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes a BOM, the delimiter and CRLF after every row', () => {
    expect(
      toCsv([
        ['a', 'b;c'],
        [1, null],
      ]),
    ).toBe('\uFEFFa;"b;c"\r\n1;\r\n');
    expect(toCsv([['a', 'b;c', 'd,e']], ',')).toBe('\uFEFFa,"b;c","d,e"\r\n');
  });

  it('is UTF-8 with the byte order mark EF BB BF', () => {
    expect([...Buffer.from(toCsv([['ø']]), 'utf8')]).toEqual([0xef, 0xbb, 0xbf, 0xc3, 0xb8, 0x0d, 0x0a]);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Norsk-Å-ø-æ "x".csv')).toBe(
      `attachment; filename="Norsk-A-o-ae _x_.csv"; filename*=UTF-8''Norsk-%C3%85-%C3%B8-%C3%A6%20%22x%22.csv`,
    );
  });
});

describe('fileSlug', () => {
  it.each([
    ['Norsk for voksne (VO)', 'Norsk-for-voksne-VO'],
    ['  Snekker / Østre  ', 'Snekker-Østre'],
    ['../../etc', 'etc'],
    ['***', 'export'],
  ])('%j → %j', (text, slug) => {
    expect(fileSlug(text)).toBe(slug);
  });
});
