package chat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("chat");

    /** Classes written to break every rule, so that each rule is shown able to fail. */
    static final JavaClasses BROKEN = new ClassFileImporter().importPackages("chat.archfixture");

    @Test
    void servicesDoNotImportEachOther() {
        ArchitectureRules.servicesDoNotImportEachOther("chat").check(PRODUCT);
    }

    @Test
    void commonHoldsNoDomainType() {
        ArchitectureRules.commonHoldsNoDomainType("chat").check(PRODUCT);
    }

    @Test
    void webClassesDoNotTouchRepositories() {
        ArchitectureRules.webClassesDoNotTouchRepositories("chat").check(PRODUCT);
    }

    @Test
    void theProductIsReallyImported() {
        assertThat(PRODUCT.stream().map(c -> c.getPackageName()))
                .contains(
                        "chat.common.users",
                        "chat.conversation",
                        "chat.message",
                        "chat.attachment",
                        "chat.realtime",
                        "chat.gateway");
    }

    @Test
    void catchesAServiceImportingAnotherServicesClass() {
        assertViolatedBy(
                ArchitectureRules.servicesDoNotImportEachOther("chat.archfixture"),
                "chat.archfixture.message.ReadsConversationTables");
    }

    @Test
    void catchesADomainTypeInCommon() {
        assertViolatedBy(
                ArchitectureRules.commonHoldsNoDomainType("chat.archfixture"),
                "chat.archfixture.common.ConversationSummary");
    }

    @Test
    void catchesAControllerUsingARepository() {
        assertViolatedBy(
                ArchitectureRules.webClassesDoNotTouchRepositories("chat.archfixture"),
                "chat.archfixture.conversation.ShortcutController");
    }

    private static void assertViolatedBy(ArchRule rule, String offender) {
        EvaluationResult result = rule.evaluate(BROKEN);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(offender));
    }
}
