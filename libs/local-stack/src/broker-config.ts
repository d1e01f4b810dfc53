import { LocalKafkaTlsFiles } from './local-kafka-tls';

export interface LocalBrokerPorts {
  port: number;
  controllerPort: number;
}

/**
 * What turns the local broker into a secured one: clients only on SASL_SSL (SCRAM), every request
 * authorised by ACLs, nothing allowed that no ACL grants.
 */
export interface SecuredListenerSettings {
  tls: LocalKafkaTlsFiles;
  /** The super user: the broker talks to itself as it, and the test set-up creates topics and ACLs as it. */
  admin: { username: string; password: string };
  /**
   * The controller listener's own PLAIN password. SCRAM credentials live in the metadata the controller
   * serves, so the controller cannot check them; loopback-only and known to this broker alone.
   */
  controllerPassword: string;
}

const SCRAM_LOGIN = 'org.apache.kafka.common.security.scram.ScramLoginModule required';
const PLAIN_LOGIN = 'org.apache.kafka.common.security.plain.PlainLoginModule required';

function plaintextListeners({ port, controllerPort }: LocalBrokerPorts): string[] {
  return [
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
  ];
}

function securedListeners(
  { port, controllerPort }: LocalBrokerPorts,
  secured: SecuredListenerSettings,
): string[] {
  const { username, password } = secured.admin;
  const controller = secured.controllerPassword;
  return [
    `listeners=SASL_SSL://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=SASL_SSL://127.0.0.1:${port}`,
    'inter.broker.listener.name=SASL_SSL',
    'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_SSL:SASL_SSL',
    'sasl.mechanism.controller.protocol=PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=${PLAIN_LOGIN} username="controller" password="${controller}" user_controller="${controller}";`,
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    'listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512',
    `listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=${SCRAM_LOGIN} username="${username}" password="${password}";`,
    `listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=${SCRAM_LOGIN};`,
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${secured.tls.brokerKeystoreFile}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${secured.tls.caFile}`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${username};User:controller`,
    'allow.everyone.if.no.acl.found=false',
  ];
}

/**
 * Single-node KRaft broker+controller bound to loopback, tuned for one developer machine: PLAINTEXT, or
 * SASL_SSL with ACLs when `secured` is given.
 */
export function serverProperties(
  ports: LocalBrokerPorts,
  logDir: string,
  secured?: SecuredListenerSettings,
): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.controllerPort}`,
    'controller.listener.names=CONTROLLER',
    ...(secured ? securedListeners(ports, secured) : plaintextListeners(ports)),
    `log.dirs=${logDir}`,
    'num.partitions=12',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=12',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics are created by the services with their intended layout, never by accident.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

export const LOG4J_PROPERTIES = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka.server.BrokerServer=INFO',
  'log4j.logger.kafka.server.ControllerServer=INFO',
  '',
].join('\n');
