import { h } from '@refurb/web-browser';
import { getJson, send } from './api';
import { count, tonnes } from './format';
import type { BatchView, ClosePreview } from './shapes';
import { confirmDialog, figures } from './ui';

/** What a transition reports back for the page to say in words. */
export interface Outcome {
  message: string;
}

/**
 * Closing freezes the figures and takes serials for ever: the confirmation shows the very arithmetic
 * the close will use (the preview runs the close's planClose), and asks first when an earlier vintage of
 * the project is still open, since closing out of order moves the carry chain and the serials.
 */
export async function closeBatch(batch: BatchView): Promise<Outcome | undefined> {
  const preview = await getJson<ClosePreview>(`/v1/batches/${encodeURIComponent(batch.id)}/close-preview`);
  const { totals } = preview;
  const earlier = preview.warnings.find((warning) => warning.code === 'BATCH.EARLIER_VINTAGE_OPEN');
  const body: Node[] = [
    h(
      'p',
      {},
      `Close ${batch.id} (${batch.projectId}, vintage ${batch.vintage})? Its figures and serials are then frozen.`,
    ),
    figures([
      ['Lines', count(totals.lineCount)],
      ['Gross', `${tonnes(totals.grossG)} t`],
      ['Discount', `${(totals.discountBp / 100).toFixed(2)} % = ${tonnes(totals.discountG)} t`],
      [
        'Carried in',
        `${tonnes(totals.carriedInG)} t${preview.previousBatchId ? ` from ${preview.previousBatchId}` : ''}`,
      ],
      ['Net', `${tonnes(totals.netG)} t`],
      ['Credits', count(totals.credits)],
      ['Carried out', `${tonnes(totals.carriedOutG)} t`],
      ['Serial block', preview.serials?.block ?? 'none (no whole credit)'],
    ]),
  ];
  if (earlier) {
    body.push(
      h(
        'p',
        { class: 'warning', role: 'alert' },
        h('code', {}, earlier.code),
        ' ',
        earlier.message,
        ` (${earlier.batchIds.join(', ')}).`,
      ),
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', name: 'outOfOrder', id: 'close-out-of-order' }),
        ' Close this later vintage anyway',
      ),
    );
  }
  const confirmed = await confirmDialog({
    id: 'close-dialog',
    title: 'Close batch',
    body,
    confirmLabel: 'Close batch',
    ready: (form) => !earlier || (form.elements.namedItem('outOfOrder') as HTMLInputElement).checked,
  });
  if (!confirmed) return undefined;
  const result = await send<{ batch: BatchView }>(
    'POST',
    `/v1/batches/${encodeURIComponent(batch.id)}/close`,
  );
  const closed = result.batch;
  return {
    message: `Closed: ${count(closed.totals?.credits ?? 0)} credits${closed.serials ? `, serial block ${closed.serials.block}` : ''}.`,
  };
}

/** A text field's value; the dialogs hold no file inputs. */
function fieldText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

function textInput(name: string, label: string): HTMLLabelElement {
  return h(
    'label',
    {},
    label,
    h('input', { name, id: `field-${name}`, required: true, maxlength: '200', autocomplete: 'off' }),
  );
}

export async function verifyBatch(batch: BatchView): Promise<Outcome | undefined> {
  const confirmed = await confirmDialog({
    id: 'verify-dialog',
    title: 'Record verification',
    body: [
      h(
        'p',
        {},
        `Record that ${batch.id} (${count(batch.totals?.credits ?? 0)} credits) was verified. This cannot be undone.`,
      ),
      textInput('verifierName', 'Verifier'),
      textInput('reportReference', 'Verification report reference'),
    ],
    confirmLabel: 'Record verification',
  });
  if (!confirmed) return undefined;
  await send('POST', `/v1/batches/${encodeURIComponent(batch.id)}/verify`, {
    verifierName: fieldText(confirmed, 'verifierName'),
    reportReference: fieldText(confirmed, 'reportReference'),
  });
  return { message: `Verified: ${batch.id}.` };
}

export async function issueBatch(batch: BatchView): Promise<Outcome | undefined> {
  const confirmed = await confirmDialog({
    id: 'issue-dialog',
    title: 'Issue credits',
    body: [
      h(
        'p',
        {},
        `Issue ${count(batch.totals?.credits ?? 0)} credits of ${batch.id} (${batch.serials?.block ?? 'no serials'}) on the registry?`,
      ),
      textInput('registryReference', 'Registry issuance reference'),
    ],
    confirmLabel: 'Issue credits',
  });
  if (!confirmed) return undefined;
  await send('POST', `/v1/batches/${encodeURIComponent(batch.id)}/issue`, {
    registryReference: fieldText(confirmed, 'registryReference'),
  });
  return { message: `Issued: ${batch.id}.` };
}
