package dev.playbook.conversations;

import static java.util.Objects.requireNonNull;

/**
 * A tracker as a playbook writes it: the detector, and what a hit of it does to the deal's facts.
 *
 * @param tracker the detector
 * @param tag a tag the analysed activity gets when the tracker hits it, such as {@code pricing};
 *     null for none
 * @param count a count of the activity ({@code counts.<name>}) set to the number of hits, such as
 *     {@code situation_questions}; null for none
 * @param evidence a methodology element, such as {@code meddic.metrics}, whose evidence becomes
 *     {@code suggested} with the first hit's quote when the deal has none or {@code unknown}; null
 *     for none
 */
public record TrackerSpec(Tracker tracker, String tag, String count, String evidence) {

  public TrackerSpec {
    requireNonNull(tracker, "tracker");
  }

  /** A tracker that only reports its hits. */
  public static TrackerSpec of(Tracker tracker) {
    return new TrackerSpec(tracker, null, null, null);
  }

  /** The tracker's concept. */
  public String concept() {
    return tracker.concept();
  }
}
