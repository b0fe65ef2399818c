package dev.invitegate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the deployment files put the services, and the few facts the checks share. */
final class Deployments {

  static final String BICEP = "infra/azure/main.bicep";
  static final List<String> ENVIRONMENTS = List.of("dev", "prod");
  static final String COMPOSE = "infra/local/compose.yaml";
  static final String SERVICEBUS_EMULATOR_CONFIG = "infra/local/servicebus-emulator.json";

  /**
   * Container name in main.bicep to the program it runs; the operators' CLI is the worker's jar.
   */
  static final Map<String, Service> BICEP_CONTAINERS =
      Map.of("responder", Service.RESPONDER, "worker", Service.WORKER, "operators", Service.WORKER);

  /** Containers in main.bicep that run no service of ours (the metrics collector). */
  static final List<String> BICEP_SIDECARS = List.of("metrics");

  /** Compose service to the program it runs. */
  static final Map<String, Service> COMPOSE_SERVICES =
      Map.of("responder", Service.RESPONDER, "worker", Service.WORKER);

  /** Image Dockerfile to the program it runs. */
  static final Map<String, Service> DOCKERFILES =
      Map.of("responder/Dockerfile", Service.RESPONDER, "sync-worker/Dockerfile", Service.WORKER);

  /**
   * Variables outside the README's table that a library of the services reads, and where each may
   * be set.
   */
  enum Platform {
    AZURE_CLIENT_ID(
        "Azure Identity: which user-assigned managed identity DefaultAzureCredential signs in with"),
    MALLOC_ARENA_MAX(
        "glibc: malloc arenas, part of the responder's recommended start (responder/README.md)"),
    COSMOS_EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED(
        "Cosmos SDK: accept the emulator's self-signed certificate (emulators only)"),
    COSMOS_EMULATOR_HOST(
        "Cosmos SDK: the emulator host that certificate rule applies to (emulators only)");

    final String reason;

    Platform(String reason) {
      this.reason = reason;
    }

    static boolean has(String name) {
      for (Platform p : values()) {
        if (p.name().equals(name)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A container of main.bicep: the resource it is in, its name and the environment list it gets.
   */
  record BicepContainer(String resource, String name, String envList) {}

  private Deployments() {}

  /**
   * Every container of every Container App and job, found as {@code name: '...'} followed by {@code
   * env: list}.
   */
  static List<BicepContainer> bicepContainers(BicepFile bicep) {
    List<BicepContainer> containers = new ArrayList<>();
    List<BicepFile.Resource> apps =
        new ArrayList<>(bicep.resourcesOfType("Microsoft.App/containerApps"));
    apps.addAll(bicep.resourcesOfType("Microsoft.App/jobs"));
    Pattern env = Pattern.compile("^\\s*env: (\\w+)\\s*$", Pattern.MULTILINE);
    Pattern name = Pattern.compile("^\\s*name: '([^']+)'\\s*$", Pattern.MULTILINE);
    for (BicepFile.Resource app : apps) {
      String text = app.text();
      Matcher m = env.matcher(text);
      while (m.find()) {
        Matcher names = name.matcher(text.substring(0, m.start()));
        String container = null;
        while (names.find()) {
          container = names.group(1);
        }
        if (container == null) {
          throw new AssertionError(
              "main.bicep: " + app.name() + " has an env list before any container name");
        }
        containers.add(new BicepContainer(app.name(), container, m.group(1)));
      }
    }
    return containers;
  }

  static JsonNode yaml(String relative) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(Repository.read(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + relative, e);
    }
  }

  static JsonNode json(String relative) {
    try {
      return new ObjectMapper().readTree(Repository.read(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + relative, e);
    }
  }

  /** A compose service's environment, with {@code ${NAME:-default}} taken at its default. */
  static Map<String, String> composeEnvironment(JsonNode compose, String service) {
    JsonNode environment = compose.path("services").path(service).path("environment");
    if (!environment.isObject()) {
      throw new AssertionError(COMPOSE + ": service " + service + " has no environment map");
    }
    Map<String, String> values = new LinkedHashMap<>();
    environment
        .properties()
        .forEach(e -> values.put(e.getKey(), composeDefault(e.getValue().asText())));
    return values;
  }

  private static String composeDefault(String value) {
    Matcher m = Pattern.compile("\\$\\{(\\w+):-([^}]*)\\}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The {@code ENV} settings of a Dockerfile's last stage (the image that runs). */
  static Map<String, String> imageEnvironment(String dockerfile) {
    String text = Repository.read(dockerfile);
    String lastStage = text.substring(text.lastIndexOf("\nFROM "));
    Map<String, String> values = new LinkedHashMap<>();
    Matcher m = Pattern.compile("^ENV (\\w+)[= ](.*)$", Pattern.MULTILINE).matcher(lastStage);
    while (m.find()) {
      values.put(m.group(1), m.group(2).strip().replaceAll("^\"|\"$", ""));
    }
    return values;
  }
}
