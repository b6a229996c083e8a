package dev.eventstream.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Proves each rule fails on a fixture that breaks it, so a green {@link ArchitectureTest} means something. */
class ArchitectureRulesBiteTest {

    @Test
    void coreUsingAwsOrGuiceBreaksTheRule() {
        // given
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.eventstream.core.archfixture");

        // when / then
        assertThatThrownBy(() -> ArchitectureRules.API_AND_CORE_KNOW_NO_AWS_AND_NO_GUICE.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CoreClassUsingAws")
                .hasMessageContaining("software.amazon.awssdk.core.SdkBytes")
                .hasMessageContaining("CoreClassUsingGuice")
                .hasMessageContaining("com.google.inject.Injector");
    }

    @Test
    void adapterUsingAnotherAdapterBreaksTheRule() {
        // given
        JavaClasses fixture = new ClassFileImporter().importPackages(
                "dev.eventstream.adapter.archfixturea", "dev.eventstream.adapter.archfixtureb");

        // when / then
        assertThatThrownBy(() -> ArchitectureRules.ADAPTERS_ARE_INDEPENDENT.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AdapterA")
                .hasMessageContaining("AdapterB");
    }

    @Test
    void lambdaIntegrationUsingAnAdapterOtherThanDynamoDbBreaksTheRule() {
        // given
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.eventstream.lambda.archfixture",
                "dev.eventstream.adapter.archfixtureb");

        // when / then
        assertThatThrownBy(() -> ArchitectureRules.LAMBDA_BUILDS_ON_THE_DYNAMODB_ADAPTER_ALONE.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LambdaUsingAnotherAdapter")
                .hasMessageContaining("AdapterB");
    }

    @Test
    void adapterUsingTheLambdaIntegrationBreaksTheRule() {
        // given
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.eventstream.lambda.archfixture",
                "dev.eventstream.adapter.archfixturec");

        // when / then
        assertThatThrownBy(() -> ArchitectureRules.NOTHING_BELOW_DEPENDS_ON_THE_LAMBDA_INTEGRATION.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AdapterUsingLambda")
                .hasMessageContaining("LambdaUsingAnotherAdapter");
    }

    @Test
    void adapterUsingSpringOrTheStarterBreaksTheRule() {
        // given
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.eventstream.adapter.archfixturee");

        // when / then
        assertThatThrownBy(() -> ArchitectureRules.SPRING_STAYS_IN_THE_STARTER.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AdapterUsingSpring")
                .hasMessageContaining("org.springframework.stereotype.Component")
                .hasMessageContaining("AdapterUsingTheStarter")
                .hasMessageContaining("dev.eventstream.spring.EventStreamProperties");
    }

    @Test
    void adapterClassUsingGuiceOutsideItsModuleBreaksTheRule() {
        // given
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.eventstream.adapter.archfixtured");

        // when / then
        assertThatThrownBy(() -> ArchitectureRules.ONLY_GUICE_MODULES_USE_GUICE.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AdapterUsingGuice")
                .hasMessageContaining("com.google.inject.Inject")
                .hasMessageContaining("AdapterUsingItsModule")
                .hasMessageNotContaining("FixtureModule> extends");
    }

    @Test
    void packageCycleBreaksTheRule() {
        // given
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.eventstream.archfixture");

        // when / then
        assertThatThrownBy(() -> ArchitectureRules.NO_PACKAGE_CYCLES.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void independentAdapterBreaksNothing() {
        // given: AdapterB alone depends on no other adapter
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.eventstream.adapter.archfixtureb");

        // when / then
        assertThatCode(() -> ArchitectureRules.ADAPTERS_ARE_INDEPENDENT.check(fixture)).doesNotThrowAnyException();
    }
}
