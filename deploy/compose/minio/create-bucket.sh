#!/bin/sh
# One-shot after MinIO starts: the private bucket of attachment files, and two users so that no
# service holds the root credentials: attachment-service writes files, conversation-service and
# message-service only sign links for reading. Safe to run again.
set -eu

mc alias set chat http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "chat/$S3_BUCKET"

mc admin user add chat "$S3_WRITER_ACCESS_KEY" "$S3_WRITER_SECRET_KEY"
# attach fails when the policy is already attached, as on a second run
mc admin policy attach chat readwrite --user "$S3_WRITER_ACCESS_KEY" || true
mc admin user add chat "$S3_READER_ACCESS_KEY" "$S3_READER_SECRET_KEY"
mc admin policy attach chat readonly --user "$S3_READER_ACCESS_KEY" || true
echo "bucket $S3_BUCKET ready"
