import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CpuProfile, SelfTime, summarizeProfile } from './profile-summary';

/**
 * `npm run bench:profile-summary -- DIR [TOP]`: prints, for each `.cpuprofile` in DIR (as
 * `npm run bench -- --profile DIR` leaves them, one per service), where its time went by owner and by
 * function, self time, as Markdown.
 */
function main(): void {
  const [directory, top = '15'] = process.argv.slice(2);
  if (!directory) {
    console.error('usage: npm run bench:profile-summary -- DIR [TOP]');
    process.exitCode = 2;
    return;
  }
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.cpuprofile'))
    .sort();
  if (files.length === 0) throw new Error(`no .cpuprofile in ${directory}`);
  const rows = (times: SelfTime[]) =>
    times.map(({ name, share }) => `| ${name} | ${(share * 100).toFixed(1)} % |`);
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(directory, file), 'utf8')) as CpuProfile;
    const summary = summarizeProfile(profile, Number(top));
    console.log(
      [
        `## ${file} (${summary.seconds.toFixed(1)} s profiled)`,
        '',
        '| owner | self time |',
        '|---|---|',
        ...rows(summary.byOwner),
        '',
        '| function | self time |',
        '|---|---|',
        ...rows(summary.byFunction),
        '',
      ].join('\n'),
    );
  }
}

main();
