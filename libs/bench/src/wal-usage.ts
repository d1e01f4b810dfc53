import { query } from './bench-query';

/**
 * PostgreSQL's write-ahead log and checkpoint counters (server-wide: pg_stat_wal, pg_stat_bgwriter).
 * What a replay writes there, and how often it forces a checkpoint, is what sizes a production server's
 * disk and `max_wal_size`; the full-page images are the part that grows with the tables.
 */
export interface WalCounters {
  bytes: number;
  /** Whole 8 kB pages written to the WAL on their first change after a checkpoint. */
  fullPageImages: number;
  /** Checkpoints started because the WAL reached `max_wal_size`, before `checkpoint_timeout`. */
  checkpointsRequested: number;
  checkpointsTimed: number;
}

export async function readWalCounters(databaseUrl: string): Promise<WalCounters> {
  const [row] = await query<Record<keyof WalCounters, string>>(
    databaseUrl,
    `SELECT wal.wal_bytes::text AS "bytes", wal.wal_fpi::text AS "fullPageImages",
            bgwriter.checkpoints_req::text AS "checkpointsRequested",
            bgwriter.checkpoints_timed::text AS "checkpointsTimed"
     FROM pg_stat_wal AS wal, pg_stat_bgwriter AS bgwriter`,
  );
  return {
    bytes: Number(row.bytes),
    fullPageImages: Number(row.fullPageImages),
    checkpointsRequested: Number(row.checkpointsRequested),
    checkpointsTimed: Number(row.checkpointsTimed),
  };
}

/** The counters' growth from `start` to `end` (both read from the same server). */
export function walBetween(start: WalCounters, end: WalCounters): WalCounters {
  return {
    bytes: end.bytes - start.bytes,
    fullPageImages: end.fullPageImages - start.fullPageImages,
    checkpointsRequested: end.checkpointsRequested - start.checkpointsRequested,
    checkpointsTimed: end.checkpointsTimed - start.checkpointsTimed,
  };
}
