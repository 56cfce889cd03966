package dev.playbook.internal.lang;

import dev.playbook.internal.lang.Lexer.Token;

/**
 * The stage roles a condition can test: {@code stage is open}, {@code stage is won}, {@code stage
 * is lost}. The parser turns each into a call of an internal function whose name no author can
 * write (it holds a space), so the rest of the tree needs no new node.
 */
final class StageRoles {

  static final String OPEN = "is open";
  static final String WON = "is won";
  static final String LOST = "is lost";

  private StageRoles() {}

  /** The internal function for the word after {@code is}, or null if it names no role. */
  static String function(Token word) {
    if (word.kind() != Lexer.Kind.IDENT) {
      return null;
    }
    return switch (word.text()) {
      case "open" -> OPEN;
      case "won" -> WON;
      case "lost" -> LOST;
      default -> null;
    };
  }

  /** The role an internal function tests ({@code open}, {@code won}, {@code lost}), or null. */
  static String role(String function) {
    return switch (function) {
      case OPEN -> "open";
      case WON -> "won";
      case LOST -> "lost";
      default -> null;
    };
  }
}
