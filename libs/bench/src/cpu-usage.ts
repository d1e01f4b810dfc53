import { readdirSync, readFileSync } from 'node:fs';

/**
 * Linux reports CPU time in clock ticks of USER_HZ, which the kernel's user-space ABI fixes at 100 on
 * every architecture Node.js runs on (sysconf(_SC_CLK_TCK) is not reachable from Node).
 */
const TICKS_PER_SECOND = 100;

/** The machine's CPU time so far, in seconds summed over all cores (`/proc/stat`'s first line). */
export interface MachineCpu {
  busy: number;
  idle: number;
  /** Idle with a disk request outstanding (fsync of the WAL, mostly, on this benchmark). */
  iowait: number;
}

/** CPU time of the machine and of each live process, at one moment. */
export interface CpuSample {
  atMs: number;
  machine: MachineCpu;
  /** pid → CPU seconds (user + system) of the processes the label function named. */
  processes: Map<number, { label: string; seconds: number }>;
}

/** CPU spent between two samples: cores kept busy on average, and CPU seconds by label. */
export interface CpuUsage {
  wallSeconds: number;
  busyCores: number;
  iowaitCores: number;
  /** CPU seconds by label, `other` being the machine's busy time no labelled process accounts for. */
  secondsBy: Record<string, number>;
}

/** Reads `/proc/stat`'s aggregate line: user nice system idle iowait irq softirq steal. */
export function parseMachineCpu(procStat: string): MachineCpu {
  const line = procStat.split('\n').find((candidate) => candidate.startsWith('cpu '));
  if (!line) throw new Error('no aggregate cpu line in /proc/stat');
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const seconds = (ticks: number) => (ticks ?? 0) / TICKS_PER_SECOND;
  return {
    busy: seconds(user + nice + system + irq + softirq + (steal ?? 0)),
    idle: seconds(idle),
    iowait: seconds(iowait),
  };
}

/**
 * Reads a process's command name and CPU seconds from `/proc/<pid>/stat`. The name is in parentheses and
 * may itself hold spaces or parentheses, so the fields are counted from the last `)`: utime and stime are
 * the stat file's 14th and 15th fields.
 */
export function parseProcessCpu(pidStat: string): { command: string; seconds: number } {
  const open = pidStat.indexOf('(');
  const close = pidStat.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`unreadable process stat: ${pidStat.slice(0, 80)}`);
  const fields = pidStat.slice(close + 2).split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('process stat without utime/stime');
  return { command: pidStat.slice(open + 1, close), seconds: (utime + stime) / TICKS_PER_SECOND };
}

/**
 * Samples the machine and every process `labelOf` names (by pid and command name; `undefined` leaves it
 * out). Processes that exit between reads are skipped.
 */
export function sampleCpu(labelOf: (pid: number, command: string) => string | undefined): CpuSample {
  const processes = new Map<number, { label: string; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited since the directory was listed
    }
    const { command, seconds } = parseProcessCpu(stat);
    const label = labelOf(pid, command);
    if (label !== undefined) processes.set(pid, { label, seconds });
  }
  return { atMs: Date.now(), machine: parseMachineCpu(readFileSync('/proc/stat', 'utf8')), processes };
}

/**
 * The CPU used between two samples. A process started in between counts from zero (its start-up is part
 * of the phase); one that exited in between is missed, and its time lands in `other`.
 */
export function cpuBetween(start: CpuSample, end: CpuSample): CpuUsage {
  const wallSeconds = (end.atMs - start.atMs) / 1000;
  const secondsBy: Record<string, number> = {};
  for (const [pid, { label, seconds }] of end.processes) {
    const before = start.processes.get(pid)?.seconds ?? 0;
    secondsBy[label] = (secondsBy[label] ?? 0) + (seconds - before);
  }
  const busy = end.machine.busy - start.machine.busy;
  const labelled = Object.values(secondsBy).reduce((sum, seconds) => sum + seconds, 0);
  secondsBy.other = Math.max(0, busy - labelled);
  return {
    wallSeconds,
    busyCores: wallSeconds > 0 ? busy / wallSeconds : 0,
    iowaitCores: wallSeconds > 0 ? (end.machine.iowait - start.machine.iowait) / wallSeconds : 0,
    secondsBy,
  };
}
