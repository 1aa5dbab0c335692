package dev.deckhand.testing;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import dev.deckhand.aws.AwsModule;
import dev.deckhand.aws.AwsSettings;
import dev.deckhand.aws.ImageRegistry;
import dev.deckhand.aws.RemoteCommands;
import dev.deckhand.lifecycle.Managed;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS side of tests: settings that point the real SDK at {@link TestingSsm} and {@link TestingEcr}
 * in {@value #REGION}, fixed fake credentials (so the SDK never looks for real ones), and the ports
 * wired by {@link AwsModule} in an injector as strict as Deckhand's.
 * <pre>{@code
 * try (TestingSsm ssm = new TestingSsm(); TestingEcr ecr = new TestingEcr(); TestingAws.Ports aws = TestingAws.ports(ssm, ecr)) {
 *     aws.commands().send(…);   aws.images().byTag(…);
 * }
 * }</pre>
 */
public final class TestingAws
{
    public static final String REGION = "ap-northeast-2";
    public static final String ACCESS_KEY = "AKIDTESTINGDECKHAND0";

    private TestingAws() {}

    public static AwsCredentialsProvider credentials()
    {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "testing-secret-key-not-a-real-one"));
    }

    /** Both services at their fakes; an attempt may take 2 s, a call with its retries 20 s. */
    public static AwsSettings settings(URI ssm, URI ecr)
    {
        return new AwsSettings(Optional.of(REGION), Optional.of(ssm), Optional.of(ecr), Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    public static AwsSettings settings(TestingSsm ssm, TestingEcr ecr)
    {
        return settings(ssm.endpoint(), ecr.endpoint());
    }

    /** The ports through {@link AwsModule}, as Deckhand builds them; closing stops what the module closes. */
    public static Ports ports(TestingSsm ssm, TestingEcr ecr)
    {
        return ports(settings(ssm, ecr));
    }

    public static Ports ports(AwsSettings settings)
    {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new AbstractModule()
        {
            @Override
            protected void configure()
            {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
                bind(AwsSettings.class).toInstance(settings);
            }
        }, AwsModule.signingWith(credentials()));
        Set<Managed> managed = injector.getInstance(Key.get(new TypeLiteral<Set<Managed>>() {}));
        return new Ports(injector.getInstance(RemoteCommands.class), injector.getInstance(ImageRegistry.class), List.copyOf(managed));
    }

    /** The two ports, and what stops them. */
    public record Ports(RemoteCommands commands, ImageRegistry images, List<Managed> managed)
            implements AutoCloseable
    {
        @Override
        public void close()
                throws Exception
        {
            List<Managed> reversed = new ArrayList<>(managed);
            Collections.reverse(reversed);
            for (Managed each : reversed) {
                each.stop();
            }
        }
    }
}
