import { DEAD_LETTER_HEADERS, INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  PartitionOffset,
  readRange,
  TestDatabase,
} from '@refurb/testing';
import { Admin } from 'kafkajs';
import { byTopic, TopicMessage } from './device-event-messages';
import { trackerCaughtUp } from './tracker-database';

/** Produces the messages, then waits until the tracker's group consumed them and its outbox is empty. */
export async function produceAndDrain(
  kafka: KafkaTestClient,
  admin: Admin,
  tracker: { database: TestDatabase; groupId: string },
  messages: readonly TopicMessage[],
): Promise<void> {
  await kafka.produceBatch(byTopic(messages));
  const end = await highWatermarks(admin, INPUT_TOPICS);
  await eventually(() => trackerCaughtUp(tracker.database, tracker.groupId, end), Boolean, {
    timeoutMs: 60_000,
    what: 'the tracker caught up',
  });
}

export interface DeadLetteredEvent {
  source: string;
  id: string;
  code: string;
}

/** The dead letters written since `startAt` (structured events only), with their event's source and id. */
export async function deadLetteredEventsSince(
  kafka: KafkaTestClient,
  admin: Admin,
  startAt: readonly PartitionOffset[],
): Promise<DeadLetteredEvent[]> {
  const letters = await readRange(
    kafka.kafka,
    TOPICS.deadLetter,
    startAt.filter((offset) => offset.topic === TOPICS.deadLetter),
    await highWatermarks(admin, [TOPICS.deadLetter]),
  );
  return letters.map((letter) => {
    const { source, id } = JSON.parse(letter.value!.toString()) as { source: string; id: string };
    return { source, id, code: letter.headers?.[DEAD_LETTER_HEADERS.code]?.toString() ?? '' };
  });
}
