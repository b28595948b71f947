/** Calls to other chat services' internal APIs, with this service's own token. */
@NullMarked
package chat.common.internal;

import org.jspecify.annotations.NullMarked;
