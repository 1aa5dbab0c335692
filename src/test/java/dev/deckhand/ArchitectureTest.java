package dev.deckhand;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency rules of STYLE.md: a Slack- and AWS-free core; only {@code app} sees every module. */
@AnalyzeClasses(packages = "dev.deckhand", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest
{
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
}
