import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Message, Partitioners, Producer, RecordMetadata } from 'kafkajs';
import { KAFKA } from './kafka.tokens';

/**
 * An idempotent producer (acks from all in-sync replicas, broker-side de-duplication of retries),
 * connected on first use and shared by the whole service.
 *
 * After a failed send the producer is replaced: kafkajs's idempotent producer can keep a producer id
 * whose sequence numbers no longer match the broker's, after which every send fails with
 * OUT_OF_ORDER_SEQUENCE_NUMBER. A fresh producer gets a fresh id; what the failed send may already have
 * written is de-duplicated downstream by event id.
 */
@Injectable()
export class KafkaProducerService implements OnApplicationShutdown {
  private readonly logger = new Logger(KafkaProducerService.name);
  private producer: Producer;
  private connected?: Promise<void>;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {
    this.producer = this.createProducer();
  }

  send(topic: string, messages: Message[]): Promise<RecordMetadata[]> {
    return this.sendBatch([{ topic, messages }]);
  }

  async sendBatch(topicMessages: { topic: string; messages: Message[] }[]): Promise<RecordMetadata[]> {
    const producer = await this.connect();
    try {
      return await producer.sendBatch({ topicMessages, acks: -1 });
    } catch (error) {
      await this.replace(producer, error);
      throw error;
    }
  }

  private createProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  private async connect(): Promise<Producer> {
    const producer = this.producer;
    this.connected ??= producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    return producer;
  }

  private async replace(failed: Producer, cause: unknown): Promise<void> {
    if (this.producer !== failed) return;
    this.logger.warn(`Replacing the Kafka producer after a failed send: ${(cause as Error).message}`);
    this.producer = this.createProducer();
    this.connected = undefined;
    await failed.disconnect().catch((error: unknown) => {
      this.logger.warn(`Disconnecting the failed producer: ${(error as Error).message}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }
}
