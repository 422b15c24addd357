package org.listguard.list;

import java.net.IDN;
import java.nio.charset.StandardCharsets;

/**
 * The forms an address takes on the wire. The domain of an internationalised address goes as
 * A-labels ({@code münchen.de} → {@code xn--mnchen-3ya.de}, RFC 5890 / IDNA 2003 via
 * {@link IDN#toASCII}); that needs nothing from the relay. A non-ASCII local part cannot be
 * converted — it is the receiver's to interpret — so it goes as UTF-8 and only to a relay that
 * offers SMTPUTF8 (RFC 6531), never one byte per character (that turns {@code jłrg} into
 * {@code jBrg}, another mailbox).
 */
public final class AddressForms {
    /** RFC 5321 §4.5.3.1.1: a local part is at most 64 octets. */
    public static final int MAX_LOCAL_PART = 64;
    /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
    public static final int MAX_ADDRESS = 254;

    private AddressForms() {}

    /** The address with its domain in A-labels; the local part unchanged. */
    public static String asciiDomain(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0) return address;
        String domain = address.substring(at + 1);
        if (isAscii(domain)) return address;
        return address.substring(0, at + 1) + IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
    }

    /** Whether the address (after {@link #asciiDomain}) still needs SMTPUTF8: its local part is not ASCII. */
    public static boolean needsSmtpUtf8(String address) {
        return !isAscii(asciiDomain(address));
    }

    public static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 0x7f) return false;
        return true;
    }

    static int octets(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
