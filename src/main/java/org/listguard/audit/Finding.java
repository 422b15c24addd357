package org.listguard.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One result of one check, in the JSON shape of DESIGN.md. Built with {@link #of} and the
 * {@code with…} methods so checks read as sentences.
 *
 * @param check       dnsbl | reputation | rdns | fcrdns | rdns-generic | spf | dkim | dmarc | mx | relay | list | content | zone-health
 * @param target      what was checked: an IP, a domain, a host:port, a file
 * @param source      where the answer came from (a zone, a DNS name, a relay)
 * @param code        the raw answer, e.g. 127.0.0.11, an SPF result, an SMTP reply code
 * @param meaning     what the code means
 * @param detail      what was seen, in words
 * @param remediation what to do about it
 * @param url         where to do it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String check, String target, Role role, String source, Status status,
                      String code, String meaning, String detail, String remediation, String url) {

    public static Finding of(String check, String target, Role role, Status status) {
        return new Finding(check, target, role, null, status, null, null, null, null, null);
    }

    public Finding withSource(String s) { return new Finding(check, target, role, s, status, code, meaning, detail, remediation, url); }

    public Finding withCode(String c) { return new Finding(check, target, role, source, status, c, meaning, detail, remediation, url); }

    public Finding withMeaning(String m) { return new Finding(check, target, role, source, status, code, m, detail, remediation, url); }

    public Finding withDetail(String d) { return new Finding(check, target, role, source, status, code, meaning, d, remediation, url); }

    public Finding withRemediation(String r) { return new Finding(check, target, role, source, status, code, meaning, detail, r, url); }

    public Finding withUrl(String u) { return new Finding(check, target, role, source, status, code, meaning, detail, remediation, u); }

    public Finding withStatus(Status s) { return new Finding(check, target, role, source, s, code, meaning, detail, remediation, url); }
}
