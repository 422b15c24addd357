package org.listguard.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.util.Optional;

/**
 * One entry of {@code guard.seeds}: a seed address the operator owns at a receiving provider, and
 * where to look for it. Written either as a plain address (watched in the shared
 * {@code guard.seed_mailbox}, the old form) or as an object:
 * <pre>
 * - address: seed.news@gmail.com
 *   mailbox: { host: imap.gmail.com, auth: { username: seed.news@gmail.com, password_env: SEED_GMAIL } }
 *   junk_folder: "[Gmail]/Spam"      # optional: otherwise SPECIAL-USE \Junk, then the usual names
 *   authserv_id: mx.google.com       # optional: whose Authentication-Results count (else the topmost)
 * - address: seed@isp.example
 *   mailbox: { maildir: /var/mail/seed/Maildir }
 * </pre>
 *
 * @param mailbox    this seed's own mailbox, or null for {@code guard.seed_mailbox}
 * @param junkFolder the junk folder's name when the server marks none with SPECIAL-USE, or null
 * @param authservId the receiver's authserv-id (RFC 8601 s2.5), or null
 */
@JsonDeserialize(using = SeedSpec.Reader.class)
public record SeedSpec(String address, MailboxSettings mailbox, String junkFolder, String authservId) {

    public static SeedSpec of(String address) {
        return new SeedSpec(address, null, null, null);
    }

    public Optional<MailboxSettings> ownMailbox() { return Optional.ofNullable(mailbox); }

    /** The object form, bound strictly (an unknown key is an error naming its line). */
    record Entry(String address, MailboxSettings mailbox, String junkFolder, String authservId) {}

    /** A string (the old form) or an object. */
    static final class Reader extends JsonDeserializer<SeedSpec> {
        @Override
        public SeedSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) return of(p.getText());
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a seed is an address or {address, mailbox, junk_folder, authserv_id}");
            }
            Entry e = ctxt.readValue(p, Entry.class);
            if (e.address() == null) throw new IllegalArgumentException("a seed object needs its address");
            return new SeedSpec(e.address(), e.mailbox(), e.junkFolder(), e.authservId());
        }
    }
}
