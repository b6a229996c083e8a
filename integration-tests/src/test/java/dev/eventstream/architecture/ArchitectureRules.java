package dev.eventstream.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of the project: adapters -> core -> api, never back, never adapter to adapter. Integrations
 * sit on top: the Guice wiring on the core (and each adapter's Guice module, the one adapter class that may
 * use Guice), the AWS Lambda indexer ({@code dev.eventstream.lambda}) on the DynamoDB
 * adapter alone; nothing below them knows them.
 * Named constants so each rule reads as a sentence and can be checked against a fixture that breaks it.
 */
final class ArchitectureRules {
    private static final String GUICE_MODULE_TYPE = "com.google.inject.Module";

    private ArchitectureRules() {}

    static final ArchRule API_AND_CORE_KNOW_NO_AWS_AND_NO_GUICE = noClasses()
            .that().resideInAnyPackage("dev.eventstream.api..", "dev.eventstream.core..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.google.inject..")
            .because("the api and the domain must run anywhere: AWS and Guice belong to adapters and wiring");

    static final ArchRule API_DEPENDS_ON_NOTHING_OF_OURS = noClasses()
            .that().resideInAPackage("dev.eventstream.api..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.eventstream.core..", "dev.eventstream.adapter..", "dev.eventstream.guice..",
                    "dev.eventstream.lambda..", "dev.eventstream.testkit..")
            .because("users compile against the api alone; everything else depends on it, never the reverse");

    static final ArchRule CORE_DEPENDS_ON_NO_ADAPTER = noClasses()
            .that().resideInAPackage("dev.eventstream.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.eventstream.adapter..", "dev.eventstream.guice..", "dev.eventstream.lambda..",
                    "dev.eventstream.testkit..")
            .because("adapters plug into the core's ports; the core must not know which ones exist");

    static final ArchRule ADAPTERS_ARE_INDEPENDENT = slices()
            .matching("dev.eventstream.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("each adapter is chosen on its own; one must never need another on its classpath");

    static final ArchRule LAMBDA_BUILDS_ON_THE_DYNAMODB_ADAPTER_ALONE = noClasses()
            .that().resideInAPackage("dev.eventstream.lambda..")
            .should().dependOnClassesThat(resideInAPackage("dev.eventstream.adapter..")
                    .and(resideOutsideOfPackage("dev.eventstream.adapter.dynamodb..")))
            .because("the Lambda indexer is an integration on top of the DynamoDB adapter; a function deployed on"
                    + " the events table's stream must not need another adapter on its classpath");

    static final ArchRule NOTHING_BELOW_DEPENDS_ON_THE_LAMBDA_INTEGRATION = noClasses()
            .that().resideOutsideOfPackage("dev.eventstream.lambda..")
            .should().dependOnClassesThat().resideInAPackage("dev.eventstream.lambda..")
            .because("the Lambda integration is chosen by deploying it; the store and its adapters never need it");

    /** Guice modules of the adapters and the classes nested in them: the one place an adapter may use Guice. */
    private static final DescribedPredicate<JavaClass> GUICE_MODULE = DescribedPredicate.describe(
            "part of a Guice module", c -> c.isAssignableTo(GUICE_MODULE_TYPE)
                    || c.getEnclosingClass().map(e -> e.isAssignableTo(GUICE_MODULE_TYPE)).orElse(false));

    static final ArchRule ONLY_GUICE_MODULES_USE_GUICE = noClasses()
            .that().resideOutsideOfPackages("dev.eventstream.guice..", "dev.eventstream.examples..")
            .and(DescribedPredicate.not(GUICE_MODULE))
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..")
            .orShould().dependOnClassesThat(GUICE_MODULE)
            .because("Guice is an optional dependency of the adapters: an application that builds them with"
                    + " constructors or Spring has no Guice on its classpath, so no class it loads may need it (the"
                    + " examples are applications, which choose their wiring)");

    static final ArchRule SPRING_STAYS_IN_THE_STARTER = noClasses()
            .that().resideOutsideOfPackage("dev.eventstream.spring..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.eventstream.spring..")
            .because("the Spring Boot starter is an integration on top of the adapters: the store, its adapters and"
                    + " the Guice wiring run without Spring on the classpath");

    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("dev.eventstream.(**)")
            .should().beFreeOfCycles()
            .because("cycles make packages impossible to understand, test or split apart");
}
