package org.listguard.dmarc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** Reports written for tests, in the shape Google sends (RFC 7489 appendix C), and report messages around them. */
final class DmarcReportsFixture {
    private DmarcReportsFixture() {}

    /** One record: {@code dkim} "domain/selector=result" or null, {@code spf} "domain=result". */
    record Rec(String ip, long count, String dkim, String spf) {}

    static String xml(String org, String email, String id, long begin, Rec... recs) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<feedback>\n  <report_metadata>\n"
                + "    <org_name>" + org + "</org_name>\n    <email>" + email + "</email>\n    <report_id>" + id + "</report_id>\n"
                + "    <date_range><begin>" + begin + "</begin><end>" + (begin + 86399) + "</end></date_range>\n  </report_metadata>\n"
                + "  <policy_published><domain>example.org</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct>"
                + "</policy_published>\n");
        for (Rec r : recs) {
            boolean dkimPass = r.dkim() != null && r.dkim().endsWith("=pass") && r.dkim().startsWith("example.org/");
            boolean spfPass = r.spf().endsWith("=pass") && r.spf().startsWith("example.org");
            sb.append("  <record><row><source_ip>").append(r.ip()).append("</source_ip><count>").append(r.count())
                    .append("</count><policy_evaluated><disposition>none</disposition><dkim>").append(dkimPass ? "pass" : "fail")
                    .append("</dkim><spf>").append(spfPass ? "pass" : "fail").append("</spf></policy_evaluated></row>")
                    .append("<identifiers><header_from>example.org</header_from></identifiers><auth_results>");
            if (r.dkim() != null) {
                String[] d = r.dkim().split("[/=]");
                sb.append("<dkim><domain>").append(d[0]).append("</domain><selector>").append(d[1]).append("</selector><result>")
                        .append(d[2]).append("</result></dkim>");
            }
            String[] s = r.spf().split("=");
            sb.append("<spf><domain>").append(s[0]).append("</domain><result>").append(s[1]).append("</result></spf></auth_results></record>\n");
        }
        return sb.append("</feedback>\n").toString();
    }

    static byte[] gzip(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A report message as Google mails it: multipart/mixed? no — a single application/gzip body, base64. */
    static byte[] message(String from, byte[] attachment, String fileName) {
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        String m = "From: " + from + "\r\nTo: dmarc@example.org\r\nSubject: Report domain: example.org Submitter: google.com\r\n"
                + "Message-ID: <r1@google.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate report.\r\n"
                + "--b1\r\nContent-Type: application/gzip; name=\"" + fileName + "\"\r\nContent-Disposition: attachment; filename=\""
                + fileName + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--b1--\r\n";
        return m.getBytes(StandardCharsets.US_ASCII);
    }
}
