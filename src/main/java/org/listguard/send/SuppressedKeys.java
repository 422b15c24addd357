package org.listguard.send;

import org.listguard.journal.Suppressions;
import org.listguard.list.KeyHashSet;

/**
 * The journal's suppressions for one pass over a list: their keys' 64-bit hashes read once (about
 * 16 bytes each), so a row costs a hash probe instead of a query; a hit is confirmed with one
 * lookup, so a hash collision never skips a member.
 */
final class SuppressedKeys {
    private final Suppressions suppressions;
    private final KeyHashSet hashes = new KeyHashSet();

    SuppressedKeys(Suppressions suppressions) {
        this.suppressions = suppressions;
        suppressions.forEachKey(hashes::add);
    }

    /** Whether the key (see {@link Suppressions#key}) is suppressed. */
    boolean contains(String key) {
        return hashes.contains(key) && suppressions.isSuppressed(key);
    }
}
