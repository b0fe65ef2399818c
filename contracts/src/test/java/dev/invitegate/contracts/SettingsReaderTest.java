package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

  @Test
  void blankCountsAsUnset_andValuesAreStripped() {
    SettingsReader reader = new SettingsReader(Map.of("A", "  ", "B", " value "));
    assertThat(reader.optional("A")).isEmpty();
    assertThat(reader.optional("B")).contains("value");
    assertThat(reader.optional("C")).isEmpty();
    reader.failIfProblems();
  }

  @Test
  void namesEveryProblemInOneMessage() {
    SettingsReader reader =
        new SettingsReader(
            Map.of("N", "many", "R", "70000", "B", "yes", "M", "fast", "K", "short"));
    assertThat(reader.required("MISSING")).isNull();
    assertThat(reader.integer("N", 7, 1, 10)).isEqualTo(7);
    assertThat(reader.port("R", 8080)).isEqualTo(8080);
    assertThat(reader.bool("B", true)).isTrue();
    assertThat(reader.cosmosGatewayMode("M", "localhost")).isFalse();
    assertThat(reader.logHashKey("K")).contains("short");
    assertThatThrownBy(reader::failIfProblems)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid configuration: MISSING: required but not set;"
                + " N: must be a whole number, was 'many';"
                + " R: must be between 0 and 65535, was 70000;"
                + " B: must be true or false, was 'yes';"
                + " M: must be direct or gateway, was 'fast';"
                + " K: must have at least 16 characters");
  }

  @Test
  void readsValidValues() {
    SettingsReader reader =
        new SettingsReader(Map.of("N", "3", "B", "FALSE", "M", "Direct", "K", "0123456789abcdef"));
    assertThat(reader.integer("N", 7, 1, 10)).isEqualTo(3);
    assertThat(reader.bool("B", true)).isFalse();
    assertThat(reader.cosmosGatewayMode("M", "localhost")).isFalse();
    assertThat(reader.logHashKey("K")).contains("0123456789abcdef");
    reader.failIfProblems();
  }

  @Test
  void connectionModeDefaultsToGatewayOnThisMachineOnly() {
    SettingsReader reader = new SettingsReader(Map.of());
    assertThat(reader.cosmosGatewayMode("M", "localhost")).isTrue();
    assertThat(reader.cosmosGatewayMode("M", "127.0.0.1")).isTrue();
    assertThat(reader.cosmosGatewayMode("M", "[::1]")).isTrue();
    assertThat(reader.cosmosGatewayMode("M", "account.documents.azure.com")).isFalse();
    assertThat(reader.cosmosGatewayMode("M", null)).isFalse();
  }
}
