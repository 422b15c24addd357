package org.listguard.deliver;

import java.util.Properties;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;

/**
 * The Angus Mail session properties for a relay, in one place for the probe and the submitter:
 * bounded connect/read/write timeouts (the defaults are infinite), TCP_NODELAY, certificate and
 * host-name verification, STARTTLS required unless {@code tls: none}, SMTPS for {@code implicit}.
 */
public final class SmtpProperties {
    private SmtpProperties() {}

    /** "smtps" for implicit TLS, else "smtp". */
    public static String protocol(Relay relay) {
        return relay.tls() == TlsMode.IMPLICIT ? "smtps" : "smtp";
    }

    /** @param helo the EHLO name, or null for the host's own name */
    public static Properties of(Relay relay, String helo) {
        String proto = protocol(relay);
        String p = "mail." + proto + ".";
        Properties props = new Properties();
        String timeout = Long.toString(relay.timeout().toMillis());
        props.put(p + "host", relay.host());
        props.put(p + "port", Integer.toString(relay.port()));
        props.put(p + "connectiontimeout", timeout);
        props.put(p + "timeout", timeout);
        props.put(p + "writetimeout", timeout);
        props.put(p + "socketFactory", new NoDelaySocketFactory());
        props.put(p + "socketFactory.fallback", "false");
        props.put(p + "ssl.socketFactory", TlsTrust.socketFactory(relay.trustedCertificate().orElse(null)));
        props.put(p + "ssl.checkserveridentity", "true");
        boolean starttls = relay.tls() == TlsMode.STARTTLS;
        props.put(p + "starttls.enable", Boolean.toString(starttls));
        props.put(p + "starttls.required", Boolean.toString(starttls));
        props.put(p + "auth", Boolean.toString(relay.credentials().isPresent()));
        props.put(p + "auth.mechanisms", "PLAIN LOGIN");
        props.put(p + "quitwait", "false");             // a dead relay must not cost another timeout at close
        props.put("mail.debug.auth", "false");          // never trace AUTH exchanges, even if debugging is on
        if (helo != null && !helo.isBlank()) props.put(p + "localhost", helo);
        return props;
    }
}
