import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { h } from '@refurb/web-browser';
import type { BatchState } from './shapes';

// Only what a stacked bar chart needs: the bundle stays small and nothing is registered by side effect.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** One bar: a project's vintage, its tonnes by state (exact decimal strings, as the API gives them). */
export interface OverviewBar {
  projectId: string;
  vintage: number;
  tonnes: Record<BatchState, string>;
}

const STATES: { state: BatchState; label: string; colour: string }[] = [
  { state: 'issued', label: 'Issued', colour: '#1a7f37' },
  { state: 'verified', label: 'Verified', colour: '#0969da' },
  { state: 'closed', label: 'Closed', colour: '#9a6700' },
  { state: 'open', label: 'Still open', colour: '#8c959f' },
];

/**
 * Tonnes CO2e per project and vintage, stacked by state. The plotted figures are also written on the
 * canvas (`data-series`, and in words for screen readers), so what is drawn can be checked against the
 * API and read without sight.
 */
export function overviewChart(bars: OverviewBar[]): HTMLElement {
  const canvas = h('canvas', {
    id: 'overview-chart',
    role: 'img',
    'aria-label': bars
      .map(
        (bar) =>
          `${bar.projectId} ${bar.vintage}: ${STATES.map(({ state, label }) => `${label.toLowerCase()} ${bar.tonnes[state]} t`).join(', ')}`,
      )
      .join('; '),
    'data-series': JSON.stringify(bars),
  });
  const figure = h(
    'figure',
    { class: 'chart' },
    h('div', { class: 'chart-box' }, canvas),
    h('figcaption', {}, 'Tonnes CO2e by project and vintage, by batch state'),
  );
  // Chart.js measures its container: draw once the figure is in the document.
  requestAnimationFrame(() => {
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: bars.map((bar) => `${bar.projectId} · ${bar.vintage}`),
        datasets: STATES.map(({ state, label, colour }) => ({
          label,
          data: bars.map((bar) => Number(bar.tonnes[state])),
          backgroundColor: colour,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, title: { display: true, text: 't CO2e' } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    canvas.dataset.drawn = 'true';
  });
  return figure;
}
