import { serverProperties } from './broker-config';

const PORTS = { port: 40000, controllerPort: 40001 };
const SECURED = {
  tls: { caFile: '/tls/ca.pem', brokerKeystoreFile: '/tls/broker-keystore.pem' },
  admin: { username: 'admin', password: 'admin-secret' },
  controllerPassword: 'controller-secret',
};

function settings(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('the local broker configuration', () => {
  it('is PLAINTEXT on loopback, with no authorizer, by default', () => {
    const plain = settings(serverProperties(PORTS, '/data'));
    expect(plain.get('listeners')).toBe('PLAINTEXT://127.0.0.1:40000,CONTROLLER://127.0.0.1:40001');
    expect(plain.has('authorizer.class.name')).toBe(false);
  });

  it('secured, takes clients on SASL_SSL only and allows nothing no ACL grants', () => {
    const secured = settings(serverProperties(PORTS, '/data', SECURED));
    expect(secured.get('listeners')).toBe('SASL_SSL://127.0.0.1:40000,CONTROLLER://127.0.0.1:40001');
    expect(secured.get('listener.security.protocol.map')).toBe('CONTROLLER:SASL_PLAINTEXT,SASL_SSL:SASL_SSL');
    expect(secured.get('authorizer.class.name')).toBe(
      'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    );
    expect(secured.get('allow.everyone.if.no.acl.found')).toBe('false');
    expect(secured.get('super.users')).toBe('User:admin;User:controller');
    expect(secured.get('ssl.keystore.location')).toBe('/tls/broker-keystore.pem');
    expect(secured.get('ssl.truststore.location')).toBe('/tls/ca.pem');
    // The broker talks to itself as the super user, over SCRAM.
    expect(secured.get('inter.broker.listener.name')).toBe('SASL_SSL');
    expect(secured.get('listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config')).toContain(
      'username="admin" password="admin-secret"',
    );
  });
});
