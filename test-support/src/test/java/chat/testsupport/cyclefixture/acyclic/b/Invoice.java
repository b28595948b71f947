package chat.testsupport.cyclefixture.acyclic.b;

/** Depends on no other package of the fixture. */
public record Invoice(long orderId) {}
