package org.listguard.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Providers' own error codes, read the way each provider publishes them: one row per provider code
 * family, the reply in the provider's own published wording (the page in the last column; Sisimai's
 * Rhost tables were the secondary source of which families exist). Sender-side refusals are never
 * hard, and neither is a 4xx.
 */
class ProviderCodesTest {
    static final ReplyClassifier C = ReplyClassifier.standard();

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        UNKNOWN | 554 | 5.0.0 | REPUTATION | 554 cmsmtp blocked. Refer to Error Codes section at https://www.cox.com/internet/mail-error-codes for more information. AUP#CXBL | Cox CXBL: http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        UNKNOWN | 421 |       | REPUTATION | 421 cmsmtp 192.0.2.1 temporarily blocked. Refer to Error Codes section for more information. AUP#CDRBL | Cox CDRBL: http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        UNKNOWN | 554 |       | REPUTATION | 554 cmsmtp 192.0.2.1 is listed in the Spamhaus Zen DNSBL. AUP#IPBL0001 | Cox IPBLnnnn: http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        UNKNOWN | 554 |       | REPUTATION | 554 cmsmtp There was an issue with the connecting IP address DNS. AUP#CXDNS | Cox CXDNS: http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        DATA_END| 552 |       | CONTENT    | 552 cmsmtp A URL within the body of the message was found on a blocklist. AUP#URLBL1001 | Cox URLBLnnn: http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        UNKNOWN | 550 |       | SENDER     | 550 <list@example.org> message rejected. Refer to Error Codes section for more information. AUP#CXSNDR | Cox CXSNDR (problem with the sender's domain): http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        UNKNOWN | 550 |       | SENDER     | 550 cmsmtp unable to verify that the message came from a legitimate email sender. AUP#CXSMTP | Cox CXSMTP: http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        UNKNOWN | 550 |       | SENDER     | 550 Email sending blocked due to suspicious account activity on primary Cox account. AUP#CXMJ | Cox CXMJ / CXTHRT: http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        UNKNOWN | 421 | 5.0.0 | THROTTLE   | 421 cmsmtp blocked. Refer to Error Codes section for more information. AUP#CXCNCT | Cox CXCNCT (concurrent connections per IP): http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        UNKNOWN | 452 |       | THROTTLE   | 452 cmsmtp The email sender has exceeded the maximum number of sent email allowed. AUP#CXMXRT | Cox CXMXRT: http://postmaster.cox.net/confluence/display/postmaster/Error+Codes
        UNKNOWN | 554 |       | REPUTATION | 554 Connection refused. This IP has a poor reputation on Cloudmark Sender Intelligence (CSI). IB103 | GoDaddy IB103-IB106: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        UNKNOWN | 421 |       | REPUTATION | 421 Temporarily rejected. Reverse DNS for this IP failed. IB108 | GoDaddy IB108: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        UNKNOWN | 554 |       | REPUTATION | 554 This IP has been temporarily blocked for attempting to mail too many invalid recipients. IB112 | GoDaddy IB110-IB113: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        UNKNOWN | 421 |       | THROTTLE   | 421 Connection refused, too many sessions from This IP. Please lower the number of concurrent sessions. IB007 | GoDaddy IB007: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        UNKNOWN | 550 |       | THROTTLE   | 550 This IP has sent too many messages this hour. IB504 | GoDaddy IB504/IB510/IB607: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        UNKNOWN | 421 |       | SOFT       | 421 Server temporarily unavailable. Try again later. IB101 | GoDaddy IB101: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        DATA_END| 552 | 5.2.0 | CONTENT    | 552 5.2.0 This message has been rejected due to content judged to be spam by the internet community IB212 | GoDaddy IB212: https://support.tigertech.net/godaddy-ib212
        DATA_END| 552 |       | CONTENT    | 552 Virus infected message rejected. IB705 | GoDaddy IB705: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        AUTH    | 535 |       | SENDER     | 535 Authentication not allowed on IBSMTP Servers. IB401 | GoDaddy IB401: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        UNKNOWN | 550 |       | SENDER     | 550 list@example.org Blank From: addresses are not allowed. Please provide a valid From. IB501 | GoDaddy IB501/IB502/IB506/IB508: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        UNKNOWN | 554 |       | REPUTATION | 554 RBL Reject. | GoDaddy remote block list (RBL) bounces: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        RCPT    | 552 |       | SOFT       | 552 Account storage limit | GoDaddy recipient bounces: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        RCPT    | 550 |       | SOFT       | 550 Account disabled | GoDaddy recipient bounces: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        RCPT    | 550 |       | HARD       | 550 Recipient not found. | GoDaddy invalid recipient bounces: https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685
        UNKNOWN | 421 |       | REPUTATION | 421 Sender address blocked | Mimecast 421 (Blocked Senders policy on the IP): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        UNKNOWN | 451 |       | REPUTATION | 451 IP temporarily blacklisted | Mimecast 451: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        UNKNOWN | 550 |       | REPUTATION | 550 Local CT IP Reputation - (reject) | Mimecast 550 IP reputation: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        UNKNOWN | 550 |       | SENDER     | 550 SPF Sender Invalid - envelope rejected | Mimecast 550 SPF/DKIM/DMARC sender invalid: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        UNKNOWN | 550 |       | SENDER     | 550 Administrative prohibition envelope blocked | Mimecast 550 envelope blocked: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        UNKNOWN | 550 |       | SENDER     | 550 Envelope blocked - User Domain Entry | Mimecast 550 envelope blocked (user entry): https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        UNKNOWN | 550 |       | SENDER     | 550 Rejected by header-based Blocked Senders - Block policy for Header From | Mimecast 550 header-based blocked senders: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        DATA_END| 550 |       | CONTENT    | 550 Rejected by header based Anti-Spoofing policy | Mimecast 550 Anti-Spoofing: https://www.suped.com/knowledge/email-deliverability/troubleshooting/why-are-emails-bouncing-with-mimecast-anti-spoofing-policy-and-how-to-fix
        DATA_END| 550 |       | CONTENT    | 550 Message bounced due to content examination policy | Mimecast 550 content examination: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        UNKNOWN | 550 |       | THROTTLE   | 550 Exceeding outbound thread limit | Mimecast 550 thread limit: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        UNKNOWN | 553 |       | SENDER     | 553 This route requires encryption (TLS) | Mimecast 553 TLS route: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        DATA_END| 554 |       | SOFT       | 554 Maximum email size exceeded | Mimecast 554 size: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        RCPT    | 550 |       | HARD       | 550 Invalid Recipient | Mimecast 550 invalid recipient: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        DATA_END| 554 |       | CONTENT    | 554 Email rejected due to security policies - MCSpamSignature | Mimecast 554 security policies: https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes
        UNKNOWN | 550 | 5.7.501 | SENDER   | 550 5.7.501 Access denied, spam abuse detected. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 | Microsoft 5.7.501-5.7.503: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 550 | 5.7.750 | SENDER   | 550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains | Microsoft 5.7.750: https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750
        UNKNOWN | 550 | 5.7.505 | SOFT     | 550 5.7.505 Access denied, banned recipient | Microsoft 5.7.505: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 550 | 5.7.511 | REPUTATION | 550 5.7.511 Access denied, banned sender[203.0.113.10]. To request removal from this list, forward this message to delist@microsoft.com | Microsoft 5.7.506/507/510/511/513: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 550 | 5.7.606 | REPUTATION | 550 5.7.606 Access denied, banned sending IP [203.0.113.10]. To request removal from this list please visit https://sender.office.com/ and follow the directions. | Microsoft 5.7.606-5.7.649: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 550 | 5.7.705 | THROTTLE | 550 5.7.705 Access denied, tenant has exceeded threshold | Microsoft 5.7.700-5.7.749: https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750
        UNKNOWN | 550 | 5.7.508 | THROTTLE | 550 5.7.508 Access denied, [203.0.113.10] has exceeded permitted limits within 203.0.113.0/24 range | Microsoft 5.7.508: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 451 | 4.7.500 | REPUTATION | 451 4.7.500 Access denied, please try again later | Microsoft 4.7.500-4.7.699 / 4.7.850-4.7.899: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 451 | 4.7.650 | REPUTATION | 451 4.7.650 The mail server [203.0.113.10] has been temporarily rate limited due to IP reputation | Microsoft 4.7.650: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 550 | 5.7.509 | SENDER   | 550 5.7.509 Access denied, sending domain example.org does not pass DMARC verification and has a DMARC policy of reject. | Microsoft 5.7.509: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 550 | 5.7.513 | REPUTATION | 550 5.7.513 Service unavailable, Client host [203.0.113.10] blocked by example.com using Customer Block list (AS16012607) | Microsoft 5.7.513: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 550 | 5.1.8 | SENDER     | 550 5.1.8 Access denied, bad outbound sender | Microsoft 5.1.8: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        MAIL    | 530 | 5.7.57 | SENDER    | 530 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM | Microsoft 5.7.57: https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 550 | 5.7.1 | REPUTATION | 550 5.7.1 Unfortunately, messages from [203.0.113.10] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). | Microsoft S3150 (Outlook.com): https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/non-delivery-reports-in-exchange-online
        UNKNOWN | 421 |       | THROTTLE   | 421 RP-001 (BAY004-MC1F63) Unfortunately, some messages from 203.0.113.10 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day. | Outlook.com RP-001/RP-002: https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
        UNKNOWN | 421 |       | THROTTLE   | 421 RP-003 The mail server IP connecting to Outlook.com server has exceeded the connection limit allowed. | Outlook.com RP-003: https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
        UNKNOWN | 550 |       | REPUTATION | 550 SC-001 (BAY004-MC5F2) Unfortunately, messages from 203.0.113.10 weren't sent. Please contact your Internet service provider. Mail rejected by Outlook.com for policy reasons. | Outlook.com SC-001..SC-004: https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
        UNKNOWN | 550 |       | REPUTATION | 550 DY-001 (SNT004-MC1F32) Unfortunately, messages from 203.0.113.10 weren't sent. Mail rejected by Outlook.com for policy reasons. We generally do not accept email from dynamic IP's. | Outlook.com DY-001/DY-002: https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
        UNKNOWN | 550 |       | REPUTATION | 550 OU-002 (COL004-MC2F5) Unfortunately, messages from 203.0.113.10 weren't sent. Mail rejected by Outlook.com for policy reasons. | Outlook.com OU-001/OU-002: https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
        UNKNOWN | 550 | 5.7.515 | SENDER   | 550 5.7.515 Access denied, sending domain example.org doesn't meet the required authentication level. | Outlook.com 5.7.515: https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx
        UNKNOWN | 421 | 4.7.0 | REPUTATION | 421-4.7.0 IP not in whitelist for RCPT domain, closing connection. | Gmail 421 4.7.0: https://support.google.com/a/answer/3726730
        UNKNOWN | 421 | 4.7.0 | REPUTATION | 421-4.7.0 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily blocked. | Gmail 421 4.7.0: https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.7.1 | REPUTATION | 550-5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead. | Gmail 550 5.7.1: https://support.google.com/a/answer/3726730
        UNKNOWN | 421 | 4.7.0 | SENDER     | 421-4.7.0 TLS required for RCPT domain, closing connection. | Gmail 421 4.7.0 TLS: https://support.google.com/a/answer/3726730
        UNKNOWN | 450 | 4.2.1 | THROTTLE   | 450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time. | Gmail 450 4.2.1: https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.4.5 | THROTTLE   | 550-5.4.5 Daily user sending quota exceeded. | Gmail 550 5.4.5: https://support.google.com/a/answer/3726730
        UNKNOWN | 452 | 4.2.2 | SOFT       | 452-4.2.2 The email account that you tried to reach is over quota. | Gmail 452 4.2.2: https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.2.1 | SOFT       | 550-5.2.1 The email account that you tried to reach is disabled. | Gmail 550 5.2.1: https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.1.1 | HARD       | 550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. | Gmail 550 5.1.1: https://support.google.com/a/answer/3726730
        DATA_END| 550 | 5.7.1 | CONTENT    | 550-5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. | Gmail 550 5.7.1 spam: https://support.google.com/a/answer/3726730
        DATA_END| 552 | 5.7.0 | CONTENT    | 552-5.7.0 Our system detected an illegal attachment on your message. | Gmail 552 5.7.0: https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.7.26 | SENDER    | 550-5.7.26 This message does not pass authentication checks (SPF and DKIM both do not pass). | Gmail 550 5.7.26: https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.7.1 | SENDER     | 550-5.7.1 Unauthenticated email is not accepted from this domain. | Gmail 550 5.7.1: https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.7.25 | SENDER    | 550-5.7.25 The IP address sending this message does not have a PTR record setup. | Gmail 550 5.7.25: https://support.google.com/a/answer/3726730
        UNKNOWN | 450 | 4.2.1 | THROTTLE   | 450-4.2.1 The user you are trying to contact is receiving email too quickly. Please resend your message at a later time. | Gmail 450 4.2.1 (current wording): https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.2.1 | THROTTLE   | 550-5.2.1 The user you are trying to contact is receiving email at a rate that prevents additional messages from being delivered. | Gmail 550 5.2.1 rate: https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.7.1 | REPUTATION | 550-5.7.1 The IP you're using to send email is not authorized to send email directly to our servers. Use the SMTP relay at your service provider instead. | Gmail 550 5.7.1 (current wording): https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.2.1 | SOFT       | 550-5.2.1 The email account that you tried to reach is inactive. | Gmail 550 5.2.1 inactive: https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.7.1 | THROTTLE   | 550-5.7.1 This email has been rate limited. | Gmail 550 5.7.1 rate limited: https://support.google.com/a/answer/3726730
        UNKNOWN | 421 | 4.7.0 | SENDER     | 421-4.7.0 The IP address sending this message does not have a PTR record, or the corresponding forward DNS entry does not point to the sending IP. To protect our users from spam, email sent from your IP address has been temporarily rate limited. | Gmail 421 4.7.0 PTR: https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.7.0 | SENDER     | 550-5.7.0 Email sending denied. | Gmail 550 5.7.0 sending denied (SMTP relay): https://support.google.com/a/answer/3726730
        UNKNOWN | 550 | 5.7.0 | SENDER     | 550-5.7.0 Email relay denied 203.0.113.10. Invalid credentials for relay for one of the domains in: example.org | Gmail 550 5.7.0 relay denied: https://support.google.com/a/answer/3726730
        DATA_END| 550 | 5.7.1 | CONTENT    | 550-5.7.1 The user or domain that you are sending to (or from) has a policy that prohibits the email that you sent. | Gmail 550 5.7.1 policy: https://support.google.com/a/answer/3726730
        DATA_END| 550 | 5.7.1 | CONTENT    | 550-5.7.1 This message is not RFC 5322 compliant because it has duplicate headers. | Gmail 550 5.7.1 RFC 5322: https://support.google.com/a/answer/3726730
        DATA_END| 421 | 4.7.0 | CONTENT    | 421-4.7.0 This message is suspicious due to the nature of the content or the links within. To best protect our users from spam, the message has been blocked. | Gmail 421 4.7.0 content: https://support.google.com/a/answer/3726730
        UNKNOWN | 421 | 4.7.0 | REPUTATION | 421 4.7.0 [TSS04] Messages from 203.0.113.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes | Yahoo TSS04: https://senders.yahooinc.com/smtp-error-codes/
        UNKNOWN | 553 | 5.7.2 | REPUTATION | 553 5.7.2 [TSS09] All messages from 203.0.113.10 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes | Yahoo TSS09: https://senders.yahooinc.com/smtp-error-codes/
        UNKNOWN | 553 | 5.7.1 | REPUTATION | 553 5.7.1 [BL21] Connections will not be accepted from 203.0.113.10, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes | Yahoo BL21: https://senders.yahooinc.com/smtp-error-codes/
        DATA_END| 554 | 5.7.9 | CONTENT    | 554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes | Yahoo 554 5.7.9: https://senders.yahooinc.com/smtp-error-codes/
        DATA_END| 550 | 5.7.1 | CONTENT    | 550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137 | Apple CS01: https://smtp.codes/icloud (Apple HT204137)
        DATA_END| 554 | 5.7.1 | CONTENT    | 554 5.7.1 [HM08] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137 | Apple HM07/HM08: https://www.suped.com/learn/email-deliverability/what-does-apples-message-rejected-due-to-local-policy-error-mean-and-how-can-it-be-resolved
        RCPT    | 550 | 5.7.1 | REPUTATION | 550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137 | Apple CS01 before DATA: a policy verdict on the sender (ReplyClassifier pre-data contract)
        RCPT    | 421 | 4.7.1 | THROTTLE   | 421 4.7.1 Messages to member@icloud.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137 | Apple 421 4.7.1: https://smtp.codes/icloud
        RCPT    | 550 | 5.1.1 | HARD       | 550 5.1.1 <member@icloud.com>: inactive email address | Apple inactive address: iCloud's own X.1.1 (bad destination mailbox) stands (https://bentonow.com/smtp-errors/apple calls it a deactivated address)
        RCPT    | 550 | 5.1.1 | HARD       | 550 5.1.1 <member@icloud.com>: user does not exist | Apple 550 5.1.1: https://smtp.codes/icloud
        UNKNOWN | 554 |       | SENDER     | 554 impin004.msg.chrl.nc.charter.net cmsmtp blocked. Please see https://www.spectrum.net/support/internet/understanding-email-error-codes for more information. AUP#In-1020 | Spectrum AUP#1020 (account blocked, not an IP block): https://community.spectrum.net/discussion/172891
        UNKNOWN | 554 |       | REPUTATION | 554 cmsmtp blocked. Your IP address has been blocked due to suspicious activity. AUP#1000 | Spectrum AUP#1000 / 1100-1150 / 1200-1250: https://community.spectrum.net/discussion/172891
        UNKNOWN | 421 |       | THROTTLE   | 421 cmsmtp message rejected. AUP#1430 | Spectrum AUP#1350-1490 (rate limits): https://www.suped.com/knowledge/email-deliverability/troubleshooting/how-to-resolve-email-delivery-issues-with-spectrumcharter-servers
        UNKNOWN | 552 |       | SOFT       | 552 cmsmtp message rejected. AUP#1530 | Spectrum AUP#1530 (larger than 20MB): Sisimai Rhost/Spectrum.pm
        UNKNOWN | 550 |       | CONTENT    | 550 cmsmtp message rejected. AUP#1560 | Spectrum AUP#1560 (too many invalid recipients, policy): Sisimai Rhost/Spectrum.pm
        UNKNOWN | 550 |       | THROTTLE   | 550 Ip frequency limited | Tencent QQ frequency limit: http://ydadm.com/news_in/335 (exmail.qq.com)
        UNKNOWN | 550 |       | THROTTLE   | 550 Connection frequency limited | Tencent QQ frequency limit: http://ydadm.com/news_in/335 (exmail.qq.com)
        UNKNOWN | 550 |       | REPUTATION | 550 Suspected spam ip | Tencent QQ: https://qqmailbox.com/transceivers/169.html
        DATA_END| 550 |       | CONTENT    | 550 Mail content denied | Tencent QQ '550 Error: content rejected': https://qqmailbox.com/transceivers/169.html
        UNKNOWN | 550 |       | CONTENT    | 550 Mail is rejected by recipients | Tencent QQ: https://qqmailbox.com/transceivers/169.html
        RCPT    | 550 |       | HARD       | 550 Mailbox not found | Tencent QQ '550 Mailbox not found': https://qqmailbox.com/transceivers/169.html
        UNKNOWN | 550 |       | SENDER     | 550 Use SMTP of your provider to send mail. See http://mail.i.ua/err/6/ | i.ua 1/6 (relaying): http://mail.i.ua/err/6/
        RCPT    | 550 |       | HARD       | 550 User is not found. See http://mail.i.ua/err/2/ | i.ua 2: http://mail.i.ua/err/2/
        RCPT    | 550 |       | SOFT       | 550 Mailbox is frozen. See http://mail.i.ua/err/3/ | i.ua 3: http://mail.i.ua/err/3/
        RCPT    | 550 |       | SOFT       | 550 Mailbox is full. See http://mail.i.ua/err/4/ | i.ua 4: http://mail.i.ua/err/4/
        UNKNOWN | 550 |       | THROTTLE   | 550 Letter sending limit is exceeded. See http://mail.i.ua/err/5/ | i.ua 5: http://mail.i.ua/err/5/
        UNKNOWN | 550 |       | REPUTATION | 550 Spam source. See http://mail.i.ua/err/9/ | i.ua 7/9: http://mail.i.ua/err/9/
        UNKNOWN | 550 |       | SENDER     | 550 Couldn't check sender address. See http://mail.i.ua/err/8/ | i.ua 8: http://mail.i.ua/err/8/
        UNKNOWN | 550 |       | CONTENT    | 550 Not in the list. See http://mail.i.ua/err/10/ | i.ua 10: http://mail.i.ua/err/10/
        UNKNOWN | 550 | 5.2.0 | CONTENT    | 550 : User unknown | KDDI/au (domain filter, empty address): https://note.com/sendmagic/n/neb6bbe7e51cf
        UNKNOWN | 550 | 5.1.1 | HARD       | 550 <member@au.com>: User unknown | KDDI/au (no such address): https://note.com/sendmagic/n/neb6bbe7e51cf
        RCPT    | 550 | 5.1.1 | HARD       | 550 Unknown user member@docomo.ne.jp | NTT docomo 550: https://note.com/sendmagic/n/neb6bbe7e51cf
        RCPT    | 552 |       | SOFT       | 552 Too much mail data member@docomo.ne.jp | NTT docomo 552 (mailbox full): https://note.com/sendmagic/n/neb6bbe7e51cf
        RCPT    | 552 |       | THROTTLE   | 552 too many recipients | NTT docomo 552 too many recipients: Sisimai Rhost/NTTDOCOMO.pm
        UNKNOWN | 421 |       | REPUTATION | 421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR_999 [999] | Orange OFR_999 (IP suspended): https://bentonow.com/smtp-errors/orange/ofr-999
        UNKNOWN | 421 |       | THROTTLE   | 421 mwinf5c77 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR004_104 [104] | Orange OFR004_104: https://bentonow.com/smtp-errors/orange
        DATA_END| 550 | 5.2.0 | CONTENT    | 550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506] | Orange OFR_506: https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/
        DATA_END| 421 | 4.2.0 | SOFT       | 421 4.2.0 Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR005_505 [505] | Orange OFR005_505 (temporary): https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/
        RCPT    | 550 | 5.1.1 | HARD       | 550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416] | Orange OFR_416: https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/
        RCPT    | 421 | 4.1.1 | SOFT       | 421 4.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416] | Orange OFR_416 on a 4xx: never hard
        RCPT    | 552 | 5.2.2 | SOFT       | 552 5.2.2 Boite du destinataire pleine. Recipient overquota. OFR_417 [417] | Orange OFR_417: https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/
        UNKNOWN | 550 | 5.7.1 | SENDER     | 550 5.7.1 Emetteur invalide. Invalid Sender. LPN000_405 | La Poste LPN_405 (sender refused): https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/
        """)
    void providerCodeDecides(Stage stage, int code, String enhanced, Action expected, String text, String source) {
        Classification c = C.classify(stage, code, enhanced, text, "mx.example.net", false);
        assertEquals(expected, c.action(), () -> source + ": " + c);
    }
}
