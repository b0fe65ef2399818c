package dev.invitegate.worker.settlement;

import dev.invitegate.contracts.EmailKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of an email for logs: the same address gives the same short token (so log lines can be
 * correlated) without the address being recoverable by hashing guesses, as long as the key stays
 * secret.
 */
public final class EmailHasher {

  private final SecretKeySpec key;

  public EmailHasher(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("hash key must have at least 16 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** 12 hex digits of HMAC-SHA256 over the normalised address. */
  public String hash(EmailKey email) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(email.value().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required on every JDK", e);
    }
  }
}
