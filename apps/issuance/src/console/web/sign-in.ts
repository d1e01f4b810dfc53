import { h } from '@refurb/web-browser';
import { consoleSession } from './api';
import type { ConsoleSession } from './shapes';
import { errorNotice } from './ui';

/** The key is exchanged for an HttpOnly cookie at once; the page never keeps it. */
export function signInView(onSignedIn: (session: ConsoleSession) => void, reason?: string): HTMLElement {
  const key = h('input', {
    id: 'api-key',
    name: 'apiKey',
    type: 'password',
    required: true,
    autocomplete: 'off',
    'aria-describedby': 'sign-in-help',
  });
  const message = h(
    'div',
    { id: 'sign-in-message', role: 'alert' },
    reason ? h('p', { class: 'notice' }, reason) : null,
  );
  const form = h(
    'form',
    {
      onsubmit: (event: Event) => {
        event.preventDefault();
        consoleSession.signIn(key.value.trim()).then(
          (session) => {
            key.value = '';
            onSignedIn(session);
          },
          (error: unknown) => message.replaceChildren(errorNotice(error)),
        );
      },
    },
    h('label', { for: 'api-key' }, 'API key'),
    key,
    h(
      'p',
      { id: 'sign-in-help', class: 'help' },
      'A finance, verifier or admin key of the issuance service. What the console shows follows its role.',
    ),
    h('button', { type: 'submit', class: 'primary', id: 'sign-in' }, 'Sign in'),
  );
  queueMicrotask(() => key.focus());
  return h('section', { class: 'sign-in' }, h('h1', {}, 'Refurb Ledger console'), message, form);
}
