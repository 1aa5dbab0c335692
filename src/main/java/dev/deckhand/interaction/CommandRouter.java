package dev.deckhand.interaction;

import dev.deckhand.audit.AuditEntry;
import dev.deckhand.audit.AuditLog;
import dev.deckhand.chat.Message;
import dev.deckhand.errors.ErrorTranslator.Translation;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.errors.UserError;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Text;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Hands each command, click and modal to the capability that contributed it, audits it,
 * counts it, and turns any failure into a reply. Knows no tool by name and no Slack SDK type:
 * Slack and the console both come through here.
 */
public final class CommandRouter
{
    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);
    private static final Bundle BUNDLE = Bundle.of(CommandRouter.class);

    private final Map<String, SlashCommand> commands;
    private final Map<String, ButtonAction> actions;
    private final Map<String, ModalSubmission> modals;
    private final AuditLog audit;
    private final ClickClaims claims;
    private final ErrorTranslator translator;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final CurrentLanguage language;

    @Inject
    public CommandRouter(Set<SlashCommand> commands, Set<ButtonAction> actions, Set<ModalSubmission> modals,
            AuditLog audit, ClickClaims claims, ErrorTranslator translator, MeterRegistry metrics, Clock clock, CurrentLanguage language)
    {
        this.commands = index(commands, SlashCommand::command);
        this.actions = index(actions, ButtonAction::actionId);
        this.modals = index(modals, ModalSubmission::callbackId);
        this.audit = requireNonNull(audit, "audit is null");
        this.claims = requireNonNull(claims, "claims is null");
        this.translator = requireNonNull(translator, "translator is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.language = requireNonNull(language, "language is null");
    }

    public Set<String> commandNames()
    {
        return commands.keySet();
    }

    public Reply command(Invocation invocation)
    {
        String action = invocation.command();
        Optional<SlashCommand> command = Optional.ofNullable(commands.get(action));
        return dispatch(new Audited("command", action, action, invocation.command() + " " + invocation.text(),
                        invocation.userId(), invocation.conversation().channelId()),
                () -> command.orElseThrow(() -> new UserError(text().get("command.unknown", "command", Text.excerpt(action, 40))))
                        .handle(invocation));
    }

    public Reply click(Click click)
    {
        Optional<ButtonAction> action = Optional.ofNullable(actions.get(click.actionId()));
        return dispatch(new Audited("click", click.actionId(), text().get("what.click"), click.value(), click.userId(), click.conversation().channelId()),
                () -> once(action.orElseThrow(() -> new UserError(text().get("button.unknown"))), click));
    }

    private Reply once(ButtonAction action, Click click)
    {
        if (!action.oncePerMessage()) {
            return action.handle(click);
        }
        String key = click.actionId() + ":" + click.value();
        if (!claims.claim(key, click.userId())) {
            return Reply.text(text().get("button.already.done")).withOutcome(Outcome.DUPLICATE);
        }
        try {
            return action.handle(click);
        }
        catch (UserError refused) {
            claims.release(key);
            throw refused;
        }
    }

    public Reply submit(Submission submission)
    {
        Optional<ModalSubmission> modal = Optional.ofNullable(modals.get(submission.callbackId()));
        return dispatch(new Audited("modal", submission.callbackId(), text().get("what.form"), submission.privateMetadata() + " " + submission.values(),
                        submission.userId(), ""),
                () -> modal.orElseThrow(() -> new UserError(text().get("form.unknown")))
                        .handle(submission));
    }

    /**
     * A request its adapter could not take as it came (an id Slack never sends, a kind of request no
     * one handles): nothing runs, the person is told {@code reason}, and it is audited like any other,
     * with the outcome "malformed". Every field is as the adapter read it; the audit log bounds them.
     */
    public Reply malformed(String kind, String action, String detail, String userId, String channelId, String reason)
    {
        return dispatch(new Audited(kind, action, action, detail, userId, channelId), () -> {
            throw UserError.malformed(reason);
        });
    }

    private Reply dispatch(Audited request, Supplier<Reply> handler)
    {
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        Reply reply;
        try {
            reply = handler.get();
        }
        catch (RuntimeException | Error failure) {
            Translation translation = translator.translate(request.what(), failure);
            reply = Reply.of(Message.text(translation.text())).withOutcome(Outcome.of(translation.category()));
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        Timer.builder("deckhand.requests")
                .description("Slash commands, clicks and modals handled, by action and outcome")
                .tag("kind", request.kind())
                .tag("command", request.action())
                .tag("outcome", reply.outcome().tag())
                .register(metrics)
                .record(duration);
        recordAudit(request, reply.outcome(), start, duration);
        return reply;
    }

    private void recordAudit(Audited request, Outcome outcome, Instant start, Duration duration)
    {
        try {
            audit.record(new AuditEntry(start, request.userId(), request.channelId(), request.kind(), request.action(),
                    request.detail(), outcome.tag(), duration));
        }
        catch (RuntimeException e) {
            log.error("could not write audit entry for {} by {}: {}", request.action(), request.userId(), e.getMessage());
        }
    }

    private static <T> Map<String, T> index(Set<T> handlers, Function<T, String> key)
    {
        return handlers.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }

    private Text text()
    {
        return BUNDLE.in(language.get());
    }

    /** {@code what}: the request as people hear it when it fails ("/run", "Your click"). */
    private record Audited(String kind, String action, String what, String detail, String userId, String channelId) {}
}
