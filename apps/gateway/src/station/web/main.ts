import { explainScan } from '../scan-explanation';
import { STATION_WORKER_PATH, STATION_WORKER_SCOPE } from '../station-offline-cache';
import type { StationSessionView } from '../station-session-view';
import { QueuedStep, stepEvent, StationStepType } from '../station-step';
import { EventAnswer, Refused, SessionEnded, stationApi, Unreachable } from './api';
import { h } from '@refurb/web-browser';
import { language, t } from './language';
import { scanProblemText } from './messages';
import { sessionMemory } from './session-memory';
import { state } from './station-state';
import { drafts, stepQueue } from './step-queue';
import { Question, stepFrom } from './step-questions';
import { benchDraft, restoreBenchDraft } from './bench-draft';
import { readWithCamera } from './camera';
import { installBenchKeyboard } from './keyboard';
import { screen, StationActions } from './views';

document.documentElement.lang = language;
document.title = t.title;

const FLUSH_EVERY_MS = 3000;
const TIMELINE_POLLS = 20;
const TIMELINE_POLL_MS = 300;

const app = document.getElementById('app') as HTMLElement;
const scanInput = h('input', {
  id: 'scan',
  autocomplete: 'off',
  autocapitalize: 'off',
  spellcheck: 'false',
  'aria-describedby': 'scan-message',
});
scanInput.addEventListener('input', () => void drafts.save('scan', scanInput.value));
const cameraView = h('video', { id: 'camera-view', playsinline: true, muted: true });
let stopCamera: (() => void) | null = null;

// ---------- rendering ----------

const actions: StationActions = {
  signIn: (key) => void signIn(key),
  signOut: () => void signOut(),
  chooseStep,
  pick,
  finishMulti,
  answerText,
  keepTyping,
  confirmStep: () => void confirmStep(),
  toggleLabel,
  toggleCamera: () => void toggleCamera(),
};

/** The camera reads one code, which is scanned as if typed; a second press stops it. */
async function toggleCamera(): Promise<void> {
  if (stopCamera) {
    stopCamera();
    stopCamera = null;
    state.camera = false;
    return render();
  }
  state.camera = true;
  render();
  try {
    stopCamera = await readWithCamera(cameraView, (code) => {
      stopCamera = null;
      state.camera = false;
      void scan(code);
    });
  } catch {
    // Refused or no camera: the field is still there.
    state.camera = false;
    render();
  }
}

function render(): void {
  app.replaceChildren(screen({ scanInput, cameraView }, actions));
  focusWhereExpected();
  void drafts.save('bench', benchDraft());
}

function focusWhereExpected(): void {
  const textAnswer = document.getElementById('answer-input') as HTMLInputElement | null;
  if (textAnswer) {
    textAnswer.focus();
    // A render while typing (a restored draft, a queue update) goes on typing after what is there.
    textAnswer.setSelectionRange(textAnswer.value.length, textAnswer.value.length);
  } else if (state.session) scanInput.focus();
  else document.getElementById('key')?.focus();
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
  // A device restored from the draft is shown as it was; read it again.
  if (state.device) void loadDevice(state.device.deviceId);
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
  // A new device: the answers shown were about the previous one.
  state.answers = [];
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
  state.step = { type, answers: {}, picked: new Set(), typing: '' };
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
  state.step.typing = '';
  render();
}

/** Saved as typed, without a render (which would rebuild the field under the cursor). */
function keepTyping(value: string): void {
  if (!state.step) return;
  state.step.typing = value;
  void drafts.save('bench', benchDraft());
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
let flushAgain = false;

/**
 * Sends the queue; a flush asked for while one is sending runs right after it (a step confirmed
 * meanwhile is not left for the next tick). Then waits for the shown device's new steps to be stored.
 */
async function flush(): Promise<void> {
  if (!state.session) return;
  if (flushing) {
    flushAgain = true;
    return;
  }
  flushing = true;
  const accepted: QueuedStep[] = [];
  try {
    do {
      flushAgain = false;
      accepted.push(...(await sendQueued()));
    } while (flushAgain && state.session);
  } finally {
    flushing = false;
  }
  const shown = state.device;
  const forShown = accepted.filter((step) => step.deviceId === shown?.deviceId);
  if (shown && forShown.length > 0) {
    await waitForTimeline(
      shown.deviceId,
      forShown.map((step) => step.eventId),
    );
  }
}

/** Every queued step in one request; each answered one leaves the queue. The accepted ones are returned. */
async function sendQueued(): Promise<QueuedStep[]> {
  const queued = await stepQueue.all();
  state.queue = queued;
  if (queued.length === 0) return [];
  let results: EventAnswer[];
  try {
    ({ results } = await stationApi.send(queued.map(stepEvent)));
  } catch (error) {
    if (!(error instanceof Unreachable)) {
      handleFailure(error);
      return [];
    }
    state.answers = [{ text: t.queued, ok: false }];
    render();
    return [];
  }
  state.answers = results.map((result, index) =>
    result.status === 'accepted'
      ? { text: t.accepted(t.steps[queued[index].step.type]), ok: true }
      : { text: t.rejected(result.code ?? '?', result.message ?? ''), ok: false },
  );
  for (const step of queued) await stepQueue.remove(step.eventId);
  state.queue = await stepQueue.all();
  render();
  return queued.filter((_, index) => results[index]?.status === 'accepted');
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

installBenchKeyboard(scanInput, {
  render,
  scan: (raw) => void scan(raw),
  chooseStep,
  pick,
  finishMulti,
  confirmStep: () => void confirmStep(),
  toggleLabel,
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
  restoreBenchDraft(await drafts.load('bench'));
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

// Lets a reload load the page while the gateway cannot be reached (station-offline-cache.ts). Without
// it (plain http off localhost, a refusing browser) the page still works, only not reloaded offline.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register(STATION_WORKER_PATH, { scope: STATION_WORKER_SCOPE })
    .catch((error: unknown) => console.warn('station: no offline reload (service worker refused)', error));
}
