package dev.invitegate.runtime.settings;

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
            Map.of(
                "N",
                "many",
                "R",
                "70000",
                "B",
                "yes",
                CosmosSettings.ENDPOINT,
                "https://localhost:8081/",
                CosmosSettings.CONNECTION_MODE,
                "fast",
                SettingsReader.LOG_HASH_KEY,
                "short"));
    assertThat(reader.required("MISSING")).isNull();
    assertThat(reader.integer("N", 7, 1, 10)).isEqualTo(7);
    assertThat(reader.port("R", 8080)).isEqualTo(8080);
    assertThat(reader.bool("B", true)).isTrue();
    assertThat(CosmosSettings.read(reader).gateway()).isFalse();
    assertThat(reader.logHashKey()).contains("short");
    assertThatThrownBy(reader::failIfProblems)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid configuration: MISSING: required but not set;"
                + " N: must be a whole number, was 'many';"
                + " R: must be between 0 and 65535, was 70000;"
                + " B: must be true or false, was 'yes';"
                + " INVITEGATE_COSMOS_CONNECTION_MODE: must be direct or gateway, was 'fast';"
                + " INVITEGATE_LOG_HASH_KEY: must have at least 16 characters");
  }

  @Test
  void readsValidValues() {
    SettingsReader reader =
        new SettingsReader(
            Map.of(
                "N",
                "3",
                "B",
                "FALSE",
                CosmosSettings.ENDPOINT,
                "https://localhost:8081/",
                CosmosSettings.CONNECTION_MODE,
                "Direct",
                SettingsReader.LOG_HASH_KEY,
                "0123456789abcdef"));
    assertThat(reader.integer("N", 7, 1, 10)).isEqualTo(3);
    assertThat(reader.bool("B", true)).isFalse();
    assertThat(CosmosSettings.read(reader).gateway()).isFalse();
    assertThat(reader.logHashKey()).contains("0123456789abcdef");
    reader.failIfProblems();
  }

  @Test
  void connectionModeDefaultsToGatewayOnThisMachineOnly() {
    assertThat(gatewayFor("https://localhost:8081/")).isTrue();
    assertThat(gatewayFor("https://127.0.0.1:8081/")).isTrue();
    assertThat(gatewayFor("https://[::1]:8081/")).isTrue();
    assertThat(gatewayFor("https://account.documents.azure.com:443/")).isFalse();
    assertThat(gatewayFor("https:/no-host")).isFalse();
  }

  private static boolean gatewayFor(String endpoint) {
    return CosmosSettings.read(new SettingsReader(Map.of(CosmosSettings.ENDPOINT, endpoint)))
        .gateway();
  }

  @Test
  void remembersEveryVariableItWasAskedFor() {
    SettingsReader reader = new SettingsReader(Map.of("A", "1"));
    reader.optional("A");
    reader.integer("B", 1, 0, 2);
    CosmosSettings.read(reader);
    assertThat(reader.variablesRead())
        .containsExactly(
            "A",
            "B",
            CosmosSettings.ENDPOINT,
            CosmosSettings.KEY,
            CosmosSettings.DATABASE,
            CosmosSettings.CONTAINER,
            CosmosSettings.CONNECTION_MODE);
  }

  @Test
  void readsGuidsInAnyCase_asLowerCase() {
    SettingsReader reader =
        new SettingsReader(
            Map.of("T", "4F1C2A9E-7B3D-4E8A-9C61-2D5B7E0F3A18", "U", "not-a-guid", "V", "{x}"));
    assertThat(reader.guid("T")).isEqualTo("4f1c2a9e-7b3d-4e8a-9c61-2d5b7e0f3a18");
    assertThat(reader.guid("U")).isNull();
    assertThat(reader.guid("V")).isNull();
    assertThatThrownBy(reader::failIfProblems)
        .hasMessage("Invalid configuration: U: must be a GUID; V: must be a GUID");
  }
}
