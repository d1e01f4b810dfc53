import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '@refurb/config';
import { repoRoot } from './repo-root';
import { runCommand } from './run-command';

export const KAFKA_VERSION = '3.9.1';
const POM = join(repoRoot(), 'libs', 'local-stack', 'kafka', 'pom.xml');
const COMPLETE_MARKER = '.complete';

/**
 * Resolves the Apache Kafka broker jars (`org.apache.kafka:kafka_2.13` and its runtime dependencies,
 * with a log4j binding) from Maven Central through the installed Maven, once per machine.
 * Returns the directory to put on the Java classpath.
 */
export async function ensureKafkaDistribution(
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const libDir = join(cacheDir(), `kafka-${KAFKA_VERSION}`, 'lib');
  if (existsSync(join(libDir, COMPLETE_MARKER))) return libDir;

  log(`Resolving Apache Kafka ${KAFKA_VERSION} from Maven Central into ${libDir} (first run only)...`);
  // Download into a scratch directory and rename, so an interrupted download is never mistaken for a cache.
  const staging = `${libDir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await runCommand('mvn', [
    '-q',
    '-B',
    '-f',
    POM,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${staging}`,
  ]);
  if (!readdirSync(staging).some((jar) => jar.startsWith('kafka_2.13-'))) {
    throw new Error(`Maven finished but ${staging} holds no kafka_2.13 jar`);
  }
  writeFileSync(join(staging, COMPLETE_MARKER), new Date().toISOString());
  rmSync(libDir, { recursive: true, force: true });
  renameSync(staging, libDir);
  return libDir;
}
