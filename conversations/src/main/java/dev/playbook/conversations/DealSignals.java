package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

import dev.playbook.Documents;
import dev.playbook.doc.Node;
import dev.playbook.model.Activity;
import dev.playbook.model.ActivityType;
import dev.playbook.model.Deal;
import dev.playbook.model.Evidence;
import dev.playbook.model.EvidenceStatus;
import dev.playbook.model.NextStep;
import dev.playbook.model.NextStepStatus;
import dev.playbook.model.Quote;
import dev.playbook.model.Signals;
import dev.playbook.problem.Problem;
import dev.playbook.problem.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the conversations of a deal's activities into facts before the deal is evaluated: each
 * analysed activity gets its {@link Signals} (metrics and tracker hits with their quotes), the tags
 * and counts its trackers name, the deal gets suggested evidence for the methodology elements its
 * trackers name, and the next steps detected in the conversations. Thread-safe; compile once, use
 * for many deals.
 *
 * <pre>{@code
 * DealSignals signals = DealSignals.of(PlaybookTrackers.builtin());
 * DealSignals.Enriched e = signals.enrich(deal, Path.of("transcripts"), ReadLimits.DEFAULT);
 * Evaluation result = playbook.evaluate(e.deal(), asOf);
 * }</pre>
 *
 * <p>What a person wrote wins: a count the activity already has is kept, and evidence that is
 * {@code partial} or {@code confirmed} is never replaced by a suggestion.
 */
public final class DealSignals {

  /** The file extensions {@link #readFolder} looks for, in this order. */
  static final List<String> EXTENSIONS = List.of(".vtt", ".srt", ".json", ".txt", ".eml");

  /** The name of the speaker-mapping file beside a deal's conversations. */
  public static final String SPEAKERS_FILE = "speakers.yaml";

  /** The largest speaker-mapping file read, in bytes. */
  public static final int MAX_SPEAKERS_BYTES = 256 << 10;

  /** The most speakers one mapping file names. */
  public static final int MAX_SPEAKERS = 1_000;

  /** The types of activity whose body {@link #enrichBodies} reads. */
  public static final Set<ActivityType> BODY_TYPES =
      java.util.Collections.unmodifiableSet(
          java.util.EnumSet.of(ActivityType.EMAIL, ActivityType.NOTE, ActivityType.CALL));

  private final PlaybookTrackers trackers;
  private final ConversationAnalyzer analyzer;

  private DealSignals(PlaybookTrackers trackers) {
    this.trackers = trackers;
    this.analyzer = ConversationAnalyzer.of(trackers.set());
  }

  /** An enricher matching {@code trackers}. */
  public static DealSignals of(PlaybookTrackers trackers) {
    return new DealSignals(requireNonNull(trackers, "trackers"));
  }

  /** The trackers it matches. */
  public PlaybookTrackers trackers() {
    return trackers;
  }

  /**
   * The result of enriching one deal.
   *
   * @param deal the deal with the facts found in its conversations
   * @param analyses each analysed activity's analysis, by activity id, in activity order
   * @param warnings what the analyses could not do (such as unattributed speakers), sorted
   */
  public record Enriched(
      Deal deal, Map<String, ConversationAnalysis> analyses, List<Problem> warnings) {
    public Enriched {
      requireNonNull(deal, "deal");
      analyses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(analyses));
      warnings = warnings.stream().sorted().toList();
    }
  }

  /**
   * Analyses the conversation of each activity named in {@code conversations} (by activity id) and
   * returns the deal with what was found. A conversation without a date of its own takes place at
   * its activity's {@code occurred_at} (UTC).
   *
   * @param mapping speaker labels to {@code rep}, {@code buyer} or a contact id, for the speakers
   *     the deal's owner and contacts do not name
   * @throws IllegalArgumentException if a conversation names an activity the deal does not have
   */
  public Enriched enrich(
      Deal deal, Map<String, Conversation> conversations, Map<String, String> mapping) {
    return enrich(deal, conversations, mapping, true);
  }

  /**
   * As {@link #enrich(Deal, Map, Map)}; when {@code dateFromActivity} is false, a conversation
   * without a date of its own stays undated (its next steps have no day, its quotes no date).
   */
  public Enriched enrich(
      Deal deal,
      Map<String, Conversation> conversations,
      Map<String, String> mapping,
      boolean dateFromActivity) {
    requireNonNull(deal, "deal");
    requireNonNull(mapping, "mapping");
    return enrich(deal, conversations, id -> mapping, dateFromActivity);
  }

  /**
   * Analyses the text the CRM keeps on the deal's e-mails, notes and calls ({@link
   * Activity#body()}) and returns the deal with what was found, as {@link #enrich(Deal, Map, Map)}
   * does for conversation files; activities that were analysed already (that have {@link
   * Activity#signals()}) are left as they are. Who speaks: an inbound e-mail is the buying side
   * (the activity's first contact, when it names one), an outbound e-mail and a note the deal's
   * owner; in a call's body, a line {@code Name: text} starts a turn of that speaker (attributed by
   * the deal's owner and contacts) and the text before the first such line is the owner's summary.
   * An e-mail's quoted replies, signature and sign-off are left out.
   */
  public Enriched enrichBodies(Deal deal) {
    requireNonNull(deal, "deal");
    Map<String, Conversation> conversations = new LinkedHashMap<>();
    Map<String, Map<String, String>> mappings = new LinkedHashMap<>();
    for (Activity a : deal.activities()) {
      if (a.signals() != null || a.body() == null || !BODY_TYPES.contains(a.type())) {
        continue;
      }
      Map<String, String> mapping = new LinkedHashMap<>();
      Conversation c = bodyConversation(deal, a, mapping);
      if (c != null) {
        conversations.put(a.id(), c);
        mappings.put(a.id(), mapping);
      }
    }
    return enrich(deal, conversations, mappings::get, true);
  }

  /** The speaker label of the rep side in a body without speakers: the owner as written. */
  private static String repLabel(Deal deal) {
    return deal.owner() == null || deal.owner().isBlank() ? "Rep" : deal.owner().strip();
  }

  /**
   * The body of {@code a} as a conversation, with the mapping entries that attribute its own
   * speaker labels put into {@code mapping}; null when the body holds no text.
   */
  static Conversation bodyConversation(Deal deal, Activity a, Map<String, String> mapping) {
    String rep = repLabel(deal);
    List<Segment> segments = new ArrayList<>();
    String source = "activity " + a.id() + " body";
    if (a.type() == ActivityType.EMAIL) {
      String text = EmailText.strip(a.body());
      if (text.isBlank()) {
        return null;
      }
      String speaker = rep;
      mapping.put(rep, Attribution.REP);
      if (a.direction() == dev.playbook.model.Direction.INBOUND) {
        String contact = a.contactIds().isEmpty() ? null : a.contactIds().get(0);
        speaker = "Buyer";
        for (dev.playbook.model.Contact c : deal.contacts()) {
          if (c.id().equals(contact) && c.name() != null && !c.name().isBlank()) {
            speaker = c.name().strip();
          }
        }
        mapping.remove(rep);
        mapping.put(speaker, contact == null ? Attribution.BUYER : contact);
      }
      segments.add(new Segment(0, speaker, null, null, text, 1, 1));
      return new Conversation(source, Channel.EMAIL, null, segments);
    }
    String[] lines = a.body().split("\r\n|\r|\n", -1);
    StringBuilder text = null;
    String speaker = null;
    int line = 0;
    for (int n = 0; n < lines.length; n++) {
      String l = lines[n].strip();
      if (l.isEmpty()) {
        continue;
      }
      SpeakerPrefix prefix = a.type() == ActivityType.CALL ? SpeakerPrefix.of(l) : null;
      if (prefix == null && text != null) {
        text.append(' ').append(l);
        continue;
      }
      if (text != null && !text.toString().isBlank()) {
        segments.add(new Segment(segments.size(), speaker, null, null, text.toString(), line, 1));
      }
      speaker = prefix == null ? rep : prefix.speaker();
      text = new StringBuilder(prefix == null ? l : prefix.text());
      line = n + 1;
      if (prefix == null) {
        mapping.put(rep, Attribution.REP);
      }
    }
    if (text != null && !text.toString().isBlank()) {
      segments.add(new Segment(segments.size(), speaker, null, null, text.toString(), line, 1));
    }
    if (segments.isEmpty()) {
      return null;
    }
    return new Conversation(source, Channel.CALL, null, segments);
  }

  private Enriched enrich(
      Deal deal,
      Map<String, Conversation> conversations,
      java.util.function.Function<String, Map<String, String>> mappings,
      boolean dateFromActivity) {
    Map<String, Activity> byId = new LinkedHashMap<>();
    deal.activities().forEach(a -> byId.put(a.id(), a));
    for (String id : conversations.keySet()) {
      if (!byId.containsKey(id)) {
        throw new IllegalArgumentException(
            "deal " + deal.id() + " has no activity '" + id + "' for its conversation");
      }
    }
    Map<String, ConversationAnalysis> analyses = new LinkedHashMap<>();
    List<Problem> warnings = new ArrayList<>();
    List<Activity> activities = new ArrayList<>();
    Map<String, Evidence> evidence = new LinkedHashMap<>(deal.evidence());
    List<NextStep> nextSteps = new ArrayList<>(deal.nextSteps());
    for (Activity a : deal.activities()) {
      Conversation c = conversations.get(a.id());
      if (c == null) {
        activities.add(a);
        continue;
      }
      c = placed(c, a, dateFromActivity);
      ConversationAnalysis analysis =
          analyzer.analyze(c, Attribution.of(c, deal, mappings.apply(a.id())));
      analyses.put(a.id(), analysis);
      warnings.addAll(analysis.warnings());
      activities.add(enriched(a, c, analysis, evidence));
      for (ProposedNextStep p : analysis.nextSteps()) {
        NextStep step =
            new NextStep(
                p.quote(), p.due(), p.party().name(), NextStepStatus.OPEN, p.buyerCommitment());
        if (nextSteps.stream().noneMatch(n -> n.title().equals(step.title()))) {
          nextSteps.add(step);
        }
      }
    }
    Deal out =
        deal.toBuilder().activities(activities).evidence(evidence).nextSteps(nextSteps).build();
    return new Enriched(out, analyses, warnings);
  }

  /**
   * Reads the conversations of {@code deal} in {@code folder} ({@link #readFolder}) and the speaker
   * mapping beside them ({@link #readSpeakers}), and enriches the deal with them.
   *
   * @throws ProblemException listing every problem of every file, located
   */
  public Enriched enrich(Deal deal, Path folder, ReadLimits limits) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Conversation> conversations = Map.of();
    Map<String, String> speakers = Map.of();
    try {
      conversations = readFolder(folder, deal, limits);
    } catch (ProblemException e) {
      problems.addAll(e.problems());
    }
    try {
      speakers = readSpeakers(folder, deal);
    } catch (ProblemException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return enrich(deal, conversations, speakers);
  }

  /**
   * The speaker mapping of {@code deal}: the file {@value #SPEAKERS_FILE} in {@code folder/<deal
   * id>/} or, if there is no such folder, in {@code folder} itself; empty when there is none. The
   * file names who the speakers are that neither the deal's owner nor its contacts name:
   *
   * <pre>{@code
   * speakers:
   *   Host: rep               # the rep side
   *   Caller 2: buyer         # the buying side, no contact named
   *   周经理: c3               # one of the deal's contacts, by id
   * }</pre>
   *
   * @throws ProblemException listing every problem of the file, located
   */
  public static Map<String, String> readSpeakers(Path folder, Deal deal) {
    Path dir = folder.resolve(deal.id());
    if (!Files.isDirectory(dir)) {
      dir = folder;
    }
    Path file = dir.resolve(SPEAKERS_FILE);
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    return speakers(file.toString(), Documents.readFile(file, MAX_SPEAKERS_BYTES), deal);
  }

  /**
   * The speaker mapping in {@code text}, checked against {@code deal}; {@code fileName} names the
   * file in problems.
   *
   * @throws ProblemException listing every problem, located
   */
  public static Map<String, String> speakers(String fileName, String text, Deal deal) {
    List<Problem> problems = new ArrayList<>();
    Node root = Documents.readYaml(fileName, text);
    Map<String, String> out = new LinkedHashMap<>();
    if (!(root instanceof Node.MapNode m) || !(m.get("speakers") instanceof Node.MapNode list)) {
      PlaybookTrackers.problem(
          problems,
          "missing-field",
          root,
          "a speaker mapping is a mapping with a 'speakers' mapping of speaker to rep, buyer or a"
              + " contact id");
      throw new ProblemException(problems);
    }
    for (Node.Entry e : m.entries().values()) {
      if (!e.key().equals("speakers")) {
        PlaybookTrackers.problem(
            problems,
            "unknown-field",
            e.keyPos(),
            "'" + e.key() + "' is not a field of a speaker mapping; it holds only 'speakers'");
      }
    }
    Set<String> contacts = new LinkedHashSet<>();
    deal.contacts().forEach(c -> contacts.add(c.id()));
    for (Node.Entry e : list.entries().values()) {
      if (out.size() == MAX_SPEAKERS) {
        PlaybookTrackers.problem(
            problems,
            "too-large",
            e.keyPos(),
            "a speaker mapping names at most " + MAX_SPEAKERS + " speakers");
        break;
      }
      if (e.key().isBlank() || e.key().length() > ReadLimits.DEFAULT.maxSpeakerChars()) {
        PlaybookTrackers.problem(
            problems,
            "invalid-value",
            e.keyPos(),
            "a speaker is a name of 1 to " + ReadLimits.DEFAULT.maxSpeakerChars() + " characters");
        continue;
      }
      if (!(e.value() instanceof Node.Scalar v) || v.kind() == Node.Scalar.Kind.NULL) {
        PlaybookTrackers.problem(
            problems,
            "wrong-type",
            e.value(),
            "speaker '"
                + e.key()
                + "' maps to rep, buyer or a contact id, not "
                + e.value().describe());
        continue;
      }
      String value = v.text().strip();
      if (!value.equalsIgnoreCase(Attribution.REP)
          && !value.equalsIgnoreCase(Attribution.BUYER)
          && !contacts.contains(value)) {
        PlaybookTrackers.problem(
            problems,
            "unknown-contact",
            v,
            "speaker '"
                + e.key()
                + "' maps to '"
                + value
                + "', which is neither rep, buyer nor a contact of deal "
                + deal.id()
                + Documents.didYouMean(value, contacts));
        continue;
      }
      out.put(e.key(), value);
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return out;
  }

  /**
   * The conversations of {@code deal} in {@code folder}: each file named by an activity's id and a
   * transcript extension ({@code a3.vtt}, {@code a4.eml}), in {@code folder/<deal id>/} or, if
   * there is no such folder, in {@code folder} itself. Files named for no activity of the deal are
   * left alone; a file that cannot be read is a problem.
   *
   * @throws ProblemException listing every problem of every file, located
   */
  public static Map<String, Conversation> readFolder(Path folder, Deal deal, ReadLimits limits) {
    Path dir = folder.resolve(deal.id());
    if (!Files.isDirectory(dir)) {
      dir = folder;
    }
    Map<String, Conversation> out = new TreeMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Activity a : deal.activities()) {
      {
        for (String ext : EXTENSIONS) {
          Path file = dir.resolve(a.id() + ext);
          if (Files.isRegularFile(file)) {
            if (out.containsKey(a.id())) {
              problems.add(
                  new Problem(
                      "duplicate-id",
                      file.toString(),
                      0,
                      0,
                      "activity " + a.id() + " has more than one transcript file"));
              continue;
            }
            try {
              out.put(a.id(), Transcripts.read(file, limits));
            } catch (ProblemException e) {
              problems.addAll(e.problems());
            }
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemException(problems);
    }
    return out;
  }

  private static Conversation placed(Conversation c, Activity a, boolean dateFromActivity) {
    Conversation out = c;
    if (out.startedAt() == null && dateFromActivity) {
      out = out.withStartedAt(OffsetDateTime.ofInstant(a.occurredAt(), ZoneOffset.UTC));
    }
    if (out.channel() == Channel.CALL
        && (a.type() == ActivityType.MEETING || a.type() == ActivityType.DEMO)) {
      out = out.withChannel(Channel.MEETING);
    }
    return out;
  }

  private Activity enriched(
      Activity a, Conversation c, ConversationAnalysis analysis, Map<String, Evidence> evidence) {
    List<Signals.Hit> hits = new ArrayList<>();
    Map<String, Integer> perTracker = new LinkedHashMap<>();
    for (TrackerHit h : analysis.hits()) {
      Quote q =
          new Quote(
              a.id(),
              a.type(),
              c.startedAt(),
              h.offset(),
              h.party().name(),
              h.party().side() == Side.REP ? "rep" : "buyer",
              h.quote());
      TrackerSpec spec = trackers.spec(h.concept());
      hits.add(new Signals.Hit(h.concept(), spec == null ? null : spec.tag(), q));
      perTracker.merge(h.concept(), 1, Integer::sum);
    }
    Set<String> tags = new LinkedHashSet<>(a.tags());
    Map<String, BigDecimal> counts = new LinkedHashMap<>(a.counts());
    for (TrackerSpec s : trackers.specs()) {
      int n = perTracker.getOrDefault(s.concept(), 0);
      if (s.tag() != null && n > 0) {
        tags.add(s.tag());
      }
      if (s.count() != null && !a.counts().containsKey(s.count())) {
        counts.merge(s.count(), BigDecimal.valueOf(n), BigDecimal::add);
      }
      if (s.evidence() != null && n > 0) {
        Evidence e = evidence.get(s.evidence());
        if (e == null || e.status() == EvidenceStatus.UNKNOWN) {
          Signals.Hit first =
              hits.stream().filter(h -> h.tracker().equals(s.concept())).findFirst().orElseThrow();
          evidence.put(s.evidence(), Evidence.suggested(first.quote()));
        }
      }
    }
    return a.toBuilder()
        .tags(tags)
        .counts(counts)
        .signals(new Signals(metrics(analysis.metrics()), hits))
        .build();
  }

  /** The metrics as the fact model names them: durations in seconds, rounded to milliseconds. */
  static Map<String, BigDecimal> metrics(Metrics m) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    put(out, "talk_ratio", m.talkRatio());
    put(out, "longest_monologue", m.longestRepMonologue());
    put(out, "longest_story", m.longestBuyerStory());
    put(out, "interactivity", m.interactivity());
    put(out, "patience", m.patience());
    out.put("rep_questions", BigDecimal.valueOf(m.repQuestions()));
    out.put("buyer_questions", BigDecimal.valueOf(m.buyerQuestions()));
    out.put("rep_words", BigDecimal.valueOf(m.repWords()));
    out.put("buyer_words", BigDecimal.valueOf(m.buyerWords()));
    put(out, "filler_rate", m.fillerRate());
    return out;
  }

  private static void put(Map<String, BigDecimal> out, String name, Double v) {
    if (v != null && Double.isFinite(v)) {
      out.put(name, BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros());
    }
  }

  private static void put(Map<String, BigDecimal> out, String name, Duration d) {
    if (d != null) {
      out.put(name, BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros());
    }
  }
}
