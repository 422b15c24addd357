package org.listguard.deliver;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailConnectException;
import org.listguard.audit.relay.ProbeResult;
import org.listguard.audit.relay.ProbeResult.Step;
import org.listguard.audit.relay.RelayProbe;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;

/**
 * Probes a smart host with Angus Mail without sending mail: connect, EHLO, STARTTLS (required
 * unless {@code tls: none}; SMTPS for {@code implicit}) with the certificate and host name
 * verified, AUTH when credentials are configured, QUIT. Every step is bounded by
 * {@code relays[].timeout}. The password is used only for AUTH and never appears in a result.
 */
public final class SmtpRelayProbe implements RelayProbe {
    /** Extensions reported in {@link ProbeResult#ehloLines()} when the server announces them. */
    private static final List<String> EXTENSIONS = List.of("STARTTLS", "AUTH", "SIZE", "PIPELINING", "8BITMIME",
            "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING", "DSN", "REQUIRETLS");
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "listguard-relay-probe");
        t.setDaemon(true);
        return t;
    });

    private final String helo;

    /** @param helo the EHLO name (sender.helo), or null for the host's own name */
    public SmtpRelayProbe(String helo) {
        this.helo = helo;
    }

    public SmtpRelayProbe() {
        this(null);
    }

    @Override
    public CompletableFuture<ProbeResult> probe(Relay relay, char[] password) {
        return probe(relay, helo, password);
    }

    @Override
    public CompletableFuture<ProbeResult> probe(Relay relay, String ehloName, char[] password) {
        String name = ehloName != null ? ehloName : helo;
        return CompletableFuture.supplyAsync(() -> probeNow(relay, name, password), POOL);
    }

    ProbeResult probeNow(Relay relay, String ehloName, char[] password) {
        String tls = relay.tls().yaml();
        Session session;
        try {
            session = Session.getInstance(SmtpProperties.of(relay, ehloName));
        } catch (org.listguard.InputException e) {
            return ProbeResult.failed(Step.CERTIFICATE, e.getMessage(), null, tls);
        }
        SMTPTransport t;
        try {
            t = (SMTPTransport) session.getTransport(SmtpProperties.protocol(relay));
        } catch (MessagingException e) {
            return ProbeResult.failed(Step.PROTOCOL, "no SMTP transport: " + e.getMessage(), null, tls);
        }
        String user = relay.credentials().map(c -> c.username()).orElse(null);
        try {
            t.connect(relay.host(), relay.port(), user, password == null ? null : new String(password));
            List<String> ehlo = extensions(t);
            if (relay.tls() != TlsMode.NONE && !t.isSSL()) {
                return ProbeResult.failed(Step.PROTOCOL, "the session is not protected by TLS", ehlo, tls);
            }
            if (user != null && !t.supportsExtension("AUTH")) {
                return ProbeResult.failed(Step.AUTH_NOT_OFFERED, "the server does not announce AUTH"
                        + (relay.tls() == TlsMode.NONE ? " (many servers offer it only after STARTTLS)" : ""), ehlo, tls);
            }
            return new ProbeResult(null, ehlo, tls, user == null ? "not-configured" : "ok");
        } catch (AuthenticationFailedException e) {
            return ProbeResult.failed(Step.AUTH_REJECTED, reply(t, e), extensions(t), tls);
        } catch (MessagingException e) {
            return ProbeResult.failed(classify(e), describe(e), extensions(t), tls);
        } finally {
            try {
                t.close(); // QUIT
            } catch (MessagingException ignored) {
                // the session is over either way
            }
        }
    }

    static Step classify(MessagingException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("STARTTLS is required")) return Step.STARTTLS_NOT_OFFERED;
        for (Throwable c = e; c != null; c = next(c)) {
            if (c instanceof SSLException || c instanceof CertificateException) return Step.CERTIFICATE;
            if (String.valueOf(c.getMessage()).contains("identity of server")) return Step.CERTIFICATE;
        }
        for (Throwable c = e; c != null; c = next(c)) {
            if (c instanceof MailConnectException || c instanceof ConnectException || c instanceof SocketTimeoutException
                    || c instanceof UnknownHostException || c instanceof NoRouteToHostException) {
                return Step.CONNECT;
            }
        }
        return Step.PROTOCOL;
    }

    private static Throwable next(Throwable t) {
        Throwable n = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        return n == t ? null : n;
    }

    private static String describe(MessagingException e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable c = next(e);
        for (int i = 0; c != null && i < 4; i++, c = next(c)) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) sb.append(": ").append(c.getMessage());
        }
        return sb.toString();
    }

    private static String reply(SMTPTransport t, MessagingException e) {
        String last = t.getLastServerResponse();
        return last != null && !last.isBlank() ? last.strip() : String.valueOf(e.getMessage());
    }

    private static List<String> extensions(SMTPTransport t) {
        List<String> out = new ArrayList<>();
        for (String ext : EXTENSIONS) {
            if (!t.supportsExtension(ext)) continue;
            String param = t.getExtensionParameter(ext);
            out.add(param == null || param.isEmpty() ? ext : ext + " " + param);
        }
        return out;
    }
}
