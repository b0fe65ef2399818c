package dev.invitegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each identity holds exactly the roles its program needs, on the narrowest scope: the responder
 * only reads the invitation container; the worker receives from the queue and writes the container;
 * the scaler reads the queue length; the operators own the queue and read the container (write only
 * when asked for). No keys anywhere.
 */
class RoleAssignmentsTest {

  private static final BicepFile BICEP = BicepFile.read(Deployments.BICEP);

  /**
   * The built-in role IDs, as Azure and Cosmos DB publish them; a wrong GUID in main.bicep is
   * caught here.
   */
  private static final Map<String, String> BUILT_IN =
      Map.of(
          "serviceBusDataReceiver", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
          "serviceBusDataSender", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
          "serviceBusDataOwner", "090c5cfd-751d-490a-894a-3ce6f1109419",
          "acrPull", "7f951dda-4ed3-4680-a7ca-43fe172d538d",
          "dataReader", "00000000-0000-0000-0000-000000000001",
          "dataContributor", "00000000-0000-0000-0000-000000000002");

  private static final String CONTAINER_SCOPE = "container";

  /** One role assignment: who, which role, where, and under which condition. */
  record Grant(
      String resource, String principal, String role, String scope, Optional<String> condition) {
    String key() {
      return role + "@" + scope + condition.map(c -> " if (" + c + ")").orElse("");
    }
  }

  /** What each principal must hold, exactly (role@scope, with its condition where it has one). */
  private static final Map<String, Set<String>> EXPECTED =
      Map.of(
          "responderIdentity", Set.of("dataReader@container", "acrPull@registry"),
          "workerIdentity",
              Set.of(
                  "serviceBusDataReceiver@queue", "dataContributor@container", "acrPull@registry"),
          "scalerIdentity", Set.of("serviceBusDataOwner@queue"),
          "operatorsIdentity",
              Set.of(
                  "serviceBusDataOwner@queue",
                  "dataReader@container",
                  "dataContributor@container if (operatorsCanWriteStore)",
                  "acrPull@registry"),
          "operatorsGroupObjectId",
              Set.of(
                  "serviceBusDataOwner@queue if (!empty(operatorsGroupObjectId))",
                  "dataReader@container if (!empty(operatorsGroupObjectId))",
                  "dataContributor@container if (!empty(operatorsGroupObjectId) && operatorsCanWriteStore)"));

  private static final Set<String> WRITE_ROLES =
      Set.of("dataContributor", "serviceBusDataOwner", "serviceBusDataSender");

  static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    List<BicepFile.Resource> assignments = new ArrayList<>();
    assignments.addAll(BICEP.resourcesOfType("Microsoft.Authorization/roleAssignments"));
    assignments.addAll(
        BICEP.resourcesOfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"));
    for (BicepFile.Resource r : assignments) {
      String role = find(r, "roleDefinitionId: .*?(?:roles|cosmosRoles)\\.(\\w+)");
      String principal = find(r, "principalId: (\\w+)(?:\\.properties\\.principalId)?\\s*$");
      String scope =
          r.type().startsWith("Microsoft.DocumentDB")
              ? scopeOfCosmos(find(r, "scope: (.+)$"))
              : find(r, "scope: (\\w+)\\s*$");
      grants.add(new Grant(r.name(), principal, role, scope, r.condition()));
    }
    return grants;
  }

  private static String scopeOfCosmos(String scope) {
    return scope.equals("'${cosmos.id}/dbs/${databaseName}/colls/${containerName}'")
        ? CONTAINER_SCOPE
        : scope;
  }

  private static String find(BicepFile.Resource resource, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(resource.text());
    if (!m.find()) {
      throw new AssertionError(
          "main.bicep: role assignment " + resource.name() + " has no line matching " + regex);
    }
    return m.group(1);
  }

  @Test
  void roleIds_areTheBuiltInOnes() {
    for (String list : List.of("roles", "cosmosRoles")) {
      Matcher m = Pattern.compile("(\\w+): '([0-9a-f-]{36})'").matcher(BICEP.varExpression(list));
      while (m.find()) {
        assertThat(BUILT_IN).as("known built-in role %s", m.group(1)).containsKey(m.group(1));
        assertThat(m.group(2))
            .as("ID of built-in role %s", m.group(1))
            .isEqualTo(BUILT_IN.get(m.group(1)));
      }
    }
  }

  @Test
  void eachPrincipal_holdsExactlyTheRolesItsProgramNeeds() {
    Map<String, Set<String>> actual = new LinkedHashMap<>();
    for (Grant grant : grants()) {
      actual.computeIfAbsent(grant.principal(), p -> new TreeSet<>()).add(grant.key());
    }
    assertThat(actual.keySet())
        .as("principals with roles")
        .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    EXPECTED.forEach(
        (principal, roles) ->
            assertThat(actual.get(principal))
                .as("roles of %s", principal)
                .containsExactlyInAnyOrderElementsOf(roles));
  }

  @Test
  void responder_hasNoWriteRole_andTheWorkerReceivesButNeitherOwnsNorSends() {
    for (Grant grant : grants()) {
      if (grant.principal().equals("responderIdentity")) {
        assertThat(WRITE_ROLES)
            .as("the responder only reads (%s)", grant.resource())
            .doesNotContain(grant.role());
      }
      if (grant.principal().equals("workerIdentity")) {
        assertThat(grant.role())
            .as(
                "the worker receives; owner or sender rights are not its own (%s)",
                grant.resource())
            .isNotIn("serviceBusDataOwner", "serviceBusDataSender");
      }
    }
  }

  @Test
  void eachApp_signsInAsItsOwnIdentity_andOnlyKedaUsesTheScaler() {
    Map<String, String> appIdentity =
        Map.of(
            "responderApp",
            "responderIdentity",
            "workerApp",
            "workerIdentity",
            "operatorsJob",
            "operatorsIdentity");
    Map<String, String> envList =
        Map.of(
            "responderApp",
            "responderEnv",
            "workerApp",
            "workerEnv",
            "operatorsJob",
            "operatorsEnv");
    appIdentity.forEach(
        (app, identity) -> {
          assertThat(BICEP.environment(envList.get(app)))
              .as("AZURE_CLIENT_ID of %s", app)
              .filteredOn(e -> e.name().equals("AZURE_CLIENT_ID"))
              .extracting(BicepFile.EnvEntry::expression)
              .containsExactly(identity + ".properties.clientId");
          String text = BICEP.resource(app).text();
          assertThat(text)
              .as("%s pulls images as %s", app, identity)
              .contains("identity: " + identity + ".id");
          assertThat(text)
              .as("%s has %s assigned", app, identity)
              .contains("'${" + identity + ".id}': {}");
        });
    for (BicepFile.Resource app : BICEP.resources().values()) {
      long uses =
          Pattern.compile("identity: scalerIdentity\\.id").matcher(app.text()).results().count();
      if (app.name().equals("workerApp")) {
        assertThat(uses).as("the worker's KEDA rule signs in as the scaler").isEqualTo(1);
        assertThat(app.text())
            .containsPattern("type: 'azure-servicebus'\\s+identity: scalerIdentity\\.id");
      } else {
        assertThat(uses).as("%s uses the scaler identity", app.name()).isZero();
      }
    }
  }

  @Test
  void operatorsWriteTheStore_onlyWhenAskedFor() {
    assertThat(BICEP.paramDefault("operatorsCanWriteStore")).hasValue("false");
    for (String environment : Deployments.ENVIRONMENTS) {
      assertThat(BicepFile.parameterFile("infra/azure/" + environment + ".bicepparam"))
          .as("%s.bicepparam", environment)
          .containsEntry("operatorsCanWriteStore", "false");
    }
  }

  @Test
  void noKeysAnywhere_localAuthIsOff() {
    assertThat(BICEP.resource("serviceBus").text()).contains("disableLocalAuth: true");
    assertThat(BICEP.resource("cosmos").text())
        .contains("disableLocalAuth: true")
        .contains("disableKeyBasedMetadataWriteAccess: true");
    assertThat(BICEP.resource("registry").text()).contains("adminUserEnabled: false");
    assertThat(Repository.read(Deployments.BICEP))
        .as("no key or connection string is read from a resource")
        .doesNotContain("listKeys().primaryKey")
        .doesNotContain("listConnectionStrings")
        .doesNotContain("primaryConnectionString");
  }
}
