package dev.invitegate.responder.entra;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of Entra's wire, strict: no duplicate keys (a second {@code email} must not
 * silently win), no NaN, at most 64 levels deep and strings of at most 64 KiB, so that an anonymous
 * caller cannot make parsing expensive. The web server reads requests and writes answers with it.
 */
public final class EntraJson {

  public static final int MAX_DEPTH = 64;
  public static final int MAX_STRING_LENGTH = 64 * 1024;

  private static final ObjectMapper MAPPER = build();

  private EntraJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper build() {
    ObjectMapper mapper =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
    return mapper;
  }
}
