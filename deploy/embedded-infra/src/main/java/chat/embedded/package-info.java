/**
 * PostgreSQL, a single-node Kafka and an S3 store, started without Docker: the one way the local
 * stack ({@code deploy/local}) and the integration tests ({@code test-support}) run them.
 */
@NullMarked
package chat.embedded;

import org.jspecify.annotations.NullMarked;
