#!/bin/sh
# Creates the chat's Kafka topics, or brings the configuration of existing ones back to what is
# written here. The compose file's one-shot service and the Kubernetes Job both run this file, so
# both create the same topics; docs/operations.md ("Topics") explains each choice.
#
#   KAFKA_BOOTSTRAP_SERVERS   the broker(s), as the services use them
#   TOPIC_REPLICATION_FACTOR  1 on a single broker (compose), 3 in production (default)
#   KAFKA_COMMAND_CONFIG      optional: a client properties file (TLS, SASL) for the admin tools
#   KAFKA_BIN                 where kafka-topics.sh is (default: the apache/kafka image's folder)
set -eu

: "${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}"
replication="${TOPIC_REPLICATION_FACTOR:-3}"
bin="${KAFKA_BIN:-/opt/kafka/bin}"

admin() {
  tool="$1"
  shift
  if [ -n "${KAFKA_COMMAND_CONFIG:-}" ]; then
    "$bin/$tool" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$KAFKA_COMMAND_CONFIG" "$@"
  else
    "$bin/$tool" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" "$@"
  fi
}

# topic NAME PARTITIONS CONFIG: creates the topic if it is absent, then sets CONFIG (comma-separated
# key=value) on it, so that a changed retention here reaches an existing topic too. Partitions are
# never raised here: that moves keys to other partitions, which an operator decides (see the docs).
topic() {
  name="$1" partitions="$2" config="$3"
  echo "topic $name: $partitions partitions, $config"
  set -- --create --if-not-exists --topic "$name" --partitions "$partitions" --replication-factor "$replication"
  for entry in $(echo "$config" | tr ',' ' '); do
    set -- "$@" --config "$entry"
  done
  admin kafka-topics.sh "$@"
  admin kafka-configs.sh --alter --entity-type topics --entity-name "$name" --add-config "$config"
  actual=$(admin kafka-topics.sh --describe --topic "$name" | sed -n 's/.*PartitionCount: *\([0-9]*\).*/\1/p' | head -1)
  if [ "$actual" != "$partitions" ]; then
    echo "WARNING: $name has $actual partitions where $partitions are written here; left as it is" >&2
  fi
}

SEVEN_DAYS=604800000
THIRTY_DAYS=2592000000
ONE_MINUTE=60000
ONE_HOUR=3600000

# The aggregates' topics, keyed by conversation id: one conversation's events keep their order on
# one partition, and the partitions bound how many instances of one consumer group share the
# reading. Seven days, as long as the outboxes keep published events: a database restored from a
# backup of the last week can be caught up from the topic.
topic chat.conversation.v1 6 "cleanup.policy=delete,retention.ms=$SEVEN_DAYS"
topic chat.message.v1 6 "cleanup.policy=delete,retention.ms=$SEVEN_DAYS"
topic chat.attachment.v1 6 "cleanup.policy=delete,retention.ms=$SEVEN_DAYS"

# The user directory, keyed by user id: the latest record per user is the whole directory, so it
# is compacted, never expired. Three partitions, as the services declare it themselves.
topic chat.user.v1 3 "cleanup.policy=compact"

# Typing indicators are worthless after seconds: one minute, as realtime-service declares it, and
# hourly segments so that the minute is actually enforced (only closed segments are deleted).
topic chat.typing.v1 3 "cleanup.policy=delete,retention.ms=$ONE_MINUTE,segment.ms=$ONE_HOUR"

# Dead letters: a record a consumer failed on three times. Only the topics that chat services
# consume have them. Kept a month for someone to look at and replay; one partition is plenty.
for consumed in chat.conversation.v1 chat.message.v1 chat.attachment.v1 chat.user.v1 chat.typing.v1; do
  topic "$consumed.dlt" 1 "cleanup.policy=delete,retention.ms=$THIRTY_DAYS"
done

echo "topics ready"
