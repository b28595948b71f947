/** Attachment records. */
@NullMarked
package chat.attachment.attachments;

import org.jspecify.annotations.NullMarked;
