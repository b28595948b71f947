package chat.systemtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/**
 * The boundaries of ARCHITECTURE.md as rules over a base package, so that the same rules run on
 * the product ({@code chat}) and on a fixture that breaks each of them.
 */
final class ArchitectureRules {

    static final List<String> SERVICES = List.of("conversation", "message", "attachment", "realtime", "gateway");

    private ArchitectureRules() {}

    /** A service reads another's data through events or its API, never its classes. */
    static ArchRule servicesDoNotImportEachOther(String base) {
        CompositeArchRule rule = null;
        for (String service : SERVICES) {
            String[] others = SERVICES.stream()
                    .filter(other -> !other.equals(service))
                    .map(other -> base + "." + other + "..")
                    .toArray(String[]::new);
            ArchRule one = noClasses()
                    .that()
                    .resideInAPackage(base + "." + service + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .allowEmptyShould(true);
            rule = rule == null ? CompositeArchRule.of(one) : rule.and(one);
        }
        return rule;
    }

    /** common is technical plumbing: no conversation, message or attachment type, no entity. */
    static ArchRule commonHoldsNoDomainType(String base) {
        return CompositeArchRule.of(noClasses()
                        .that()
                        .resideInAPackage(base + ".common..")
                        .should()
                        .haveSimpleNameContaining("Conversation")
                        .orShould()
                        .haveSimpleNameContaining("Message")
                        .orShould()
                        .haveSimpleNameContaining("Attachment")
                        .orShould()
                        .beAnnotatedWith("jakarta.persistence.Entity")
                        .allowEmptyShould(true))
                .and(noClasses()
                        .that()
                        .resideInAPackage(base + ".common..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(SERVICES.stream()
                                .map(service -> base + "." + service + "..")
                                .toArray(String[]::new))
                        .allowEmptyShould(true));
    }

    /** Controllers go through a use case, never straight to a repository. */
    static ArchRule webClassesDoNotTouchRepositories(String base) {
        return noClasses()
                .that()
                .resideInAPackage(base + "..")
                .and()
                .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .should()
                .dependOnClassesThat()
                .areAssignableTo("org.springframework.data.repository.Repository")
                .allowEmptyShould(true);
    }
}
