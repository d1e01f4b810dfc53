/** What stands in for a secret wherever one would have been printed. */
export const REDACTED = '***';

/** Query parameters libpq and most clients accept credentials in (`?password=`, `?sslpassword=`...). */
const SECRET_QUERY_PARAMETER =
  /([?&](?:[a-z_]*password|pass|secret|token|api[_-]?key|access[_-]?key)=)[^&#\s"'`]*/gi;

/**
 * A URL's password, wherever it sits in a line of text: `scheme://user:password@`. The password runs to
 * the last `@` of the token, so an unencoded `@` in it (a malformed URL) is still covered; a token ends at
 * whitespace or a quote, which keeps the match inside one JSON string of a log line.
 */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/"'`]*:)[^\s"'`]*@/gi;

/** Variables whose whole value is a secret: printed as `***`, never in part. */
const SECRET_VARIABLE = /KEY|SECRET|PASSWORD|TOKEN|CREDENTIAL/i;

/**
 * `postgres://user:secret@host/db` → `postgres://user:***@host/db`, and the same for a password in the
 * query string. Works on malformed values too (it never parses the URL), since a value that failed
 * validation is exactly the one an error message quotes; without `scheme://`, the text before the last
 * `@` is taken as `user:password`.
 */
export function redactUrlPassword(value: string): string {
  const scheme = value.indexOf('://');
  const start = scheme < 0 ? 0 : scheme + 3;
  const at = value.lastIndexOf('@');
  let redacted = value;
  if (at > start) {
    const colon = value.slice(start, at).indexOf(':');
    if (colon >= 0) redacted = `${value.slice(0, start + colon + 1)}${REDACTED}${value.slice(at)}`;
  }
  return redacted.replace(SECRET_QUERY_PARAMETER, `$1${REDACTED}`);
}

/** Every URL password and credential query parameter in a piece of text (a log line, an error message). */
export function redactSecretsInText(text: string): string {
  return text.replace(URL_PASSWORD, `$1${REDACTED}@`).replace(SECRET_QUERY_PARAMETER, `$1${REDACTED}`);
}

/** How an environment variable's value may be shown: secrets hidden, URL passwords masked. */
export function displayableValue(variable: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return SECRET_VARIABLE.test(variable) ? REDACTED : redactUrlPassword(value);
}
