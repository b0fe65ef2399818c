package dev.invitegate.responder.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationGranted;
import dev.invitegate.responder.signup.Action;
import dev.invitegate.responder.signup.EventKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntraResponsesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final EntraResponses responses = new EntraResponses();

  private static Map<String, Object> invited(List<String> roles) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("inviteStatus", "invited");
    claims.put("inviteGroups", roles);
    return claims;
  }

  private static int claimsBytes(EntraResponses.Rendered rendered) throws Exception {
    JsonNode claims = rendered.body().path("data").path("actions").get(0).path("claims");
    return JSON.writeValueAsBytes(claims).length;
  }

  /** Roles whose claims take exactly {@code bytes} as compact JSON. */
  private static List<String> rolesTaking(int bytes) throws Exception {
    List<String> roles = new ArrayList<>();
    while (JSON.writeValueAsBytes(invited(roles)).length + 4 + 200 <= bytes) {
      roles.add("r".repeat(200));
    }
    int missing = bytes - JSON.writeValueAsBytes(invited(roles)).length;
    roles.add("r".repeat(missing - (roles.isEmpty() ? 2 : 3)));
    assertThat(JSON.writeValueAsBytes(invited(roles)).length).isEqualTo(bytes);
    return roles;
  }

  @Test
  void answersEveryRole_whenTheClaimsTakeExactly3000Bytes() throws Exception {
    List<String> roles = rolesTaking(EntraResponses.MAX_CLAIMS_BYTES);
    EntraResponses.Rendered rendered =
        responses.render(EventKind.TOKEN_ISSUANCE_START, new Action.ProvideClaims(invited(roles)));
    assertThat(rendered.claimValuesOmitted()).isZero();
    assertThat(claimsBytes(rendered)).isEqualTo(EntraResponses.MAX_CLAIMS_BYTES);
  }

  @Test
  void leavesOutTheLastRoles_whenOneByteMoreWouldBeAnswered() throws Exception {
    List<String> roles = rolesTaking(EntraResponses.MAX_CLAIMS_BYTES + 1);
    EntraResponses.Rendered rendered =
        responses.render(EventKind.TOKEN_ISSUANCE_START, new Action.ProvideClaims(invited(roles)));
    assertThat(rendered.claimValuesOmitted()).isEqualTo(1);
    assertThat(claimsBytes(rendered)).isLessThanOrEqualTo(EntraResponses.MAX_CLAIMS_BYTES);
    JsonNode groups =
        rendered.body().path("data").path("actions").get(0).path("claims").path("inviteGroups");
    assertThat(groups.size()).isEqualTo(roles.size() - 1);
    assertThat(groups.get(0).asText()).isEqualTo(roles.getFirst());
  }

  @Test
  void leavesOutRoles_untilAStoredDocumentsHundredLongRolesFit() throws Exception {
    List<String> roles = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      roles.add(i + "é\"\\".repeat(60));
    }
    EntraResponses.Rendered rendered =
        responses.render(EventKind.TOKEN_ISSUANCE_START, new Action.ProvideClaims(invited(roles)));
    assertThat(claimsBytes(rendered)).isLessThanOrEqualTo(EntraResponses.MAX_CLAIMS_BYTES);
    assertThat(rendered.claimValuesOmitted()).isGreaterThan(90);
  }

  @Test
  void fitsEveryGrantTheContractAccepts() throws Exception {
    // The contract's own limit on roles (checked by InvitationGranted) leaves room for the rest.
    List<String> roles = new ArrayList<>();
    while (true) {
      List<String> more = new ArrayList<>(roles);
      more.add("r".repeat(40) + "\"é");
      try {
        grant(more);
      } catch (IllegalArgumentException e) {
        break;
      }
      roles = more;
    }
    assertThat(roles).hasSizeGreaterThan(10);
    EntraResponses.Rendered rendered =
        responses.render(
            EventKind.TOKEN_ISSUANCE_START,
            new Action.ProvideClaims(invited(grant(roles).roles())));
    assertThat(rendered.claimValuesOmitted()).isZero();
  }

  private static InvitationGranted grant(List<String> roles) {
    return new InvitationGranted(
        "e1",
        "/test",
        Instant.parse("2026-01-01T00:00:00Z"),
        EmailKey.of("alice@example.com"),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        List.of(),
        roles);
  }
}
