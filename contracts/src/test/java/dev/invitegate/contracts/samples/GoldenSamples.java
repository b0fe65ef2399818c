package dev.invitegate.contracts.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the golden samples (events and documents) from the classpath, whether they sit in this
 * module's test resources or in the contracts test jar another module depends on.
 *
 * <p>Paths are relative to {@code /samples/}, e.g. {@code events/valid/granted-all-apps.json}.
 */
public final class GoldenSamples {

  private static final String ROOT = "samples/";

  private GoldenSamples() {}

  /** The sample's text (UTF-8). */
  public static String read(String path) {
    try (InputStream in = GoldenSamples.class.getResourceAsStream("/" + ROOT + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden sample " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The files directly in {@code dir}, as paths {@link #read(String)} takes, sorted by name.
   *
   * @param dir e.g. {@code events/invalid}
   */
  public static List<String> list(String dir) {
    return list(GoldenSamples.class.getClassLoader(), dir);
  }

  static List<String> list(ClassLoader loader, String dir) {
    String prefix = ROOT + (dir.endsWith("/") ? dir : dir + "/");
    URL url = loader.getResource(prefix);
    if (url == null) {
      throw new IllegalArgumentException("no golden sample directory " + dir);
    }
    List<String> names =
        switch (url.getProtocol()) {
          case "file" -> fromDirectory(url);
          case "jar" -> fromJar(url, prefix);
          default -> throw new IllegalStateException("cannot list samples from " + url);
        };
    String relativeDir = prefix.substring(ROOT.length());
    return names.stream().sorted().map(name -> relativeDir + name).toList();
  }

  private static List<String> fromDirectory(URL url) {
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> fromJar(URL url, String prefix) {
    try {
      JarURLConnection connection = (JarURLConnection) url.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        var names = new ArrayList<String>();
        for (JarEntry entry : jar.stream().toList()) {
          String rest =
              entry.getName().substring(Math.min(prefix.length(), entry.getName().length()));
          if (entry.getName().startsWith(prefix)
              && !entry.isDirectory()
              && !rest.isEmpty()
              && !rest.contains("/")) {
            names.add(rest);
          }
        }
        return names;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
