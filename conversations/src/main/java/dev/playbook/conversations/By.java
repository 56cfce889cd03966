package dev.playbook.conversations;

/** Who must say a tracker's phrase for it to count. */
public enum By {
  REP,
  BUYER,
  ANYONE;

  boolean admits(Side side) {
    return this == ANYONE || (this == REP ? side == Side.REP : side == Side.BUYER);
  }
}
