/** Attachment files in the S3 store: its settings and the short-lived links browsers load. */
@NullMarked
package chat.common.files;

import org.jspecify.annotations.NullMarked;
