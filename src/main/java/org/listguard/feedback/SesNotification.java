package org.listguard.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.listguard.reply.Action;
import org.listguard.reply.Classification;
import org.listguard.reply.ReplyClassifier;
import org.listguard.reply.Stage;

/**
 * Amazon SES event notifications delivered by e-mail through SNS: a JSON body with
 * {@code notificationType} Bounce / Complaint / Delivery (AWS SES Developer Guide, "Amazon SNS
 * notification contents"). Bounce recipients carry status and diagnosticCode like a DSN.
 */
final class SesNotification {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SesNotification() {}

    /**
     * SES's bounce types (AWS SES Developer Guide, "Amazon SNS notification contents for Amazon
     * SES": bounceType/bounceSubType) that say what happened, read only when the receiver's words
     * say nothing: Permanent/NoEmail "the target email address does not exist"; Permanent/Suppressed
     * and OnAccountSuppressionList, on SES's suppression list; Transient/MailboxFull,
     * MessageTooLarge, ContentRejected and AttachmentRejected. General and Undetermined say nothing.
     */
    private static final Map<String, String> SUBTYPES = Map.of(
            "Permanent/NoEmail", "userunknown",
            "Permanent/Suppressed", "suppressed",
            "Permanent/OnAccountSuppressionList", "suppressed",
            "Transient/MailboxFull", "mailboxfull",
            "Transient/MessageTooLarge", "mesgtoobig",
            "Transient/ContentRejected", "contenterror",
            "Transient/AttachmentRejected", "contenterror");

    /** The records of an SES notification, or an empty list when the text is not one. */
    static List<BounceRecord> read(String text, ReplyClassifier classifier, MatchKeys keys) {
        int start = text.indexOf("{\"notificationType\"");
        if (start < 0) start = text.indexOf("{\"eventType\"");
        if (start < 0) return List.of();
        JsonNode root;
        try {
            root = JSON.readTree(text.substring(start, text.lastIndexOf('}') + 1).replaceAll("\\r?\\n(?=\\S)", "").replaceAll("\\r?\\n\\s", " "));
        } catch (Exception e) {
            return List.of();
        }
        String type = root.path("notificationType").asText(root.path("eventType").asText("")).toLowerCase(Locale.ROOT);
        String mid = root.path("mail").path("messageId").asText(null);
        String messageId = mid == null ? keys.originalMessageId() : "<" + mid + "@email.amazonses.com>";
        List<BounceRecord> out = new ArrayList<>();
        if (type.equals("complaint")) {
            String fb = root.path("complaint").path("complaintFeedbackType").asText("abuse");
            Classification c = ArfReader.ofType(fb);
            for (JsonNode r : root.path("complaint").path("complainedRecipients")) {
                out.add(new BounceRecord("ses", r.path("emailAddress").asText(), null, null, 0, "feedback-type: " + fb, null,
                        c.reason(), c.action(), c.action() == Action.COMPLAINT ? "ses-complaint" : c.rule(), keys.verpToken(), messageId));
            }
        } else if (type.equals("delivery")) {
            JsonNode d = root.path("delivery");
            for (JsonNode r : d.path("recipients")) {
                String diag = d.path("smtpResponse").asText(null);
                out.add(new BounceRecord("ses", r.asText(), null, "2.6.0", 250, diag, d.path("reportingMTA").asText(null),
                        "delivered", Action.NONE, "ses-delivery", keys.verpToken(), messageId));
            }
        } else if (type.equals("bounce")) {
            JsonNode b = root.path("bounce");
            String subtype = b.path("bounceType").asText("") + "/" + b.path("bounceSubType").asText("");
            for (JsonNode r : b.path("bouncedRecipients")) {
                String diag = r.path("diagnosticCode").asText("");
                int code = Diagnostics.replyCode(DsnFields.value(diag));
                String reply = DsnFields.value(diag);
                // "status: the value of the Status field from the DSN" (AWS SES, notification contents): the
                // structured field, read as a DSN's is (the receiver's own code when the field is generic)
                EnhancedStatus st = EnhancedStatus.of(r.path("status").asText(null), reply);
                Classification c = classifier.classify(Stage.UNKNOWN, code, st.code(), reply == null ? "" : reply, null, false);
                if (c.reason().equals("undefined") && SUBTYPES.containsKey(subtype)) {
                    // the words say nothing: SES's own bounce type says what it saw
                    String reason = SUBTYPES.get(subtype);
                    c = new Classification(reason, org.listguard.reply.Reasons.actionOf(reason), "ses-" + subtype.toLowerCase(Locale.ROOT));
                }
                out.add(new BounceRecord("ses", r.path("emailAddress").asText(), null, st.code(), code, reply, null,
                        c.reason(), c.action(), c.rule(), keys.verpToken(), messageId, Stage.UNKNOWN, st.from()));
            }
        }
        return out;
    }
}
