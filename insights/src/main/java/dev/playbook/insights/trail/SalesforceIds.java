package dev.playbook.insights.trail;

/**
 * Salesforce record ids: a three-character key prefix for the object ({@code 006} Opportunity), a
 * pod and reserved character, a nine-character base-62 number, and the three-character suffix that
 * makes the 15-character id case-insensitive (18 characters in all), computed as Salesforce does:
 * one character per five, with a bit set for each upper-case letter.
 */
final class SalesforceIds {

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private SalesforceIds() {}

  /** The 18-character id of record {@code number} (1 or more) of the object with {@code prefix}. */
  static String id(String prefix, long number) {
    char[] digits = new char[9];
    long n = number;
    for (int i = 8; i >= 0; i--) {
      digits[i] = BASE62.charAt((int) (n % 62));
      n /= 62;
    }
    if (n != 0) {
      throw new IllegalArgumentException("record number " + number + " does not fit in an id");
    }
    return to18(prefix + "8d0" + new String(digits));
  }

  /** The 18-character form of a 15-character id. */
  static String to18(String id15) {
    StringBuilder out = new StringBuilder(id15);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      out.append(SUFFIX.charAt(bits));
    }
    return out.toString();
  }
}
