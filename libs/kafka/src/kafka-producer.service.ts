import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Message, Producer, RecordMetadata } from 'kafkajs';
import { KAFKA } from './kafka.tokens';

/**
 * An idempotent producer (acks from all in-sync replicas, broker-side de-duplication of retries),
 * connected on first use and shared by the whole service.
 */
@Injectable()
export class KafkaProducerService implements OnApplicationShutdown {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(@Inject(KAFKA) kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  async send(topic: string, messages: Message[]): Promise<RecordMetadata[]> {
    await this.connect();
    return this.producer.send({ topic, messages, acks: -1 });
  }

  async sendBatch(topicMessages: { topic: string; messages: Message[] }[]): Promise<RecordMetadata[]> {
    await this.connect();
    return this.producer.sendBatch({ topicMessages, acks: -1 });
  }

  private async connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }
}
