#!/usr/bin/env bash
# One-shot, in the apache/kafka image (it has keytool; no openssl): makes what the secured compose broker
# and its clients need, once, into the kafka-secrets volume:
#   <principal>.password  a random SCRAM password for admin, the controller listener, and each principal
#   ca.pem                the certificate authority clients trust (KAFKA_SSL_CA_FILE)
#   broker.p12            the broker's key and certificate (kafka, localhost, 127.0.0.1), signed by it
# The CA's own key is thrown away once the broker certificate is signed: nothing else is ever signed.
# Local use only: every container that mounts the volume can read every password (as with the signing
# keys); a production deployment gives each service its own secret (README, "Secured Kafka").
set -euo pipefail

SECRETS_DIR="${SECRETS_DIR:-/etc/kafka/secrets}"
: "${KAFKA_PRINCIPALS:?KAFKA_PRINCIPALS must list the principals, e.g. \"gateway tracker issuance\"}"
if [[ -f "$SECRETS_DIR/.complete" ]]; then
  echo "kafka secrets already made in $SECRETS_DIR"
  exit 0
fi

# Readable by the services' user too (uid 1000 in both images); the volume is their only way in.
umask 022
password() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }
for name in admin controller $KAFKA_PRINCIPALS; do
  [[ -s "$SECRETS_DIR/$name.password" ]] || password > "$SECRETS_DIR/$name.password"
done
[[ -s "$SECRETS_DIR/keystore.password" ]] || password > "$SECRETS_DIR/keystore.password"
store_password="$(cat "$SECRETS_DIR/keystore.password")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -f "$SECRETS_DIR/broker.p12"
keytool -genkeypair -alias ca -dname "CN=Refurb Ledger compose Kafka CA" -ext bc:c -keyalg RSA \
  -keysize 2048 -validity 3650 -storetype PKCS12 -keystore "$work/ca.p12" -storepass "$store_password"
keytool -exportcert -rfc -alias ca -keystore "$work/ca.p12" -storepass "$store_password" > "$SECRETS_DIR/ca.pem"
keytool -genkeypair -alias broker -dname "CN=kafka" -keyalg RSA -keysize 2048 -validity 3650 \
  -storetype PKCS12 -keystore "$SECRETS_DIR/broker.p12" -storepass "$store_password"
keytool -certreq -alias broker -keystore "$SECRETS_DIR/broker.p12" -storepass "$store_password" \
  -file "$work/broker.csr"
# Clients check the name they dialled against these: kafka inside the network, localhost from the host.
keytool -gencert -alias ca -keystore "$work/ca.p12" -storepass "$store_password" -infile "$work/broker.csr" \
  -outfile "$work/broker.pem" -rfc -validity 3650 \
  -ext "SAN=dns:kafka,dns:localhost,ip:127.0.0.1" -ext "EKU=serverAuth,clientAuth"
keytool -importcert -noprompt -alias ca -file "$SECRETS_DIR/ca.pem" \
  -keystore "$SECRETS_DIR/broker.p12" -storepass "$store_password"
keytool -importcert -noprompt -alias broker -file "$work/broker.pem" \
  -keystore "$SECRETS_DIR/broker.p12" -storepass "$store_password"
touch "$SECRETS_DIR/.complete"
echo "kafka secrets made in $SECRETS_DIR for: admin $KAFKA_PRINCIPALS"
