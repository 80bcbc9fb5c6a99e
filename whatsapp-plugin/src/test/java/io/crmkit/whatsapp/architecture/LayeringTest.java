package io.crmkit.whatsapp.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The plugin's dependencies point one way (DESIGN.md): {@code domain} ← {@code application} ← {@code infrastructure}
 * and {@code interfaces}; the sandbox is reached over HTTP only, and wired in by the plugin's entry point.
 */
class LayeringTest {
    private static final String ROOT = "io.crmkit.whatsapp";
    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** The entry point the host loads: it starts and stops every part, the sandbox included. */
    private static final String WIRING = ROOT + ".interfaces.WhatsAppPlugin";

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("domain").definedBy(ROOT + ".domain..")
            .layer("application").definedBy(ROOT + ".application..")
            .layer("infrastructure").definedBy(ROOT + ".infrastructure..")
            .layer("interfaces").definedBy(ROOT + ".interfaces..")
            .layer("sandbox").definedBy(ROOT + ".sandbox..")
            .whereLayer("interfaces").mayNotBeAccessedByAnyLayer()
            // The sandbox reads the installation's settings (app secret, public address) as Meta would know them.
            .whereLayer("infrastructure").mayOnlyBeAccessedByLayers("interfaces", "sandbox")
            .whereLayer("application").mayOnlyBeAccessedByLayers("infrastructure", "interfaces", "sandbox")
            .whereLayer("domain").mayOnlyBeAccessedByLayers("application", "infrastructure", "interfaces", "sandbox")
            .whereLayer("sandbox").mayNotBeAccessedByAnyLayer()
            .ignoreDependency(HasName.Predicates.name(WIRING), JavaClass.Predicates.resideInAPackage(ROOT + ".sandbox.."))
            .because("dependencies point inwards; the sandbox is an emulator of Meta, reached over HTTP");

    static final ArchRule APPLICATION_WITHOUT_PERSISTENCE_MECHANICS = noClasses()
            .that().resideInAPackage(ROOT + ".application..")
            .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.Query")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.TypedQuery")
            .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .because("the application declares the repositories it needs; infrastructure/persistence implements them");

    static final ArchRule DOMAIN_WITHOUT_FRAMEWORK_SERVICES = noClasses()
            .that().resideInAPackage(ROOT + ".domain..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.inject..", "jakarta.enterprise..",
                    "jakarta.ws.rs..", "jakarta.transaction..", "io.crmkit.plugin..")
            .because("the domain is entities, values and rules, testable without a container or a host");

    @Test
    void dependenciesPointInwards() {
        LAYERS.check(PLUGIN);
    }

    @Test
    void applicationCodeHasNoPersistenceMechanics() {
        APPLICATION_WITHOUT_PERSISTENCE_MECHANICS.check(PLUGIN);
    }

    @Test
    void domainNeedsNoContainer() {
        DOMAIN_WITHOUT_FRAMEWORK_SERVICES.check(PLUGIN);
    }
}
