/** The conversation endpoints of spec A.3.1. */
@NullMarked
package chat.conversation.web;

import org.jspecify.annotations.NullMarked;
