package dev.playbook.conversations;

/** Which side of a deal a speaker is on. */
public enum Side {
  /** The deal's owner and the colleagues mapped to them. */
  REP,
  /** The deal's contacts and anyone else mapped to the buying side. */
  BUYER
}
