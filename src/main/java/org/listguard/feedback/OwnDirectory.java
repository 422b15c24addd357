package org.listguard.feedback;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a notice's "user unknown" is the mailbox host's own directory lookup (issue 22), which
 * speaks for the address wherever in the dialogue it was said. Without it, "user unknown" words
 * with neither an addressing code (X.1.x) nor the RCPT stage are read as Sisimai reads them
 * (lib/sisimai/reason/filtered.rb, userunknown.rb: the words count only with X.1.1 or at RCPT): a
 * filter may say so after it read the message, so they never suppress on their own.
 * <p>The layouts are the ones Sisimai's lhost modules document as the host's own lookup, each
 * recognised by what only that product writes:
 * <ul>
 *   <li>IBM Domino and Lotus Notes: "not listed in Domino Directory", "not listed in public Name &amp;
 *       Address Book" and their Japanese forms (Sisimai::Lhost::Domino, ::Notes);</li>
 *   <li>McAfee Email Gateway: its {@code X-NAI-Header: Modified by McAfee} (Sisimai::Lhost::McAfee);</li>
 *   <li>Ipswitch IMail: {@code X-Mailer: <SMTP32 v…>} (Sisimai::Lhost::IMailServer);</li>
 *   <li>Verizon's vtext.com gateway: {@code From: post_master@vtext.com} (Sisimai::Lhost::Verizon).</li>
 * </ul>
 */
final class OwnDirectory {
    private OwnDirectory() {}

    /**
     * Directory-lookup wordings that only the mailbox host's own lookup writes: Domino/Notes
     * (Sisimai::Lhost::Domino, ::Notes, French and Japanese forms included), and Postfix's table
     * lookups (postconf(5) local_recipient_maps, virtual_alias_maps, virtual_mailbox_maps,
     * relay_recipient_maps: "User unknown in local recipient table" and the like; local(8):
     * {@code unknown user: "name"}), which name the table that does not hold the address.
     */
    private static final Pattern DIRECTORY_WORDS = Pattern.compile(
            "(?i)not listed in (?:the )?(?:domino directory|public name & address book)|domino ディレクトリには見つかりません|ディレクトリのリストにありません"
                    + "|non r[ée]pertori[ée] dans l'annuaire domino"
                    + "|user unknown in (?:local recipient|virtual (?:alias|mailbox)|relay recipient) table|unknown user: \"");

    /** Whether {@code msg}'s headers are those of a product whose notices are its own directory lookup. */
    static boolean notice(MimeMessage msg) {
        try {
            String nai = first(msg, "X-NAI-Header");
            if (nai != null && nai.contains("Modified by McAfee")) return true;
            String mailer = first(msg, "X-Mailer");
            if (mailer != null && mailer.trim().startsWith("<SMTP32 v")) return true;
            String from = first(msg, "From");
            return from != null && from.toLowerCase(Locale.ROOT).contains("post_master@vtext.com");
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether a DSN recipient's failure was decided by the reporting MTA itself, in its own
     * delivery: no {@code Remote-MTA} (RFC 3464 s2.3.5: it names the MTA that gave the diagnostic
     * when that was another one), a diagnostic of a non-SMTP type (s2.3.6: "X-Postfix", "X-Local"…;
     * not a program's pipe, x-unix) that quotes no SMTP reply. The reporting MTA then holds the
     * mailbox, and its "user unknown" is its own directory lookup.
     */
    static boolean localDelivery(String remoteMta, String diagnosticType, int replyCode) {
        return remoteMta == null && diagnosticType != null && !diagnosticType.equals("smtp") && !diagnosticType.equals("x-unix")
                && replyCode == 0;
    }

    /** Whether {@code text} is a Domino/Notes directory statement. */
    static boolean words(String text) {
        return text != null && DIRECTORY_WORDS.matcher(text).find();
    }

    private static String first(MimeMessage msg, String name) throws MessagingException {
        String[] v = msg.getHeader(name);
        return v == null || v.length == 0 ? null : v[0];
    }
}
