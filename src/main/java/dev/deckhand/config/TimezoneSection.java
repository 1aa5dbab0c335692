package dev.deckhand.config;

import java.time.DateTimeException;
import java.time.ZoneId;

import static java.util.Objects.requireNonNull;

/** {@code timezone}: where times are shown and schedules run; the machine's zone when absent. */
public final class TimezoneSection
        implements ConfigSection<TimezoneSection.Timezone>
{
    @Override
    public String key()
    {
        return "timezone";
    }

    @Override
    public Class<Timezone> type()
    {
        return Timezone.class;
    }

    @Override
    public Timezone read(ConfigNode node, SectionContext context)
    {
        return new Timezone(node.text().flatMap(text -> {
            try {
                return java.util.Optional.of(ZoneId.of(text));
            }
            catch (DateTimeException e) {
                node.problem("'" + text + "' is not a time zone; use a name like Asia/Seoul or UTC");
                return java.util.Optional.empty();
            }
        }).orElse(ZoneId.systemDefault()));
    }

    @Override
    public Timezone absent(SectionContext context)
    {
        return new Timezone(ZoneId.systemDefault());
    }

    public record Timezone(ZoneId zone)
    {
        public Timezone
        {
            requireNonNull(zone, "zone is null");
        }
    }
}
