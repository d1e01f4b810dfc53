#!/usr/bin/env bash
# The compose broker's command (apache/kafka 3.9 image): single-node KRaft with every client listener on
# SASL_SSL (SCRAM), ACLs through StandardAuthorizer, nothing allowed that no ACL grants. It writes its own
# server.properties instead of the image's environment-driven one because the image formats the storage
# without SCRAM users, and a KRaft cluster only gets its first SCRAM credentials at format time.
# Same settings as the tests' secured broker (libs/local-stack/src/broker-config.ts).
set -euo pipefail

SECRETS_DIR="${SECRETS_DIR:-/etc/kafka/secrets}"
KAFKA_HOME="${KAFKA_HOME:-/opt/kafka}"
DATA_DIR="${DATA_DIR:-/var/lib/kafka/data}"
CONFIG_DIR="${CONFIG_DIR:-$KAFKA_HOME/config}"
ADVERTISED_HOST="${ADVERTISED_HOST:-kafka}"
INTERNAL_PORT="${INTERNAL_PORT:-9092}"
CONTROLLER_PORT="${CONTROLLER_PORT:-9093}"
HOST_PORT="${HOST_PORT:-29092}"
: "${CLUSTER_ID:?CLUSTER_ID must be set (kafka-storage.sh random-uuid makes one)}"
: "${KAFKA_PRINCIPALS:?KAFKA_PRINCIPALS must list the principals to create}"

secret() { cat "$SECRETS_DIR/$1.password"; }
admin_password="$(secret admin)"
controller_password="$(secret controller)"
store_password="$(secret keystore)"
scram="org.apache.kafka.common.security.scram.ScramLoginModule required"
plain="org.apache.kafka.common.security.plain.PlainLoginModule required"

mkdir -p "$CONFIG_DIR"
umask 077
cat > "$CONFIG_DIR/secured-server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${ADVERTISED_HOST}:${CONTROLLER_PORT}
controller.listener.names=CONTROLLER
listeners=INTERNAL://:${INTERNAL_PORT},CONTROLLER://:${CONTROLLER_PORT},HOST://:${HOST_PORT}
advertised.listeners=INTERNAL://${ADVERTISED_HOST}:${INTERNAL_PORT},HOST://localhost:${HOST_PORT}
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,INTERNAL:SASL_SSL,HOST:SASL_SSL
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=${plain} username="controller" password="${controller_password}" user_controller="${controller_password}";
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=${scram} username="admin" password="${admin_password}";
listener.name.internal.scram-sha-256.sasl.jaas.config=${scram};
listener.name.host.sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
listener.name.host.scram-sha-512.sasl.jaas.config=${scram};
listener.name.host.scram-sha-256.sasl.jaas.config=${scram};
ssl.keystore.type=PKCS12
ssl.keystore.location=${SECRETS_DIR}/broker.p12
ssl.keystore.password=${store_password}
ssl.key.password=${store_password}
ssl.truststore.type=PEM
ssl.truststore.location=${SECRETS_DIR}/ca.pem
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin;User:controller
allow.everyone.if.no.acl.found=false
log.dirs=${DATA_DIR}
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPERTIES

# For the health check and operators' kafka-*.sh commands: the super user over the internal listener.
cat > "$CONFIG_DIR/admin-client.properties" <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=${scram} username="admin" password="${admin_password}";
ssl.truststore.type=PEM
ssl.truststore.location=${SECRETS_DIR}/ca.pem
PROPERTIES

if [[ ! -f "$DATA_DIR/meta.properties" ]]; then
  scram_users=()
  for name in admin $KAFKA_PRINCIPALS; do
    password="$(secret "$name")"
    for mechanism in SCRAM-SHA-256 SCRAM-SHA-512; do
      scram_users+=(--add-scram "${mechanism}=[name=${name},password=${password}]")
    done
  done
  "$KAFKA_HOME/bin/kafka-storage.sh" format --cluster-id "$CLUSTER_ID" \
    --config "$CONFIG_DIR/secured-server.properties" "${scram_users[@]}"
fi
exec "$KAFKA_HOME/bin/kafka-server-start.sh" "$CONFIG_DIR/secured-server.properties"
