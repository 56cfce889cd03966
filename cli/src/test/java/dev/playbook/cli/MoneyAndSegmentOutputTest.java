package dev.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} shows the segment the rules saw, derived ones included, converts amounts through
 * the playbook's currency table, and reports a deal whose currency has no rate as an error.
 */
class MoneyAndSegmentOutputTest {

  static final String PLAYBOOK =
      """
      playbook: acme
      stages: [discovery, proposal, won, lost]
      segments: [smb, enterprise]
      currency: { base: EUR, rates: { USD: 0.92 } }
      derive_segment:
        enterprise: amount >= 250000
      rules:
        - id: acme.large
          when: segment == enterprise
          gap: { severity: medium, message: "{deal.name} is worth {amount}" }
      """;

  static final String DEALS =
      """
      [
        {"id": "D-1", "name": "Globex", "stage": "proposal", "amount": 300000, "currency": "USD"},
        {"id": "D-2", "name": "Initech", "stage": "proposal", "amount": 260000, "currency": "USD"},
        {"id": "D-3", "name": "Umbrella", "stage": "proposal", "amount": 900000, "currency": "GBP"}
      ]
      """;

  @TempDir Path dir;

  CliRunner.Run evaluate(String... more) throws IOException {
    Files.createDirectories(dir.resolve("acme"));
    Files.writeString(dir.resolve("acme/playbook.yaml"), PLAYBOOK);
    Files.writeString(dir.resolve("deals.json"), DEALS);
    String[] args = new String[6 + more.length];
    System.arraycopy(
        new String[] {
          "evaluate",
          dir.resolve("deals.json").toString(),
          "--playbook",
          dir.resolve("acme").toString(),
          "--as-of",
          "2026-11-20"
        },
        0,
        args,
        0,
        6);
    System.arraycopy(more, 0, args, 6, more.length);
    return new CliRunner(dir).run(args);
  }

  @Test
  void evaluate_text_showsTheDerivedSegment_theConvertedAmount_andTheDealWithoutARate()
      throws IOException {
    CliRunner.Run run = evaluate();

    // 300,000 USD is 276,000 EUR: enterprise; 260,000 USD is 239,200 EUR: no segment
    assertThat(run.out())
        .contains(
            "D-1  Globex — proposal · enterprise · 300,000 USD\n"
                + "  Gaps (1)\n"
                + "    MEDIUM   Globex is worth 276,000 EUR  [acme.large]\n",
            "D-2  Initech — proposal · 260,000 USD\n");
    assertThat(run.out() + run.err())
        .contains(
            "deal 'D-3' has its amount in GBP, which the playbook's currency table has no rate"
                + " for; it converts USD to EUR: add GBP under currency.rates");
  }

  @Test
  void evaluate_json_writesTheDerivedSegment() throws IOException {
    CliRunner.Run run = evaluate("--format", "json");

    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("evaluations").get(0).get("deal").get("segment").asText())
        .isEqualTo("enterprise");
    assertThat(root.get("evaluations").get(1).get("deal").get("segment").isNull()).isTrue();
    assertThat(root.get("errors").get(0).get("deal").asText()).isEqualTo("D-3");
  }
}
