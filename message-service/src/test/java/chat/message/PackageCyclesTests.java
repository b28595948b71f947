package chat.message;

import chat.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

/** The service's top-level packages depend on each other one way only. */
class PackageCyclesTests {

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        PackageCycles.assertNoneAmongTopLevelPackagesOf("chat.message");
    }
}
