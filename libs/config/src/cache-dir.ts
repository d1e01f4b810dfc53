import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where downloaded tools and local broker data live: outside the repository, kept between runs. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REFURB_CACHE_DIR) return env.REFURB_CACHE_DIR;
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'refurb-ledger');
}
