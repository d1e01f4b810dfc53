import { h } from '@refurb/web-browser';
import { download, saveFile } from './api';
import { sha256Hex } from './format';
import type { BatchView } from './shapes';
import { button, errorNotice, section } from './ui';

/**
 * The evidence CSV and the SHA-256 recorded when the batch closed. "Check" downloads the file and hashes
 * it in the browser, so the verifier compares the recorded digest with the bytes actually served; the
 * same file can be checked outside with `sha256sum`.
 */
export function evidenceSection(batch: BatchView): HTMLElement {
  const path = `/v1/batches/${encodeURIComponent(batch.id)}/evidence.csv`;
  const result = h('p', { id: 'digest-result', role: 'status' });
  const recorded = batch.evidenceSha256 ?? null;
  const check = async () => {
    result.replaceChildren('Downloading and hashing…');
    try {
      const file = await download(path);
      const actual = await sha256Hex(file.bytes);
      if (actual === undefined) {
        result.replaceChildren(
          'This browser hashes files only on HTTPS or localhost pages: download the file and run sha256sum.',
        );
      } else if (actual === recorded) {
        result.className = 'ok';
        result.replaceChildren(`Matches: the download's SHA-256 is ${actual}.`);
      } else {
        result.className = 'notice';
        result.replaceChildren(`Does not match: the download's SHA-256 is ${actual}.`);
      }
    } catch (error) {
      result.replaceChildren(errorNotice(error));
    }
  };
  return section(
    'Evidence',
    h(
      'p',
      {},
      'SHA-256 frozen at close: ',
      recorded
        ? h('code', { id: 'evidence-digest' }, recorded)
        : h(
            'span',
            { id: 'evidence-digest' },
            batch.state === 'open'
              ? 'not yet (the batch is open)'
              : 'not recorded (closed before digests were kept)',
          ),
    ),
    h(
      'div',
      { class: 'actions' },
      button('Download evidence CSV', async () => saveFile(await download(path)), {
        id: 'download-evidence',
      }),
      recorded ? button('Check the digest', check, { id: 'check-digest' }) : null,
      batch.state !== 'open'
        ? button('Registry units (JSON)', async () =>
            saveFile(await download(`/v1/batches/${encodeURIComponent(batch.id)}/registry-units`)),
          )
        : null,
      batch.state !== 'open'
        ? button('Registry units (CSV)', async () =>
            saveFile(await download(`/v1/batches/${encodeURIComponent(batch.id)}/registry-units.csv`)),
          )
        : null,
    ),
    result,
  );
}
