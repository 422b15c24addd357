package org.listguard.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quartz.CronExpression;

/**
 * The checks a config must pass after binding: required fields, ranges, formats, files that must
 * exist. The first problem is thrown as a {@link ConfigException} with its line.
 */
final class ConfigValidator {
    private final ConfigSource src;

    ConfigValidator(ConfigSource src) {
        this.src = src;
    }

    Config validate(Config c) {
        Sender s = required(c.sender(), "sender");
        String from = required(s.from(), "sender.from");
        mailbox(from, "sender.from");
        String rp = required(s.returnPath(), "sender.return_path");
        mailbox(rp, "sender.return_path");
        if (rp.contains("<")) throw src.error("sender.return_path", "write the bare address, without a display name");
        if (Addresses.localOf(rp).contains("+")) {
            throw src.error("sender.return_path", "must not contain '+': listguard adds +<token> for VERP");
        }
        if (s.unsubscribeUrl() != null && !s.unsubscribeUrl().startsWith("https://")) {
            throw src.error("sender.unsubscribe_url", "must be an https:// URL (RFC 8058 one-click unsubscribe)");
        }
        if (s.unsubscribeMailto() != null) {
            mailbox(s.unsubscribeMailto(), "sender.unsubscribe_mailto");
            if (Addresses.localOf(Addresses.addressOf(s.unsubscribeMailto())).contains("+")) {
                throw src.error("sender.unsubscribe_mailto", "must not contain '+': listguard adds +u-<token> for the member's unsubscribe");
            }
        }
        if (s.previousTokenKeyFile() != null) readable(s.previousTokenKeyFile(), "sender.previous_token_key_file");

        if (c.relays().isEmpty()) throw src.error("relays", "at least one relay (smart host) is required");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.relays().size(); i++) relay(c.relays().get(i), "relays[" + i + "]", names);

        c.dkimSettings().ifPresent(d -> {
            required(d.domain(), "dkim.domain");
            required(d.selector(), "dkim.selector");
            readable(required(d.privateKey(), "dkim.private_key"), "dkim.private_key");
        });

        Duration t = c.dns().timeout();
        if (t.isZero() || t.isNegative() || t.compareTo(Duration.ofSeconds(60)) > 0) {
            throw src.error("dns.timeout", "must be between 1ms and 60s, got " + Durations.format(t));
        }
        if (c.reputation().catalog() != null) readable(c.reputation().catalog(), "reputation.catalog");
        if (c.reputation().rdnsGeneric() != null) readable(c.reputation().rdnsGeneric(), "reputation.rdns_generic");
        for (int i = 0; i < c.reputation().custom().size(); i++) {
            ZoneSpec z = c.reputation().custom().get(i);
            String key = "reputation.zones[" + (c.reputation().zones().size() + i) + "]";
            if (z.zone() == null || z.zone().isBlank()) throw src.error(key, "a custom zone needs 'zone'");
            if (!Set.of("ip", "domain").contains(z.kind())) throw src.error(key + ".kind", "must be ip or domain");
            if (!Set.of("block", "allow", "score").contains(z.type())) throw src.error(key + ".type", "must be block, allow or score");
            if (!Set.of("warn", "fail").contains(z.origin())) throw src.error(key + ".origin", "must be warn or fail");
            if (z.keyed() && z.keyEnv() == null) throw src.error(key + ".key_env", "a zone with {key} needs key_env (the variable holding the key)");
        }

        Throttle th = c.throttle();
        positive(th.batchSize(), "throttle.batch_size");
        if (th.connections() < 1 || th.connections() > 16) throw src.error("throttle.connections", "must be 1-16, got " + th.connections());
        if (th.maxPerHour() < 0) throw src.error("throttle.max_per_hour", "must be 0 (unlimited) or more");
        if (th.batchPause().isNegative()) throw src.error("throttle.batch_pause", "must not be negative");
        th.perDomain().forEach((dom, n) -> positive(n, "throttle.per_domain." + dom));
        for (int i = 0; i < th.retry().size(); i++) {
            if (th.retry().get(i).isNegative() || th.retry().get(i).isZero()) throw src.error("throttle.retry[" + i + "]", "must be longer than 0");
        }

        positive(c.guard().recheckEvery(), "guard.recheck_every");
        positive(c.guard().corroborate(), "guard.corroborate");
        for (var d : java.util.Map.of("guard.block_memory", c.guard().blockMemory(), "guard.block_retry", c.guard().blockRetry(),
                "guard.canary_wait", c.guard().canaryWait()).entrySet()) {
            if (d.getValue().isNegative() || d.getValue().isZero()) throw src.error(d.getKey(), "must be longer than 0, got " + Durations.format(d.getValue()));
        }
        if (c.guard().dsnWait().isNegative()) throw src.error("guard.dsn_wait", "must not be negative");
        c.guard().replyRulesFile().ifPresent(f -> readable(f, "guard.reply_rules"));
        for (int i = 0; i < c.guard().seeds().size(); i++) {
            SeedSpec seed = c.guard().seeds().get(i);
            String key = "guard.seeds[" + i + "]";
            mailbox(seed.address(), seed.mailbox() == null && seed.junkFolder() == null && seed.authservId() == null ? key : key + ".address");
            if (seed.mailbox() == null && c.guard().seedMailbox() == null) {
                throw src.error(key, "seed " + seed.address() + " needs a mailbox of its own (mailbox:) or guard.seed_mailbox to watch for its arrival");
            }
            if (seed.mailbox() != null) mailboxSettings(seed.mailbox(), key + ".mailbox");
        }
        if (c.guard().seedFirst() != null && (c.guard().seedFirst().isNegative() || c.guard().seedFirst().isZero())) {
            throw src.error("guard.seed_first", "must be longer than 0, got " + Durations.format(c.guard().seedFirst()));
        }
        if (c.guard().seedFirst() != null && c.guard().seeds().isEmpty()) {
            throw src.error("guard.seed_first", "seed_first needs guard.seeds to send first");
        }

        Map<String, Campaign> campaigns = new LinkedHashMap<>();
        // a campaign's own error is that campaign's only (issue 10): the others load and run
        c.campaigns().forEach((name, camp) -> {
            try {
                campaigns.put(name, campaign(name, camp));
            } catch (ConfigException e) {
                campaigns.put(name, (camp == null ? new Campaign(name, null, null, null, null) : camp.withName(name)).withProblem(e));
            }
        });

        String url = c.journal().url();
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw src.error("journal.url", "must be jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB, got " + url);
        }
        c.bounceSettings().ifPresent(b -> {
            if (b.mailbox() == null) throw src.error("bounces", "bounces needs 'mailbox' (IMAP host or maildir)");
            mailboxSettings(b.mailbox(), "bounces.mailbox");
            if (b.complaintWarn() <= 0 || b.complaintStop() <= b.complaintWarn()) {
                throw src.error("bounces.complaint_stop", "needs 0 < complaint_warn < complaint_stop (percent)");
            }
            for (String d : b.feedbackSources()) {
                if (!d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
                    throw src.error("bounces.feedback_sources", "'" + d + "' is not a domain name (the d= of the feedback loop's DKIM signature)");
                }
            }
            try {
                if (b.maxMessageBytes() < 1024) throw new IllegalArgumentException("must be at least 1KB");
            } catch (IllegalArgumentException e) {
                throw src.error("bounces.max_message_size", e.getMessage());
            }
            BounceScore score = b.score();
            if (score.threshold().isNaN() || score.threshold() <= 0 || score.threshold() > 100) {
                throw src.error("bounces.score.threshold", "must be more than 0 and at most 100, got " + score.threshold());
            }
            if (score.staleAfter().compareTo(Duration.ofDays(1)) < 0) {
                throw src.error("bounces.score.stale_after", "must be at least 1d (longer than the time between two runs), got "
                        + Durations.format(score.staleAfter()));
            }
            if (score.fullAfter().isNegative() || score.fullAfter().compareTo(score.staleAfter()) >= 0) {
                throw src.error("bounces.score.full_after", "must be 0 or more and shorter than stale_after ("
                        + Durations.format(score.staleAfter()) + "), got " + Durations.format(score.fullAfter()));
            }
        });
        c.guard().seedMailboxSettings().ifPresent(m -> mailboxSettings(m, "guard.seed_mailbox"));
        serve(c.serve());
        dmarc(c.dmarc());

        return new Config(s, c.relays(), c.dkim(), c.dns(), c.reputation(), th, c.guard(), campaigns, c.journal(),
                c.bounces(), src, c.dmarc(), c.serve());
    }

    private void serve(ServeSettings s) {
        for (int i = 0; i < s.trustedProxies().size(); i++) {
            try {
                Cidr.parse(s.trustedProxies().get(i));
            } catch (IllegalArgumentException e) {
                throw src.error("serve.trusted_proxies[" + i + "]", e.getMessage());
            }
        }
        if (s.tls() != null) {
            readable(required(s.tls().certificate(), "serve.tls.certificate"), "serve.tls.certificate");
            readable(required(s.tls().key(), "serve.tls.key"), "serve.tls.key");
            if (s.tls().checkEvery().isNegative() || s.tls().checkEvery().isZero()) throw src.error("serve.tls.check_every", "must be longer than 0");
        }
    }

    /** Issue 24: the DMARC report mailbox and the gate's limits. */
    private void dmarc(DmarcSettings d) {
        d.mailboxSettings().ifPresent(m -> mailboxSettings(m, "dmarc.mailbox"));
        if (!(d.maxDkimFail() > 0 && d.maxDkimFail() < Defaults.DMARC_DKIM_FAIL_STOP)) {
            throw src.error("dmarc.max_dkim_fail", "must be a percent above 0 and below " + Defaults.DMARC_DKIM_FAIL_STOP
                    + " (the gate fails above " + Defaults.DMARC_DKIM_FAIL_STOP + " %), got " + d.maxDkimFail());
        }
        if (d.window().compareTo(java.time.Duration.ofDays(1)) < 0) {
            throw src.error("dmarc.window", "must be at least 1d (receivers send one report a day), got " + Durations.format(d.window()));
        }
    }

    private void relay(Relay r, String key, Set<String> names) {
        String name = required(r.name(), key + ".name");
        if (!names.add(name)) throw src.error(key + ".name", "relay name '" + name + "' is used twice");
        String host = required(r.host(), key + ".host");
        port(r.port(), key + ".port");
        if (r.tls() == TlsMode.NONE && !r.allowPlaintext() && !isLoopback(host)) {
            throw src.error(key + ".tls", "tls: none sends the password and the list in clear text; it is allowed only to a "
                    + "loopback host unless allow_plaintext: true");
        }
        if (r.timeout().isZero() || r.timeout().isNegative()) throw src.error(key + ".timeout", "must be positive");
        r.credentials().ifPresent(a -> credentials(a, key + ".auth"));
        r.trustedCertificate().ifPresent(p -> readable(p, key + ".trust_certificate"));
    }

    private void mailboxSettings(MailboxSettings m, String key) {
        if (m.maildir() == null) {
            required(m.host(), key + ".host");
            port(m.port(), key + ".port");
            if (m.auth() == null) throw src.error(key + ".auth", "IMAP needs auth (username and password_env or password_file)");
            credentials(m.auth(), key + ".auth");
            if (m.tls() == TlsMode.NONE && !isLoopback(m.host())) throw src.error(key + ".tls", "tls: none is allowed only to loopback");
        }
        if (m.trustCertificate() != null) readable(m.trustCertificate(), key + ".trust_certificate");
    }

    private void credentials(Credentials a, String key) {
        required(a.username(), key + ".username");
        if ((a.passwordEnv() == null) == (a.passwordFile() == null)) {
            throw src.error(key, "give exactly one of password_env and password_file (passwords are never written in the config)");
        }
        if (a.passwordFile() != null) readable(a.passwordFile(), key + ".password_file");
    }

    private Campaign campaign(String name, Campaign camp) {
        String key = "campaigns." + name;
        if (camp == null) throw src.error(key, "campaign has no settings (needs list and template)");
        readable(required(camp.list(), key + ".list"), key + ".list");
        Path tpl = required(camp.template(), key + ".template");
        boolean any = List.of(".txt", ".html").stream().anyMatch(ext -> Files.isRegularFile(Path.of(tpl + ext)));
        if (!any) throw src.error(key + ".template", "neither " + tpl + ".txt nor " + tpl + ".html exists");
        if (camp.subject() == null && !Files.isRegularFile(Path.of(tpl + ".subject"))) {
            throw src.error(key + ".template", "no subject: create " + tpl + ".subject or set " + key + ".subject");
        }
        String cron = camp.schedule() == null ? null : CronCheck.problem(camp.schedule());
        if (cron != null) {
            throw src.error(key + ".schedule", "'" + camp.schedule() + "' " + cron + (cron.contains("Quartz cron") ? ""
                    : " (Quartz cron: seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 0 9 1 * ?\")"));
        }
        if (camp.scheduleGrace().isNegative()) throw src.error(key + ".schedule_grace", "must not be negative");
        if (camp.sendAgainAfter().isNegative()) throw src.error(key + ".send_again_after", "must not be negative");
        return camp.withName(name);
    }

    private <T> T required(T value, String key) {
        if (value == null || (value instanceof String str && str.isBlank())) throw src.error(key, "is required");
        return value;
    }

    private void positive(Integer n, String key) {
        if (n == null || n < 1) throw src.error(key, "must be at least 1, got " + n);
    }

    private void port(Integer p, String key) {
        if (p == null || p < 1 || p > 65535) throw src.error(key, "port " + p + " is not in 1-65535");
    }

    private void mailbox(String value, String key) {
        try {
            InternetAddress a = new InternetAddress(value, true);
            if (a.getAddress().indexOf('@') < 0) throw new AddressException("no domain");
        } catch (AddressException e) {
            throw src.error(key, "'" + value + "' is not a valid mail address (" + e.getMessage() + ")");
        }
    }

    private void readable(Path p, String key) {
        if (!Files.isRegularFile(p)) throw src.error(key, "file " + p + " does not exist");
        if (!Files.isReadable(p)) throw src.error(key, "file " + p + " is not readable");
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) return true;
        try {
            InetAddress a = org.xbill.DNS.Address.getByAddress(host);
            return a.isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
