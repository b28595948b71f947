/**
 * Packages written for {@code PackageCyclesTests}: under {@code cyclic}, {@code a} and {@code b}
 * depend on each other; under {@code acyclic}, {@code a} depends on {@code b} only.
 */
@NullMarked
package chat.testsupport.cyclefixture;

import org.jspecify.annotations.NullMarked;
