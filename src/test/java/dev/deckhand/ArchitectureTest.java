package dev.deckhand;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The dependency rules of STYLE.md: a Slack- and AWS-free core; only {@code app} sees every module. */
@AnalyzeClasses(packages = "dev.deckhand", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest
{
    private static final String[] CAPABILITIES = {"dev.deckhand.scripts..", "dev.deckhand.deploy..", "dev.deckhand.jobs..", "dev.deckhand.admin.."};

    @ArchTest
    static final ArchRule CORE_DOES_NOT_TOUCH_BOLT_OR_AWS = noClasses()
            .that().resideInAnyPackage(
                    "dev.deckhand.scripts..",
                    "dev.deckhand.deploy..",
                    "dev.deckhand.jobs..",
                    "dev.deckhand.access..",
                    "dev.deckhand.audit..",
                    "dev.deckhand.config..",
                    "dev.deckhand.chat..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.slack.api.bolt..",
                    "com.slack.api.methods..",
                    "com.slack.api.app_backend..",
                    "software.amazon..")
            .because("capabilities talk to the Chat port and the aws ports; Block Kit (com.slack.api.model) is fine");

    @ArchTest
    static final ArchRule ONLY_SLACK_TOUCHES_BOLT = noClasses()
            .that().resideOutsideOfPackage("dev.deckhand.slack..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.slack.api.bolt..",
                    "com.slack.api.methods..",
                    "com.slack.api.app_backend..")
            .because("the Slack adapter is thin and the only one that knows Bolt and the Web API client");

    @ArchTest
    static final ArchRule ONLY_AWS_TOUCHES_THE_AWS_SDK = noClasses()
            .that().resideOutsideOfPackage("dev.deckhand.aws..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..")
            .because("the AWS SDK stays behind the RemoteCommands and ImageRegistry ports");

    @ArchTest
    static final ArchRule NOTHING_DEPENDS_ON_APP = noClasses()
            .that().resideOutsideOfPackage("dev.deckhand.app..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.deckhand.app..")
            .because("app is the composition root: it sees every module, and no module sees it");

    @ArchTest
    static final ArchRule CONFIG_KNOWS_NO_CAPABILITY = noClasses()
            .that().resideInAPackage("dev.deckhand.config..")
            .should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
            .because("each capability owns its config section; config/ is the engine and the shared sections");

    @ArchTest
    static final ArchRule CAPABILITIES_DO_NOT_DEPEND_ON_EACH_OTHER = slices()
            .matching("dev.deckhand.(scripts|deploy|jobs|admin)..")
            .should().notDependOnEachOther()
            .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAPackage("dev.deckhand.*.port"))
            .because("a capability that needs another goes through a small port it offers");

    @ArchTest
    static final ArchRule A_PORT_IS_ONLY_INTERFACES_AND_VALUES = noClasses()
            .that().resideInAPackage("dev.deckhand.*.port")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.deckhand.*.port")
            .because("what a capability offers others names nothing of its insides");

    @ArchTest
    static final ArchRule CONSOLE_DOES_NOT_DEPEND_ON_SLACK = noClasses()
            .that().resideInAPackage("dev.deckhand.console..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.deckhand.slack..", "com.slack.api.bolt..", "com.slack.api.methods..")
            .because("the console and Slack are two adapters over the same interaction package");

    @ArchTest
    static final ArchRule ERRORS_DO_NOT_DEPEND_ON_CHAT = noClasses()
            .that().resideInAPackage("dev.deckhand.errors..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.deckhand.chat..", "dev.deckhand.interaction..", "dev.deckhand.slack..", "com.slack..")
            .because("store/ and aws/ depend on the error taxonomy without depending on chat");

    @ArchTest
    static final ArchRule PLATFORM_DOES_NOT_DEPEND_ON_CAPABILITIES = noClasses()
            .that().resideInAnyPackage("dev.deckhand.config..", "dev.deckhand.errors..", "dev.deckhand.text..", "dev.deckhand.store..",
                    "dev.deckhand.tasks..", "dev.deckhand.outbox..", "dev.deckhand.interaction..", "dev.deckhand.chat..", "dev.deckhand.web..",
                    "dev.deckhand.slack..", "dev.deckhand.console..", "dev.deckhand.access..", "dev.deckhand.audit..", "dev.deckhand.lifecycle..")
            .should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
            .because("adding a capability is a package plus a line in MainModule; nothing else learns its name");

    @ArchTest
    static final ArchRule TASKS_IS_THE_ENGINE_ALONE = noClasses()
            .that().resideInAPackage("dev.deckhand.tasks..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.deckhand.outbox..", "dev.deckhand.chat..", "dev.deckhand.slack..", "dev.deckhand.interaction..")
            .because("tasks/ is durable work on db-scheduler; the Slack outbox is built on it in outbox/");
}
