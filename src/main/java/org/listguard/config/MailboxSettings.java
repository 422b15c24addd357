package org.listguard.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A mailbox listguard reads: IMAP over TLS ({@code host}, {@code port}, {@code auth}, {@code folder})
 * or a local Maildir ({@code maildir}).
 */
public record MailboxSettings(String host, Integer port, TlsMode tls, Credentials auth, String folder,
                              Path maildir, String processedFolder, Path trustCertificate) {
    public MailboxSettings {
        tls = tls == null ? TlsMode.IMPLICIT : tls;
        port = port == null ? (tls == TlsMode.IMPLICIT ? 993 : 143) : port;
        folder = folder == null ? "INBOX" : folder;
        processedFolder = processedFolder == null ? "listguard-processed" : processedFolder;
    }

    public Optional<Path> maildirPath() { return Optional.ofNullable(maildir); }
}
