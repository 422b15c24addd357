package org.listguard.deliver;

import jakarta.mail.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Properties;
import org.listguard.config.Relay;

/**
 * {@link MailRelay} on Angus Mail. Security defaults (RFC 8314): STARTTLS is required for
 * {@code tls: starttls} and the certificate and host name are verified; {@code tls: implicit}
 * starts TLS at connect; only {@code tls: none} talks plain text. AUTH is used when the relay has
 * credentials and a relay that does not offer AUTH then is refused (never a silent unauthenticated
 * submission). Every connect, read and write is bounded by {@code relays[].timeout}.
 */
public final class AngusMailRelay implements MailRelay {
    private final String heloName;

    /** @param heloName the EHLO name (RFC 5321 §4.1.1.1: the client's FQDN; ideally its PTR name) */
    public AngusMailRelay(String heloName) {
        this.heloName = heloName;
    }

    /** EHLO with this host's name as the OS knows it. */
    public AngusMailRelay() {
        this(localName());
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public RelaySession open(Relay relay, char[] password) {
        if (relay.credentials().isPresent() && password == null) {
            throw new IllegalArgumentException("relay " + relay.name() + " has auth configured but no password was given");
        }
        char[] copy = password == null ? null : Arrays.copyOf(password, password.length);
        return new AngusRelaySession(relay, session(relay), heloName, copy);
    }

    /** The shared relay properties ({@link SmtpProperties}) plus per-recipient success reports for submission. */
    static Session session(Relay relay) {
        Properties p = SmtpProperties.of(relay, null);
        p.put("mail." + SmtpProperties.protocol(relay) + ".reportsuccess", "true");
        return Session.getInstance(p);
    }
}
