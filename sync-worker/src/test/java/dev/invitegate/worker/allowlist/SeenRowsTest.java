package dev.invitegate.worker.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenRowsTest {

  @Test
  void remembersTheFirstLineOfEachKey_acrossGrowth() {
    SeenRows seen = new SeenRows();
    for (int i = 0; i < 50_000; i++) {
      assertThat(seen.firstSeen(SeenRows.fingerprint("u" + i, "*"), i + 2)).isZero();
    }
    for (int i = 0; i < 50_000; i += 997) {
      assertThat(seen.firstSeen(SeenRows.fingerprint("u" + i, "*"), 1_000_000)).isEqualTo(i + 2);
    }
  }

  @Test
  void partsAreKeptApart_inTheFingerprint() {
    assertThat(SeenRows.fingerprint("ab", "c")).isNotEqualTo(SeenRows.fingerprint("a", "bc"));
  }
}
