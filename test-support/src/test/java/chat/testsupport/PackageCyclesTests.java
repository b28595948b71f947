package chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The rule every service applies to its packages, shown able to fail: on two fixture packages
 * that depend on each other it reports the cycle, on two that depend one way it passes. common,
 * which cannot depend on this module, is checked here too.
 */
class PackageCyclesTests {

    private static final String FIXTURE = "chat.testsupport.cyclefixture";

    private static EvaluationResult evaluated(String base) {
        JavaClasses classes = new ClassFileImporter().importPackages(base);
        return PackageCycles.amongTopLevelPackagesOf(base).evaluate(classes);
    }

    @Test
    void failsOnTwoPackagesThatDependOnEachOther() {
        EvaluationResult result = evaluated(FIXTURE + ".cyclic");
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("Cycle detected")
                .contains(FIXTURE + ".cyclic.a.Order")
                .contains(FIXTURE + ".cyclic.b.Invoice");
    }

    @Test
    void passesOnPackagesThatDependOneWay() {
        assertThat(evaluated(FIXTURE + ".acyclic").hasViolation()).isFalse();
    }

    @Test
    void failsWhenItFindsNothingToCheck() {
        assertThatThrownBy(() -> PackageCycles.assertNoneAmongTopLevelPackagesOf("chat.misspelt"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("chat.misspelt");
    }

    @Test
    void commonsTopLevelPackagesAreFreeOfCycles() {
        PackageCycles.assertNoneAmongTopLevelPackagesOf("chat.common");
    }
}
