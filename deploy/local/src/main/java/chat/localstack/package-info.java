/** Starts PostgreSQL, Kafka, an S3 store, the development token issuer and every service on one machine. */
@NullMarked
package chat.localstack;

import org.jspecify.annotations.NullMarked;
