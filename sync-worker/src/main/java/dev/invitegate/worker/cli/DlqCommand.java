package dev.invitegate.worker.cli;

import picocli.CommandLine.Command;

/** {@code dlq}: the dead-letter queue's commands; on its own, a usage error naming them. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = {
      "See, replay and purge the invitation events Service Bus dead-lettered (the queue's"
          + " $deadletterqueue).",
      "Reads INVITEGATE_SERVICEBUS_CONNECTION_STRING or INVITEGATE_SERVICEBUS_NAMESPACE, and"
          + " INVITEGATE_SERVICEBUS_QUEUE, as the worker does."
    },
    subcommands = {
      DlqListCommand.class,
      DlqShowCommand.class,
      DlqReplayCommand.class,
      DlqPurgeCommand.class
    },
    footer = {
      "",
      "The workflow: list what is there, show one to see why, fix the cause (the publisher, or the"
          + " store being down), replay, and purge what is beyond repair.",
      "",
      "Examples:",
      "  java -jar sync-worker.jar dlq list --reason InvalidEvent",
      "  java -jar sync-worker.jar dlq show 42",
      "  java -jar sync-worker.jar dlq replay --all --dry-run",
      "  java -jar sync-worker.jar dlq purge --reason MalformedJson --yes",
      "",
      "Exit codes: 0 done, 1 done in part (the summary says what failed), 2 usage or"
          + " configuration error."
    })
final class DlqCommand {}
