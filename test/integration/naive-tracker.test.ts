import { AnyDeviceEvent, STRUCTURED_HEADERS, TOPIC_BY_EVENT_TYPE } from '@refurb/contracts';
import { migrateExclusively, serviceDataSourceOptions } from '@refurb/database';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import { TestDatabase } from '@refurb/testing';
import { DataSource } from 'typeorm';
import { NAIVE_ENTITIES } from '../../libs/bench/src/naive/entities';
import { NAIVE_MIGRATIONS } from '../../libs/bench/src/naive/migrations';
import {
  NaiveInputMessage,
  TrackNaiveEventService,
} from '../../libs/bench/src/naive/track-naive-event.service';

const device = eventsFor('imei:490154203237518');
// Smartphone, battery replaced, no leg: BE 51,180 - PE (2,800 + 2,000) = 46,380 g (DESIGN.md section 3).
const AVOIDED_G = 46_380;
const NOW = new Date('2024-06-01T00:00:00Z');

let offset = 0;
function recordOf(event: AnyDeviceEvent | string): NaiveInputMessage {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  const topic =
    typeof event === 'string' ? TOPIC_BY_EVENT_TYPE['device.resold'] : TOPIC_BY_EVENT_TYPE[event.type];
  return {
    topic,
    partition: 0,
    offset: String(offset++),
    value: Buffer.from(body),
    headers: { ...STRUCTURED_HEADERS },
  };
}

describe('naive tracker (the benchmark baseline)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let tracker: TrackNaiveEventService;
  const track = (event: AnyDeviceEvent | string) => tracker.track(recordOf(event), NOW);
  const credits = () =>
    database.query<{ cycle_id: string; avoided_g: number; vintage: number }>(
      'SELECT cycle_id, avoided_g, vintage FROM naive.cycle_credits',
    );
  const count = async (table: string) =>
    Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    database = await TestDatabase.create('naive_tracker');
    dataSource = await new DataSource(
      serviceDataSourceOptions(
        { url: database.url },
        { schema: 'naive', entities: NAIVE_ENTITIES, migrations: NAIVE_MIGRATIONS },
      ),
    ).initialize();
    await migrateExclusively(dataSource);
    tracker = new TrackNaiveEventService(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('credits a cycle once, whatever the order and however often each event arrives', async () => {
    const resale = device.resold('s1', on(4), 'o1');
    for (const event of [
      resale,
      device.refurbished('f1', on(3)),
      resale,
      device.collected('c1', on(1)),
      device.repaired('r1', on(2)),
      device.collected('c1', on(1)),
    ])
      await track(event);

    expect(await credits()).toEqual([
      { cycle_id: 'imei:490154203237518/c1', avoided_g: AVOIDED_G, vintage: 2024 },
    ]);
    expect(await count('naive.device_events')).toBe(4);
    expect(await count('naive.refused_events')).toBe(0);
  });

  it('refuses what the contract refuses and a reused id, and withdraws a credit its return cancels', async () => {
    await track('{"specversion": "1.0", "id": ');
    await track(device.resold('s1', on(5), 'o2'));
    await track(device.returned('x1', on(6), 'o1'));

    const refused = await database.query<{ code: string }>(
      'SELECT code FROM naive.refused_events ORDER BY kafka_offset',
    );
    expect(refused.map((row) => row.code)).toEqual(['EVENT.MALFORMED_JSON', 'EVENT.ID_REUSED']);
    expect(await credits()).toEqual([]);
    expect(await count('naive.device_events')).toBe(5);
  });
});
