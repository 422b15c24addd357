package org.listguard.domain;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The one registrable-domain function (issue 18), on Public Suffix List cases. */
class RegistrableDomainTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        mail.example.net.nz   | example.net.nz   | the case three old functions disagreed on (net.nz, example.net.nz, itself)
        a.b.example.co.uk     | example.co.uk    | ICANN two-label suffix
        example.com           | example.com      | already registrable
        www.example.com       | example.com      |
        news.example.com.au   | example.com.au   |
        a.b.example.de        | example.de       | one-label suffix
        example.kawasaki.jp   | example.kawasaki.jp | wildcard rule *.kawasaki.jp
        city.kawasaki.jp      | city.kawasaki.jp | exception rule !city.kawasaki.jp
        foo.example.blogspot.com | example.blogspot.com | private section counts (DMARC practice)
        someone.github.io     | someone.github.io | private section
        """)
    void isThePublicSuffixPlusOneLabel(String name, String expected, String why) {
        assertEquals(expected, RegistrableDomain.of(name), why);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        co.uk            | co.uk
        com              | com
        blogspot.com     | blogspot.com
        localhost        | localhost
        192.0.2.10       | 192.0.2.10
        2001:DB8::1      | 2001:db8::1
        [192.0.2.10]     | 192.0.2.10
        """)
    void aNameWithoutARegistrableDomainIsItself(String name, String expected) {
        assertEquals(expected, RegistrableDomain.of(name));
    }

    @Test
    void caseAndTheTrailingDotDoNotMatter() {
        assertEquals("example.co.uk", RegistrableDomain.of("Mail.EXAMPLE.co.UK."));
    }

    @Test
    void internationalisedNamesAnswerInALabelsWhicheverFormTheyCameIn() {
        assertEquals("xn--bcher-kva.de", RegistrableDomain.of("mail.bücher.de"));
        assertEquals("xn--bcher-kva.de", RegistrableDomain.of("mail.xn--bcher-kva.de"));
        assertEquals("example.xn--55qx5d.cn", RegistrableDomain.of("www.example.公司.cn"), "公司.cn is a listed suffix");
        assertEquals("example.xn--55qx5d.cn", RegistrableDomain.of("www.example.xn--55qx5d.cn"));
    }

    @Test
    void aNameUnderNoListedSuffixKeepsItsLastTwoLabels() {
        assertEquals("example.test", RegistrableDomain.of("lists.example.test"), "the PSL's default rule *");
        assertEquals("example.invalid", RegistrableDomain.of("a.b.example.invalid"));
    }

    @Test
    void somethingThatIsNotADomainNameIsReturnedAsGiven() {
        assertEquals("not a host", RegistrableDomain.of("Not a host"));
        assertEquals("", RegistrableDomain.of(""));
    }

    /** A leaf: every package may use it, so it uses none of them. */
    @Test
    void dependsOnNoOtherListguardPackage() {
        noClasses().that().resideInAPackage("org.listguard.domain..")
                .should().dependOnClassesThat(resideInAPackage("org.listguard..").and(resideOutsideOfPackage("org.listguard.domain..")))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.listguard.domain"));
    }
}
