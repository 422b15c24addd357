package org.listguard.audit.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;

/**
 * Every relay accepts our session: connect, EHLO, STARTTLS with a verified certificate (unless
 * {@code tls: none}), AUTH with the configured credentials, QUIT — no mail is sent. Any failed
 * step fails, with the server's reply as detail; a password that cannot be read fails naming the
 * variable or file, never the value.
 */
public final class RelayCheck implements Check {
    static final String CHECK = "relay";

    @Override
    public String name() { return CHECK; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        List<CompletableFuture<Finding>> parts = new ArrayList<>();
        for (Relay relay : ctx.config().relays()) parts.add(check(ctx, relay));
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Finding> check(AuditContext ctx, Relay relay) {
        Finding base = Finding.of(CHECK, relay.host() + ":" + relay.port(), Role.RELAY, Status.PASS).withSource(relay.name());
        char[] password = null;
        if (relay.credentials().isPresent()) {
            try {
                password = relay.credentials().get().password(ctx.env());
            } catch (IllegalStateException e) {
                // Credentials' messages name the variable or file, never a value.
                return CompletableFuture.completedFuture(base.withStatus(Status.FAIL).withCode("no password")
                        .withDetail(e.getMessage())
                        .withRemediation("set the password in the environment variable or file named by relays[].auth"));
            }
        }
        char[] pw = password;
        return ctx.relayProbe().probe(relay, ctx.config().sender().helo(), pw).handle((r, err) -> {
            if (pw != null) java.util.Arrays.fill(pw, '\0');
            if (err != null) return base.withStatus(Status.UNKNOWN).withDetail("the probe could not finish: " + err);
            return judge(relay, base, r);
        });
    }

    static Finding judge(Relay relay, Finding base, ProbeResult r) {
        String ehlo = r.ehloLines().isEmpty() ? "" : " (EHLO: " + String.join(", ", r.ehloLines()) + ")";
        if (r.ok()) {
            String how = relay.tls() == TlsMode.NONE ? "without TLS" : "TLS verified (" + relay.tls().yaml() + ")";
            String auth = "ok".equals(r.auth()) ? ", AUTH accepted" : ", no AUTH configured";
            Finding ok = base.withCode("ok").withDetail("connected, " + how + auth + ehlo);
            if (relay.tls() == TlsMode.NONE && relay.allowPlaintext()) {
                return ok.withStatus(Status.WARN).withMeaning("allow_plaintext: the password and every message cross the network unencrypted")
                        .withRemediation("use tls: starttls or implicit");
            }
            return ok;
        }
        ProbeResult.Failure f = r.failure();
        Finding fail = base.withStatus(Status.FAIL).withCode(f.step().name().toLowerCase(java.util.Locale.ROOT)).withDetail(f.detail() + ehlo);
        switch (f.step()) {
            case CONNECT:
                return fail.withMeaning("cannot connect to the relay")
                        .withRemediation("check relays[].host/port, the firewall, and that the relay accepts connections from this host");
            case STARTTLS_NOT_OFFERED:
                return fail.withMeaning("the relay does not offer STARTTLS; credentials and mail would travel in clear text")
                        .withRemediation("use the relay's TLS port (587 with STARTTLS, or 465 with tls: implicit)");
            case CERTIFICATE:
                return fail.withMeaning("the relay's TLS certificate could not be verified (untrusted, expired, or for another host name)")
                        .withRemediation("use the host name the certificate is issued for, or trust a private CA with relays[].trust_certificate");
            case AUTH_NOT_OFFERED:
                return fail.withMeaning("credentials are configured but the relay does not offer AUTH")
                        .withRemediation("check relays[].port and tls; remove auth if the relay authorises by IP");
            case AUTH_REJECTED:
                return fail.withMeaning("the relay rejected the credentials")
                        .withRemediation("check relays[].auth.username and the password");
            default:
                return fail.withMeaning("the SMTP session failed");
        }
    }
}
