package org.listguard.mailbox;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.MessageIDTerm;
import jakarta.mail.search.OrTerm;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.listguard.config.MailboxSettings;
import org.listguard.config.TlsMode;
import org.listguard.deliver.NoDelaySocketFactory;
import org.listguard.deliver.ReplyCap;
import org.listguard.deliver.TlsTrust;
import org.listguard.guard.Seed;
import org.listguard.guard.SeedWatcher;

/**
 * {@link SeedWatcher} over IMAP (RFC 9051) with Angus Mail: {@code tls: implicit} (IMAPS, port 993,
 * the default) or {@code starttls} (required, RFC 2595), the certificate and host name verified
 * against the JVM's trust store plus {@code trust_certificate} (as {@link TlsTrust} does for SMTP);
 * {@code tls: none} only on loopback (the config validator enforces it). Each look is one bounded
 * session: connect, open the folder read-only, one SEARCH per seed (HEADER X-Listguard-Seed or
 * Message-ID), logout. Connect, read and write are bounded by {@link #TIMEOUT}; any failure is
 * {@link Look.Unreachable} with the server's message, never the password.
 */
public final class ImapSeedWatcher implements SeedWatcher {
    /** What the seed mailbox's server may send per response: seeds are small, the cap only stops a hostile server. */
    static final long SEED_MAX_MESSAGE = 64L * 1024 * 1024;

    /** Connect/read/write timeout of every IMAP operation (DESIGN invariant 6: a run never hangs). */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MailboxSettings mailbox;
    private final char[] password;
    private final Duration timeout;
    private final String proto;
    private final Properties properties;

    /**
     * Reads {@code trust_certificate} now, so a bad one is bad input before anything is sent.
     *
     * @throws org.listguard.InputException when the certificate file cannot be read
     */
    public ImapSeedWatcher(MailboxSettings mailbox, char[] password, Duration timeout) {
        this.mailbox = mailbox;
        this.password = password == null ? new char[0] : Arrays.copyOf(password, password.length);
        this.timeout = timeout;
        this.proto = mailbox.tls() == TlsMode.IMPLICIT ? "imaps" : "imap";
        this.properties = properties(proto);
    }

    /** The adapter the send pipeline opens for {@code guard.seed_mailbox} (IMAP, or a Maildir when {@code maildir} is set). */
    public static SeedWatcher open(MailboxSettings mailbox, char[] password) {
        if (mailbox.maildirPath().isPresent()) return new MaildirSeedWatcher(mailbox.maildirPath().get());
        return new ImapSeedWatcher(mailbox, password, TIMEOUT);
    }

    @Override
    public Look look(Collection<Seed> seeds) {
        Session session = Session.getInstance(properties);
        Store store = null;
        try {
            store = session.getStore(proto);
            store.connect(mailbox.host(), mailbox.port(), mailbox.auth() == null ? null : mailbox.auth().username(), new String(password));
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_ONLY);
            try {
                Set<String> seen = new HashSet<>();
                java.util.Map<String, String> received = new java.util.HashMap<>();
                for (Seed s : seeds) {
                    Message[] hits = folder.search(new OrTerm(new HeaderTerm(Seed.HEADER, s.marker()), new MessageIDTerm(s.messageId())));
                    if (hits.length > 0) {
                        seen.add(s.marker());
                        String[] rcvd = hits[0].getHeader("Received");
                        if (rcvd != null && rcvd.length > 0) {
                            String r = rcvd[0].replaceAll("\\s+", " ").strip();
                            received.put(s.marker(), r.length() > 1000 ? r.substring(0, 1000) : r);
                        }
                    }
                }
                return new Look.Seen(seen, received);
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | IllegalStateException e) {
            return new Look.Unreachable(describe() + ": " + messageOf(e));
        } finally {
            if (store != null) {
                try {
                    store.close();
                } catch (MessagingException ignored) {
                    // the look's answer is already decided
                }
            }
        }
    }

    @Override
    public String describe() {
        return "imap" + (mailbox.tls() == TlsMode.IMPLICIT ? "s" : "") + "://" + mailbox.host() + ":" + mailbox.port() + "/" + mailbox.folder();
    }

    @Override
    public void close() {
        Arrays.fill(password, '\0');
    }

    private Properties properties(String proto) {
        String p = "mail." + proto + ".";
        String ms = Long.toString(Math.max(1, timeout.toMillis()));
        Properties props = new Properties();
        props.put(p + "host", mailbox.host());
        props.put(p + "port", Integer.toString(mailbox.port()));
        props.put(p + "connectiontimeout", ms);
        props.put(p + "timeout", ms);
        props.put(p + "writetimeout", ms);
        props.put("mail.debug.auth", "false");
        if (mailbox.tls() != TlsMode.NONE) {
            ReplyCap.Limits limits = ReplyCap.Limits.imap(SEED_MAX_MESSAGE);
            props.put(p + "ssl.socketFactory", TlsTrust.socketFactory(mailbox.trustCertificate(), "guard.seed_mailbox.trust_certificate", limits));
            props.put(p + "socketFactory", new NoDelaySocketFactory(limits));
            props.put(p + "socketFactory.fallback", "false");
            props.put(p + "ssl.socketFactory.fallback", "false");
            props.put(p + "ssl.checkserveridentity", "true");
        }
        if (mailbox.tls() == TlsMode.IMPLICIT) props.put(p + "ssl.enable", "true");
        if (mailbox.tls() == TlsMode.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        return props;
    }

    /** The exception's message and its causes' (a TLS failure says why only in its cause). */
    private static String messageOf(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) sb.append(": ").append(c.getMessage());
        }
        return sb.toString();
    }
}
