package dev.invitegate.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitegate.runtime.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

  private static final String CONNECTION_STRING =
      "Endpoint=sb://localhost:5672;SharedAccessKeyName=k;SharedAccessKey=v;"
          + "UseDevelopmentEmulator=true";

  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("INVITEGATE_SERVICEBUS_CONNECTION_STRING", CONNECTION_STRING);
    env.put("INVITEGATE_COSMOS_ENDPOINT", "https://localhost:8081/");
    return env;
  }

  @Test
  void appliesDefaults_whenOnlyRequiredVariablesAreSet() {
    WorkerSettings settings = WorkerSettings.from(minimal());

    assertThat(settings.serviceBus().access())
        .isEqualTo(new ServiceBusSettings.ServiceBusAccess.ConnectionString(CONNECTION_STRING));
    assertThat(settings.serviceBus().queue()).isEqualTo("invitation-events");
    assertThat(settings.cosmos().endpoint()).isEqualTo(URI.create("https://localhost:8081/"));
    assertThat(settings.cosmos().key()).isEmpty();
    assertThat(settings.cosmos().database()).isEqualTo("invitegate");
    assertThat(settings.cosmos().container()).isEqualTo("invitations");
    assertThat(settings.createIfMissing()).isFalse();
    assertThat(settings.cosmos().gateway()).isTrue();
    assertThat(settings.concurrency()).isEqualTo(16);
    assertThat(settings.admin().port()).isEqualTo(8081);
    assertThat(settings.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.logHashKey()).isEmpty();
  }

  @Test
  void readsEveryVariable_whenAllAreSet() {
    Map<String, String> env = new HashMap<>();
    env.put("INVITEGATE_SERVICEBUS_NAMESPACE", "contoso.servicebus.windows.net");
    env.put("INVITEGATE_SERVICEBUS_QUEUE", "events-2");
    env.put("INVITEGATE_COSMOS_ENDPOINT", "https://contoso.documents.azure.com:443/");
    env.put("INVITEGATE_COSMOS_KEY", "c2VjcmV0");
    env.put("INVITEGATE_COSMOS_DATABASE", "db");
    env.put("INVITEGATE_COSMOS_CONTAINER", "docs");
    env.put("INVITEGATE_COSMOS_CREATE_IF_MISSING", "TRUE");
    env.put("INVITEGATE_COSMOS_CONNECTION_MODE", "gateway");
    env.put("INVITEGATE_WORKER_CONCURRENCY", "4");
    env.put("INVITEGATE_ADMIN_PORT", "0");
    env.put("INVITEGATE_WORKER_RETRY_BACKOFF_MS", "250");
    env.put("INVITEGATE_WORKER_SHUTDOWN_TIMEOUT_SECONDS", "5");
    env.put("INVITEGATE_LOG_HASH_KEY", "a-long-enough-secret");

    WorkerSettings settings = WorkerSettings.from(env);

    assertThat(settings.serviceBus().access())
        .isEqualTo(
            new ServiceBusSettings.ServiceBusAccess.Namespace("contoso.servicebus.windows.net"));
    assertThat(settings.serviceBus().queue()).isEqualTo("events-2");
    assertThat(settings.cosmos().key()).contains("c2VjcmV0");
    assertThat(settings.cosmos().database()).isEqualTo("db");
    assertThat(settings.cosmos().container()).isEqualTo("docs");
    assertThat(settings.createIfMissing()).isTrue();
    assertThat(settings.cosmos().gateway()).isTrue();
    assertThat(settings.concurrency()).isEqualTo(4);
    assertThat(settings.admin().port()).isZero();
    assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.logHashKey()).isEqualTo(Optional.of("a-long-enough-secret"));
  }

  @Test
  void usesDirectMode_whenEndpointIsInAzure() {
    Map<String, String> env = minimal();
    env.put("INVITEGATE_COSMOS_ENDPOINT", "https://contoso.documents.azure.com:443/");

    assertThat(WorkerSettings.from(env).cosmos().gateway()).isFalse();
  }

  @Test
  void namesEveryMissingVariable_whenEnvironmentIsEmpty() {
    assertThatThrownBy(() -> WorkerSettings.from(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INVITEGATE_SERVICEBUS_CONNECTION_STRING: required")
        .hasMessageContaining("INVITEGATE_SERVICEBUS_NAMESPACE")
        .hasMessageContaining("INVITEGATE_COSMOS_ENDPOINT: required");
  }

  @Test
  void namesMalformedVariables_whenValuesAreWrong() {
    Map<String, String> env = minimal();
    env.put("INVITEGATE_WORKER_CONCURRENCY", "many");
    env.put("INVITEGATE_ADMIN_PORT", "70000");
    env.put("INVITEGATE_COSMOS_CREATE_IF_MISSING", "yes");
    env.put("INVITEGATE_COSMOS_ENDPOINT", "http://localhost:8081/");

    assertThatThrownBy(() -> WorkerSettings.from(env))
        .hasMessageContaining("INVITEGATE_WORKER_CONCURRENCY: must be a whole number, was 'many'")
        .hasMessageContaining("INVITEGATE_ADMIN_PORT: must be between 0 and 65535, was 70000")
        .hasMessageContaining("INVITEGATE_COSMOS_CREATE_IF_MISSING: must be true or false")
        .hasMessageContaining("INVITEGATE_COSMOS_ENDPOINT: must be an https:// URL");
  }

  @Test
  void rejectsConnectionString_whenItIsNotAServiceBusOne() {
    Map<String, String> env = minimal();
    env.put("INVITEGATE_SERVICEBUS_CONNECTION_STRING", "AccountEndpoint=https://x/;AccountKey=y");

    assertThatThrownBy(() -> WorkerSettings.from(env))
        .hasMessageContaining("INVITEGATE_SERVICEBUS_CONNECTION_STRING: must be a Service Bus");
  }

  @Test
  void rejectsBothServiceBusVariables_whenBothAreSet() {
    Map<String, String> env = minimal();
    env.put("INVITEGATE_SERVICEBUS_NAMESPACE", "contoso.servicebus.windows.net");

    assertThatThrownBy(() -> WorkerSettings.from(env)).hasMessageContaining("not both");
  }

  @Test
  void bindsTheAdminPortWhereTold_allInterfacesByDefault() {
    assertThat(WorkerSettings.from(minimal()).admin().host()).isEqualTo("0.0.0.0");
    Map<String, String> env = new HashMap<>(minimal());
    env.put("INVITEGATE_ADMIN_HOST", "127.0.0.1");
    assertThat(WorkerSettings.from(env).admin().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void rejectsZeroConcurrency() {
    Map<String, String> env = minimal();
    env.put("INVITEGATE_WORKER_CONCURRENCY", "0");

    assertThatThrownBy(() -> WorkerSettings.from(env))
        .hasMessageContaining("INVITEGATE_WORKER_CONCURRENCY: must be between 1 and 1000");
  }

  @Test
  void rejectsShortLogHashKey() {
    Map<String, String> env = minimal();
    env.put("INVITEGATE_LOG_HASH_KEY", "short");

    assertThatThrownBy(() -> WorkerSettings.from(env))
        .hasMessageContaining("INVITEGATE_LOG_HASH_KEY: must have at least 16 characters");
  }

  @Test
  void neverPrintsSecrets() {
    Map<String, String> env = minimal();
    env.put("INVITEGATE_COSMOS_KEY", "super-secret-key");

    String printed = WorkerSettings.from(env).toString();

    assertThat(printed).doesNotContain("super-secret-key").doesNotContain("SharedAccessKey=v");
  }

  @Test
  void readsTheSharedAndItsOwnVariables_andNoOthers() {
    SettingsReader reader = new SettingsReader(minimal());

    WorkerSettings.read(reader);

    assertThat(reader.variablesRead())
        .containsExactlyInAnyOrder(
            "INVITEGATE_SERVICEBUS_CONNECTION_STRING",
            "INVITEGATE_SERVICEBUS_NAMESPACE",
            "INVITEGATE_SERVICEBUS_QUEUE",
            "INVITEGATE_COSMOS_ENDPOINT",
            "INVITEGATE_COSMOS_KEY",
            "INVITEGATE_COSMOS_DATABASE",
            "INVITEGATE_COSMOS_CONTAINER",
            "INVITEGATE_COSMOS_CONNECTION_MODE",
            "INVITEGATE_COSMOS_CREATE_IF_MISSING",
            "INVITEGATE_WORKER_CONCURRENCY",
            "INVITEGATE_ADMIN_HOST",
            "INVITEGATE_ADMIN_PORT",
            "INVITEGATE_WORKER_RETRY_BACKOFF_MS",
            "INVITEGATE_WORKER_SHUTDOWN_TIMEOUT_SECONDS",
            "INVITEGATE_LOG_HASH_KEY");
  }
}
