package org.listguard.list;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Whether a list value is an address we may put in {@code RCPT TO}: a bare RFC 5322 addr-spec
 * (strictly parsed, no display name, no group), whose domain has at least one dot and is a valid
 * (internationalised) domain name, within RFC 5321's size limits (local part 64 octets, address
 * 254), and without CR/LF (header and SMTP command injection) or an invisible bidi/format control
 * (U+202E turns "moc.evil@" into what reads as another address).
 */
public final class AddressRules {
    private AddressRules() {}

    /** Why the address is unusable, or null when it is fine. */
    public static String problem(String email) {
        if (email == null || email.isEmpty()) return "empty email";
        if (email.indexOf('\r') >= 0 || email.indexOf('\n') >= 0) return "contains a line break";
        int space = AddressSpace.firstInside(email);
        // "Ann <ann@example.org>" has a space too, but what it needs to hear is below: not a bare address
        if (space >= 0 && email.indexOf('<') < 0) return AddressSpace.inside(email, space);
        int hidden = TextRules.firstInvisible(email);
        if (hidden >= 0) return "contains the invisible control character " + TextRules.describe(email.charAt(hidden));
        int at = email.lastIndexOf('@');
        if (at > 0) {
            int local = AddressForms.octets(email.substring(0, at));
            if (local > AddressForms.MAX_LOCAL_PART) {
                return "the local part is " + local + " octets; RFC 5321 §4.5.3.1.1 allows " + AddressForms.MAX_LOCAL_PART;
            }
        }
        if (AddressForms.octets(email) > 4 * AddressForms.MAX_ADDRESS) return "the address is longer than RFC 5321 allows";
        InternetAddress ia;
        try {
            ia = new InternetAddress(email, true);
            ia.validate();
        } catch (AddressException e) {
            return "not a valid address: " + e.getMessage();
        }
        if (ia.isGroup() || ia.getPersonal() != null || !email.equals(ia.getAddress())) {
            return "not a bare address (write only local@domain)";
        }
        if (at <= 0) return "no local part or no @";
        String domain = email.substring(at + 1);
        if (domain.indexOf('.') <= 0 || domain.endsWith(".")) return "domain '" + domain + "' has no dot";
        String wire;
        try {
            wire = AddressForms.asciiDomain(email);
        } catch (IllegalArgumentException e) {
            return "domain '" + domain + "' is not a valid internationalised domain name: " + e.getMessage();
        }
        int octets = AddressForms.octets(wire);
        if (octets > AddressForms.MAX_ADDRESS) {
            return "the address is " + octets + " octets; RFC 5321 §4.5.3.1.3 allows " + AddressForms.MAX_ADDRESS;
        }
        return null;
    }
}
