package chat.attachment.upload;

/** An upload recorded as started: its object may be in the bucket, its attachment record is not. */
record PendingUpload(String objectKey, long messageId, long uploadedBy) {}
