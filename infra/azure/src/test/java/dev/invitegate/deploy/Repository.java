package dev.invitegate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's files, found from the {@code invitegate.root} system property the build sets.
 */
final class Repository {

  private Repository() {}

  static Path root() {
    String configured = System.getProperty("invitegate.root");
    Path root = configured == null ? Path.of("../..") : Path.of(configured);
    return root.toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative, e);
    }
  }
}
