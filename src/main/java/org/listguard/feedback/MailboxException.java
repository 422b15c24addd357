package org.listguard.feedback;

import java.io.IOException;

/**
 * The mailbox could not be opened or used (missing Maildir, refused login, unreachable server,
 * untrusted certificate, missing folder). Names the setting to look at, relative to the
 * mailbox's config key ({@code host}, {@code auth}, {@code folder}, {@code maildir},
 * {@code trust_certificate}, {@code processed_folder}). Never carries a password.
 */
public class MailboxException extends IOException {
    private final String setting;

    public MailboxException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    public MailboxException(String setting, String message) {
        this(setting, message, null);
    }

    /** The mailbox setting at fault, e.g. "host". */
    public String setting() { return setting; }
}
