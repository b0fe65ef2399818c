package dev.invitegate.responder.signup;

import dev.invitegate.contracts.EmailKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short keyed hash of an email for logs: lines about the same address can be correlated, but an
 * address cannot be confirmed by hashing guesses without the key.
 */
public final class EmailHasher {

  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  public EmailHasher(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("the email hash key needs at least 16 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** A hasher with a random key: hashes correlate within this process only. */
  public static EmailHasher withRandomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new EmailHasher(key);
  }

  /** The first 64 bits of HMAC-SHA256, as 16 hex digits. */
  public String hash(EmailKey email) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(email.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
