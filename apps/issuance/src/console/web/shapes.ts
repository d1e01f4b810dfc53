/**
 * The answers of the issuance API the page reads, as the routes return them (their OpenAPI document at
 * /docs describes them; BatchSnapshot is libs/contracts' batch-transition-record). Written out here
 * because the contracts' modules also hold Node code (signatures, codecs) a browser build cannot take.
 */
export type BatchState = 'open' | 'closed' | 'verified' | 'issued';

export interface BatchTotals {
  lineCount: number;
  grossG: number;
  discountBp: number;
  discountG: number;
  carriedInG: number;
  netG: number;
  credits: number;
  carriedOutG: number;
}

export interface BatchSnapshot {
  id: string;
  projectId: string;
  vintage: number;
  factorSetVersion: string;
  state: BatchState;
  openedAt: string;
  closedAt: string | null;
  closeSequence: number | null;
  previousBatchId: string | null;
  totals: BatchTotals | null;
  serials: { first: number; last: number; block: string } | null;
  verification: { verifiedAt: string; verifierName: string; reportReference: string } | null;
  issuance: { issuedAt: string; registryReference: string } | null;
}
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

export interface BatchLine {
  changeId: string;
  kind: 'credit' | 'reversal';
  reversesChangeId: string | null;
  deviceId: string;
  cycleId: string;
  category: string;
  workshopId: string;
  vintage: number;
  lineAvoidedG: number;
  fingerprint: string;
}

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
