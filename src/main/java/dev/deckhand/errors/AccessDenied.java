package dev.deckhand.errors;

/** The person may not do this; the message says what is needed. */
public class AccessDenied
        extends UserError
{
    public AccessDenied(String hint)
    {
        super(hint, Category.REFUSED);
    }
}
