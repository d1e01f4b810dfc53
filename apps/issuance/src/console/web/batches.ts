import { h } from '@refurb/web-browser';
import { getJson } from './api';
import { count, tonnes, when } from './format';
import type { ApiRole, BatchState, BatchView } from './shapes';
import { link, section, table } from './ui';

/** What each role comes to the list for: finance closes open batches, the verifier audits closed ones. */
const FIRST_STATE: Record<ApiRole, BatchState | ''> = { finance: '', verifier: 'closed', admin: '' };

/** Every batch, filtered by state; each opens its own page. */
export async function batchesView(role: ApiRole, state: string | undefined): Promise<HTMLElement> {
  const chosen = state ?? FIRST_STATE[role];
  const query = new URLSearchParams({ limit: '500' });
  if (chosen) query.set('state', chosen);
  const batches = await getJson<BatchView[]>(`/v1/batches?${query.toString()}`);
  const filter = h(
    'nav',
    { class: 'filter', 'aria-label': 'Batch state' },
    ...['', 'open', 'closed', 'verified', 'issued'].map((value) =>
      h(
        'a',
        {
          href: `#/batches${value ? `?state=${value}` : ''}`,
          'aria-current': value === chosen ? 'page' : 'false',
        },
        value || 'all',
      ),
    ),
  );
  return section(
    'Batches',
    filter,
    table(
      chosen ? `${chosen} batches` : 'All batches',
      ['Batch', 'Project', 'Vintage', 'State', 'Lines', 'Gross t', 'Credits', 'Serial block', 'Closed'],
      batches.map((batch) => [
        link(batch.id, `#/batches/${encodeURIComponent(batch.id)}`),
        batch.projectId,
        batch.vintage,
        h('span', { class: `state state-${batch.state}` }, batch.state),
        count(batch.lines.lineCount),
        tonnes(batch.lines.grossG),
        batch.totals ? count(batch.totals.credits) : '—',
        batch.serials?.block ?? '—',
        when(batch.closedAt),
      ]),
      'batch-list',
    ),
  );
}
