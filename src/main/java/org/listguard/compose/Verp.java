package org.listguard.compose;

import java.util.Locale;
import java.util.Optional;
import org.listguard.config.Addresses;

/**
 * Variable envelope return path (VERP): the envelope sender {@code local+<token>@domain} derived
 * from the configured return path {@code local@domain}, so that a bounce arriving at that address
 * names the run and recipient it belongs to without parsing the bounce body. The token is keyed
 * ({@link KeyedTokens}): only listguard can make one.
 * The config validator guarantees the return path has no '+' of its own.
 */
public final class Verp {
    /** RFC 5321 §4.5.3.1.1: a local part is at most 64 octets. */
    static final int MAX_LOCAL = 64;

    private final String local;
    private final String domain;

    public Verp(String returnPath) {
        this.local = Addresses.localOf(returnPath);
        this.domain = returnPath.substring(returnPath.lastIndexOf('@') + 1);
    }

    /** The envelope sender for this token text ({@link KeyedTokens#issue}). Fails when the local part would exceed 64 octets. */
    public String address(String token) {
        String lp = local + '+' + token;
        if (lp.length() > MAX_LOCAL) {
            throw new IllegalArgumentException("VERP local part '" + lp + "' is longer than 64 octets (RFC 5321 §4.5.3.1.1);"
                    + " use a shorter sender.return_path local part or run id");
        }
        return lp + '@' + domain;
    }

    /**
     * The token text of an address of this return path (a bounce's envelope recipient: whatever
     * follows {@code local+}, lower-cased), comparing local part and domain case-insensitively;
     * empty for any other address. Not checked: see {@link KeyedTokens#check}.
     */
    public Optional<String> tokenOf(String address) {
        if (address == null) return Optional.empty();
        String a = Addresses.addressOf(address);
        int at = a.lastIndexOf('@');
        if (at < 0 || !a.substring(at + 1).equalsIgnoreCase(domain)) return Optional.empty();
        String lp = a.substring(0, at).toLowerCase(Locale.ROOT);
        String prefix = local.toLowerCase(Locale.ROOT) + '+';
        if (!lp.startsWith(prefix)) return Optional.empty();
        String token = lp.substring(prefix.length());
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
