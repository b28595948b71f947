/**
 * What every service's OpenAPI document shares: the bearer token, the error body of spec B.4 on
 * the error statuses, canonical paths, and record fields as required or nullable as Java declares
 * them. The document is public at {@code /v3/api-docs}, for the gateway to merge.
 */
@NullMarked
package chat.common.openapi;

import org.jspecify.annotations.NullMarked;
