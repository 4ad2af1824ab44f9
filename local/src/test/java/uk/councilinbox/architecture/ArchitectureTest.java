package uk.councilinbox.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.councilinbox.local.Project;

/**
 * The layout's rules, on the compiled classes of every deployed module: no package cycles; the domain
 * module is plain Java; settings hold no rules; start-up wiring is reached by nobody but the priming
 * steps the functions contribute.
 */
class ArchitectureTest {

    private static JavaClasses deployed;
    private static JavaClasses domain;

    @BeforeAll
    static void importClasses() {
        Path root = Project.root();
        ClassFileImporter importer = new ClassFileImporter();
        domain = importer.importPath(root.resolve("domain/target/classes"));
        deployed = importer.importPaths(root.resolve("domain/target/classes"), root.resolve("adapters/target/classes"),
                root.resolve(Project.WEBHOOKS + "/target/classes"), root.resolve(Project.HTTP_API + "/target/classes"),
                root.resolve(Project.WORKERS + "/target/classes"));
        assertFalse(domain.isEmpty(), "domain/target/classes is empty: compile first");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("uk.councilinbox.(**)").should().beFreeOfCycles().check(deployed);
    }

    @Test
    void theDomainIsPlainJava() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "software.amazon..", "com.amazonaws..", "io.quarkus..", "com.fasterxml..", "jakarta..", "org.jboss..",
                "io.smallrye..", "io.vertx..", "org.eclipse.microprofile..")
                .because("the domain's rules are tested without a framework and outlive any one of them")
                .check(domain);
    }

    @Test
    void settingsDependOnNothingOfOurs() {
        classes().that().resideInAPackage("uk.councilinbox.settings..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("uk.councilinbox.settings..", "java..", "io.smallrye.config..")
                .because("settings name configuration; rules live in the stages")
                .check(deployed);
    }

    @Test
    void onlyPrimingStepsReachIntoStartUp() {
        noClasses().that().resideOutsideOfPackage("uk.councilinbox.startup..")
                .and().doNotImplement(uk.councilinbox.startup.PrimingStep.class)
                .should().dependOnClassesThat().resideInAPackage("uk.councilinbox.startup..")
                .because("start-up wires and primes; stages and adapters do not call it")
                .check(deployed);
    }
}
