package org.keygate;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.stream.Stream;

import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of the code base, kept by a test instead of by hope: features point down to
 * {@code platform} and to each other without cycles, {@code platform} knows no feature, control
 * code has no HTTP or Faces types, and no REST resource hands out or takes in an entity.
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.keygate");
    }

    @Test
    void platformDependsOnNoFeature() {
        noClasses().that().resideInAPackage("org.keygate.platform..")
                .should().dependOnClassesThat(resideInAPackage("org.keygate..")
                        .and(resideOutsideOfPackage("org.keygate.platform..")))
                .because("platform is the ground floor every feature stands on")
                .check(classes);
    }

    @Test
    void controlAndEntityCodeHasNoHttpOrFacesTypes() {
        noClasses().that().resideInAnyPackage("..control..", "..entity..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "jakarta.ws.rs..",
                        "jakarta.faces..", "org.primefaces..")
                .because("control classes hold logic any boundary (API, pages, gateway) can call")
                .check(classes);
    }

    @Test
    void resourcesNeitherTakeNorReturnEntities() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Path.class).and().arePublic()
                .should(new ArchCondition<JavaMethod>("not have an entity in their signature") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        Stream.concat(method.getReturnType().getAllInvolvedRawTypes().stream(),
                                method.getParameters().stream().flatMap(p -> p.getType().getAllInvolvedRawTypes().stream()))
                                .filter(type -> type.isAnnotatedWith(Entity.class)).map(JavaClass::getName).distinct()
                                .forEach(entity -> events.add(SimpleConditionEvent.violated(method,
                                        method.getFullName() + " exposes the entity " + entity)));
                    }
                })
                .because("REST answers and requests are records in boundary, never JPA entities")
                .check(classes);
    }

    @Test
    void featuresFormNoCycles() {
        slices().matching("org.keygate.(*)..").should().beFreeOfCycles().check(classes);
    }
}
