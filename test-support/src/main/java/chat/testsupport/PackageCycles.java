package chat.testsupport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rule that a module's top-level packages ({@code chat.realtime.live},
 * {@code chat.realtime.sockets}, ... under {@code chat.realtime}) depend on each other one way
 * only: no cycle of any length among them. A cycle means no package can be read, changed or
 * tested without the others; breaking it usually means moving a type to where it belongs. Each
 * service's tests apply it to their own main classes with {@link #assertNoneAmongTopLevelPackagesOf}.
 */
public final class PackageCycles {

    private PackageCycles() {}

    /**
     * No cycle among the packages directly under {@code base}, each taken with its subpackages; a
     * module with no such packages (all its classes in {@code base} itself) has none.
     */
    public static ArchRule amongTopLevelPackagesOf(String base) {
        return slices().matching(base + ".(*)..")
                .namingSlices("package " + base + ".$1")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .as("the top-level packages of " + base + " are free of cycles");
    }

    /** The module's own classes under {@code base}, from the classpath, tests left out. */
    public static JavaClasses mainClassesOf(String base) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
    }

    /**
     * Fails with every cycle found among the top-level packages of {@code base}'s main classes,
     * and when there are no classes at all, so that a misspelt base cannot pass.
     */
    public static void assertNoneAmongTopLevelPackagesOf(String base) {
        JavaClasses classes = mainClassesOf(base);
        if (classes.size() == 0) {
            throw new AssertionError("No classes under " + base + " to check for package cycles");
        }
        amongTopLevelPackagesOf(base).check(classes);
    }
}
