import { EntityManager } from 'typeorm';
import { KafkaSource, REGISTERED_SOURCES_TTL_MS } from '../kafka-sources/kafka-source';
import { KafkaSourceRepository } from '../kafka-sources/kafka-source.repository';
import { RegisteredSources } from './registered-sources';

function source(name: string): KafkaSource {
  return {
    source: name,
    displayName: name,
    eventTypes: ['device.collected'],
    workshopIds: [],
    siteIds: ['*'],
    resaleChannels: [],
    createdAt: new Date(0),
    updatedAt: new Date(0),
    retiredAt: null,
  };
}

describe('RegisteredSources', () => {
  const manager = {} as EntityManager;

  it('reads the registry once per interval, and again once it has passed', async () => {
    const reads: KafkaSource[][] = [[source('urn:a')], [source('urn:a'), source('urn:b')]];
    const active = jest.fn(() => Promise.resolve(reads.shift() ?? []));
    const registered = new RegisteredSources({ active } as unknown as KafkaSourceRepository);

    const first = await registered.current(manager, 1_000);
    expect([...first.keys()]).toEqual(['urn:a']);
    expect(first.get('urn:a')).toEqual({
      eventTypes: new Set(['device.collected']),
      workshopIds: new Set(),
      siteIds: '*',
      resaleChannels: new Set(),
    });
    expect(await registered.current(manager, 1_000 + REGISTERED_SOURCES_TTL_MS - 1)).toBe(first);
    expect(active).toHaveBeenCalledTimes(1);

    const later = await registered.current(manager, 1_000 + REGISTERED_SOURCES_TTL_MS);
    expect([...later.keys()]).toEqual(['urn:a', 'urn:b']);
    expect(active).toHaveBeenCalledTimes(2);
  });
});
