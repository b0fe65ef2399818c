package dev.invitegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.deploy.BicepFile.EnvEntry;
import dev.invitegate.deploy.BicepFile.Value;
import dev.invitegate.deploy.ConfigurationTable.Setting;
import dev.invitegate.deploy.Deployments.BicepContainer;
import dev.invitegate.deploy.Deployments.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every variable the deployment files set is one the service in that container reads (the README's
 * configuration table), with a value it accepts, and every variable it requires is set.
 */
class ServiceEnvironmentTest {

  private static final ConfigurationTable TABLE = ConfigurationTable.fromReadme();
  private static final BicepFile BICEP = BicepFile.read(Deployments.BICEP);
  private static final List<String> ENVIRONMENTS = Deployments.ENVIRONMENTS;

  /**
   * Never in Azure: keys and connection strings (managed identity instead), creating the store
   * (Bicep does).
   */
  private static final Set<String> NOT_IN_AZURE =
      Set.of(
          "INVITEGATE_COSMOS_KEY",
          "INVITEGATE_SERVICEBUS_CONNECTION_STRING",
          "INVITEGATE_COSMOS_CREATE_IF_MISSING",
          Platform.COSMOS_EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED.name(),
          Platform.COSMOS_EMULATOR_HOST.name());

  /**
   * JVM option variables: they would change the responder's JVM options and make its AOT cache
   * unusable.
   */
  private static final Set<String> JVM_OPTION_VARIABLES =
      Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS");

  @ParameterizedTest(name = "{0}")
  @FieldSource("ENVIRONMENTS")
  void bicepContainersGetOnlyVariablesTheirServiceReads_withValidValues_andEveryRequiredOne(
      String environment) {
    Map<String, String> parameters =
        BicepFile.parameterFile("infra/azure/" + environment + ".bicepparam");
    List<String> problems = new ArrayList<>();
    List<BicepContainer> containers = Deployments.bicepContainers(BICEP);
    assertThat(containers)
        .as("containers found in %s", Deployments.BICEP)
        .extracting(BicepContainer::name)
        .contains("responder", "worker", "operators");
    for (BicepContainer container : containers) {
      if (Deployments.BICEP_SIDECARS.contains(container.name())) {
        continue;
      }
      Service service = Deployments.BICEP_CONTAINERS.get(container.name());
      if (service == null) {
        problems.add(
            container.resource()
                + ": container '"
                + container.name()
                + "' runs no known service; add it to Deployments.BICEP_CONTAINERS or BICEP_SIDECARS");
        continue;
      }
      String where =
          environment + ": " + container.resource() + "/" + container.name() + " (" + service + ")";
      Map<String, Value> set = new LinkedHashMap<>();
      for (EnvEntry entry : BICEP.environment(container.envList())) {
        Value value = valueOf(entry, parameters);
        if (set.put(entry.name(), value) != null) {
          problems.add(where + ": " + entry.name() + " is set twice");
        }
        checkVariable(where, service, entry.name(), value, problems);
        if (NOT_IN_AZURE.contains(entry.name())) {
          problems.add(
              where
                  + ": "
                  + entry.name()
                  + " must not be set in Azure (managed identity; Bicep creates the store)");
        }
        if (value.fromEnvironment().isPresent()
            && !value.fromEnvironment().get().equals(entry.name())) {
          problems.add(
              where
                  + ": "
                  + entry.name()
                  + " comes from the shell's "
                  + value.fromEnvironment().get()
                  + "; it must be the variable of the same name");
        }
      }
      for (Setting setting : TABLE.readBy(service)) {
        if (setting.required()) {
          checkRequired(where, container, setting, set, problems);
        }
      }
      for (List<String> group : TABLE.oneOfGroups(service)) {
        long count = group.stream().filter(set::containsKey).count();
        if (count != 1) {
          problems.add(where + ": exactly one of " + group + " must be set, found " + count);
        }
      }
    }
    assertThat(problems)
        .as("problems in %s with %s.bicepparam", Deployments.BICEP, environment)
        .isEmpty();
  }

  @Test
  void sidecarsGetNoVariableOfOurs() {
    for (BicepContainer container : Deployments.bicepContainers(BICEP)) {
      if (Deployments.BICEP_SIDECARS.contains(container.name())) {
        assertThat(BICEP.environment(container.envList()))
            .as("%s/%s is not one of our services", container.resource(), container.name())
            .extracting(EnvEntry::name)
            .noneMatch(name -> name.startsWith("INVITEGATE_") || Platform.has(name));
      }
    }
  }

  @Test
  void composeServicesGetOnlyVariablesTheyRead_withValidValues_andEveryRequiredOne() {
    JsonNode compose = Deployments.yaml(Deployments.COMPOSE);
    List<String> problems = new ArrayList<>();
    compose
        .path("services")
        .properties()
        .forEach(
            service -> {
              String name = service.getKey();
              Service runs = Deployments.COMPOSE_SERVICES.get(name);
              Map<String, String> environment =
                  service.getValue().has("environment")
                      ? Deployments.composeEnvironment(compose, name)
                      : Map.of();
              if (runs == null) {
                environment.keySet().stream()
                    .filter(v -> v.startsWith("INVITEGATE_"))
                    .forEach(
                        v -> problems.add(name + ": sets " + v + " but runs no service of ours"));
                return;
              }
              String where = "compose service " + name + " (" + runs + ")";
              environment.forEach(
                  (variable, value) -> {
                    if (variable.equals(Platform.AZURE_CLIENT_ID.name())) {
                      problems.add(
                          where + ": AZURE_CLIENT_ID means nothing without a managed identity");
                    }
                    checkVariable(where, runs, variable, Value.of(value), problems);
                  });
              for (Setting setting : TABLE.readBy(runs)) {
                if (setting.required() && !environment.containsKey(setting.name())) {
                  problems.add(where + ": required " + setting.name() + " is not set");
                }
              }
              for (List<String> group : TABLE.oneOfGroups(runs)) {
                long count = group.stream().filter(environment::containsKey).count();
                if (count != 1) {
                  problems.add(
                      where + ": exactly one of " + group + " must be set, found " + count);
                }
              }
            });
    assertThat(problems).as("problems in %s", Deployments.COMPOSE).isEmpty();
  }

  @Test
  void imagesSetOnlyVariablesTheirServiceReads_orItsRuntimeDoes() {
    List<String> problems = new ArrayList<>();
    Deployments.DOCKERFILES.forEach(
        (dockerfile, service) ->
            Deployments.imageEnvironment(dockerfile)
                .forEach(
                    (variable, value) -> {
                      if (!variable.equals(Platform.MALLOC_ARENA_MAX.name())) {
                        checkVariable(dockerfile, service, variable, Value.of(value), problems);
                      }
                    }));
    assertThat(problems).isEmpty();
  }

  private static Value valueOf(EnvEntry entry, Map<String, String> parameters) {
    if (!entry.secret()) {
      return BICEP.evaluate(entry.expression(), parameters);
    }
    // A secret's value is the `value:` of the secret list entry named by secretRef.
    String reference = entry.expression().replace("'", "");
    for (String list : List.of("logHashKeySecrets")) {
      String expression = BICEP.varExpression(list);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\\{ name: '" + reference + "', value: (\\w+) \\}")
              .matcher(expression);
      if (m.find()) {
        return BICEP.evaluate(m.group(1), parameters);
      }
    }
    throw new AssertionError(
        "main.bicep: secretRef '" + reference + "' of " + entry.name() + " names no secret");
  }

  private static void checkVariable(
      String where, Service service, String variable, Value value, List<String> problems) {
    if (JVM_OPTION_VARIABLES.contains(variable)) {
      problems.add(
          where
              + ": "
              + variable
              + " changes the JVM's options (and voids the responder's AOT cache)");
      return;
    }
    Optional<Setting> setting = TABLE.get(variable);
    if (setting.isEmpty()) {
      if (!Platform.has(variable)) {
        problems.add(
            where
                + ": "
                + variable
                + " is read by no service (not in the README's configuration table, not a runtime variable"
                + " listed in Deployments.Platform)");
      }
      return;
    }
    if (!setting.get().readBy(service)) {
      problems.add(
          where
              + ": "
              + variable
              + " is read by "
              + setting.get().services()
              + ", not by "
              + service);
      return;
    }
    if (value.fromEnvironment().isPresent()) {
      return; // the deployer's own value, checked by the service at start-up
    }
    ValueRules.problem(setting.get(), value.text())
        .ifPresent(p -> problems.add(where + ": " + variable + "='" + value.text() + "' " + p));
  }

  /**
   * A required variable must be set; when its value comes from the deploying shell, the app must be
   * deployed only once that value is there ({@code if (...)} on the resource, through a var, naming
   * {@code !empty(param)}).
   */
  private static void checkRequired(
      String where,
      BicepContainer container,
      Setting setting,
      Map<String, Value> set,
      List<String> problems) {
    Value value = set.get(setting.name());
    if (value == null) {
      problems.add(where + ": required " + setting.name() + " is not set");
      return;
    }
    for (EnvEntry entry : BICEP.environment(container.envList())) {
      if (entry.name().equals(setting.name()) && BICEP.conditionalList(entry.list())) {
        problems.add(
            where
                + ": required "
                + setting.name()
                + " is set only under a condition ("
                + entry.list()
                + ")");
      }
    }
    if (value.fromEnvironment().isPresent() || value.text().isEmpty()) {
      String param = value.param().orElse("?");
      String condition = BICEP.resource(container.resource()).condition().orElse("");
      String expanded = BICEP.hasVar(condition) ? BICEP.varExpression(condition) : condition;
      if (!expanded.contains("!empty(" + param + ")")) {
        problems.add(
            where
                + ": required "
                + setting.name()
                + " may be empty (param "
                + param
                + "), but "
                + container.resource()
                + " is not deployed only when !empty("
                + param
                + ")");
      }
    }
  }
}
