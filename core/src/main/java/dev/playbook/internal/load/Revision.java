package dev.playbook.internal.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content hash of a playbook's files: SHA-256, in lowercase hex, over every file in the order
 * of its name (sorted by UTF-16 code units, as {@link String#compareTo} sorts), each contributing
 * its name in UTF-8, a zero byte, its length in bytes as 8 bytes big-endian, and its bytes. A
 * built-in file is named by its resource name after {@code classpath:} ({@code
 * classpath:playbooks/meddic/playbook.yaml}), a file on disk by its path relative to the loaded
 * playbook's folder with {@code /} between names, a playbook given as text by its file name. So the
 * revision depends on names and bytes only: not on modification times, the order files were listed
 * in, or where the folder lies.
 */
final class Revision {

  private Revision() {}

  static String of(Map<String, String> contentByName) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    for (Map.Entry<String, String> e : new TreeMap<>(contentByName).entrySet()) {
      byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
      sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
      sha.update(bytes);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
