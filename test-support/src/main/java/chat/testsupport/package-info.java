/**
 * Test support for every service: real PostgreSQL, Kafka and S3 (embedded without Docker, the
 * production images through Testcontainers with it), trusted test tokens, fixtures, event schemas.
 */
@NullMarked
package chat.testsupport;

import org.jspecify.annotations.NullMarked;
