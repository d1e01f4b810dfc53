import { csvField, csvRecord, CsvSyntaxError, parseCsv } from './csv';

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
