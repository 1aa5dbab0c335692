package dev.deckhand.errors;

/** Something the person can fix: shown to them privately as a hint, never as a failure of Deckhand. The hint is already in their language. */
public class UserError
        extends RuntimeException
{
    public UserError(String hint)
    {
        super(hint);
    }

    public Category category()
    {
        return Category.REJECTED;
    }
}
