import { BatchException } from './batch.exception';

/** Inclusive range of credit serial numbers issued to one batch. */
export interface SerialBlock {
  first: number;
  last: number;
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new BatchException(
      'BATCH.INVALID_SERIAL',
      `${what} must be a non-negative safe integer, got ${value}`,
    );
  }
}

/**
 * The block following the project's last issued serial (0 before its first batch). Serials are
 * per project and never reused, so consecutive blocks are contiguous and disjoint. A batch with no
 * credit gets no block and leaves the project's last serial unchanged.
 */
export function nextSerialBlock(lastIssuedSerial: number, credits: number): SerialBlock | null {
  assertCount(lastIssuedSerial, 'lastIssuedSerial');
  assertCount(credits, 'credits');
  if (credits === 0) return null;
  const last = lastIssuedSerial + credits;
  if (!Number.isSafeInteger(last)) {
    throw new BatchException(
      'BATCH.INVALID_SERIAL',
      `serial ${lastIssuedSerial} + ${credits} is not a safe integer`,
    );
  }
  return { first: lastIssuedSerial + 1, last };
}

const PROJECT_ID = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const MIN_VINTAGE = 2000;
const MAX_VINTAGE = 9999;

function assertSerialKey(projectId: string, vintage: number): void {
  if (!PROJECT_ID.test(projectId)) {
    throw new BatchException(
      'BATCH.INVALID_KEY',
      `project id "${projectId}" must match ${PROJECT_ID.source}`,
    );
  }
  if (!Number.isSafeInteger(vintage) || vintage < MIN_VINTAGE || vintage > MAX_VINTAGE) {
    throw new BatchException(
      'BATCH.INVALID_KEY',
      `vintage must be a year ${MIN_VINTAGE}..${MAX_VINTAGE}, got ${vintage}`,
    );
  }
}

// Six digits is a minimum width: serial 1_000_000 prints in full rather than being truncated into a clash.
const padSerial = (serial: number): string => String(serial).padStart(6, '0');

/** One credit's serial, `RL-<project>-<vintage>-<serial:06d>`: a block's start or end as a registry lists it. */
export function formatSerial(projectId: string, vintage: number, serial: number): string {
  assertSerialKey(projectId, vintage);
  if (!Number.isSafeInteger(serial) || serial < 1) {
    throw new BatchException('BATCH.INVALID_SERIAL', `invalid serial ${serial}`);
  }
  return `RL-${projectId}-${vintage}-${padSerial(serial)}`;
}

/**
 * `RL-<project>-<vintage>-<first:06d>-<last:06d>`, e.g. RL-FR-01-2025-000001-000046: the first serial
 * followed by the last one's number.
 */
export function formatSerialBlock(projectId: string, vintage: number, block: SerialBlock): string {
  assertSerialKey(projectId, vintage);
  if (
    !Number.isSafeInteger(block.first) ||
    !Number.isSafeInteger(block.last) ||
    block.first < 1 ||
    block.last < block.first
  ) {
    throw new BatchException('BATCH.INVALID_SERIAL', `invalid serial block ${block.first}..${block.last}`);
  }
  return `${formatSerial(projectId, vintage, block.first)}-${padSerial(block.last)}`;
}
