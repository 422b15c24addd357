package org.listguard.reply;

import java.util.BitSet;

/**
 * A reply as the literal pre-filter reads it ({@link Literals#fold}: lower case), with the set of
 * its character trigrams (hashed into a bit set) taken in one pass. A rule alternative runs only
 * when its literal is in the text; asking the trigram set first answers most of those questions
 * ("is 'relay access denied' in this reply?") without scanning the text: a literal whose first,
 * middle or last trigram is absent cannot be there. Only a literal whose trigrams are all present
 * is looked for with {@link String#contains}, so the answer is exact.
 */
final class Folded {
    private static final int BITS = 1 << 16;

    final String text;
    private final BitSet grams = new BitSet(BITS);

    private Folded(String text) {
        this.text = text;
        for (int i = 0; i + 3 <= text.length(); i++) grams.set(hash(text, i));
    }

    static Folded of(String text) { return new Folded(Literals.fold(text)); }

    boolean contains(String literal) {
        int n = literal.length();
        if (n >= 3) {
            if (!grams.get(hash(literal, 0)) || !grams.get(hash(literal, n - 3)) || !grams.get(hash(literal, (n - 3) / 2))) return false;
        }
        return text.contains(literal);
    }

    private static int hash(String s, int i) {
        int h = s.charAt(i) * 961 + s.charAt(i + 1) * 31 + s.charAt(i + 2);
        h ^= h >>> 16;
        return (h * 0x9E3B) & (BITS - 1);
    }
}
