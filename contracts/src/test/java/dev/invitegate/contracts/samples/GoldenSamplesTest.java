package dev.invitegate.contracts.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenSamplesTest {

  @Test
  void listsSampleFilesOfADirectory_asPathsReadAccepts() {
    var valid = GoldenSamples.list("events/valid");

    assertThat(valid).contains("events/valid/granted-all-apps.json").isSorted();
    assertThat(GoldenSamples.read(valid.getFirst())).startsWith("{");
  }

  @Test
  void listsOnlyTheFilesDirectlyInTheDirectory() {
    assertThat(GoldenSamples.list("events")).isEmpty();
  }

  @Test
  void failsClearly_whenSampleIsMissing() {
    assertThatThrownBy(() -> GoldenSamples.read("events/valid/nope.json"))
        .hasMessageContaining("nope.json");
    assertThatThrownBy(() -> GoldenSamples.list("nope")).hasMessageContaining("nope");
  }

  @Test
  void listsSamplesFromInsideAJar_asOtherModulesSeeThem(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("contracts-tests.jar");
    try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String name :
          new String[] {
            "samples/",
            "samples/events/",
            "samples/events/valid/",
            "samples/events/valid/b.json",
            "samples/events/valid/a.json",
            "samples/events/invalid/c.json"
          }) {
        out.putNextEntry(new JarEntry(name));
        if (!name.endsWith("/")) {
          write(out, "{}");
        }
        out.closeEntry();
      }
    }

    try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(GoldenSamples.list(loader, "events/valid"))
          .containsExactly("events/valid/a.json", "events/valid/b.json");
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
