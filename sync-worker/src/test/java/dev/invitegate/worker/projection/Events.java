package dev.invitegate.worker.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CloudEvents JSON bodies as upstream publishers send them, for tests. */
public final class Events {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  public static byte[] granted(
      String id, String email, Optional<String> applicationId, Instant time) {
    return granted(id, email, applicationId, time, Optional.empty(), Map.of(), List.of());
  }

  public static byte[] granted(
      String id,
      String email,
      Optional<String> applicationId,
      Instant time,
      Optional<Instant> expiresAt,
      Map<String, Object> attributes,
      List<String> roles) {
    ObjectNode event = envelope(id, "dev.invitegate.invitation.granted", time);
    ObjectNode data = event.putObject("data");
    data.put("email", email);
    applicationId.ifPresent(app -> data.put("applicationId", app));
    expiresAt.ifPresent(at -> data.put("expiresAt", at.toString()));
    if (!attributes.isEmpty()) {
      data.set("attributes", JSON.valueToTree(attributes));
    }
    if (!roles.isEmpty()) {
      data.set("roles", JSON.valueToTree(roles));
    }
    return bytes(event);
  }

  public static byte[] revoked(
      String id, String email, Optional<String> applicationId, Instant time) {
    ObjectNode event = envelope(id, "dev.invitegate.invitation.revoked", time);
    ObjectNode data = event.putObject("data");
    data.put("email", email);
    applicationId.ifPresent(app -> data.put("applicationId", app));
    return bytes(event);
  }

  private static ObjectNode envelope(String id, String type, Instant time) {
    ObjectNode event = JSON.createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", id);
    event.put("source", "/tests/sync-worker");
    event.put("type", type);
    event.put("time", time.toString());
    event.put("datacontenttype", "application/json");
    return event;
  }

  private static byte[] bytes(ObjectNode event) {
    return event.toString().getBytes(StandardCharsets.UTF_8);
  }
}
