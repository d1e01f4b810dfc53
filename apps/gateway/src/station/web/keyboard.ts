import { stepsFor, StationStepType } from '../station-step';
import { state } from './station-state';
import { nextQuestion, Question } from './step-questions';

/** Keys typed faster than this after a digit are a scanner typing an id, not a choice (ms). */
const SCANNER_GAP_MS = 60;

export interface KeyboardHandlers {
  render(): void;
  scan(raw: string): void;
  chooseStep(type: StationStepType): void;
  pick(question: Question, index: number): void;
  finishMulti(question: Question): void;
  confirmStep(): void;
  toggleLabel(): void;
}

/**
 * The bench by keyboard alone: Enter scans or confirms, number keys choose, Esc cancels, L shows the
 * label. The scan field keeps the focus, so a scanner's digits and a chosen number arrive at the same
 * place: a digit is a choice only when no other key follows it within SCANNER_GAP_MS.
 */
export function installBenchKeyboard(scanInput: HTMLInputElement, on: KeyboardHandlers): void {
  let pendingDigit: { digit: string; timer: number } | null = null;

  /** What a number key chooses now, if anything. */
  function numberKeyTarget(): ((index: number) => void) | null {
    const device = state.device;
    if (!device || document.activeElement !== scanInput || scanInput.value !== '') return null;
    if (!state.step) {
      const steps = stepsFor(device);
      return (index) => steps[index] && on.chooseStep(steps[index]);
    }
    const question = nextQuestion(state.step.type, state.step.answers, device);
    return question.kind === 'choice' || question.kind === 'multi'
      ? (index) => on.pick(question, index)
      : null;
  }

  function releasePendingDigitAsText(): void {
    if (!pendingDigit) return;
    window.clearTimeout(pendingDigit.timer);
    scanInput.value += pendingDigit.digit;
    pendingDigit = null;
  }

  document.addEventListener('keydown', (event) => {
    if (!state.session) return;
    const key = event.key;
    if (pendingDigit) {
      // A second key right after the first digit: a scanner is typing an id.
      releasePendingDigitAsText();
      return;
    }
    if (key === 'Escape') {
      event.preventDefault();
      if (state.step) state.step = null;
      else Object.assign(state, { device: null, label: false, scanMessage: null });
      scanInput.value = '';
      on.render();
      return;
    }
    const target = numberKeyTarget();
    if (target && /^[1-9]$/.test(key)) {
      event.preventDefault();
      pendingDigit = {
        digit: key,
        timer: window.setTimeout(() => {
          pendingDigit = null;
          target(Number(key) - 1);
        }, SCANNER_GAP_MS),
      };
      return;
    }
    if (key === 'Enter' && document.activeElement === scanInput) {
      event.preventDefault();
      if (scanInput.value.trim() !== '') return on.scan(scanInput.value);
      if (!state.step || !state.device) return;
      const question = nextQuestion(state.step.type, state.step.answers, state.device);
      if (question.kind === 'confirm') on.confirmStep();
      else if (question.kind === 'multi') on.finishMulti(question);
      return;
    }
    if ((key === 'l' || key === 'L') && target !== null && !state.step) {
      event.preventDefault();
      on.toggleLabel();
    }
  });
}
