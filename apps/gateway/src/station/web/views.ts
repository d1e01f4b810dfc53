import type { BenchDevice } from '../bench-device';
import { code128Svg } from '../code128';
import type { StationSessionView } from '../station-session-view';
import { stepsFor, StationStepType } from '../station-step';
import { cameraAvailable } from './camera';
import { h } from '@refurb/web-browser';
import { t } from './language';
import { state, StepInProgress } from './station-state';
import { nextQuestion, Question } from './step-questions';

/** What the screens can ask the page to do; main.ts implements them. */
export interface StationActions {
  signIn(key: string): void;
  signOut(): void;
  chooseStep(type: StationStepType): void;
  pick(question: Question, index: number): void;
  finishMulti(question: Question): void;
  answerText(key: string, value: string, numeric: boolean): void;
  keepTyping(value: string): void;
  confirmStep(): void;
  toggleLabel(): void;
  toggleCamera(): void;
}

/** The screen for the current state: sign-in, or the station with its device, step and queue. */
export function screen(scanner: ScannerElements, actions: StationActions): HTMLElement {
  return state.session ? stationScreen(state.session, scanner, actions) : signInScreen(actions);
}

/** Kept across renders: the scan field keeps its focus and text, the camera its stream. */
export interface ScannerElements {
  scanInput: HTMLInputElement;
  cameraView: HTMLVideoElement;
}

function signInScreen(actions: StationActions): HTMLElement {
  const keyInput = h('input', { id: 'key', type: 'password', autocomplete: 'off', required: true });
  return h(
    'section',
    { class: 'sign-in', 'data-screen': 'sign-in' },
    h('h1', {}, t.title),
    state.notice ? h('p', { class: 'notice', role: 'alert' }, state.notice) : null,
    h(
      'form',
      {
        onsubmit: (event: Event) => {
          event.preventDefault();
          const key = keyInput.value;
          // The key goes to the gateway once and is not kept anywhere by the page.
          keyInput.value = '';
          actions.signIn(key);
        },
      },
      h('label', { for: 'key' }, t.signInTitle),
      keyInput,
      h('button', { type: 'submit' }, t.signIn),
    ),
    queueSection(),
  );
}

function stationScreen(
  session: StationSessionView,
  { scanInput, cameraView }: ScannerElements,
  actions: StationActions,
): HTMLElement {
  return h(
    'div',
    { class: 'station', 'data-screen': 'station' },
    h(
      'header',
      {},
      h('h1', {}, t.title),
      h('span', { class: 'workshop' }, t.signedInAs(session.workshopId)),
      h('button', { type: 'button', id: 'sign-out', onclick: () => actions.signOut() }, t.signOut),
    ),
    h(
      'section',
      { class: 'scan' },
      h('label', { for: 'scan' }, t.scanLabel),
      scanInput,
      cameraAvailable()
        ? h('button', { type: 'button', id: 'camera', onclick: () => actions.toggleCamera() }, t.camera)
        : null,
      state.camera ? cameraView : null,
      h('p', { id: 'scan-message', role: 'alert' }, state.scanMessage ?? ''),
      h('p', { class: 'help' }, t.scanHelp),
    ),
    h(
      'section',
      { id: 'answers', role: 'status' },
      state.answers.map((a) => h('p', { class: a.ok ? 'ok' : 'refused' }, a.text)),
    ),
    state.device ? deviceSection(state.device) : null,
    state.device ? stepSection(state.device, actions) : null,
    state.device && state.label ? labelSection(state.device.deviceId) : null,
    queueSection(),
  );
}

function deviceSection(device: BenchDevice): HTMLElement {
  const missing = device.missingForCredit.map((code) => t.missingForCredit[code]);
  return h(
    'section',
    { id: 'device' },
    h('h2', {}, device.deviceId),
    state.deviceNote ? h('p', { class: 'notice' }, state.deviceNote) : null,
    h(
      'dl',
      {},
      h('dt', {}, t.category),
      h('dd', { id: 'category' }, device.category ?? t.unknownCategory),
      // Unknown while the device cannot be read: say nothing rather than something wrong.
      state.deviceNote
        ? null
        : [
            h('dt', {}, t.cycleState),
            h(
              'dd',
              { id: 'cycle-state' },
              device.cycle ? (t.states[device.cycle.state] ?? device.cycle.state) : t.noCycle,
            ),
            h('dt', {}, t.missing),
            h('dd', { id: 'missing' }, missing.length === 0 ? t.nothingMissing : missing.join(' · ')),
          ],
    ),
    h('h3', {}, t.timeline),
    device.timeline.length === 0
      ? h('p', {}, t.noEvents)
      : h(
          'ol',
          { id: 'timeline' },
          device.timeline.map((entry) =>
            h(
              'li',
              { 'data-type': entry.type, 'data-event-id': entry.eventId },
              h('time', { datetime: entry.time }, new Date(entry.time).toLocaleString()),
              ' ',
              h('strong', {}, t.steps[entry.type] ?? entry.type),
              entry.workshopId ? ` — ${entry.workshopId}` : '',
            ),
          ),
        ),
  );
}

function stepSection(device: BenchDevice, actions: StationActions): HTMLElement {
  const steps = stepsFor(device);
  if (!state.step) {
    return h(
      'section',
      { id: 'steps' },
      h('h3', {}, t.stepsTitle),
      steps.length === 0 ? h('p', {}, t.noSteps) : null,
      h(
        'div',
        { class: 'choices' },
        steps.map((type, index) =>
          h(
            'button',
            { type: 'button', 'data-step': type, onclick: () => actions.chooseStep(type) },
            h('kbd', {}, String(index + 1)),
            t.steps[type],
          ),
        ),
        h(
          'button',
          { type: 'button', id: 'label-button', onclick: () => actions.toggleLabel() },
          h('kbd', {}, 'L'),
          t.label,
        ),
      ),
    );
  }
  const question = nextQuestion(state.step.type, state.step.answers, device);
  return h(
    'section',
    { id: 'steps', 'data-question': question.kind === 'confirm' ? 'confirm' : question.key },
    h('h3', {}, t.steps[state.step.type]),
    questionView(question, state.step, actions),
    h('p', { class: 'help' }, question.kind === 'confirm' ? `${t.confirm} · ${t.cancel}` : t.cancel),
  );
}

function questionView(question: Question, step: StepInProgress, actions: StationActions): HTMLElement {
  if (question.kind === 'confirm') {
    return h(
      'div',
      {},
      h('p', {}, t.confirmTitle),
      h('button', { type: 'button', id: 'confirm', onclick: () => actions.confirmStep() }, t.confirm),
    );
  }
  const title = t.questions[question.key as keyof typeof t.questions];
  if (question.kind === 'text') {
    const input = h('input', {
      id: 'answer-input',
      autocomplete: 'off',
      inputmode: question.numeric ? 'numeric' : 'text',
      value: step.typing,
      oninput: () => actions.keepTyping(input.value),
      onkeydown: (event: Event) => {
        const key = (event as KeyboardEvent).key;
        if (key === 'Enter') {
          event.preventDefault();
          // Handled here: once answered the focus is back on the scan field, where this Enter must not confirm.
          event.stopPropagation();
          actions.answerText(question.key, input.value, question.numeric);
        }
      },
    });
    return h('div', {}, h('label', { for: 'answer-input' }, title), input);
  }
  const label = (option: string) =>
    question.key === 'parts' ? t.parts[option] : (t.choices[option] ?? option);
  return h(
    'div',
    {},
    h('p', {}, title),
    h(
      'div',
      { class: 'choices' },
      question.options.map((option, index) =>
        h(
          'button',
          {
            type: 'button',
            'data-option': option,
            'aria-pressed': question.kind === 'multi' ? String(step.picked.has(option)) : false,
            onclick: () => actions.pick(question, index),
          },
          h('kbd', {}, String(index + 1)),
          label(option),
        ),
      ),
      question.kind === 'multi'
        ? h(
            'button',
            { type: 'button', id: 'parts-done', onclick: () => actions.finishMulti(question) },
            h('kbd', {}, '↵'),
            t.confirm,
          )
        : null,
    ),
  );
}

function labelSection(deviceId: string): HTMLElement {
  const svg = code128Svg(deviceId);
  return h(
    'section',
    { id: 'label' },
    h('img', { alt: deviceId, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }),
    h('button', { type: 'button', onclick: () => window.print() }, t.label),
  );
}

function queueSection(): HTMLElement | null {
  if (state.queue.length === 0) return null;
  return h(
    'section',
    { id: 'queue' },
    h('h3', {}, t.queueTitle(state.queue.length)),
    h(
      'ol',
      {},
      state.queue.map((queued) =>
        h(
          'li',
          { 'data-event-id': queued.eventId },
          `${queued.deviceId} — ${t.steps[queued.step.type]} — ${new Date(queued.scannedAt).toLocaleTimeString()}`,
        ),
      ),
    ),
  );
}
