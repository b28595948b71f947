package chat.testsupport.cyclefixture.cyclic.b;

import chat.testsupport.cyclefixture.cyclic.a.Order;

/** Depends on {@code a}, which depends on this package: a cycle of two. */
public record Invoice(Order order) {}
