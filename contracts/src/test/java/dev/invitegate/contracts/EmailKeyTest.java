package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailKeyTest {

  @Test
  void trimsAndLowerCases() {
    assertThat(EmailKey.of("  Alice@Example.COM \t\n").value()).isEqualTo("alice@example.com");
  }

  @Test
  void composesDecomposedCharacters_soBothSpellingsMeetOnOneKey() {
    String decomposed = "rene\u0301@example.com";
    String composed = "ren\u00e9@example.com";

    assertThat(EmailKey.of(decomposed)).isEqualTo(EmailKey.of(composed));
    assertThat(EmailKey.of(decomposed).value()).isEqualTo(composed);
  }

  @Test
  void lowerCasesIndependentlyOfTheDefaultLocale() {
    Locale original = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));

      assertThat(EmailKey.of("IVAN@EXAMPLE.COM").value()).isEqualTo("ivan@example.com");
    } finally {
      Locale.setDefault(original);
    }
  }

  @Test
  void keepsDotsAndPlusTags_becauseTheirMeaningIsProviderSpecific() {
    assertThat(EmailKey.of("First.Last+Beta@Gmail.com").value())
        .isEqualTo("first.last+beta@gmail.com");
  }

  @Test
  void parsingAKeyGivesTheSameKey() {
    EmailKey key = EmailKey.of(" Ren\u00c9@Example.com ");

    assertThat(EmailKey.parse(key.value())).isEqualTo(new EmailKey.Result.Valid(key));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                 | empty",
        "'   '              | empty",
        "alice.example.com  | missing '@'",
        "alice@@example.com | more than one '@'",
        "a@b@example.com    | more than one '@'",
        "@example.com       | empty local part",
        "alice@             | empty domain",
        "'alice smith@example.com' | contains whitespace",
      })
  void rejectsImplausibleAddresses_withAReason(String raw, String reason) {
    assertThat(EmailKey.parse(raw)).isEqualTo(new EmailKey.Result.Invalid(reason));
  }

  @Test
  void rejectsControlAndInvisibleCharacters() {
    assertThat(EmailKey.parse("alice\u0000@example.com"))
        .isEqualTo(new EmailKey.Result.Invalid("contains a control or invisible character"));
    assertThat(EmailKey.parse("alice\u200b@example.com"))
        .isEqualTo(new EmailKey.Result.Invalid("contains a control or invisible character"));
    assertThat(EmailKey.parse("alice\u00a0x@example.com"))
        .isEqualTo(new EmailKey.Result.Invalid("contains whitespace"));
  }

  @Test
  void rejectsNull() {
    assertThat(EmailKey.parse(null)).isEqualTo(new EmailKey.Result.Invalid("missing"));
  }

  @Test
  void acceptsExactly254Characters() {
    String local = "a".repeat(64);
    String domain = "b".repeat(254 - 65 - 4) + ".com";
    String address = local + "@" + domain;

    assertThat(address).hasSize(254);
    assertThat(EmailKey.parse(address)).isInstanceOf(EmailKey.Result.Valid.class);
    assertThat(EmailKey.parse("x" + address))
        .isEqualTo(new EmailKey.Result.Invalid("longer than 254 characters"));
  }

  @Test
  void reasonsNeverRepeatTheAddress() {
    var result = EmailKey.parse("secret.person@@example.com");

    assertThat(result)
        .isInstanceOfSatisfying(
            EmailKey.Result.Invalid.class,
            invalid ->
                assertThat(invalid.reason()).doesNotContain("secret").doesNotContain("example"));
  }

  @Test
  void ofThrowsTheReason_forUntrustedLookingInput() {
    assertThatThrownBy(() -> EmailKey.of("nobody"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing '@'");
  }

  @Test
  void constructorRejectsValuesThatAreNotNormalised() {
    assertThatThrownBy(() -> new EmailKey("Alice@example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EmailKey(" alice@example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EmailKey("alice")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringHidesTheAddress() {
    EmailKey key = EmailKey.of("alice@example.com");

    assertThat(key.toString()).isEqualTo("EmailKey[***]").doesNotContain("alice");
    assertThat(new EmailKey.Result.Valid(key).toString()).doesNotContain("alice");
  }
}
