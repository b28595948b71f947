package chat.testsupport.cyclefixture.acyclic.a;

import chat.testsupport.cyclefixture.acyclic.b.Invoice;

/** Depends on {@code b}, which knows nothing of this package. */
public record Order(long id) {

    public Invoice invoice() {
        return new Invoice(id);
    }
}
