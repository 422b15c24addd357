package org.listguard.compose;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.random.RandomGenerator;
import org.listguard.InputException;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.listguard.list.AddressForms;
import org.listguard.list.Recipient;

/**
 * Builds the message for one recipient of a campaign: templates rendered with the row's columns,
 * MIME structure (text/plain, text/html, or multipart/alternative of both; UTF-8; quoted-printable),
 * and the headers From, To, Subject, Date, Message-ID, MIME-Version, List-Id, List-Unsubscribe and
 * (with an https URL) List-Unsubscribe-Post. Touches no network.
 *
 * <p>The constructor reads and compiles the templates and checks the config values that reach
 * headers, so every template or config error surfaces before the first message is sent.
 * {@link #compose} is thread-safe and fails only on bad list data (a control character in a value
 * bound for a header, an unusable address, a variable the row lacks), with an {@link InputException}
 * naming the file, the line and the column or variable.
 *
 * <p>Template variables: every column of the row, plus {@code unsubscribe_url} (the one-click
 * https URL, or the mailto URI when none is configured), {@code unsubscribe_mailto} (the
 * {@code mailto:…?subject=unsubscribe} URI) and {@code campaign} (the campaign name). These three
 * take precedence over list columns of the same name, so a list cannot replace the unsubscribe link.
 */
public final class Composer {
    /** RFC 5322 §3.3 date-time, numeric zone (the "GMT" form is obsolete syntax). */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final String CHARSET = "UTF-8";
    /** Stands in for a token where only the shape of the rendering matters (checks, not messages). */
    private static final String CHECK_TOKEN = "check-0-" + "a".repeat(VerpToken.MAC_CHARS);
    /** Room for the header block (From, To, Subject, Date, Message-ID, List-*, MIME fields) before the body. */
    private static final int HEADROOM = 1536;
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up through ServiceLoader (scanning every jar)
        // on each RFC 2047 encoded word and each new body part; naming the provider in the system
        // property it reads first makes that a class lookup. Same class ServiceLoader would find.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final Config config;
    private final Campaign campaign;
    private final Clock clock;
    private final RandomGenerator random;
    private final CampaignTemplates templates;
    private final ListHeaders listHeaders;
    private final Verp verp;
    private final KeyedTokens tokens;
    private final Session session;
    private final String fromHeader;
    private final String fromDomain;
    private final Path listFile;
    /** The Date of the last message composed (messages composed in the same second share it); racy but immutable. */
    private volatile FormattedDate lastDate;

    /** Reads (or creates) the token key of {@code sender.token_key_file}. */
    public Composer(Config config, Campaign campaign, Clock clock) {
        this(config, campaign, clock, new SecureRandom());
    }

    public Composer(Config config, Campaign campaign, Clock clock, RandomGenerator random) {
        this(config, campaign, clock, random, TokenKeys.forSending(config));
    }

    /**
     * @param random source of the random part of Message-IDs and boundaries (tests pass a seeded
     *               one); it must be thread-safe when {@link #compose} is called from several threads
     * @param keys   the token key(s): VERP and unsubscribe tokens are keyed with the current one
     */
    public Composer(Config config, Campaign campaign, Clock clock, RandomGenerator random, TokenKeys keys) {
        this.config = config;
        this.tokens = new KeyedTokens(keys);
        this.campaign = campaign;
        this.clock = clock;
        this.random = random;
        this.listFile = campaign.list();
        this.templates = new CampaignTemplates(config, campaign);
        this.listHeaders = new ListHeaders(config, campaign);
        this.verp = new Verp(config.sender().returnPath());
        this.fromDomain = config.sender().fromDomain();
        HeaderText.requireCleanConfig(config, "sender.from", config.sender().from());
        try {
            InternetAddress parsed = new InternetAddress(config.sender().from(), true);
            InternetAddress from = new InternetAddress(parsed.getAddress(), parsed.getPersonal(), CHARSET);
            this.fromHeader = Fold.fold(6, from.toString());
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new InputException(config.source() == null ? "<config>" : config.source().file().toString(),
                    config.source() == null ? 0 : config.source().lineOf("sender.from"), "sender.from", e.getMessage(), e);
        }
        Properties props = new Properties();
        props.setProperty("mail.mime.charset", CHARSET);
        // a non-ASCII local part is written as UTF-8 (RFC 6532 §3.2), never one byte per character
        props.setProperty("mail.mime.allowutf8", "true");
        this.session = Session.getInstance(props);
    }

    /** The campaign this composer renders. */
    public Campaign campaign() { return campaign; }

    /** The VERP scheme of the configured return path. */
    public Verp verp() { return verp; }

    /**
     * Renders the templates once with a made-up row that has exactly these columns, so a variable
     * the list does not provide is reported before anything is sent.
     *
     * @param columns the list's header row
     */
    public void requireColumns(Collection<String> columns) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String c : columns) fields.put(c, "x");
        Recipient probe = new Recipient(1, "probe@example.invalid", fields);
        templates.render(variables(probe, CHECK_TOKEN), "the columns of " + listFile + " (" + String.join(", ", columns) + ")");
    }

    /**
     * Checks what of this row goes into headers (the address, first and last name, the rendered
     * subject) without rendering the bodies: cheap enough to run over the whole list before the
     * first message is sent, so a CR/LF in row 90,000 stops the run before it starts (DESIGN
     * invariant 4) instead of in the middle.
     *
     * @throws InputException naming the list file, line and column
     */
    public void check(Recipient r) {
        String subject = templates.renderSubject(variables(r, CHECK_TOKEN), listFile + " line " + r.line());
        HeaderText.requireCleanRendered(listFile, r, "subject", subject);
        requireWithinLimits(r, "Subject", subjectHeader(subject));
        requireWithinLimits(r, "To", toHeader(recipientAddress(r)));
    }

    /** The Subject as written: RFC 2047 encoded words where needed (UTF-8), folded at spaces. */
    private static String subjectHeader(String subject) {
        try {
            return Fold.fold(9, MimeUtility.encodeText(subject, CHARSET, null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The To field as written: folded at spaces, including inside a long display name (RFC 5322 §3.2.4 FWS). */
    private static String toHeader(InternetAddress to) {
        return Fold.fold(4, to.toString());
    }

    private void requireWithinLimits(Recipient r, String header, String value) {
        String problem = HeaderLimits.problem(header, value);
        if (problem == null) return;
        String longest = r.fields().entrySet().stream().max(Map.Entry.comparingByValue(java.util.Comparator.comparingInt(String::length)))
                .map(Map.Entry::getKey).orElse(null);
        String column = header.equals("To") ? "first_name/last_name/email" : "subject";
        throw new InputException(String.valueOf(listFile), (int) r.line(), column, problem + "; shorten the value in the list"
                + (longest == null ? "" : " (the longest is " + longest + ", " + r.fields().get(longest).length() + " characters)"));
    }

    /**
     * The message for recipient number {@code seq} of run {@code runId}.
     *
     * @param runId lower-case letters, digits and inner hyphens, at most {@value VerpToken#MAX_RUN_ID} characters
     * @throws InputException for bad list data in this row (nothing is sent to this recipient)
     */
    public ComposedMessage compose(String runId, long seq, Recipient r) {
        VerpToken id = new VerpToken(runId, seq);
        String unsubscribe = tokens.issue(id, VerpToken.Purpose.UNSUBSCRIBE);
        String row = listFile + " line " + r.line();
        CampaignTemplates.Rendered parts = templates.render(variables(r, unsubscribe), row);
        HeaderText.requireCleanRendered(listFile, r, "subject", parts.subject());
        InternetAddress to = recipientAddress(r);
        String subject = subjectHeader(parts.subject());
        String toField = toHeader(to);
        requireWithinLimits(r, "Subject", subject);
        requireWithinLimits(r, "To", toField);
        // the random part (128 bits from a SecureRandom in production) makes our Message-IDs
        // unguessable: bounce processing trusts a report that quotes one (DESIGN.md invariant 7)
        String messageId = "<" + runId + "." + seq + "." + randomPart() + randomPart() + "@" + fromDomain + ">";
        try {
            FixedIdMimeMessage m = new FixedIdMimeMessage(session, messageId);
            m.setHeader("From", fromHeader);
            m.setHeader("To", toField);
            m.setHeader("Subject", subject);
            m.setHeader("Date", date());
            // RFC 5322 §2.1.1: lines SHOULD stay within 78 characters; fold at the spaces
            m.setHeader("List-Id", Fold.fold(9, listHeaders.listId));
            m.setHeader("List-Unsubscribe", Fold.fold(18, listHeaders.listUnsubscribe(unsubscribe)));
            if (listHeaders.oneClick()) m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            if (parts.text() != null && parts.html() != null) {
                String boundary = "----=_lg_" + randomPart();
                m.setHeader("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
                // explicit 7bit (RFC 2045 §6.4) makes writeTo copy the encoded body instead of re-parsing it
                m.setHeader("Content-Transfer-Encoding", "7bit");
                m.setEncodedContent(MimeBody.alternative(boundary, parts.text(), parts.html()));
            } else {
                m.setHeader("Content-Type", parts.text() != null ? MimeBody.TEXT_PLAIN : MimeBody.TEXT_HTML);
                m.setHeader("Content-Transfer-Encoding", MimeBody.QP);
                m.setEncodedContent(QuotedPrintable.encode(parts.text() != null ? parts.text() : parts.html()));
            }
            m.markSaved();
            ByteSink out = new ByteSink(HEADROOM + m.encodedLength());
            m.writeTo(out.asOutputStream());
            return new ComposedMessage(messageId, envelopeFrom(tokens.issue(id, VerpToken.Purpose.RETURN)), r, out.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot build the message for " + row, e);
        }
    }

    /** The Date field: formatted once per second of the clock, not once per message. */
    private String date() {
        java.time.Instant now = clock.instant();
        long second = now.getEpochSecond();
        FormattedDate last = lastDate;
        if (last == null || last.second != second) {
            last = new FormattedDate(second, DATE.format(ZonedDateTime.ofInstant(now, clock.getZone())));
            lastDate = last;
        }
        return last.text;
    }

    private record FormattedDate(long second, String text) {}

    private String envelopeFrom(String token) {
        try {
            return verp.address(token);
        } catch (IllegalArgumentException e) {
            throw HeaderText.configError(config, "sender.return_path", e.getMessage());
        }
    }

    private Map<String, Object> variables(Recipient r, String token) {
        Map<String, Object> vars = new HashMap<>(r.fields().size() * 2 + 6);
        vars.putAll(r.fields());
        vars.put("unsubscribe_url", listHeaders.footerUrl(token));
        vars.put("unsubscribe_mailto", listHeaders.mailtoUri(token));
        vars.put("campaign", campaign.name());
        return vars;
    }

    /** The To address; display name "first_name last_name" when the row has either. */
    private InternetAddress recipientAddress(Recipient r) {
        HeaderText.requireClean(listFile, r, "email", r.email());
        String first = r.fields().getOrDefault("first_name", "");
        String last = r.fields().getOrDefault("last_name", "");
        HeaderText.requireClean(listFile, r, "first_name", first);
        HeaderText.requireClean(listFile, r, "last_name", last);
        String name = (first.strip() + " " + last.strip()).strip();
        try {
            InternetAddress a = new InternetAddress(AddressForms.asciiDomain(r.email().strip()), name.isEmpty() ? null : name, CHARSET);
            a.validate();
            return a;
        } catch (AddressException | IllegalArgumentException e) {
            throw new InputException(String.valueOf(listFile), (int) r.line(), "email",
                    "'" + r.email() + "' is not a usable address: " + e.getMessage(), e);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomPart() {
        String s = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        return "0".repeat(13 - s.length()) + s;
    }
}
