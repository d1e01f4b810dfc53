import { ConsumerHealthIndicator } from './consumer-health.indicator';
import { ConsumerState, ConsumerStatus } from './consumer-state';

describe('ConsumerHealthIndicator', () => {
  function healthIn(status: ConsumerStatus) {
    const state = new ConsumerState();
    state.update(status);
    return new ConsumerHealthIndicator(state).check();
  }

  it('is up only while the consumer is in its group', async () => {
    expect(await healthIn('running')).toEqual({ status: 'up', state: 'running' });
  });

  it.each<ConsumerStatus>(['absent', 'starting', 'restarting', 'failed', 'closed'])(
    'is down, NOT_RUNNING, when the consumer is %s',
    async (status) => {
      expect(await healthIn(status)).toEqual({ status: 'down', reason: 'NOT_RUNNING', state: status });
    },
  );
});
