import { readFileSync } from 'node:fs';

/**
 * Peak resident set size of a live process in MB (Linux `VmHWM`: the high-water mark the kernel keeps,
 * so a short spike between two samples is not missed).
 */
export function peakResidentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Math.round(Number(match[1]) / 1024);
}
