package dev.invitegate.runtime.logging;

import dev.invitegate.contracts.EmailKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash that stands for an email address in every log line of every Invite Gate service:
 * the same address gives the same short token (so the worker's and the responder's lines about one
 * person can be correlated when they share the key) without the address being recoverable by
 * hashing guesses, as long as the key stays secret.
 */
public final class EmailHasher {

  /** The least key length accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 16;

  private static final String ALGORITHM = "HmacSHA256";

  /** Keyed once; each hash works on a clone, which is cheaper than looking up a provider. */
  private final Mac keyed;

  public EmailHasher(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the email hash key needs at least " + MIN_KEY_BYTES + " bytes");
    }
    try {
      keyed = Mac.getInstance(ALGORITHM);
      keyed.init(new SecretKeySpec(key.clone(), ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** A hasher keyed with the UTF-8 bytes of a configured secret. */
  public static EmailHasher withSecret(String secret) {
    return new EmailHasher(secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The hasher of a service: keyed with the configured secret, or with a random key when none is
   * configured (hashes then correlate within this process only).
   */
  public static EmailHasher forKey(java.util.Optional<String> secret) {
    return secret.map(EmailHasher::withSecret).orElseGet(EmailHasher::withRandomKey);
  }

  /** A hasher with a random key: hashes correlate within this process only. */
  public static EmailHasher withRandomKey() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return new EmailHasher(random);
  }

  /** 12 hex digits (the first 48 bits) of HMAC-SHA256 over the normalised address. */
  public String hash(EmailKey email) {
    try {
      Mac mac = (Mac) keyed.clone();
      byte[] digest = mac.doFinal(email.value().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
    }
  }
}
