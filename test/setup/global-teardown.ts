// Global set-up runs outside jest's module registry, so the path aliases are registered by hand.
import 'tsconfig-paths/register';
import { testBroker } from '@refurb/local-stack';

export default async function globalTeardown(): Promise<void> {
  if (process.env.REFURB_TEST_BROKER_STARTED !== '1') return;
  await testBroker().stop();
}
