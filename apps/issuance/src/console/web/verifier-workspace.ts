import { h } from '@refurb/web-browser';
import { download, getJson, saveFile } from './api';
import { count, freshSeed, tonnes, when } from './format';
import type { BatchLine, EvidenceSample, LineEvidence } from './shapes';
import { button, errorNotice, section, table } from './ui';

const PAGE_SIZE = 50;

function linesTable(
  caption: string,
  lines: BatchLine[],
  open: (line: BatchLine) => void,
  id: string,
): HTMLTableElement {
  return table(
    caption,
    ['Change', 'Kind', 'Device', 'Category', 'Workshop', 'Line t', ''],
    lines.map((line) => [
      h('code', {}, line.changeId),
      line.kind,
      line.deviceId,
      line.category,
      line.workshopId,
      tonnes(line.lineAvoidedG),
      button('Evidence', () => open(line), { 'aria-label': `Evidence of ${line.changeId}`, class: 'small' }),
    ]),
    id,
  );
}

/** A line's evidence events with their stored payloads, as the tracker holds them. */
async function showEvidence(batchId: string, line: BatchLine, into: HTMLElement): Promise<void> {
  into.replaceChildren(h('p', {}, `Loading the evidence of ${line.changeId}…`));
  try {
    const evidence = await getJson<LineEvidence>(
      `/v1/batches/${encodeURIComponent(batchId)}/lines/${encodeURIComponent(line.changeId)}/evidence`,
    );
    into.replaceChildren(
      h(
        'h3',
        { tabindex: '-1', id: 'evidence-title' },
        `Evidence of ${line.changeId} — ${line.deviceId}, cycle ${line.cycleId}`,
      ),
      evidence.missing.length > 0
        ? h(
            'p',
            { class: 'notice', role: 'alert' },
            `The tracker does not hold ${evidence.missing.length} event(s) the line names: ${evidence.missing.join(', ')}`,
          )
        : h(
            'p',
            { class: 'ok' },
            `All ${evidence.events.length} events the line rests on are held by the tracker.`,
          ),
      h(
        'ol',
        { id: 'evidence-events' },
        evidence.events.map((event) =>
          h(
            'li',
            {},
            h(
              'details',
              {},
              h(
                'summary',
                {},
                h('strong', {}, event.type),
                ` ${when(event.time)} `,
                h('code', {}, event.eventId),
              ),
              h('pre', {}, JSON.stringify(event.payload, null, 2)),
            ),
          ),
        ),
      ),
    );
    into.querySelector<HTMLElement>('#evidence-title')?.focus();
  } catch (error) {
    into.replaceChildren(errorNotice(error));
  }
}

/** The batch's lines, a page at a time, each opening its evidence. */
export function linesSection(batchId: string): HTMLElement {
  const evidence = h('div', { id: 'evidence-panel', 'aria-live': 'polite' });
  const holder = h('div', {});
  const load = async (offset: number) => {
    const page = await getJson<{ lines: BatchLine[]; total: number }>(
      `/v1/batches/${encodeURIComponent(batchId)}/lines?limit=${PAGE_SIZE}&offset=${offset}`,
    );
    holder.replaceChildren(
      linesTable(
        `Lines ${count(offset + 1)}–${count(offset + page.lines.length)} of ${count(page.total)}`,
        page.lines,
        (line) => void showEvidence(batchId, line, evidence),
        'batch-lines',
      ),
      h(
        'div',
        { class: 'actions' },
        offset > 0 ? button('Previous lines', () => load(Math.max(0, offset - PAGE_SIZE))) : null,
        offset + PAGE_SIZE < page.total ? button('Next lines', () => load(offset + PAGE_SIZE)) : null,
      ),
    );
  };
  load(0).catch((error: unknown) => holder.replaceChildren(errorNotice(error)));
  return section('Lines', holder, evidence);
}

/**
 * A reproducible sample for the audit: the same seed and size always draw the same lines, stratified
 * by credits and reversals, so a verifier can write the seed in the report and anyone can redraw it.
 */
export function sampleSection(batchId: string): HTMLElement {
  const seed = h('input', {
    id: 'sample-seed',
    name: 'seed',
    value: freshSeed(),
    required: true,
    pattern: '[A-Za-z0-9._\\-]{1,64}',
    autocomplete: 'off',
  });
  const size = h('input', {
    id: 'sample-size',
    name: 'size',
    type: 'number',
    min: '1',
    max: '1000',
    value: '20',
    required: true,
  });
  const result = h('div', { id: 'sample-result', 'aria-live': 'polite' });
  const evidence = h('div', { id: 'sample-evidence' });
  const query = () => new URLSearchParams({ seed: seed.value, size: size.value }).toString();
  const draw = async () => {
    try {
      const sample = await getJson<EvidenceSample>(
        `/v1/batches/${encodeURIComponent(batchId)}/sample?${query()}`,
      );
      result.replaceChildren(
        h(
          'p',
          { id: 'sample-strata' },
          `Seed ${sample.seed}, size ${sample.size}: `,
          sample.strata
            .map((stratum) => `${stratum.drawn} of ${stratum.population} ${stratum.kind}s`)
            .join(', '),
          '.',
        ),
        linesTable(
          'Sampled lines',
          sample.lines,
          (line) => void showEvidence(batchId, line, evidence),
          'sample-lines',
        ),
      );
    } catch (error) {
      result.replaceChildren(errorNotice(error));
    }
  };
  const form = h(
    'form',
    {
      class: 'inline',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void draw();
      },
    },
    h('label', {}, 'Seed ', seed),
    h('label', {}, 'Size ', size),
    h('button', { type: 'submit', class: 'primary', id: 'draw-sample' }, 'Draw sample'),
    button(
      'Export sample CSV',
      async () =>
        saveFile(await download(`/v1/batches/${encodeURIComponent(batchId)}/sample?${query()}&format=csv`)),
      { id: 'export-sample' },
    ),
  );
  return section('Audit sample', form, result, evidence);
}
