package dev.invitegate.local.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Function;

/** What the demo needs of the running system. */
record LocalSystemParts(
    URI entraEndpoint,
    URI workerAdmin,
    Path workerLog,
    String serviceBusConnectionString,
    String queue,
    WorkerCommands commands,
    Function<Instant, String> tokens) {

  /** A fresh token of the development issuer. */
  String token() {
    return tokens.apply(Instant.now());
  }
}
