package dev.invitegate.local.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a running local system tells the commands run against it ({@code simulate}, and people
 * copying its environment): where each part listens, who the tenant is, where the signing key is.
 *
 * @param env the environment of the worker's jar for the operators' commands against this system
 */
record LocalState(
    URI responder,
    URI responderAdmin,
    URI workerAdmin,
    URI keySet,
    String tenantId,
    String clientId,
    String issuer,
    Path keyFile,
    Map<String, String> env) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  LocalState {
    env = new TreeMap<>(env);
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), this);
  }

  static LocalState read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), LocalState.class);
  }
}
