import { h } from '@refurb/web-browser';
import { consoleSession, SessionEnded } from './api';
import { batchesView } from './batches';
import { batchView } from './batch-detail';
import { routeParts } from './format';
import { overviewView } from './overview';
import type { ApiRole, ConsoleSession } from './shapes';
import { signInView } from './sign-in';
import { errorNotice } from './ui';
import { deliveriesView, webhooksView } from './webhooks';

const app = document.getElementById('app') as HTMLElement;

/** The sections each role works in, in the order its navigation lists them; the first is its home. */
const SECTIONS: Record<ApiRole, { route: string; label: string }[]> = {
  finance: [
    { route: 'overview', label: 'Overview' },
    { route: 'batches', label: 'Batches' },
    { route: 'webhooks', label: 'Webhooks' },
  ],
  verifier: [{ route: 'batches', label: 'Batches to audit' }],
  admin: [{ route: 'webhooks', label: 'Webhooks' }],
};

let session: ConsoleSession | undefined;

function header(current: ConsoleSession, route: string): HTMLElement {
  return h(
    'header',
    {},
    h('h1', {}, 'Refurb Ledger'),
    h(
      'nav',
      { 'aria-label': 'Sections' },
      ...SECTIONS[current.role].map((section) =>
        h(
          'a',
          { href: `#/${section.route}`, 'aria-current': section.route === route ? 'page' : 'false' },
          section.label,
        ),
      ),
    ),
    h('span', { class: 'who', id: 'who' }, `${current.role} · key ${current.keyId}`),
    h('button', { type: 'button', id: 'sign-out', onclick: () => void signOut() }, 'Sign out'),
  );
}

async function content(
  current: ConsoleSession,
  parts: string[],
  rerender: (message?: string) => void,
  message?: string,
): Promise<HTMLElement> {
  const [route, id] = parts;
  const allowed = SECTIONS[current.role].map((section) => section.route);
  if (route === 'overview' && allowed.includes('overview')) return overviewView();
  if (route === 'batches' && id && current.role !== 'admin')
    return batchView(current.role, id, rerender, message);
  if (route?.startsWith('batches') && allowed.includes('batches')) {
    return batchesView(
      current.role,
      new URLSearchParams(location.hash.split('?')[1] ?? '').get('state') ?? undefined,
    );
  }
  if (route === 'webhooks' && id) return deliveriesView(id, rerender, message);
  if (route === 'webhooks' && allowed.includes('webhooks')) return webhooksView();
  location.hash = `#/${allowed[0]}`;
  return h('p', {}, 'Loading…');
}

async function render(message?: string): Promise<void> {
  if (!session) return;
  const parts = routeParts(location.hash.split('?')[0]);
  const route = parts[0] ?? SECTIONS[session.role][0].route;
  const body = h('div', { id: 'content' }, h('p', { class: 'help' }, 'Loading…'));
  app.replaceChildren(header(session, route), body);
  try {
    body.replaceChildren(
      await content(session, parts.length > 0 ? parts : [route], (next) => void render(next), message),
    );
  } catch (error) {
    if (error instanceof SessionEnded)
      return showSignIn('Your session ended (it expired or its key was revoked): sign in again.');
    body.replaceChildren(errorNotice(error));
  }
}

function showSignIn(reason?: string): void {
  session = undefined;
  app.replaceChildren(
    signInView((opened) => {
      session = opened;
      void render();
    }, reason),
  );
}

async function signOut(): Promise<void> {
  location.hash = '';
  try {
    await consoleSession.signOut();
    showSignIn();
  } catch (error) {
    // The page forgets the session either way; say so when the service could not end it.
    const reason = error instanceof Error ? error.message : String(error);
    showSignIn(`Signing out did not reach the service (${reason}): the session ends when it expires.`);
  }
}

window.addEventListener('hashchange', () => void render());
consoleSession.current().then(
  (current) => {
    session = current;
    void render();
  },
  () => showSignIn(),
);
