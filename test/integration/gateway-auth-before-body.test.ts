import { TestDatabase } from '@refurb/testing';
import { request as httpRequest } from 'node:http';
import { InProcessGateway, startGateway } from '../support/in-process-gateway';

interface Answer {
  status: number;
  body: { code?: string };
}

/**
 * Sends the headers and the first chunk of a body announced as far larger, never ending it: the answer
 * can only come from a gateway that decided without the body.
 */
function postWithoutFinishing(gateway: InProcessGateway, headers: Record<string, string>): Promise<Answer> {
  const announced = 50 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, ' ');
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${gateway.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(announced), ...headers },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (part: string) => (text += part));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(text) as Answer['body'],
        });
        request.destroy();
      });
    });
    request.write(chunk);
  });
}

describe('gateway: the API key is checked before the body is read', () => {
  let database: TestDatabase;
  let gateway: InProcessGateway;

  beforeAll(async () => {
    database = await TestDatabase.create('gateway_auth_body');
    gateway = await startGateway(database);
  });

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it('answers 401 to a request without a key while its 50 MiB body is still unsent', async () => {
    const answer = await postWithoutFinishing(gateway, {});
    expect(answer).toMatchObject({ status: 401, body: { code: 'GATEWAY.MISSING_API_KEY' } });
  });

  it('answers 401 to a request with a bad key the same way', async () => {
    const answer = await postWithoutFinishing(gateway, { authorization: 'Bearer rl_nonsense' });
    expect(answer).toMatchObject({ status: 401, body: { code: 'GATEWAY.INVALID_API_KEY' } });
  });

  it('reads the body once the key is valid', async () => {
    await gateway.partners.seedDemoPartners();
    const { apiKey } = await gateway.partners.createKey('rebox-fr', 'auth-before-body');
    const response = await fetch(`${gateway.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: '[]',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'GATEWAY.EMPTY_BATCH' });
  });
});
