import { displayableValue, redactSecretsInText, redactUrlPassword } from './redact-secrets';

describe('redactUrlPassword', () => {
  it.each([
    ['postgres://user:secret@host/db', 'postgres://user:***@host/db'],
    [
      'postgresql://ledger:s3cr%40t@db.internal:5432/refurb_ledger',
      'postgresql://ledger:***@db.internal:5432/refurb_ledger',
    ],
    // Malformed on purpose: an unencoded @ and / in the password, a port that is not a number.
    ['postgres://user:p@ss/w@host:notaport/db', 'postgres://user:***@host:notaport/db'],
    ['user:secret@host/db', 'user:***@host/db'],
    [
      'postgres://user@host/db?password=secret&sslmode=require',
      'postgres://user@host/db?password=***&sslmode=require',
    ],
    ['postgres://host/db?sslpassword=secret', 'postgres://host/db?sslpassword=***'],
  ])('masks the password of %s', (url, expected) => {
    expect(redactUrlPassword(url)).toBe(expected);
  });

  it.each([
    'postgres://postgres@127.0.0.1:5432/refurb_ledger',
    'postgres://127.0.0.1:5432/refurb_ledger',
    'http://127.0.0.1:3000/health',
    'not a url',
    '',
  ])('leaves %p alone, which holds no password', (url) => {
    expect(redactUrlPassword(url)).toBe(url);
  });
});

describe('redactSecretsInText', () => {
  it('masks every URL password in a line, keeping the rest', () => {
    const line =
      '{"msg":"connect failed","url":"postgres://a:one@h1/db","other":"amqp://b:two@h2:5672","note":"user:x is fine"}';
    const redacted = redactSecretsInText(line);
    expect(redacted).toBe(
      '{"msg":"connect failed","url":"postgres://a:***@h1/db","other":"amqp://b:***@h2:5672","note":"user:x is fine"}',
    );
  });

  it('masks credential query parameters', () => {
    expect(redactSecretsInText('GET /x?apiKey=rl_abc&page=2 and ?token=t1')).toBe(
      'GET /x?apiKey=***&page=2 and ?token=***',
    );
  });

  it('leaves URLs without credentials and plain text alone', () => {
    const text = 'ready on http://127.0.0.1:3000 (GET /health), mail me@example.org';
    expect(redactSecretsInText(text)).toBe(text);
  });
});

describe('displayableValue', () => {
  it('hides the whole value of a variable named as a secret', () => {
    expect(displayableValue('SIMULATOR_COLLECTION_KEY', 'rl_live_abc')).toBe('***');
    expect(displayableValue('SMTP_PASSWORD', 'hunter2')).toBe('***');
  });

  it('masks URL passwords in any other variable and keeps unset as unset', () => {
    expect(displayableValue('DATABASE_URL', 'postgres://u:pw@h/db')).toBe('postgres://u:***@h/db');
    expect(displayableValue('GATEWAY_PORT', 'eighty')).toBe('eighty');
    expect(displayableValue('GATEWAY_PORT', undefined)).toBeUndefined();
  });
});
