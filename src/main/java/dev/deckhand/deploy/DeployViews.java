package dev.deckhand.deploy;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.BlockElements;
import dev.deckhand.chat.Message;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.text.Durations;
import dev.deckhand.text.Text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static java.util.Objects.requireNonNull;

/** The one live message of a deploy, in every state it goes through, in the config's language and time zone. No side effects. */
final class DeployViews
{
    static final String CONFIRM = "deckhand.deploy.confirm";
    static final String CANCEL = "deckhand.deploy.cancel";
    static final String APPROVE = "deckhand.deploy.approve";
    static final String REJECT = "deckhand.deploy.reject";
    static final String STOP = "deckhand.deploy.stop";
    static final String ROLLBACK = "deckhand.deploy.rollback";
    static final String START = "deckhand.deploy.start";
    static final java.time.Duration CONFIRM_WITHIN = java.time.Duration.ofMinutes(10);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final int HOST_LINES = 20;
    private static final int FAILING_SHOWN = 5;

    private final DeployMessages messages;
    private final Supplier<ZoneId> zone;

    DeployViews(DeployMessages messages, Supplier<ZoneId> zone)
    {
        this.messages = requireNonNull(messages, "messages is null");
        this.zone = requireNonNull(zone, "zone is null");
    }

    Text text()
    {
        return messages.text();
    }

    String when(Instant at)
    {
        return TIME.format(at.atZone(zone.get()));
    }

    String took(Duration duration)
    {
        return Durations.format(duration, text());
    }

    /** The plan: current → new, the hosts the targets match now, the rollout, Confirm and Cancel. */
    Message plan(Deploy deploy, EnvironmentDefinition environment, int online, int offline)
    {
        Text text = text();
        List<LayoutBlock> blocks = header(text, deploy);
        String hosts = online + offline == 0 ? text.get("plan.hosts.none")
                : text.get("plan.hosts", "count", online + offline, "online", online, "offline", offline);
        List<String> lines = new ArrayList<>(List.of(hosts, text.get("plan.rollout", "concurrency", environment.maxConcurrency(), "errors", environment.maxErrors())));
        if (environment.approvals() > 0 && deploy.kind() == DeployKind.DEPLOY) {
            lines.add(text.get("plan.approvals", "count", environment.approvals(), "environment", environment.name()));
        }
        blocks.add(section(section -> section.text(markdownText(String.join("\n", lines)))));
        blocks.add(context(List.of(markdownText(text.get("plan.confirm.hint", "who", text.get("plan.confirm.who", "user", deploy.requestedBy()),
                "minutes", CONFIRM_WITHIN.toMinutes())))));
        blocks.add(actions(List.of(
                button(CONFIRM, deploy.id(), text.get("button.confirm"), "primary"),
                button(CANCEL, deploy.id(), text.get("button.cancel"), null))));
        return new Message(summaryText(text, deploy), blocks);
    }

    /** Confirmed; approvals so far, and Approve and Reject. */
    Message awaiting(Deploy deploy, EnvironmentDefinition environment, String confirmedBy, List<String> approvers)
    {
        Text text = text();
        List<LayoutBlock> blocks = header(text, deploy);
        List<String> lines = new ArrayList<>();
        lines.add(text.get("awaiting", "user", mention(confirmedBy), "missing", environment.approvals() - approvers.size(),
                "environment", environment.name(), "requester", mention(deploy.requestedBy())));
        if (!approvers.isEmpty()) {
            lines.add(text.get("approved.by", "users", String.join(", ", approvers.stream().map(DeployViews::mention).toList())));
        }
        blocks.add(section(section -> section.text(markdownText(String.join("\n", lines)))));
        blocks.add(actions(List.of(
                button(APPROVE, deploy.id(), text.get("button.approve"), "primary"),
                button(REJECT, deploy.id(), text.get("button.reject"), "danger"))));
        return new Message(summaryText(text, deploy), blocks);
    }

    /** A plan that ended before anything was sent: cancelled, rejected, expired, or refused. */
    Message closed(Deploy deploy, String why)
    {
        Text text = text();
        List<LayoutBlock> blocks = header(text, deploy);
        blocks.add(context(List.of(markdownText(why))));
        return new Message(summaryText(text, deploy) + ": " + why, blocks);
    }

    /** Host by host while it runs, with Stop. */
    Message running(Deploy deploy, List<HostResult> hosts, Optional<String> note)
    {
        Text text = text();
        List<LayoutBlock> blocks = header(text, deploy);
        Instant since = deploy.startedAt().orElse(deploy.requestedAt());
        int total = Math.max(deploy.hostsExpected(), hosts.size());
        long succeeded = hosts.stream().filter(host -> host.status() == HostStatus.SUCCEEDED).count();
        long failed = hosts.stream().filter(host -> host.status().finished() && host.status() != HostStatus.SUCCEEDED).count();
        String progress = hosts.isEmpty() ? text.get("running.none", "since", when(since))
                : text.get("running", "since", when(since), "done", succeeded + failed, "total", total, "succeeded", succeeded, "failed", failed,
                        "waiting", total - succeeded - failed);
        blocks.add(section(section -> section.text(markdownText(progress + hostLines(text, hosts)))));
        note.ifPresent(line -> blocks.add(context(List.of(markdownText(line)))));
        if (deploy.stopRequestedBy().isEmpty()) {
            blocks.add(actions(List.of(button(STOP, deploy.id(), text.get("button.stop"), "danger"))));
        }
        return new Message(summaryText(text, deploy) + ": " + progress, blocks);
    }

    /** The end: how many hosts took it, the failing ones with their result and output, and Roll back when it did not all go. */
    Message finished(Deploy deploy, DeployStatus outcome, List<HostResult> hosts, Optional<Deploy> rollbackTo, Optional<String> lockNote)
    {
        Text text = text();
        List<LayoutBlock> blocks = header(text, deploy);
        int total = Math.max(deploy.hostsExpected(), hosts.size());
        long succeeded = hosts.stream().filter(host -> host.status() == HostStatus.SUCCEEDED).count();
        String took = took(deploy.duration().orElse(Duration.ZERO));
        String summary = switch (outcome) {
            case SUCCEEDED -> text.get("outcome.succeeded", "succeeded", succeeded, "total", total, "took", took);
            case PARTIAL -> text.get("outcome.partial", "succeeded", succeeded, "total", total, "failed", total - succeeded, "took", took);
            case STOPPED -> text.get("outcome.stopped", "user", deploy.stopRequestedBy().map(DeployViews::mention).orElse("?"),
                    "succeeded", succeeded, "total", total, "took", took);
            default -> text.get("outcome.failed", "total", total, "took", took);
        };
        blocks.add(section(section -> section.text(markdownText(summary + hostLines(text, hosts)))));
        List<HostResult> failing = hosts.stream().filter(host -> host.status() != HostStatus.SUCCEEDED).toList();
        if (!failing.isEmpty() && outcome != DeployStatus.SUCCEEDED) {
            blocks.add(section(section -> section.text(markdownText(text.get("outcome.failing") + "\n" + failing(text, failing)))));
        }
        lockNote.ifPresent(reason -> blocks.add(context(List.of(markdownText(text.get("outcome.locked", "reason", reason))))));
        if (outcome != DeployStatus.SUCCEEDED && rollbackTo.isPresent()) {
            Deploy previous = rollbackTo.get();
            blocks.add(context(List.of(markdownText(text.get("outcome.rollback.hint", "tag", previous.tag(), "digest", previous.shortDigest())))));
            blocks.add(actions(List.of(button(ROLLBACK, deploy.id(), text.get("button.rollback"), "danger"))));
        }
        return new Message(summaryText(text, deploy) + ": " + summary, blocks);
    }

    /** A new image, with one Deploy button per environment. */
    Message announcement(ServiceDefinition service, String tag, String digest, Instant pushedAt, Optional<String> autoDeploy)
    {
        Text text = text();
        String head = text.get("announce", "service", service.name(), "tag", tag, "digest", Deploy.shortDigest(digest), "pushed", when(pushedAt));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText(head))));
        autoDeploy.ifPresent(environment -> blocks.add(context(List.of(markdownText(text.get("announce.auto", "environment", environment))))));
        List<BlockElement> buttons = service.environments().keySet().stream()
                .map(environment -> button(START, service.name() + " " + environment + " " + tag, text.get("button.deploy", "environment", environment), null))
                .limit(25)
                .toList();
        if (!buttons.isEmpty()) {
            blocks.add(actions(buttons));
        }
        return new Message(text.get("announce.text", "service", service.name(), "tag", tag, "digest", Deploy.shortDigest(digest)), blocks);
    }

    String hostStatus(Text text, HostStatus status)
    {
        return text.get("host." + status.tag());
    }

    private List<LayoutBlock> header(Text text, Deploy deploy)
    {
        List<LayoutBlock> blocks = new ArrayList<>();
        String image = deploy.pushedAt().map(pushed -> text.get("plan.image", "tag", deploy.tag(), "digest", deploy.shortDigest(), "pushed", when(pushed)))
                .orElseGet(() -> text.get("plan.image.unknown.push", "tag", deploy.tag(), "digest", deploy.shortDigest()));
        String to = "`" + deploy.tag() + "` (" + deploy.shortDigest() + ")";
        String change = deploy.previousDigest()
                .map(previous -> text.get("plan.change", "from", "`" + deploy.previousTag().orElse("?") + "` (" + Deploy.shortDigest(previous) + ")", "to", to))
                .orElseGet(() -> text.get("plan.first", "to", to));
        List<String> lines = new ArrayList<>();
        lines.add(text.get("plan.title", "service", deploy.service(), "environment", deploy.environment()) + "  " + change);
        if (deploy.kind() == DeployKind.ROLLBACK) {
            lines.add(text.get("plan.rollback"));
        }
        lines.add(image);
        lines.add(text.get("plan.by", "user", requester(deploy)));
        if (deploy.automatic()) {
            lines.add(text.get("auto", "environment", deploy.environment()));
        }
        blocks.add(section(section -> section.text(markdownText(String.join("\n", lines)))));
        return blocks;
    }

    private String summaryText(Text text, Deploy deploy)
    {
        return text.get("plan.text", "service", deploy.service(), "environment", deploy.environment(), "tag", deploy.tag(),
                "digest", deploy.shortDigest(), "user", requester(deploy));
    }

    private String hostLines(Text text, List<HostResult> hosts)
    {
        if (hosts.isEmpty()) {
            return "";
        }
        StringBuilder lines = new StringBuilder();
        hosts.stream().limit(HOST_LINES).forEach(host -> lines.append('\n').append(text.get("host.line", "mark", mark(host.status()),
                "name", Text.excerpt(host.name(), 60), "status", hostStatus(text, host.status()))));
        if (hosts.size() > HOST_LINES) {
            lines.append('\n').append(text.get("host.more", "count", hosts.size() - HOST_LINES));
        }
        return lines.toString();
    }

    private String failing(Text text, List<HostResult> failing)
    {
        StringBuilder lines = new StringBuilder();
        for (HostResult host : failing.stream().limit(FAILING_SHOWN).toList()) {
            String result = HostResults.outcome(host).map(outcome -> text.get("failing.result", "outcome", outcome(text, outcome))).orElse("");
            lines.append(text.get("failing.host", "name", Text.excerpt(host.name(), 60), "instance", host.instanceId(),
                    "status", hostStatus(text, host.status()), "result", result)).append('\n');
            String tail = HostResults.tail(host.output());
            if (!tail.isBlank()) {
                lines.append("```").append(tail.replace("```", "'''")).append("```\n");
            }
        }
        if (failing.size() > FAILING_SHOWN) {
            lines.append(text.get("host.more", "count", failing.size() - FAILING_SHOWN));
        }
        return lines.toString().strip();
    }

    /** The host script's outcome in words; one this version does not know, as the host said it. */
    private static String outcome(Text text, String outcome)
    {
        String key = "result." + outcome;
        return DeployMessages.BUNDLE.entries(text.language()).containsKey(key) ? text.get(key) : Text.excerpt(outcome, 40);
    }

    static String mark(HostStatus status)
    {
        return switch (status) {
            case PENDING -> ":white_circle:";
            case IN_PROGRESS -> ":large_blue_circle:";
            case SUCCEEDED -> ":white_check_mark:";
            case FAILED, UNDELIVERABLE -> ":x:";
            case TIMED_OUT -> ":alarm_clock:";
            case CANCELLED -> ":octagonal_sign:";
        };
    }

    static String mention(String user)
    {
        return user.equals(Deploy.ECR_PUSH) ? user : "<@" + user + ">";
    }

    private static String requester(Deploy deploy)
    {
        return mention(deploy.requestedBy());
    }

    private static BlockElement button(String actionId, String value, String label, String style)
    {
        return BlockElements.button(builder -> {
            builder.actionId(actionId).value(value).text(plainText(label));
            return style == null ? builder : builder.style(style);
        });
    }
}
