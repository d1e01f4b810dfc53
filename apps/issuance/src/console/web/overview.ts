import { h } from '@refurb/web-browser';
import { getJson } from './api';
import { count, tonnes, when } from './format';
import { OverviewBar, overviewChart } from './overview-chart';
import type { BatchState, BatchView, Project, ProjectSummary, UnplacedLine } from './shapes';
import { errorNotice, link, section, table } from './ui';

const STATES: BatchState[] = ['open', 'closed', 'verified', 'issued'];
const LABELS: Record<BatchState, string> = {
  open: 'Open',
  closed: 'Closed',
  verified: 'Verified',
  issued: 'Issued',
};

/** How often the open batches' live figures are read again while the overview is shown. */
const OPEN_BATCHES_REFRESH_MS = 15_000;
const OPEN_BATCHES_PATH = '/v1/batches?state=open&limit=500';

function openBatchesTable(open: BatchView[]): HTMLTableElement {
  return table(
    'Lines keep arriving until finance closes the batch; these figures refresh every 15 s',
    ['Batch', 'Project', 'Vintage', 'Lines', 'Gross t'],
    open.map((batch) => [
      link(batch.id, `#/batches/${encodeURIComponent(batch.id)}`),
      batch.projectId,
      batch.vintage,
      count(batch.lines.lineCount),
      tonnes(batch.lines.grossG),
    ]),
    'open-batches',
  );
}

/**
 * Keeps the open batches' line counts and gross live while the table is on the page; stops by itself
 * once the page shows something else, and leaves the last figures up if a refresh fails.
 */
function keepLive(holder: HTMLElement): void {
  const timer = setInterval(() => {
    if (!holder.isConnected) {
      clearInterval(timer);
      return;
    }
    getJson<BatchView[]>(OPEN_BATCHES_PATH).then(
      (open) => holder.replaceChildren(openBatchesTable(open)),
      (error: unknown) => holder.replaceChildren(openBatchesTable([]), errorNotice(error)),
    );
  }, OPEN_BATCHES_REFRESH_MS);
}

/** Finance's week at a glance: tonnes and credits by project, vintage and state; what is open; what waits. */
export async function overviewView(): Promise<HTMLElement> {
  const [projects, open, unplaced] = await Promise.all([
    getJson<Project[]>('/v1/projects'),
    getJson<BatchView[]>(OPEN_BATCHES_PATH),
    getJson<UnplacedLine[]>('/v1/unplaced?limit=200'),
  ]);
  const summaries = await Promise.all(
    projects.map((project) =>
      getJson<ProjectSummary>(`/v1/projects/${encodeURIComponent(project.id)}/summary`),
    ),
  );
  const rows = summaries.flatMap((summary) =>
    summary.vintages.map((vintage) => ({ projectId: summary.projectId, ...vintage })),
  );
  const bars: OverviewBar[] = rows.map((row) => ({
    projectId: row.projectId,
    vintage: row.vintage,
    tonnes: Object.fromEntries(STATES.map((state) => [state, row.byState[state].grossTonnes])) as Record<
      BatchState,
      string
    >,
  }));
  const openBatches = h('div', {}, openBatchesTable(open));
  keepLive(openBatches);
  return h(
    'div',
    { id: 'overview' },
    section(
      'Credits by project and vintage',
      rows.length === 0 ? h('p', {}, 'No batch yet.') : overviewChart(bars),
      table(
        'Tonnes CO2e (gross of the lines) and credits, by state',
        [
          'Project',
          'Vintage',
          ...STATES.flatMap((state) => [`${LABELS[state]} t`, `${LABELS[state]} credits`]),
        ],
        rows.map((row) => [
          row.projectId,
          row.vintage,
          ...STATES.flatMap((state) => [
            row.byState[state].grossTonnes,
            state === 'open' ? '—' : count(row.byState[state].credits),
          ]),
        ]),
        'overview-table',
      ),
    ),
    section('Open batches', openBatches),
    section(
      'Unplaced lines',
      table(
        'Credit lines no batch can take yet, with the reason',
        ['Change', 'Kind', 'Device', 'Workshop', 'Vintage', 'Avoided t', 'Reason', 'Received'],
        unplaced.map((line) => [
          h('code', {}, line.changeId),
          line.kind,
          line.deviceId,
          line.workshopId,
          line.vintage,
          tonnes(line.avoidedG),
          h('code', {}, line.reason),
          when(line.receivedAt),
        ]),
        'unplaced-lines',
      ),
    ),
  );
}
