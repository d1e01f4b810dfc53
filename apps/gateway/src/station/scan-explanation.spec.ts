import { explainScan } from './scan-explanation';

describe('explainScan', () => {
  it('normalises IMEIs and serials as the contracts do', () => {
    expect(explainScan(' 49-015420-323751-8 ')).toEqual({ ok: true, deviceId: 'imei:490154203237518' });
    expect(explainScan('serial:Hewlett Packard:cnd123')).toEqual({
      ok: true,
      deviceId: 'serial:hewlett-packard:CND123',
    });
  });

  it('says which check digit an IMEI should end with', () => {
    expect(explainScan('490154203237517')).toEqual({
      ok: false,
      problem: { kind: 'imei-check-digit', expected: 8, got: 7 },
    });
  });

  it('tells a short IMEI, the all-zero placeholder and an unknown format apart', () => {
    expect(explainScan('4901542032375')).toEqual({ ok: false, problem: { kind: 'imei-length', digits: 13 } });
    expect(explainScan('000000000000000')).toEqual({ ok: false, problem: { kind: 'imei-placeholder' } });
    const unknown = explainScan('hello');
    expect(unknown.ok || unknown.problem).toMatchObject({ kind: 'format', code: 'EVENT.INVALID_DEVICE_ID' });
    expect(explainScan('  ')).toEqual({ ok: false, problem: { kind: 'empty' } });
  });
});
