package dev.invitegate.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponderSettingsTest {

  private static final String TENANT = "4f1c2a9e-7b3d-4e8a-9c61-2d5b7e0f3a18";

  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("INVITEGATE_COSMOS_ENDPOINT", "https://account.documents.azure.com:443/");
    env.put("INVITEGATE_ENTRA_TENANT_ID", TENANT.toUpperCase(java.util.Locale.ROOT));
    env.put("INVITEGATE_ENTRA_CLIENT_ID", "6b0f2e4d-8c1a-4e3b-9d75-0a2c4e6f8b13");
    return env;
  }

  @Test
  void derivesEverythingElse_fromTheTenant() {
    ResponderSettings settings = ResponderSettings.from(minimal());
    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.admin().port()).isEqualTo(9090);
    assertThat(settings.tenantId()).isEqualTo(TENANT);
    assertThat(settings.deadline()).isEqualTo(Duration.ofMillis(800));
    assertThat(settings.jwksUris())
        .containsExactly(
            URI.create("https://" + TENANT + ".ciamlogin.com/" + TENANT + "/discovery/v2.0/keys"),
            URI.create("https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys"));
    assertThat(settings.issuers())
        .containsExactly(
            "https://" + TENANT + ".ciamlogin.com/" + TENANT + "/v2.0",
            "https://login.microsoftonline.com/" + TENANT + "/v2.0");
    assertThat(settings.cosmos().key()).isEmpty();
    assertThat(settings.cosmos().gateway()).isFalse();
    assertThat(settings.cosmos().database()).isEqualTo("invitegate");
    assertThat(settings.cosmos().container()).isEqualTo("invitations");
    assertThat(settings.inviteCodeAttribute()).isEqualTo("InviteCode");
    assertThat(settings.logHashKey()).isEmpty();
  }

  @Test
  void bindsTheAdminPortToAllInterfaces_unlessToldWhere() {
    assertThat(ResponderSettings.from(minimal()).admin().host()).isEqualTo("0.0.0.0");
    for (String host : List.of("127.0.0.1", "::1", "admin.internal")) {
      Map<String, String> env = minimal();
      env.put("INVITEGATE_ADMIN_HOST", host);
      assertThat(ResponderSettings.from(env).admin().host()).isEqualTo(host);
    }
    Map<String, String> env = minimal();
    env.put("INVITEGATE_ADMIN_HOST", "http://x/");
    assertThatThrownBy(() -> ResponderSettings.from(env))
        .hasMessageContaining("INVITEGATE_ADMIN_HOST: must be an IP address or a host name");
  }

  @Test
  void failsStartUp_namingEveryMissingVariable() {
    assertThatThrownBy(() -> ResponderSettings.from(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INVITEGATE_COSMOS_ENDPOINT: required")
        .hasMessageContaining("INVITEGATE_ENTRA_TENANT_ID: required")
        .hasMessageContaining("INVITEGATE_ENTRA_CLIENT_ID: required");
  }

  @Test
  void failsStartUp_namingEachMalformedVariable() {
    Map<String, String> env = minimal();
    env.put("INVITEGATE_HTTP_PORT", "eighty");
    env.put("INVITEGATE_DEADLINE_MS", "5000");
    env.put("INVITEGATE_ENTRA_CLIENT_ID", "not-a-guid");
    env.put("INVITEGATE_ENTRA_JWKS_URIS", "http://keys.example.com/keys");
    env.put("INVITEGATE_COSMOS_CONNECTION_MODE", "carrier-pigeon");
    env.put("INVITEGATE_LOG_HASH_KEY", "too-short");
    assertThatThrownBy(() -> ResponderSettings.from(env))
        .hasMessageContaining("INVITEGATE_HTTP_PORT: must be a whole number")
        .hasMessageContaining("INVITEGATE_DEADLINE_MS: must be between 100 and 2000")
        .hasMessageContaining("INVITEGATE_ENTRA_CLIENT_ID: must be a GUID")
        .hasMessageContaining("INVITEGATE_ENTRA_JWKS_URIS: must be https")
        .hasMessageContaining("INVITEGATE_COSMOS_CONNECTION_MODE: must be direct or gateway")
        .hasMessageContaining("INVITEGATE_LOG_HASH_KEY: must have at least 16 characters");
  }

  @Test
  void usesTheGateway_whenTheCosmosEndpointIsLoopback() {
    for (String endpoint :
        List.of("https://localhost:8081/", "https://127.0.0.1:8081/", "https://[::1]:8081/")) {
      Map<String, String> env = minimal();
      env.put("INVITEGATE_COSMOS_ENDPOINT", endpoint);
      assertThat(ResponderSettings.from(env).cosmos().gateway()).as(endpoint).isTrue();
    }
  }

  @Test
  void usesDirectMode_forALoopbackEndpoint_whenTold() {
    Map<String, String> env = minimal();
    env.put("INVITEGATE_COSMOS_ENDPOINT", "https://localhost:8081/");
    env.put("INVITEGATE_COSMOS_CONNECTION_MODE", "direct");
    assertThat(ResponderSettings.from(env).cosmos().gateway()).isFalse();
  }

  @Test
  void takesOverrides() {
    Map<String, String> env = minimal();
    env.put("INVITEGATE_HTTP_PORT", "0");
    env.put("INVITEGATE_ADMIN_PORT", "0");
    env.put("INVITEGATE_COSMOS_KEY", "secret");
    env.put("INVITEGATE_COSMOS_CONNECTION_MODE", "Gateway");
    env.put("INVITEGATE_ENTRA_JWKS_URIS", "http://localhost:1234/keys, https://keys.example.com/k");
    env.put("INVITEGATE_ENTRA_ISSUERS", "https://a.example/v2.0,https://b.example/v2.0");
    env.put("INVITEGATE_DEADLINE_MS", "500");
    env.put("INVITEGATE_BLOCK_MESSAGE", "Members only.");
    env.put("INVITEGATE_INVITE_CODE_ATTRIBUTE", "");
    env.put("INVITEGATE_LOG_HASH_KEY", "a shared log hash secret");
    ResponderSettings settings = ResponderSettings.from(env);
    assertThat(settings.httpPort()).isZero();
    assertThat(settings.cosmos().key()).contains("secret");
    assertThat(settings.cosmos().gateway()).isTrue();
    assertThat(settings.jwksUris())
        .containsExactly(
            URI.create("http://localhost:1234/keys"), URI.create("https://keys.example.com/k"));
    assertThat(settings.issuers())
        .isEqualTo(List.of("https://a.example/v2.0", "https://b.example/v2.0"));
    assertThat(settings.deadline()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.blockMessage()).isEqualTo("Members only.");
    assertThat(settings.inviteCodeAttribute()).isEmpty();
    assertThat(settings.logHashKey()).contains("a shared log hash secret");
    assertThat(settings.toString()).doesNotContain("secret");
  }
}
