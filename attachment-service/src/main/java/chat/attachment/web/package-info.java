/** The attachment endpoint of spec A.3.3. */
@NullMarked
package chat.attachment.web;

import org.jspecify.annotations.NullMarked;
