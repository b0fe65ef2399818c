package dev.invitegate.contracts;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the contract, built once because mappers are costly. */
final class Json {

  /**
   * Rejects duplicate keys (last-wins would let a second {@code email} silently override the first)
   * and trailing content; keeps decimals exact so that an integral {@code 2.0} is told from {@code
   * 2.5} and large integers keep every digit.
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private Json() {}
}
