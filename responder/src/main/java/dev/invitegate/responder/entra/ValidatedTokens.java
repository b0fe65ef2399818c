package dev.invitegate.responder.entra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already checked, by SHA-256 of the token. Entra reuses its app token until it expires, so
 * this saves the RSA check on nearly every call; expiry is still enforced on every hit.
 */
final class ValidatedTokens {

  private record Entry(String tenantId, Instant usableUntil) {}

  private static final MessageDigest SHA_256 = newSha256();

  private final int capacity;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  ValidatedTokens(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  /** The tenant of {@code token} if it was validated and is still usable at {@code now}. */
  Optional<String> tenantOf(String token, Instant now) {
    String key = digest(token);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!now.isBefore(entry.usableUntil())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.tenantId());
  }

  void remember(String token, String tenantId, Instant usableUntil, Instant now) {
    if (entries.size() >= capacity) {
      entries.values().removeIf(entry -> !now.isBefore(entry.usableUntil()));
      if (entries.size() >= capacity) {
        // Only a flood of distinct valid tokens gets here; forgetting costs one RSA check each.
        entries.clear();
      }
    }
    entries.put(digest(token), new Entry(tenantId, usableUntil));
  }

  /** The 32 bytes of the token's SHA-256, one char each (cheaper to build than hex). */
  private static String digest(String token) {
    byte[] hash = sha256().digest(token.getBytes(StandardCharsets.US_ASCII));
    return new String(hash, StandardCharsets.ISO_8859_1);
  }

  /** A fresh digest cloned from a prototype: looking one up by name per call cost more. */
  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
