package dev.invitegate.local.system;

import dev.invitegate.local.LocalEmulators;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the local system finds what it runs, and where it keeps what it writes. */
final class Repository {

  private final Path root;

  private Repository(Path root) {
    this.root = root;
  }

  /** The checkout this runs from: the folder above {@code infra/local}. */
  static Repository find() {
    return new Repository(LocalEmulators.directory().getParent().getParent());
  }

  /** The checkout, if this runs from one. */
  static java.util.Optional<Repository> located() {
    try {
      return java.util.Optional.of(find());
    } catch (IllegalStateException e) {
      return java.util.Optional.empty();
    }
  }

  Path root() {
    return root;
  }

  Path workerJar() {
    return root.resolve("sync-worker/target/sync-worker.jar");
  }

  Path responderJar() {
    return root.resolve("responder/target/responder.jar");
  }

  /** Logs and state of the running system: gitignored, inside the build output. */
  Path stateDirectory() {
    return root.resolve("infra/local/system/target/local-system");
  }

  Path stateFile() {
    return stateDirectory().resolve("state.json");
  }

  void requireJars() {
    for (Path jar : new Path[] {workerJar(), responderJar()}) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            jar + " is missing: build it with ./mvnw -q -DskipTests package (./run-local does)");
      }
    }
  }
}
