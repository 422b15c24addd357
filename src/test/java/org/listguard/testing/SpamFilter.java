package org.listguard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The receiver's spam filter: spamd (SpamAssassin's stock rules plus {@code LG_EGRESS_LISTED}) and
 * spamass-milter in front of it, started in that order, each only once the one before it serves
 * ({@link Handshakes}), so the receiving Postfix is never told about a milter that is not there yet.
 *
 * <p>Offline by configuration, not by luck: the only DNS query spamd may send is
 * {@code LG_EGRESS_LISTED}'s, to the private resolver. The plugins that use the network are not
 * loaded (URIDNSBL, SPF, DKIM, DMARC, HashBL, Razor2, Pyzor, SpamCop: the stack's OpenDKIM and
 * OpenDMARC do authentication), DNSBL evals are off ({@code skip_rbl_checks}), and
 * {@code dns_query_restriction deny *} blocks every other query AskDNS rules would send, such as the
 * stock {@code __HELO_DNS} (an A lookup of the HELO name, which cost 6.2 s a message waiting for an
 * answer nobody gave). {@code -L} is not an option: it turns off AskDNS, and so the one rule the
 * placement tests need.
 *
 * <p>Both listen on UNIX sockets in the stack's directory: no port picked by {@code freePort()} that
 * something else on the machine could take before the peer binds it (and then answer in its place),
 * and a restarted milter gets the same address back.
 *
 * <p>spamass-milter runs spamc once a message and holds no connection to spamd, but it is one
 * process whose death leaves the receiver deferring everything, and it logs only to syslog, which
 * the test machine lacks: the stack restarts it on the same port (a {@link StackPeer} budget) and
 * keeps every run's stdout and stderr (an uncaught exception's {@code terminate} message, say).
 */
final class SpamFilter {
    /** Plugins whose rules ask the network (other than AskDNS, which is restricted instead). */
    static final Pattern NETWORK_PLUGINS = Pattern.compile("^loadplugin\\s+Mail::SpamAssassin::Plugin::(URIDNSBL|SPF|DKIM|DMARC|HashBL|Razor2|Pyzor|SpamCop)\\b");
    static final int MILTER_RESTARTS = 3;

    final StackPeer spamd;
    final StackPeer milter;
    /** The milter's UNIX socket, for the receiver's {@code smtpd_milters} ({@code unix:PATH}). */
    final Path milterSocket;

    private SpamFilter(StackPeer spamd, StackPeer milter, Path milterSocket) {
        this.spamd = spamd;
        this.milter = milter;
        this.milterSocket = milterSocket;
    }

    /**
     * Starts spamd (asking {@code resolver} for {@code LG_EGRESS_LISTED} under {@code zone},
     * {@code egress} untrusted) and the milter; on failure whatever started is stopped.
     */
    static SpamFilter start(Path dir, UserPrincipal nobody, String resolver, String zone, String egress) throws IOException, InterruptedException {
        Path site = Files.createDirectories(dir.resolve("site"));
        Path home = Files.createDirectories(dir.resolve("home"));
        for (Path d : List.of(site, home)) Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setOwner(home, nobody);
        siteConfig(site, resolver, zone, egress);
        Path spamdSocket = dir.resolve("spamd.sock");
        StackPeer spamd = StackPeer.start("spamd", List.of(Peers.require("spamd").toString(), "-x", "-u", "nobody", "--socketpath", spamdSocket.toString(),
                "--siteconfigpath", site.toString(), "--helper-home-dir", home.toString(),
                "-m", "2", "-s", dir.resolve("spamd.log").toString(), "-r", dir.resolve("spamd.pid").toString()), dir, 0);
        StackPeer milter = null;
        try {
            Handshakes.awaitSpamdPong(spamdSocket, Duration.ofSeconds(90), spamd);
            Path milterSocket = dir.resolve("spamass-milter.sock");
            // umask 0: the receiver's smtpd (user postfix) must be able to connect to the root-owned
            // socket. rm: Debian's 0.4.0 leaves a dead run's socket file in place (bug #782252's fix)
            // and then fails to bind it, exit 255, saying so only to syslog: a restart would not start
            milter = StackPeer.start("spamass-milter", List.of("sh", "-c", "umask 000 && rm -f \"$0\" && exec \"$@\"", milterSocket.toString(),
                    Peers.require("spamass-milter").toString(),
                    "-p", "unix:" + milterSocket, "--", "-U", spamdSocket.toString()), dir, MILTER_RESTARTS);
            Handshakes.awaitMilterNegotiates(milterSocket, Duration.ofSeconds(15), milter);
            return new SpamFilter(spamd, milter, milterSocket);
        } catch (IOException | RuntimeException e) {
            if (milter != null) milter.close();
            spamd.close();
            throw e;
        }
    }

    /**
     * {@code --siteconfigpath} replaces /etc/spamassassin: its .pre files (which load the plugins)
     * are copied without the network plugins, and local.cf holds the stack's rule and limits.
     */
    private static void siteConfig(Path site, String resolver, String zone, String egress) throws IOException {
        try (Stream<Path> pre = Files.list(Path.of("/etc/spamassassin"))) {
            for (Path p : pre.filter(x -> x.toString().endsWith(".pre")).toList()) {
                List<String> kept = Files.readAllLines(p).stream().filter(l -> !NETWORK_PLUGINS.matcher(l).find()).toList();
                Files.write(site.resolve(p.getFileName()), kept);
            }
        }
        Files.writeString(site.resolve("local.cf"), String.join("\n",
                "loadplugin Mail::SpamAssassin::Plugin::AskDNS",
                "dns_available yes",
                "dns_server " + resolver,
                "dns_query_restriction deny *",
                "dns_query_restriction allow " + zone,
                "skip_rbl_checks 1",
                // 127/8 is always trusted; with Net::Patricia the tighter exclusion wins (the "cannot
                // exclude" warning SpamAssassin prints is about its linear fallback list only)
                "trusted_networks !" + egress,
                "internal_networks !" + egress,
                "askdns LG_EGRESS_LISTED _LASTEXTERNALREVIP_." + zone + " A /^127\\.0\\.0\\.2$/",
                "describe LG_EGRESS_LISTED The relay that delivered it is on " + zone,
                "score LG_EGRESS_LISTED 6.0",
                "required_score 5.0",
                "use_bayes 0",
                "report_safe 0",
                ""));
    }

    /** Dead peers' diagnoses, empty while both serve (or the milter was restarted). */
    String diagnosis() {
        return (spamd.diagnosis() + "\n" + milter.diagnosis()).strip();
    }

    void close() {
        milter.close();
        spamd.close();
    }
}
