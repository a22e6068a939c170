import { csvField, rate, toCsv } from './report-csv';

describe('report CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Doe, Jane')).toBe('"Doe, Jane"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    expect(toCsv(['a', 'b'], [['1', 2], [null, 'x\ny']])).toBe('a,b\r\n1,2\r\n,"x\ny"\r\n');
  });

  it('gives rates rounded to 4 places, or null for an empty base', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(0, 0)).toBeNull();
    expect(rate(2, 2)).toBe(1);
  });
});
