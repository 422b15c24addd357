package org.listguard.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A smart host. Relays are tried in the order given; later ones are failovers.
 *
 * @param ips egress IPs to audit (default: the host's A records)
 * @param trustCertificate optional PEM file of a CA or self-signed certificate to trust in
 *        addition to the JVM's trust store (verification stays on)
 */
public record Relay(
        String name,
        String host,
        Integer port,
        TlsMode tls,
        Boolean allowPlaintext,
        Credentials auth,
        List<InetAddress> ips,
        Duration timeout,
        java.nio.file.Path trustCertificate) {

    public Relay {
        port = port == null ? Defaults.SUBMISSION_PORT : port;
        tls = tls == null ? TlsMode.STARTTLS : tls;
        allowPlaintext = allowPlaintext != null && allowPlaintext;
        ips = ips == null ? List.of() : List.copyOf(ips);
        timeout = timeout == null ? Defaults.SMTP_TIMEOUT : timeout;
    }

    public Optional<Credentials> credentials() { return Optional.ofNullable(auth); }

    public Optional<java.nio.file.Path> trustedCertificate() { return Optional.ofNullable(trustCertificate); }

    public Relay withEndpoint(String newHost, int newPort, TlsMode newTls) {
        return new Relay(name, newHost, newPort, newTls, allowPlaintext, auth, ips, timeout, trustCertificate);
    }

    @Override
    public String toString() {
        return name + " (" + host + ":" + port + ", tls " + tls.yaml() + ")";
    }
}
