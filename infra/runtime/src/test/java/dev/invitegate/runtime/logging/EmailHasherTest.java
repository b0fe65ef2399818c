package dev.invitegate.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitegate.contracts.EmailKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmailHasherTest {

  private final EmailHasher hasher =
      new EmailHasher("a-key-of-sixteen-bytes".getBytes(StandardCharsets.UTF_8));

  @Test
  void givesSameShortTokenForSameAddress_withoutRevealingIt() {
    String hash = hasher.hash(EmailKey.of("alice@example.com"));

    assertThat(hash).hasSize(12).matches("[0-9a-f]+").doesNotContain("alice");
    assertThat(hasher.hash(EmailKey.of(" Alice@Example.COM"))).isEqualTo(hash);
  }

  @Test
  void givesDifferentTokens_forDifferentKeys() {
    EmailHasher other = new EmailHasher("another-key-of-16-bytes".getBytes(StandardCharsets.UTF_8));

    assertThat(other.hash(EmailKey.of("alice@example.com")))
        .isNotEqualTo(hasher.hash(EmailKey.of("alice@example.com")));
  }

  @Test
  void refusesShortKeys() {
    assertThatThrownBy(() -> new EmailHasher(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysWithTheSameSecret_giveTheSameToken_acrossProcesses() {
    assertThat(
            EmailHasher.withSecret("a-key-of-sixteen-bytes").hash(EmailKey.of("bob@example.com")))
        .isEqualTo(hasher.hash(EmailKey.of("bob@example.com")));
    assertThat(EmailHasher.withRandomKey().hash(EmailKey.of("bob@example.com")))
        .isNotEqualTo(hasher.hash(EmailKey.of("bob@example.com")));
  }
}
