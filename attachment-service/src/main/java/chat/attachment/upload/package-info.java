/** Uploading attachments: who may, which files, how they are checked and stored. */
@NullMarked
package chat.attachment.upload;

import org.jspecify.annotations.NullMarked;
