package dev.invitegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Entra registration script is shellcheck-clean and its dry run prints every Graph call
 * offline.
 */
class RegistrationScriptTest {

  private static final String SCRIPT = "infra/azure/register-entra.sh";
  private static final String HOST = "invitegate-responder-dev.example.azurecontainerapps.io";

  record Run(int exitCode, String output) {}

  private static Run run(Path workDir, List<String> command, String path)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().put("PATH", path);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(process.exitValue(), output);
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void passesShellcheck(@TempDir Path temp) throws Exception {
    assumeTrue(
        onPath("shellcheck"),
        "shellcheck is not installed (Debian: apt-get install shellcheck); the script's lint is skipped here");
    Run run =
        run(temp, List.of("shellcheck", Repository.path(SCRIPT).toString()), System.getenv("PATH"));
    assertThat(run.output()).as("shellcheck findings").isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void isStrict_andRefusesAMissingHost(@TempDir Path temp) throws Exception {
    assertThat(Repository.read(SCRIPT)).contains("\nset -euo pipefail\n");
    Run run =
        run(
            temp,
            List.of("bash", Repository.path(SCRIPT).toString(), "--user-flow", "Sign up"),
            fakeAzPath(temp));
    assertThat(run.exitCode()).as("usage error").isEqualTo(2);
    assertThat(run.output()).contains("--host is required");
  }

  @Test
  void dryRun_callsNothing_andPrintsEveryGraphCall(@TempDir Path temp) throws Exception {
    Run run =
        run(
            temp,
            List.of(
                "bash",
                Repository.path(SCRIPT).toString(),
                "--host",
                HOST,
                "--user-flow",
                "Sign up and sign in",
                "--tenant-id",
                "0f7d2c3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f",
                "--dry-run"),
            fakeAzPath(temp));
    assertThat(run.exitCode()).as("dry run exit code; output:%n%s", run.output()).isZero();
    assertThat(temp.resolve("az-was-called")).as("the dry run called az").doesNotExist();
    String out = run.output();
    assertThat(out)
        .contains("DRY-RUN POST https://graph.microsoft.com/v1.0/applications")
        .contains("\"identifierUris\": [\"api://" + HOST + "/<application (client) id>\"]")
        .contains("\"requestedAccessTokenVersion\": 2")
        .contains("\"resourceAppId\": \"00000003-0000-0000-c000-000000000000\"")
        .contains("appRoles[?value==") // looked up, not a hard-coded role id
        .contains("/appRoleAssignedTo")
        .contains("\"@odata.type\": \"#microsoft.graph.onAttributeCollectionStartCustomExtension\"")
        .contains(
            "\"@odata.type\": \"#microsoft.graph.onAttributeCollectionSubmitCustomExtension\"")
        .contains("\"targetUrl\": \"https://" + HOST + "/entra/events\"")
        .contains("\"timeoutInMilliseconds\": 2000")
        .contains("\"maximumRetries\": 1")
        .contains(
            "DRY-RUN PUT https://graph.microsoft.com/beta/identity/authenticationEventsFlows/<user flow id>"
                + "/microsoft.graph.externalUsersSelfServiceSignUpEventsFlow/onAttributeCollectionStart"
                + "/microsoft.graph.onAttributeCollectionStartCustomExtensionHandler/customExtension/$ref")
        .contains(
            "/onAttributeCollectionSubmit/microsoft.graph.onAttributeCollectionSubmitCustomExtensionHandler/")
        .contains("export INVITEGATE_ENTRA_TENANT_ID=0f7d2c3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f")
        .contains("export INVITEGATE_ENTRA_CLIENT_ID=<application (client) id>");
    assertThat(out.lines().filter(l -> l.startsWith("DRY-RUN ")).toList())
        .as("Graph calls printed")
        .hasSizeGreaterThanOrEqualTo(14)
        .allMatch(
            l ->
                l.matches(
                    "DRY-RUN (GET|POST|PATCH|PUT) https://graph\\.microsoft\\.com/(v1\\.0|beta)/.*"));
  }

  /**
   * A PATH whose {@code az} only records that it was called and fails, in front of the system's
   * tools; the query for the Graph role id shows in the output because the dry run prints it with
   * the call.
   */
  private static String fakeAzPath(Path temp) throws IOException {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Path az = bin.resolve("az");
    Files.writeString(
        az,
        "#!/bin/sh\ntouch \"$PWD/az-was-called\"\necho 'fake az: no Azure here' >&2\nexit 99\n");
    Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> path = new ArrayList<>(List.of(bin.toString()));
    path.add(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    return String.join(":", path);
  }
}
