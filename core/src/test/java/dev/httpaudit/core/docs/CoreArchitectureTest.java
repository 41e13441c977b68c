package dev.httpaudit.core.docs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shape issue 11 gave core: the model at the bottom, no package cycle, a declared API. */
class CoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.httpaudit.core");

    @Test
    void theModelDependsOnNothingElseInCore() {
        noClasses().that().resideInAPackage("dev.httpaudit.core")
                .should().dependOnClassesThat().resideInAPackage("dev.httpaudit.core.*..")
                .check(CORE);
    }

    @Test
    void corePackagesHaveNoCycle() {
        slices().matching("dev.httpaudit.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void internalPackagesDependOnlyOnTheModelAndOnEachOther() {
        noClasses().that().resideInAPackage("dev.httpaudit.core.internal..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.httpaudit.core.json..", "dev.httpaudit.core.redact..",
                        "dev.httpaudit.core.sink..", "dev.httpaudit.core.pipeline..")
                .check(CORE);
    }

    @Test
    void publicTypesAreExactlyTheDeclaredApi() {
        DeclaredApi.assertModuleMatches("http-audit-core", "dev.httpaudit.core");
    }
}
