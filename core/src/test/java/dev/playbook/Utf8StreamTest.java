package dev.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8StreamTest {

  @Test
  void read_anyText_givesTheBytesOfGetBytes() throws IOException {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      StringBuilder text = new StringBuilder();
      int length = round < 190 ? random.nextInt(300) : 200_000 + random.nextInt(100_000);
      for (int i = 0; i < length; i++) {
        int kind = random.nextInt(6);
        text.append(
            switch (kind) {
              case 0 -> "\n";
              case 1 -> "销售";
              case 2 -> "😀";
              case 3 -> String.valueOf((char) (0xD800 + random.nextInt(0x800))); // lone surrogate
              default -> String.valueOf((char) ('a' + random.nextInt(26)));
            });
      }
      String s = text.toString();

      byte[] read = new Utf8Stream(s).readAllBytes();

      assertThat(read).as("round %s", round).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void read_emptyText_endsAtOnce() throws IOException {
    Utf8Stream in = new Utf8Stream("");

    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.readAllBytes()).isEmpty();
  }
}
