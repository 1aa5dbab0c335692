package dev.deckhand.config;

import dev.deckhand.app.MainModule;
import dev.deckhand.scripts.ScriptsConfig;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The section contract: a capability adds its section beside its module, and the loader checks it with the rest. */
class ConfigSectionsTest
{
    @TempDir
    Path directory;

    @Test
    void typosInTheServicesAndJobsSectionsAreReportedWithTheirPaths()
            throws IOException
    {
        List<ConfigProblem> problems = problems("""
                services:
                  - name: web
                    repositry: web
                    environments:
                      prod: { targets: { "tag:Env": prod }, approvals: "many", maxErrors: 0 }
                    healthcheck: { url: "http://localhost:3000/health", within: soon }
                    watch: { tags: "^sha-", pol: 1m }
                jobs:
                  - name: static-build
                    shedule: "*/30 * * * *"
                    grace: banana
                    overlap: sometimes
                    notify: [failure, sucess]
                  - name: static-build
                    every: 1d
                """, List.of());

        assertThat(problems).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "services[0].repositry: unknown key; expected one of [container, document, environments, healthcheck, name, region, registry, repository, watch]",
                "services[0].environments.prod.approvals: 'many' is not a whole number",
                "services[0].healthcheck.within: 'soon' is not a duration; write it like 30s, 10m, 1h or 1d",
                "services[0].watch.pol: unknown key; expected one of [autoDeploy, poll, tags]",
                "jobs[0].shedule: unknown key; expected one of [allow, catchUp, channel, every, failureTolerance, grace, maxRuntime, minRuntime, name, notify, overlap, ping, retries, run, schedule, timeout, timezone, trigger]",
                "jobs[0].grace: 'banana' is not a duration; write it like 30s, 10m, 1h or 1d",
                "jobs[0].overlap: 'sometimes' is not one of allow, forbid",
                "jobs[0].notify: 'sucess' is not something to notify about; use failure, missed, recovery, success",
                "jobs[1]: a job named 'static-build' is already defined");
    }

    @Test
    void aSectionAddedByACapabilityIsReadCheckedAndSummarised()
            throws IOException
    {
        Path file = write("""
                widgets:
                  - { name: knob, script: hello }
                scripts:
                  dir: %s
                  list:
                    - { name: hello, command: [hello.sh], allow: [everyone] }
                """.formatted(scripts()));

        DeckhandConfig config = loader(List.of(new WidgetsSection())).load(file);

        assertThat(config.section(Widgets.class).scripts()).containsExactly("hello");
        assertThat(config.summaries(Language.EN)).contains("1 scripts", "0 services", "0 jobs", "1 widgets");
        assertThat(config.summaries(Language.KO)).contains("스크립트 1개");
    }

    @Test
    void aSectionAddedByACapabilityReportsItsTyposAndItsCrossSectionProblems()
            throws IOException
    {
        List<ConfigProblem> problems = problems("""
                widgets:
                  - { name: knob, scirpt: hello }
                  - { name: dial, script: missing }
                """, List.of(new WidgetsSection()));

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "widgets[0].scirpt: unknown key; expected one of [name, script]",
                "widgets[1].script: 'missing' is not a script under scripts.list");
    }

    @Test
    void anUnknownTopLevelKeyIsStillAProblemAndNamesTheAddedSection()
            throws IOException
    {
        assertThat(problems("gadgets: []\n", List.of(new WidgetsSection()))).extracting(ConfigProblem::toString)
                .containsExactly("gadgets: unknown key; expected one of [access, hooks, jobs, locale, scripts, services, slack, timezone, widgets]");
    }

    @Test
    void theLocaleIsASharedSection()
            throws IOException
    {
        assertThat(loader(List.of()).load(write("locale: ko\n")).locale()).isEqualTo(Language.KO);
        assertThat(loader(List.of()).load(write("{}\n")).locale()).isEqualTo(Language.EN);
        assertThat(problems("locale: fr\n", List.of())).extracting(ConfigProblem::toString).containsExactly("locale: 'fr' is not a language Deckhand speaks; use en or ko");
    }

    @Test
    void twoSectionsCannotClaimOneKey()
    {
        assertThatThrownBy(() -> loader(List.of(new WidgetsSection(), new WidgetsSection())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("widgets");
    }

    /** A capability's section as a test writes one: a list of widgets, each naming a script. */
    private static final class WidgetsSection
            implements ConfigSection<Widgets>
    {
        @Override
        public String key()
        {
            return "widgets";
        }

        @Override
        public Class<Widgets> type()
        {
            return Widgets.class;
        }

        @Override
        public Widgets read(ConfigNode node, SectionContext context)
        {
            List<String> scripts = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            for (ConfigNode widget : node.elements()) {
                if (widget.isObject()) {
                    widget.onlyKeys(Set.of("name", "script"));
                    widget.required("name").flatMap(ConfigNode::text);
                    widget.optional("script").flatMap(script -> script.text().map(name -> {
                        paths.add(script.path());
                        return name;
                    })).ifPresent(scripts::add);
                }
            }
            return new Widgets(scripts, paths);
        }

        @Override
        public Widgets absent(SectionContext context)
        {
            return new Widgets(List.of(), List.of());
        }

        @Override
        public void check(Widgets widgets, DeckhandConfig config, ConfigProblems problems)
        {
            ScriptsConfig scripts = config.section(ScriptsConfig.class);
            for (int i = 0; i < widgets.scripts().size(); i++) {
                if (scripts.find(widgets.scripts().get(i)).isEmpty()) {
                    problems.add(widgets.paths().get(i), "'" + widgets.scripts().get(i) + "' is not a script under scripts.list");
                }
            }
        }

        @Override
        public Optional<String> summary(Widgets widgets, Language language)
        {
            return Optional.of(widgets.scripts().size() + " widgets");
        }
    }

    private record Widgets(List<String> scripts, List<String> paths) {}

    private ConfigLoader loader(List<ConfigSection<?>> extra)
    {
        List<ConfigSection<?>> sections = new ArrayList<>(MainModule.sections());
        sections.addAll(extra);
        return new ConfigLoader(new Environment(Map.of()), directory, sections);
    }

    private List<ConfigProblem> problems(String yaml, List<ConfigSection<?>> extra)
            throws IOException
    {
        Path file = write(yaml);
        ConfigException exception = catchThrowableOfType(ConfigException.class, () -> loader(extra).load(file));
        assertThat(exception).as("problems with %s", yaml).isNotNull();
        return exception.problems();
    }

    private Path scripts()
            throws IOException
    {
        Path scripts = Files.createDirectories(directory.resolve("scripts"));
        Files.writeString(scripts.resolve("hello.sh"), "#!/bin/sh\necho hi\n");
        return scripts;
    }

    private Path write(String yaml)
            throws IOException
    {
        return Files.writeString(directory.resolve("deckhand.yml"), yaml);
    }
}
