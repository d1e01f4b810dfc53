import type { BenchDevice } from '../bench-device';
import type { StationStepType } from '../station-step';
import { state } from './station-state';
import type { Answers } from './step-questions';

/** What is on the bench between two renders: the device and the step being answered. */
interface BenchDraft {
  device: BenchDevice | null;
  scannedAt: string | null;
  step: { type: StationStepType; answers: Answers; picked: string[]; typing?: string } | null;
}

/** The bench as JSON, saved on every render so that a reload loses nothing typed or chosen. */
export function benchDraft(): string {
  const draft: BenchDraft = {
    device: state.device,
    scannedAt: state.scannedAt,
    step: state.step && { ...state.step, picked: [...state.step.picked] },
  };
  return JSON.stringify(draft);
}

export function restoreBenchDraft(saved: string): void {
  if (saved === '') return;
  const draft = JSON.parse(saved) as BenchDraft;
  state.device = draft.device;
  state.scannedAt = draft.scannedAt;
  // `typing` is absent from a draft saved before the page kept it.
  state.step = draft.step && {
    ...draft.step,
    picked: new Set(draft.step.picked),
    typing: draft.step.typing ?? '',
  };
}
