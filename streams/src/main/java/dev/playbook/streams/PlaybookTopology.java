package dev.playbook.streams;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.playbook.Playbook;
import dev.playbook.insights.loop.LoopPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology that keeps every deal's facts from CRM change events and re-evaluates
 * the deal on each change and on a wall-clock schedule, writing what changed in its actions and
 * gaps.
 *
 * <pre>{@code
 * try (ReloadingPlaybook playbooks = ReloadingPlaybook.watch(Path.of("playbooks/acme"), Duration.ofSeconds(2), p -> {})) {
 *   Topology topology = PlaybookTopology.builder(playbooks::current).interval(Duration.ofMinutes(5)).build();
 *   new KafkaStreams(topology, properties).start();
 * }
 * }</pre>
 *
 * <p>The playbook comes from a supplier, asked once per event and once per scheduled run, so a
 * playbook swapped behind it (a {@link dev.playbook.ReloadingPlaybook}) is used from the next event
 * on without a restart; the next scheduled run then re-evaluates every deal with it. Topics,
 * schemas and operations are described in {@code docs/streaming.md}.
 */
public final class PlaybookTopology {

  /** The state store of deal facts: deal id to the deal as JSON. */
  public static final String DEALS_STORE = "deals";

  /** The state store of the last findings sent per deal: deal id to a compact fingerprint. */
  public static final String FINDINGS_STORE = "findings";

  /**
   * The state store of each deal's last applied upsert time: deal id to the record timestamp, in
   * epoch milliseconds, as decimal text. An older upsert is dead-lettered ({@code stale-event}).
   */
  public static final String UPSERT_TIMES_STORE = "upsert-times";

  /**
   * The default of {@link Builder#maxDealBytes} and {@link Builder#maxRecordBytes}: 1,000,000
   * bytes, below the 1 MiB (1,048,576 bytes) default {@code max.request.size} of Kafka's producer,
   * with room for the record's own overhead.
   */
  public static final int DEFAULT_MAX_BYTES = 1_000_000;

  /** The least {@link Builder#maxDealBytes} and {@link Builder#maxRecordBytes} accept: 4 KiB. */
  public static final int MIN_MAX_BYTES = 4_096;

  static final String PROCESSOR = "fold-and-evaluate";
  static final String FINDINGS_SINK = "findings-sink";
  static final String DEAD_LETTER_SINK = "dead-letter-sink";
  static final String DECISIONS_SINK = "decisions-sink";

  private PlaybookTopology() {}

  /** The settings of one topology; build with {@link PlaybookTopology#builder}. */
  record Settings(
      Supplier<Playbook> playbook,
      Topics topics,
      Duration interval,
      Locale locale,
      int maxDealBytes,
      int maxRecordBytes,
      LoopPolicy loopPolicy) {}

  /** A builder for a topology evaluating with the playbook {@code playbook} supplies. */
  public static Builder builder(Supplier<Playbook> playbook) {
    return new Builder(playbook);
  }

  /** A builder for a topology evaluating with one fixed playbook. */
  public static Builder builder(Playbook playbook) {
    requireNonNull(playbook, "playbook");
    return new Builder(() -> playbook);
  }

  /**
   * Optional settings: topic names, schedule interval (5 minutes), locale of texts (English), the
   * size limits of stored deals and output records (1,000,000 bytes each), and the loop policy
   * (none: any dismissal reason, no re-offer limits).
   */
  public static final class Builder {
    private final Supplier<Playbook> playbook;
    private Topics topics = Topics.defaults();
    private Duration interval = Duration.ofMinutes(5);
    private Locale locale = Locale.ENGLISH;
    private int maxDealBytes = DEFAULT_MAX_BYTES;
    private int maxRecordBytes = DEFAULT_MAX_BYTES;
    private LoopPolicy loopPolicy = LoopPolicy.none();

    private Builder(Supplier<Playbook> playbook) {
      this.playbook = requireNonNull(playbook, "playbook");
    }

    public Builder topics(Topics topics) {
      this.topics = requireNonNull(topics, "topics");
      return this;
    }

    /**
     * How often every deal is re-evaluated by wall-clock time, for rules that turn true with time.
     */
    public Builder interval(Duration interval) {
      requireNonNull(interval, "interval");
      checkArgument(interval.toMillis() >= 1, "interval %s must be at least 1 ms", interval);
      this.interval = interval;
      return this;
    }

    /** The language of messages, titles and talk tracks in the findings. */
    public Builder locale(Locale locale) {
      this.locale = requireNonNull(locale, "locale");
      return this;
    }

    /**
     * The most bytes a deal may take in the {@code deals} store: its id plus its facts as UTF-8
     * JSON. An event that would make the stored deal larger is dead-lettered ({@code
     * deal-too-large}) and the stored deal stays as it was. Keep it below the {@code
     * max.request.size} of the producer that writes the store's changelog.
     */
    public Builder maxDealBytes(int maxDealBytes) {
      checkArgument(
          maxDealBytes >= MIN_MAX_BYTES,
          "maxDealBytes %s must be at least %s",
          maxDealBytes,
          MIN_MAX_BYTES);
      this.maxDealBytes = maxDealBytes;
      return this;
    }

    /**
     * The most bytes of a findings or dead-letter record: its key plus its UTF-8 JSON value. A
     * record that would be larger has its longest texts cut, each ending in a marker such as {@code
     * …[29988 more characters]}. Keep it below the producer's {@code max.request.size}.
     */
    public Builder maxRecordBytes(int maxRecordBytes) {
      checkArgument(
          maxRecordBytes >= MIN_MAX_BYTES,
          "maxRecordBytes %s must be at least %s",
          maxRecordBytes,
          MIN_MAX_BYTES);
      this.maxRecordBytes = maxRecordBytes;
      return this;
    }

    /**
     * The policy that feedback is checked and honoured with: the dismissal reasons a feedback
     * record may give and the rules' re-offer limits ({@code docs/feedback-and-coaching.md}).
     */
    public Builder loopPolicy(LoopPolicy loopPolicy) {
      this.loopPolicy = requireNonNull(loopPolicy, "loopPolicy");
      return this;
    }

    public Topology build() {
      Settings settings =
          new Settings(
              playbook, topics, interval, locale, maxDealBytes, maxRecordBytes, loopPolicy);
      Topology t = new Topology();
      String[] sources = new String[topics.inputs().size()];
      for (int i = 0; i < sources.length; i++) {
        String topic = topics.inputs().get(i);
        sources[i] = "source-" + topic;
        t.addSource(sources[i], new StringDeserializer(), new ByteArrayDeserializer(), topic);
      }
      t.addProcessor(PROCESSOR, () -> new DealProcessor(settings), sources);
      t.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(DEALS_STORE), Serdes.String(), Serdes.String()),
          PROCESSOR);
      t.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(FINDINGS_STORE), Serdes.String(), Serdes.String()),
          PROCESSOR);
      t.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(UPSERT_TIMES_STORE), Serdes.String(), Serdes.String()),
          PROCESSOR);
      t.addSink(
          FINDINGS_SINK,
          topics.findings(),
          new StringSerializer(),
          new StringSerializer(),
          PROCESSOR);
      t.addSink(
          DECISIONS_SINK,
          topics.decisions(),
          new StringSerializer(),
          new StringSerializer(),
          PROCESSOR);
      t.addSink(
          DEAD_LETTER_SINK,
          topics.deadLetters(),
          new StringSerializer(),
          new StringSerializer(),
          PROCESSOR);
      return t;
    }
  }
}
