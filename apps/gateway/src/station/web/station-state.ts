import type { BenchDevice } from '../bench-device';
import type { StationSessionView } from '../station-session-view';
import type { QueuedStep, StationStepType } from '../station-step';
import type { Answers } from './step-questions';

export interface StepInProgress {
  type: StationStepType;
  answers: Answers;
  picked: Set<string>;
  /** What is typed so far in the text question shown, kept in the draft before Enter answers it. */
  typing: string;
}

/** Everything the page shows; changed by main.ts, drawn by views.ts. */
export const state = {
  session: null as StationSessionView | null,
  notice: null as string | null,
  device: null as BenchDevice | null,
  deviceNote: null as string | null,
  scanMessage: null as string | null,
  scannedAt: null as string | null,
  step: null as StepInProgress | null,
  answers: [] as { text: string; ok: boolean }[],
  queue: [] as QueuedStep[],
  label: false,
  /** The camera is reading (only where the browser has BarcodeDetector). */
  camera: false,
};
