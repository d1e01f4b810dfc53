import { h } from '@refurb/web-browser';
import { Refused } from './api';

type Cell = Node | string | number | null | undefined;

/** What a table cell or figure shows: a dash for a figure that does not exist (yet). */
function cellContent(cell: Cell): Node | string {
  if (cell === null || cell === undefined) return '—';
  return typeof cell === 'number' ? String(cell) : cell;
}

/** A table with a caption and header row; every page list is one. */
export function table(caption: string, headers: string[], rows: Cell[][], id?: string): HTMLTableElement {
  return h(
    'table',
    id ? { id } : {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
    h(
      'tbody',
      {},
      rows.length === 0
        ? h('tr', {}, h('td', { colspan: String(headers.length), class: 'empty' }, 'none'))
        : rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cellContent(cell))))),
    ),
  );
}

export function section(title: string, ...children: (Node | string | null | false)[]): HTMLElement {
  return h('section', {}, h('h2', {}, title), ...children);
}

/** A definition list of figures: label, value. */
export function figures(pairs: [string, Cell][]): HTMLDListElement {
  return h(
    'dl',
    {},
    pairs.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, cellContent(value))]),
  );
}

export function button(
  label: string,
  onClick: () => void | Promise<void>,
  attributes: Record<string, string> = {},
): HTMLButtonElement {
  return h('button', { type: 'button', ...attributes, onclick: () => void onClick() }, label);
}

export function link(label: string, hash: string): HTMLAnchorElement {
  return h('a', { href: hash }, label);
}

/** Where a refusal is shown: its code (machine-readable, for a support ticket) and its words. */
export function errorNotice(error: unknown): HTMLElement {
  const [code, message] =
    error instanceof Refused
      ? [error.code, error.message]
      : ['CONSOLE.ERROR', error instanceof Error ? error.message : String(error)];
  return h('p', { class: 'notice', role: 'alert' }, h('code', {}, code), ' ', message);
}

/**
 * A modal confirmation (native <dialog>: Escape cancels, focus stays inside). Resolves with the form's
 * values when confirmed, undefined when cancelled. `ready` may hold the confirm button back until the
 * user has acknowledged something.
 */
export function confirmDialog(options: {
  title: string;
  body: Node[];
  confirmLabel: string;
  id: string;
  ready?: (form: HTMLFormElement) => boolean;
}): Promise<FormData | undefined> {
  return new Promise((resolve) => {
    const confirm = h(
      'button',
      { type: 'submit', value: 'confirm', class: 'primary', id: `${options.id}-confirm` },
      options.confirmLabel,
    );
    const cancel = h('button', { type: 'button', id: `${options.id}-cancel` }, 'Cancel');
    const form = h(
      'form',
      { method: 'dialog' },
      h('h2', {}, options.title),
      ...options.body,
      h('div', { class: 'actions' }, cancel, confirm),
    );
    const dialog = h('dialog', { id: options.id, 'aria-labelledby': `${options.id}-title` }, form);
    form.querySelector('h2')?.setAttribute('id', `${options.id}-title`);
    const refresh = () => {
      confirm.disabled = !(options.ready?.(form) ?? true) || !form.checkValidity();
    };
    form.addEventListener('input', refresh);
    form.addEventListener('change', refresh);
    let result: FormData | undefined;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (confirm.disabled) return;
      result = new FormData(form);
      dialog.close();
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    refresh();
    dialog.showModal();
  });
}
