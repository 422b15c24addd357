package org.listguard.mailbox;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.listguard.config.MailboxSettings;
import org.listguard.config.TlsMode;
import org.listguard.deliver.NoDelaySocketFactory;
import org.listguard.deliver.ReplyCap;
import org.listguard.deliver.TlsTrust;
import org.listguard.feedback.BounceMailbox;
import org.listguard.feedback.MailboxException;
import org.listguard.feedback.MailboxMessage;
import org.listguard.feedback.MessageTooLarge;
import org.listguard.feedback.ReadMarks;

/**
 * An IMAP folder as the bounce mailbox (RFC 9051 / 3501, Angus Mail).
 * <ul>
 *   <li>TLS: {@code implicit} is IMAPS (RFC 8314, port 993); {@code starttls} upgrades a plain
 *       connection and refuses to go on without it (RFC 2595); {@code none} only to loopback (the
 *       config validator enforces it). The certificate and host name are always verified, against
 *       the JVM's CAs plus {@code trust_certificate} when given ({@link TlsTrust}).</li>
 *   <li>Timeouts: connect {@value #CONNECT_TIMEOUT_MS} ms, every read and write
 *       {@value #IO_TIMEOUT_MS} ms (Angus's defaults are infinite; DESIGN.md invariant 6).</li>
 *   <li>Reading uses BODY.PEEK (mail.imap.peek): unread mail stays unread.</li>
 *   <li>Processed: flagged \Seen and {@value #KEYWORD}, then moved with MOVE (RFC 6851) to the
 *       processed folder, created when missing. Without MOVE, or with {@code processed_folder: none},
 *       the message only keeps the flags: copy-and-expunge is never used, so nothing is deleted.
 *       Messages carrying the keyword are not listed again.</li>
 *   <li>Incremental (issue 21): with {@link ReadMarks} kept in the journal, the folder's
 *       UIDVALIDITY and the last UID up to which every message was read (processed, set aside
 *       or left) are remembered; a look asks only for the UIDs after it ({@code UID FETCH n:*}),
 *       so junk is read once, not at every look. A new UIDVALIDITY (the folder was recreated)
 *       means a full read; reports read again are not applied twice (their key is journaled).</li>
 * </ul>
 */
public final class ImapMailbox implements BounceMailbox {
    /** The IMAP keyword (RFC 9051 §2.3.2) marking a message listguard has processed. */
    public static final String KEYWORD = "$ListguardProcessed";
    /** The keyword of a message set aside unread (too large): not listed again, never deleted. */
    public static final String SET_ASIDE_KEYWORD = "$ListguardSetAside";
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int IO_TIMEOUT_MS = 60_000;

    private final Store store;
    private final IMAPFolder folder;
    private final String url;
    private final Optional<String> processedFolder;
    private final long uidValidity;
    private final long maxMessageSize;
    private Folder processed;
    private final ReadMarks marks;
    /** The UIDs of the last listing not yet read through, in order. */
    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    private final Set<Long> complete = new HashSet<>();
    /** UIDs before the mark that are read again at every pass ({@link #keepListed}). */
    private final Set<Long> kept = new java.util.TreeSet<>();
    /** Every message with a UID up to this one was read (under {@link #uidValidity}); saved is what the marks hold. */
    private long readThrough;
    private long saved;
    private int unsaved;

    private ImapMailbox(Store store, IMAPFolder folder, String url, Optional<String> processedFolder, long maxMessageSize, ReadMarks marks)
            throws MessagingException {
        this.store = store;
        this.folder = folder;
        this.url = url;
        this.processedFolder = processedFolder;
        this.uidValidity = folder.getUIDValidity();
        this.maxMessageSize = maxMessageSize;
        this.marks = marks;
        Optional<ReadMarks.UidMark> mark = marks.uidMark(url);
        this.readThrough = mark.filter(m -> m.uidValidity() == uidValidity).map(ReadMarks.UidMark::lastUid).orElse(0L);
        this.saved = readThrough;
        if (readThrough > 0) marks.left(keptReader()).forEach(u -> kept.add(Long.parseLong(u)));
        if (mark.isPresent() && mark.get().uidValidity() != uidValidity) {
            // a new UIDVALIDITY (the folder was recreated): the UIDs kept under the old one name nothing now
            String old = keptReader(mark.get().uidValidity());
            marks.update(old, List.of(), marks.left(old));
        }
    }

    /**
     * Connects, logs in and opens the folder read-write.
     *
     * @param processedFolder where processed messages go, or empty to only flag them
     * @throws MailboxException naming the setting at fault (host, auth, folder, trust_certificate)
     */
    public static ImapMailbox open(MailboxSettings s, char[] password, Optional<String> processedFolder) throws MailboxException {
        return open(s, password, processedFolder, org.listguard.config.Sizes.parse(org.listguard.config.Defaults.MAX_MESSAGE_SIZE));
    }

    /**
     * As {@link #open(MailboxSettings, char[], Optional)}; a message over {@code maxMessageSize}
     * bytes (by RFC822.SIZE, and by the bytes the server actually sends) is never read into memory.
     */
    public static ImapMailbox open(MailboxSettings s, char[] password, Optional<String> processedFolder, long maxMessageSize)
            throws MailboxException {
        return open(s, password, processedFolder, maxMessageSize, ReadMarks.NONE);
    }

    /** As {@link #open(MailboxSettings, char[], Optional, long)}; how far the folder was read is kept in {@code marks}. */
    public static ImapMailbox open(MailboxSettings s, char[] password, Optional<String> processedFolder, long maxMessageSize,
                                   ReadMarks marks) throws MailboxException {
        String protocol = s.tls() == TlsMode.IMPLICIT ? "imaps" : "imap";
        String user = s.auth() == null ? null : s.auth().username();
        String url = protocol + "://" + (user == null ? "" : user + "@") + s.host() + ":" + s.port() + "/" + s.folder();
        Session session;
        try {
            session = Session.getInstance(properties(s, protocol, ReplyCap.Limits.imap(maxMessageSize)));
        } catch (org.listguard.InputException e) {
            throw new MailboxException("trust_certificate", e.problem(), e);
        }
        Store store;
        try {
            store = session.getStore(protocol);
            store.connect(s.host(), s.port(), user, new String(password));
        } catch (AuthenticationFailedException e) {
            throw new MailboxException("auth", "IMAP login to " + s.host() + ":" + s.port() + " as " + user + " was refused: "
                    + e.getMessage(), e);
        } catch (MessagingException e) {
            boolean tls = causedBy(e, SSLException.class);
            throw new MailboxException(tls ? "trust_certificate" : "host", "cannot connect to IMAP " + s.host() + ":" + s.port()
                    + " (" + s.tls().yaml() + "): " + rootMessage(e)
                    + (tls ? " — the server's certificate is not trusted or does not name the host; give its CA as trust_certificate" : ""), e);
        }
        try {
            Folder f = store.getFolder(s.folder());
            if (!f.exists()) throw new MailboxException("folder", "there is no IMAP folder '" + s.folder() + "' on " + s.host());
            f.open(Folder.READ_WRITE);
            return new ImapMailbox(store, (IMAPFolder) f, url, processedFolder, maxMessageSize, marks);
        } catch (MessagingException e) {
            closeQuietly(store);
            throw new MailboxException("folder", "cannot open IMAP folder '" + s.folder() + "' on " + s.host() + ": " + rootMessage(e), e);
        } catch (MailboxException e) {
            closeQuietly(store);
            throw e;
        }
    }

    static Properties properties(MailboxSettings s, String protocol) {
        return properties(s, protocol, ReplyCap.Limits.imap(org.listguard.config.Sizes.parse(org.listguard.config.Defaults.MAX_MESSAGE_SIZE)));
    }

    /** @param limits what the server may send per response (a hostile server cannot fill the heap) */
    static Properties properties(MailboxSettings s, String protocol, ReplyCap.Limits limits) {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(p + "connectiontimeout", Integer.toString(CONNECT_TIMEOUT_MS));
        props.put(p + "timeout", Integer.toString(IO_TIMEOUT_MS));
        props.put(p + "writetimeout", Integer.toString(IO_TIMEOUT_MS));
        props.put(p + "ssl.socketFactory", TlsTrust.socketFactory(s.trustCertificate(), "trust_certificate", limits));
        props.put(p + "socketFactory", new NoDelaySocketFactory(limits));
        props.put(p + "socketFactory.fallback", "false");
        props.put(p + "ssl.checkserveridentity", "true");
        boolean starttls = s.tls() == TlsMode.STARTTLS;
        props.put(p + "starttls.enable", Boolean.toString(starttls));
        props.put(p + "starttls.required", Boolean.toString(starttls));
        props.put(p + "peek", "true");
        return props;
    }

    @Override
    public String describe() { return "IMAP " + url; }

    @Override
    public List<MailboxMessage> messages() throws MailboxException {
        try {
            saveMark();
            // NOOP: the server tells of the messages that arrived since the last look (untagged EXISTS), which the UID FETCH needs
            folder.doCommand(p -> {
                p.noop();
                return null;
            });
            long from = readThrough + 1;
            // UID FETCH n:* (UID): only the messages after the mark; "*" is the last message even when its UID is below n
            Message[] after = readThrough == 0 ? folder.getMessages() : folder.getMessagesByUID(from, UIDFolder.LASTUID);
            Message[] all = withKept(after, from);
            FetchProfile fp = new FetchProfile();
            fp.add(FetchProfile.Item.FLAGS);
            fp.add(UIDFolder.FetchProfileItem.UID);
            fp.add(FetchProfile.Item.SIZE);
            folder.fetch(all, fp);
            listedMessages.clear();
            listedAt.clear();
            headersFetched = 0;
            pending.clear();
            complete.clear();
            boolean track = marks != ReadMarks.NONE;
            List<MailboxMessage> out = new ArrayList<>();
            for (Message m : all) {
                if (m == null || m.isExpunged()) continue;
                long uid = folder.getUID(m);
                if (uid < from && !kept.contains(uid) || listedAt.containsKey(uid)) continue; // "*" may repeat a kept one
                if (track && uid >= from) pending.add(uid);
                if (m.getFlags().contains(KEYWORD) || m.getFlags().contains(SET_ASIDE_KEYWORD)) {
                    if (kept.contains(uid)) forget(List.of(Long.toString(uid))); // another reader processed it
                    if (track) complete.add(uid);
                    continue;
                }
                listedAt.put(uid, listedMessages.size());
                listedMessages.add(m);
                out.add(new MailboxMessage(Long.toString(uid), url + ";UIDVALIDITY=" + uidValidity + "/;UID=" + uid));
            }
            readThrough();
            return out;
        } catch (MessagingException e) {
            throw new MailboxException("host", "cannot list " + url + ": " + rootMessage(e), e);
        }
    }

    @Override
    public byte[] read(MailboxMessage m) throws MailboxException {
        try {
            Message msg = message(m);
            int size = msg.getSize(); // RFC822.SIZE, fetched with the listing
            if (size > maxMessageSize) throw new MessageTooLarge(m.source(), size, maxMessageSize);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            msg.writeTo(new CappedOutput(out, maxMessageSize, m.source())); // BODY.PEEK[]: does not set \Seen
            return out.toByteArray();
        } catch (MailboxException e) {
            throw e;
        } catch (MessagingException | IOException e) {
            if (e.getCause() instanceof MessageTooLarge t) throw t;
            throw new MailboxException("host", "cannot read " + m.source() + ": " + rootMessage(e), e);
        }
    }

    /** The header block as fetched with the listing (BODY.PEEK[HEADER]); the body is not fetched. */
    @Override
    public byte[] headers(MailboxMessage m) throws MailboxException {
        try {
            Message msg = message(m);
            Integer at = listedAt.get(Long.parseLong(m.id()));
            if (at != null && at >= headersFetched) { // the next chunk of the listing in one FETCH (BODY.PEEK[HEADER])
                int end = Math.min(listedMessages.size(), at + HEADER_CHUNK);
                FetchProfile fp = new FetchProfile();
                fp.add(IMAPFolder.FetchProfileItem.HEADERS);
                folder.fetch(listedMessages.subList(at, end).toArray(new Message[0]), fp);
                headersFetched = end;
            }
            StringBuilder sb = new StringBuilder();
            java.util.Enumeration<String> lines = ((jakarta.mail.internet.MimeMessage) msg).getAllHeaderLines();
            while (lines.hasMoreElements() && sb.length() <= org.listguard.feedback.ReportCandidate.MAX_HEADER_BYTES) {
                sb.append(lines.nextElement()).append("\r\n");
            }
            return sb.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (MessagingException e) {
            throw new MailboxException("host", "cannot read the headers of " + m.source() + ": " + rootMessage(e), e);
        }
    }

    /** Flags the message \Flagged and {@value #SET_ASIDE_KEYWORD}: it stays where it is, unread, and is not listed again. */
    @Override
    public String setAside(MailboxMessage m, String why) throws MailboxException {
        try {
            Message msg = message(m);
            msg.setFlags(new Flags(Flags.Flag.FLAGGED), true);
            msg.setFlags(new Flags(SET_ASIDE_KEYWORD), true);
            done(m);
            return "keyword " + SET_ASIDE_KEYWORD + " in " + url;
        } catch (MessagingException e) {
            throw new MailboxException("host", "cannot flag " + m.source() + " (" + why + "): " + rootMessage(e), e);
        }
    }

    /** Stops a copy at the cap: a server that lies about RFC822.SIZE still cannot fill the heap. */
    private static final class CappedOutput extends java.io.FilterOutputStream {
        private final long cap;
        private final String source;
        private long written;

        CappedOutput(java.io.OutputStream out, long cap, String source) {
            super(out);
            this.cap = cap;
            this.source = source;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > cap) throw new MessageTooLarge(source, -1, cap);
            out.write(b, off, len);
        }
    }

    @Override
    public void markProcessed(MailboxMessage m) throws MailboxException {
        try {
            Message msg = message(m);
            msg.setFlags(new Flags(Flags.Flag.SEEN), true);
            Flags keyword = new Flags(KEYWORD);
            if (folder.getPermanentFlags().contains(Flags.Flag.USER) || folder.getPermanentFlags().contains(KEYWORD)) {
                msg.setFlags(keyword, true);
            }
            if (processedFolder.isPresent() && ((IMAPStore) store).hasCapability("MOVE")) {
                folder.moveMessages(new Message[] {msg}, processedFolder());
            }
            done(m);
        } catch (MessagingException e) {
            throw new MailboxException("processed_folder", "cannot mark " + m.source() + " processed: " + rootMessage(e), e);
        }
    }

    /** Read and left where it is: not asked for again (the mark passes it once every earlier message is done too). */
    @Override
    public void left(MailboxMessage m) {
        done(m);
    }

    /**
     * A report left unapplied that {@code bounces process} reads again ({@link org.listguard.feedback.RereadUnapplied}):
     * the mark moves past it as past any message read, and its UID is kept apart (under this
     * UIDVALIDITY) and fetched by UID at every pass until it is processed, set aside or gone, so
     * the messages after it are not listed again.
     */
    @Override
    public void keepListed(MailboxMessage m) {
        done(m);
        long uid = Long.parseLong(m.id());
        if (marks != ReadMarks.NONE && kept.add(uid)) marks.update(keptReader(), List.of(Long.toString(uid)), List.of());
    }

    /** {@code after} with the kept UIDs below {@code from} that are still in the folder before it, in UID order; forgets the gone ones. */
    private Message[] withKept(Message[] after, long from) throws MessagingException {
        if (kept.isEmpty()) return after;
        long[] uids = kept.stream().filter(u -> u < from).mapToLong(Long::longValue).sorted().toArray();
        Message[] found = folder.getMessagesByUID(uids);
        List<Message> out = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < uids.length; i++) {
            if (found[i] == null || found[i].isExpunged()) gone.add(Long.toString(uids[i]));
            else out.add(found[i]);
        }
        forget(gone);
        out.addAll(java.util.Arrays.asList(after));
        return out.toArray(new Message[0]);
    }

    private void forget(List<String> uids) {
        if (uids.isEmpty()) return;
        uids.forEach(u -> kept.remove(Long.parseLong(u)));
        marks.update(keptReader(), List.of(), uids);
    }

    private String keptReader() { return keptReader(uidValidity); }

    private String keptReader(long validity) { return url + " kept " + validity; }

    private void done(MailboxMessage m) {
        long uid = Long.parseLong(m.id());
        if (kept.contains(uid)) forget(List.of(m.id())); // processed, set aside or left: no longer kept (keepListed adds it back)
        Integer at = listedAt.get(uid);
        if (at != null && listedMessages.get(at) instanceof org.eclipse.angus.mail.imap.IMAPMessage im) im.invalidateHeaders(); // heap stays flat
        if (marks == ReadMarks.NONE) return; // without marks every look reads the whole folder, as before issue 21
        complete.add(uid);
        readThrough();
        if (++unsaved >= SAVE_EVERY) saveMark();
    }

    /** Moves the mark over the listed messages that are done, in UID order: a pass that stops leaves the rest to the next look. */
    private void readThrough() {
        while (!pending.isEmpty() && complete.remove(pending.peekFirst())) readThrough = pending.pollFirst();
    }

    private void saveMark() {
        unsaved = 0;
        if (readThrough == saved) return;
        marks.uidMark(url, new ReadMarks.UidMark(uidValidity, readThrough));
        saved = readThrough;
    }

    /** The mark is written at least this often during a pass (and at the next look, and at close). */
    static final int SAVE_EVERY = 1_000;
    /** Headers are fetched for this many listed messages at a time, and dropped once each is done: 50,000 new messages do not sit in the heap. */
    static final int HEADER_CHUNK = 500;
    private final List<Message> listedMessages = new ArrayList<>();
    private final java.util.Map<Long, Integer> listedAt = new java.util.HashMap<>();
    private int headersFetched;

    private Folder processedFolder() throws MessagingException {
        if (processed == null) {
            Folder f = store.getFolder(processedFolder.orElseThrow());
            if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("the server refused to create folder '" + processedFolder.get() + "'");
            }
            processed = f;
        }
        return processed;
    }

    private Message message(MailboxMessage m) throws MessagingException {
        Message msg = folder.getMessageByUID(Long.parseLong(m.id()));
        if (msg == null) throw new MessagingException("message UID " + m.id() + " is gone from " + url);
        return msg;
    }

    @Override
    public void close() throws MailboxException {
        try {
            saveMark();
            if (folder.isOpen()) folder.close(false); // false: never expunge
            store.close();
        } catch (MessagingException e) {
            throw new MailboxException("host", "cannot close " + url + ": " + rootMessage(e), e);
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) return true;
            if (c instanceof MessagingException me && me.getNextException() != null && me.getNextException() != c.getCause()
                    && causedBy(me.getNextException(), type)) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    private static void closeQuietly(Store s) {
        try {
            s.close();
        } catch (MessagingException ignored) {
            // closing after a failed open: the first error is the one reported
        }
    }
}
