package org.listguard.audit.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkDomainsTest {
    @Test
    void hostsBecomeRegistrableDomainsInOrderWithoutDuplicates() {
        String text = "a https://www.Example.org/x, b http://user@news.example.co.uk:8080/y, c https://example.org/z";
        assertEquals(List.of("example.org", "example.co.uk"), List.copyOf(LinkDomains.in(text)));
    }

    @Test
    void ipLiteralsTemplateVariablesAndOtherSchemesAreSkipped() {
        String text = "https://192.0.2.1/x https://{{host}}/y mailto:a@example.org ftp://files.example.net/ https://[2001:db8::1]/";
        assertEquals(List.of(), List.copyOf(LinkDomains.in(text)));
    }

    @Test
    void hostsAreCutAtThePublicSuffixListNotAtTwoLabels() {
        String text = "https://a.b.example.de/ https://mail.example.net.nz/x https://www.example.blogspot.com/";
        assertEquals(List.of("example.de", "example.net.nz", "example.blogspot.com"), List.copyOf(LinkDomains.in(text)));
    }
}
