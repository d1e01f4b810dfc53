import { AnyDeviceEvent, encodeStructured, STRUCTURED_HEADERS, TOPIC_BY_EVENT_TYPE } from '@refurb/contracts';
import { Message } from 'kafkajs';

export interface TopicMessage {
  topic: string;
  message: Message;
}

/** An event as a Kafka-native partner would produce it: structured mode, keyed by device. */
export function toTopicMessage(event: AnyDeviceEvent): TopicMessage {
  return {
    topic: TOPIC_BY_EVENT_TYPE[event.type],
    message: { key: event.subject, value: encodeStructured(event), headers: { ...STRUCTURED_HEADERS } },
  };
}

/** Groups messages by topic, keeping their order, for one `sendBatch`. */
export function byTopic(messages: readonly TopicMessage[]): { topic: string; messages: Message[] }[] {
  const grouped = new Map<string, Message[]>();
  for (const { topic, message } of messages) grouped.set(topic, [...(grouped.get(topic) ?? []), message]);
  return [...grouped].map(([topic, topicMessages]) => ({ topic, messages: topicMessages }));
}
