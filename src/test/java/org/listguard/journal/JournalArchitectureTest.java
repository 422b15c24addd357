package org.listguard.journal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md: "only journal/ touches the database". */
class JournalArchitectureTest {
    @Test
    void onlyTheJournalPackageUsesJdbcOrTheDatabaseLibraries() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.listguard");
        noClasses().that().resideOutsideOfPackage("org.listguard.journal..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..",
                        "org.postgresql..", "org.flywaydb..")
                .because("only journal/ touches the database (DESIGN.md)")
                .check(main);
    }
}
