#!/usr/bin/env bash
# Replays a deal file (by default examples/deals/pipeline.json) as change events on the input
# topics of the streaming application: each deal without its lists to deal-upserts, then every
# contact to deal-contacts, activity to deal-activities and next step to deal-next-steps, all
# keyed by deal id.
#
#   KAFKA_HOME=~/kafka_2.13-4.1.1 examples/streaming/replay.sh [DEALS.json]
#
# Environment: KAFKA_HOME (the Kafka folder, required), BOOTSTRAP (default localhost:9092),
# TOPIC_PREFIX (default none), SUFFIX (appended to every deal id, to replay the same deals as new ones).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
deals=${1:-$here/../deals/pipeline.json}
: "${KAFKA_HOME:?set KAFKA_HOME to the folder of the Kafka distribution}"
bootstrap=${BOOTSTRAP:-localhost:9092}
prefix=${TOPIC_PREFIX:-}
suffix=${SUFFIX:-}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One file per topic, one "key|json" line per event, in the order of the deal file.
python3 - "$deals" "$work" "$suffix" <<'PY'
import json, sys
deals_file, out, suffix = sys.argv[1], sys.argv[2], sys.argv[3]
with open(deals_file, encoding="utf-8") as f:
    deals = json.load(f)
if isinstance(deals, dict):
    deals = [deals]
files = {name: open(f"{out}/{name}", "w", encoding="utf-8")
         for name in ("deal-upserts", "deal-contacts", "deal-activities", "deal-next-steps")}
def emit(topic, key, value):
    files[topic].write(key + "|" + json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")
count = 0
for deal in deals:
    deal = dict(deal)
    key = str(deal["id"]) + suffix
    deal["id"] = key
    parts = {"deal-contacts": deal.pop("contacts", None) or [],
             "deal-activities": deal.pop("activities", None) or [],
             "deal-next-steps": deal.pop("next_steps", None) or []}
    emit("deal-upserts", key, deal)
    count += 1
    for topic, items in parts.items():
        for item in items:
            emit(topic, key, item)
            count += 1
for f in files.values():
    f.close()
print(f"{count} events from {len(deals)} deals", file=sys.stderr)
PY

# Deals first, then contacts, then the activities and next steps that refer to them.
for topic in deal-upserts deal-contacts deal-activities deal-next-steps; do
  lines=$(wc -l < "$work/$topic")
  echo "$prefix$topic: $lines events" >&2
  "$KAFKA_HOME/bin/kafka-console-producer.sh" --bootstrap-server "$bootstrap" --topic "$prefix$topic" \
    --property parse.key=true --property 'key.separator=|' < "$work/$topic"
done
