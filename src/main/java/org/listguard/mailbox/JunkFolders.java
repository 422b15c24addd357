package org.listguard.mailbox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which folder of a seed's mailbox is its junk folder (DELIVERABILITY.md s10): the one the seed's
 * {@code junk_folder} names; else the one the server marks {@code \Junk} (RFC 6154 SPECIAL-USE);
 * else the first of the usual names that exists. Gmail's category tabs are labels inside the inbox,
 * not folders, and stay out of scope.
 */
final class JunkFolders {
    /** The names providers and servers use, in the order tried (case-insensitive; the hierarchy separator may be '/' or '.'). */
    static final List<String> USUAL = List.of("Junk", "Spam", "[Gmail]/Spam", "[Google Mail]/Spam", "Junk E-mail", "Junk Email",
            "Bulk Mail", "Bulk", "INBOX/Junk", "INBOX/Spam");

    private JunkFolders() {}

    /**
     * @param folders     every folder's full name, as listed
     * @param specialJunk the folder the server marks \Junk, or null
     * @param configured  the seed's {@code junk_folder}, or null
     */
    static Optional<String> choose(List<String> folders, String specialJunk, String configured) {
        if (configured != null) return Optional.of(configured);
        if (specialJunk != null) return Optional.of(specialJunk);
        for (String usual : USUAL) {
            for (String f : folders) {
                if (normal(f).equals(normal(usual))) return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static String normal(String name) {
        return name.replace('.', '/').toLowerCase(Locale.ROOT);
    }
}
