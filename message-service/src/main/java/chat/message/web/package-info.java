/** The message endpoints of spec A.3.2 and Part B. */
@NullMarked
package chat.message.web;

import org.jspecify.annotations.NullMarked;
