package dev.deckhand.deploy.hooks;

import dev.deckhand.config.ConfigNode;
import dev.deckhand.config.ConfigSection;
import dev.deckhand.config.Secret;
import dev.deckhand.config.Tokens;
import dev.deckhand.config.SectionContext;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.Language;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code hooks}: the ECR hook's {@code token} (at least {@value #MIN_TOKEN} characters, usually
 * {@code ${DECKHAND_HOOKS_TOKEN}}) and the {@code snsTopics} it takes notifications from, each an SNS
 * topic ARN. Unknown keys, a short token and an ARN of another shape are problems at their paths.
 */
public final class HooksSection
        implements ConfigSection<HooksConfig>
{
    static final int MIN_TOKEN = Tokens.MIN_LENGTH;
    private static final Bundle BUNDLE = Bundle.of(HooksSection.class);
    private static final Set<String> KEYS = Set.of("token", "snsTopics");
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\\d{1,2}:\\d{12}:[A-Za-z0-9_-]{1,256}");

    @Override
    public String key()
    {
        return "hooks";
    }

    @Override
    public Class<HooksConfig> type()
    {
        return HooksConfig.class;
    }

    @Override
    public HooksConfig read(ConfigNode hooks, SectionContext context)
    {
        if (!hooks.isObject()) {
            return HooksConfig.none();
        }
        hooks.onlyKeys(KEYS);
        Optional<Secret> token = hooks.optional("token").flatMap(Tokens::read);
        List<String> topics = hooks.optional("snsTopics").map(HooksSection::topics).orElse(List.of());
        return new HooksConfig(token, topics);
    }

    @Override
    public HooksConfig absent(SectionContext context)
    {
        return HooksConfig.none();
    }

    @Override
    public Optional<String> summary(HooksConfig hooks, Language language)
    {
        if (hooks.token().isPresent()) {
            return Optional.of(BUNDLE.in(language).get("config.summary.token", "count", hooks.snsTopics().size()));
        }
        if (!hooks.snsTopics().isEmpty()) {
            return Optional.of(BUNDLE.in(language).get("config.summary.topics", "count", hooks.snsTopics().size()));
        }
        return Optional.empty();
    }

    private static List<String> topics(ConfigNode topics)
    {
        if (!topics.isList()) {
            topics.problem("must be a list of SNS topic ARNs");
            return List.of();
        }
        List<String> arns = new ArrayList<>();
        for (ConfigNode topic : topics.elements()) {
            topic.text().ifPresent(arn -> {
                if (!TOPIC_ARN.matcher(arn).matches()) {
                    topic.problem("'" + arn + "' is not an SNS topic ARN; write it like arn:aws:sns:ap-northeast-2:123456789012:deckhand-ecr");
                }
                else if (arns.contains(arn)) {
                    topic.problem("'" + arn + "' is listed twice");
                }
                else {
                    arns.add(arn);
                }
            });
        }
        return arns;
    }
}
