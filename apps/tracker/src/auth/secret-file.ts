import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync, renameSync } from 'node:fs';

/**
 * Writes a secret readable by its owner only (0600), atomically: a reader (a service starting) never
 * sees a half-written file, and a crash leaves either no file or the whole one, so the next run decides
 * from the file's presence alone. The temporary file sits beside the target, on the same file system,
 * where rename is atomic.
 */
export function writeSecretFile(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, content, { flag: 'wx', mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
