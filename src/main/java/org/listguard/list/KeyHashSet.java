package org.listguard.list;

import java.nio.charset.StandardCharsets;

/**
 * A set of 64-bit hashes of strings in one {@code long[]} (open addressing, linear probing): about
 * 16 bytes per million-th entry instead of ~100 bytes per String in a HashSet, so duplicate
 * detection over a 1,000,000-row list fits a 256 MB heap. Two different keys collide with
 * probability ~n²/2⁶⁵ (3·10⁻⁸ for a million rows); a collision would report a false duplicate.
 * Also a prefilter: {@link #contains} false means certainly absent; true means present or, with that
 * probability, a collision (confirm it where an exact answer matters). Not thread-safe.
 */
public final class KeyHashSet {
    private static final long EMPTY = 0L;
    private long[] slots = new long[1 << 12];
    private int size;

    /** Adds the key; returns false when it (or a key with the same 64-bit hash) was already present. */
    public boolean add(String key) {
        long h = hash(key);
        if ((size + 1) * 2L > slots.length) grow();
        return insert(slots, h);
    }

    /** Whether the key (or a key with the same 64-bit hash) was added. */
    public boolean contains(String key) {
        long h = hash(key);
        int mask = slots.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == h) return true;
            i = (i + 1) & mask;
        }
        return false;
    }

    public int size() { return size; }

    private boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == h) return false;
            i = (i + 1) & mask;
        }
        table[i] = h;
        if (table == slots) size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long h : old) {
            if (h == EMPTY) continue;
            int i = (int) (h ^ (h >>> 32)) & mask;
            while (slots[i] != EMPTY) i = (i + 1) & mask;
            slots[i] = h;
        }
    }

    /** FNV-1a over the UTF-8 bytes, then the MurmurHash3 finaliser to spread the bits; never 0. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53e87e3L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}
