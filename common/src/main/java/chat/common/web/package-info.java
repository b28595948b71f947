/** The error body of spec B.4, for the servlet services and the reactive gateway alike. */
@NullMarked
package chat.common.web;

import org.jspecify.annotations.NullMarked;
