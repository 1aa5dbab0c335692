package dev.deckhand.admin;

import dev.deckhand.access.AccessPolicy;
import dev.deckhand.audit.AuditEntry;
import dev.deckhand.audit.AuditLog;
import dev.deckhand.config.ConfigException;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.errors.AccessDenied;
import dev.deckhand.errors.UserError;
import dev.deckhand.interaction.Invocation;
import dev.deckhand.interaction.Reply;
import dev.deckhand.interaction.SlashCommand;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.Text;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** {@code /deckhand help | audit [n] | reload}. */
final class DeckhandCommand
        implements SlashCommand
{
    static final Bundle BUNDLE = Bundle.of(DeckhandCommand.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    private final Provider<Set<SlashCommand>> commands;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final ConfigHolder config;

    @Inject
    DeckhandCommand(Provider<Set<SlashCommand>> commands, AccessPolicy access, AuditLog audit, ConfigHolder config)
    {
        this.commands = requireNonNull(commands, "commands is null");
        this.access = requireNonNull(access, "access is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public String command()
    {
        return "/deckhand";
    }

    @Override
    public String help()
    {
        return text().get("help");
    }

    @Override
    public Reply handle(Invocation invocation)
    {
        List<String> words = List.of(invocation.text().split("\\s+"));
        return switch (words.get(0)) {
            case "", "help" -> help(invocation);
            case "audit" -> audit(invocation, words);
            case "reload" -> reload(invocation);
            default -> throw new UserError(text().get("unknown", "word", Text.excerpt(words.get(0), 40)));
        };
    }

    private Reply help(Invocation invocation)
    {
        String lines = commands.get().stream()
                .sorted(Comparator.comparing(SlashCommand::command))
                .map(command -> text().get("help.line", "command", command.command(), "help", command.help()))
                .collect(Collectors.joining("\n"));
        return Reply.text(text().get("help.header") + "\n" + lines);
    }

    private Reply audit(Invocation invocation, List<String> words)
    {
        requireAdmin(invocation, "audit.only.admins");
        int count = words.size() > 1 ? count(words.get(1)) : 20;
        ZoneId zone = config.current().timezone();
        String lines = audit.recent(count).stream()
                .map(entry -> format(entry, zone))
                .collect(Collectors.joining("\n"));
        return Reply.text(lines.isEmpty() ? text().get("audit.empty") : text().get("audit.header", "count", count) + "\n" + lines);
    }

    private Reply reload(Invocation invocation)
    {
        requireAdmin(invocation, "reload.only.admins");
        try {
            DeckhandConfig reloaded = config.reload();
            // In the language of the config just read: a reload may be what switched it.
            Text text = BUNDLE.in(reloaded.locale());
            return Reply.text(text.get("reload.done", "file", config.file(), "summary", String.join(", ", reloaded.summaries(reloaded.locale()))));
        }
        catch (ConfigException e) {
            throw new UserError(text().get("reload.refused", "problems", e.getMessage()));
        }
    }

    private void requireAdmin(Invocation invocation, String refusal)
    {
        if (!access.isAdmin(invocation.userId())) {
            throw new AccessDenied(text().get(refusal));
        }
    }

    private int count(String word)
    {
        try {
            int count = Integer.parseInt(word);
            if (count >= 1 && count <= 200) {
                return count;
            }
        }
        catch (NumberFormatException e) {
            // fall through to the hint
        }
        throw new UserError(text().get("audit.count", "word", Text.excerpt(word, 20)));
    }

    private String format(AuditEntry entry, ZoneId zone)
    {
        Text text = text();
        return text.get("audit.entry", "time", TIME.format(entry.at().atZone(zone)), "user", entry.userId(),
                "kind", label(text, "kind.", entry.kind()), "detail", Text.excerpt(entry.detail().strip(), 300),
                "outcome", label(text, "outcome.", entry.outcome()), "millis", entry.duration().toMillis());
    }

    /** A stored tag in the reader's language; one the bundle does not know (an older version's) as it is. */
    private String label(Text text, String prefix, String tag)
    {
        return BUNDLE.entries(text.language()).containsKey(prefix + tag) ? text.get(prefix + tag) : tag;
    }

    private Text text()
    {
        return BUNDLE.in(config.current().locale());
    }
}
