package dev.invitegate.worker.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The jar's commands. */
@Command(
    name = "java -jar sync-worker.jar",
    mixinStandardHelpOptions = true,
    versionProvider = WorkerCommand.Version.class,
    description = {
      "Invite Gate's sync worker, and the operators' commands on its queue and store.",
      "Configuration comes from the INVITEGATE_* environment variables (see the README)."
    },
    subcommands = {
      RunCommand.class,
      InviteCommand.class,
      RevokeCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      LookupCommand.class,
      DlqCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 done in part (the summary says what failed), 2 usage or"
          + " configuration error."
    })
public final class WorkerCommand implements Runnable {

  private final CliContext context;

  @Spec CommandSpec spec;

  public WorkerCommand(CliContext context) {
    this.context = context;
  }

  /** The context of the command {@code spec} belongs to. */
  static CliContext context(CommandSpec spec) {
    return ((WorkerCommand) spec.root().userObject()).context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** The jar's version, from its manifest. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = WorkerCommand.class.getPackage().getImplementationVersion();
      return new String[] {"Invite Gate sync worker " + (version == null ? "(dev)" : version)};
    }
  }
}
