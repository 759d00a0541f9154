import { attachmentDisposition, csvCell, fileSlug, toCsv } from './csv-writer';

describe('csvCell', () => {
  it.each<[string | number | boolean | null | undefined, string]>([
    ['plain', 'plain'],
    ['Ærlig Østby Ås', 'Ærlig Østby Ås'],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['a,b', 'a,b'],
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

  it('quotes on the chosen delimiter only', () => {
    expect(csvCell('a,b', ',')).toBe('"a,b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
  });
});

describe('toCsv', () => {
  it('writes a BOM, the delimiter and CRLF after every row', () => {
    expect(toCsv([['a', 'b;c'], [1, null]])).toBe('\uFEFFa;"b;c"\r\n1;\r\n');
    expect(toCsv([['a', 'b;c']], ',')).toBe('\uFEFFa,b;c\r\n');
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
