import { DEAD_LETTER_HEADERS } from '@refurb/contracts';
import { KafkaMessage } from 'kafkajs';
import { deadLetterRecordOf } from './dead-letter-record';
import { selectsDeadLetter } from './redrive-criteria';
import { redriveMessageOf } from './redrive-message';

function deadLetter(
  headers: Record<string, Buffer>,
  value = Buffer.from('{"id":"e-1","source":"urn:a"}'),
): KafkaMessage {
  return {
    key: Buffer.from('imei:353325091234561'),
    value,
    headers: {
      'content-type': Buffer.from('application/cloudevents+json'),
      'x-partner-trace': Buffer.from([0xff, 0x00, 0x01]),
      [DEAD_LETTER_HEADERS.code]: Buffer.from('EVENT.TIME_IN_FUTURE'),
      [DEAD_LETTER_HEADERS.detail]: Buffer.from('time is in the future'),
      [DEAD_LETTER_HEADERS.field]: Buffer.from('time'),
      [DEAD_LETTER_HEADERS.sourceTopic]: Buffer.from('devices.collection.v1'),
      [DEAD_LETTER_HEADERS.sourcePartition]: Buffer.from('7'),
      [DEAD_LETTER_HEADERS.sourceOffset]: Buffer.from('12'),
      [DEAD_LETTER_HEADERS.rejectedAt]: Buffer.from('2026-01-01T00:00:00.000Z'),
      ...headers,
    },
    offset: '41',
    timestamp: '0',
    attributes: 0,
    size: undefined,
  };
}

describe('redriving a dead letter', () => {
  it('reads what the dead letter says about itself', () => {
    expect(deadLetterRecordOf(3, deadLetter({}))).toMatchObject({
      partition: 3,
      offset: '41',
      reasonCode: 'EVENT.TIME_IN_FUTURE',
      sourceTopic: 'devices.collection.v1',
      sourcePartition: 7,
      eventId: 'e-1',
      eventSource: 'urn:a',
    });
  });

  it('gives back the original key, value and headers, marked with where it was redriven from', () => {
    const message = redriveMessageOf(
      deadLetterRecordOf(3, deadLetter({ 'dlq-redriven-from': Buffer.from('0:1') })),
    );
    expect(message).toEqual({
      key: Buffer.from('imei:353325091234561'),
      value: Buffer.from('{"id":"e-1","source":"urn:a"}'),
      partition: 7,
      headers: {
        'content-type': Buffer.from('application/cloudevents+json'),
        'x-partner-trace': Buffer.from([0xff, 0x00, 0x01]),
        'dlq-redriven-from': '3:41',
      },
    });
  });

  it.each([
    [{ codes: ['EVENT.TIME_IN_FUTURE'] }, true],
    [{ codes: ['EVENT.INVALID_IMEI'] }, false],
    [{ sourceTopic: 'devices.collection.v1' }, true],
    [{ sourceTopic: 'devices.repair.v1' }, false],
    [{ fromOffset: 41n, toOffset: 41n, partition: 3 }, true],
    [{ fromOffset: 42n }, false],
    [{ partition: 2 }, false],
    [{ eventIds: ['e-1'] }, true],
    [{ eventIds: ['e-2'] }, false],
    [{ eventIds: ['e-1'], eventSources: ['urn:a'] }, true],
    [{ eventIds: ['e-1'], eventSources: ['urn:b'] }, false],
  ])('selects by %j: %s', (criteria, selected) => {
    expect(selectsDeadLetter(deadLetterRecordOf(3, deadLetter({})), { dryRun: false, ...criteria })).toBe(
      selected,
    );
  });
});
