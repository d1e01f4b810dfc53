import { csvField, csvRecord, CsvSyntaxError, neutraliseFormula, parseCsv, restoreFormula } from './csv';

describe('csv', () => {
  it('quotes only what needs it, including a leading # that would read as a comment', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(-46362)).toBe('-46362');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('#1')).toBe('"#1"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('writes text a spreadsheet would run as a formula behind a single quote, and numbers as numbers', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe('"\'\r=1"');
    expect(csvField("'quoted")).toBe("''quoted");
    expect(csvField(-177800)).toBe('-177800');
    expect(csvField('ws-1=2')).toBe('ws-1=2');
  });

  it('reads neutralised text back as it was given', () => {
    const hostile = ['=1+1', '+1', '-177800', '@x', '\tx', '\rx', "'=x", "''", "'", 'plain'];
    for (const text of hostile) expect(restoreFormula(neutraliseFormula(text))).toBe(text);
    expect(parseCsv(csvRecord([...hostile, -177800])).records).toEqual([[...hostile, '-177800']]);
  });

  it('round-trips records and keeps comments apart', () => {
    const values = ['id,1', '#hash', '[{"eventId":"e\\"1"}]', '', 'x\r\ny', '-5'];
    const text = `# meta: 1\r\n${csvRecord(values)}${csvRecord(['a', 'b'])}# end: 2\r\n`;
    expect(parseCsv(text)).toEqual({ comments: [' meta: 1', ' end: 2'], records: [values, ['a', 'b']] });
  });

  it('reads LF line ends too', () => {
    expect(parseCsv('a,b\n"c",d\n').records).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('refuses malformed quoting', () => {
    expect(() => parseCsv('"open,b\r\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a"b,c\r\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('"a"b,c\r\n')).toThrow(CsvSyntaxError);
  });
});
