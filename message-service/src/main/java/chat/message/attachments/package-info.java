/** The attachments of messages, kept from attachment-service's events. */
@NullMarked
package chat.message.attachments;

import org.jspecify.annotations.NullMarked;
