package dev.invitegate.worker.cli;

import dev.invitegate.contracts.InvitationRevoked;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code revoke}: publish one revoke, built and checked by the contract like any publisher's. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a revocation (a dev.invitegate.invitation.revoked event) for EMAIL to the queue;"
          + " the worker projects it. Prints the event id.",
      "Without --application it revokes the invitation for all applications; with it, only that"
          + " application's. Either way the newer of the two entries decides a sign-up."
    },
    footer = {
      "",
      "Examples:",
      "  java -jar sync-worker.jar revoke alice@example.com",
      "  java -jar sync-worker.jar revoke bob@example.org \\",
      "      --application 6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917 --json",
      "",
      "Exit codes: 0 sent, 1 sending failed, 2 usage or configuration error (nothing sent)."
    })
final class RevokeCommand implements Callable<Integer> {

  static final String SOURCE = "/invitegate/sync-worker/revoke";

  @Spec CommandSpec spec;

  @Mixin AddressOptions address;

  @Option(names = "--json", description = "Print what was sent as one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = WorkerCommand.context(spec);
    InvitationRevoked revoke =
        new InvitationRevoked(
            "cli-" + UUID.randomUUID(),
            SOURCE,
            context.clock().instant().truncatedTo(ChronoUnit.MILLIS),
            address.email(),
            address.applicationId());
    EventPublishing.sendAndReport(context, revoke, json);
    return ExitCodes.DONE;
  }
}
