import { formatDemoReport } from './demo-report';

describe('formatDemoReport', () => {
  it('shows states, reasons and batches with tonnes, credits and serials', () => {
    const text = formatDemoReport({
      seed: 7,
      devices: 3000,
      sent: 19_000,
      acceptedAtGateway: 18_900,
      rejectedAtGateway: { 'EVENT.INVALID_IMEI': 60, 'GATEWAY.MALFORMED_JSON': 40 },
      deadLetters: { 'EVENT.ID_REUSED': 2 },
      cyclesByState: { eligible: 1800, recycled: 700 },
      openConflicts: 12,
      batches: [
        {
          id: 'FR-01-2026-1',
          projectId: 'FR-01',
          vintage: 2026,
          state: 'closed',
          lines: 900,
          netG: 40_250_001,
          credits: 40,
          serialBlock: 'RL-FR-01-2026-000001-000040',
        },
        {
          id: 'DE-01-2026-1',
          projectId: 'DE-01',
          vintage: 2026,
          state: 'closed',
          lines: 10,
          netG: 400_000,
          credits: 0,
          serialBlock: null,
        },
      ],
    });
    expect(text).toContain('3,000 devices');
    expect(text).toMatch(/EVENT.INVALID_IMEI\s+60/);
    expect(text).toContain('open conflicts (double claims): 12');
    expect(text).toMatch(
      /FR-01-2026-1\s+FR-01\s+2026\s+closed\s+900\s+40\.250 t\s+40\s+RL-FR-01-2026-000001-000040/,
    );
    expect(text).toMatch(/DE-01-2026-1 .* 0\.400 t\s+0\s+-/);
    expect(text).toContain('40 credits (t CO2e) issued in 1 projects');
  });

  it('says none where there is nothing to show', () => {
    const text = formatDemoReport({
      seed: 1,
      devices: 0,
      sent: 0,
      acceptedAtGateway: 0,
      rejectedAtGateway: {},
      deadLetters: {},
      cyclesByState: {},
      openConflicts: 0,
      batches: [],
    });
    expect(text.match(/\(none\)/g)).toHaveLength(4);
  });
});
