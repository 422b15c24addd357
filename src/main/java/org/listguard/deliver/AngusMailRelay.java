package org.listguard.deliver;

import jakarta.mail.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Properties;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;

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

    /** The Jakarta Mail properties for one relay; both prefixes so smtp and smtps read the same. */
    static Session session(Relay relay) {
        Properties p = new Properties();
        boolean implicit = relay.tls() == TlsMode.IMPLICIT;
        String prefix = implicit ? "mail.smtps" : "mail.smtp";
        String ms = Long.toString(Math.max(1, relay.timeout().toMillis()));
        p.put(prefix + ".host", relay.host());
        p.put(prefix + ".port", Integer.toString(relay.port()));
        p.put(prefix + ".connectiontimeout", ms);
        p.put(prefix + ".timeout", ms);
        p.put(prefix + ".writetimeout", ms);
        p.put(prefix + ".reportsuccess", "true");
        p.put(prefix + ".quitwait", "false");          // a dead relay must not cost another timeout at close
        p.put(prefix + ".auth", Boolean.toString(relay.credentials().isPresent()));
        p.put(prefix + ".auth.mechanisms", "PLAIN LOGIN");
        p.put("mail.debug.auth", "false");              // never trace AUTH exchanges, even if debugging is on
        p.put(prefix + ".socketFactory", new NoDelaySocketFactory());
        p.put(prefix + ".socketFactory.fallback", "false");
        if (relay.tls() != TlsMode.NONE) {
            try {
                p.put(prefix + ".ssl.socketFactory", SubmissionTls.socketFactory(relay.trustedCertificate()));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("relay " + relay.name() + ": cannot load trust_certificate "
                        + relay.trustedCertificate().orElse(null) + ": " + e.getMessage(), e);
            }
            p.put(prefix + ".ssl.checkserveridentity", "true");
        }
        if (relay.tls() == TlsMode.STARTTLS) {
            p.put(prefix + ".starttls.enable", "true");
            p.put(prefix + ".starttls.required", "true");
        }
        if (implicit) p.put(prefix + ".ssl.enable", "true");
        return Session.getInstance(p);
    }
}
