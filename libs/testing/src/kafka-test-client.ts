import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, KafkaMessage, logLevel, Message, Producer } from 'kafkajs';

export function testKafkaBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error(
      'KAFKA_BROKERS is not set: run the test through its jest config (global set-up starts Kafka)',
    );
  return brokers.split(',').map((broker) => broker.trim());
}

/** A plain kafkajs client for tests: produce inputs, read outputs, as a partner or finance would. */
export class KafkaTestClient {
  readonly kafka = new Kafka({
    brokers: testKafkaBrokers(),
    clientId: 'refurb-ledger-test',
    logLevel: logLevel.NOTHING,
  });
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];

  async produce(topic: string, messages: Message[]): Promise<void> {
    await this.produceBatch([{ topic, messages }]);
  }

  async produceBatch(topicMessages: { topic: string; messages: Message[] }[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await this.producer.connect();
    }
    await this.producer.sendBatch({ topicMessages, acks: -1 });
  }

  /** Collects every message of a topic from the beginning, for assertions with `eventually`. */
  async collect(topic: string): Promise<KafkaMessage[]> {
    const collected: KafkaMessage[] = [];
    const consumer = this.kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void collected.push(message)) });
    return collected;
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.disconnect()));
    await this.producer?.disconnect();
  }
}
