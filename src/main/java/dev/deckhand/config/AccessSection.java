package dev.deckhand.config;

/** {@code access}: admins and named groups of people. */
public final class AccessSection
        implements ConfigSection<AccessConfig>
{
    @Override
    public String key()
    {
        return "access";
    }

    @Override
    public Class<AccessConfig> type()
    {
        return AccessConfig.class;
    }

    @Override
    public AccessConfig read(ConfigNode node, SectionContext context)
    {
        return AccessReader.read(node);
    }

    @Override
    public AccessConfig absent(SectionContext context)
    {
        return AccessConfig.empty();
    }
}
