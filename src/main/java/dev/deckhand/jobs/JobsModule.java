package dev.deckhand.jobs;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.access.AccessPolicy;
import dev.deckhand.aws.RemoteCommands;
import dev.deckhand.chat.Chat;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.interaction.Button;
import dev.deckhand.interaction.ButtonAction;
import dev.deckhand.interaction.HomeSection;
import dev.deckhand.interaction.HomeTab;
import dev.deckhand.interaction.Reply;
import dev.deckhand.interaction.SlashCommand;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.lifecycle.Threads;
import dev.deckhand.scripts.port.ScriptExecutor;
import dev.deckhand.store.Jdbc;
import dev.deckhand.tasks.DurableTasks;
import dev.deckhand.tasks.Instances;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.web.HttpEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Provider;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code /jobs}: jobs Deckhand runs on a schedule, from a trigger or a button, and jobs that report
 * in through ping URLs; runs, alerts that do not flood, the missed-run watch, and the board.
 */
public final class JobsModule
        extends AbstractModule
{
    @Override
    protected void configure() {}

    @Provides
    @Singleton
    static JobStore store(Jdbc jdbc)
    {
        return new JobStore(jdbc);
    }

    @Provides
    @Singleton
    static JobViews views(CurrentLanguage language)
    {
        return new JobViews(new JobsMessages(language));
    }

    @Provides
    @Singleton
    static Supplier<JobsConfig> jobs(ConfigHolder config)
    {
        return () -> config.current().section(JobsConfig.class);
    }

    /** A change to a job refreshes the App Home board of whoever opened it. */
    @Provides
    @Singleton
    static JobsChanged changed(Provider<HomeTab> home)
    {
        // A provider: the board the tab shows is made of the services that report changes.
        JobsChanged changed = new JobsChanged();
        changed.listen(() -> home.get().changed());
        return changed;
    }

    @ProvidesIntoSet
    static HomeSection home(JobBoard board, JobViews views)
    {
        return new JobsHomeSection(board, views);
    }

    @Provides
    @Singleton
    static JobAlerts alerts(ConfigHolder config, JobStore store, Jdbc jdbc, Chat chat, JobViews views, MeterRegistry metrics, Clock clock, JobsChanged changed)
    {
        return new JobAlerts(config, store, new JobSuccessNotes(jdbc), chat, views, metrics, clock, changed);
    }

    @Provides
    @Singleton
    static Attempts attempts()
    {
        return new Attempts(Executors.newCachedThreadPool(Threads.named("deckhand-job")), Executors.newSingleThreadScheduledExecutor(Threads.named("deckhand-job-ticker")));
    }

    @Provides
    @Singleton
    static JobRuns runs(ConfigHolder config, JobStore store, ScriptExecutor scripts, RemoteCommands commands, JobAlerts alerts, JobViews views, Chat chat,
            Provider<DurableTasks> tasks, Attempts attempts, MeterRegistry metrics, Clock clock, Instances instances)
    {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        JobExecutor executor = new JobExecutor(scripts, commands, http, clock);
        return new JobRuns(config, store, executor, alerts, views, chat, tasks, attempts.runs(), attempts.ticker(), metrics, clock, instances.self().value());
    }

    @Provides
    @Singleton
    static JobSchedules schedules(ConfigHolder config, JobStore store, JobRuns runs, JobAlerts alerts, Chat chat, Provider<DurableTasks> tasks, MeterRegistry metrics,
            Clock clock)
    {
        return new JobSchedules(config, store, new JobSlots(runs, store, alerts, chat, clock), tasks, metrics, clock);
    }

    @Provides
    @Singleton
    static JobWatch watch(Supplier<JobsConfig> jobs, JobStore store, JobAlerts alerts, JobRuns runs, Provider<DurableTasks> tasks, Instances instances,
            MeterRegistry metrics, Clock clock)
    {
        return new JobWatch(jobs, store, alerts, runs, tasks, instances, metrics, clock);
    }

    @Provides
    @Singleton
    static PingService pings(Supplier<JobsConfig> jobs, JobStore store, JobAlerts alerts, JobRuns runs, Clock clock)
    {
        return new PingService(jobs, store, alerts, runs, clock);
    }

    @Provides
    @Singleton
    static JobsService service(Supplier<JobsConfig> jobs, JobStore store, JobRuns runs, AccessPolicy access, JobViews views, Clock clock, JobsChanged changed)
    {
        return new JobsService(jobs, store, runs, access, views, clock, changed);
    }

    @Provides
    @Singleton
    static JobBoard board(JobsService service, JobStore store, JobSchedules schedules, JobViews views)
    {
        return new JobBoard(service, store, schedules, views);
    }

    @ProvidesIntoSet
    static SlashCommand command(JobsService service, JobBoard board, JobViews views)
    {
        return new JobsCommand(service, board, views);
    }

    @ProvidesIntoSet
    static ButtonAction rerun(JobsService service)
    {
        return new Button(JobViews.RERUN, false, (job, clicker) -> Reply.text(service.run(job, clicker)));
    }

    @ProvidesIntoSet
    static ButtonAction pause(JobsService service, JobViews views)
    {
        return new Button(JobViews.PAUSE, false, (job, clicker) -> Reply.text(service.pause(job, clicker, views.text().get("pause.from.alert"))));
    }

    @ProvidesIntoSet
    static ButtonAction log(JobStore store, JobsService service, Chat chat, JobViews views)
    {
        JobLogs logs = new JobLogs(store, service, chat, views);
        return new Button(JobViews.LOG, false, (run, clicker) -> Reply.text(logs.show(run, clicker)));
    }

    @ProvidesIntoSet
    static TaskDefinition slots(JobSchedules schedules)
    {
        return schedules.task();
    }

    @ProvidesIntoSet
    static TaskDefinition retries(JobRuns runs)
    {
        return runs.retryTask();
    }

    @ProvidesIntoSet
    static TaskDefinition retention(Jdbc jdbc, Clock clock)
    {
        return new JobRetention(jdbc, clock).task();
    }

    @ProvidesIntoSet
    static TaskDefinition watchTask(JobWatch watch)
    {
        return watch.task();
    }

    /** After the durable tasks start (bound after the tasks module): the schedules follow the config from then on. */
    @ProvidesIntoSet
    static Managed followSchedules(JobSchedules schedules)
    {
        return schedules;
    }

    /** Attempts still going are interrupted (their processes killed) and end as interrupted. */
    @ProvidesIntoSet
    static Managed stopAttempts(Attempts attempts)
    {
        return attempts;
    }

    @ProvidesIntoSet
    static HttpEndpoint trigger(Supplier<JobsConfig> jobs, JobsService service)
    {
        return new HttpEndpoint("/jobs/*", new JobTriggerServlet(jobs, service));
    }

    @ProvidesIntoSet
    static HttpEndpoint ping(PingService pings)
    {
        return new HttpEndpoint("/ping/*", new PingServlet(pings));
    }

    /** The threads attempts run on, and the ticker that edits watched runs' messages. */
    record Attempts(ExecutorService runs, ScheduledExecutorService ticker)
            implements Managed
    {
        @Override
        public void start() {}

        @Override
        public void stop()
        {
            ticker.shutdownNow();
            runs.shutdownNow();
            try {
                runs.awaitTermination(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
