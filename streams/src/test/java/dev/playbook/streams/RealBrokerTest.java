package dev.playbook.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real single-node Kafka broker (KRaft, on 127.0.0.1, free ports, logs in a
 * temporary folder), under exactly-once: the application is stopped mid-stream and a new instance
 * with an empty state folder takes over, restoring the stores from their changelogs. Every deal
 * must get each of its findings exactly once. Skipped, with the reason, if the broker cannot start.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RealBrokerTest {

  static final int DEALS = 40;
  static final Topics TOPICS = Topics.defaults();
  static final Duration WAIT = Duration.ofSeconds(45);

  @TempDir Path temp;

  KafkaRaftServer broker;
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    if (broker != null) {
      broker.shutdown();
      broker.awaitShutdown();
    }
  }

  @Test
  void restartMidStream_onARealBroker_losesAndRepeatsNoFindings() throws Exception {
    long started = System.nanoTime();
    String bootstrap = startBroker();
    createTopics(bootstrap);
    KafkaProducer<String, String> producer = producer(bootstrap);

    // Given a first instance folding deals and their champions
    KafkaStreams first = app(bootstrap, temp.resolve("state-1"));
    for (int i = 0; i < DEALS; i++) {
      producer.send(
          new ProducerRecord<>(
              TOPICS.dealUpserts(), id(i), PlaybookTopologyTest.DEAL.replace("D-1", id(i))));
    }
    for (int i = 0; i < DEALS; i++) {
      producer.send(new ProducerRecord<>(TOPICS.contacts(), id(i), PlaybookTopologyTest.CHAMPION));
    }
    producer.flush();
    KafkaConsumer<String, String> findings = consumer(bootstrap);
    Map<String, List<String>> seen = new LinkedHashMap<>();

    // When it stops mid-stream, with part of its findings out, and a new instance, with no local
    // state, takes over and gets the deals' meetings
    readUntil(findings, seen, DEALS / 2);
    first.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(20)));
    open.remove(first);
    KafkaStreams second = app(bootstrap, temp.resolve("state-2"));
    for (int i = 0; i < DEALS; i++) {
      producer.send(new ProducerRecord<>(TOPICS.activities(), id(i), PlaybookTopologyTest.MEETING));
    }
    producer.flush();
    readUntil(findings, seen, 3 * DEALS);
    readFor(findings, seen, Duration.ofSeconds(3)); // anything sent twice would arrive by now

    // Then every deal has had each change exactly once, in order
    for (int i = 0; i < DEALS; i++) {
      assertThat(seen.get(id(i)))
          .as(id(i))
          .containsExactly(
              "[new gap t.champion, new gap t.meeting]",
              "[resolved gap t.champion]",
              "[resolved gap t.meeting]");
    }
    assertThat(seen).hasSize(DEALS);
    assertThat(second.state()).isEqualTo(KafkaStreams.State.RUNNING);
    System.out.printf(
        "RealBrokerTest: %d findings records, %.1f s%n",
        3 * DEALS, (System.nanoTime() - started) / 1e9);
  }

  static String id(int i) {
    return String.format("D-%03d", i);
  }

  String startBroker() throws Exception {
    int brokerPort = freePort();
    int controllerPort = freePort();
    Path logs = Files.createDirectories(temp.resolve("kafka-logs"));
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logs.toString());
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    Path config = temp.resolve("server.properties");
    try (Writer w = Files.newBufferedWriter(config)) {
      p.store(w, null);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      int rc =
          StorageTool.execute(
              new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
              new PrintStream(out, true, StandardCharsets.UTF_8));
      if (rc != 0) {
        abort(
            "the Kafka broker could not format its log folder: "
                + out.toString(StandardCharsets.UTF_8));
      }
      broker = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
      broker.startup();
    } catch (Exception | LinkageError e) {
      abort("the Kafka broker could not start on 127.0.0.1: " + e);
    }
    return "127.0.0.1:" + brokerPort;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  void createTopics(String bootstrap) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      List<NewTopic> topics = new ArrayList<>();
      for (String t :
          List.of(
              TOPICS.dealUpserts(),
              TOPICS.contacts(),
              TOPICS.activities(),
              TOPICS.nextSteps(),
              TOPICS.feedback(),
              TOPICS.findings(),
              TOPICS.decisions(),
              TOPICS.deadLetters())) {
        topics.add(new NewTopic(t, 1, (short) 1));
      }
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }
  }

  KafkaProducer<String, String> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    open.add(producer);
    return producer;
  }

  KafkaConsumer<String, String> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "findings-reader");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(TOPICS.findings()));
    open.add(consumer);
    return consumer;
  }

  KafkaStreams app(String bootstrap, Path stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "playbook-real-broker");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
    Topology topology =
        PlaybookTopology.builder(TestPlaybooks.standard()).interval(Duration.ofHours(1)).build();
    KafkaStreams streams = new KafkaStreams(topology, p);
    streams.setUncaughtExceptionHandler(StreamsApp.replaceThread(System.err));
    open.add(streams);
    streams.start();
    return streams;
  }

  /**
   * Reads findings until {@code total} records have been read in all, or fails after {@link #WAIT}.
   */
  static void readUntil(
      KafkaConsumer<String, String> consumer, Map<String, List<String>> seen, int total)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (count(seen) < total) {
      assertThat(System.nanoTime())
          .as("%s of %s findings records within %s: %s", count(seen), total, WAIT, seen)
          .isLessThan(deadline);
      poll(consumer, seen);
    }
  }

  static void readFor(
      KafkaConsumer<String, String> consumer, Map<String, List<String>> seen, Duration time)
      throws Exception {
    long deadline = System.nanoTime() + time.toNanos();
    while (System.nanoTime() < deadline) {
      poll(consumer, seen);
    }
  }

  static void poll(KafkaConsumer<String, String> consumer, Map<String, List<String>> seen)
      throws Exception {
    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
      seen.computeIfAbsent(r.key(), k -> new ArrayList<>())
          .add(PlaybookTopologyTest.changes(r.value()).toString());
    }
  }

  static int count(Map<String, List<String>> seen) {
    return seen.values().stream().mapToInt(List::size).sum();
  }
}
