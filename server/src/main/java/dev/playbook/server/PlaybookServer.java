package dev.playbook.server;

import static java.util.Objects.requireNonNull;

import dev.playbook.Playbook;
import dev.playbook.ReloadingPlaybook;
import dev.playbook.metrics.PlaybookMetrics;
import dev.playbook.observe.EvaluationListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playbooks served over HTTP with the JSON API of {@code docs/server.md}: evaluate one deal or a
 * batch, explain, validate a playbook, run its rule tests, list the playbooks, reload one, health,
 * readiness and Prometheus metrics.
 *
 * <pre>{@code
 * try (PlaybookServer server = PlaybookServer.builder()
 *     .playbook(Path.of("examples/playbooks/acme"))   // watched: edits are served once they load
 *     .port(0)                                         // any free port
 *     .start()) {
 *   URI api = server.uri();                            // http://127.0.0.1:<port>/
 * }
 * }</pre>
 *
 * <p>It listens on the loopback interface unless told another host. Request bodies are limited in
 * size, each request in time and each batch in deals; an error is a JSON document, never a stack
 * trace. {@link #close()} stops accepting connections and lets requests in flight finish (up to the
 * builder's stop timeout).
 */
public final class PlaybookServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlaybookServer.class);

  private final Server jetty;
  private final ServerConnector connector;
  private final List<ReloadingPlaybook> watched;
  private final ThreadPoolExecutor work;
  private final DecisionLog log;

  private PlaybookServer(
      Server jetty,
      ServerConnector connector,
      List<ReloadingPlaybook> watched,
      ThreadPoolExecutor work,
      DecisionLog log) {
    this.jetty = jetty;
    this.connector = connector;
    this.watched = watched;
    this.work = work;
    this.log = log;
  }

  /** A builder: at least one playbook, and the optional settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port it listens on (the one chosen, when the builder asked for port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://host:port/}. */
  public URI uri() {
    String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /**
   * Stops accepting connections, lets the requests in flight finish (up to the stop timeout), then
   * stops watching the playbooks. Closing twice does nothing.
   */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("stopping the server: {}", e.toString());
    } finally {
      work.shutdownNow();
      watched.forEach(ReloadingPlaybook::close);
      if (log != null) {
        log.close();
      }
    }
  }

  /** Settings of a {@link PlaybookServer}. */
  public static final class Builder {
    private final Map<String, Object> sources = new LinkedHashMap<>();
    private String host = "127.0.0.1";
    private int port = 8181;
    private long maxBodyBytes = 1024 * 1024;
    private int maxBatchDeals = 1000;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration stopTimeout = Duration.ofSeconds(10);
    private Duration pollInterval = Duration.ofSeconds(1);
    private int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int queueLength = -1;
    private String apiKey;
    private Path decisionLog;

    private Builder() {}

    /**
     * Serves the playbook in {@code folderOrFile}, watched for edits ({@code ReloadingPlaybook}):
     * an edit that loads is served from then on, one that does not keeps the last good version.
     *
     * @throws IllegalArgumentException if a playbook of the same id is already served
     */
    public Builder playbook(Path folderOrFile) {
      requireNonNull(folderOrFile, "folderOrFile");
      sources.put("path:" + folderOrFile, folderOrFile);
      return this;
    }

    /** Serves the built-in playbook {@code name}, such as {@code meddic}. */
    public Builder builtIn(String name) {
      requireNonNull(name, "name");
      sources.put("builtin:" + name, name);
      return this;
    }

    /** The interface to listen on: {@code 127.0.0.1} unless set. */
    public Builder host(String host) {
      this.host = requireNonNull(host, "host");
      return this;
    }

    /** The port: 8181 unless set; 0 for any free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port was set to " + port + ", must be 0 to 65535");
      }
      this.port = port;
      return this;
    }

    /** The largest request body accepted, in bytes: 1 MiB unless set. */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes was set to " + bytes + ", must be >= 1");
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** The most deals one evaluate request may carry: 1000 unless set. */
    public Builder maxBatchDeals(int deals) {
      if (deals < 1) {
        throw new IllegalArgumentException("maxBatchDeals was set to " + deals + ", must be >= 1");
      }
      this.maxBatchDeals = deals;
      return this;
    }

    /** How long one request may compute before it is answered {@code 503 timeout}: 10 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** How long {@link #close()} waits for requests in flight: 10 s unless set. */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = positive(timeout, "stopTimeout");
      return this;
    }

    /** How often watched playbooks are polled for edits: 1 s; {@link Duration#ZERO}: never. */
    public Builder pollInterval(Duration interval) {
      requireNonNull(interval, "pollInterval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("pollInterval was set to " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /** Threads that evaluate: the number of processors (at least 2) unless set. */
    public Builder workers(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("workers was set to " + threads + ", must be >= 1");
      }
      this.workers = threads;
      return this;
    }

    /**
     * How many requests may wait for a worker: 64 per worker unless set. A request that finds the
     * queue full is answered {@code 503 overloaded} at once.
     */
    public Builder queueLength(int requests) {
      if (requests < 1) {
        throw new IllegalArgumentException("queueLength was set to " + requests + ", must be >= 1");
      }
      this.queueLength = requests;
      return this;
    }

    /**
     * The key that requests which change state (reload) must carry as {@code Authorization: Bearer
     * <key>}; without one, such requests are refused.
     */
    public Builder apiKey(String key) {
      requireNonNull(key, "apiKey");
      if (key.length() < 16) {
        throw new IllegalArgumentException(
            "the API key has " + key.length() + " characters, must have at least 16");
      }
      this.apiKey = key;
      return this;
    }

    /**
     * Appends one JSON line per deal evaluated to {@code file}: time, playbook, revision, deal id,
     * {@code as_of}, outcome, fired rules, gaps (rule and severity) and time taken; no other deal
     * contents.
     */
    public Builder decisionLog(Path file) {
      this.decisionLog = requireNonNull(file, "decisionLog");
      return this;
    }

    /**
     * Loads the playbooks and starts listening.
     *
     * @throws dev.playbook.problem.ProblemException if a playbook does not load
     * @throws IllegalArgumentException if no playbook is given, or two have the same id
     * @throws IllegalStateException if the server cannot listen (the port is taken)
     */
    public PlaybookServer start() {
      if (sources.isEmpty()) {
        throw new IllegalArgumentException(
            "no playbook to serve: give a folder or a built-in name");
      }
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      PlaybookMetrics metrics = PlaybookMetrics.of(registry);
      DecisionLog log =
          decisionLog == null ? null : new DecisionLog(decisionLog, Clock.systemUTC());
      List<EvaluationListener> listeners = log == null ? List.of(metrics) : List.of(metrics, log);
      List<ReloadingPlaybook> watched = new ArrayList<>();
      Map<String, Served> served = new LinkedHashMap<>();
      try {
        for (Object source : sources.values()) {
          Served s;
          if (source instanceof Path path) {
            Served.Failures failures = new Served.Failures();
            ReloadingPlaybook reloading =
                ReloadingPlaybook.builder(path)
                    .pollInterval(pollInterval)
                    .onProblems(metrics.reloadFailures(path.toString(), failures))
                    .build();
            watched.add(reloading);
            s = Served.watched(path, reloading, failures, listeners);
            metrics.bindReloads(s.id(), reloading);
          } else {
            s = Served.fixed(Playbook.builtIn((String) source), listeners);
          }
          if (served.putIfAbsent(s.id(), s) != null) {
            throw new IllegalArgumentException("two playbooks have the id " + s.id());
          }
        }
      } catch (RuntimeException e) {
        watched.forEach(ReloadingPlaybook::close);
        if (log != null) {
          log.close();
        }
        throw e;
      }

      ThreadPoolExecutor work =
          new ThreadPoolExecutor(
              workers,
              workers,
              0,
              TimeUnit.MILLISECONDS,
              new ArrayBlockingQueue<>(queueLength > 0 ? queueLength : workers * 64),
              r -> {
                Thread t = new Thread(r, "playbook-evaluate");
                t.setDaemon(true);
                return t;
              });
      QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, workers * 4 + 8));
      threads.setName("playbook-http");
      Server jetty = new Server(threads);
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost(host);
      connector.setPort(port);
      connector.setIdleTimeout(Math.max(30_000, requestTimeout.toMillis() * 2));
      jetty.addConnector(connector);
      Api api =
          new Api(served, registry, work, maxBodyBytes, maxBatchDeals, requestTimeout, apiKey);
      jetty.setHandler(new GracefulHandler(api));
      jetty.setStopTimeout(stopTimeout.toMillis());
      jetty.setStopAtShutdown(false);
      try {
        jetty.start();
      } catch (Exception e) {
        work.shutdownNow();
        watched.forEach(ReloadingPlaybook::close);
        if (log != null) {
          log.close();
        }
        try {
          jetty.stop();
        } catch (Exception ignored) {
          // it did not start
        }
        throw new IllegalStateException(
            "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      PlaybookServer server = new PlaybookServer(jetty, connector, watched, work, log);
      LOG.info("serving {} playbook(s) on {}", served.size(), server.uri());
      return server;
    }

    private static Duration positive(Duration d, String name) {
      requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " was set to " + d + ", must be positive");
      }
      return d;
    }
  }
}
