import { h } from '@refurb/web-browser';
import { getJson } from './api';
import { closeBatch, issueBatch, Outcome, verifyBatch } from './batch-actions';
import { evidenceSection } from './evidence-digest';
import { count, tonnes, when } from './format';
import type { ApiRole, BatchView, HistoryEntry } from './shapes';
import { button, errorNotice, figures, section, table } from './ui';
import { linesSection, sampleSection } from './verifier-workspace';

type Action = { label: string; id: string; run: (batch: BatchView) => Promise<Outcome | undefined> };

/** The one next step each role may take in each state; the API refuses the others anyway. */
function actionFor(role: ApiRole, batch: BatchView): Action | undefined {
  if (role === 'finance' && batch.state === 'open')
    return { label: 'Close batch…', id: 'close-batch', run: closeBatch };
  if (role === 'verifier' && batch.state === 'closed')
    return { label: 'Record verification…', id: 'verify-batch', run: verifyBatch };
  if (role === 'finance' && batch.state === 'verified')
    return { label: 'Issue credits…', id: 'issue-batch', run: issueBatch };
  return undefined;
}

function batchFigures(batch: BatchView): HTMLElement {
  const totals = batch.totals;
  return figures([
    ['Project', batch.projectId],
    ['Vintage', batch.vintage],
    ['Factor set', batch.factorSetVersion],
    ['State', batch.state],
    ['Opened', when(batch.openedAt)],
    ['Closed', when(batch.closedAt)],
    ['Lines', count(batch.lines.lineCount)],
    ['Gross', `${tonnes(batch.lines.grossG)} t`],
    ['Discount', totals ? `${(totals.discountBp / 100).toFixed(2)} % = ${tonnes(totals.discountG)} t` : null],
    [
      'Carried in',
      totals
        ? `${tonnes(totals.carriedInG)} t${batch.previousBatchId ? ` from ${batch.previousBatchId}` : ''}`
        : null,
    ],
    ['Net', totals ? `${tonnes(totals.netG)} t` : null],
    ['Credits', totals ? count(totals.credits) : null],
    ['Carried out', totals ? `${tonnes(totals.carriedOutG)} t` : null],
    ['Serial block', batch.serials?.block ?? null],
    [
      'Verification',
      batch.verification
        ? `${batch.verification.verifierName}, ${batch.verification.reportReference}, ${when(batch.verification.verifiedAt)}`
        : null,
    ],
    [
      'Issuance',
      batch.issuance ? `${batch.issuance.registryReference}, ${when(batch.issuance.issuedAt)}` : null,
    ],
  ]);
}

/** One batch: its figures, the role's next step, its evidence and digest, its audit trail and lines. */
export async function batchView(
  role: ApiRole,
  batchId: string,
  rerender: (message?: string) => void,
  message?: string,
): Promise<HTMLElement> {
  const path = `/v1/batches/${encodeURIComponent(batchId)}`;
  const [batch, history] = await Promise.all([
    getJson<BatchView>(path),
    getJson<HistoryEntry[]>(`${path}/history`),
  ]);
  const action = actionFor(role, batch);
  const notice = h(
    'div',
    { id: 'action-notice', role: 'status' },
    message ? h('p', { class: 'ok' }, message) : null,
  );
  const summary = section(
    `Batch ${batch.id}`,
    notice,
    batchFigures(batch),
    action
      ? h(
          'div',
          { class: 'actions' },
          button(
            action.label,
            async () => {
              try {
                const outcome = await action.run(batch);
                if (outcome) rerender(outcome.message);
              } catch (error) {
                notice.replaceChildren(errorNotice(error));
              }
            },
            { id: action.id, class: 'primary' },
          ),
        )
      : null,
  );
  return h(
    'div',
    { id: 'batch' },
    summary,
    evidenceSection(batch),
    section(
      'History',
      table(
        'Who closed, verified and issued the batch',
        ['Action', 'State', 'By', 'When'],
        history.map((entry) => [entry.action, entry.state, h('code', {}, entry.actor), when(entry.at)]),
        'batch-history',
      ),
    ),
    sampleSection(batch.id),
    linesSection(batch.id),
  );
}
