import { BatchTransitionRecord } from '@refurb/contracts';
import { verifyWebhookSignature } from '@refurb/issuance';
import { creditRecord, imeiOf } from '@refurb/issuance/testing/credit-records.fixture';
import { eventually } from '@refurb/testing';
import { IssuanceTestApp } from '../../apps/issuance/testing/issuance-test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

interface Delivery {
  id: string;
  batchId: string;
  eventType: string;
  status: string;
  attempts: { attempt: number; statusCode: number | null; error: string | null }[];
  nextAttemptAt: string | null;
}

const laptop = (n: number, vintage: number) =>
  creditRecord({ deviceId: imeiOf(46, n), category: 'laptop', workshopId: 'ws-hooks', vintage });

describe('signed webhooks for batch transitions', () => {
  let service: IssuanceTestApp;
  let steady: WebhookReceiver;
  let flaky: WebhookReceiver;
  const secrets = new Map<string, string>();
  const subscriptionOf = new Map<WebhookReceiver, string>();
  const batches: Record<number, string> = {};

  const subscribe = async (receiver: WebhookReceiver) => {
    const created = await service.http<{ id: string; secret: string; url: string }>('POST', '/v1/webhooks', {
      role: 'admin',
      body: { url: receiver.url, description: 'finance ERP' },
    });
    expect(created.status).toBe(201);
    secrets.set(receiver.url, created.body.secret);
    subscriptionOf.set(receiver, created.body.id);
    return created.body;
  };
  const deliveriesOf = async (receiver: WebhookReceiver) =>
    (
      await service.http<Delivery[]>('GET', `/v1/webhooks/${subscriptionOf.get(receiver)}/deliveries`, {
        role: 'finance',
      })
    ).body;
  const expectAllSigned = (receiver: WebhookReceiver) => {
    for (const request of receiver.received) {
      const verdict = verifyWebhookSignature({
        secret: secrets.get(receiver.url)!,
        timestamp: request.headers['refurb-webhook-timestamp'] as string,
        signature: request.headers['refurb-webhook-signature'] as string,
        body: request.body,
      });
      expect(verdict).toEqual({ valid: true });
    }
  };

  beforeAll(async () => {
    service = await IssuanceTestApp.start('webhooks', {
      ISSUANCE_WEBHOOK_POLL_MS: '50',
      ISSUANCE_WEBHOOK_RETRY_BASE_MS: '100',
      ISSUANCE_WEBHOOK_RETRY_MAX_MS: '400',
      ISSUANCE_WEBHOOK_TIMEOUT_MS: '1000',
      ISSUANCE_WEBHOOK_MAX_ATTEMPTS: '5',
    });
    await service.cli('project', 'upsert', 'WH-FR', '--company', 'Webhook Test', '--country', 'FR');
    await service.cli('workshop', 'upsert', 'ws-hooks', '--name', 'Hooks', '--project', 'WH-FR');
    for (const [vintage, first] of [
      [2024, 1],
      [2025, 10],
      [2026, 20],
    ]) {
      const records = [0, 1, 2, 3, 4, 5, 6].map((n) => laptop(first + n, vintage));
      await service.produce(records);
      batches[vintage] = (await service.linesEventually(records.map((r) => r.id)))[0].batch_id!;
    }
    steady = await WebhookReceiver.start();
    flaky = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await service?.stop();
    await steady?.close();
    await flaky?.close();
  });

  it('subscribes an https URL, or http on loopback only, and shows the secret once', async () => {
    const remote = await service.http<{ code: string; message: string }>('POST', '/v1/webhooks', {
      role: 'admin',
      body: { url: 'http://finance.example.com/hook' },
    });
    expect([remote.status, remote.body.code]).toEqual([400, 'ISSUANCE.INVALID_REQUEST']);
    const created = await subscribe(steady);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await service.http<object[]>('GET', '/v1/webhooks', { role: 'admin' });
    expect(listed.body).toEqual([
      expect.objectContaining({ id: created.id, url: steady.url, deletedAt: null }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);
  });

  it('delivers each transition once per delivery id, signed, in order, with the signed record as body', async () => {
    const id = batches[2024];
    await service.http('POST', `/v1/batches/${id}/close`, { role: 'finance' });
    await service.cli('batch', 'verify', id, '--verifier', 'Veritas', '--report', 'R-WH-1');
    await service.http('POST', `/v1/batches/${id}/issue`, {
      role: 'finance',
      body: { registryReference: 'REG-WH' },
    });

    await eventually(
      () => Promise.resolve(steady.acceptedIds()),
      (ids) => ids.length >= 3,
      {
        what: 'three deliveries to the receiver',
      },
    );
    const ids = steady.acceptedIds();
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expectAllSigned(steady);
    const records = steady.received.map((request) => JSON.parse(request.body) as BatchTransitionRecord);
    expect(records.map((record) => record.type)).toEqual([
      'credits.batch.closed',
      'credits.batch.verified',
      'credits.batch.issued',
    ]);
    expect(records.every((record) => record.subject === id)).toBe(true);
    const log = await deliveriesOf(steady);
    expect(
      log.map((delivery) => [
        delivery.eventType,
        delivery.status,
        delivery.attempts.map((a) => a.statusCode),
      ]),
    ).toEqual([
      ['credits.batch.issued', 'delivered', [200]],
      ['credits.batch.verified', 'delivered', [200]],
      ['credits.batch.closed', 'delivered', [200]],
    ]);
  });

  it('retries a receiver that fails twice with back-off: it gets the transition on the third try', async () => {
    flaky.answer = (_, seenBefore) => (seenBefore < 2 ? 503 : 200);
    await subscribe(flaky);
    await service.http('POST', `/v1/batches/${batches[2025]}/close`, { role: 'finance' });

    const [delivery] = await eventually(
      () => deliveriesOf(flaky),
      (log) => log.length === 1 && log[0].status === 'delivered',
      { what: 'the flaky receiver to get the close' },
    );
    expect(delivery.attempts.map((attempt) => attempt.statusCode)).toEqual([503, 503, 200]);
    expect(delivery.nextAttemptAt).toBeNull();
    expect(flaky.received.map((request) => request.headers['refurb-webhook-id'])).toEqual([
      delivery.id,
      delivery.id,
      delivery.id,
    ]);
    expectAllSigned(flaky);
    // The steady receiver got the same close once, under a delivery id of its own.
    await eventually(
      () => Promise.resolve(steady.acceptedIds()),
      (ids) => ids.length === 4,
      {
        what: 'the steady receiver to get the close',
      },
    );
    expect(steady.acceptedIds()).not.toContain(delivery.id);
  });

  it('loses nothing across a restart: what was pending when the service stopped is delivered after', async () => {
    flaky.answer = () => 503;
    await service.http('POST', `/v1/batches/${batches[2026]}/close`, { role: 'finance' });
    const pending = await eventually(
      () => deliveriesOf(flaky),
      (log) => log.length === 2 && log[0].attempts.length >= 1,
      { what: 'a failed first attempt' },
    );
    expect(pending[0].status).toBe('pending');
    expect(pending[0].nextAttemptAt).not.toBeNull();

    await service.restart(() => {
      flaky.answer = () => 200;
      return Promise.resolve();
    });

    const [delivered] = await eventually(
      () => deliveriesOf(flaky),
      (log) => log[0].status === 'delivered',
      { what: 'the pending delivery, after the restart' },
    );
    expect(delivered.id).toBe(pending[0].id);
    expect(flaky.acceptedIds().filter((id) => id === delivered.id)).toEqual([delivered.id]);
    expectAllSigned(flaky);
  });

  it('redelivers on request under the same id, and stops delivering to a deleted subscription', async () => {
    const [closed2026] = await deliveriesOf(steady);
    const redelivered = await service.http<Delivery>(
      'POST',
      `/v1/webhook-deliveries/${closed2026.id}/redeliver`,
      { role: 'finance' },
    );
    expect(redelivered.status).toBe(202);
    await eventually(
      () => Promise.resolve(steady.acceptedIds().filter((id) => id === closed2026.id)),
      (ids) => ids.length === 2,
      { what: 'the redelivery' },
    );
    expectAllSigned(steady);
    const unknown = await service.http('POST', '/v1/webhook-deliveries/not-a-delivery/redeliver', {
      role: 'admin',
    });
    expect(unknown.status).toBe(404);

    const deleted = await service.http<{ deletedAt: string | null }>(
      'DELETE',
      `/v1/webhooks/${subscriptionOf.get(steady)}`,
      { role: 'admin' },
    );
    expect(deleted.body.deletedAt).not.toBeNull();
    const again = await service.http<{ code: string }>(
      'POST',
      `/v1/webhook-deliveries/${closed2026.id}/redeliver`,
      { role: 'admin' },
    );
    expect([again.status, again.body.code]).toEqual([409, 'ISSUANCE.WEBHOOK_DELETED']);
    const before = steady.received.length;
    await service.http('POST', `/v1/batches/${batches[2025]}/verify`, {
      role: 'verifier',
      body: { verifierName: 'Veritas', reportReference: 'R-WH-2' },
    });
    await eventually(
      () => deliveriesOf(flaky),
      (log) => log[0].status === 'delivered' && log.length === 3,
      {
        what: 'the verify to reach the remaining subscription',
      },
    );
    expect(steady.received.length).toBe(before);
  });

  it('counts a receiver that does not answer in time as a failed attempt, and retries it', async () => {
    flaky.answer = (_, seenBefore) => (seenBefore === 0 ? 'hang' : 200);
    await service.http('POST', `/v1/batches/${batches[2025]}/issue`, {
      role: 'finance',
      body: { registryReference: 'REG-WH-2' },
    });
    const [issued] = await eventually(
      () => deliveriesOf(flaky),
      (log) => log.length === 4 && log[0].status === 'delivered',
      { what: 'the issue, after a timed-out attempt' },
    );
    expect(issued.eventType).toBe('credits.batch.issued');
    expect(issued.attempts.map(({ statusCode, error }) => ({ statusCode, error }))).toEqual([
      { statusCode: null, error: 'timed out after 1000 ms' },
      { statusCode: 200, error: null },
    ]);
  });

  it('gives up after the attempt budget, and a redeliver grants a fresh one', async () => {
    flaky.answer = () => 500;
    await service.http('POST', `/v1/batches/${batches[2026]}/verify`, {
      role: 'verifier',
      body: { verifierName: 'Veritas', reportReference: 'R-WH-3' },
    });
    const [failed] = await eventually(
      () => deliveriesOf(flaky),
      (log) => log.length === 5 && log[0].status === 'failed',
      { what: 'the verify to be given up' },
    );
    expect(failed.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500, 500, 500, 500]);
    expect(failed.nextAttemptAt).toBeNull();

    flaky.answer = () => 204;
    const redelivered = await service.http<Delivery>(
      'POST',
      `/v1/webhook-deliveries/${failed.id}/redeliver`,
      {
        role: 'finance',
      },
    );
    expect(redelivered.body.status).toBe('pending');
    const [delivered] = await eventually(
      () => deliveriesOf(flaky),
      (log) => log[0].status === 'delivered',
      { what: 'the redelivered verify' },
    );
    expect(delivered.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500, 500, 500, 500, 204]);
    expectAllSigned(flaky);
  });

  it('reports deliveries by status on /metrics', async () => {
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    const value = (status: string) =>
      Number(
        new RegExp(`^refurb_issuance_webhook_deliveries\\{status="${status}"\\} (\\d+)$`, 'm').exec(
          metrics,
        )?.[1],
      );
    const log = [...(await deliveriesOf(flaky)), ...(await deliveriesOf(steady))];
    expect(value('delivered')).toBe(log.filter((delivery) => delivery.status === 'delivered').length);
    expect(value('pending')).toBe(0);
    expect(metrics).toMatch(/^refurb_issuance_webhook_oldest_pending_seconds 0$/m);
  });
});
