package dev.deckhand.deploy;

import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What {@code /deploy}, {@code /deploy status} and {@code /deploy history} show; from the store alone, so they answer at once. */
final class DeployQueries
{
    private final DeployStore store;
    private final DeployViews views;

    DeployQueries(DeployStore store, DeployViews views)
    {
        this.store = requireNonNull(store, "store is null");
        this.views = requireNonNull(views, "views is null");
    }

    /** Each service and environment: what runs there and who put it there, its lock, a deploy in progress. */
    String status(List<ServiceDefinition> services)
    {
        Text text = views.text();
        if (services.isEmpty()) {
            return text.get("no.services");
        }
        List<String> lines = new ArrayList<>(List.of(text.get("list.header")));
        for (ServiceDefinition service : services) {
            lines.add(service(service));
        }
        return String.join("\n", lines);
    }

    /** One service: its name and repository, then each environment on a line of its own. */
    String service(ServiceDefinition service)
    {
        Text text = views.text();
        List<String> lines = new ArrayList<>(List.of("*" + service.name() + "* (`" + service.repository().name() + "`)"));
        if (service.environments().isEmpty()) {
            lines.add(text.get("no.environments", "service", service.name()));
        }
        for (EnvironmentDefinition environment : service.environments().values()) {
            lines.add(line(text, service, environment));
        }
        return String.join("\n", lines);
    }

    String history(ServiceDefinition service, EnvironmentDefinition environment)
    {
        Text text = views.text();
        List<Deploy> deploys = store.history(service.name(), environment.name(), 10);
        if (deploys.isEmpty()) {
            return text.get("history.empty", "service", service.name(), "environment", environment.name());
        }
        List<String> lines = new ArrayList<>(List.of(text.get("history.header", "service", service.name(), "environment", environment.name())));
        for (Deploy deploy : deploys) {
            String took = deploy.duration().map(duration -> text.get("history.took", "took", views.took(duration))).orElse("");
            int total = Math.max(deploy.hostsExpected(), deploy.hostsSucceeded() + deploy.hostsFailed());
            lines.add(text.get("history.line", "when", views.when(deploy.startedAt().orElse(deploy.requestedAt())), "mark", mark(deploy),
                    "tag", deploy.tag(), "digest", deploy.shortDigest(), "user", DeployViews.mention(deploy.requestedBy()),
                    "outcome", text.get("status.outcome." + deploy.status().tag()), "succeeded", deploy.hostsSucceeded(), "total", total, "took", took));
        }
        return String.join("\n", lines);
    }

    private String line(Text text, ServiceDefinition service, EnvironmentDefinition environment)
    {
        String current = store.current(service.name(), environment.name())
                .map(deploy -> text.get("list.current", "tag", deploy.tag(), "digest", deploy.shortDigest(), "user", DeployViews.mention(deploy.requestedBy()),
                        "when", views.when(deploy.finishedAt().orElse(deploy.requestedAt()))))
                .orElse(text.get("list.current.none"));
        String lock = Optional.ofNullable(store.locks(service.name(), environment.name()).get(Lock.Kind.MANUAL))
                .map(held -> text.get("list.lock", "user", DeployViews.mention(held.lockedBy()), "reason", held.reason()))
                .orElse("");
        String running = store.running(service.name(), environment.name()).map(deploy -> text.get("list.running", "tag", deploy.tag())).orElse("");
        return text.get("list.environment", "environment", environment.name(), "current", current, "lock", lock, "running", running);
    }

    private static String mark(Deploy deploy)
    {
        return switch (deploy.status()) {
            case SUCCEEDED -> ":white_check_mark:";
            case PARTIAL -> ":warning:";
            case FAILED -> ":x:";
            case STOPPED -> ":octagonal_sign:";
            case RUNNING -> ":arrows_counterclockwise:";
            case PROPOSED, AWAITING_APPROVAL, CANCELLED, REJECTED, EXPIRED -> ":white_circle:";
        };
    }
}
