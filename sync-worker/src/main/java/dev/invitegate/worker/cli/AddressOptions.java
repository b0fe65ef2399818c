package dev.invitegate.worker.cli;

import dev.invitegate.contracts.EmailKey;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the commands on one invitation take: the address, and the application it is about (absent:
 * all applications). Read by the contract's rules; a wrong value is a usage error.
 */
final class AddressOptions {

  @Parameters(index = "0", paramLabel = "EMAIL", description = "The email address.")
  String email;

  @Option(
      names = "--application",
      paramLabel = "ID",
      description = "The application (client) ID, a GUID; without it, all applications.")
  String application;

  EmailKey email() {
    return EventPublishing.email(email);
  }

  Optional<String> applicationId() {
    return EventPublishing.application(application);
  }
}
