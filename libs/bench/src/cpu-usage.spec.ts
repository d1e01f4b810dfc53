import { cpuBetween, CpuSample, parseMachineCpu, parseProcessCpu } from './cpu-usage';

describe('cpu usage', () => {
  it("reads the machine's busy, idle and disk-wait seconds from /proc/stat's aggregate line", () => {
    const procStat = [
      'cpu  172005 0 27676 69415 4688 0 4395 2751 0 0',
      'cpu0 86000 0 13000 34000 2000 0 2000 1300 0 0',
      'intr 123',
    ].join('\n');

    expect(parseMachineCpu(procStat)).toEqual({
      busy: (172005 + 27676 + 4395 + 2751) / 100,
      idle: 694.15,
      iowait: 46.88,
    });
  });

  it("reads a process's user + system seconds, whatever its name holds", () => {
    // Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime.
    const stat = '4242 (node (tracker) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 166 0 0 20 0 11 0';

    expect(parseProcessCpu(stat)).toEqual({ command: 'node (tracker) x', seconds: 14 });
  });

  it('refuses a stat line it cannot read rather than counting zero', () => {
    expect(() => parseProcessCpu('garbage')).toThrow('unreadable process stat');
    expect(() => parseMachineCpu('intr 1')).toThrow('no aggregate cpu line');
  });

  it('charges each label with its processes, counts a process started in between from zero, and leaves the rest to other', () => {
    const start: CpuSample = {
      atMs: 0,
      machine: { busy: 100, idle: 50, iowait: 5 },
      processes: new Map([
        [10, { label: 'PostgreSQL', seconds: 3 }],
        [11, { label: 'PostgreSQL', seconds: 1 }],
        [20, { label: 'issuance', seconds: 7 }],
      ]),
    };
    const end: CpuSample = {
      atMs: 10_000,
      machine: { busy: 118, idle: 51, iowait: 6 },
      processes: new Map([
        [10, { label: 'PostgreSQL', seconds: 6 }],
        [11, { label: 'PostgreSQL', seconds: 2 }],
        [20, { label: 'issuance', seconds: 9 }],
        [30, { label: 'tracker', seconds: 10 }],
      ]),
    };

    expect(cpuBetween(start, end)).toEqual({
      wallSeconds: 10,
      busyCores: 1.8,
      iowaitCores: 0.1,
      secondsBy: { PostgreSQL: 4, issuance: 2, tracker: 10, other: 2 },
    });
  });
});
