package dev.deckhand.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * A fake SSM Run Command API ({@code AmazonSSM}) on loopback: managed instances with tags and a
 * ping status; SendCommand that records the whole request and creates a Pending invocation for
 * each instance its targets match (tag keys ANDed, values ORed, or instance ids); invocations that
 * move as the test says, set directly ({@link #progress}) or by a {@link Progression} asked at
 * every poll; ListCommandInvocations and DescribeInstanceInformation paged by MaxResults and
 * NextToken; CancelCommand; InvocationDoesNotExist for the first lists after a send when asked
 * ({@link #hideInvocations}); and, from {@link AwsJsonServer}, throttling, access denied and call counts.
 * <pre>{@code
 * TestingSsm ssm = new TestingSsm();
 * ssm.addInstances(200, "web", Map.of("Service", "web"));          // i-00000000000000001 … web-001 …
 * ssm.script((instanceId, poll) -> poll < 3 ? Optional.empty() : Optional.of(Step.of("Success", "deployed")));
 * String commandId = ssm.lastSent().commandId();
 * ssm.progress(commandId, "i-00000000000000002", "Delivery Timed Out", "");
 * ssm.calls("ListCommandInvocations");
 * }</pre>
 */
public final class TestingSsm
        extends AwsJsonServer
{
    /** The head of stdout and stderr the agent keeps in ListCommandInvocations' details. */
    public static final int MAX_OUTPUT = 2500;
    public static final String TRUNCATED = "\n---Output truncated---";
    public static final String PLUGIN = "aws:runShellScript";
    private static final Set<String> UNFINISHED = Set.of("Pending", "InProgress", "Delayed", "Cancelling");

    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final List<String> cancelled = new ArrayList<>();
    private Progression progression = Progression.NONE;
    private int hiddenLists;

    public TestingSsm()
    {
        super("AmazonSSM", "ssm");
    }

    /** A managed instance, Online. */
    public synchronized void addInstance(String instanceId, String computerName, Map<String, String> tags)
    {
        instances.put(instanceId, new Instance(instanceId, computerName, Map.copyOf(tags), "Online"));
    }

    /** {@code count} instances with the same tags, ids {@code i-} and 17 digits after those there are, names {@code prefix-001} …; their ids. */
    public synchronized List<String> addInstances(int count, String prefix, Map<String, String> tags)
    {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = "i-%017d".formatted(instances.size() + 1);
            addInstance(id, "%s-%03d".formatted(prefix, i), tags);
            ids.add(id);
        }
        return ids;
    }

    /** {@code Online}, {@code ConnectionLost} or {@code Inactive}. */
    public synchronized void pingStatus(String instanceId, String pingStatus)
    {
        Instance instance = requireNonNull(instances.get(instanceId), "no such instance");
        instances.put(instanceId, new Instance(instanceId, instance.computerName(), instance.tags(), pingStatus));
    }

    /** Every SendCommand accepted, in order. */
    public synchronized List<SentCommand> sent()
    {
        return commands.values().stream().map(Command::sent).toList();
    }

    public synchronized SentCommand lastSent()
    {
        List<SentCommand> sent = sent();
        if (sent.isEmpty()) {
            throw new IllegalStateException("no command was sent");
        }
        return sent.get(sent.size() - 1);
    }

    /** Sets one host's invocation now: {@code statusDetails} as SSM spells it ({@code In Progress}, {@code Delivery Timed Out}, …). */
    public synchronized void progress(String commandId, String instanceId, String statusDetails, String output)
    {
        progress(commandId, instanceId, Step.of(statusDetails, output));
    }

    public synchronized void progress(String commandId, String instanceId, Step step)
    {
        Map<String, Step> invocations = command(commandId).invocations();
        if (!invocations.containsKey(instanceId)) {
            throw new IllegalArgumentException(instanceId + " is not a target of " + commandId);
        }
        invocations.put(instanceId, step.truncated());
    }

    /** Sets every host's invocation of the command now. */
    public synchronized void progressAll(String commandId, String statusDetails, String output)
    {
        command(commandId).invocations().keySet().forEach(instanceId -> progress(commandId, instanceId, statusDetails, output));
    }

    /** Asked for each unfinished invocation at every poll (a list without a NextToken), before answering; empty leaves it as it is. */
    public synchronized void script(Progression progression)
    {
        this.progression = requireNonNull(progression, "progression is null");
    }

    /** The first {@code lists} ListCommandInvocations of each command sent from now on answer InvocationDoesNotExist, as SSM catching up does. */
    public synchronized void hideInvocations(int lists)
    {
        hiddenLists = lists;
    }

    /** How many polls (lists without a NextToken, hidden ones not counted) the command has had. */
    public synchronized int polls(String commandId)
    {
        return command(commandId).polls();
    }

    /** Each host's StatusDetails for the command now. */
    public synchronized Map<String, String> statuses(String commandId)
    {
        Map<String, String> statuses = new LinkedHashMap<>();
        command(commandId).invocations().forEach((instanceId, step) -> statuses.put(instanceId, step.statusDetails()));
        return statuses;
    }

    /** The commands CancelCommand was called for, in order. */
    public synchronized List<String> cancelled()
    {
        return List.copyOf(cancelled);
    }

    @Override
    Answer answer(String operation, JsonNode request)
    {
        return switch (operation) {
            case "SendCommand" -> sendCommand(request);
            case "ListCommandInvocations" -> listCommandInvocations(request);
            case "CancelCommand" -> cancelCommand(request);
            case "DescribeInstanceInformation" -> describeInstanceInformation(request);
            default -> error("UnknownOperationException", "TestingSsm does not answer " + operation);
        };
    }

    private Answer sendCommand(JsonNode request)
    {
        Optional<String> invalid = invalidSend(request);
        if (invalid.isPresent()) {
            return error("ValidationException", invalid.get());
        }
        Map<String, List<String>> targets = new LinkedHashMap<>();
        request.path("Targets").forEach(target -> targets.put(target.path("Key").asText(), textList(target.path("Values"))));
        List<String> instanceIds = textList(request.path("InstanceIds"));
        List<String> unknown = new ArrayList<>(instanceIds);
        unknown.addAll(targets.getOrDefault("InstanceIds", List.of()));
        unknown.removeAll(instances.keySet());
        if (!unknown.isEmpty()) {
            return error("InvalidInstanceId", "Instances " + unknown + " not in a valid state for account 123456789012");
        }
        List<String> matched = instances.values().stream()
                .filter(instance -> instanceIds.contains(instance.id()) || !targets.isEmpty() && matches(instance, targets))
                .map(Instance::id)
                .toList();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.path("Parameters").fields().forEachRemaining(entry -> parameters.put(entry.getKey(), textList(entry.getValue())));
        String commandId = UUID.randomUUID().toString();
        SentCommand sent = new SentCommand(commandId, request.path("DocumentName").asText(), text(request, "DocumentVersion"), targets, instanceIds, parameters,
                text(request, "MaxConcurrency"), text(request, "MaxErrors"), request.has("TimeoutSeconds") ? Optional.of(request.path("TimeoutSeconds").asInt()) : Optional.empty(),
                text(request, "Comment"), matched, Instant.now());
        Map<String, Step> invocations = new LinkedHashMap<>();
        matched.forEach(id -> invocations.put(id, Step.of("Pending", "")));
        commands.put(commandId, new Command(sent, invocations, hiddenLists));
        return ok(object().set("Command", commandJson(sent)));
    }

    private static Optional<String> invalidSend(JsonNode request)
    {
        if (request.path("DocumentName").asText("").isEmpty()) {
            return Optional.of("1 validation error detected: Value null at 'documentName' failed to satisfy constraint: Member must not be null");
        }
        if (request.path("Targets").size() > 5) {
            return Optional.of("1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length less than or equal to 5");
        }
        if (request.path("Comment").asText("").length() > 100) {
            return Optional.of("1 validation error detected: Value at 'comment' failed to satisfy constraint: Member must have length less than or equal to 100");
        }
        int timeout = request.path("TimeoutSeconds").asInt(600);
        if (timeout < 30 || timeout > 2_592_000) {
            return Optional.of("1 validation error detected: Value '" + timeout + "' at 'timeoutSeconds' failed to satisfy constraint: Member must have value between 30 and 2592000");
        }
        if (!request.has("Targets") && !request.has("InstanceIds")) {
            return Optional.of("either Targets or InstanceIds must be given");
        }
        return Optional.empty();
    }

    private Answer listCommandInvocations(JsonNode request)
    {
        Command command = commands.get(request.path("CommandId").asText(""));
        if (command == null) {
            return error("InvalidCommandId", "");
        }
        if (command.hiddenLeft() > 0) {
            command.hide();
            return error("InvocationDoesNotExist", "");
        }
        int size = request.path("MaxResults").asInt(50);
        int offset = offset(request, "NextToken");
        if (size < 1 || size > 50) {
            return error("ValidationException", "1 validation error detected: Value '" + size + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
        }
        if (offset < 0) {
            return error("InvalidNextToken", "The specified token is not valid.");
        }
        if (!request.has("NextToken")) {
            poll(command);
        }
        String only = request.path("InstanceId").asText("");
        List<Map.Entry<String, Step>> invocations = command.invocations().entrySet().stream().filter(entry -> only.isEmpty() || entry.getKey().equals(only)).toList();
        ArrayNode page = JSON.createArrayNode();
        boolean details = request.path("Details").asBoolean(false);
        invocations.stream().skip(offset).limit(size).forEach(entry -> page.add(invocationJson(command.sent(), entry.getKey(), entry.getValue(), details)));
        ObjectNode response = object().set("CommandInvocations", page);
        if (offset + size < invocations.size()) {
            response.put("NextToken", token(offset + size));
        }
        return ok(response);
    }

    private void poll(Command command)
    {
        int poll = command.poll();
        command.invocations().replaceAll((instanceId, step) -> step.finished() ? step : progression.next(instanceId, poll).map(Step::truncated).orElse(step));
    }

    private Answer cancelCommand(JsonNode request)
    {
        String commandId = request.path("CommandId").asText("");
        Command command = commands.get(commandId);
        if (command == null) {
            return error("InvalidCommandId", "");
        }
        List<String> only = textList(request.path("InstanceIds"));
        command.invocations().replaceAll((instanceId, step) -> step.finished() || !(only.isEmpty() || only.contains(instanceId)) ? step : Step.of("Cancelled", step.output()));
        cancelled.add(commandId);
        return ok(object());
    }

    private Answer describeInstanceInformation(JsonNode request)
    {
        int size = request.path("MaxResults").asInt(10);
        int offset = offset(request, "NextToken");
        if (size < 5 || size > 50) {
            return error("ValidationException", "1 validation error detected: Value '" + size + "' at 'maxResults' failed to satisfy constraint: Member must have value between 5 and 50");
        }
        if (offset < 0) {
            return error("InvalidNextToken", "The specified token is not valid.");
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (JsonNode filter : request.path("Filters")) {
            String key = filter.path("Key").asText();
            if (!key.startsWith("tag:") && !key.equals("InstanceIds") && !key.equals("PingStatus")) {
                return error("InvalidFilterKey", "TestingSsm filters by tag:<key>, InstanceIds and PingStatus, not " + key);
            }
            filters.put(key, textList(filter.path("Values")));
        }
        List<Instance> matching = instances.values().stream().filter(instance -> matches(instance, filters)).toList();
        ArrayNode page = JSON.createArrayNode();
        matching.stream().skip(offset).limit(size).forEach(instance -> page.add(instanceJson(instance)));
        ObjectNode response = object().set("InstanceInformationList", page);
        if (offset + size < matching.size()) {
            response.put("NextToken", token(offset + size));
        }
        return ok(response);
    }

    /** Every key matches (AND), each by any of its values (OR). */
    private static boolean matches(Instance instance, Map<String, List<String>> filters)
    {
        return filters.entrySet().stream().allMatch(filter -> switch (filter.getKey()) {
            case "InstanceIds" -> filter.getValue().contains(instance.id());
            case "PingStatus" -> filter.getValue().contains(instance.pingStatus());
            default -> filter.getValue().contains(instance.tags().get(filter.getKey().substring("tag:".length())));
        });
    }

    private Command command(String commandId)
    {
        return requireNonNull(commands.get(commandId), () -> "no command " + commandId);
    }

    private static Optional<String> text(JsonNode request, String field)
    {
        return request.has(field) ? Optional.of(request.path(field).asText()) : Optional.empty();
    }

    private static ObjectNode commandJson(SentCommand sent)
    {
        ObjectNode command = object()
                .put("CommandId", sent.commandId())
                .put("DocumentName", sent.documentName())
                .put("DocumentVersion", sent.documentVersion().orElse("$DEFAULT"))
                .put("Comment", sent.comment().orElse(""))
                .put("Status", "Pending")
                .put("StatusDetails", "Pending")
                .put("TargetCount", sent.matched().size())
                .put("CompletedCount", 0)
                .put("ErrorCount", 0)
                .put("MaxConcurrency", sent.maxConcurrency().orElse("50"))
                .put("MaxErrors", sent.maxErrors().orElse("0"))
                .put("TimeoutSeconds", sent.timeoutSeconds().orElse(600))
                .put("RequestedDateTime", timestamp(sent.at()));
        command.set("InstanceIds", strings(sent.instanceIds()));
        ArrayNode targets = command.putArray("Targets");
        sent.targets().forEach((key, values) -> targets.addObject().put("Key", key).set("Values", strings(values)));
        ObjectNode parameters = command.putObject("Parameters");
        sent.parameters().forEach((name, values) -> parameters.set(name, strings(values)));
        return command;
    }

    private ObjectNode invocationJson(SentCommand sent, String instanceId, Step step, boolean details)
    {
        ObjectNode invocation = object()
                .put("CommandId", sent.commandId())
                .put("InstanceId", instanceId)
                .put("InstanceName", instances.get(instanceId).computerName())
                .put("Comment", sent.comment().orElse(""))
                .put("DocumentName", sent.documentName())
                .put("DocumentVersion", sent.documentVersion().orElse("1"))
                .put("RequestedDateTime", timestamp(sent.at()))
                .put("Status", step.status())
                .put("StatusDetails", step.statusDetails())
                .put("StandardOutputUrl", "")
                .put("StandardErrorUrl", "");
        ArrayNode plugins = invocation.putArray("CommandPlugins");
        if (details) {
            plugins.addObject()
                    .put("Name", PLUGIN)
                    .put("Status", step.status())
                    .put("StatusDetails", step.statusDetails())
                    .put("ResponseCode", step.status().equals("Success") ? 0 : step.finished() ? 1 : -1)
                    .put("Output", step.output());
        }
        return invocation;
    }

    private static ObjectNode instanceJson(Instance instance)
    {
        return object()
                .put("InstanceId", instance.id())
                .put("PingStatus", instance.pingStatus())
                .put("LastPingDateTime", timestamp(Instant.now()))
                .put("AgentVersion", "3.3.2746.0")
                .put("IsLatestVersion", true)
                .put("PlatformType", "Linux")
                .put("PlatformName", "Amazon Linux")
                .put("PlatformVersion", "2023")
                .put("ResourceType", "EC2Instance")
                .put("IPAddress", "10.0.0." + (instance.id().hashCode() & 0xff))
                .put("ComputerName", instance.computerName());
    }

    /** What a host's invocation does at a poll ({@code poll} counts from 1); empty leaves it as it is. */
    @FunctionalInterface
    public interface Progression
    {
        Progression NONE = (instanceId, poll) -> Optional.empty();

        Optional<Step> next(String instanceId, int poll);
    }

    /**
     * An invocation's state: {@code statusDetails} as SSM spells it, the coarse {@code status} it goes with
     * ({@link #of} derives it), and the output so far, cut as the agent cuts it at {@value #MAX_OUTPUT} characters.
     */
    public record Step(String statusDetails, String status, String output)
    {
        public Step
        {
            requireNonNull(statusDetails, "statusDetails is null");
            requireNonNull(status, "status is null");
            requireNonNull(output, "output is null");
        }

        public static Step of(String statusDetails, String output)
        {
            return new Step(statusDetails, statusOf(statusDetails), output);
        }

        boolean finished()
        {
            return !UNFINISHED.contains(status);
        }

        Step truncated()
        {
            return output.length() <= MAX_OUTPUT ? this : new Step(statusDetails, status, output.substring(0, MAX_OUTPUT) + TRUNCATED);
        }

        private static String statusOf(String statusDetails)
        {
            return switch (statusDetails) {
                case "Pending" -> "Pending";
                case "In Progress" -> "InProgress";
                case "Delayed" -> "Delayed";
                case "Success" -> "Success";
                case "Cancelled", "Canceled" -> "Cancelled";
                case "Cancelling" -> "Cancelling";
                case "Delivery Timed Out", "Execution Timed Out" -> "TimedOut";
                default -> "Failed";
            };
        }
    }

    /** A SendCommand as received: targets by key as sent ({@code tag:Service}, {@code InstanceIds}); the ids of the instances it matched. */
    public record SentCommand(String commandId, String documentName, Optional<String> documentVersion, Map<String, List<String>> targets, List<String> instanceIds,
            Map<String, List<String>> parameters, Optional<String> maxConcurrency, Optional<String> maxErrors, Optional<Integer> timeoutSeconds, Optional<String> comment,
            List<String> matched, Instant at)
    {
        public SentCommand
        {
            targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
            instanceIds = List.copyOf(instanceIds);
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            matched = List.copyOf(matched);
        }
    }

    private record Instance(String id, String computerName, Map<String, String> tags, String pingStatus) {}

    private static final class Command
    {
        private final SentCommand sent;
        private final Map<String, Step> invocations;
        private int hiddenLeft;
        private int polls;

        Command(SentCommand sent, Map<String, Step> invocations, int hiddenLeft)
        {
            this.sent = sent;
            this.invocations = invocations;
            this.hiddenLeft = hiddenLeft;
        }

        SentCommand sent()
        {
            return sent;
        }

        Map<String, Step> invocations()
        {
            return invocations;
        }

        int hiddenLeft()
        {
            return hiddenLeft;
        }

        void hide()
        {
            hiddenLeft--;
        }

        int polls()
        {
            return polls;
        }

        int poll()
        {
            return ++polls;
        }
    }
}
