package dev.eventstream.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Applies the architecture rules to the production classes of every module. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.eventstream");
    }

    @Test
    void productionClassesOfEveryModuleAreImported() {
        assertThat(production.stream().map(c -> c.getPackageName()).distinct())
                .contains("dev.eventstream.api", "dev.eventstream.core", "dev.eventstream.guice",
                        "dev.eventstream.aws", "dev.eventstream.adapter.inmemory", "dev.eventstream.adapter.dynamodb",
                        "dev.eventstream.adapter.sns", "dev.eventstream.adapter.sqs", "dev.eventstream.lambda",
                        "dev.eventstream.spring");
    }

    @Test
    void apiAndCoreKnowNoAwsAndNoGuice() {
        ArchitectureRules.API_AND_CORE_KNOW_NO_AWS_AND_NO_GUICE.check(production);
    }

    @Test
    void apiDependsOnNothingOfOurs() {
        ArchitectureRules.API_DEPENDS_ON_NOTHING_OF_OURS.check(production);
    }

    @Test
    void coreDependsOnNoAdapter() {
        ArchitectureRules.CORE_DEPENDS_ON_NO_ADAPTER.check(production);
    }

    @Test
    void adaptersAreIndependent() {
        ArchitectureRules.ADAPTERS_ARE_INDEPENDENT.check(production);
    }

    @Test
    void theLambdaIntegrationBuildsOnTheDynamoDbAdapterAlone() {
        ArchitectureRules.LAMBDA_BUILDS_ON_THE_DYNAMODB_ADAPTER_ALONE.check(production);
    }

    @Test
    void nothingBelowDependsOnTheLambdaIntegration() {
        ArchitectureRules.NOTHING_BELOW_DEPENDS_ON_THE_LAMBDA_INTEGRATION.check(production);
    }

    @Test
    void onlyGuiceModulesUseGuice() {
        ArchitectureRules.ONLY_GUICE_MODULES_USE_GUICE.check(production);
    }

    @Test
    void springStaysInTheStarter() {
        ArchitectureRules.SPRING_STAYS_IN_THE_STARTER.check(production);
    }

    @Test
    void noPackageCycles() {
        ArchitectureRules.NO_PACKAGE_CYCLES.check(production);
    }
}
