/** Where attachment files live: the S3 bucket and its health. */
@NullMarked
package chat.attachment.storage;

import org.jspecify.annotations.NullMarked;
