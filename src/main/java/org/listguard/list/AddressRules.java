package org.listguard.list;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Whether a list value is an address we may put in {@code RCPT TO}: a bare RFC 5322 addr-spec
 * (strictly parsed, no display name, no group), whose domain has at least one dot, and without
 * CR/LF (header and SMTP command injection).
 */
public final class AddressRules {
    private AddressRules() {}

    /** Why the address is unusable, or null when it is fine. */
    public static String problem(String email) {
        if (email == null || email.isEmpty()) return "empty email";
        if (email.indexOf('\r') >= 0 || email.indexOf('\n') >= 0) return "contains a line break";
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
        int at = email.lastIndexOf('@');
        if (at <= 0) return "no local part or no @";
        String domain = email.substring(at + 1);
        if (domain.indexOf('.') <= 0 || domain.endsWith(".")) return "domain '" + domain + "' has no dot";
        return null;
    }
}
