/** The service's kafkajs client. */
export const KAFKA = Symbol('KAFKA');
