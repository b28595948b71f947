package chat.testsupport.cyclefixture.cyclic.a;

import chat.testsupport.cyclefixture.cyclic.b.Invoice;

/** Depends on {@code b}, which depends back on this package. */
public record Order(long id) {

    public Invoice invoice() {
        return new Invoice(this);
    }
}
