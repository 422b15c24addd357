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
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real receiving provider on loopback for placement tests (issue 23; LIBRARIES.md "A real
 * receiving stack"), every part a Debian package started from a private config:
 * <ul>
 *   <li>a <b>smart host</b> (Postfix) relaying to the receiver from {@link #EGRESS}, its DSNs for
 *       example.org into {@link #returnPath()};</li>
 *   <li>the <b>receiver</b> (Postfix, mx.receiver.test) with three milters: OpenDKIM and OpenDMARC
 *       (each adds an {@code Authentication-Results} with authserv-id {@link #AUTHSERV}) and
 *       spamass-milter in front of spamd ({@link SpamFilter}: on UNIX sockets, supervised, no
 *       network but one rule), whose only custom rule ({@code LG_EGRESS_LISTED}, 6 points)
 *       asks the local DNSBL ({@link Rbldnsd}, zone {@link #ZONE}) about the last external IP with
 *       {@code askdns} ({@code check_rbl} skips loopback relays); it delivers over LMTP to</li>
 *   <li><b>Dovecot</b> (LMTP with a Sieve {@code sieve_before} filing {@code X-Spam-Flag: YES} into
 *       {@link #JUNK}, which the namespace marks SPECIAL-USE {@code \Junk}; IMAP on 127.0.0.1 without
 *       TLS, users from a passwd-file).</li>
 * </ul>
 * DNS: an in-process authoritative server for example.org (SPF naming the egress, the DKIM key,
 * DMARC p=none) and rbldnsd for the list, both behind one private unbound on {@link #RESOLVER}:53,
 * which every peer asks (SpamAssassin's {@code dns_server}; OpenDKIM's libunbound through a
 * forward-zone; OpenDMARC, which reads /etc/resolv.conf, in a mount namespace with its own).
 * The resolver answers test. itself and forwards only those two zones: it never iterates towards
 * the internet. Root is needed (Postfix masters, port 53, the mount namespace). Nothing listens
 * beyond loopback. Every child runs in the foreground as a {@link StackPeer}; a test waits with
 * {@link #await}, which fails at once, with the peer's last output, when one of them has died.
 */
public final class ReceivingStack implements AutoCloseable {
    public static final String EGRESS = "127.0.0.25";
    public static final String ZONE = "rep.rbl.test";
    public static final String DNSBL_ADDRESS = "127.0.0.87";
    public static final String RESOLVER = "127.0.0.89";
    public static final String AUTHSERV = "mx.receiver.test";
    public static final String DOMAIN = "receiver.test";
    /**
     * The junk folder's name: none of the usual ones, so only its SPECIAL-USE {@code \Junk}
     * attribute (RFC 6154, from Dovecot's LIST) can find it.
     */
    public static final String JUNK = "Pourriel";
    public static final String HINT = "run scripts/install-peers (postfix opendkim opendmarc spamassassin spamass-milter "
            + "libnet-patricia-perl dovecot-imapd dovecot-lmtpd dovecot-sieve unbound rbldnsd)";

    /** With {@code -Dlistguard.stack.keep=true}, {@link #close} leaves the stack's directory (configs, logs, mail) in place. */
    public static final String KEEP = "listguard.stack.keep";

    private final Path base;
    private final List<StackPeer> peers = new ArrayList<>();
    private SpamFilter spamFilter;
    private final List<PostfixInstance> postfixInstances = new ArrayList<>();
    private TestDnsServer authoritative;
    private Rbldnsd dnsbl;
    private int smartHostPort;
    private int imapPort;

    private ReceivingStack(Path base) {
        this.base = base;
    }

    /** Whether every binary of the stack is installed. */
    public static void requirePeers() {
        for (String b : List.of("postfix", "opendkim", "opendmarc", "spamd", "spamass-milter", "dovecot", "sievec", "unbound", "rbldnsd", "unshare")) {
            Peers.requireOrSkip(Peers.find(b).isPresent(), b + " not found", HINT);
        }
        Peers.requireRoot("the receiving stack (Postfix masters, DNS on port 53, a mount namespace)");
    }

    /**
     * Starts everything.
     *
     * @param exampleOrg the zone file of example.org (its SPF must authorize {@link #EGRESS})
     * @param users      local parts at {@link #DOMAIN} with IMAP logins, all with {@code password}
     */
    public static ReceivingStack start(Path exampleOrg, List<String> users, String password) throws IOException, InterruptedException {
        requirePeers();
        Path base = Files.createTempDirectory("listguard-stack");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        ReceivingStack s = new ReceivingStack(base);
        try {
            s.dns(exampleOrg);
            s.dovecot(users, password);
            int dkim = s.opendkim();
            int dmarc = s.opendmarc();
            s.spamFilter = SpamFilter.start(s.dir("spamassassin"), s.lookup("nobody"), RESOLVER, ZONE, EGRESS);
            s.postfixes(dkim, dmarc, s.spamFilter.milterSocket);
        } catch (IOException | RuntimeException e) {
            String logs = s.logs();
            s.close();
            throw new IOException(e.getMessage() + "\n" + logs, e);
        }
        return s;
    }

    private void dns(Path exampleOrg) throws IOException, InterruptedException {
        authoritative = TestDnsServer.start(List.of(org.listguard.dns.ZoneAnswerer.load(exampleOrg)));
        dnsbl = Rbldnsd.start(base.resolve("rbl"), DNSBL_ADDRESS, ZONE).watching(EGRESS);
        Path dir = dir("unbound");
        Path conf = dir.resolve("unbound.conf");
        Files.writeString(conf, String.join("\n",
                "server:",
                "  interface: " + RESOLVER,
                "  port: 53",
                "  username: \"\"",
                "  chroot: \"\"",
                "  directory: \"" + dir + "\"",
                "  pidfile: \"" + dir.resolve("unbound.pid") + "\"",
                "  use-syslog: no",
                "  logfile: \"" + dir.resolve("unbound.log") + "\"",
                "  do-not-query-localhost: no",
                "  access-control: 127.0.0.0/8 allow",
                "  module-config: \"iterator\"",
                "  cache-max-ttl: 0",
                "  cache-max-negative-ttl: 0",
                "  local-zone: \".\" refuse",
                // nothing is resolved by iteration (that would be the internet): test. is answered
                // here (NXDOMAIN but for local data), the two zones below are forwarded
                "  local-zone: \"test.\" static",
                "  local-zone: \"" + ZONE + ".\" transparent",
                "  local-zone: \"example.org.\" transparent",
                "forward-zone:",
                "  name: \"example.org.\"",
                "  forward-addr: 127.0.0.1@" + authoritative.address().getPort(),
                "forward-zone:",
                "  name: \"" + ZONE + ".\"",
                "  forward-addr: " + DNSBL_ADDRESS,
                ""));
        start("unbound", List.of(Peers.require("unbound").toString(), "-d", "-c", conf.toString()), dir);
        awaitDns();
    }

    private void awaitDns() throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            try {
                org.xbill.DNS.SimpleResolver r = new org.xbill.DNS.SimpleResolver(RESOLVER);
                r.setTimeout(Duration.ofMillis(300));
                org.xbill.DNS.Message m = r.send(org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
                        org.xbill.DNS.Name.fromString("_dmarc.example.org."), org.xbill.DNS.Type.TXT, org.xbill.DNS.DClass.IN)));
                if (m.getRcode() == org.xbill.DNS.Rcode.NOERROR && m.getSection(org.xbill.DNS.Section.ANSWER).size() > 0) return;
            } catch (IOException notYet) {
                // unbound is starting
            }
            Thread.sleep(100); // polling a peer's start, not timing an assertion
        }
        throw new IOException("unbound on " + RESOLVER + " does not answer for example.org");
    }

    private void dovecot(List<String> users, String password) throws IOException, InterruptedException {
        Path dir = dir("dovecot");
        Path vmail = dir("vmail");
        UserPrincipal nobody = lookup("nobody");
        Files.setOwner(vmail, nobody);
        StringBuilder passwd = new StringBuilder();
        for (String u : users) passwd.append(u).append('@').append(DOMAIN).append(":{PLAIN}").append(password).append("::::::\n");
        Files.writeString(dir.resolve("users"), passwd);
        Path sieve = dir.resolve("junk.sieve");
        Files.writeString(sieve, "require [\"fileinto\"];\nif header :contains \"X-Spam-Flag\" \"YES\" {\n  fileinto \"" + JUNK + "\";\n  stop;\n}\n");
        Peers.run(List.of(Peers.require("sievec").toString(), sieve.toString()), Duration.ofSeconds(20));
        for (Path p : List.of(sieve, dir.resolve("junk.svbin"))) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        imapPort = Peers.freePort();
        int lmtp = Peers.freePort();
        this.lmtpPort = lmtp;
        Path conf = dir.resolve("dovecot.conf");
        Files.writeString(conf, String.join("\n",
                "instance_name = listguard-" + base.getFileName(),
                "base_dir = " + dir.resolve("run"),
                "state_dir = " + dir.resolve("state"),
                "protocols = imap lmtp",
                "listen = 127.0.0.1",
                "ssl = no",
                "disable_plaintext_auth = no",
                "auth_mechanisms = plain login",
                "log_path = " + dir.resolve("dovecot.log"),
                "mail_location = maildir:~/Maildir",
                "first_valid_uid = 1",
                "namespace inbox {",
                "  inbox = yes",
                "  separator = /",
                "  mailbox " + JUNK + " {",
                "    special_use = \\Junk",
                "    auto = create",
                "  }",
                "}",
                "passdb {",
                "  driver = passwd-file",
                "  args = scheme=PLAIN username_format=%u " + dir.resolve("users"),
                "}",
                "userdb {",
                "  driver = static",
                "  args = uid=nobody gid=nogroup home=" + vmail + "/%d/%n allow_all_users=yes",
                "}",
                "service imap-login {",
                "  inet_listener imap {",
                "    address = 127.0.0.1",
                "    port = " + imapPort,
                "  }",
                "  inet_listener imaps {",
                "    port = 0",
                "  }",
                "}",
                "service lmtp {",
                "  inet_listener lmtp {",
                "    address = 127.0.0.1",
                "    port = " + lmtp,
                "  }",
                "}",
                "service stats {",
                "  inet_listener http {",
                "    port = 0",
                "  }",
                "}",
                "protocol lmtp {",
                "  mail_plugins = $mail_plugins sieve",
                "  postmaster_address = postmaster@" + DOMAIN,
                "}",
                "plugin {",
                "  sieve_before = " + sieve,
                "}",
                ""));
        start("dovecot", List.of(Peers.require("dovecot").toString(), "-F", "-c", conf.toString()), dir);
        Peers.awaitListening(imapPort, Duration.ofSeconds(15), last());
        Peers.awaitListening(lmtp, Duration.ofSeconds(15), last());
    }

    private int lmtpPort;

    private int opendkim() throws IOException, InterruptedException {
        Path dir = dir("opendkim");
        int port = Peers.freePort();
        Files.writeString(dir.resolve("unbound.conf"), String.join("\n",
                "server:",
                "  do-not-query-localhost: no",
                "  local-zone: \"test.\" transparent",
                "forward-zone:",
                "  name: \".\"",
                "  forward-addr: " + RESOLVER,
                ""));
        Files.writeString(dir.resolve("opendkim.conf"), String.join("\n",
                "Mode v",
                "Socket inet:" + port + "@127.0.0.1",
                "AuthservID " + AUTHSERV,
                "ResolverConfiguration " + dir.resolve("unbound.conf"),
                "Background no",
                "PidFile " + dir.resolve("opendkim.pid"),
                "UserID opendkim",
                "Syslog no",
                "AlwaysAddARHeader yes",
                ""));
        Files.setOwner(dir, lookup("opendkim"));
        // restartable: see the smart host's smtp_destination_concurrency_limit for why it can die
        start("opendkim", List.of(Peers.require("opendkim").toString(), "-f", "-x", dir.resolve("opendkim.conf").toString()), dir, SpamFilter.MILTER_RESTARTS);
        Handshakes.awaitMilterNegotiates(port, Duration.ofSeconds(15), peers.get(peers.size() - 1));
        return port;
    }

    private int opendmarc() throws IOException, InterruptedException {
        Path dir = dir("opendmarc");
        int port = Peers.freePort();
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver " + RESOLVER + "\noptions timeout:2 attempts:2\n");
        Files.setPosixFilePermissions(resolv, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(dir.resolve("opendmarc.conf"), String.join("\n",
                "Socket inet:" + port + "@127.0.0.1",
                "AuthservID " + AUTHSERV,
                "TrustedAuthservIDs " + AUTHSERV,
                "SPFSelfValidate true",
                "SPFIgnoreResults true",
                "IgnoreAuthenticatedClients false",
                "RequiredHeaders false",
                "Background false",
                "PidFile " + dir.resolve("opendmarc.pid"),
                "UserID opendmarc",
                "Syslog false",
                ""));
        Files.setOwner(dir, lookup("opendmarc"));
        // OpenDMARC resolves through /etc/resolv.conf: its own, in a private mount namespace (LIBRARIES.md)
        start("opendmarc", List.of(Peers.require("unshare").toString(), "-m", "sh", "-c",
                "mount --bind " + resolv + " /etc/resolv.conf && exec " + Peers.require("opendmarc") + " -f -c " + dir.resolve("opendmarc.conf")), dir,
                SpamFilter.MILTER_RESTARTS);
        Handshakes.awaitMilterNegotiates(port, Duration.ofSeconds(15), peers.get(peers.size() - 1));
        return port;
    }

    private void postfixes(int dkim, int dmarc, Path spamass) throws IOException, InterruptedException {
        Path vmail = base.resolve("vmail");
        for (String sub : List.of("cur", "new", "tmp")) Files.setOwner(Files.createDirectories(vmail.resolve("returnpath").resolve(sub)), lookup("nobody"));
        Files.setOwner(vmail.resolve("returnpath"), lookup("nobody"));
        int receiver = Peers.freePort();
        smartHostPort = Peers.freePort();
        postfix("receiver", receiver, String.join("\n",
                "myhostname = " + AUTHSERV,
                "mynetworks = 127.0.0.1/32",
                "smtpd_relay_restrictions = reject_unauth_destination",
                "virtual_mailbox_domains = " + DOMAIN,
                "virtual_mailbox_maps = static:ok",
                "virtual_transport = lmtp:inet:127.0.0.1:" + lmtpPort,
                "smtpd_milters = inet:127.0.0.1:" + dkim + ", inet:127.0.0.1:" + dmarc + ", unix:" + spamass,
                // a milter that cannot be reached defers the message (451): "accept" would file unscanned
                // mail in the Inbox (a false placement), "reject" would turn a stack fault into hard
                // bounces the guard acts on. A dead spam milter is restarted (the smart host retries
                // within 2 s); one that stays dead fails the test's next check() (await) at once.
                "milter_default_action = tempfail",
                "relayhost =",
                ""));
        postfix("smarthost", smartHostPort, String.join("\n",
                "myhostname = smarthost.isp.test",
                "mynetworks = 127.0.0.0/8",
                "smtpd_relay_restrictions = permit_mynetworks, reject",
                "smtp_bind_address = " + EGRESS,
                // one message at a time into the receiver: Debian's OpenDKIM (2.11.0~beta2) parses its
                // ResolverConfiguration with libunbound's flex scanner once a message, unlocked
                // (upstream fixed it with a mutex, opendkim issue #14), so two messages at once can
                // kill it ("fatal flex scanner internal error--end of buffer missed", exit 2; seen
                // here with three members sent together), and the receiver then defers everything
                "smtp_destination_concurrency_limit = 1",
                "relayhost = [127.0.0.1]:" + receiver,
                "virtual_mailbox_domains = example.org",
                "virtual_mailbox_maps = static:returnpath/",
                ""));
    }

    private void postfix(String name, int port, String extra) throws IOException, InterruptedException {
        postfixInstances.add(PostfixInstance.in(dir(name)).port(port).virtualMailboxes(base.resolve("vmail")).main(extra.split("\n")).start());
    }

    /** The smart host's SMTP port on 127.0.0.1 (no TLS, no auth: loopback). */
    public int smartHostPort() { return smartHostPort; }

    /** Dovecot's IMAP port on 127.0.0.1 (no TLS: loopback). */
    public int imapPort() { return imapPort; }

    /** The Maildir the smart host delivers its DSNs to. */
    public Path returnPath() { return base.resolve("vmail").resolve("returnpath"); }

    /** A user's Maildir (INBOX in cur/new, Junk in .Junk). */
    public Path maildir(String user) { return base.resolve("vmail").resolve(DOMAIN).resolve(user).resolve("Maildir"); }

    /** The list answers 127.0.0.2 for the egress: SpamAssassin's LG_EGRESS_LISTED fires. */
    public void list() throws IOException, InterruptedException {
        dnsbl.list(EGRESS, "https://" + ZONE + "/lookup?ip=$");
    }

    public void delist() throws IOException, InterruptedException {
        dnsbl.delist(EGRESS);
    }

    /**
     * Fails, naming what broke and quoting its last output, when a peer of the stack has died (a
     * milter only past its restarts) or the receiver logged a milter warning while no peer had been
     * restarted (a milter that is there but does not serve). Cheap enough for a wait loop.
     */
    public void check() throws IOException {
        StringBuilder broken = new StringBuilder();
        for (StackPeer p : peers) appendLine(broken, p.diagnosis());
        appendLine(broken, spamFilter.diagnosis());
        List<String> milterWarnings = postfixInstances.get(0).log().lines().filter(l -> MILTER_WARNING.matcher(l).find()).toList();
        boolean restarted = spamFilter.milter.exits() > 0 || peers.stream().anyMatch(p -> p.exits() > 0);
        if (broken.length() == 0 && (milterWarnings.isEmpty() || restarted)) return;
        if (broken.length() == 0) broken.append("the receiver cannot use a milter that is running\n");
        throw new IOException("the receiving stack is broken: " + broken + "receiver's milter warnings (last 5):\n"
                + String.join("\n", milterWarnings.subList(Math.max(0, milterWarnings.size() - 5), milterWarnings.size())));
    }

    /**
     * Polls {@code done} until it holds, calling {@link #check} each time: a dead peer fails the
     * wait at once with its diagnosis instead of running out {@code limit}; so does the limit.
     */
    public void await(String what, Callable<Boolean> done, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.call()) {
            check();
            if (System.nanoTime() > end) throw new IOException("not " + what + " within " + limit + " (every peer alive)\n" + logs());
            Thread.sleep(100); // polling the peers' delivery, not timing an assertion
        }
    }

    private static final Pattern MILTER_WARNING = Pattern.compile("warning: .*[Mm]ilter");

    private static void appendLine(StringBuilder sb, String s) {
        if (!s.isEmpty()) sb.append(s).append('\n');
    }

    /** Every log of the stack, for a failure message. */
    public String logs() {
        StringBuilder sb = new StringBuilder("==> peers\n");
        for (StackPeer p : peers) sb.append(p.history()).append('\n');
        if (spamFilter != null) sb.append(spamFilter.spamd.history()).append('\n').append(spamFilter.milter.history()).append('\n');
        try (Stream<Path> s = Files.walk(base)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".log") || f.getFileName().toString().equals("maillog")).toList()) {
                String t = Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1);
                sb.append("==> ").append(base.relativize(p)).append('\n').append(t.length() > 4000 ? t.substring(t.length() - 4000) : t).append('\n');
            }
        } catch (IOException e) {
            sb.append("(logs unreadable: ").append(e.getMessage()).append(")");
        }
        return sb.toString();
    }

    private Path dir(String name) throws IOException {
        Path d = Files.createDirectories(base.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        return d;
    }

    private UserPrincipal lookup(String user) throws IOException {
        return base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    }

    private void start(String name, List<String> command, Path dir) throws IOException {
        start(name, command, dir, 0);
    }

    private void start(String name, List<String> command, Path dir, int restartBudget) throws IOException {
        peers.add(StackPeer.start(name, command, dir, restartBudget));
    }

    private Process last() {
        return peers.get(peers.size() - 1).process();
    }

    @Override
    public void close() {
        postfixInstances.forEach(PostfixInstance::close);
        if (spamFilter != null) spamFilter.close();
        for (int i = peers.size() - 1; i >= 0; i--) peers.get(i).close();
        if (dnsbl != null) dnsbl.close();
        if (authoritative != null) authoritative.close();
        if (Boolean.getBoolean(KEEP)) {
            System.err.println("ReceivingStack: -D" + KEEP + " keeps " + base);
            return;
        }
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
