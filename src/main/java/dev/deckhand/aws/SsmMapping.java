package dev.deckhand.aws;

import software.amazon.awssdk.services.ssm.model.CancelCommandRequest;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.CommandPlugin;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationRequest;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsRequest;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsResponse;
import software.amazon.awssdk.services.ssm.model.PingStatus;
import software.amazon.awssdk.services.ssm.model.SendCommandRequest;
import software.amazon.awssdk.services.ssm.model.Target;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** SSM Run Command's requests and responses, as pure functions of Deckhand's values. */
final class SsmMapping
{
    static final String DESCRIBE_INSTANCE_INFORMATION = "ssm:DescribeInstanceInformation";
    static final String SEND_COMMAND = "ssm:SendCommand";
    static final String LIST_COMMAND_INVOCATIONS = "ssm:ListCommandInvocations";
    static final String CANCEL_COMMAND = "ssm:CancelCommand";

    /** SendCommand takes at most 5 targets (keys); several keys are ANDed, several values of one key ORed. */
    static final int MAX_TARGETS = 5;
    /** SendCommand takes at most 50 instance ids; more go by tag. */
    static final int MAX_INSTANCE_IDS = 50;
    static final long MIN_TIMEOUT_SECONDS = 30;
    static final long MAX_TIMEOUT_SECONDS = 2_592_000;
    static final int MAX_COMMENT = 100;
    /** The largest page of ListCommandInvocations and of DescribeInstanceInformation. */
    static final int PAGE_SIZE = 50;
    static final String INSTANCE_IDS = "InstanceIds";
    private static final String TAG = "tag:";

    private SsmMapping() {}

    static SendCommandRequest sendCommand(CommandRequest request)
    {
        return SendCommandRequest.builder()
                .documentName(request.documentName())
                .documentVersion(request.documentVersion())
                .targets(targets(request.targets()))
                .parameters(request.parameters())
                .maxConcurrency(request.maxConcurrency())
                .maxErrors(request.maxErrors())
                .timeoutSeconds(timeoutSeconds(request.deliveryTimeout()))
                .comment(comment(request.comment()))
                .build();
    }

    /** {@code tag:<key>} with its values, one target per key (sorted, so a request reads the same every time); or {@code InstanceIds}. */
    static List<Target> targets(Targets targets)
    {
        if (!targets.instanceIds().isEmpty()) {
            if (targets.instanceIds().size() > MAX_INSTANCE_IDS) {
                throw new IllegalArgumentException("SSM sends a command to at most " + MAX_INSTANCE_IDS + " instance ids, these are "
                        + targets.instanceIds().size() + "; target the hosts by tag instead");
            }
            return List.of(Target.builder().key(INSTANCE_IDS).values(targets.instanceIds()).build());
        }
        if (targets.tags().size() > MAX_TARGETS) {
            throw new IllegalArgumentException("SSM takes at most " + MAX_TARGETS + " targets, and these are " + targets.tags().size()
                    + " tags (" + String.join(", ", new TreeMap<>(targets.tags()).keySet()) + "); match the hosts with fewer tags");
        }
        return tagFilters(targets).entrySet().stream()
                .map(entry -> Target.builder().key(entry.getKey()).values(entry.getValue()).build())
                .toList();
    }

    /** The delivery timeout in whole seconds, within what SSM takes (30 s to 30 days). */
    static int timeoutSeconds(Duration deliveryTimeout)
    {
        return (int) Math.max(MIN_TIMEOUT_SECONDS, Math.min(MAX_TIMEOUT_SECONDS, deliveryTimeout.toSeconds()));
    }

    /** At most 100 characters, never half of a surrogate pair. */
    static String comment(String comment)
    {
        if (comment.length() <= MAX_COMMENT) {
            return comment;
        }
        int end = Character.isHighSurrogate(comment.charAt(MAX_COMMENT - 1)) ? MAX_COMMENT - 1 : MAX_COMMENT;
        return comment.substring(0, end);
    }

    static DescribeInstanceInformationRequest describeInstances(Targets targets, Optional<String> nextToken)
    {
        List<InstanceInformationStringFilter> filters = targets.instanceIds().isEmpty()
                ? tagFilters(targets).entrySet().stream().map(entry -> filter(entry.getKey(), entry.getValue())).toList()
                : List.of(filter(INSTANCE_IDS, targets.instanceIds()));
        return DescribeInstanceInformationRequest.builder()
                .filters(filters)
                .maxResults(PAGE_SIZE)
                .nextToken(nextToken.orElse(null))
                .build();
    }

    static List<Host> hosts(List<DescribeInstanceInformationResponse> pages)
    {
        return pages.stream().flatMap(page -> page.instanceInformationList().stream()).map(SsmMapping::host).toList();
    }

    static Host host(InstanceInformation instance)
    {
        String name = Optional.ofNullable(instance.computerName()).filter(text -> !text.isBlank()).orElse(instance.instanceId());
        return new Host(instance.instanceId(), name, instance.pingStatus() == PingStatus.ONLINE);
    }

    static ListCommandInvocationsRequest listInvocations(String commandId, Optional<String> nextToken)
    {
        return ListCommandInvocationsRequest.builder()
                .commandId(commandId)
                .details(true)
                .maxResults(PAGE_SIZE)
                .nextToken(nextToken.orElse(null))
                .build();
    }

    static List<HostInvocation> invocations(List<ListCommandInvocationsResponse> pages)
    {
        return pages.stream().flatMap(page -> page.commandInvocations().stream()).map(SsmMapping::invocation).toList();
    }

    static HostInvocation invocation(CommandInvocation invocation)
    {
        String name = Optional.ofNullable(invocation.instanceName()).filter(text -> !text.isBlank()).orElse(invocation.instanceId());
        return new HostInvocation(invocation.instanceId(), name, status(invocation.statusDetails(), invocation.status()), output(invocation.commandPlugins()));
    }

    /** Each step's output, in the document's order, a line between them; SSM has kept only the head of each. */
    static String output(List<CommandPlugin> plugins)
    {
        return plugins.stream().map(CommandPlugin::output).filter(Objects::nonNull).filter(text -> !text.isEmpty()).collect(Collectors.joining("\n"));
    }

    /**
     * From {@code StatusDetails}, which tells apart what the coarse {@code Status} lumps together (delivery
     * and execution time-outs, undeliverable, terminated, access denied, invalid platform); spelled as
     * SSM's documents spell it, in any case and spacing ({@code Cancelled} and {@code Canceled} both occur).
     * Details Deckhand does not know fall back to {@code Status}.
     */
    static InvocationStatus status(String statusDetails, CommandInvocationStatus status)
    {
        String details = statusDetails == null ? "" : statusDetails.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        return switch (details) {
            case "pending" -> InvocationStatus.PENDING;
            case "inprogress" -> InvocationStatus.IN_PROGRESS;
            case "delayed" -> InvocationStatus.DELAYED;
            case "success" -> InvocationStatus.SUCCESS;
            case "failed" -> InvocationStatus.FAILED;
            case "executiontimedout" -> InvocationStatus.EXECUTION_TIMED_OUT;
            case "deliverytimedout" -> InvocationStatus.DELIVERY_TIMED_OUT;
            case "undeliverable" -> InvocationStatus.UNDELIVERABLE;
            case "terminated" -> InvocationStatus.TERMINATED;
            case "cancelled", "canceled" -> InvocationStatus.CANCELLED;
            case "cancelling", "canceling" -> InvocationStatus.CANCELLING;
            case "accessdenied" -> InvocationStatus.ACCESS_DENIED;
            case "invalidplatform" -> InvocationStatus.INVALID_PLATFORM;
            default -> status(status);
        };
    }

    /**
     * The coarse status, when the details say nothing Deckhand knows. {@code TimedOut} is taken as an
     * execution time-out: the command may have run, which is the safer thing to believe of a deploy.
     * A status this SDK does not know is taken as still running, so the caller's own deadline decides.
     */
    static InvocationStatus status(CommandInvocationStatus status)
    {
        if (status == null) {
            return InvocationStatus.IN_PROGRESS;
        }
        return switch (status) {
            case PENDING -> InvocationStatus.PENDING;
            case IN_PROGRESS, UNKNOWN_TO_SDK_VERSION -> InvocationStatus.IN_PROGRESS;
            case DELAYED -> InvocationStatus.DELAYED;
            case SUCCESS -> InvocationStatus.SUCCESS;
            case CANCELLED -> InvocationStatus.CANCELLED;
            case CANCELLING -> InvocationStatus.CANCELLING;
            case TIMED_OUT -> InvocationStatus.EXECUTION_TIMED_OUT;
            case FAILED -> InvocationStatus.FAILED;
        };
    }

    static CancelCommandRequest cancel(String commandId)
    {
        return CancelCommandRequest.builder().commandId(commandId).build();
    }

    /** {@code tag:<key>} → values, sorted by key; a key given with the prefix, or without values, is a caller's mistake. */
    private static Map<String, List<String>> tagFilters(Targets targets)
    {
        Map<String, List<String>> filters = new TreeMap<>();
        targets.tags().forEach((key, values) -> {
            if (key.isBlank() || key.startsWith(TAG)) {
                throw new IllegalArgumentException("a target's tag key is the tag's name, without tag: (" + key + ")");
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("the target tag " + key + " has no values");
            }
            filters.put(TAG + key, List.copyOf(values));
        });
        return filters;
    }

    private static InstanceInformationStringFilter filter(String key, List<String> values)
    {
        return InstanceInformationStringFilter.builder().key(key).values(values).build();
    }
}
