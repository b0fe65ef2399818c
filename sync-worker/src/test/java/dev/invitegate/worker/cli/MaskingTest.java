package dev.invitegate.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void keepsTheFirstCharacterAndTheDomain() {
    assertThat(Masking.email("grace@example.org")).isEqualTo("g***@example.org");
    assertThat(Masking.email(" Émile@example.org ")).isEqualTo("É***@example.org");
    assertThat(Masking.email("a@b@example.org")).isEqualTo("a***@example.org");
  }

  @Test
  void showsNothingOfWhatIsNoAddress() {
    assertThat(Masking.email("not-an-address")).isEqualTo("***");
    assertThat(Masking.email("@example.org")).isEqualTo("***");
    assertThat(Masking.email("")).isEmpty();
    assertThat(Masking.email(null)).isEmpty();
  }
}
