package org.listguard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's package rules, enforced: who may touch the database, the network and the CLI. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.listguard");
    }

    @Test
    void onlyTheJournalTouchesTheDatabase() {
        noClasses().that().resideOutsideOfPackage("org.listguard.journal..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.flywaydb..", "org.sqlite..", "org.postgresql..")
                .check(classes);
    }

    /**
     * dns/ and deliver/ are the network edges; unsubscribe.http is the third, added with issue 11:
     * the one-click endpoint (RFC 8058) must listen for HTTP, and it is one small adapter over the
     * domain's {@code unsubscribe.Unsubscriber}, which itself touches no socket. mailbox/ holds the
     * IMAP and Maildir adapters of the return path and the seed mailboxes (ports in feedback/, guard/).
     * Jetty (issue 20) is the one-click endpoint's server and stays inside unsubscribe.http.
     */
    @Test
    void onlyDnsAndDeliverTouchTheNetwork() {
        noClasses().that().resideOutsideOfPackages("org.listguard.dns..", "org.listguard.deliver..", "org.listguard.mailbox..",
                        "org.listguard.unsubscribe.http..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.mail.Transport")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.mail.Store")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.xbill.DNS.SimpleResolver")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.xbill.DNS.ExtendedResolver")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.sun.net.httpserver.HttpServer")
                .orShould().dependOnClassesThat().resideInAPackage("org.eclipse.jetty.server..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.http.HttpClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("org.listguard.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.listguard.cli..")
                .check(classes);
    }

    @Test
    void theGuardDecidesWithoutTouchingTheJournalOrTheNetwork() {
        noClasses().that().resideInAPackage("org.listguard.guard..")
                .should().dependOnClassesThat().resideInAnyPackage("org.listguard.journal..", "org.listguard.dns..", "jakarta.mail..")
                .check(classes);
    }

    /** DESIGN.md invariant 13: the top-level packages form no cycle (each one readable on its own). */
    @Test
    void noPackageCycle() {
        slices().matching("org.listguard.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** DESIGN.md invariant 13: the reply vocabulary sits below the packages that use it. */
    @Test
    void theReplyVocabularyDependsOnNoUser() {
        noClasses().that().resideInAPackage("org.listguard.reply..")
                .should().dependOnClassesThat().resideInAnyPackage("org.listguard.deliver..", "org.listguard.feedback..",
                        "org.listguard.guard..", "org.listguard.journal..", "org.listguard.send..", "org.listguard.report..")
                .check(classes);
    }
}
