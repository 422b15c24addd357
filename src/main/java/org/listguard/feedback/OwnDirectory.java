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

    /** Directory-lookup wordings that only Domino/Notes write (Sisimai::Lhost::Domino, ::Notes). */
    private static final Pattern DIRECTORY_WORDS = Pattern.compile(
            "(?i)not listed in (?:the )?(?:domino directory|public name & address book)|domino ディレクトリには見つかりません|ディレクトリのリストにありません");

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

    /** Whether {@code text} is a Domino/Notes directory statement. */
    static boolean words(String text) {
        return text != null && DIRECTORY_WORDS.matcher(text).find();
    }

    private static String first(MimeMessage msg, String name) throws MessagingException {
        String[] v = msg.getHeader(name);
        return v == null || v.length == 0 ? null : v[0];
    }
}
