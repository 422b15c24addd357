package org.listguard.mailbox;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.MessageIDTerm;
import jakarta.mail.search.OrTerm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.ListInfo;
import org.listguard.config.MailboxSettings;
import org.listguard.config.TlsMode;
import org.listguard.deliver.NoDelaySocketFactory;
import org.listguard.deliver.ReplyCap;
import org.listguard.deliver.TlsTrust;
import org.listguard.guard.Seed;
import org.listguard.guard.SeedWatcher;
import org.listguard.placement.Arrival;
import org.listguard.placement.Placement;

/**
 * {@link SeedWatcher} over IMAP (RFC 9051) with Angus Mail: {@code tls: implicit} (IMAPS, port 993,
 * the default) or {@code starttls} (required, RFC 2595), the certificate and host name verified
 * against the JVM's trust store plus {@code trust_certificate} (as {@link TlsTrust} does for SMTP);
 * {@code tls: none} only on loopback (the config validator enforces it). Each look is one bounded
 * session: connect, find the junk folder ({@link JunkFolders}: {@code junk_folder}, SPECIAL-USE
 * {@code \Junk} from LIST, the usual names), open the inbox folder and the junk folder read-only
 * (EXAMINE: nothing is flagged, moved or deleted), one SEARCH per seed (HEADER X-Listguard-Seed or
 * Message-ID), the found message's header section only, logout. Connect, read and write are
 * bounded by {@link #TIMEOUT}; any failure is {@link Look.Unreachable} with the server's message,
 * never the password.
 */
public final class ImapSeedWatcher implements SeedWatcher {
    /** What the seed mailbox's server may send per response: seeds are small, the cap only stops a hostile server. */
    static final long SEED_MAX_MESSAGE = 64L * 1024 * 1024;
    /** At most this many folders are considered when looking for the junk folder. */
    static final int MAX_FOLDERS = 2_000;

    /** Connect/read/write timeout of every IMAP operation (DESIGN invariant 6: a run never hangs). */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MailboxSettings mailbox;
    private final char[] password;
    private final Duration timeout;
    private final String proto;
    private final Properties properties;
    private final String junkFolder;
    private final String authservId;

    /**
     * Reads {@code trust_certificate} now, so a bad one is bad input before anything is sent.
     *
     * @throws org.listguard.InputException when the certificate file cannot be read
     */
    public ImapSeedWatcher(MailboxSettings mailbox, char[] password, Duration timeout) {
        this(mailbox, password, timeout, null, null);
    }

    /**
     * @param junkFolder the seed's {@code junk_folder}, or null to find it
     * @param authservId the receiver's authserv-id whose Authentication-Results count, or null (the topmost)
     */
    public ImapSeedWatcher(MailboxSettings mailbox, char[] password, Duration timeout, String junkFolder, String authservId) {
        this.mailbox = mailbox;
        this.password = password == null ? new char[0] : Arrays.copyOf(password, password.length);
        this.timeout = timeout;
        this.proto = mailbox.tls() == TlsMode.IMPLICIT ? "imaps" : "imap";
        this.properties = properties(proto);
        this.junkFolder = junkFolder;
        this.authservId = authservId;
    }

    /** The adapter for {@code guard.seed_mailbox} (IMAP, or a Maildir when {@code maildir} is set). */
    public static SeedWatcher open(MailboxSettings mailbox, char[] password) {
        return open(mailbox, password, null, null);
    }

    /** The adapter for one seed's mailbox, with its {@code junk_folder} and {@code authserv_id}. */
    public static SeedWatcher open(MailboxSettings mailbox, char[] password, String junkFolder, String authservId) {
        if (mailbox.maildirPath().isPresent()) return new MaildirSeedWatcher(mailbox.maildirPath().get(), junkFolder, authservId);
        return new ImapSeedWatcher(mailbox, password, TIMEOUT, junkFolder, authservId);
    }

    @Override
    public Look look(Collection<Seed> seeds) {
        Session session = Session.getInstance(properties);
        Store store = null;
        try {
            store = session.getStore(proto);
            store.connect(mailbox.host(), mailbox.port(), mailbox.auth() == null ? null : mailbox.auth().username(), new String(password));
            Set<String> seen = new HashSet<>();
            Map<String, String> received = new HashMap<>();
            Map<String, Arrival> arrivals = new HashMap<>();
            search(store, mailbox.folder(), Placement.INBOX, seeds, seen, received, arrivals);
            String junk = junkFolder(store).orElse(null);
            if (junk != null && !junk.equalsIgnoreCase(mailbox.folder())) {
                search(store, junk, Placement.JUNK, seeds, seen, received, arrivals); // junk wins when a seed is in both
            }
            return new Look.Seen(seen, received, arrivals, Map.of());
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

    private void search(Store store, String name, Placement placement, Collection<Seed> seeds, Set<String> seen,
                        Map<String, String> received, Map<String, Arrival> arrivals) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (placement == Placement.JUNK && !folder.exists()) return;
        folder.open(Folder.READ_ONLY);
        try {
            for (Seed s : seeds) {
                Message[] hits = folder.search(new OrTerm(new HeaderTerm(Seed.HEADER, s.marker()), new MessageIDTerm(s.messageId())));
                if (hits.length == 0) continue;
                seen.add(s.marker());
                SeedHeaders h = SeedHeaders.read(headerSection(hits[0]), authservId, s.marker());
                if (h.received() != null) received.put(s.marker(), h.received());
                arrivals.put(s.marker(), new Arrival(placement, folder.getFullName(), h.verdict()));
            }
        } finally {
            folder.close(false);
        }
    }

    /** The header section as the server sent it (BODY.PEEK[HEADER]), folded lines kept. */
    private static byte[] headerSection(Message m) throws MessagingException {
        StringBuilder sb = new StringBuilder();
        Enumeration<String> lines = ((MimeMessage) m).getAllHeaderLines();
        while (lines.hasMoreElements() && sb.length() < org.listguard.placement.HeaderFields.MAX_BYTES) {
            sb.append(lines.nextElement()).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The seed's {@code junk_folder}; else SPECIAL-USE \Junk (RFC 6154) from LIST; else a usual name. */
    private java.util.Optional<String> junkFolder(Store store) throws MessagingException {
        if (junkFolder != null) return java.util.Optional.of(junkFolder);
        List<String> names = new ArrayList<>();
        String special = null;
        Folder[] all = store.getDefaultFolder().list("*");
        for (int i = 0; i < all.length && i < MAX_FOLDERS; i++) {
            names.add(all[i].getFullName());
            if (special == null && all[i] instanceof IMAPFolder f && hasJunk(f.getAttributes())) special = f.getFullName();
        }
        if (special == null && ((IMAPStore) store).hasCapability("SPECIAL-USE")) special = listSpecialUse(store);
        return JunkFolders.choose(names, special, null);
    }

    /** {@code LIST (SPECIAL-USE) "" "*"} (RFC 6154 s5.1), for servers that mark special-use only when asked. */
    private static String listSpecialUse(Store store) throws MessagingException {
        IMAPFolder root = (IMAPFolder) store.getDefaultFolder();
        Object found = root.doCommand(p -> {
            Response[] r = p.command("LIST (SPECIAL-USE) \"\" \"*\"", null);
            for (int i = 0; i < r.length && i < MAX_FOLDERS; i++) {
                if (!(r[i] instanceof IMAPResponse ir) || !ir.keyEquals("LIST")) continue;
                try {
                    ListInfo li = new ListInfo(ir);
                    if (hasJunk(li.attrs)) return li.name;
                } catch (org.eclipse.angus.mail.iap.ParsingException ignored) {
                    // a malformed LIST line names no folder
                }
            }
            return null;
        });
        return (String) found;
    }

    private static boolean hasJunk(String[] attrs) {
        if (attrs == null) return false;
        for (String a : attrs) if (a != null && a.toLowerCase(Locale.ROOT).equals("\\junk")) return true;
        return false;
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
        props.put(p + "peek", "true");
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
