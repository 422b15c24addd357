package org.listguard.cli;

import org.listguard.config.MailboxSettings;
import org.listguard.config.SeedSpec;
import org.listguard.guard.SeedWatcher;
import org.listguard.mailbox.ImapSeedWatcher;
import org.listguard.send.SendPipeline;

/** The real seed mailboxes: IMAP or Maildir, each with its seed's {@code junk_folder} and {@code authserv_id}. */
final class SeedMailboxOpener implements SendPipeline.SeedWatchers {
    @Override
    public SeedWatcher open(MailboxSettings mailbox, char[] password) {
        return ImapSeedWatcher.open(mailbox, password);
    }

    @Override
    public SeedWatcher open(SeedSpec seed, MailboxSettings mailbox, char[] password) {
        return ImapSeedWatcher.open(mailbox, password, seed.junkFolder(), seed.authservId());
    }
}
