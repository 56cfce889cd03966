package dev.playbook.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.playbook.Playbook;
import dev.playbook.insights.loop.Book;
import dev.playbook.insights.loop.Decision;
import dev.playbook.insights.loop.Decisions;
import dev.playbook.insights.loop.Finding;
import dev.playbook.insights.loop.Loop;
import dev.playbook.model.Deal;
import dev.playbook.model.FeedbackResponse;
import dev.playbook.result.Evaluation;
import dev.playbook.streams.DealEvents.Rejected;
import dev.playbook.streams.Topics.EventKind;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds each event into the deal store, evaluates the deal, and forwards a findings record when its
 * actions or gaps changed; on a wall-clock schedule, re-evaluates every deal of its partition.
 */
final class DealProcessor implements Processor<String, byte[], String, String> {

  private static final Logger LOG = LoggerFactory.getLogger(DealProcessor.class);
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final int BATCH = 100;

  /** Deals kept read in memory, most recently used first; the store stays the source of truth. */
  private static final int CACHED_DEALS = 1_000;

  private final PlaybookTopology.Settings settings;
  private ProcessorContext<String, String> context;
  private KeyValueStore<String, String> deals;
  private KeyValueStore<String, String> findings;
  private KeyValueStore<String, String> upsertTimes;
  private Playbook lastPlaybook;
  private final Map<String, Deal> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deal> eldest) {
          return size() > CACHED_DEALS;
        }
      };

  DealProcessor(PlaybookTopology.Settings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    cache.clear(); // a task that is re-initialised may have restored other contents
    this.deals = context.getStateStore(PlaybookTopology.DEALS_STORE);
    this.findings = context.getStateStore(PlaybookTopology.FINDINGS_STORE);
    this.upsertTimes = context.getStateStore(PlaybookTopology.UPSERT_TIMES_STORE);
    context.schedule(settings.interval(), PunctuationType.WALL_CLOCK_TIME, this::reevaluateAll);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
    EventKind kind = settings.topics().kindOf(topic);
    String key = record.key();
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    String text = null;
    try {
      if (kind == null) {
        throw new Rejected(
            "unknown-topic", "records from topic '" + topic + "' are not events of this topology");
      }
      if (key == null || key.isBlank()) {
        throw new Rejected("missing-key", "the record has no key; key every record by its deal id");
      }
      if (kind == EventKind.DEAL) {
        checkOrder(key, record.timestamp(), record.value() == null);
      }
      if (record.value() == null) {
        if (kind == EventKind.DEAL) {
          delete(key, now, record.timestamp());
          return;
        }
        throw new Rejected(
            "missing-value", "the record has no value; only a deal upsert may be a tombstone");
      }
      text = utf8(record.value());
      Deal stored = stored(key);
      Deal next = DealEvents.apply(kind, topic, key, text, stored);
      if (kind == EventKind.FEEDBACK) {
        checkReason(next.feedback().get(next.feedback().size() - 1), text);
      }
      if (next.equals(stored)) {
        markUpserted(kind, key, record.timestamp());
        return; // a repeated event (a redelivery): same facts, same findings; time is the
        // punctuator's
      }
      String json = DealJson.write(next);
      int size = Bounded.bytes(key) + Bounded.bytes(json);
      if (size > settings.maxDealBytes()) {
        throw new Rejected(
            "deal-too-large",
            "with this event deal '"
                + key
                + "' would take "
                + size
                + " bytes in the store, more than the limit of "
                + settings.maxDealBytes()
                + "; the stored deal is kept as it was");
      }
      Playbook playbook = playbook();
      Evaluation evaluation = evaluate(playbook, next, now);
      deals.put(key, json);
      cache.put(key, next);
      markUpserted(kind, key, record.timestamp());
      Decision decision = decide(playbook, next, evaluation, now);
      emitIfChanged(key, playbook, evaluation, decision, now, kind.id, record.timestamp());
      emitDecision(decision, record.timestamp());
    } catch (Rejected e) {
      deadLetter(record, topic, key, text, e.reason, e.problems);
    } catch (KafkaException e) {
      throw e; // the store or the producer: Kafka Streams' own to handle (a rebalance, a fenced
      // producer)
    } catch (RuntimeException e) {
      LOG.warn("a record of topic {} for deal {} failed: {}", topic, key, e.toString());
      deadLetter(
          record,
          topic,
          key,
          text,
          "processing-failed",
          List.of("the event could not be processed for deal '" + key + "': " + e));
    }
  }

  /**
   * Refuses a deal upsert or tombstone older, by record timestamp, than the deal's last applied
   * upsert. A record without a timestamp (negative) is applied and leaves the time as it was.
   */
  private void checkOrder(String key, long timestamp, boolean tombstone) throws Rejected {
    if (timestamp < 0) {
      return;
    }
    String last = upsertTimes.get(key);
    if (last != null && Long.parseLong(last) > timestamp) {
      throw new Rejected(
          "stale-event",
          "this "
              + (tombstone ? "tombstone" : "upsert")
              + " of deal '"
              + key
              + "' has timestamp "
              + Instant.ofEpochMilli(timestamp)
              + ", older than the deal's last applied upsert at "
              + Instant.ofEpochMilli(Long.parseLong(last))
              + "; it is not applied");
    }
  }

  private void markUpserted(EventKind kind, String key, long timestamp) {
    if (kind == EventKind.DEAL && timestamp >= 0) {
      upsertTimes.put(key, Long.toString(timestamp));
    }
  }

  /** The stored deal, from memory when it was used recently; null if there is none. */
  private Deal stored(String key) throws Rejected {
    Deal deal = cache.get(key);
    if (deal == null) {
      String json = deals.get(key);
      if (json == null) {
        return null;
      }
      deal = read(key, json);
      cache.put(key, deal);
    }
    return deal;
  }

  /**
   * Reads a stored deal; one that cannot be read (written by an older version, or damaged) is
   * refused.
   */
  private static Deal read(String key, String json) throws Rejected {
    try {
      return DealJson.read("store " + PlaybookTopology.DEALS_STORE, json);
    } catch (RuntimeException e) {
      throw new Rejected(
          "unreadable-deal",
          "the stored deal '"
              + key
              + "' cannot be read ("
              + e.getMessage()
              + "); delete it with a tombstone and send it again");
    }
  }

  @Override
  public void close() {
    cache.clear();
  }

  private Evaluation evaluate(Playbook playbook, Deal deal, Instant now) throws Rejected {
    try {
      return playbook.evaluate(deal, now, settings.locale());
    } catch (RuntimeException e) {
      throw new Rejected(
          "evaluation-failed",
          "playbook "
              + playbook.id()
              + " could not evaluate deal '"
              + deal.id()
              + "': "
              + e.getMessage());
    }
  }

  private void delete(String key, Instant now, long timestamp) {
    String before = findings.get(key);
    deals.delete(key);
    cache.remove(key);
    findings.delete(key);
    upsertTimes.delete(key);
    if (before != null) {
      String out =
          Findings.changes(
              key,
              playbook().id(),
              now,
              "deal_deleted",
              Findings.decode(before),
              null,
              settings.maxRecordBytes());
      if (out != null) {
        context.forward(new Record<>(key, out, timestamp), PlaybookTopology.FINDINGS_SINK);
      }
    }
  }

  private boolean emitIfChanged(
      String key,
      Playbook playbook,
      Evaluation evaluation,
      Decision decision,
      Instant now,
      String trigger,
      long timestamp) {
    Map<String, String> before = Findings.decode(findings.get(key));
    String out =
        Findings.changes(
            key,
            playbook.id(),
            now,
            trigger,
            before,
            evaluation,
            decision.hidden(),
            settings.maxRecordBytes());
    if (out == null) {
      return false;
    }
    findings.put(key, Findings.encode(Findings.fingerprint(evaluation, decision.hidden())));
    context.forward(new Record<>(key, out, timestamp), PlaybookTopology.FINDINGS_SINK);
    return true;
  }

  /**
   * The decision on an evaluation: the deal's feedback applied to its findings. The topology keeps
   * no decision history, so a dismissed or done finding stays hidden until a later response.
   */
  private Decision decide(Playbook playbook, Deal deal, Evaluation evaluation, Instant now) {
    return Loop.of(playbook, settings.loopPolicy(), settings.locale())
        .decide(deal, evaluation, now, List.of(), List.of(), Book.empty(), now);
  }

  /**
   * Writes the decision record, its longest texts (finding texts, notes) cut like those of a
   * findings record when it would be larger than the record limit; one that still does not fit is
   * dead-lettered instead, so that the producer never refuses it.
   */
  private void emitDecision(Decision decision, long timestamp) {
    String key = decision.dealId();
    String json =
        Bounded.fit(key, settings.maxRecordBytes(), cap -> Decisions.toJson(cut(decision, cap)));
    int size = Bounded.bytes(key) + Bounded.bytes(json);
    if (size > settings.maxRecordBytes()) {
      deadLetter(
          new Record<>(key, null, timestamp),
          "",
          key,
          null,
          "decision-too-large",
          List.of(
              "the decision "
                  + decision.id()
                  + " on deal '"
                  + key
                  + "' is "
                  + size
                  + " bytes, more than the record limit of "
                  + settings.maxRecordBytes()
                  + "; it is not written"));
      return;
    }
    context.forward(new Record<>(key, json, timestamp), PlaybookTopology.DECISIONS_SINK);
  }

  /** The decision with every finding text, reason and note cut to {@code cap} characters. */
  private static Decision cut(Decision d, int cap) {
    if (cap == Integer.MAX_VALUE) {
      return d;
    }
    List<Finding> shown = d.findings().stream().map(f -> cut(f, cap)).toList();
    List<Decision.Hidden> hidden =
        d.hidden().stream()
            .map(
                h ->
                    new Decision.Hidden(
                        cut(h.finding(), cap),
                        h.because(),
                        Bounded.cut(h.by(), cap),
                        Bounded.cut(h.reason(), cap),
                        Bounded.cut(h.note(), cap),
                        h.until(),
                        h.untilChanged()))
            .toList();
    return new Decision(
        d.id(),
        d.recordedAt(),
        d.asOf(),
        d.playbook(),
        d.revision(),
        d.dealId(),
        d.dealFingerprint(),
        shown,
        hidden,
        d.indicators(),
        d.escalations(),
        d.fieldFingerprints());
  }

  private static Finding cut(Finding f, int cap) {
    return new Finding(
        f.id(),
        f.kind(),
        f.dealId(),
        f.rule(),
        f.target(),
        f.severity(),
        f.priority(),
        Bounded.cut(f.text(), cap),
        f.due());
  }

  /**
   * Refuses a dismissal whose reason is not one of the loop policy's dismissal reasons (any reason
   * is taken when the policy lists none).
   */
  private void checkReason(dev.playbook.model.Feedback entry, String text) throws Rejected {
    List<String> reasons = settings.loopPolicy().dismissReasons();
    if (entry.response() != FeedbackResponse.DISMISSED
        || reasons.isEmpty()
        || reasons.contains(entry.reason())) {
      return;
    }
    throw new Rejected(
        "invalid-event",
        DealEvents.locate(text, "reason")
            + ": unknown-value: reason '"
            + entry.reason()
            + "' is not one of the playbook's dismissal reasons ("
            + String.join(", ", reasons)
            + ")");
  }

  /**
   * The punctuator: every deal of this partition, evaluated at the wall-clock time {@code at}. A
   * deal that cannot be read or evaluated is dead-lettered and the others are still evaluated; a
   * failure outside any one deal (the playbook supplier) is logged and the run is skipped.
   */
  private void reevaluateAll(long at) {
    Instant now = Instant.ofEpochMilli(at);
    Playbook playbook;
    try {
      playbook = playbook();
    } catch (KafkaException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.error(
          "the scheduled run of task {} at {} was skipped: no playbook: {}",
          context.taskId(),
          now,
          e.toString());
      return;
    }
    boolean reloaded = lastPlaybook != null && playbook != lastPlaybook;
    lastPlaybook = playbook;
    String trigger = reloaded ? "playbook_reloaded" : "schedule";
    List<Deal> batch = new ArrayList<>(BATCH);
    int count = 0;
    try (KeyValueIterator<String, String> it = deals.all()) {
      while (it.hasNext()) {
        KeyValue<String, String> kv = it.next();
        Deal deal = cache.get(kv.key);
        if (deal == null) {
          try {
            deal = read(kv.key, kv.value);
          } catch (Rejected e) {
            LOG.warn("deal {} could not be read for the scheduled run: {}", kv.key, e.reason);
            deadLetter(new Record<>(kv.key, null, at), "", kv.key, null, e.reason, e.problems);
            continue;
          }
        }
        batch.add(deal);
        if (batch.size() == BATCH) {
          count += evaluateBatch(playbook, batch, now, trigger, at);
          batch.clear();
        }
      }
    }
    count += evaluateBatch(playbook, batch, now, trigger, at);
    LOG.debug("re-evaluated the deals of task {} at {}: {} changed", context.taskId(), now, count);
  }

  private int evaluateBatch(
      Playbook playbook, List<Deal> batch, Instant now, String trigger, long at) {
    if (batch.isEmpty()) {
      return 0;
    }
    List<Evaluation> results;
    try {
      results = playbook.evaluateAll(batch, now, settings.locale());
    } catch (RuntimeException e) {
      results = null; // one deal failed: evaluate one by one to tell which
    }
    int changed = 0;
    for (int i = 0; i < batch.size(); i++) {
      Deal deal = batch.get(i);
      try {
        Evaluation evaluation = results != null ? results.get(i) : evaluate(playbook, deal, now);
        Decision decision = decide(playbook, deal, evaluation, now);
        if (emitIfChanged(deal.id(), playbook, evaluation, decision, now, trigger, at)) {
          changed++;
        }
        emitDecision(decision, at);
      } catch (Rejected e) {
        LOG.warn(
            "deal {} could not be re-evaluated with playbook {}: {}",
            deal.id(),
            playbook.id(),
            e.reason);
        deadLetter(new Record<>(deal.id(), null, at), "", deal.id(), null, e.reason, e.problems);
      } catch (KafkaException e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.warn("deal {} failed in the scheduled run: {}", deal.id(), e.toString());
        deadLetter(
            new Record<>(deal.id(), null, at),
            "",
            deal.id(),
            null,
            "processing-failed",
            List.of("deal '" + deal.id() + "' could not be re-evaluated: " + e));
      }
    }
    return changed;
  }

  private Playbook playbook() {
    Playbook p = settings.playbook().get();
    if (p == null) {
      throw new IllegalStateException("the playbook supplier returned null");
    }
    if (lastPlaybook == null) {
      lastPlaybook = p;
    }
    return p;
  }

  private void deadLetter(
      Record<String, byte[]> record,
      String topic,
      String key,
      String text,
      String reason,
      List<String> problems) {
    String value =
        text != null
            ? text
            : record.value() != null ? new String(record.value(), StandardCharsets.UTF_8) : null;
    String out =
        Bounded.fit(
            key,
            settings.maxRecordBytes(),
            cap -> deadLetterJson(record.timestamp(), topic, key, value, reason, problems, cap));
    LOG.debug("dead-lettered a record of topic {} key {}: {}", topic, key, reason);
    context.forward(new Record<>(key, out, record.timestamp()), PlaybookTopology.DEAD_LETTER_SINK);
  }

  /**
   * The dead letter, with every problem, the key field and the value cut to {@code cap} characters.
   */
  private String deadLetterJson(
      long timestamp,
      String topic,
      String key,
      String value,
      String reason,
      List<String> problems,
      int cap) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("reason", reason);
      g.writeArrayFieldStart("problems");
      for (String p : problems) {
        g.writeString(Bounded.cut(p, cap));
      }
      g.writeEndArray();
      if (!topic.isEmpty()) {
        g.writeStringField("topic", topic);
      } else {
        g.writeStringField("source", "schedule");
      }
      var meta = context.recordMetadata();
      if (meta.isPresent() && !topic.isEmpty()) {
        g.writeNumberField("partition", meta.get().partition());
        g.writeNumberField("offset", meta.get().offset());
      }
      g.writeNumberField("timestamp", timestamp);
      if (key != null) {
        g.writeStringField("key", Bounded.cut(key, cap));
      }
      if (value != null) {
        g.writeStringField("value", Bounded.cut(value, cap));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String utf8(byte[] bytes) throws Rejected {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Rejected("invalid-encoding", "the value is not UTF-8 text");
    }
  }
}
