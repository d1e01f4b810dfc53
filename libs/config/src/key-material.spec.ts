import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from './config-validation.error';
import { localKeyFile, parseKeyMaterial, readKeyMaterial } from './key-material';

const SECRET = '-----BEGIN PRIVATE KEY-----\nsecret-bytes\n-----END PRIVATE KEY-----\n';

function thrown(action: () => unknown): ConfigValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('key material from a variable or a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'key-material-'));
  const file = join(dir, 'key.pem');
  writeFileSync(file, SECRET);

  it('prefers the inline variable, then reads the file', () => {
    expect(readKeyMaterial({ variable: 'K', inline: 'inline', file })).toEqual({
      variable: 'K',
      pem: 'inline',
    });
    expect(readKeyMaterial({ variable: 'K', inline: undefined, file })).toEqual({
      variable: 'K_FILE',
      pem: SECRET,
    });
  });

  it('names the _FILE variable and the path when the file cannot be read', () => {
    const error = thrown(() =>
      readKeyMaterial({ variable: 'K', inline: undefined, file: join(dir, 'missing') }),
    );
    expect(error.invalid).toEqual([
      { variable: 'K_FILE', value: join(dir, 'missing'), problems: ['cannot be read (ENOENT)'] },
    ]);
  });

  it('asks for one of the two when neither is set', () => {
    expect(
      thrown(() => readKeyMaterial({ variable: 'K', inline: undefined, file: undefined })).message,
    ).toContain('K=null: set it or K_FILE');
  });

  it('names the variable a key the parser refuses came from, and never prints the key', () => {
    const refuse = (): never => {
      throw new Error('not an Ed25519 key');
    };
    const inline = thrown(() => parseKeyMaterial({ variable: 'K', inline: SECRET, file }, refuse));
    expect(inline.message).toContain('K="(hidden)": not an Ed25519 key');
    expect(inline.message).not.toContain('secret-bytes');
    const fromFile = thrown(() => parseKeyMaterial({ variable: 'K', inline: undefined, file }, refuse));
    expect(fromFile.message).toContain(`K_FILE=${JSON.stringify(file)}: not an Ed25519 key`);
    expect(fromFile.message).not.toContain('secret-bytes');
  });

  it('keeps local key pairs in the cache directory', () => {
    expect(localKeyFile('tracker.pem', { REFURB_CACHE_DIR: '/cache' })).toBe('/cache/keys/tracker.pem');
  });
});
