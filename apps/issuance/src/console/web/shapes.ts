import type { BatchLineView } from '../../../../../libs/issuance/src/batch-line';
import type {
  BatchSnapshot,
  BatchState,
  BatchTotals,
} from '../../../../../libs/contracts/src/messages/batch-snapshot';

export type { BatchSnapshot, BatchState };

/**
 * The answers of the issuance API the page reads, as the routes return them (their OpenAPI document at
 * /docs describes them). The batch and line shapes are the server's own declarations, imported from
 * files that hold nothing else; the rest of those libs holds Node code a browser build cannot take.
 */
export type ApiRole = 'finance' | 'verifier' | 'admin';

export interface ConsoleSession {
  keyId: string;
  role: ApiRole;
  expiresAt: string;
}

export type BatchView = BatchSnapshot & {
  lines: { lineCount: number; grossG: number };
  /** SHA-256 of the evidence CSV frozen at close; null while open (or closed before digests were kept). */
  evidenceSha256?: string | null;
};

export interface StateSummary {
  batches: number;
  lines: number;
  grossG: number;
  grossTonnes: string;
  credits: number;
}

export interface ProjectSummary {
  projectId: string;
  vintages: { vintage: number; byState: Record<BatchState, StateSummary>; total: StateSummary }[];
  total: StateSummary;
}

export interface Project {
  id: string;
  company: string;
  country: string;
  discountBp: number;
}

export interface ClosePreview {
  batchId: string;
  closeSequence: number;
  previousBatchId: string | null;
  totals: BatchTotals;
  serials: BatchSnapshot['serials'];
  warnings: { code: string; message: string; batchIds: string[] }[];
}

export interface HistoryEntry {
  action: 'close' | 'verify' | 'issue';
  state: 'closed' | 'verified' | 'issued';
  actor: string;
  at: string;
}

export interface UnplacedLine {
  changeId: string;
  kind: 'credit' | 'reversal';
  deviceId: string;
  workshopId: string;
  vintage: number;
  avoidedG: number;
  reason: string;
  receivedAt: string;
}

export type BatchLine = BatchLineView;

export interface LineEvidence {
  line: BatchLine;
  events: { eventId: string; type: string; time: string; payload: unknown }[];
  missing: string[];
}

export interface EvidenceSample {
  batchId: string;
  seed: string;
  size: number;
  strata: { kind: 'credit' | 'reversal'; population: number; drawn: number }[];
  lines: BatchLine[];
}

export interface WebhookSubscription {
  id: string;
  url: string;
  description: string | null;
  createdAt: string;
  deletedAt: string | null;
}

export interface WebhookDelivery {
  id: string;
  batchId: string;
  eventType: string;
  status: string;
  attempts: { attempt: number; at: string; statusCode: number | null; error: string | null }[];
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
