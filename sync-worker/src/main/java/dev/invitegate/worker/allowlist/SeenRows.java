package dev.invitegate.worker.allowlist;

/**
 * The rows of one file by a 64-bit fingerprint of their key, and the line each was first seen on:
 * twelve bytes a row at most, so that a file of a hundred thousand rows needs about three
 * megabytes. Not thread-safe.
 */
final class SeenRows {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private long[] keys = new long[1 << 12];
  private int[] lines = new int[1 << 12];
  private int size;

  /** A 64-bit FNV-1a fingerprint of the parts, each ended by a NUL. */
  static long fingerprint(String... parts) {
    long hash = FNV_OFFSET;
    for (String part : parts) {
      for (int i = 0; i < part.length(); i++) {
        hash = (hash ^ part.charAt(i)) * FNV_PRIME;
      }
      hash = hash * FNV_PRIME;
    }
    // 0 marks an empty slot.
    return hash == 0 ? 1 : hash;
  }

  /** Records {@code key} at {@code line}; returns the line it was first seen on, or 0 if new. */
  int firstSeen(long key, int line) {
    if (size * 2 >= keys.length) {
      grow();
    }
    int slot = slot(keys, key);
    if (keys[slot] == key) {
      return lines[slot];
    }
    keys[slot] = key;
    lines[slot] = line;
    size++;
    return 0;
  }

  private static int slot(long[] keys, long key) {
    int mask = keys.length - 1;
    int slot = (int) (key ^ (key >>> 32)) & mask;
    while (keys[slot] != 0 && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldLines = lines;
    keys = new long[oldKeys.length * 2];
    lines = new int[oldLines.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = slot(keys, oldKeys[i]);
        keys[slot] = oldKeys[i];
        lines[slot] = oldLines[i];
      }
    }
  }
}
