package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;

class SmtpPropertiesTest {
    static Relay relay(TlsMode tls) {
        return new Relay("isp", "smtp.isp.example", 587, tls, false, null, List.of(), Duration.ofSeconds(7), null);
    }

    @Test
    void everyTimeoutIsBoundedByTheRelayTimeout() {
        Properties p = SmtpProperties.of(relay(TlsMode.STARTTLS), null);
        for (String k : List.of("connectiontimeout", "timeout", "writetimeout")) assertEquals("7000", p.get("mail.smtp." + k), k);
    }

    @Test
    void starttlsIsRequiredAndTheServerIdentityChecked() {
        Properties p = SmtpProperties.of(relay(TlsMode.STARTTLS), "list.example.org");
        assertEquals("true", p.get("mail.smtp.starttls.required"));
        assertEquals("true", p.get("mail.smtp.ssl.checkserveridentity"));
        assertEquals("list.example.org", p.get("mail.smtp.localhost"));
        assertInstanceOf(NoDelaySocketFactory.class, p.get("mail.smtp.socketFactory"));
    }

    @Test
    void implicitTlsUsesSmtpsWithTheIdentityChecked() {
        Properties p = SmtpProperties.of(relay(TlsMode.IMPLICIT), null);
        assertEquals("smtps", SmtpProperties.protocol(relay(TlsMode.IMPLICIT)));
        assertEquals("true", p.get("mail.smtps.ssl.checkserveridentity"));
        assertEquals("7000", p.get("mail.smtps.timeout"));
    }
}
