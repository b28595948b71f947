/** Settings shared by every service, read from environment variables with defaults. */
@NullMarked
package chat.common.config;

import org.jspecify.annotations.NullMarked;
