package io.oppsuite.opportunity;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature packages of opportunity-service form no cycle (docs/architecture.md, "Inside a service"):
 * a package that needs a higher one declares a port instead. Plain JUnit over the compiled classes.
 */
class PackageCyclesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.oppsuite.opportunity");

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.oppsuite.opportunity.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** core is the model every feature builds on: it depends on no feature (a lower package needing a feature declares a port). */
    @Test
    void coreDependsOnNoFeature() {
        noClasses().that().resideInAPackage("io.oppsuite.opportunity.core..")
                .should().dependOnClassesThat(resideInAPackage("io.oppsuite.opportunity..").and(not(resideInAPackage("io.oppsuite.opportunity.core.."))))
                .check(CLASSES);
    }
}
