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
import jakarta.inject.Inject;
import jakarta.inject.Provider;

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
        return "`/deckhand help` this list · `/deckhand audit [n]` recent activity (admins) · `/deckhand reload` reload config and scripts (admins)";
    }

    @Override
    public Reply handle(Invocation invocation)
    {
        List<String> words = List.of(invocation.text().split("\\s+"));
        return switch (words.get(0)) {
            case "", "help" -> help(invocation);
            case "audit" -> audit(invocation, words);
            case "reload" -> reload(invocation);
            default -> throw new UserError("`/deckhand " + words.get(0) + "` is not a command. Try `/deckhand help`.");
        };
    }

    private Reply help(Invocation invocation)
    {
        String lines = commands.get().stream()
                .sorted(Comparator.comparing(SlashCommand::command))
                .map(command -> "• *" + command.command() + "* — " + command.help())
                .collect(Collectors.joining("\n"));
        return Reply.text("*Deckhand* runs the team's scripts from Slack.\n" + lines);
    }

    private Reply audit(Invocation invocation, List<String> words)
    {
        requireAdmin(invocation, "see the audit log");
        int count = words.size() > 1 ? count(words.get(1)) : 20;
        var zone = config.current().timezone();
        String lines = audit.recent(count).stream()
                .map(entry -> format(entry, zone))
                .collect(Collectors.joining("\n"));
        return Reply.text(lines.isEmpty() ? "The audit log is empty." : "*Last " + count + " audit entries* (newest first)\n" + lines);
    }

    private Reply reload(Invocation invocation)
    {
        requireAdmin(invocation, "reload the config");
        try {
            DeckhandConfig reloaded = config.reload();
            return Reply.text(":white_check_mark: Reloaded " + config.file() + ": " + String.join(", ", reloaded.summaries(reloaded.locale())) + ".");
        }
        catch (ConfigException e) {
            throw new UserError("The config was not reloaded; the old one stays in force.\n```" + e.getMessage() + "```");
        }
    }

    private void requireAdmin(Invocation invocation, String what)
    {
        if (!access.isAdmin(invocation.userId())) {
            throw new AccessDenied("Only admins may " + what + ". Ask an admin, or an admin can add you under access.admins.");
        }
    }

    private static int count(String word)
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
        throw new UserError("`" + word + "` is not a number of entries; use 1 to 200, e.g. `/deckhand audit 50`.");
    }

    private static String format(AuditEntry entry, java.time.ZoneId zone)
    {
        return "`" + TIME.format(entry.at().atZone(zone)) + "` <@" + entry.userId() + "> " + entry.kind() + " `"
                + entry.detail().strip() + "` → " + entry.outcome() + " (" + entry.duration().toMillis() + " ms)";
    }
}
