import { checkWebhookUrl } from './webhook-url';

describe('checkWebhookUrl', () => {
  it.each([
    'https://finance.example.com/hooks/refurb',
    'http://127.0.0.1:8080/hook',
    'http://localhost:3000/hook',
    'http://[::1]:9000/hook',
  ])('accepts %s', (url) => {
    expect(checkWebhookUrl(url)).toEqual({ ok: true, url: new URL(url).toString() });
  });

  it.each([
    ['http://finance.example.com/hook', 'must be https'],
    ['http://10.0.0.5/hook', 'must be https'],
    ['ftp://finance.example.com/hook', 'must be https, not ftp'],
    ['https://user:pass@finance.example.com/hook', 'credentials'],
    ['https://finance.example.com/hook#x', 'fragment'],
    ['/hook', 'absolute URL'],
  ])('refuses %s', (url, problem) => {
    const check = checkWebhookUrl(url);
    expect(check.ok).toBe(false);
    expect(check.ok === false && check.problem).toContain(problem);
  });
});
