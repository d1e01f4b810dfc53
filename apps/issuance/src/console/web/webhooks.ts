import { h } from '@refurb/web-browser';
import { getJson, send } from './api';
import { when } from './format';
import type { WebhookDelivery, WebhookSubscription } from './shapes';
import { button, errorNotice, link, section, table } from './ui';

/** The subscribed finance systems; each opens its delivery log. */
export async function webhooksView(): Promise<HTMLElement> {
  const subscriptions = await getJson<WebhookSubscription[]>('/v1/webhooks');
  return section(
    'Webhooks',
    table(
      'HTTPS receivers of batch transitions',
      ['Subscription', 'URL', 'Description', 'Since'],
      subscriptions.map((subscription) => [
        link(subscription.id, `#/webhooks/${encodeURIComponent(subscription.id)}`),
        subscription.url,
        subscription.description,
        when(subscription.createdAt),
      ]),
      'webhook-list',
    ),
  );
}

/** One subscription's deliveries, newest first, each with its attempts and a redeliver action. */
export async function deliveriesView(
  subscriptionId: string,
  rerender: (message?: string) => void,
  message?: string,
): Promise<HTMLElement> {
  const deliveries = await getJson<WebhookDelivery[]>(
    `/v1/webhooks/${encodeURIComponent(subscriptionId)}/deliveries?limit=200`,
  );
  const notice = h('div', { role: 'status' }, message ? h('p', { class: 'ok' }, message) : null);
  return section(
    `Deliveries to ${subscriptionId}`,
    notice,
    table(
      'Each transition is delivered once per delivery id; a receiver that fails is retried with back-off',
      ['Delivery', 'Batch', 'Event', 'Status', 'Attempts', 'Last answer', 'Next attempt', 'Delivered', ''],
      deliveries.map((delivery) => [
        h('code', {}, delivery.id),
        h('span', { class: 'id' }, delivery.batchId),
        delivery.eventType,
        h('span', { class: `delivery delivery-${delivery.status}` }, delivery.status),
        delivery.attempts.length,
        delivery.lastStatusCode !== null ? `HTTP ${delivery.lastStatusCode}` : delivery.lastError,
        when(delivery.nextAttemptAt),
        when(delivery.deliveredAt),
        button(
          'Redeliver',
          async () => {
            try {
              await send('POST', `/v1/webhook-deliveries/${encodeURIComponent(delivery.id)}/redeliver`);
              rerender(`Delivery ${delivery.id} queued again.`);
            } catch (error) {
              notice.replaceChildren(errorNotice(error));
            }
          },
          { class: 'small', 'aria-label': `Redeliver ${delivery.id}` },
        ),
      ]),
      'delivery-log',
    ),
  );
}
