/** Builds the services' base image as an archive, without a container engine. */
@NullMarked
package chat.deploy.baseimage;

import org.jspecify.annotations.NullMarked;
