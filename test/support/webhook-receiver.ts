import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered; 0 if it never did. */
  status: number;
}

/**
 * Decides the answer to each request (a status, or `hang`: never answer, as a stuck receiver); by
 * default every delivery is accepted.
 */
export type Answer = (request: ReceivedWebhook, seenBefore: number) => number | 'hang';

/** A finance system's webhook endpoint on a loopback port, recording every request and its answer. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly server: Server;
  url = '';

  private constructor(public answer: Answer) {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const entry: ReceivedWebhook = {
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status: 0,
        };
        const id = request.headers['refurb-webhook-id'];
        const seenBefore = this.received.filter((r) => r.headers['refurb-webhook-id'] === id).length;
        const answer = this.answer(entry, seenBefore);
        this.received.push(entry);
        if (answer === 'hang') return;
        entry.status = answer;
        response.writeHead(entry.status, { 'content-type': 'text/plain' }).end(String(entry.status));
      });
    });
  }

  static async start(answer: Answer = () => 200): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(answer);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.server.address() as AddressInfo;
    receiver.url = `http://127.0.0.1:${port}/hooks/refurb`;
    return receiver;
  }

  /** Requests it accepted (2xx), by delivery id. */
  acceptedIds(): string[] {
    return this.received
      .filter((r) => r.status >= 200 && r.status < 300)
      .map((r) => String(r.headers['refurb-webhook-id']));
  }

  close(): Promise<void> {
    // The relay's fetch keeps connections alive; close would wait for them.
    this.server.closeAllConnections();
    return new Promise((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
