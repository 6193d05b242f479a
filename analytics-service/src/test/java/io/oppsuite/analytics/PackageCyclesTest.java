package io.oppsuite.analytics;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature packages of analytics-service form no cycle (docs/architecture.md, "Inside a service"):
 * a package that needs a higher one declares a port instead. Plain JUnit over the compiled classes.
 */
class PackageCyclesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.oppsuite.analytics");

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.oppsuite.analytics.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
