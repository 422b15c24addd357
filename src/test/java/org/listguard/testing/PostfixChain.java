package org.listguard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The situation of issue 8 on loopback, with two real Postfix instances from private config dirs:
 * <ul>
 *   <li>a <b>smart host</b> on 127.0.0.1 that relays everything to the receiver, leaving from
 *       {@link #EGRESS} ({@code smtp_bind_address}), and delivers its own DSNs for the return-path
 *       domain {@code example.org} to the Maildir {@link #returnPath()} (virtual delivery);</li>
 *   <li>a <b>receiver</b> on 127.0.0.1 (another port) hosting the given member domains, delivering
 *       what it accepts to the Maildir {@link #inbox()}.</li>
 * </ul>
 * The receiver refuses listed clients with Postfix's own {@code reject_rbl_client} against a real
 * DNSBL server, {@link Rbldnsd} on {@link #DNSBL_ADDRESS}:53, which {@link #list} and
 * {@link #delist} change. Postfix asks the system resolver, which has no per-instance setting, so
 * the receiver's smtpd runs chrooted in its queue directory, whose {@code etc/resolv.conf} names
 * that server (the reason Debian copies resolv.conf into Postfix's chroot). {@link #refuseDomain}
 * makes the receiver refuse one domain with Cisco's reputation text (a second provider's own verdict).
 */
public final class PostfixChain implements AutoCloseable {
    public static final String EGRESS = "127.0.0.25";
    public static final String ZONE = "rep.rbl.test";
    public static final String RBL_REPLY = "554 5.7.1 Service unavailable; Client host [" + EGRESS + "] blocked using " + ZONE
            + "; https://" + ZONE + "/lookup?ip=" + EGRESS;
    /** Where the receiver's DNSBL answers (port 53: the resolver has no port setting). */
    public static final String DNSBL_ADDRESS = "127.0.0.77";
    public static final String CISCO_REPLY = "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.";

    private final Path base;
    private final int smartHostPort;
    private final int receiverPort;
    private final Map<String, PostfixInstance> instances = new java.util.LinkedHashMap<>();
    private Rbldnsd dnsbl;

    private PostfixChain(Path base, int smartHostPort, int receiverPort) {
        this.base = base;
        this.smartHostPort = smartHostPort;
        this.receiverPort = receiverPort;
    }

    /** Starts both instances; the receiver hosts {@code domains}. */
    public static PostfixChain start(List<String> domains) throws IOException, InterruptedException {
        Peers.require("postfix");
        Peers.requireRoot("PostfixChain (the Postfix master starts as root)");
        Path base = Files.createTempDirectory("listguard-chain");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        PostfixChain chain = new PostfixChain(base, Peers.freePort(), Peers.freePort());
        try {
            Path vmail = Files.createDirectories(base.resolve("vmail"));
            UserPrincipal nobody = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(vmail, nobody);
            for (String box : List.of("returnpath", "inbox")) { // the mailboxes exist before the first message, as an operator's do
                for (String sub : List.of("cur", "new", "tmp")) Files.setOwner(Files.createDirectories(vmail.resolve(box).resolve(sub)), nobody);
                Files.setOwner(vmail.resolve(box), nobody);
            }
            Files.writeString(base.resolve("refuse.regexp"), "");
            chain.dnsbl = Rbldnsd.start(base.resolve("rbl"), DNSBL_ADDRESS, ZONE).watching(EGRESS);
            Path receiverEtc = Files.createDirectories(base.resolve("receiver").resolve("queue").resolve("etc"));
            Files.writeString(receiverEtc.resolve("resolv.conf"), "nameserver " + DNSBL_ADDRESS + "\noptions timeout:2 attempts:2\n");
            chain.instance("receiver", chain.receiverPort, true, String.join("\n",
                    "myhostname = mx.receiver.test",
                    "mynetworks = 127.0.0.1/32",
                    "smtpd_client_restrictions = reject_rbl_client " + ZONE,
                    "smtpd_recipient_restrictions = check_recipient_access regexp:" + base.resolve("refuse.regexp") + ", permit",
                    "smtpd_relay_restrictions = reject_unauth_destination",
                    "virtual_mailbox_domains = " + String.join(" ", domains),
                    "virtual_mailbox_maps = static:inbox/",
                    "relayhost =",
                    ""));
            chain.instance("smarthost", chain.smartHostPort, false, String.join("\n",
                    "myhostname = smarthost.isp.test",
                    "mynetworks = 127.0.0.0/8",
                    "smtpd_relay_restrictions = permit_mynetworks, reject",
                    "smtp_bind_address = " + EGRESS,
                    "relayhost = [127.0.0.1]:" + chain.receiverPort,
                    "virtual_mailbox_domains = example.org",
                    "virtual_mailbox_maps = static:returnpath/",
                    // a DSN for every refusal, with the receiver's reply (the default; said for the reader)
                    "notify_classes = resource, software",
                    ""));
        } catch (IOException | RuntimeException e) {
            chain.close();
            throw e;
        }
        return chain;
    }

    /** @param chrootSmtpd run smtpd chrooted in the queue directory (it then reads the queue's etc/resolv.conf) */
    private void instance(String name, int port, boolean chrootSmtpd, String extra) throws IOException, InterruptedException {
        PostfixInstance.Builder b = PostfixInstance.in(base.resolve(name)).port(port).virtualMailboxes(base.resolve("vmail"))
                .main(extra.split("\n"));
        if (chrootSmtpd) b.chrootSmtpd();
        instances.put(name, b.start());
    }

    /** The smart host's SMTP port on 127.0.0.1 (no TLS, no auth: loopback). */
    public int smartHostPort() { return smartHostPort; }

    /** The Maildir the smart host delivers its DSNs to (bounces.mailbox.maildir). */
    public Path returnPath() { return base.resolve("vmail").resolve("returnpath"); }

    /** The Maildir the receiver delivers accepted mail to. */
    public Path inbox() { return base.resolve("vmail").resolve("inbox"); }

    /** The receiver lists the smart host's egress IP (its reply is {@link #RBL_REPLY}). */
    public void list() throws IOException, InterruptedException {
        dnsbl.list(EGRESS, "https://" + ZONE + "/lookup?ip=$");
        reload("receiver");
    }

    /** The receiver delists it. */
    public void delist() throws IOException, InterruptedException {
        dnsbl.delist(EGRESS);
        reload("receiver"); // a session open from before (the smart host caches connections) keeps its verdict: end them
    }

    /** The receiver refuses every recipient of {@code domain} with {@link #CISCO_REPLY}. */
    public void refuseDomain(String domain) throws IOException, InterruptedException {
        Files.writeString(base.resolve("refuse.regexp"), "/@" + domain.replace(".", "\\.") + "$/ " + CISCO_REPLY + "\n");
        reload("receiver");
    }

    private void reload(String name) throws IOException, InterruptedException {
        instances.get(name).reload();
    }

    /** Waits (polling) until the smart host's queue is empty: every message delivered or bounced, every DSN delivered. */
    public void awaitSmartHostIdle(Duration limit) throws IOException, InterruptedException {
        Path queue = base.resolve("smarthost").resolve("queue");
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (countFiles(queue.resolve("active")) + countFiles(queue.resolve("incoming")) + countFiles(queue.resolve("deferred"))
                    + countFiles(queue.resolve("maildrop")) == 0) {
                return;
            }
            Thread.sleep(50); // polling a peer's queue, not timing an assertion
        }
        throw new IOException("the smart host's queue did not drain within " + limit + "\n" + log("smarthost"));
    }

    /** Messages in a Maildir, new and cur, per {@code Delivered-To} address (the receiver adds it). */
    public static Map<String, Integer> deliveredTo(Path maildir) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        for (Path f : files(maildir)) {
            for (String line : Files.readAllLines(f, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                if (line.isEmpty()) break;
                if (line.regionMatches(true, 0, "Delivered-To:", 0, 13)) {
                    out.merge(line.substring(13).trim().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
                    break;
                }
            }
        }
        return out;
    }

    /** The message files of a Maildir (new and cur). */
    public static List<Path> files(Path maildir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            Path d = maildir.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isRegularFile).forEach(out::add);
            }
        }
        return out;
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** An instance's log ("smarthost" or "receiver"). */
    public String log(String name) throws IOException {
        Path log = base.resolve(name).resolve("maillog");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    @Override
    public void close() {
        if (dnsbl != null) dnsbl.close();
        instances.values().forEach(PostfixInstance::close);
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
