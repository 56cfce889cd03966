package dev.playbook.conversations;

import java.util.Locale;

/** Where a conversation took place. */
public enum Channel {
  CALL,
  MEETING,
  EMAIL;

  /** The name used in files, such as {@code call}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
