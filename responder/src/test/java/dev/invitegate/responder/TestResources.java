package dev.invitegate.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationDocumentCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the golden Entra payloads under {@code src/test/resources/entra}. */
public final class TestResources {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestResources() {}

  public static byte[] bytes(String path) {
    try (InputStream in = TestResources.class.getResourceAsStream("/entra/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /entra/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String path) {
    try {
      return JSON.readTree(bytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of the vector folders, in order. */
  public static List<String> vectors() {
    URL root = TestResources.class.getResource("/entra/vectors");
    try (Stream<Path> dirs = Files.list(Path.of(root.toURI()))) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<InvitationDocument> invitations(String vector) {
    List<InvitationDocument> documents = new ArrayList<>();
    json("vectors/" + vector + "/invitations.json")
        .forEach(node -> documents.add(InvitationDocumentCodec.fromJson(node)));
    return documents;
  }
}
