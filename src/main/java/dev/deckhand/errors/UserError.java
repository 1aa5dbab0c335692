package dev.deckhand.errors;

/** Something the person can fix: shown to them privately as a hint, never as a failure of Deckhand. The hint is already in their language. */
public class UserError
        extends RuntimeException
{
    private final Category category;

    public UserError(String hint)
    {
        this(hint, Category.REJECTED);
    }

    protected UserError(String hint, Category category)
    {
        super(hint);
        this.category = category;
    }

    /** A request that cannot be taken as it came (an adapter's refusal), audited as malformed. */
    public static UserError malformed(String hint)
    {
        return new UserError(hint, Category.MALFORMED);
    }

    public Category category()
    {
        return category;
    }
}
