import type { BenchDevice } from '../bench-device';
import { code128Svg } from '../code128';
import { explainScan } from '../scan-explanation';
import type { StationSessionView } from '../station-session-view';
import { QueuedStep, stepEvent, stepsFor, StationStepType } from '../station-step';
import { EventAnswer, Refused, SessionEnded, stationApi, Unreachable } from './api';
import { h } from './dom';
import { messagesFor, pickLanguage, scanProblemText } from './messages';
import { sessionMemory } from './session-memory';
import { drafts, stepQueue } from './step-queue';
import { Answers, nextQuestion, Question, stepFrom } from './step-questions';

const t = messagesFor(pickLanguage(navigator.languages));
document.documentElement.lang = pickLanguage(navigator.languages);
document.title = t.title;

/** Keys typed faster than this after a digit are a scanner typing an id, not a choice (ms). */
const SCANNER_GAP_MS = 60;
const FLUSH_EVERY_MS = 3000;
const TIMELINE_POLLS = 20;
const TIMELINE_POLL_MS = 300;

interface StepInProgress {
  type: StationStepType;
  answers: Answers;
  picked: Set<string>;
}

const state = {
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
};

const app = document.getElementById('app') as HTMLElement;
const scanInput = h('input', {
  id: 'scan',
  autocomplete: 'off',
  autocapitalize: 'off',
  spellcheck: 'false',
  'aria-describedby': 'scan-message',
});
scanInput.addEventListener('input', () => void drafts.save('scan', scanInput.value));

// ---------- rendering ----------

function render(): void {
  app.replaceChildren(state.session ? stationScreen(state.session) : signInScreen());
  focusWhereExpected();
}

function focusWhereExpected(): void {
  const textAnswer = document.getElementById('answer-input');
  if (textAnswer) textAnswer.focus();
  else if (state.session) scanInput.focus();
  else document.getElementById('key')?.focus();
}

function signInScreen(): HTMLElement {
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
          void signIn(key);
        },
      },
      h('label', { for: 'key' }, t.signInTitle),
      keyInput,
      h('button', { type: 'submit' }, t.signIn),
    ),
    queueSection(),
  );
}

function stationScreen(session: StationSessionView): HTMLElement {
  return h(
    'div',
    { class: 'station', 'data-screen': 'station' },
    h(
      'header',
      {},
      h('h1', {}, t.title),
      h('span', { class: 'workshop' }, t.signedInAs(session.workshopId)),
      h('button', { type: 'button', id: 'sign-out', onclick: () => void signOut() }, t.signOut),
    ),
    h(
      'section',
      { class: 'scan' },
      h('label', { for: 'scan' }, t.scanLabel),
      scanInput,
      h('p', { id: 'scan-message', role: 'alert' }, state.scanMessage ?? ''),
      h('p', { class: 'help' }, t.scanHelp),
    ),
    h(
      'section',
      { id: 'answers', role: 'status' },
      state.answers.map((a) => h('p', { class: a.ok ? 'ok' : 'refused' }, a.text)),
    ),
    state.device ? deviceSection(state.device) : null,
    state.device ? stepSection(state.device) : null,
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

function stepSection(device: BenchDevice): HTMLElement {
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
            { type: 'button', 'data-step': type, onclick: () => chooseStep(type) },
            h('kbd', {}, String(index + 1)),
            t.steps[type],
          ),
        ),
        h(
          'button',
          { type: 'button', id: 'label-button', onclick: () => toggleLabel() },
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
    questionView(question, state.step),
    h('p', { class: 'help' }, question.kind === 'confirm' ? `${t.confirm} · ${t.cancel}` : t.cancel),
  );
}

function questionView(question: Question, step: StepInProgress): HTMLElement {
  if (question.kind === 'confirm') {
    return h(
      'div',
      {},
      h('p', {}, t.confirmTitle),
      h('button', { type: 'button', id: 'confirm', onclick: () => void confirmStep() }, t.confirm),
    );
  }
  const title = t.questions[question.key as keyof typeof t.questions];
  if (question.kind === 'text') {
    const input = h('input', {
      id: 'answer-input',
      autocomplete: 'off',
      inputmode: question.numeric ? 'numeric' : 'text',
      onkeydown: (event: Event) => {
        const key = (event as KeyboardEvent).key;
        if (key === 'Enter') {
          event.preventDefault();
          // Handled here: once answered the focus is back on the scan field, where this Enter must not confirm.
          event.stopPropagation();
          answerText(question.key, input.value, question.numeric);
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
            onclick: () => pick(question, index),
          },
          h('kbd', {}, String(index + 1)),
          label(option),
        ),
      ),
      question.kind === 'multi'
        ? h(
            'button',
            { type: 'button', id: 'parts-done', onclick: () => finishMulti(question) },
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

// ---------- actions ----------

async function signIn(key: string): Promise<void> {
  try {
    onSignedIn(await stationApi.signIn(key));
  } catch (error) {
    state.notice = error instanceof Refused ? `${t.badKey} (${error.code})` : t.queued;
    render();
  }
}

function onSignedIn(session: StationSessionView): void {
  state.session = session;
  state.notice = null;
  sessionMemory.remember(session);
  // Ask again just after the expiry: the gateway's answer sends the page back to sign-in.
  window.setTimeout(
    () => void checkSession(),
    Math.max(0, Date.parse(session.expiresAt) - Date.now()) + 1000,
  );
  render();
  void flush();
}

async function checkSession(): Promise<void> {
  try {
    await stationApi.session();
  } catch (error) {
    handleFailure(error);
  }
}

async function signOut(): Promise<void> {
  await stationApi.signOut().catch(() => undefined);
  sessionMemory.forget();
  Object.assign(state, { session: null, device: null, step: null, answers: [], notice: t.signedOut });
  render();
}

function handleFailure(error: unknown): void {
  if (error instanceof SessionEnded) {
    sessionMemory.forget();
    Object.assign(state, {
      session: null,
      step: null,
      notice: error.code.endsWith('SESSION_EXPIRED') ? t.sessionExpired : null,
    });
    render();
    return;
  }
  throw error;
}

async function scan(raw: string): Promise<void> {
  const result = explainScan(raw);
  state.step = null;
  state.label = false;
  if (!result.ok) {
    state.scanMessage = scanProblemText(t, result.problem);
    state.device = null;
    render();
    return;
  }
  state.scanMessage = null;
  state.scannedAt = new Date().toISOString();
  scanInput.value = '';
  void drafts.save('scan', '');
  await loadDevice(result.deviceId);
}

async function loadDevice(deviceId: string): Promise<void> {
  try {
    state.device = await stationApi.device(deviceId);
    state.deviceNote = null;
  } catch (error) {
    if (!(error instanceof Unreachable)) return handleFailure(error);
    // Offline: the bench can still record steps; parts need the category, so only if it was shown.
    state.device =
      state.device?.deviceId === deviceId
        ? state.device
        : { deviceId, category: null, cycle: null, timeline: [], missingForCredit: [] };
    state.deviceNote = t.deviceUnavailable;
  }
  render();
}

function chooseStep(type: StationStepType): void {
  state.step = { type, answers: {}, picked: new Set() };
  render();
}

function pick(question: Question, index: number): void {
  if (!state.step || (question.kind !== 'choice' && question.kind !== 'multi')) return;
  const option = question.options[index];
  if (option === undefined) return;
  if (question.kind === 'choice') state.step.answers[question.key] = option;
  else if (state.step.picked.has(option)) state.step.picked.delete(option);
  else state.step.picked.add(option);
  render();
}

function finishMulti(question: Question): void {
  if (!state.step || question.kind !== 'multi' || state.step.picked.size === 0) return;
  state.step.answers[question.key] = question.options.filter((option) => state.step?.picked.has(option));
  render();
}

function answerText(key: string, value: string, numeric: boolean): void {
  if (!state.step) return;
  const trimmed = value.trim();
  if (trimmed === '' || (numeric && !/^[0-9]{1,5}$/.test(trimmed))) return;
  state.step.answers[key] = trimmed;
  render();
}

async function confirmStep(): Promise<void> {
  const { step, device, session } = state;
  if (!step || !device || !session) return;
  const queued: QueuedStep = {
    // Fixed once: every resend of this step is the same event, which the pipeline de-duplicates.
    eventId: crypto.randomUUID(),
    deviceId: device.deviceId,
    workshopId: session.workshopId,
    scannedAt: state.scannedAt ?? new Date().toISOString(),
    recordedAt: new Date().toISOString(),
    step: stepFrom(step.type, step.answers),
  };
  await stepQueue.put(queued);
  state.step = null;
  state.queue = await stepQueue.all();
  render();
  await flush();
}

let flushing = false;

/** Sends every queued step in one request; each answered one leaves the queue. */
async function flush(): Promise<void> {
  if (flushing || !state.session) return;
  flushing = true;
  try {
    const queued = await stepQueue.all();
    state.queue = queued;
    if (queued.length === 0) return;
    let results: EventAnswer[];
    try {
      ({ results } = await stationApi.send(queued.map(stepEvent)));
    } catch (error) {
      if (error instanceof Unreachable) {
        state.answers = [{ text: t.queued, ok: false }];
        render();
        return;
      }
      return handleFailure(error);
    }
    state.answers = results.map((result, index) =>
      result.status === 'accepted'
        ? { text: t.accepted(t.steps[queued[index].step.type]), ok: true }
        : { text: t.rejected(result.code ?? '?', result.message ?? ''), ok: false },
    );
    for (const step of queued) await stepQueue.remove(step.eventId);
    state.queue = await stepQueue.all();
    render();
    const accepted = queued.filter((_, index) => results[index]?.status === 'accepted');
    const shown = state.device;
    const forShown = accepted.filter((step) => step.deviceId === shown?.deviceId);
    if (shown && forShown.length > 0)
      await waitForTimeline(
        shown.deviceId,
        forShown.map((step) => step.eventId),
      );
  } finally {
    flushing = false;
  }
}

/** The tracker stores events a moment after Kafka acknowledged them: poll until they are on the timeline. */
async function waitForTimeline(deviceId: string, eventIds: string[]): Promise<void> {
  for (let attempt = 0; attempt < TIMELINE_POLLS; attempt++) {
    await new Promise((resolve) => window.setTimeout(resolve, TIMELINE_POLL_MS));
    if (state.device?.deviceId !== deviceId) return;
    await loadDevice(deviceId);
    const shown = new Set(state.device?.timeline.map((entry) => entry.eventId));
    if (eventIds.every((id) => shown.has(id))) return;
  }
}

function toggleLabel(): void {
  state.label = !state.label;
  render();
}

// ---------- keyboard ----------

let pendingDigit: { digit: string; timer: number } | null = null;

/** Number keys choose only when typed alone: a scanner's digits come in a burst and go to the field. */
function numberKeyTarget(): ((index: number) => void) | null {
  const device = state.device;
  if (!device || document.activeElement !== scanInput || scanInput.value !== '') return null;
  if (!state.step) {
    const steps = stepsFor(device);
    return (index) => steps[index] && chooseStep(steps[index]);
  }
  const question = nextQuestion(state.step.type, state.step.answers, device);
  return question.kind === 'choice' || question.kind === 'multi' ? (index) => pick(question, index) : null;
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
    render();
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
    if (scanInput.value.trim() !== '') return void scan(scanInput.value);
    if (!state.step || !state.device) return;
    const question = nextQuestion(state.step.type, state.step.answers, state.device);
    if (question.kind === 'confirm') void confirmStep();
    else if (question.kind === 'multi') finishMulti(question);
    return;
  }
  if ((key === 'l' || key === 'L') && target !== null && !state.step) {
    event.preventDefault();
    toggleLabel();
  }
});

// The field stays focused: a click elsewhere (not on a control) hands the focus back to it.
document.addEventListener('click', (event) => {
  if (!(event.target instanceof HTMLButtonElement || event.target instanceof HTMLInputElement))
    focusWhereExpected();
});

window.addEventListener('online', () => void flush());
window.setInterval(() => void flush(), FLUSH_EVERY_MS);

// ---------- start ----------

async function start(): Promise<void> {
  scanInput.value = await drafts.load('scan');
  state.queue = await stepQueue.all();
  try {
    onSignedIn(await stationApi.session());
  } catch (error) {
    const remembered = sessionMemory.recall();
    if (error instanceof Unreachable && remembered) {
      state.session = remembered;
      render();
      return;
    }
    if (error instanceof SessionEnded || error instanceof Unreachable) {
      state.notice =
        error instanceof SessionEnded && error.code.endsWith('SESSION_EXPIRED') ? t.sessionExpired : null;
      render();
      return;
    }
    throw error;
  }
}

void start();
