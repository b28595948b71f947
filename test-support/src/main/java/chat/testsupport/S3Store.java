package chat.testsupport;

import java.net.URI;

/** Where an S3-compatible store answers, and the credentials it accepts. */
public record S3Store(URI endpoint, String accessKey, String secretKey, String region) {}
